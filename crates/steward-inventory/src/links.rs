//! Symbolic links met during the walk: which are followed, which are refused and why.
//!
//! A link to a file inside the root is followed and listed under the link's own name. A
//! Hugging Face cache is the case in point: each snapshot is a folder of named links into
//! a sibling `blobs/` folder, and those names are what cards, tables and splits refer to.
//! A link to a folder inside the root is not followed: that folder is walked at its real
//! place anyway, so following would list its files twice and invite loops. A link leading
//! outside the root is never followed, so an audit reads nothing the user did not hand it.

use std::fs::{self, Metadata};
use std::io;
use std::path::Path;

use tracing::debug;

/// What to do with one link.
pub enum LinkDecision {
    /// Follow it: a regular file inside the root, with the target's metadata.
    File(Metadata),
    /// Leave it without a warning; the reason is logged.
    Skip,
    /// Leave it and warn the user with this message.
    Warn(String),
}

/// Decides about the link at `link` (printed as `rel`), given the root's canonical path.
pub fn decide(link: &Path, rel: &str, real_root: &Path) -> LinkDecision {
    let target = match fs::canonicalize(link) {
        Ok(target) => target,
        Err(err) => return LinkDecision::Warn(unresolved(&err)),
    };
    if !target.starts_with(real_root) {
        return LinkDecision::Warn(outside(&target));
    }
    match fs::metadata(&target) {
        Ok(meta) if meta.is_file() => LinkDecision::File(meta),
        Ok(meta) if meta.is_dir() => folder_link(link, rel, &target),
        Ok(_) => LinkDecision::Warn(not_a_file()),
        Err(err) => LinkDecision::Warn(unresolved(&err)),
    }
}

fn folder_link(link: &Path, rel: &str, target: &Path) -> LinkDecision {
    let parent = link.parent().and_then(|p| fs::canonicalize(p).ok());
    if parent.is_some_and(|p| p.starts_with(target)) {
        return LinkDecision::Warn(
            "symbolic link loop: it points to a folder that contains it; not followed".into(),
        );
    }
    debug!(link = rel, "link to a folder inside the root not followed: it is walked anyway");
    LinkDecision::Skip
}

fn unresolved(err: &io::Error) -> String {
    if err.kind() == io::ErrorKind::NotFound {
        return "broken symbolic link: its target does not exist; not followed".into();
    }
    format!(
        "symbolic link cannot be resolved ({err}): a loop of links, or a target that cannot \
         be read; not followed"
    )
}

fn outside(target: &Path) -> String {
    format!(
        "symbolic link leads outside the audited folder (to {}); not followed, so its target \
         is not audited. Audit a folder that holds both (for a Hugging Face cache, the \
         `datasets--owner--name` folder) or copy the target in",
        target.to_string_lossy().escape_debug()
    )
}

fn not_a_file() -> String {
    "symbolic link to something that is neither a file nor a folder (a device, FIFO or \
     socket); not read"
        .into()
}
