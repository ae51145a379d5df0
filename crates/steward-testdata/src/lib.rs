//! Test support for every crate: finds the real data in `../shared/data` (beside the
//! project folder) and says so when it is absent, so that tests skip instead of failing
//! for an outside contributor who does not have it.

use std::path::PathBuf;

/// The shared data folder itself.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

/// `sub` under the shared data folder, or `None` after a one-line note on stderr when it
/// is absent.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let path = root().join(sub);
    if path.exists() {
        return Some(path);
    }
    eprintln!("skipped: {} is absent", path.display());
    None
}
