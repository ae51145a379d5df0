//! `steward audit` as a user runs it: the shipped examples (with snapshots of the terminal
//! and JSON reports), the real tables in `../shared/data`, exit codes, and bad input.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Runs `steward` from the workspace root.
fn steward(args: &[&str]) -> Output {
    let output = Command::new(env!("CARGO_BIN_EXE_steward"))
        .args(args)
        .current_dir(workspace())
        .env_remove("RUST_LOG")
        .output()
        .unwrap();
    assert!(output.status.code().is_some(), "steward was killed: {output:?}");
    output
}

fn json_report(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["audit", "--format", "json"];
    all.extend_from_slice(args);
    let output = steward(&all);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let report = serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    (output.status.code().unwrap(), report)
}

fn findings<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == rule).collect()
}

fn shared(sub: &str) -> Option<String> {
    steward_testdata::shared(sub).map(|p| p.to_string_lossy().into_owned())
}

#[test]
fn ham10000_example_terminal_report() {
    let output = steward(&["audit", "examples/ham10000"]);
    assert_eq!(output.status.code(), Some(1), "an error finding exits with 1");
    insta::assert_snapshot!("ham10000_terminal", String::from_utf8(output.stdout).unwrap());
}

#[test]
fn ham10000_example_json_report() {
    let (code, mut report) = json_report(&["examples/ham10000"]);
    assert_eq!(code, 1);
    report["tool"]["version"] = Value::String("[version]".into());
    insta::assert_snapshot!("ham10000_json", serde_json::to_string_pretty(&report).unwrap());
}

#[test]
fn ham10000_example_leaks_lesions() {
    let (_, report) = json_report(&["examples/ham10000"]);
    let leak = findings(&report, "split.group-leak");
    assert_eq!(leak.len(), 1);
    assert_eq!(leak[0]["data"]["key"], "lesion_id");
    assert_eq!(leak[0]["data"]["groups_in_multiple_splits"], 1186);
    assert_eq!(report["summary"]["samples"], 10015);
    let terms = findings(&report, "license.terms");
    let message = "the data is under CC-BY-NC-4.0: non-commercial use only, credit the creators";
    assert_eq!(terms[0]["message"], message);
}

#[test]
fn nih_example_has_two_schemes_that_overlap() {
    let (_, report) = json_report(&["examples/nih-cxr14"]);
    let schemes = report["facts"]["schemes"].as_array().unwrap();
    assert_eq!(schemes.len(), 2);
    assert!(findings(&report, "split.group-leak").is_empty());
    let overlap = findings(&report, "split.scheme-overlap");
    assert_eq!(overlap.len(), 1);
    let cells = overlap[0]["data"]["training_in_evaluation"].as_array().unwrap();
    let worst = cells.iter().map(|c| c["samples"].as_u64().unwrap()).max();
    assert_eq!(worst, Some(17920));
}

#[test]
fn a_parent_folder_keeps_each_datasets_findings() {
    let (_, report) = json_report(&["examples"]);
    let leak = findings(&report, "split.group-leak");
    assert_eq!(leak.len(), 1);
    assert_eq!(leak[0]["data"]["scheme"], "ham10000/reupload-split");
    assert_eq!(leak[0]["data"]["key_table"], "ham10000/HAM10000_metadata.csv");
    assert_eq!(leak[0]["data"]["groups_in_multiple_splits"], 1186);
    assert!(findings(&report, "split.unmatched-members").is_empty());
    assert_eq!(report["summary"]["samples"], 112_120 + 10_015);
}

