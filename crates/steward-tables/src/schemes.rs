//! Finds split schemes in every common form: split files that belong together (same
//! folder, same name pattern), a split column, a JSON split file, folders named like
//! splits. Each scheme keeps, per split, where its members' rows are, so that group keys
//! can be read from the split files themselves.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use steward_model::facts::splits::{SchemeOrigin, Split, SplitScheme};
use steward_model::facts::tables::{Role, TableFacts};
use steward_model::facts::Inventory;
use steward_model::sample_key::sample_key;
use steward_model::FileWarning;
use tracing::debug;

use crate::columns::{first_with, is_missing};
use crate::split_names::{is_split_folder, is_training_name, SplitName};
use crate::table::Table;

/// The most distinct values a split column may hold (folds included).
const MAX_SPLITS_IN_COLUMN: usize = 50;

/// A table as read, with its facts and where it sits.
pub struct Loaded {
    /// The table.
    pub table: Table,
    /// Its facts.
    pub facts: TableFacts,
    /// The split its file name names, if any.
    pub split_name: Option<SplitName>,
    /// The folder holding it, relative (`""` for the root), for printing.
    pub folder: String,
    /// The folder holding it, as on disk: split files are grouped by this.
    pub dir: PathBuf,
}

/// Where one split's members came from: rows of a loaded table, or none (files, JSON).
pub struct SplitSource {
    /// Index into the loaded tables.
    pub table: Option<usize>,
    /// Row of each member in that table, parallel to the split's members.
    pub rows: Vec<usize>,
}

/// A scheme and the sources of its splits.
pub struct Built {
    /// The scheme.
    pub scheme: SplitScheme,
    /// One source per split, same order.
    pub sources: Vec<SplitSource>,
}

/// A JSON split file: its path and (split name, member paths).
pub type JsonSplits = (String, Vec<(String, Vec<String>)>);

/// Every scheme in the dataset.
/// File warnings (a split named twice, a split column that cannot be used) go to
/// `warnings`.
pub fn discover(
    loaded: &[Loaded],
    json: &[JsonSplits],
    inventory: &Inventory,
    warnings: &mut Vec<FileWarning>,
) -> Vec<Built> {
    let mut schemes = file_schemes(loaded, warnings);
    schemes.extend(column_schemes(loaded, warnings));
    schemes.extend(json.iter().map(json_scheme));
    schemes.extend(folder_schemes(inventory));
    for built in &mut schemes {
        order_splits(built);
        built.scheme.training = training_split(&built.scheme);
    }
    schemes
}

/// Split files grouped by the folder they sit in (its real path: printed names may be
/// lossy) and their name pattern; a group naming two or more splits is a scheme.
fn file_schemes(loaded: &[Loaded], warnings: &mut Vec<FileWarning>) -> Vec<Built> {
    let mut groups: BTreeMap<(&Path, &str), Vec<usize>> = BTreeMap::new();
    for (i, l) in loaded.iter().enumerate() {
        if let Some(name) = &l.split_name {
            groups.entry((l.dir.as_path(), name.pattern.as_str())).or_default().push(i);
        }
    }
    let patterns_per_folder = count_by_folder(&groups);
    let mut schemes = Vec::new();
    for ((dir, pattern), members) in groups {
        let members = one_file_per_split(loaded, members, warnings);
        if members.len() < 2 {
            continue;
        }
        let folder = loaded[members[0]].folder.as_str();
        let name = scheme_name(folder, pattern, patterns_per_folder[dir] > 1);
        schemes.push(file_scheme(loaded, folder, name, &members));
    }
    schemes
}

/// The first file of each split name (compared case-insensitively); a second file naming
/// the same split (`TRAIN.CSV` beside `train.csv`) is left out with a warning.
fn one_file_per_split(
    loaded: &[Loaded],
    members: Vec<usize>,
    warnings: &mut Vec<FileWarning>,
) -> Vec<usize> {
    let mut kept: Vec<usize> = Vec::new();
    for i in members {
        let name = |j: usize| loaded[j].split_name.as_ref().map(|s| s.name.to_ascii_lowercase());
        match kept.iter().find(|&&k| name(k) == name(i)) {
            Some(&first) => {
                let message = format!(
                    "names the same split as '{}'; it was left out of the scheme (rename or \
                     remove one of them)",
                    loaded[first].table.path
                );
                warnings.push(FileWarning::new(&loaded[i].table.path, message));
            }
            None => kept.push(i),
        }
    }
    kept
}

