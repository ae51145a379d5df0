//! Split schemes: which samples the dataset puts in which split, and where it says so.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::sample_key::sample_key;

/// Where a split scheme was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "kebab-case")]
pub enum SchemeOrigin {
    /// A column of a table names each row's split.
    Column {
        /// The table, relative path.
        table: String,
        /// The split column.
        column: String,
    },
    /// One table, list or JSON file per split, in one folder.
    Files {
        /// The folder holding them, relative path (`""` for the root).
        folder: String,
    },
    /// One JSON file mapping split names to members.
    Json {
        /// The file, relative path.
        file: String,
    },
    /// Folders named like splits (`train/`, `test/`) under `folder`.
    Folders {
        /// The folder holding the split folders, relative path (`""` for the root).
        folder: String,
    },
}

/// One split of a scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    /// Its name as the dataset gives it (`val`, `validation`, `train_val`).
    pub name: String,
    /// Where its members were read (a file, or `column = value`).
    pub source: String,
    /// Normalised sample keys of its members, in file order (duplicates kept).
    pub members: Vec<String>,
}

/// A set of splits that belong together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitScheme {
    /// A short name to tell schemes apart in reports (usually the folder or file).
    pub name: String,
    /// Where it was read from.
    pub origin: SchemeOrigin,
    /// Its splits, in a stable order (training first when known).
    pub splits: Vec<Split>,
    /// The split inferred to be the training one, with the reason.
    pub training: Option<String>,
}

impl SplitScheme {
    /// The names of the splits whose members include the sample key `key`.
    pub fn index(&self) -> SplitIndex<'_> {
        let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, split) in self.splits.iter().enumerate() {
            for member in &split.members {
                let slots = by_key.entry(member.as_str()).or_default();
                if !slots.contains(&i) {
                    slots.push(i);
                }
            }
        }
        SplitIndex { scheme: self, by_key }
    }
}

/// A lookup from sample keys (or files) to the splits of one scheme.
pub struct SplitIndex<'a> {
    scheme: &'a SplitScheme,
    by_key: HashMap<&'a str, Vec<usize>>,
}

impl<'a> SplitIndex<'a> {
    /// The splits listing the sample key `key`.
    pub fn splits_of_key(&self, key: &str) -> Vec<&'a str> {
        let names = self.by_key.get(key).into_iter().flatten();
        names.map(|&i| self.scheme.splits[i].name.as_str()).collect()
    }

    /// The splits a file (by its relative path) belongs to. For folder schemes the split is
    /// the folder the file sits under; otherwise the file's sample key is looked up.
    pub fn splits_of_file(&self, rel: &str) -> Vec<&'a str> {
        if let SchemeOrigin::Folders { folder } = &self.scheme.origin {
            return self.split_folder_of(folder, rel).into_iter().collect();
        }
        self.splits_of_key(sample_key(rel))
    }

    fn split_folder_of(&self, folder: &str, rel: &str) -> Option<&'a str> {
        let below =
            if folder.is_empty() { rel } else { rel.strip_prefix(folder)?.strip_prefix('/')? };
        let (first, _) = below.split_once('/')?;
        let split = self.scheme.splits.iter().find(|s| s.name == first)?;
        Some(split.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(name: &str, members: &[&str]) -> Split {
        let members = members.iter().map(|m| m.to_string()).collect();
        Split { name: name.into(), source: format!("{name}.txt"), members }
    }

    #[test]
    fn files_are_found_by_sample_key() {
        let scheme = SplitScheme {
            name: "lists".into(),
            origin: SchemeOrigin::Files { folder: "".into() },
            splits: vec![split("train", &["a", "b"]), split("test", &["b", "c"])],
            training: Some("train".into()),
        };
        let index = scheme.index();
        assert_eq!(index.splits_of_file("img/b.png"), vec!["train", "test"]);
        assert_eq!(index.splits_of_file("img/c.png"), vec!["test"]);
        assert!(index.splits_of_file("img/z.png").is_empty());
    }

    #[test]
    fn folder_schemes_use_the_folder() {
        let scheme = SplitScheme {
            name: "data".into(),
            origin: SchemeOrigin::Folders { folder: "data".into() },
            splits: vec![split("train", &["x"]), split("test", &["x"])],
            training: None,
        };
        let index = scheme.index();
        assert_eq!(index.splits_of_file("data/test/cat/x.jpg"), vec!["test"]);
        assert!(index.splits_of_file("other/test/x.jpg").is_empty());
    }
}
