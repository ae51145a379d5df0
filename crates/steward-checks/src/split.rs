//! `split.*` rules: no split, samples listed in more than one split, groups (patients,
//! lesions) whose samples fall in more than one split, split members that match no
//! metadata row, and how the schemes of one dataset overlap.
//!
//! Group values are the dataset's own pseudonymous ids (`HAM_0000118`, `IP_7279968`); a
//! few are shown as examples because a user needs them to find the leak.

use rustc_hash::{FxHashMap, FxHashSet};

use serde_json::{json, Value};
use steward_model::facts::tables::{SchemeFacts, TablesFacts};
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
        findings.extend(sample_in_many(&scheme.scheme));
        findings.extend(group_leak(scheme));
        findings.extend(unmatched(scheme));
    }
    findings.extend(scheme_overlaps(&tables.schemes));
    findings
}

fn no_split() -> Finding {
    Finding::new("split.none", Severity::Warning, "no split defined: no split files, split column, JSON split file or split folders")
        .with_action("define a split by patient (a split column or one list per split) and ship it with the data")
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

fn splits_of(mask: u64, names: &[&str]) -> Vec<String> {
    (0..names.len()).filter(|&i| mask & bit(i) != 0).map(|i| names[i].to_string()).collect()
}

fn sample_in_many(scheme: &SplitScheme) -> Option<Finding> {
    let mut by_key: FxHashMap<&str, u64> = FxHashMap::default();
    for (i, split) in scheme.splits.iter().enumerate() {
        for member in &split.members {
            *by_key.entry(member.as_str()).or_default() |= bit(i);
        }
    }
    let mut shared: Vec<(&str, u64)> =
        by_key.iter().filter(|(_, m)| m.count_ones() > 1).map(|(k, m)| (*k, *m)).collect();
    if shared.is_empty() {
        return None;
    }
    shared.sort_unstable();
    let names = split_names(scheme);
    let examples = shared
        .iter()
        .take(EXAMPLES)
        .map(|(k, m)| json!({"sample": k, "splits": splits_of(*m, &names)}))
        .collect();
    let message =
        format!("{} samples are listed in more than one split of '{}'", shared.len(), scheme.name);
    let pairs = pair_counts(&names, shared.iter().map(|(_, m)| m), "samples");
    Some(
        Finding::new("split.sample-in-many", Severity::Error, message)
            .with_data(json!({"scheme": scheme.name, "samples": shared.len(), "pairs": pairs}))
            .with_examples(examples)
            .with_action("remove each sample from all but one split; evaluation on training samples is not evaluation"),
    )
}

/// The split mask of every group, indexed by group id.
fn group_masks(facts: &SchemeFacts) -> Vec<u64> {
    let mut masks = vec![0u64; facts.group_values.len()];
    for (i, groups) in facts.member_groups.iter().enumerate() {
        for &g in groups.iter().flatten() {
            masks[g as usize] |= bit(i);
        }
    }
    masks
}

fn group_leak(facts: &SchemeFacts) -> Option<Finding> {
    let key = facts.group_key.as_ref()?;
    let scheme = &facts.scheme;
    let masks = group_masks(facts);
    let mut leaked: Vec<u32> =
        (0..masks.len() as u32).filter(|&g| masks[g as usize].count_ones() > 1).collect();
    if leaked.is_empty() {
        return None;
    }
    leaked.sort_unstable_by_key(|&g| &facts.group_values[g as usize]);
    let names = split_names(scheme);
    let groups = masks.iter().filter(|m| **m != 0).count();
    let data = json!({
        "scheme": scheme.name,
        "key": key.column,
        "level": key.level,
        "key_table": key.table,
        "training_split": scheme.training,
        "groups": groups,
        "groups_in_multiple_splits": leaked.len(),
        "pairs": pair_counts(&names, masks.iter(), "groups"),
        "eval_samples_with_group_in_train": eval_in_train(facts, &masks),
    });
    let message = format!(
        "{} of {} {} groups ('{}') have samples in more than one split of '{}'",
        leaked.len(),
        groups,
        level_word(key.level),
        key.column,
        scheme.name
    );
    Some(
        Finding::new("split.group-leak", Severity::Error, message)
            .with_data(data)
            .with_examples(leak_examples(facts, &leaked, &names))
            .with_action(format!("re-split by '{}' so that each group falls in one split (a grouped split), then re-evaluate", key.column)),
    )
}

fn level_word(level: steward_model::facts::tables::GroupLevel) -> &'static str {
    use steward_model::facts::tables::GroupLevel::*;
    match level {
        Patient => "patient",
        Lesion => "lesion",
        Study => "study",
        Series => "series",
    }
}

/// For every split other than the training one, its samples whose group also has samples
/// in the training split.
fn eval_in_train(facts: &SchemeFacts, masks: &[u64]) -> Value {
    let scheme = &facts.scheme;
    let Some(train) = scheme.splits.iter().position(|s| Some(&s.name) == scheme.training.as_ref())
    else {
        return json!({});
    };
    let mut counts = serde_json::Map::new();
    for (i, split) in scheme.splits.iter().enumerate().filter(|(i, _)| *i != train) {
        let n = facts.member_groups[i]
            .iter()
            .flatten()
            .filter(|&&g| masks[g as usize] & bit(train) != 0)
            .count();
        counts.insert(split.name.clone(), json!(n));
    }
    Value::Object(counts)
}

