//! Which stored file a path names. Hard links and in-root symbolic links give one stored
//! file several names; they hold identical bytes but deleting one saves nothing.

use std::fs;
use std::io;
use std::path::Path;

/// The identity of a stored file: device and inode on Unix.
pub type StoredId = (u64, u64);

/// The stored file behind `path` (links followed), or `None` where the platform gives no
/// identity.
///
/// Limitation: outside Unix every name counts as its own stored copy, so links there are
/// reported as copies that waste space; the standard library exposes no file identity
/// on other platforms without extra dependencies.
pub fn stored_id(path: &Path) -> io::Result<Option<StoredId>> {
    let meta = fs::metadata(path)?;
    Ok(identity(&meta))
}

#[cfg(unix)]
fn identity(meta: &fs::Metadata) -> Option<StoredId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_meta: &fs::Metadata) -> Option<StoredId> {
    None
}
