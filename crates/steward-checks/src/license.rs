//! `license.*` rules: missing, vague, conflicting licences and software licences on data.
//!
//! Severities, as a data steward weighs them:
//! - `license.missing` is an error: with no licence or terms, nobody may reuse the data.
//! - `license.vague` is a warning: "other", "unknown" or unrecognised text says terms exist
//!   but not which; someone must read them. It is reported only when no statement anywhere
//!   names a licence or terms: a placeholder beside a concrete licence adds nothing.
//! - `license.conflict` is an error: two places state different licences, so the terms are
//!   unknown. Statements are compared by SPDX id, or by licence family where no version was
//!   stated (`CC BY` beside `CC-BY-4.0` agrees); custom terms ("research use only") are
//!   compared by the use they allow. The same licence in two places is no conflict.
//! - `license.software-on-data` is a warning: MIT, Apache, BSD or GPL speak of software and
//!   leave a dataset's rights (database rights, attribution of images) unclear.
//! - `license.terms` is an info: when the statements agree, the terms in plain words (which
//!   uses are allowed, whether credit and share-alike are required), so that a user sees
//!   what they may do without opening the legal text.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};
use steward_model::facts::docs::{DocFacts, LicenceKind, LicenceStatement, LicenceUse};
use steward_model::words::count;
use steward_model::{Finding, Severity};

/// How many examples a finding carries.
const EXAMPLES: usize = 5;

/// All `license.*` findings for the documentation facts.
pub fn check(docs: &DocFacts) -> Vec<Finding> {
    if docs.licences.is_empty() {
        return vec![missing(docs)];
    }
    let mut findings = Vec::new();
    findings.extend(vague(docs));
    let conflict = conflict(docs);
    if conflict.is_none() {
        findings.extend(terms(docs));
    }
    findings.extend(conflict);
    findings.extend(software_on_data(docs));
    findings
}

/// `license.terms`: the agreed licence and what its class allows.
fn terms(docs: &DocFacts) -> Option<Finding> {
    let concrete: Vec<&LicenceStatement> = docs.concrete_licences().collect();
    let first = concrete.first()?;
    let labels = licence_labels(&concrete);
    let named = if labels.is_empty() { "custom terms".to_string() } else { join(&labels) };
    let plain = plain_terms(first);
    let message = format!("the data is under {named}: {plain}");
    let class = &first.class;
    let data = json!({
        "licences": labels,
        "use": class.usage.as_str(),
        "attribution": class.attribution,
        "share_alike": class.share_alike,
        "places": concrete.len(),
    });
    Some(
        Finding::new("license.terms", Severity::Info, message)
            .with_data(data)
            .with_examples(examples(&concrete))
            .with_action(format!("keep to these terms: {plain}; read the legal text for the rest")),
    )
}

/// A licence class in plain words: `non-commercial use only, credit the creators`.
fn plain_terms(statement: &LicenceStatement) -> String {
    let class = statement.class;
    let mut parts = vec![match class.usage {
        LicenceUse::Commercial => "any use, commercial included",
        LicenceUse::NonCommercial => "non-commercial use only",
        LicenceUse::AcademicOnly => "academic or research use only",
        LicenceUse::Unspecified => "the allowed uses are not stated",
    }];
    if class.attribution {
        parts.push("credit the creators");
    }
    if class.share_alike {
        parts.push("share adaptations under the same terms");
    }
    parts.join(", ")
}

fn missing(docs: &DocFacts) -> Finding {
    let read = docs.docs_read.len();
    let message = match read {
        0 => "no licence or terms of use: the dataset has no documentation file".to_string(),
        n => format!("no licence or terms of use in {}", count(n as u64, "documentation file")),
    };
    let examples = docs.docs_read.iter().take(EXAMPLES).map(|f| json!({"file": f})).collect();
    Finding::new("license.missing", Severity::Error, message)
        .with_data(json!({"statements": 0, "docs_read": read, "cards": docs.cards.len()}))
        .with_examples(examples)
        .with_action(
            "state the licence: a LICENSE file with the legal text and its SPDX id in the card \
             (`license:` in a Hugging Face card, `licenses` in Kaggle metadata, `license` in \
             Croissant); for a copy, use the original dataset's terms",
        )
}

fn vague(docs: &DocFacts) -> Option<Finding> {
    if docs.concrete_licences().next().is_some() {
        return None;
    }
    let vague: Vec<&LicenceStatement> = docs.licences.iter().collect();
    let first = vague.first()?;
    let message = format!(
        "the licence is stated only vaguely: {:?} ({}, {})",
        shortened(&first.text, 80),
        first.source,
        first.field
    );
    Some(
        Finding::new("license.vague", Severity::Warning, message)
            .with_data(json!({"vague": vague.len(), "concrete": 0}))
            .with_examples(examples(&vague))
            .with_action(
                "replace \"other\"/\"unknown\" and free text by the licence's SPDX id \
                 (`cc-by-4.0`, `cc0-1.0`, `odbl`), and ship its legal text as LICENSE",
            ),
    )
}

