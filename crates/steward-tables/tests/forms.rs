//! The forms tables and splits really ship in, each built in a temporary folder and read
//! through the inventory: compressed tables, TSV, JSON split files, split columns, split
//! folders, and the command-line overrides.

use std::fs;
use std::io::Write;
use std::path::Path;

use steward_model::facts::tables::{GroupLevel, Role, TablesFacts};
use steward_model::facts::SchemeOrigin;
use steward_model::NoProgress;
use steward_tables::TableOptions;

fn read(dir: &Path, options: &TableOptions) -> TablesFacts {
    let inventory = steward_inventory::walk(dir, &NoProgress).unwrap();
    steward_tables::read(&inventory, options).unwrap()
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn gzip(text: &str) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(text.as_bytes()).unwrap();
    encoder.finish().unwrap()
}

fn bzip2(text: &str) -> Vec<u8> {
    let mut encoder = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::default());
    encoder.write_all(text.as_bytes()).unwrap();
    encoder.finish().unwrap()
}

fn split_sizes(facts: &TablesFacts, scheme: usize) -> Vec<(String, usize)> {
    let splits = &facts.schemes[scheme].scheme.splits;
    splits.iter().map(|s| (s.name.clone(), s.members.len())).collect()
}

#[test]
fn compressed_split_tables_and_a_tsv_metadata_table() {
    let dir = tempfile::tempdir().unwrap();
    let meta = "image_id\tpatient_id\tsex\nA.png\tp1\tF\nB.png\tp2\tM\nC.png\tp1\t\n";
    write(dir.path(), "meta.tsv", meta.as_bytes());
    write(dir.path(), "splits/train.csv.gz", &gzip("file\nimg/A.png\nimg/B.png\n"));
    write(dir.path(), "splits/test.csv.bz2", &bzip2("file\nimg/C.png\nimg/Z.png\n"));
    let facts = read(dir.path(), &TableOptions::default());
    assert_eq!(facts.metadata_tables, ["meta.tsv"]);
    assert_eq!(split_sizes(&facts, 0), [("train".into(), 2), ("test".into(), 2)]);
    let scheme = &facts.schemes[0];
    assert_eq!(scheme.group_key.as_ref().unwrap().column, "patient_id");
    assert_eq!(scheme.unmatched, [0, 1], "Z.png is in no metadata row");
    assert_eq!(scheme.unmatched_examples, [("test".to_string(), "Z".to_string())]);
    let sex = &facts.tables.iter().find(|t| t.path == "meta.tsv").unwrap().columns[2];
    assert_eq!(sex.missing.get("blank"), Some(&1));
}

#[test]
fn a_json_split_file_keeps_its_split_names() {
    let dir = tempfile::tempdir().unwrap();
    let json = r#"{"train": [["x/1.jpg", 0], ["x/2.jpg", 1]], "validation": [["x/3.jpg", 0]],
                   "test": [{"image": "x/4.jpg"}]}"#;
    write(dir.path(), "dataset_split.json", json.as_bytes());
    let facts = read(dir.path(), &TableOptions::default());
    assert_eq!(facts.schemes.len(), 1);
    let scheme = &facts.schemes[0].scheme;
    assert_eq!(scheme.origin, SchemeOrigin::Json { file: "dataset_split.json".into() });
    let expected = [("train".into(), 2), ("validation".into(), 1), ("test".into(), 1)];
    assert_eq!(split_sizes(&facts, 0), expected);
    assert_eq!(scheme.training.as_deref(), Some("train"));
}

#[test]
fn a_split_column_and_the_strongest_group_key() {
    let dir = tempfile::tempdir().unwrap();
    let table = "image_name,lesion_id,patient_id,fold\n\
                 a,L1,P1,train\nb,L2,P1,test\nc,L3,P2,train\nd,L3,P2,train\n";
    write(dir.path(), "labels.csv", table.as_bytes());
    let facts = read(dir.path(), &TableOptions::default());
    let scheme = &facts.schemes[0];
    assert_eq!(
        scheme.scheme.origin,
        SchemeOrigin::Column { table: "labels.csv".into(), column: "fold".into() }
    );
    let key = scheme.group_key.as_ref().unwrap();
    assert_eq!((key.column.as_str(), key.level), ("patient_id", GroupLevel::Patient));
    assert_eq!(split_sizes(&facts, 0), [("train".into(), 3), ("test".into(), 1)]);
}

#[test]
fn folders_named_like_splits() {
    let dir = tempfile::tempdir().unwrap();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    for rel in ["chest_xray/train/NORMAL/a.png", "chest_xray/train/PNEUMONIA/b.png"] {
        write(dir.path(), rel, png);
    }
    write(dir.path(), "chest_xray/test/NORMAL/c.png", png);
    write(dir.path(), "chest_xray/val/NORMAL/d.png", png);
    let facts = read(dir.path(), &TableOptions::default());
    let scheme = &facts.schemes[0].scheme;
    assert_eq!(scheme.origin, SchemeOrigin::Folders { folder: "chest_xray".into() });
    let expected = [("train".into(), 2), ("val".into(), 1), ("test".into(), 1)];
    assert_eq!(split_sizes(&facts, 0), expected);
}

