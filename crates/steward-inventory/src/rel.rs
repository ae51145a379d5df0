//! Relative paths for printing: `/`-separated, valid UTF-8, control characters escaped.

use std::path::{Component, Path};

/// `path` relative to `root`, made safe to print. Bytes that are not UTF-8 become U+FFFD
/// and control characters (a newline or an escape in a file name) are written escaped, so
/// a name can neither break a report line nor drive a terminal. Open files by their real
/// path, never by this string.
pub fn printable_rel(root: &Path, path: &Path) -> String {
    let below = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = below.components().filter_map(printable_component).collect();
    parts.join("/")
}

fn printable_component(component: Component<'_>) -> Option<String> {
    match component {
        Component::Normal(name) => Some(escape_controls(&name.to_string_lossy())),
        Component::ParentDir => Some("..".into()),
        Component::CurDir | Component::RootDir | Component::Prefix(_) => None,
    }
}

fn escape_controls(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_become_slashes() {
        let rel = printable_rel(Path::new("/data"), Path::new("/data/a/b/c.png"));
        assert_eq!(rel, "a/b/c.png");
    }

    #[test]
    fn control_characters_are_escaped() {
        let rel = printable_rel(Path::new("/d"), Path::new("/d/bad\nname\u{1b}[31m.png"));
        assert_eq!(rel, "bad\\nname\\u{1b}[31m.png");
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_bytes_are_replaced() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;

        let path = Path::new("/d").join(OsStr::from_bytes(b"scan_\xff\xfe.dcm"));
        assert_eq!(printable_rel(Path::new("/d"), &path), "scan_\u{fffd}\u{fffd}.dcm");
    }
}
