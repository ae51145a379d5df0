//! Errors that stop the whole walk: the root itself is missing or unusable.

use std::io;
use std::path::PathBuf;

/// The audited folder cannot be walked at all. Problems with single files are warnings in
/// the inventory instead.
#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
    /// The root does not exist.
    #[error(
        "the folder to audit, {}, does not exist; check the path for typos or mount the disk \
         it lives on",
        path.display()
    )]
    RootMissing {
        /// The root as given.
        path: PathBuf,
    },
    /// The root is a file or something else that is not a folder.
    #[error(
        "{} is not a folder; give steward the dataset's folder, not one of its files",
        path.display()
    )]
    NotADirectory {
        /// The root as given.
        path: PathBuf,
    },
    /// The root exists but cannot be read or listed.
    #[error("cannot read the folder {}; check that you have permission to list it", path.display())]
    Unreadable {
        /// The root as given.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
}
