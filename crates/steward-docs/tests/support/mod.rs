//! Builds inventories for the tests: from files of the shared data, or written in a
//! temporary folder.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use steward_model::facts::{FileEntry, FileKind, Inventory};

/// The shared data folder, or `None` (with a note) when it is absent.
pub fn shared() -> Option<PathBuf> {
    steward_testdata::shared("")
}

/// An inventory of files under `root`, each with the kind given (as the inventory stage
/// would classify it).
pub fn inventory(root: &Path, files: &[(&str, FileKind)]) -> Inventory {
    let files = files.iter().map(|(rel, kind)| entry(root, rel, *kind)).collect();
    Inventory { root: root.to_path_buf(), files, warnings: Vec::new() }
}

fn entry(root: &Path, rel: &str, kind: FileKind) -> FileEntry {
    let path = root.join(rel);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    FileEntry { path, rel: rel.to_string(), size, kind, compression: None }
}

/// Writes `files` (relative path, content) into a fresh temporary folder.
pub fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (rel, content) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folders");
        std::fs::write(path, content).expect("write fixture");
    }
    dir
}
