//! Exact duplicates on folders built in temp dirs, and on real images from `shared/data`.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use steward_inventory::walk;
use steward_media::exact_duplicates;
use steward_model::facts::duplicates::ExactDuplicates;
use steward_model::NoProgress;
use steward_testdata::shared;

fn write(root: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

fn dups_of(root: &Path) -> ExactDuplicates {
    let inventory = walk(root, &NoProgress).unwrap();
    exact_duplicates(&inventory, &NoProgress)
}

fn files_of(dups: &ExactDuplicates) -> Vec<Vec<&str>> {
    dups.groups.iter().map(|g| g.files.iter().map(String::as_str).collect()).collect()
}

#[test]
fn copies_of_real_images_are_grouped_with_bytes_saved() {
    let Some(images) = shared("images/skimage") else { return };
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for rel in ["cell.png", "train/cell.png", "test/cell_copy.png"] {
        write(root, rel, &fs::read(images.join("cell.png")).unwrap());
    }
    for rel in ["retina.jpg", "backup/retina.jpg"] {
        write(root, rel, &fs::read(images.join("retina.jpg")).unwrap());
    }
    fs::copy(images.join("ihc.png"), root.join("ihc.png")).unwrap();
    fs::copy(images.join("microaneurysms.png"), root.join("microaneurysms.png")).unwrap();
    let dups = dups_of(root);

    // Sizes from stat: cell.png 74183, retina.jpg 269564 bytes.
    assert_eq!(
        files_of(&dups),
        [
            vec!["backup/retina.jpg", "retina.jpg"],
            vec!["cell.png", "test/cell_copy.png", "train/cell.png"]
        ]
    );
    assert_eq!((dups.groups[0].size, dups.groups[0].copies), (269_564, 2));
    assert_eq!((dups.groups[1].size, dups.groups[1].copies), (74_183, 3));
    assert_eq!(dups.wasted_bytes(), 269_564 + 2 * 74_183);
    let cell = blake3::hash(&fs::read(images.join("cell.png")).unwrap());
    assert_eq!(dups.groups[1].hash, cell.to_hex().to_string());
    // ihc.png and microaneurysms.png have unique sizes and are never read.
    assert_eq!(dups.files_sampled, 5);
    assert_eq!(dups.files_hashed, 5);
    assert!(dups.warnings.is_empty());
}

#[test]
fn same_size_and_same_ends_but_different_middle_is_not_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![7u8; 100_000];
    write(dir.path(), "a.bin", &bytes);
    bytes[50_000] = 8;
    write(dir.path(), "b.bin", &bytes);
    let dups = dups_of(dir.path());
    assert!(dups.groups.is_empty(), "{:?}", dups.groups);
    assert_eq!(dups.files_sampled, 2);
    assert_eq!(dups.files_hashed, 2, "ends collide, so both are hashed in full");
    assert_eq!(dups.bytes_hashed, 2 * 16_384 + 2 * 100_000);
}

#[test]
fn small_files_differing_in_one_byte_are_not_grouped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"patient 001\n");
    write(dir.path(), "b.txt", b"patient 002\n");
    write(dir.path(), "c.txt", b"patient 001\n");
    let dups = dups_of(dir.path());
    assert_eq!(files_of(&dups), [vec!["a.txt", "c.txt"]]);
    assert_eq!(dups.bytes_hashed, 36, "small files are read once, whole");
}

#[test]
fn empty_files_are_counted_not_grouped() {
    let dir = tempfile::tempdir().unwrap();
    for rel in ["a/.gitkeep", "b/.gitkeep", "empty.csv"] {
        write(dir.path(), rel, b"");
    }
    let dups = dups_of(dir.path());
    assert!(dups.groups.is_empty());
    assert_eq!(dups.empty_files, 3);
    assert_eq!(dups.files_sampled, 0);
}

#[test]
fn a_lone_huge_file_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    let huge = write(dir.path(), "huge.nii", b"");
    File::options().write(true).open(&huge).unwrap().set_len(8 << 30).unwrap();
    write(dir.path(), "small.txt", b"x");
    let dups = dups_of(dir.path());
    assert!(dups.groups.is_empty());
    assert_eq!((dups.files_sampled, dups.files_hashed, dups.bytes_hashed), (0, 0, 0));
}

#[cfg(unix)]
#[test]
fn large_files_with_different_tails_are_only_sampled() {
    let dir = tempfile::tempdir().unwrap();
    for (rel, tail) in [("a.nii", b"A"), ("b.nii", b"B")] {
        let path = write(dir.path(), rel, b"");
        let file = File::options().write(true).open(&path).unwrap();
        file.set_len(64 << 20).unwrap();
        std::os::unix::fs::FileExt::write_at(&file, tail, (64 << 20) - 1).unwrap();
    }
    let dups = dups_of(dir.path());
    assert!(dups.groups.is_empty());
    assert_eq!((dups.files_sampled, dups.files_hashed), (2, 0));
    assert_eq!(dups.bytes_hashed, 2 * 16_384);
}

#[test]
fn a_file_gone_after_the_walk_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    for rel in ["a.png", "b.png", "c.png"] {
        write(dir.path(), rel, b"same bytes");
    }
    let inventory = walk(dir.path(), &NoProgress).unwrap();
    fs::remove_file(dir.path().join("b.png")).unwrap();
    fs::write(dir.path().join("c.png"), b"other size now").unwrap();
    let dups = exact_duplicates(&inventory, &NoProgress);
    assert!(dups.groups.is_empty(), "{:?}", dups.groups);
    let warned: Vec<&str> = dups.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(warned, ["b.png", "c.png"]);
    assert!(dups.warnings[1].message.contains("changed during the audit"));
}

#[cfg(unix)]
#[test]
fn links_to_one_file_are_grouped_but_waste_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let blob = write(root, "blobs/9f2c", b"one stored image");
    fs::create_dir_all(root.join("train")).unwrap();
    fs::create_dir_all(root.join("test")).unwrap();
    std::os::unix::fs::symlink("../blobs/9f2c", root.join("train/x.png")).unwrap();
    fs::hard_link(&blob, root.join("test/x.png")).unwrap();
    write(root, "copy/x.png", b"one stored image");
    write(root, "lone/y.png", b"a second image!!");
    std::os::unix::fs::symlink("../lone/y.png", root.join("train/y.png")).unwrap();
    let dups = dups_of(root);

    assert_eq!(
        files_of(&dups),
        [
            vec!["blobs/9f2c", "copy/x.png", "test/x.png", "train/x.png"],
            vec!["lone/y.png", "train/y.png"]
        ]
    );
    assert_eq!(dups.groups[0].copies, 2);
    assert_eq!(dups.groups[1].copies, 1);
    assert_eq!(dups.wasted_bytes(), 16);
}

#[test]
fn hannover_radiographs_have_no_exact_duplicates() {
    let Some(root) = shared("images/hannover-covid19-cxr") else { return };
    let dups = dups_of(&root);
    // sha256sum finds no repeated hash; only one pair of files shares a size (225478).
    assert!(dups.groups.is_empty(), "{:?}", dups.groups);
    assert_eq!(dups.files_sampled, 2);
    assert!(dups.warnings.is_empty());
}
