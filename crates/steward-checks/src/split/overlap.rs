//! `split.scheme-overlap`: how the split schemes of one dataset share samples. A warning
//! when one scheme's training samples are another's evaluation samples: a model trained
//! on one and tested on the other is tested on its training data.

use rustc_hash::{FxHashMap, FxHashSet};
use serde_json::{json, Value};
use steward_model::facts::tables::SchemeFacts;
use steward_model::facts::SplitScheme;
use steward_model::{Finding, Severity};

use super::bit;

/// The most overlap findings reported: a folder of many sites, each with its own split,
/// would otherwise give one for every pair of sites.
const MAX_FINDINGS: usize = 20;

/// One finding per pair of schemes that share samples, the pairs that cross training and
/// evaluation most first, at most [`MAX_FINDINGS`].
pub fn scheme_overlaps(schemes: &[SchemeFacts]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, a) in schemes.iter().enumerate() {
        for b in &schemes[i + 1..] {
            findings.extend(overlap(&a.scheme, &b.scheme));
        }
    }
    findings.sort_by_key(|f| std::cmp::Reverse((f.severity, crossing_samples(f))));
    if findings.len() > MAX_FINDINGS {
        tracing::debug!(
            pairs = findings.len(),
            "scheme overlaps: only the first {MAX_FINDINGS} reported"
        );
        findings.truncate(MAX_FINDINGS);
    }
    findings
}

fn crossing_samples(finding: &Finding) -> u64 {
    let cells = finding.data["training_in_evaluation"].as_array().into_iter().flatten();
    cells.filter_map(|c| c["samples"].as_u64()).sum()
}

/// Samples shared by split `a_split` of one scheme and `b_split` of the other.
struct Cell<'a> {
    a_split: &'a str,
    b_split: &'a str,
    samples: u64,
}

fn overlap(a: &SplitScheme, b: &SplitScheme) -> Option<Finding> {
    let cells = cells(a, b);
    if cells.iter().all(|c| c.samples == 0) {
        return None;
    }
    let crossing: Vec<&Cell> = cells
        .iter()
        .filter(|c| c.samples > 0 && is_training(a, c.a_split) != is_training(b, c.b_split))
        .collect();
    let training_in_eval: Vec<Value> = crossing.iter().map(|c| crossing_json(a, b, c)).collect();
    let severity = if crossing.is_empty() { Severity::Info } else { Severity::Warning };
    let message = message(a, b, crossing.iter().max_by_key(|c| c.samples).copied());
    let overlaps: Vec<Value> = cells.iter().map(cell_json).collect();
    let data = json!({
        "a": a.name, "b": b.name, "overlaps": overlaps,
        "training_in_evaluation": training_in_eval,
    });
    Some(
        Finding::new("split.scheme-overlap", severity, message)
            .with_data(data)
            .with_examples(training_in_eval)
            .with_action(
                "evaluate a model only on the test split of the scheme it was trained with; \
                 say which scheme your results use",
            ),
    )
}

/// Every split of `a` against every split of `b`: distinct samples in both.
fn cells<'a>(a: &'a SplitScheme, b: &'a SplitScheme) -> Vec<Cell<'a>> {
    let index = member_masks(b);
    let mut cells = Vec::new();
    for sa in &a.splits {
        let mut counts = vec![0u64; b.splits.len()];
        for m in sa.members.iter().map(String::as_str).collect::<FxHashSet<_>>() {
            let mask = index.get(m).copied().unwrap_or(0);
            for (j, count) in counts.iter_mut().enumerate() {
                *count += u64::from(mask & bit(j) != 0);
            }
        }
        let row = b.splits.iter().zip(counts);
        cells.extend(row.map(|(sb, samples)| Cell {
            a_split: &sa.name,
            b_split: &sb.name,
            samples,
        }));
    }
    cells
}

/// The split mask of every member of `scheme`.
fn member_masks(scheme: &SplitScheme) -> FxHashMap<&str, u64> {
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

fn cell_json(cell: &Cell) -> Value {
    json!({"a_split": cell.a_split, "b_split": cell.b_split, "samples": cell.samples})
}

fn crossing_json(a: &SplitScheme, b: &SplitScheme, cell: &Cell) -> Value {
    let training_of = if is_training(a, cell.a_split) { &a.name } else { &b.name };
    json!({
        "training_of": training_of, "a_split": cell.a_split,
        "b_split": cell.b_split, "samples": cell.samples,
    })
}

fn message(a: &SplitScheme, b: &SplitScheme, worst: Option<&Cell>) -> String {
    match worst {
        Some(c) => format!(
            "schemes '{}' and '{}' overlap: {} samples of '{}' split '{}' are in '{}' split '{}'",
            a.name, b.name, c.samples, a.name, c.a_split, b.name, c.b_split
        ),
        None => format!(
            "schemes '{}' and '{}' share samples, training with training only",
            a.name, b.name
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use steward_model::facts::{SchemeOrigin, Split};

    fn scheme(name: &str, splits: &[(&str, &[&str])]) -> SplitScheme {
        let splits = splits.iter().map(|(n, m)| Split {
            name: n.to_string(),
            source: String::new(),
            members: m.iter().map(|s| s.to_string()).collect(),
        });
        SplitScheme {
            name: name.into(),
            origin: SchemeOrigin::Files { folder: name.into() },
            splits: splits.collect(),
            training: Some("train".into()),
        }
    }

    #[test]
    fn training_of_one_in_test_of_the_other_is_a_warning() {
        let a = scheme("a", &[("train", &["1", "2"]), ("test", &["3", "4", "4"])]);
        let b = scheme("b", &[("train", &["1", "3", "4"]), ("test", &["2"])]);
        let finding = overlap(&a, &b).unwrap();
        assert_eq!(finding.severity, Severity::Warning);
        let cells = finding.data["training_in_evaluation"].as_array().unwrap();
        let samples: Vec<(&str, &str, u64)> = cells
            .iter()
            .map(|c| {
                (
                    c["a_split"].as_str().unwrap(),
                    c["b_split"].as_str().unwrap(),
                    c["samples"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(samples, [("train", "test", 1), ("test", "train", 2)]);
    }

    #[test]
    fn disjoint_schemes_do_not_overlap() {
        let a = scheme("a", &[("train", &["1"]), ("test", &["2"])]);
        let b = scheme("b", &[("train", &["3"]), ("test", &["4"])]);
        assert!(overlap(&a, &b).is_none());
    }
}
