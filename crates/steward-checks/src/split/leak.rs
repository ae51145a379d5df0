//! `split.group-leak`: groups (patients, lesions, studies) whose samples fall in more than
//! one split, on the strongest group key the tables stage found for the scheme.

use serde_json::{json, Map, Value};
use steward_model::facts::tables::{GroupLevel, SchemeFacts};
use steward_model::words::count;
use steward_model::{Finding, Severity};

use super::{bit, pair_counts, split_names, EXAMPLES};

/// The leak finding of one scheme, if any group is in more than one split.
pub fn group_leak(facts: &SchemeFacts) -> Option<Finding> {
    let key = facts.group_key.as_ref()?;
    let scheme = &facts.scheme;
    let masks = group_masks(facts);
    let leaked = leaked_groups(facts, &masks);
    if leaked.is_empty() {
        return None;
    }
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
        "{} of {} ('{}') have samples in more than one split of '{}'",
        leaked.len(),
        count(groups as u64, &format!("{} group", level_word(key.level))),
        key.column,
        scheme.name
    );
    let action = format!(
        "re-split by '{}' so that each group falls in one split (a grouped split), then \
         re-evaluate",
        key.column
    );
    Some(
        Finding::new("split.group-leak", Severity::Error, message)
            .with_data(data)
            .with_examples(leak_examples(facts, &leaked, &names))
            .with_action(action),
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

/// Ids of the groups in more than one split, ordered by their value.
fn leaked_groups(facts: &SchemeFacts, masks: &[u64]) -> Vec<u32> {
    let mut leaked: Vec<u32> =
        (0..masks.len() as u32).filter(|&g| masks[g as usize].count_ones() > 1).collect();
    leaked.sort_unstable_by_key(|&g| &facts.group_values[g as usize]);
    leaked
}

fn level_word(level: GroupLevel) -> &'static str {
    match level {
        GroupLevel::Patient => "patient",
        GroupLevel::Lesion => "lesion",
        GroupLevel::Study => "study",
        GroupLevel::Series => "series",
    }
}

/// For every split other than the training one, its samples whose group also has samples
/// in the training split.
fn eval_in_train(facts: &SchemeFacts, masks: &[u64]) -> Value {
    let scheme = &facts.scheme;
    let training = scheme.training.as_ref();
    let Some(train) = scheme.splits.iter().position(|s| Some(&s.name) == training) else {
        return json!({});
    };
    let mut counts = Map::new();
    for (i, split) in scheme.splits.iter().enumerate().filter(|(i, _)| *i != train) {
        let groups = facts.member_groups[i].iter().flatten();
        let n = groups.filter(|&&g| masks[g as usize] & bit(train) != 0).count();
        counts.insert(split.name.clone(), json!(n));
    }
    Value::Object(counts)
}

/// A few leaked groups with their sample count in each split.
fn leak_examples(facts: &SchemeFacts, leaked: &[u32], names: &[&str]) -> Vec<Value> {
    let per_split = |group: u32| -> Map<String, Value> {
        let counts = facts.member_groups.iter().map(|g| g.iter().filter(|v| **v == Some(group)));
        let counts = names.iter().zip(counts.map(Iterator::count));
        counts.filter(|(_, n)| *n > 0).map(|(name, n)| (name.to_string(), json!(n))).collect()
    };
    let examples = leaked.iter().take(EXAMPLES);
    let example =
        |&g: &u32| json!({"group": facts.group_values[g as usize], "samples": per_split(g)});
    examples.map(example).collect()
}