#[test]
fn overrides_name_the_columns() {
    let dir = tempfile::tempdir().unwrap();
    let table = "shot,owner,part\ns1,o1,A\ns2,o1,B\ns3,o2,B\n";
    write(dir.path(), "table.csv", table.as_bytes());
    let inferred = read(dir.path(), &TableOptions::default());
    assert!(inferred.schemes.is_empty(), "nothing names a split without the flags");
    let options = TableOptions {
        key: Some("shot".into()),
        group_by: Some("owner".into()),
        split_by: Some("part".into()),
    };
    let facts = read(dir.path(), &options);
    let roles: Vec<Role> = facts.tables[0].columns.iter().map(|c| c.role).collect();
    assert_eq!(roles, [Role::SampleKey, Role::GroupKey(GroupLevel::Patient), Role::Split]);
    let scheme = &facts.schemes[0];
    assert_eq!(scheme.group_key.as_ref().unwrap().column, "owner");
    assert_eq!(split_sizes(&facts, 0), [("A".into(), 1), ("B".into(), 2)]);
}

#[test]
fn two_schemes_in_one_folder_are_told_apart_by_pattern() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "train_list.txt", b"a.png\nb.png\n");
    write(dir.path(), "test_list.txt", b"c.png\n");
    write(dir.path(), "train_labels.csv", b"x.png,0\n");
    write(dir.path(), "val_labels.csv", b"y.png,1\n");
    let facts = read(dir.path(), &TableOptions::default());
    let names: Vec<&str> = facts.schemes.iter().map(|s| s.scheme.name.as_str()).collect();
    assert_eq!(names, [". ({}_labels.csv)", ". ({}_list.txt)"]);
}

#[test]
fn a_truncated_gzip_keeps_the_rows_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (0..20_000).map(|i| format!("img{i}.png,p{i}\n")).collect();
    let mut bytes = gzip(&format!("image_id,patient_id\n{rows}"));
    bytes.truncate(bytes.len() * 2 / 3);
    write(dir.path(), "meta.csv.gz", &bytes);
    let facts = read(dir.path(), &TableOptions::default());
    let table = &facts.tables[0];
    assert!(table.rows > 1000 && table.rows < 20_000, "{} rows", table.rows);
    let warning = &facts.warnings[0];
    let stopped = format!("reading stopped at line {} ", table.rows + 2);
    assert!(warning.message.starts_with(&stopped), "{}", warning.message);
}

#[test]
fn gzip_with_trailing_zeros_keeps_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = gzip("image_id,patient_id\na.png,p1\nb.png,p2\n");
    bytes.extend([0u8; 512]);
    write(dir.path(), "meta.csv.gz", &bytes);
    let facts = read(dir.path(), &TableOptions::default());
    assert_eq!(facts.tables[0].rows, 2);
    assert!(facts.warnings.is_empty(), "zero padding is no error: {:?}", facts.warnings);
}

#[test]
fn one_wide_line_does_not_widen_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut list: String = (0..60).map(|i| format!("img{i}.png\n")).collect();
    list.push_str(&format!("x.png {}\n", "0 ".repeat(100_000)));
    write(dir.path(), "train_list.txt", list.as_bytes());
    let facts = read(dir.path(), &TableOptions::default());
    let table = &facts.tables[0];
    assert_eq!((table.columns.len(), table.rows), (1, 61));
    assert!(facts.warnings[0].message.starts_with("1 line with more than the 1 fields"));
}

#[test]
fn a_split_named_twice_keeps_the_first_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "train.csv", b"image_id,patient_id\na.png,p1\n");
    write(dir.path(), "TRAIN.CSV", b"image_id,patient_id\nb.png,p2\n");
    write(dir.path(), "test.csv", b"image_id,patient_id\nc.png,p1\n");
    write(dir.path(), "._train.csv", b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X");
    let facts = read(dir.path(), &TableOptions::default());
    let sizes = split_sizes(&facts, 0);
    assert_eq!(sizes.len(), 2, "{sizes:?}");
    assert_eq!(facts.schemes[0].group_key.as_ref().unwrap().column, "patient_id");
    let warned: Vec<&str> = facts.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(warned, ["train.csv"], "TRAIN.CSV sorts first and is kept");
}

#[test]
fn a_split_column_given_by_flag_that_cannot_be_used_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (0..60).map(|i| format!("img{i}.png,hospital{i}\n")).collect();
    write(dir.path(), "table.csv", format!("image_id,site\n{rows}").as_bytes());
    let options = TableOptions { split_by: Some("site".into()), ..Default::default() };
    let facts = read(dir.path(), &options);
    assert!(facts.schemes.is_empty());
    let message = &facts.warnings[0].message;
    assert!(message.starts_with("--split-by not used: column 'site' holds 60"), "{message}");
    let site = &facts.tables[0].columns[1];
    assert_eq!(site.role, Role::Acquisition, "the rejected flag leaves the inferred role");
}

#[test]
fn repeated_sample_keys_in_the_metadata_table_are_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "meta.csv", b"image_id,patient_id\na.png,p1\na.png,p2\nb.png,p3\n");
    write(dir.path(), "train.txt", b"a.png\n");
    write(dir.path(), "test.txt", b"b.png\n");
    let facts = read(dir.path(), &TableOptions::default());
    assert_eq!(facts.metadata_tables, ["meta.csv"]);
    let warning = facts.warnings.iter().find(|w| w.path == "meta.csv").unwrap();
    assert!(
        warning.message.starts_with("1 row with the sample key of an earlier row"),
        "{}",
        warning.message
    );
}
