//! The walk on bad input, each case a folder built in a fresh temp dir.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use steward_inventory::{walk, InventoryError};
use steward_model::facts::{FileKind, Inventory};
use steward_model::{NoProgress, Progress};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

fn write(root: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

fn rels(inventory: &Inventory) -> Vec<&str> {
    inventory.files.iter().map(|f| f.rel.as_str()).collect()
}

fn warned(inventory: &Inventory, rel: &str) -> Option<String> {
    let warning = inventory.warnings.iter().find(|w| w.path == rel)?;
    Some(warning.message.clone())
}

/// Every path under `root` with its size and modification time, links not followed.
fn snapshot(root: &Path) -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                stack.push(path.clone());
            }
            out.push((path, meta.len(), meta.modified().ok()));
        }
    }
    out.sort();
    out
}

#[test]
fn an_empty_folder_gives_an_empty_inventory() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = walk(dir.path(), &NoProgress).unwrap();
    assert!(inventory.files.is_empty());
    assert!(inventory.warnings.is_empty());
    assert_eq!(inventory.root, dir.path());
}

#[test]
fn a_missing_root_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dataset");
    let err = walk(&missing, &NoProgress).unwrap_err();
    assert!(matches!(err, InventoryError::RootMissing { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("no-such-dataset") && message.contains("does not exist"), "{message}");
}

#[test]
fn a_file_as_root_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "scan.png", PNG);
    let err = walk(&file, &NoProgress).unwrap_err();
    assert!(matches!(err, InventoryError::NotADirectory { .. }), "{err:?}");
    assert!(err.to_string().contains("scan.png"));
}

#[test]
fn files_are_sorted_with_kinds_and_sizes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "z.png", PNG);
    write(dir.path(), "a/labels.csv", b"image,label\nz.png,1\n");
    write(dir.path(), "a/b/README.md", b"---\nlicense: cc-by-4.0\n---\n");
    let inventory = walk(dir.path(), &NoProgress).unwrap();
    assert_eq!(rels(&inventory), ["a/b/README.md", "a/labels.csv", "z.png"]);
    let kinds: Vec<FileKind> = inventory.files.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, [FileKind::HfCard, FileKind::Table, FileKind::Png]);
    assert_eq!(inventory.files[2].size, PNG.len() as u64);
    assert_eq!(inventory.files[2].path, dir.path().join("z.png"));
}

#[test]
fn ignore_files_hide_nothing_but_vcs_folders_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".gitignore", b"*.png\nhidden/\n");
    write(dir.path(), ".ignore", b"*.csv\n");
    write(dir.path(), "x.png", PNG);
    write(dir.path(), "hidden/y.csv", b"a,b\n");
    write(dir.path(), ".hidden.txt", b"notes\n");
    write(dir.path(), ".git/HEAD", b"ref: refs/heads/main\n");
    write(dir.path(), "sub/.svn/entries", b"12\n");
    write(dir.path(), ".hg/store", b"x");
    let inventory = walk(dir.path(), &NoProgress).unwrap();
    assert_eq!(rels(&inventory), [".gitignore", ".hidden.txt", ".ignore", "hidden/y.csv", "x.png"]);
}

#[test]
fn progress_counts_one_step_per_file() {
    #[derive(Default)]
    struct Recorder {
        stages: Mutex<Vec<String>>,
        steps: AtomicU64,
        finished: AtomicU64,
    }
    impl Progress for Recorder {
        fn start(&self, stage: &str, total: Option<u64>) {
            assert_eq!(total, None);
            self.stages.lock().unwrap().push(stage.to_string());
        }
        fn advance(&self, n: u64) {
            self.steps.fetch_add(n, Ordering::Relaxed);
        }
        fn finish(&self) {
            self.finished.fetch_add(1, Ordering::Relaxed);
        }
    }
    let dir = tempfile::tempdir().unwrap();
    for i in 0..25 {
        write(dir.path(), &format!("d{}/f{i}.txt", i % 3), b"x");
    }
    let recorder = Recorder::default();
    let inventory = walk(dir.path(), &recorder).unwrap();
    assert_eq!(inventory.files.len(), 25);
    assert_eq!(*recorder.stages.lock().unwrap(), ["walk"]);
    assert_eq!(recorder.steps.load(Ordering::Relaxed), 25);
    assert_eq!(recorder.finished.load(Ordering::Relaxed), 1);
}

#[cfg(unix)]
mod unix {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{symlink, PermissionsExt};

    use super::*;

    /// True when permission bits do not stop this process from reading (running as root).
    fn permissions_are_ignored(path: &Path) -> bool {
        File::open(path).is_ok()
    }

    #[test]
    fn an_unreadable_file_is_kept_as_other_with_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        let secret = write(dir.path(), "secret.png", PNG);
        write(dir.path(), "ok.png", PNG);
        fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
        let inventory = walk(dir.path(), &NoProgress).unwrap();
        let ignored = permissions_are_ignored(&secret);
        fs::set_permissions(&secret, fs::Permissions::from_mode(0o644)).unwrap();

