//! Fingerprints files: exact duplicates by size, partial hash and full hash.
//!
//! [`exact_duplicates`] reads only what it must: files of a unique size are never opened,
//! files of a shared size are first told apart by their head and tail, and only files that
//! still collide are hashed in full.

mod exact;
mod hash;
mod stored;

pub use exact::exact_duplicates;
