//! `dup.*` rules: files with identical bytes, within the dataset and across splits.
//!
//! Groups whose names all lead to one stored file (hard or symbolic links) waste no space,
//! so `dup.exact` leaves them out; across splits they still put one image in two splits,
//! so `dup.exact-cross-split` counts them.

use std::collections::BTreeSet;

use serde_json::{json, Value};
use steward_model::facts::duplicates::{DuplicateGroup, ExactDuplicates};
use steward_model::facts::SplitScheme;
use steward_model::words::count;
use steward_model::{Finding, Severity};

/// How many groups a finding shows as examples.
const EXAMPLES: usize = 5;
/// How many files of one group an example lists.
const EXAMPLE_FILES: usize = 10;

/// All `dup.*` findings for the exact duplicates and the dataset's split schemes.
pub fn check<'a>(
    dups: &ExactDuplicates,
    schemes: impl IntoIterator<Item = &'a SplitScheme>,
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = exact(dups).into_iter().collect();
    findings.extend(schemes.into_iter().filter_map(|scheme| cross_split(dups, scheme)));
    findings
}

/// `dup.exact`: groups with two or more stored copies.
fn exact(dups: &ExactDuplicates) -> Option<Finding> {
    let groups: Vec<&DuplicateGroup> = dups.redundant_groups().collect();
    if groups.is_empty() {
        return None;
    }
    let files: usize = groups.iter().map(|g| g.files.len()).sum();
    let redundant: u64 = groups.iter().map(|g| g.redundant_copies()).sum();
    let saved = dups.wasted_bytes();
    let message = format!(
        "{} in {} of identical files; keeping one copy of each would save {}",
        count(redundant, "redundant copy"),
        count(groups.len() as u64, "group"),
        human_bytes(saved)
    );
    let data = json!({
        "groups": groups.len(),
        "files": files,
        "redundant_files": redundant,
        "bytes_saved": saved,
    });
    let examples = groups.iter().take(EXAMPLES).map(|g| group_example(g)).collect();
    let action = "keep one copy of each group and delete the others (or hard-link them); if \
                  the copies are deliberate, say why in the card";
    let finding = Finding::new("dup.exact", Severity::Warning, message);
    Some(finding.with_data(data).with_examples(examples).with_action(action))
}

fn group_example(group: &DuplicateGroup) -> Value {
    let files: Vec<&String> = group.files.iter().take(EXAMPLE_FILES).collect();
    json!({
        "hash": group.hash,
        "size": group.size,
        "copies": group.copies,
        "bytes_saved": group.wasted_bytes(),
        "files": files,
        "more_files": group.files.len().saturating_sub(EXAMPLE_FILES),
    })
}

/// One group's files with the splits (indices into the scheme) each falls in.
struct Placed<'a> {
    group: &'a DuplicateGroup,
    splits: Vec<Vec<usize>>,
}

/// `dup.exact-cross-split`: groups whose files fall in more than one split of `scheme`.
fn cross_split(dups: &ExactDuplicates, scheme: &SplitScheme) -> Option<Finding> {
    if dups.groups.is_empty() {
        return None;
    }
    let placed = place(dups, scheme);
    let names: Vec<&str> = scheme.splits.iter().map(|s| s.name.as_str()).collect();
    let mut counts = vec![vec![0u64; names.len()]; names.len()];
    let mut leaking = Vec::new();
    for group in placed {
        let pairs = cross_pairs(&group.splits);
        if pairs.is_empty() {
            continue;
        }
        for (a, b) in pairs {
            counts[a][b] += 1;
        }
        leaking.push(group);
    }
    if leaking.is_empty() {
        return None;
    }
    Some(cross_split_finding(scheme, &names, &counts, &leaking))
}

fn place<'a>(dups: &'a ExactDuplicates, scheme: &SplitScheme) -> Vec<Placed<'a>> {
    let index = scheme.index();
    let position = |name: &str| scheme.splits.iter().position(|s| s.name == name);
    let splits_of = |rel: &String| -> Vec<usize> {
        index.splits_of_file(rel).into_iter().filter_map(position).collect()
    };
    let placed = dups.groups.iter().map(|group| {
        let splits = group.files.iter().map(splits_of).collect();
        Placed { group, splits }
    });
    placed.collect()
}