#[test]
fn a_mistyped_column_flag_is_a_run_error() {
    let output = steward(&["audit", "--group-by", "lesion-id", "examples/ham10000"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("error: --group-by 'lesion-id' names no column"), "{stderr}");
    assert!(stderr.contains("lesion_id"), "the message suggests the real column: {stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn hannover_images_licence_and_blank_ages() {
    let Some(dir) = shared("images/hannover-covid19-cxr") else { return };
    let (_, report) = json_report(&[&dir]);
    let terms = findings(&report, "license.terms");
    assert_eq!(terms[0]["data"]["licences"], serde_json::json!(["CC-BY-3.0"]));
    // data.csv leaves age blank in all 243 rows: age is absent, not present.
    let demographics = findings(&report, "meta.no-demographics");
    assert_eq!(demographics[0]["data"]["absent"], serde_json::json!(["age", "race/ethnicity"]));
    assert_eq!(report["summary"]["samples"], 243);
    assert!(findings(&report, "dup.exact").is_empty(), "PROVENANCE.md: no exact duplicates");
}

#[test]
fn isic2020_kaggle_tables_have_no_patient_leak() {
    let Some(dir) = shared("tables/isic2020/kaggle-siim-isic") else { return };
    let (_, report) = json_report(&[&dir]);
    assert!(findings(&report, "split.group-leak").is_empty());
    let scheme = &report["facts"]["schemes"][0];
    assert_eq!(scheme["group_key"]["column"], "patient_id");
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(
        steward(&["audit", "-q", "--fail-on", "none", "examples/ham10000"]).status.code(),
        Some(0)
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), "just notes\n").unwrap();
    let path = dir.path().to_str().unwrap();
    assert_eq!(
        steward(&["audit", "-q", path]).status.code(),
        Some(1),
        "license.missing is an error"
    );
    assert_eq!(steward(&["audit", "-q", "--fail-on", "none", path]).status.code(), Some(0));
}

mod bad_input {
    use super::*;

    fn audit_dir(dir: &Path) -> (i32, Value) {
        json_report(&["--fail-on", "none", dir.to_str().unwrap()])
    }

    fn warning_for<'a>(report: &'a Value, path: &str) -> Option<&'a Value> {
        report["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| w["path"].as_str().is_some_and(|p| p.contains(path)))
    }

    /// Every file name and its bytes, to prove an audit changes nothing.
    fn snapshot_tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                out.extend(snapshot_tree(&path));
            } else if meta.is_file() && meta.len() < 1 << 20 {
                out.push((path.clone(), fs::read(&path).unwrap_or_default()));
            } else {
                out.push((path, Vec::new()));
            }
        }
        out.sort();
        out
    }

    #[test]
    fn an_empty_folder_is_a_run_error() {
        let dir = tempfile::tempdir().unwrap();
        let output = steward(&["audit", dir.path().to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert!(stderr.contains("holds no files"), "{stderr}");
        assert!(output.stdout.is_empty());
    }

    #[test]
    fn a_missing_folder_is_a_run_error() {
        let output = steward(&["audit", "/nonexistent/steward-test"]);
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8(output.stderr).unwrap().contains("/nonexistent/steward-test"));
    }

    #[test]
    fn a_malformed_csv_row_is_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("meta.csv"), "image_id,patient_id\na,p1\nb\nc,p2,extra\nd,p3\n")
            .unwrap();
        let (code, report) = audit_dir(dir.path());
        assert_eq!(code, 0);
        let warning = warning_for(&report, "meta.csv").expect("a warning names the file");
        assert!(warning["message"].as_str().unwrap().contains("2 rows"), "{warning}");
        assert_eq!(report["summary"]["samples"], 2);
    }

    #[test]
    fn non_utf8_bytes_are_a_warning() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("meta.csv"), b"image_id,sex\nx1,m\xe4nnlich\nx2,f\n").unwrap();
        let (_, report) = audit_dir(dir.path());
        let warning = warning_for(&report, "meta.csv").expect("a warning names the file");
        assert!(warning["message"].as_str().unwrap().contains("UTF-8"), "{warning}");
        assert_eq!(report["summary"]["samples"], 2);
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_are_printed_safely() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = std::ffi::OsStr::from_bytes(b"scan\xff.csv");
        fs::write(dir.path().join(name), "image_id,patient_id\na,p\n").unwrap();
        let (_, report) = audit_dir(dir.path());
        assert_eq!(report["summary"]["files"], 1);
        let tables = report["facts"]["tables"].as_array().unwrap();
        assert_eq!(tables[0]["path"], "scan\u{fffd}.csv");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_a_warning_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.csv"), "image_id\nx\n").unwrap();
        std::os::unix::fs::symlink(".", dir.path().join("loop")).unwrap();
        std::os::unix::fs::symlink("/etc", dir.path().join("outside")).unwrap();
        let (code, report) = audit_dir(dir.path());
        assert_eq!(code, 0);
        assert_eq!(report["summary"]["files"], 1);
        assert!(warning_for(&report, "loop").is_some(), "{}", report["warnings"]);
        assert!(warning_for(&report, "outside").is_some(), "{}", report["warnings"]);
    }

    #[cfg(unix)]
    #[test]
    fn an_unreadable_file_is_a_warning() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        fs::write(dir.path().join("meta.csv"), "image_id\nx\n").unwrap();
        let path = dir.path().join("locked.csv");
        fs::write(&path, "image_id\nx\n").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
        let args = ["audit", "--format", "json", "--fail-on", "none", dir.path().to_str().unwrap()];
        let output = if fs::read(&path).is_ok() { as_nobody(&args) } else { Some(steward(&args)) };
        let Some(output) = output else {
            eprintln!("skipped: running as root and steward cannot be run as user nobody here");
            return;
        };
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let report: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(warning_for(&report, "locked.csv").is_some(), "{}", report["warnings"]);
        assert_eq!(report["summary"]["samples"], 1, "the readable table is still audited");
    }

    /// Runs steward as the unprivileged user `nobody` (root reads every file whatever its
    /// mode), or `None` when `setpriv` is missing or nobody cannot run the binary.
    #[cfg(unix)]
    fn as_nobody(args: &[&str]) -> Option<Output> {
        let output = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_steward"))
            .args(args)
            .output()
            .ok()?;
        let ran = output.status.code().is_some_and(|c| c < 100) && !output.stdout.is_empty();
        ran.then_some(output)
    }

    #[test]
    fn a_huge_file_is_listed_without_being_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = fs::File::create(dir.path().join("volume.bin")).unwrap();
        file.set_len(16 << 30).unwrap();
        fs::write(dir.path().join("meta.csv"), "image_id\nx\n").unwrap();
        let (code, report) = audit_dir(dir.path());
        assert_eq!(code, 0);
        assert_eq!(report["summary"]["bytes"].as_u64().unwrap(), (16 << 30) + 11);
    }

    #[test]
    fn the_audited_folder_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("train.csv"), "image_id,patient_id\na,p1\nb,p2\n").unwrap();
        fs::write(dir.path().join("test.csv"), "image_id,patient_id\nc,p1\n").unwrap();
        fs::create_dir(dir.path().join("img")).unwrap();
        fs::write(dir.path().join("img/a.png"), b"\x89PNG\r\n\x1a\n").unwrap();
        let before = snapshot_tree(dir.path());
        let (code, report) = json_report(&[dir.path().to_str().unwrap()]);
        assert_eq!(code, 1, "p1 is in train and test");
        assert_eq!(
            findings(&report, "split.group-leak")[0]["data"]["groups_in_multiple_splits"],
            1
        );
        assert_eq!(snapshot_tree(dir.path()), before);
    }
}
