//! Facts: what reading the files tells, one module per concern. Checks read these and
//! nothing else.

pub mod docs;
pub mod duplicates;
pub mod inventory;
pub mod splits;
pub mod tables;

pub use inventory::{Compression, FileEntry, FileKind, Inventory};
pub use splits::{SchemeOrigin, Split, SplitScheme};