/// Pairs of distinct splits `(a, b)`, `a < b`, holding two different files of one group.
fn cross_pairs(splits: &[Vec<usize>]) -> BTreeSet<(usize, usize)> {
    let mut pairs = BTreeSet::new();
    for (i, first) in splits.iter().enumerate() {
        for second in &splits[i + 1..] {
            for (&a, &b) in first.iter().flat_map(|a| second.iter().map(move |b| (a, b))) {
                if a != b {
                    pairs.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs
}

fn cross_split_finding(
    scheme: &SplitScheme,
    names: &[&str],
    counts: &[Vec<u64>],
    leaking: &[Placed],
) -> Finding {
    let pairs = pair_values(names, counts);
    let message = format!(
        "split scheme {}: {} of identical files with copies in more than one split",
        scheme.name,
        count(leaking.len() as u64, "group")
    );
    let data = json!({"scheme": scheme.name, "groups": leaking.len(), "pairs": pairs});
    let examples = leaking.iter().take(EXAMPLES).map(|p| placed_example(p, names)).collect();
    let action = format!(
        "identical files in training and evaluation splits inflate results: keep each group \
         in one split of scheme {} (drop the extra copies or re-split), then re-run the \
         evaluation",
        scheme.name
    );
    let finding = Finding::new("dup.exact-cross-split", Severity::Error, message);
    finding.with_data(data).with_examples(examples).with_action(action)
}

/// `{"a", "b", "groups"}` for every pair of splits, in the scheme's order.
fn pair_values(names: &[&str], counts: &[Vec<u64>]) -> Vec<Value> {
    let mut pairs = Vec::new();
    for a in 0..names.len() {
        for b in a + 1..names.len() {
            pairs.push(json!({"a": names[a], "b": names[b], "groups": counts[a][b]}));
        }
    }
    pairs
}

fn placed_example(placed: &Placed, names: &[&str]) -> Value {
    let files = placed.group.files.iter().zip(&placed.splits).take(EXAMPLE_FILES);
    let files: Vec<Value> = files
        .map(|(file, splits)| {
            let splits: Vec<&str> = splits.iter().map(|&i| names[i]).collect();
            json!({"file": file, "splits": splits})
        })
        .collect();
    json!({
        "hash": placed.group.hash,
        "size": placed.group.size,
        "files": files,
        "more_files": placed.group.files.len().saturating_sub(EXAMPLE_FILES),
    })
}

/// `n` bytes for people, in decimal units (`1.5 MB`).
fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["kB", "MB", "GB", "TB", "PB"];
    if n < 1000 {
        return format!("{n} bytes");
    }
    let mut value = n as f64 / 1000.0;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use steward_model::facts::{SchemeOrigin, Split};

    use super::*;

    fn group(size: u64, files: &[&str], copies: u64) -> DuplicateGroup {
        let files = files.iter().map(|f| f.to_string()).collect();
        DuplicateGroup { hash: format!("h{size}"), size, files, copies }
    }

    fn dups(groups: Vec<DuplicateGroup>) -> ExactDuplicates {
        ExactDuplicates { groups, ..Default::default() }
    }

    fn split(name: &str, members: &[&str]) -> Split {
        let members = members.iter().map(|m| m.to_string()).collect();
        Split { name: name.into(), source: format!("{name}.txt"), members }
    }

    fn folders(names: &[&str]) -> SplitScheme {
        SplitScheme {
            name: "folders".into(),
            origin: SchemeOrigin::Folders { folder: "".into() },
            splits: names.iter().map(|n| split(n, &[])).collect(),
            training: Some("train".into()),
        }
    }

    fn rule<'a>(findings: &'a [Finding], id: &str) -> Vec<&'a Finding> {
        findings.iter().filter(|f| f.rule == id).collect()
    }

    #[test]
    fn no_groups_no_findings() {
        assert!(check(&ExactDuplicates::default(), &[folders(&["train", "test"])]).is_empty());
    }

    #[test]
    fn exact_counts_copies_and_bytes_saved() {
        let dups = dups(vec![
            group(1000, &["a/1.png", "b/1.png", "c/1.png"], 3),
            group(500, &["x.png", "y.png"], 2),
            group(9000, &["blobs/f", "snap/f.png"], 1),
        ]);
        let findings = check(&dups, &[]);
        let exact = rule(&findings, "dup.exact");
        assert_eq!(exact.len(), 1);
        let expected = json!({"groups": 2, "files": 5, "redundant_files": 3, "bytes_saved": 2500});
        assert_eq!(exact[0].data, expected);
        assert_eq!(exact[0].severity, Severity::Warning);
        assert_eq!(exact[0].examples.len(), 2);
        assert_eq!(exact[0].examples[0]["files"], json!(["a/1.png", "b/1.png", "c/1.png"]));
        assert!(exact[0].message.contains("2.5 kB"), "{}", exact[0].message);
        assert!(!exact[0].action.is_empty());
    }

    #[test]
    fn only_links_waste_nothing() {
        let dups = dups(vec![group(9000, &["blobs/f", "snap/f.png"], 1)]);
        assert!(rule(&check(&dups, &[]), "dup.exact").is_empty());
    }

    #[test]
    fn cross_split_by_folder_counts_groups_per_pair() {
        let dups = dups(vec![
            group(10, &["test/a_copy.png", "train/a.png"], 2),
            group(20, &["train/b.png", "train/b2.png"], 2),
            group(30, &["test/c.png", "train/c.png", "val/c.png"], 3),
            group(40, &["other/d.png", "test/d.png"], 2),
            // Links to one file still put one image in two splits.
            group(50, &["test/e.png", "train/e.png"], 1),
        ]);
        let findings = check(&dups, &[folders(&["train", "val", "test"])]);
        let cross = rule(&findings, "dup.exact-cross-split");
        assert_eq!(cross.len(), 1);
        assert_eq!(cross[0].severity, Severity::Error);
        let expected = json!({
            "scheme": "folders",
            "groups": 3,
            "pairs": [
                {"a": "train", "b": "val", "groups": 1},
                {"a": "train", "b": "test", "groups": 3},
                {"a": "val", "b": "test", "groups": 1},
            ],
        });
        assert_eq!(cross[0].data, expected);
        let first = &cross[0].examples[0];
        assert_eq!(first["files"][0], json!({"file": "test/a_copy.png", "splits": ["test"]}));
        assert!(cross[0].action.contains("folders"));
    }

    #[test]
    fn cross_split_by_sample_key_in_list_schemes() {
        let scheme = SplitScheme {
            name: "lists".into(),
            origin: SchemeOrigin::Files { folder: "".into() },
            splits: vec![split("train", &["img_001", "img_002"]), split("test", &["img_009"])],
            training: Some("train".into()),
        };
        let dups = dups(vec![
            group(10, &["images/img_001.png", "images/img_009.png"], 2),
            group(20, &["images/img_002.png", "images/img_777.png"], 2),
        ]);
        let findings = check(&dups, &[scheme]);
        let cross = rule(&findings, "dup.exact-cross-split");
        assert_eq!(cross[0].data["groups"], 1);
        assert_eq!(cross[0].data["pairs"], json!([{"a": "train", "b": "test", "groups": 1}]));
    }

    #[test]
    fn one_finding_per_leaking_scheme() {
        let dups = dups(vec![group(10, &["test/a.png", "train/a.png"], 2)]);
        let quiet = SplitScheme { name: "other".into(), ..folders(&["x", "y"]) };
        let findings = check(&dups, &[folders(&["train", "test"]), quiet]);
        assert_eq!(rule(&findings, "dup.exact-cross-split").len(), 1);
        assert_eq!(rule(&findings, "dup.exact").len(), 1);
    }

    #[test]
    fn bytes_for_people() {
        assert_eq!(human_bytes(999), "999 bytes");
        assert_eq!(human_bytes(2500), "2.5 kB");
        assert_eq!(human_bytes(51_780_849), "51.8 MB");
        assert_eq!(human_bytes(8 << 30), "8.6 GB");
    }
}
