//! Describes each column of a table: its role (inferred, or given by the user), distinct
//! values, and missing values by spelling.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;

use steward_model::facts::tables::{ColumnFacts, GroupLevel, Role, TableFacts};
use tracing::debug;

use crate::roles::{infer, Inferred};
use crate::table::{Column, Table};
use crate::TableOptions;

/// Spellings of a missing value, compared lowercase after trimming.
const MISSING: &[&str] = &[
    "",
    "nan",
    "na",
    "n/a",
    "null",
    "none",
    "unknown",
    "unk",
    "?",
    "-",
    "missing",
    "not available",
    "unspecified",
];

/// The reason of a role named by `--key`, `--group-by` or `--split-by`.
pub const GIVEN: &str = "given on the command line";

/// How many values inference looks at.
const SAMPLE: usize = 1000;

/// True when `value` stands for a missing value.
pub fn is_missing(value: &str) -> bool {
    let value = value.trim();
    let first = value.bytes().next().map(|b| b.to_ascii_lowercase());
    // Every spelling is empty or starts with one of these: most values are rejected here.
    let may_be = matches!(first, None | Some(b'n' | b'u' | b'?' | b'-' | b'm'));
    may_be && value.len() <= 13 && MISSING.iter().any(|m| m.eq_ignore_ascii_case(value))
}

/// The facts of `table`; `split_file` says whether it is one split of a scheme.
pub fn describe(table: &Table, split_file: bool, options: &TableOptions) -> TableFacts {
    let columns = table
        .names
        .iter()
        .zip(&table.columns)
        .map(|(name, values)| column(&table.path, name, values, options))
        .collect();
    TableFacts {
        path: table.path.clone(),
        rows: table.rows() as u64,
        header: table.header,
        delimiter: table.delimiter.clone(),
        columns,
        split_file,
    }
}

fn column(table: &str, name: &str, values: &Column, options: &TableOptions) -> ColumnFacts {
    let Inferred { role, reason } = given_role(name, options).unwrap_or_else(|| {
        let sample: Vec<&str> =
            values.iter().filter(|v| !v.trim().is_empty()).take(SAMPLE).collect();
        infer(name, &sample)
    });
    debug!(table, column = name, role = role.as_str(), "role: {reason}");
    let distinct = distinct(values);
    let missing = if role == Role::Other { BTreeMap::new() } else { missing(values) };
    ColumnFacts { name: name.to_string(), role, reason, distinct, missing }
}

/// Distinct values. Label columns of lists hold a handful of values in a million rows, so
/// a short list is tried before a hash set.
fn distinct(values: &Column) -> u64 {
    const FEW: usize = 16;
    let mut few: Vec<&str> = Vec::with_capacity(FEW);
    for (row, value) in values.iter().enumerate() {
        if few.contains(&value) {
            continue;
        }
        if few.len() == FEW {
            let mut all: FxHashSet<&str> = few.into_iter().collect();
            all.extend((row..values.len()).map(|r| values.get(r)));
            return all.len() as u64;
        }
        few.push(value);
    }
    few.len() as u64
}

fn given_role(name: &str, options: &TableOptions) -> Option<Inferred> {
    let is = |flag: &Option<String>| flag.as_deref().is_some_and(|f| f.eq_ignore_ascii_case(name));
    let role = if is(&options.key) {
        Role::SampleKey
    } else if is(&options.group_by) {
        match infer(name, &[]).role {
            Role::GroupKey(level) => Role::GroupKey(level),
            _ => Role::GroupKey(GroupLevel::Patient),
        }
    } else if is(&options.split_by) {
        Role::Split
    } else {
        return None;
    };
    Some(Inferred { role, reason: GIVEN.into() })
}

/// Missing values by spelling: `blank` for empty or white space, else the lowercase value.
fn missing(values: &Column) -> BTreeMap<String, u64> {
    let mut counts = BTreeMap::new();
    for value in values.iter().filter(|v| is_missing(v)) {
        let trimmed = value.trim();
        let spelling =
            if trimmed.is_empty() { "blank".to_string() } else { trimmed.to_ascii_lowercase() };
        *counts.entry(spelling).or_insert(0) += 1;
    }
    counts
}

/// The index of the first column of `facts` with a role matching `pred`.
pub fn first_with(facts: &TableFacts, pred: impl Fn(Role) -> bool) -> Option<usize> {
    facts.columns.iter().position(|c| pred(c.role))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_values_are_counted_by_spelling() {
        let mut values = Column::default();
        ["", " ", "unknown", "Unknown", "NaN", "male"].into_iter().for_each(|v| values.push(v));
        let counts = missing(&values);
        assert_eq!(counts.get("blank"), Some(&2));
        assert_eq!(counts.get("unknown"), Some(&2));
        assert_eq!(counts.get("nan"), Some(&1));
        assert_eq!(counts.values().sum::<u64>(), 5);
    }

    #[test]
    fn distinct_values_few_and_many() {
        let mut few = Column::default();
        (0..1000).for_each(|i| few.push(if i % 3 == 0 { "1" } else { "0" }));
        assert_eq!(distinct(&few), 2);
        let mut many = Column::default();
        (0..1000).for_each(|i| many.push(&(i % 40).to_string()));
        assert_eq!(distinct(&many), 40);
        assert_eq!(distinct(&Column::default()), 0);
    }

    #[test]
    fn missing_spellings_are_recognised() {
        for value in ["", " ", "NaN", "n/a", "Unknown", "?", "-", "missing", "None"] {
            assert!(is_missing(value), "{value:?}");
        }
        for value in ["0", "male", "no finding", "unknown lesion"] {
            assert!(!is_missing(value), "{value:?}");
        }
    }

    #[test]
    fn flags_override_inference() {
        let options = TableOptions { group_by: Some("owner".into()), ..Default::default() };
        let role = given_role("Owner", &options).unwrap().role;
        assert_eq!(role, Role::GroupKey(GroupLevel::Patient));
    }
}
