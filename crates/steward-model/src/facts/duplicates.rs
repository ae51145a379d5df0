//! Facts about duplicated files: groups of files with identical bytes.
//!
//! `steward-media` fills these by hashing; the `dup.*` checks read them.

use serde::{Deserialize, Serialize};

use crate::FileWarning;

/// Files whose bytes are identical.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    /// The BLAKE3 hash of the content, lowercase hex.
    pub hash: String,
    /// The size of each file in bytes.
    pub size: u64,
    /// The files, relative paths, sorted.
    pub files: Vec<String>,
    /// Distinct stored copies among `files`: names that are hard or symbolic links to one
    /// stored file count once, since deleting one of them saves nothing.
    pub copies: u64,
}

impl DuplicateGroup {
    /// Copies beyond the first: what could be deleted if one copy were kept.
    pub fn redundant_copies(&self) -> u64 {
        self.copies.saturating_sub(1)
    }

    /// Bytes that keeping one copy would save.
    pub fn wasted_bytes(&self) -> u64 {
        self.size.saturating_mul(self.redundant_copies())
    }
}

/// Every group of files with identical bytes, and what it took to find them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExactDuplicates {
    /// Groups of two or more names with identical bytes, most wasted bytes first. Empty
    /// files are never grouped (see `empty_files`).
    pub groups: Vec<DuplicateGroup>,
    /// Stored files whose every byte was hashed.
    pub files_hashed: u64,
    /// Stored files whose head and tail were hashed to rule out most size collisions.
    pub files_sampled: u64,
    /// Bytes read for hashing, both passes together.
    pub bytes_hashed: u64,
    /// Files of size 0: identical to each other by definition but wasting nothing, so they
    /// are counted here instead of forming a group.
    pub empty_files: u64,
    /// Files that could not be read while hashing; they are left out of the groups.
    pub warnings: Vec<FileWarning>,
}

impl ExactDuplicates {
    /// Groups holding at least two stored copies (not only links to one file).
    pub fn redundant_groups(&self) -> impl Iterator<Item = &DuplicateGroup> {
        self.groups.iter().filter(|g| g.copies > 1)
    }

    /// Bytes that keeping one copy of every group would save.
    pub fn wasted_bytes(&self) -> u64 {
        self.groups.iter().map(DuplicateGroup::wasted_bytes).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(size: u64, files: &[&str], copies: u64) -> DuplicateGroup {
        let files = files.iter().map(|f| f.to_string()).collect();
        DuplicateGroup { hash: "ab".into(), size, files, copies }
    }

    #[test]
    fn links_to_one_file_waste_nothing() {
        let dups = ExactDuplicates {
            groups: vec![group(10, &["a", "b", "c"], 3), group(99, &["l1", "l2"], 1)],
            ..Default::default()
        };
        assert_eq!(dups.wasted_bytes(), 20);
        assert_eq!(dups.redundant_groups().count(), 1);
    }
}