fn conflict(docs: &DocFacts) -> Option<Finding> {
    let concrete: Vec<&LicenceStatement> = docs.concrete_licences().collect();
    let labels = licence_labels(&concrete);
    let uses = uses(&concrete);
    if labels.len() < 2 && uses.len() < 2 {
        return None;
    }
    let involved: Vec<&LicenceStatement> = one_per_label_first(&concrete, &labels);
    let message = if labels.len() >= 2 {
        format!("{} different licences stated: {}", labels.len(), join(&labels))
    } else {
        format!("the stated terms allow different uses: {}", join(&uses))
    };
    let data = json!({"licences": labels, "uses": uses, "places": concrete.len()});
    Some(
        Finding::new("license.conflict", Severity::Error, message)
            .with_data(data)
            .with_examples(examples(&involved))
            .with_action(
                "decide which licence applies (the original creators' terms win), state that \
                 one in every card and licence file, and remove or correct the others",
            ),
    )
}

/// The distinct licences: SPDX ids, and a family's name only where no statement of that
/// family gives a version.
fn licence_labels(statements: &[&LicenceStatement]) -> Vec<String> {
    let mut by_family: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for s in statements {
        let Some(family) = s.family.as_deref() else { continue };
        let ids = by_family.entry(family).or_default();
        ids.extend(s.spdx.as_deref());
    }
    let mut labels = Vec::new();
    for (family, ids) in by_family {
        match ids.is_empty() {
            true => labels.push(family.to_string()),
            false => labels.extend(ids.into_iter().map(str::to_string)),
        }
    }
    labels
}

/// The distinct uses the statements allow, unspecified ones left out.
fn uses(statements: &[&LicenceStatement]) -> Vec<String> {
    let uses: BTreeSet<&str> = statements
        .iter()
        .map(|s| s.class.usage)
        .filter(|u| *u != LicenceUse::Unspecified)
        .map(LicenceUse::as_str)
        .collect();
    uses.into_iter().map(str::to_string).collect()
}

/// The statements to show: one for each label first, then the rest.
fn one_per_label_first<'a>(
    statements: &[&'a LicenceStatement],
    labels: &[String],
) -> Vec<&'a LicenceStatement> {
    let label_of = |s: &LicenceStatement| s.spdx.clone().or_else(|| s.family.clone());
    let mut shown: Vec<&LicenceStatement> = Vec::new();
    for label in labels {
        let first = statements.iter().find(|s| label_of(s).as_deref() == Some(label.as_str()));
        shown.extend(first.copied());
    }
    let rest = statements.iter().filter(|s| !shown.iter().any(|k| std::ptr::eq(*k, **s)));
    let rest: Vec<&LicenceStatement> = rest.copied().collect();
    shown.extend(rest);
    shown
}

fn software_on_data(docs: &DocFacts) -> Option<Finding> {
    let software: Vec<&LicenceStatement> =
        docs.licences.iter().filter(|s| s.kind == LicenceKind::Software).collect();
    if software.is_empty() {
        return None;
    }
    let labels = licence_labels(&software);
    let data_licences: Vec<&LicenceStatement> =
        docs.licences.iter().filter(|s| s.kind == LicenceKind::Data).collect();
    let message = format!(
        "a software licence ({}) is applied to the data in {}",
        join(&labels),
        count(software.len() as u64, "place")
    );
    let data = json!({
        "software_licences": labels,
        "places": software.len(),
        "data_licences": licence_labels(&data_licences),
    });
    Some(
        Finding::new("license.software-on-data", Severity::Warning, message)
            .with_data(data)
            .with_examples(examples(&software))
            .with_action(
                "license the data under a data licence (CC BY 4.0, CC0, ODbL, or the \
                 original's terms); keep a software licence for code only, and say in the \
                 card which files it covers",
            ),
    )
}

fn examples(statements: &[&LicenceStatement]) -> Vec<Value> {
    statements.iter().take(EXAMPLES).map(|s| example(s)).collect()
}

fn example(s: &LicenceStatement) -> Value {
    json!({
        "source": s.source,
        "field": s.field,
        "text": s.text,
        "spdx": s.spdx,
        "kind": s.kind.as_str(),
        "use": s.class.usage.as_str(),
    })
}

/// `text` cut at a word boundary to about `max` characters, with `…` when cut.
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{at_word}…")
}