fn count_by_folder<'a>(
    groups: &BTreeMap<(&'a Path, &str), Vec<usize>>,
) -> BTreeMap<&'a Path, usize> {
    let mut counts = BTreeMap::new();
    for (folder, _) in groups.keys() {
        *counts.entry(*folder).or_insert(0) += 1;
    }
    counts
}

fn scheme_name(folder: &str, pattern: &str, several: bool) -> String {
    let folder = if folder.is_empty() { "." } else { folder };
    if several {
        format!("{folder} ({pattern})")
    } else {
        folder.to_string()
    }
}

fn file_scheme(loaded: &[Loaded], folder: &str, name: String, members: &[usize]) -> Built {
    let mut splits = Vec::new();
    let mut sources = Vec::new();
    for &i in members {
        let l = &loaded[i];
        let (split, source) = split_from_table(l, i);
        debug!(scheme = name, split = split.name, file = l.table.path, "split file");
        splits.push(split);
        sources.push(source);
    }
    let origin = SchemeOrigin::Files { folder: folder.to_string() };
    Built { scheme: SplitScheme { name, origin, splits, training: None }, sources }
}

fn split_from_table(l: &Loaded, index: usize) -> (Split, SplitSource) {
    let name = l.split_name.as_ref().map_or_else(String::new, |s| s.name.clone());
    let key = first_with(&l.facts, |r| r == Role::SampleKey).unwrap_or(0);
    let (members, rows) = match l.table.columns.get(key) {
        Some(values) => {
            let rows: Vec<usize> =
                (0..values.len()).filter(|&r| !values.get(r).trim().is_empty()).collect();
            (rows.iter().map(|&r| sample_key(values.get(r)).to_string()).collect(), rows)
        }
        None => (Vec::new(), Vec::new()),
    };
    let split = Split { name, source: l.table.path.clone(), members };
    (split, SplitSource { table: Some(index), rows })
}

fn column_schemes(loaded: &[Loaded], warnings: &mut Vec<FileWarning>) -> Vec<Built> {
    let mut out = Vec::new();
    for (i, l) in loaded.iter().enumerate().filter(|(_, l)| l.split_name.is_none()) {
        if let Some(column) = first_with(&l.facts, |r| r == Role::Split) {
            out.extend(column_scheme(l, i, column, warnings));
        }
    }
    out
}

fn column_scheme(
    l: &Loaded,
    index: usize,
    column: usize,
    warnings: &mut Vec<FileWarning>,
) -> Option<Built> {
    let values = &l.table.columns[column];
    let key = first_with(&l.facts, |r| r == Role::SampleKey);
    let mut by_value: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (row, value) in values.iter().enumerate().filter(|(_, v)| !is_missing(v)) {
        by_value.entry(value.trim()).or_default().push(row);
    }
    if by_value.len() < 2 || by_value.len() > MAX_SPLITS_IN_COLUMN {
        let why = format!(
            "column '{}' holds {} split values; a split column needs 2 to {MAX_SPLITS_IN_COLUMN}",
            l.table.names[column],
            by_value.len()
        );
        debug!(table = l.table.path, "split column not used: {why}");
        if l.facts.columns[column].reason == crate::columns::GIVEN {
            warnings.push(FileWarning::new(&l.table.path, format!("--split-by not used: {why}")));
        }
        return None;
    }
    let column_name = l.table.names[column].clone();
    let (splits, sources) = by_value
        .into_iter()
        .map(|(value, rows)| {
            let members = rows.iter().map(|&r| member_of_row(&l.table, key, r)).collect();
            let source = format!("{} = {value}", column_name);
            (
                Split { name: value.to_string(), source, members },
                SplitSource { table: Some(index), rows },
            )
        })
        .unzip();
    let origin = SchemeOrigin::Column { table: l.table.path.clone(), column: column_name.clone() };
    let name = format!("{}:{}", l.table.path, column_name);
    Some(Built { scheme: SplitScheme { name, origin, splits, training: None }, sources })
}

fn member_of_row(table: &Table, key: Option<usize>, row: usize) -> String {
    match key {
        Some(k) => sample_key(table.columns[k].get(row)).to_string(),
        None => format!("row {}", row + 1),
    }
}