        assert_eq!(rels(&inventory), ["ok.png", "secret.png"]);
        if ignored {
            eprintln!("note: running as root, chmod 000 does not stop reads; warning not checked");
            return;
        }
        assert_eq!(inventory.files[1].kind, FileKind::Other);
        assert_eq!(inventory.files[1].size, PNG.len() as u64);
        let message = warned(&inventory, "secret.png").expect("a warning for secret.png");
        assert!(message.contains("cannot read this file"), "{message}");
    }

    #[test]
    fn an_unreadable_folder_is_a_warning_and_the_walk_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "locked/inside.png", PNG);
        write(dir.path(), "open/visible.png", PNG);
        let locked = dir.path().join("locked");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let inventory = walk(dir.path(), &NoProgress).unwrap();
        let ignored = fs::read_dir(&locked).is_ok();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();

        if ignored {
            eprintln!(
                "note: running as root, chmod 000 does not stop listing; warning not checked"
            );
            return;
        }
        assert_eq!(rels(&inventory), ["open/visible.png"]);
        let message = warned(&inventory, "locked").expect("a warning for the locked folder");
        assert!(message.contains("cannot list this folder"), "{message}");
    }

    #[test]
    fn non_utf8_names_are_printable_and_still_open() {
        let dir = tempfile::tempdir().unwrap();
        let name = OsStr::from_bytes(b"scan_\xff_\x1b.png");
        fs::write(dir.path().join(name), PNG).unwrap();
        let inventory = walk(dir.path(), &NoProgress).unwrap();
        let entry = &inventory.files[0];
        assert_eq!(entry.rel, "scan_\u{fffd}_\\u{1b}.png");
        assert_eq!(entry.path.file_name(), Some(name));
        assert_eq!(fs::read(&entry.path).unwrap(), PNG);
        assert_eq!(entry.kind, FileKind::Png);
    }

    #[test]
    fn a_huge_file_is_classified_from_its_head_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "huge.png", PNG);
        File::options().write(true).open(&path).unwrap().set_len(8 << 30).unwrap();
        let started = Instant::now();
        let inventory = walk(dir.path(), &NoProgress).unwrap();
        assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
        assert_eq!(inventory.files[0].size, 8 << 30);
        assert_eq!(inventory.files[0].kind, FileKind::Png);
    }

    #[test]
    fn a_link_loop_is_a_warning_naming_the_link() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.png", PNG);
        symlink(".", dir.path().join("loop")).unwrap();
        write(dir.path(), "sub/b.png", PNG);
        symlink("..", dir.path().join("sub/up")).unwrap();
        symlink("ping", dir.path().join("pong")).unwrap();
        symlink("pong", dir.path().join("ping")).unwrap();
        let inventory = walk(dir.path(), &NoProgress).unwrap();

        assert_eq!(rels(&inventory), ["a.png", "sub/b.png"]);
        for link in ["loop", "sub/up"] {
            let message = warned(&inventory, link).unwrap_or_else(|| panic!("no warning: {link}"));
            assert!(message.contains("loop"), "{message}");
        }
        let message = warned(&inventory, "ping").expect("a warning for ping");
        assert!(message.contains("cannot be resolved"), "{message}");
    }

    #[test]
    fn a_link_out_of_the_root_is_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        let target = write(outside.path(), "private.png", PNG);
        write(outside.path(), "elsewhere/other.png", PNG);
        let dir = tempfile::tempdir().unwrap();
        symlink(&target, dir.path().join("escape.png")).unwrap();
        symlink(outside.path().join("elsewhere"), dir.path().join("escape_dir")).unwrap();
        symlink(dir.path().join("gone.png"), dir.path().join("broken.png")).unwrap();
        let inventory = walk(dir.path(), &NoProgress).unwrap();

        assert!(inventory.files.is_empty(), "{:?}", rels(&inventory));
        for link in ["escape.png", "escape_dir"] {
            let message = warned(&inventory, link).unwrap_or_else(|| panic!("no warning: {link}"));
            assert!(message.contains("outside the audited folder"), "{message}");
        }
        assert!(warned(&inventory, "broken.png").unwrap().contains("broken symbolic link"));
    }

    #[test]
    fn in_root_file_links_are_listed_by_name_and_folder_links_skipped() {
        // The layout of a Hugging Face cache: named links in a snapshot into blobs/.
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "blobs/5e1f", PNG);
        fs::create_dir_all(dir.path().join("snapshots/main/images")).unwrap();
        symlink("../../../blobs/5e1f", dir.path().join("snapshots/main/images/x.png")).unwrap();
        symlink("snapshots/main", dir.path().join("latest")).unwrap();
        let inventory = walk(dir.path(), &NoProgress).unwrap();

        assert_eq!(rels(&inventory), ["blobs/5e1f", "snapshots/main/images/x.png"]);
        assert_eq!(inventory.files[1].kind, FileKind::Png);
        assert_eq!(inventory.files[1].size, PNG.len() as u64);
        assert!(inventory.warnings.is_empty(), "{:?}", inventory.warnings);
    }

    #[test]
    fn a_root_given_as_a_link_is_walked() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "real/a.png", PNG);
        symlink(dir.path().join("real"), dir.path().join("alias")).unwrap();
        let inventory = walk(&dir.path().join("alias"), &NoProgress).unwrap();
        assert_eq!(rels(&inventory), ["a.png"]);
    }

    #[test]
    fn a_fifo_is_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("note: mkfifo unavailable; FIFO case not checked");
            return;
        }
        let inventory = walk(dir.path(), &NoProgress).unwrap();
        assert!(inventory.files.is_empty());
        assert!(warned(&inventory, "pipe.csv").unwrap().contains("not a regular file"));
    }

    #[test]
    fn the_walk_modifies_nothing() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a/b.png", PNG);
        write(dir.path(), "c.csv.gz", b"\x1f\x8b\x08\0\0\0\0\0");
        symlink(".", dir.path().join("loop")).unwrap();
        let before = snapshot(dir.path());
        walk(dir.path(), &NoProgress).unwrap();
        assert_eq!(snapshot(dir.path()), before);
    }
}
