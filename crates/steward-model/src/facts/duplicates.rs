//! Facts about duplicated files: groups of files with identical bytes.