fn json_scheme((path, splits): &JsonSplits) -> Built {
    let splits: Vec<Split> = splits
        .iter()
        .map(|(name, paths)| Split {
            name: name.clone(),
            source: format!("{path}: {name}"),
            members: paths.iter().map(|p| sample_key(p).to_string()).collect(),
        })
        .collect();
    let sources = splits.iter().map(|_| SplitSource { table: None, rows: Vec::new() }).collect();
    let origin = SchemeOrigin::Json { file: path.clone() };
    Built { scheme: SplitScheme { name: path.clone(), origin, splits, training: None }, sources }
}

/// Media files under folders named like splits: `chest_xray/train/NORMAL/x.jpeg` is in
/// split `train` of the scheme `chest_xray`. Only the outermost split folder counts.
fn folder_schemes(inventory: &Inventory) -> Vec<Built> {
    let mut by_folder: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for file in inventory.files.iter().filter(|f| f.kind.is_media()) {
        if let Some((folder, split)) = split_folder(&file.rel) {
            let members = by_folder.entry(folder).or_default().entry(split).or_default();
            members.push(sample_key(&file.rel).to_string());
        }
    }
    by_folder
        .into_iter()
        .filter(|(_, splits)| splits.len() >= 2)
        .map(|(f, s)| folder_scheme(f, s))
        .collect()
}

fn split_folder(rel: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = rel.split('/').collect();
    let dirs = &parts[..parts.len().saturating_sub(1)];
    let at = dirs.iter().position(|d| is_split_folder(d))?;
    Some((dirs[..at].join("/"), dirs[at].to_string()))
}

fn folder_scheme(folder: String, splits: BTreeMap<String, Vec<String>>) -> Built {
    let prefix = if folder.is_empty() { String::new() } else { format!("{folder}/") };
    let splits: Vec<Split> = splits
        .into_iter()
        .map(|(name, members)| Split { source: format!("{prefix}{name}/"), name, members })
        .collect();
    let sources = splits.iter().map(|_| SplitSource { table: None, rows: Vec::new() }).collect();
    let name = if folder.is_empty() { ".".to_string() } else { folder.clone() };
    let origin = SchemeOrigin::Folders { folder };
    Built { scheme: SplitScheme { name, origin, splits, training: None }, sources }
}

/// Training splits first, then validation, then test, then the rest; by name within.
fn order_splits(built: &mut Built) {
    let mut pairs: Vec<(Split, SplitSource)> =
        built.scheme.splits.drain(..).zip(built.sources.drain(..)).collect();
    pairs.sort_by(|a, b| (rank(&a.0.name), &a.0.name).cmp(&(rank(&b.0.name), &b.0.name)));
    (built.scheme.splits, built.sources) = pairs.into_iter().unzip();
}

fn rank(name: &str) -> u8 {
    let lower = name.to_ascii_lowercase();
    if is_training_name(&lower) {
        0
    } else if ["val", "valid", "validation", "dev"].iter().any(|w| lower.contains(w)) {
        1
    } else if lower.contains("test") || lower.contains("holdout") || lower.contains("eval") {
        2
    } else {
        3
    }
}

/// The training split: the one named `train`/`training`, else the largest one whose name
/// says train, else the largest split.
fn training_split(scheme: &SplitScheme) -> Option<String> {
    let exact = scheme
        .splits
        .iter()
        .find(|s| matches!(s.name.to_ascii_lowercase().as_str(), "train" | "training"));
    let named = || {
        scheme.splits.iter().filter(|s| is_training_name(&s.name)).max_by_key(|s| s.members.len())
    };
    let largest = || scheme.splits.iter().max_by_key(|s| s.members.len());
    let (split, why) = match exact.or_else(named) {
        Some(s) => (s, "its name says train"),
        None => (largest()?, "it is the largest split"),
    };
    debug!(scheme = scheme.name, split = split.name, "training split: {why}");
    Some(split.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outermost_split_folder() {
        assert_eq!(
            split_folder("chest_xray/train/NORMAL/a.jpeg"),
            Some(("chest_xray".into(), "train".into()))
        );
        assert_eq!(split_folder("test/x.png"), Some((String::new(), "test".into())));
        assert_eq!(split_folder("images/x.png"), None);
        assert_eq!(split_folder("train.png"), None);
    }

    #[test]
    fn splits_are_ordered_train_val_test() {
        let mut names = ["test", "val", "train"].map(String::from).to_vec();
        names.sort_by_key(|n| (rank(n), n.clone()));
        assert_eq!(names, ["train", "val", "test"]);
    }
}