fn join(items: &[String]) -> String {
    items.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use steward_model::facts::docs::LicenceClass;

    fn stated(
        source: &str,
        spdx: Option<&str>,
        family: Option<&str>,
        kind: LicenceKind,
    ) -> LicenceStatement {
        let usage = match spdx.or(family) {
            Some(id) if id.contains("-NC") => LicenceUse::NonCommercial,
            Some(_) => LicenceUse::Commercial,
            None => LicenceUse::Unspecified,
        };
        LicenceStatement {
            source: source.into(),
            field: "license".into(),
            text: spdx.or(family).unwrap_or("other").into(),
            spdx: spdx.map(str::to_string),
            family: family.map(str::to_string),
            kind,
            class: LicenceClass::new(usage, true, false),
        }
    }

    fn data(spdx: &str, family: &str) -> LicenceStatement {
        stated("README.md", Some(spdx), Some(family), LicenceKind::Data)
    }

    fn facts(licences: Vec<LicenceStatement>) -> DocFacts {
        let docs_read = vec!["README.md".to_string(), "LICENSE".to_string()];
        DocFacts { licences, docs_read, ..DocFacts::default() }
    }

    /// The rules found, `license.terms` (the info that accompanies any agreed licence)
    /// left out.
    fn rules(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.rule.as_str()).filter(|r| *r != "license.terms").collect()
    }

    #[test]
    fn nothing_stated_is_missing() {
        let findings = check(&facts(Vec::new()));
        assert_eq!(rules(&findings), vec!["license.missing"]);
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(findings[0].data["docs_read"], 2);
        assert_eq!(findings[0].examples.len(), 2);
        assert!(!findings[0].action.is_empty());
    }

    #[test]
    fn only_other_is_vague() {
        let findings = check(&facts(vec![stated("README.md", None, None, LicenceKind::Vague)]));
        assert_eq!(rules(&findings), vec!["license.vague"]);
        assert_eq!(findings[0].data["vague"], 1);
        assert_eq!(findings[0].examples[0]["text"], "other");
    }

    #[test]
    fn a_vague_statement_beside_a_concrete_one_is_quiet() {
        let vague = stated("README.md", None, None, LicenceKind::Vague);
        assert!(rules(&check(&facts(vec![vague, data("CC-BY-4.0", "CC-BY")]))).is_empty());
    }

    #[test]
    fn the_same_licence_twice_is_no_conflict() {
        let twice = vec![data("CC-BY-4.0", "CC-BY"), data("CC-BY-4.0", "CC-BY")];
        assert!(rules(&check(&facts(twice))).is_empty());
        let versionless = stated("README.md", None, Some("CC-BY"), LicenceKind::Data);
        assert!(rules(&check(&facts(vec![versionless, data("CC-BY-4.0", "CC-BY")]))).is_empty());
    }

    #[test]
    fn agreed_terms_are_told_in_plain_words() {
        let mut nc = data("CC-BY-NC-4.0", "CC-BY-NC");
        nc.class.usage = LicenceUse::NonCommercial;
        let findings = check(&facts(vec![nc.clone(), nc]));
        let terms = findings.iter().find(|f| f.rule == "license.terms").unwrap();
        assert_eq!(terms.severity, Severity::Info);
        assert_eq!(
            terms.message,
            "the data is under CC-BY-NC-4.0: non-commercial use only, credit the creators"
        );
        assert_eq!(terms.data["use"], "non-commercial");
        assert_eq!(terms.data["places"], 2);
    }

    #[test]
    fn conflicting_licences_get_no_terms() {
        let findings =
            check(&facts(vec![data("CC-BY-4.0", "CC-BY"), data("CC-BY-NC-4.0", "CC-BY-NC")]));
        assert!(findings.iter().all(|f| f.rule != "license.terms"));
    }

    #[test]
    fn two_licences_conflict() {
        let findings =
            check(&facts(vec![data("CC-BY-4.0", "CC-BY"), data("CC-BY-NC-4.0", "CC-BY-NC")]));
        assert_eq!(rules(&findings), vec!["license.conflict"]);
        assert_eq!(findings[0].data["licences"], json!(["CC-BY-4.0", "CC-BY-NC-4.0"]));
        assert_eq!(findings[0].data["uses"], json!(["commercial", "non-commercial"]));
        assert_eq!(findings[0].data["places"], 2);
    }

    #[test]
    fn two_versions_conflict() {
        let findings = check(&facts(vec![data("CC-BY-3.0", "CC-BY"), data("CC-BY-4.0", "CC-BY")]));
        assert_eq!(rules(&findings), vec!["license.conflict"]);
    }

    #[test]
    fn research_only_terms_beside_an_open_licence_conflict() {
        let mut terms = stated("README.md", None, None, LicenceKind::Terms);
        terms.class.usage = LicenceUse::AcademicOnly;
        let findings = check(&facts(vec![terms, data("CC-BY-4.0", "CC-BY")]));
        assert_eq!(rules(&findings), vec!["license.conflict"]);
        assert_eq!(findings[0].data["uses"], json!(["academic-only", "commercial"]));
    }

    #[test]
    fn gpl_on_data_is_software_on_data() {
        let gpl = stated("meta.json", Some("GPL-2.0-only"), Some("GPL"), LicenceKind::Software);
        let findings = check(&facts(vec![gpl]));
        assert_eq!(rules(&findings), vec!["license.software-on-data"]);
        let software = findings.iter().find(|f| f.rule == "license.software-on-data").unwrap();
        assert_eq!(software.data["software_licences"], json!(["GPL-2.0-only"]));
        assert_eq!(software.data["places"], 1);
        assert_eq!(software.examples[0]["source"], "meta.json");
    }
}
