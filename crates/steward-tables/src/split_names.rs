//! Tells from a file or folder name whether it holds one split, and which: `train.csv`,
//! `val_labels.csv`, `train_val_list.txt`, `mimic_test.csv`, a folder `test/`.

use crate::roles::SPLIT_WORDS;

/// Words that decorate a split file's name without changing what it holds.
const DECORATION: &[&str] = &[
    "labels",
    "label",
    "list",
    "lists",
    "split",
    "splits",
    "set",
    "files",
    "images",
    "data",
    "metadata",
    "meta",
    "annotations",
    "ids",
    "names",
    "df",
    "csv",
    "txt",
    "tsv",
];

/// A file named as one split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitName {
    /// The split's name as written (`val`, `train_val`, `Training`).
    pub name: String,
    /// The name with the split part replaced by `{}` and any `.gz`/`.bz2` dropped: files
    /// with the same pattern in one folder belong to one scheme (`{}_labels.csv`).
    pub pattern: String,
}

/// The split named by the file name `file` (directories already dropped), if any.
///
/// A name qualifies when its split words are its last meaningful tokens: `mimic_train.csv`
/// does, `ISIC_2020_Training_GroundTruth.csv` does not (it is the training set's labels,
/// not one split of a scheme).
pub fn split_name(file: &str) -> Option<SplitName> {
    let (stem, ext) = split_extension(file);
    let tokens: Vec<&str> = stem.split(['_', '-', '.', ' ']).filter(|t| !t.is_empty()).collect();
    let meaningful: Vec<usize> = (0..tokens.len()).filter(|&i| !is_decoration(tokens[i])).collect();
    let split_run = trailing_split_run(&tokens, &meaningful)?;
    let name = split_run.iter().map(|&i| tokens[i]).collect::<Vec<_>>().join("_");
    Some(SplitName { name, pattern: pattern(&tokens, &split_run, ext) })
}

fn split_extension(file: &str) -> (&str, &str) {
    let lower = file.to_ascii_lowercase();
    let compressed = [".gz", ".bz2"].iter().find(|c| lower.ends_with(*c)).map_or(0, |c| c.len());
    let inner = &file[..file.len() - compressed];
    match inner.rfind('.') {
        Some(dot) if dot > 0 => (&inner[..dot], &inner[dot..]),
        _ => (inner, ""),
    }
}

fn is_decoration(token: &str) -> bool {
    DECORATION.contains(&token.to_ascii_lowercase().as_str())
}

fn is_split_token(token: &str) -> bool {
    SPLIT_WORDS.contains(&token.to_ascii_lowercase().as_str())
}

/// The indices of the split words that end the meaningful tokens (`train`, `val` in
/// `train_val_list`).
fn trailing_split_run(tokens: &[&str], meaningful: &[usize]) -> Option<Vec<usize>> {
    let run: Vec<usize> =
        meaningful.iter().rev().take_while(|&&i| is_split_token(tokens[i])).copied().collect();
    if run.is_empty() {
        return None;
    }
    Some(run.into_iter().rev().collect())
}

fn pattern(tokens: &[&str], split_run: &[usize], ext: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if split_run.first() == Some(&i) {
            parts.push("{}");
        } else if !split_run.contains(&i) {
            parts.push(token);
        }
    }
    format!("{}{}", parts.join("_"), ext.to_ascii_lowercase())
}

/// True when the folder name `name` is a split (`train`, `Test`, `validation`).
pub fn is_split_folder(name: &str) -> bool {
    is_split_token(name)
}

/// True when the split named `name` is a training split (`train`, `training`, `train_val`).
pub fn is_training_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.split('_').any(|t| t.starts_with("train"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(file: &str) -> Option<(String, String)> {
        split_name(file).map(|s| (s.name, s.pattern))
    }

    #[test]
    fn real_split_file_names() {
        assert_eq!(name("val_labels.csv"), Some(("val".into(), "{}_labels.csv".into())));
        assert_eq!(name("train_val_list.txt"), Some(("train_val".into(), "{}_list.txt".into())));
        assert_eq!(name("test_list.txt"), Some(("test".into(), "{}_list.txt".into())));
        assert_eq!(name("train.csv"), Some(("train".into(), "{}.csv".into())));
        assert_eq!(name("mimic_Test.csv.gz"), Some(("Test".into(), "mimic_{}.csv".into())));
    }

    #[test]
    fn names_that_are_not_split_files() {
        assert_eq!(name("ISIC_2020_Training_GroundTruth.csv"), None);
        assert_eq!(name("HAM10000_metadata.csv"), None);
        assert_eq!(name("Data_Entry_2017_v2020.csv.gz"), None);
        assert_eq!(name("labels.csv"), None);
    }

    #[test]
    fn training_names() {
        assert!(is_training_name("train_val"));
        assert!(is_training_name("Training"));
        assert!(!is_training_name("test"));
        assert!(!is_training_name("val"));
    }
}
