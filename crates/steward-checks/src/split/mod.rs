//! `split.*` rules: no split, samples listed in more than one split, groups (patients,
//! lesions) whose samples fall in more than one split, split members that match no
//! metadata row, and how the schemes of one dataset overlap.
//!
//! Group values are the dataset's own pseudonymous ids (`HAM_0000118`, `IP_7279968`); a
//! few are shown as examples because a user needs them to find the leak.

mod leak;
mod overlap;
mod samples;

use serde_json::{json, Value};
use steward_model::facts::tables::TablesFacts;
use steward_model::facts::SplitScheme;
use steward_model::{Finding, Severity};

/// How many examples a finding carries.
const EXAMPLES: usize = 5;

/// All `split.*` findings for the tables stage's facts.
pub fn check(tables: &TablesFacts) -> Vec<Finding> {
    if tables.schemes.is_empty() {
        return vec![no_split()];
    }
    let mut findings = Vec::new();
    for scheme in &tables.schemes {
        findings.extend(samples::sample_in_many(&scheme.scheme));
        findings.extend(leak::group_leak(scheme));
        findings.extend(samples::unmatched(scheme));
    }
    findings.extend(overlap::scheme_overlaps(&tables.schemes));
    findings
}

fn no_split() -> Finding {
    let message = "no split defined: no split files, split column, JSON split file or \
                   split folders";
    Finding::new("split.none", Severity::Warning, message).with_action(
        "define a split by patient (a split column or one list per split) and ship it with \
         the data",
    )
}

fn split_names(scheme: &SplitScheme) -> Vec<&str> {
    scheme.splits.iter().map(|s| s.name.as_str()).collect()
}

/// The bit of split `i` in a split mask. Schemes have at most 64 splits: the tables stage
/// caps split columns at 50 values, and split words are fewer still.
fn bit(i: usize) -> u64 {
    1u64 << i.min(63)
}

/// `{"a", "b", <count_name>}` for every pair of splits: how many keys (given by their
/// split masks) are in both.
fn pair_counts<'a>(
    names: &[&str],
    masks: impl Iterator<Item = &'a u64>,
    count_name: &str,
) -> Vec<Value> {
    let mut counts = vec![vec![0u64; names.len()]; names.len()];
    for mask in masks.filter(|m| m.count_ones() > 1) {
        for (a, row) in counts.iter_mut().enumerate() {
            for (b, count) in row.iter_mut().enumerate().skip(a + 1) {
                *count += u64::from(mask & bit(a) != 0 && mask & bit(b) != 0);
            }
        }
    }
    let mut pairs = Vec::new();
    for a in 0..names.len() {
        for b in a + 1..names.len() {
            pairs.push(json!({"a": names[a], "b": names[b], count_name: counts[a][b]}));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_count_keys_in_both_splits() {
        let masks = [0b011, 0b111, 0b001, 0b110];
        let pairs = pair_counts(&["train", "val", "test"], masks.iter(), "groups");
        let count = |i: usize| pairs[i]["groups"].as_u64().unwrap();
        assert_eq!(pairs[0]["a"], "train");
        assert_eq!(pairs[0]["b"], "val");
        assert_eq!((count(0), count(1), count(2)), (2, 1, 2));
    }

    #[test]
    fn no_scheme_means_split_none() {
        let findings = check(&TablesFacts::default());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, "split.none");
    }
}
