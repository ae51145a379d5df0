//! Fingerprints files: exact duplicates by size, partial hash and full hash.
