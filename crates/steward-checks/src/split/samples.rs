//! Sample-level split rules: a sample listed in more than one split
//! (`split.sample-in-many`), and split members that match no metadata row
//! (`split.unmatched-members`).

use rustc_hash::FxHashMap;
use serde_json::{json, Map, Value};
use steward_model::facts::tables::SchemeFacts;
use steward_model::facts::SplitScheme;
use steward_model::words::count;
use steward_model::{Finding, Severity};

use super::{bit, pair_counts, split_names, EXAMPLES};

/// `split.sample-in-many`: sample keys listed in more than one split of `scheme`.
pub fn sample_in_many(scheme: &SplitScheme) -> Option<Finding> {
    let mut shared = shared_samples(scheme);
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
    let samples = count(shared.len() as u64, "sample");
    let message = format!("{samples} listed in more than one split of '{}'", scheme.name);
    let pairs = pair_counts(&names, shared.iter().map(|(_, m)| m), "samples");
    let data = json!({"scheme": scheme.name, "samples": shared.len(), "pairs": pairs});
    Some(
        Finding::new("split.sample-in-many", Severity::Error, message)
            .with_data(data)
            .with_examples(examples)
            .with_action(
                "remove each sample from all but one split; evaluation on training samples \
                 is not evaluation",
            ),
    )
}

/// The samples in more than one split, each with its split mask.
fn shared_samples(scheme: &SplitScheme) -> Vec<(&str, u64)> {
    let mut by_key: FxHashMap<&str, u64> = FxHashMap::default();
    for (i, split) in scheme.splits.iter().enumerate() {
        for member in &split.members {
            *by_key.entry(member.as_str()).or_default() |= bit(i);
        }
    }
    by_key.into_iter().filter(|(_, m)| m.count_ones() > 1).collect()
}

fn splits_of(mask: u64, names: &[&str]) -> Vec<String> {
    (0..names.len()).filter(|&i| mask & bit(i) != 0).map(|i| names[i].to_string()).collect()
}

/// `split.unmatched-members`: members of the scheme that match no row of the metadata
/// table they were joined to.
pub fn unmatched(facts: &SchemeFacts) -> Option<Finding> {
    let table = facts.joined_to.as_ref()?;
    let total: u64 = facts.unmatched.iter().sum();
    if total == 0 {
        return None;
    }
    let scheme = &facts.scheme;
    let members: usize = scheme.splits.iter().map(|s| s.members.len()).sum();
    let per_split: Map<String, Value> = scheme
        .splits
        .iter()
        .zip(&facts.unmatched)
        .map(|(s, n)| (s.name.clone(), json!(n)))
        .collect();
    let message = format!(
        "{total} of {} of '{}' match no row of '{table}'",
        count(members as u64, "member"),
        scheme.name
    );
    let data = json!({
        "scheme": scheme.name, "table": table, "unmatched": total,
        "members": members, "per_split": per_split,
    });
    let examples = facts
        .unmatched_examples
        .iter()
        .map(|(split, sample)| json!({"split": split, "sample": sample}));
    Some(
        Finding::new("split.unmatched-members", Severity::Warning, message)
            .with_data(data)
            .with_examples(examples.collect())
            .with_action(
                "check that the split files and the metadata table name samples the same way, \
                 or name the sample-key column with --key",
            ),
    )
}
