//! `pid.*` rules: persistent identifiers missing, or found only in prose.
//!
//! Severities, as a data steward weighs them: both are warnings. Without a DOI, Handle or
//! ARK for the dataset or its original, nobody can tell which version a paper used; an
//! identifier written only in prose is there for people but invisible to indexes and tools.
//! `pid.in-text-only` fires when no identifier at all sits in a metadata field: once one
//! does, further identifiers in prose are usually related papers, not the dataset's own.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet;
use serde_json::{json, Value};
use steward_model::facts::docs::{DocFacts, Identifier};
use steward_model::words::count;
use steward_model::{Finding, Severity};

/// How many examples a finding carries.
const EXAMPLES: usize = 5;

/// All `pid.*` findings for the documentation facts.
pub fn check(docs: &DocFacts) -> Vec<Finding> {
    if docs.identifiers.is_empty() {
        return vec![missing(docs)];
    }
    in_text_only(docs).into_iter().collect()
}

fn missing(docs: &DocFacts) -> Finding {
    let read = docs.docs_read.len();
    let message = format!("no DOI, Handle or ARK found in {read} documentation files");
    let examples = docs.docs_read.iter().take(EXAMPLES).map(|f| json!({"file": f})).collect();
    Finding::new("pid.missing", Severity::Warning, message)
        .with_data(json!({"identifiers": 0, "docs_read": read, "cards": docs.cards.len()}))
        .with_examples(examples)
        .with_action(
            "give the original dataset's DOI in the card's metadata (a `doi:` key, Croissant \
             `identifier`/`citeAs`, CITATION.cff `doi`), or mint one for this release \
             (Zenodo, Figshare, Dataverse, or the platform's DOI service)",
        )
}

/// The most identifiers listed in `data.identifiers`; `in_text` counts them all.
const LISTED: usize = 20;

fn in_text_only(docs: &DocFacts) -> Option<Finding> {
    if docs.identifiers.iter().any(|id| id.structured) {
        return None;
    }
    let distinct = distinct(&docs.identifiers);
    let values: Vec<&str> = distinct.iter().map(|id| id.value.as_str()).collect();
    let shown = values.len().min(LISTED);
    let more = if values.len() > EXAMPLES { ", …" } else { "" };
    let message = format!(
        "{} only in prose, in no metadata field: {}{more}",
        count(values.len() as u64, "identifier"),
        values[..values.len().min(EXAMPLES)].join(", ")
    );
    let data = json!({
        "in_text": values.len(),
        "structured": 0,
        "identifiers": &values[..shown],
        "kinds": kinds(&distinct),
    });
    Some(
        Finding::new("pid.in-text-only", Severity::Warning, message)
            .with_data(data)
            .with_examples(distinct.iter().take(EXAMPLES).map(|id| example(id)).collect())
            .with_action(
                "put the dataset's identifier in a metadata field as well: `doi` in \
                 CITATION.cff or .zenodo.json, `identifier` or `citeAs` in Croissant, a `doi` \
                 key in the card's YAML, so indexes and tools can read it",
            ),
    )
}

/// Each identifier once (DOIs compare without case), at its first place.
fn distinct(identifiers: &[Identifier]) -> Vec<&Identifier> {
    let mut seen = FxHashSet::default();
    let first = |id: &&Identifier| seen.insert((id.kind, id.value.to_ascii_lowercase()));
    identifiers.iter().filter(first).collect()
}

fn kinds(identifiers: &[&Identifier]) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for id in identifiers {
        *counts.entry(id.kind.as_str()).or_default() += 1;
    }
    counts
}

fn example(id: &Identifier) -> Value {
    json!({"kind": id.kind.as_str(), "value": id.value, "source": id.source, "field": id.field})
}

#[cfg(test)]
mod tests {
    use super::*;
    use steward_model::facts::docs::PidKind;

    fn id(value: &str, field: &str, structured: bool) -> Identifier {
        Identifier {
            kind: PidKind::Doi,
            value: value.into(),
            source: "README.md".into(),
            field: field.into(),
            structured,
        }
    }

    fn facts(identifiers: Vec<Identifier>) -> DocFacts {
        DocFacts { identifiers, docs_read: vec!["README.md".into()], ..DocFacts::default() }
    }

    #[test]
    fn no_identifier_is_missing() {
        let findings = check(&facts(Vec::new()));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, "pid.missing");
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(findings[0].data["docs_read"], 1);
        assert_eq!(findings[0].examples, vec![json!({"file": "README.md"})]);
    }

    #[test]
    fn prose_only_identifiers_are_listed_once() {
        let ids = vec![
            id("10.7910/DVN/DBW86T", "README body", false),
            id("10.7910/dvn/dbw86t", "text", false),
            id("10.6084/m9.figshare.12275009", "README body", false),
        ];
        let findings = check(&facts(ids));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, "pid.in-text-only");
        assert_eq!(findings[0].data["in_text"], 2);
        let want = json!(["10.7910/DVN/DBW86T", "10.6084/m9.figshare.12275009"]);
        assert_eq!(findings[0].data["identifiers"], want);
        assert_eq!(findings[0].data["kinds"], json!({"doi": 2}));
    }

    #[test]
    fn quadratic_pid_dedupe_of_many_prose_identifiers() {
        let mut ids: Vec<Identifier> =
            (0..100_000).map(|n| id(&format!("10.1234/X{n}"), "README body", false)).collect();
        ids.push(id("10.1234/x7", "text", false));
        let findings = check(&facts(ids));
        assert_eq!(findings[0].data["in_text"], 100_000);
        assert_eq!(findings[0].examples[0]["value"], "10.1234/X0");
    }

    #[test]
    fn one_structured_identifier_is_enough() {
        let ids = vec![id("10.1/a", "README body", false), id("10.1/b", "doi", true)];
        assert!(check(&facts(ids)).is_empty());
    }
}
