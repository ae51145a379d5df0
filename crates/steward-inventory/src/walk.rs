//! The walk: every file under the audited folder, listed in parallel with its size and
//! kind. Nothing is written, and no ignore file (`.gitignore`, `.ignore`) hides anything:
//! an audit sees every file. Only version-control folders are skipped.
//!
//! Limitation: a file reached both at its real place and through an in-root link (a
//! Hugging Face cache's `blobs/` and `snapshots/`) is listed under both names, so file and
//! byte counts include it twice. Duplicate detection knows both names are one stored file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ignore::{DirEntry, WalkBuilder, WalkState};
use steward_model::facts::{FileEntry, FileKind, Inventory};
use steward_model::{FileWarning, Progress};
use tracing::debug;

use crate::error::InventoryError;
use crate::kind::{classify, Classification};
use crate::links::{self, LinkDecision};
use crate::rel::printable_rel;

/// Folders of version-control systems: their content is history, not the dataset.
const VCS_FOLDERS: &[&str] = &[".git", ".hg", ".svn"];

/// Lists every file under `root`, sorted by relative path, with kind and size. Fails only
/// when `root` is missing, not a folder or unreadable; problems with single files are
/// warnings in the inventory. An empty folder gives an empty inventory.
///
/// Progress: stage `walk`, total unknown, one step per file listed.
pub fn walk(root: &Path, progress: &dyn Progress) -> Result<Inventory, InventoryError> {
    let real_root = check_root(root)?;
    // Walk the root through its real path when it is itself a link, so its entries are
    // listed like those of any folder.
    let walk_root = if is_symlink(root) { real_root.as_path() } else { root };
    let visit = Visit { walk_root, real_root: &real_root, progress, found: Mutex::default() };

    progress.start("walk", None);
    builder(walk_root).build_parallel().run(|| {
        Box::new(|result| {
            visit.result(result);
            WalkState::Continue
        })
    });
    progress.finish();

    let found = visit.found.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
    Ok(found.into_inventory(root))
}

/// The canonical path of a usable root.
fn check_root(root: &Path) -> Result<PathBuf, InventoryError> {
    let path = root.to_path_buf();
    let meta = fs::metadata(root).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => InventoryError::RootMissing { path: path.clone() },
        _ => InventoryError::Unreadable { path: path.clone(), source },
    })?;
    if !meta.is_dir() {
        return Err(InventoryError::NotADirectory { path });
    }
    let unreadable = |source| InventoryError::Unreadable { path: path.clone(), source };
    fs::read_dir(root).map_err(unreadable)?;
    fs::canonicalize(root).map_err(unreadable)
}

fn is_symlink(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// A parallel walker with every filter off except the version-control folders.
fn builder(root: &Path) -> WalkBuilder {
    let mut builder = WalkBuilder::new(root);
    builder.standard_filters(false).follow_links(false).filter_entry(|entry| !is_vcs(entry));
    builder
}

fn is_vcs(entry: &DirEntry) -> bool {
    let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
    let name = entry.file_name().to_string_lossy();
    let vcs = is_dir && entry.depth() > 0 && VCS_FOLDERS.contains(&name.as_ref());
    if vcs {
        let folder = entry.path().display();
        debug!(%folder, "version-control folder skipped: its content is history, not data");
    }
    vcs
}

/// What the walker's threads collect.
#[derive(Default)]
struct Found {
    files: Vec<FileEntry>,
    warnings: Vec<FileWarning>,
}

impl Found {
    fn into_inventory(mut self, root: &Path) -> Inventory {
        self.files.sort_by(|a, b| a.rel.cmp(&b.rel).then_with(|| a.path.cmp(&b.path)));
        self.warnings.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.message.cmp(&b.message)));
        Inventory { root: root.to_path_buf(), files: self.files, warnings: self.warnings }
    }
}

/// The state shared by the walker's threads.
struct Visit<'a> {
    walk_root: &'a Path,
    real_root: &'a Path,
    progress: &'a dyn Progress,
    found: Mutex<Found>,
}

impl Visit<'_> {
    fn result(&self, result: Result<DirEntry, ignore::Error>) {
        match result {
            Ok(entry) if entry.depth() == 0 => {}
            Ok(entry) => self.entry(&entry),
            Err(err) => self.walk_error(&err),
        }
    }

    fn entry(&self, entry: &DirEntry) {
        let Some(file_type) = entry.file_type() else {
            return;
        };
        let path = entry.path();
        let rel = printable_rel(self.walk_root, path);
        if file_type.is_dir() {
            return;
        }
        if file_type.is_symlink() {
            return self.link(path, rel);
        }
        if !file_type.is_file() {
            let message = "not a regular file (a device, FIFO or socket); not read";
            return self.warn(rel, message.into());
        }
        match entry.metadata() {
            Ok(meta) => self.record(path, rel, meta.len()),
            Err(err) => self.warn(rel, format!("cannot read its size ({err}); left out")),
        }
    }

    fn link(&self, path: &Path, rel: String) {
        match links::decide(path, &rel, self.real_root) {
            LinkDecision::File(meta) => self.record(path, rel, meta.len()),
            LinkDecision::Skip => {}
            LinkDecision::Warn(message) => self.warn(rel, message),
        }
    }

    /// Classifies one file and adds it; an unreadable file is kept as `Other` with a warning.
    fn record(&self, path: &Path, rel: String, size: u64) {
        let classification = classify(path).unwrap_or_else(|err| {
            self.warn(rel.clone(), unreadable_message(&err));
            Classification { kind: FileKind::Other, compression: None }
        });
        debug!(file = rel, kind = classification.kind.as_str(), "classified");
        let entry = FileEntry {
            path: path.to_path_buf(),
            rel,
            size,
            kind: classification.kind,
            compression: classification.compression,
        };
        self.lock().files.push(entry);
        self.progress.advance(1);
    }

    fn walk_error(&self, err: &ignore::Error) {
        let rel = error_path(err).map(|p| printable_rel(self.walk_root, p)).unwrap_or_default();
        let cause = err.io_error().map_or_else(|| err.to_string(), |e| e.to_string());
        let message = format!(
            "cannot list this folder ({cause}); its files are missing from the audit. Give \
             steward read access to it"
        );
        self.warn(rel, message);
    }

    fn warn(&self, rel: String, message: String) {
        debug!(file = rel, "{message}");
        self.lock().warnings.push(FileWarning::new(rel, message));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Found> {
        self.found.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn unreadable_message(err: &io::Error) -> String {
    format!(
        "cannot read this file ({err}); it is listed as `other` and not checked further. Give \
         steward read access to it"
    )
}

/// The path an error of the walker is about.
fn error_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child),
        ignore::Error::Partial(errs) => errs.iter().find_map(error_path),
        _ => None,
    }
}