fn leak_examples(facts: &SchemeFacts, leaked: &[u32], names: &[&str]) -> Vec<Value> {
    leaked
        .iter()
        .take(EXAMPLES)
        .map(|&group| {
            let per_split: serde_json::Map<String, Value> = facts
                .member_groups
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    (names[i].to_string(), g.iter().filter(|v| **v == Some(group)).count())
                })
                .filter(|(_, n)| *n > 0)
                .map(|(name, n)| (name, json!(n)))
                .collect();
            json!({"group": facts.group_values[group as usize], "samples": per_split})
        })
        .collect()
}

fn unmatched(facts: &SchemeFacts) -> Option<Finding> {
    let total: u64 = facts.unmatched.iter().sum();
    let table = facts.joined_to.as_ref()?;
    if total == 0 {
        return None;
    }
    let members: usize = facts.scheme.splits.iter().map(|s| s.members.len()).sum();
    let per_split: serde_json::Map<String, Value> = facts
        .scheme
        .splits
        .iter()
        .zip(&facts.unmatched)
        .map(|(s, n)| (s.name.clone(), json!(n)))
        .collect();
    let message = format!(
        "{total} of {members} members of '{}' match no row of '{table}'",
        facts.scheme.name
    );
    let examples = unmatched_examples(facts);
    Some(
        Finding::new("split.unmatched-members", Severity::Warning, message)
            .with_data(json!({"scheme": facts.scheme.name, "table": table, "unmatched": total, "members": members, "per_split": per_split}))
            .with_examples(examples)
            .with_action("check that the split files and the metadata table name samples the same way, or pass --key"),
    )
}

fn unmatched_examples(facts: &SchemeFacts) -> Vec<Value> {
    let mut out = Vec::new();
    for (split, groups) in facts.scheme.splits.iter().zip(&facts.member_groups) {
        for (member, group) in split.members.iter().zip(groups) {
            if group.is_none() && out.len() < EXAMPLES {
                out.push(json!({"split": split.name, "sample": member}));
            }
        }
    }
    out
}

/// How each pair of schemes overlaps: for every split of one and split of the other, the
/// samples they share. A warning when one scheme's training samples are the other's
/// evaluation samples: a model trained on one and tested on the other is tested on its
/// training data.
fn scheme_overlaps(schemes: &[SchemeFacts]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, a) in schemes.iter().enumerate() {
        for b in &schemes[i + 1..] {
            findings.extend(overlap(&a.scheme, &b.scheme));
        }
    }
    findings
}

fn overlap(a: &SplitScheme, b: &SplitScheme) -> Option<Finding> {
    let index = member_index(b);
    let mut cells = Vec::new();
    let mut train_in_eval = Vec::new();
    for sa in &a.splits {
        let mut counts = vec![0u64; b.splits.len()];
        for m in sa.members.iter().map(String::as_str).collect::<FxHashSet<_>>() {
            let mask = index.get(m).copied().unwrap_or(0);
            for (j, count) in counts.iter_mut().enumerate() {
                *count += u64::from(mask & bit(j) != 0);
            }
        }
        for (sb, &n) in b.splits.iter().zip(&counts) {
            cells.push(json!({"a_split": sa.name, "b_split": sb.name, "samples": n}));
            if n > 0 && crosses_training(a, &sa.name, b, &sb.name) {
                train_in_eval.push(json!({"training_of": if is_training(a, &sa.name) { &a.name } else { &b.name }, "a_split": sa.name, "b_split": sb.name, "samples": n}));
            }
        }
    }
    let shared: u64 = cells.iter().map(|c| c["samples"].as_u64().unwrap_or(0)).sum();
    if shared == 0 {
        return None;
    }
    let severity = if train_in_eval.is_empty() { Severity::Info } else { Severity::Warning };
    let message = overlap_message(a, b, &train_in_eval);
    Some(
        Finding::new("split.scheme-overlap", severity, message)
            .with_data(json!({"a": a.name, "b": b.name, "overlaps": cells, "training_in_evaluation": train_in_eval.clone()}))
            .with_examples(train_in_eval)
            .with_action("evaluate a model only on the test split of the scheme it was trained with; say which scheme your results use"),
    )
}

/// The split mask of every member of `scheme`.
fn member_index(scheme: &SplitScheme) -> FxHashMap<&str, u64> {
    let mut index: FxHashMap<&str, u64> = FxHashMap::default();
    for (j, split) in scheme.splits.iter().enumerate() {
        for m in &split.members {
            *index.entry(m.as_str()).or_default() |= bit(j);
        }
    }
    index
}

fn is_training(scheme: &SplitScheme, split: &str) -> bool {
    scheme.training.as_deref() == Some(split)
}

fn crosses_training(a: &SplitScheme, sa: &str, b: &SplitScheme, sb: &str) -> bool {
    is_training(a, sa) != is_training(b, sb)
}

fn overlap_message(a: &SplitScheme, b: &SplitScheme, train_in_eval: &[Value]) -> String {
    match train_in_eval.iter().max_by_key(|c| c["samples"].as_u64()) {
        Some(worst) => format!(
            "schemes '{}' and '{}' overlap: {} samples of '{}' split '{}' are in '{}' split '{}'",
            a.name,
            b.name,
            worst["samples"],
            a.name,
            worst["a_split"].as_str().unwrap_or(""),
            b.name,
            worst["b_split"].as_str().unwrap_or("")
        ),
        None => format!(
            "schemes '{}' and '{}' share samples, training with training only",
            a.name, b.name
        ),
    }
}
