//! The `split.*` and `meta.*` rules on real tables from `../shared/data/tables`, read by
//! the tables stage. Each test skips with a note when the data is absent.
//!
//! Expected values were computed independently with pandas (see `bench/pandas_audit.py`).

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use steward_checks::{meta, split};
use steward_model::facts::tables::TablesFacts;
use steward_model::facts::{Compression, FileEntry, FileKind, Inventory};
use steward_model::Finding;
use steward_tables::TableOptions;

fn data(sub: &str) -> Option<PathBuf> {
    steward_testdata::shared(&format!("tables/{sub}"))
}

/// An inventory of tables and lists under `root`, kinds by extension (the inventory
/// stage is tested on its own).
fn inventory(root: &Path) -> Inventory {
    let mut files = Vec::new();
    collect(root, root, &mut files);
    files.sort_by(|a: &FileEntry, b| a.rel.cmp(&b.rel));
    Inventory { root: root.to_path_buf(), files, warnings: Vec::new() }
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<FileEntry>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, files);
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let compression = name.ends_with(".gz").then_some(Compression::Gzip);
        let kind = if name.contains(".csv") { FileKind::Table } else { FileKind::List };
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let size = std::fs::metadata(&path).unwrap().len();
        files.push(FileEntry { path, rel, size, kind, compression });
    }
}

fn facts(root: &Path) -> TablesFacts {
    steward_tables::read(&inventory(root), &TableOptions::default()).unwrap()
}

fn only<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

fn pair(finding: &Finding, a: &str, b: &str) -> Value {
    let pairs = finding.data["pairs"].as_array().unwrap();
    let found = pairs.iter().find(|p| p["a"] == a && p["b"] == b).unwrap();
    found["groups"].clone()
}

#[test]
fn ham10000_reupload_split_leaks_lesions() {
    let Some(root) = data("ham10000") else { return };
    let tables = facts(&root);
    let findings = split::check(&tables);
    let leaks = only(&findings, "split.group-leak");
    assert_eq!(leaks.len(), 1);
    let leak = leaks[0];
    assert_eq!(leak.data["key"], "lesion_id");
    assert_eq!(leak.data["groups_in_multiple_splits"], 1186);
    assert_eq!(pair(leak, "train", "val"), 563);
    assert_eq!(pair(leak, "train", "test"), 559);
    assert_eq!(pair(leak, "val", "test"), 244);
    assert_eq!(leak.data["training_split"], "train");
    assert_eq!(leak.data["eval_samples_with_group_in_train"], json!({"val": 606, "test": 596}));
    assert!(only(&findings, "split.sample-in-many").is_empty());
    assert!(only(&findings, "split.unmatched-members").is_empty());
    let scheme = &tables.schemes[0];
    assert_eq!(scheme.unmatched, [0, 0, 0]);
    assert_eq!(scheme.joined_to.as_deref(), Some("HAM10000_metadata.csv"));
}

#[test]
fn ham10000_missing_values_and_no_acquisition() {
    let Some(root) = data("ham10000") else { return };
    let findings = meta::check(&facts(&root));
    let missing = only(&findings, "meta.missing-values");
    let table = missing.iter().find(|f| f.data["table"] == "HAM10000_metadata.csv").unwrap();
    let column = |name: &str| {
        let columns = table.data["columns"].as_array().unwrap();
        columns.iter().find(|c| c["column"] == name).unwrap()["by_value"].clone()
    };
    assert_eq!(column("age"), json!({"blank": 57}));
    assert_eq!(column("sex"), json!({"unknown": 57}));
    assert_eq!(column("localization"), json!({"unknown": 234}));
    assert_eq!(only(&findings, "meta.no-acquisition").len(), 1);
    assert!(only(&findings, "meta.no-group-key").is_empty());
}

#[test]
fn nih_cxr14_two_schemes_no_patient_leak() {
    let Some(root) = data("nih-cxr14") else { return };
    let tables = facts(&root);
    assert_eq!(tables.metadata_tables, ["Data_Entry_2017_v2020.csv.gz"]);
    assert_eq!(tables.samples, 112_120);
    let names: Vec<&str> = tables.schemes.iter().map(|s| s.scheme.name.as_str()).collect();
    assert_eq!(names, ["official-lists", "reupload-chexnet"]);
    for scheme in &tables.schemes {
        assert_eq!(scheme.group_key.as_ref().unwrap().column, "Patient ID");
        assert!(scheme.unmatched.iter().all(|&n| n == 0), "{:?}", scheme.unmatched);
    }
    let findings = split::check(&tables);
    assert!(only(&findings, "split.group-leak").is_empty());
    let overlap = only(&findings, "split.scheme-overlap");
    assert_eq!(overlap.len(), 1);
    let cells = overlap[0].data["overlaps"].as_array().unwrap();
    let cell = cells.iter().find(|c| c["a_split"] == "test" && c["b_split"] == "train").unwrap();
    assert_eq!(cell["samples"], 17920);
}

#[test]
fn isic2020_kaggle_tables_do_not_leak_patients() {
    let Some(root) = data("isic2020/kaggle-siim-isic") else { return };
    let tables = facts(&root);
    assert_eq!(tables.schemes.len(), 1);
    let scheme = &tables.schemes[0];
    assert_eq!(scheme.group_key.as_ref().unwrap().column, "patient_id");
    let sizes: Vec<usize> = scheme.scheme.splits.iter().map(|s| s.members.len()).collect();
    assert_eq!(sizes, [33126, 10982]);
    assert!(only(&split::check(&tables), "split.group-leak").is_empty());
}
