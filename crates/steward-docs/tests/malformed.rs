//! Malformed and hostile documentation files, written by each test: each is read when its
//! intent is clear, or becomes a warning that names the file and says what to do; none
//! makes the reader hang.

mod support;

use std::fmt::Write;

use steward_model::facts::docs::{DocFacts, LicenceKind};
use steward_model::facts::FileKind;
use steward_model::FileWarning;

fn read(rel: &str, bytes: &[u8], kind: FileKind) -> DocFacts {
    let dir = support::folder(&[(rel, bytes)]);
    steward_docs::read(&support::inventory(dir.path(), &[(rel, kind)]))
}

fn spdx(facts: &DocFacts) -> Vec<(&str, Option<&str>)> {
    facts.licences.iter().map(|s| (s.field.as_str(), s.spdx.as_deref())).collect()
}

/// The only warning, which must be about `rel`.
fn only_warning<'a>(facts: &'a DocFacts, rel: &str) -> &'a FileWarning {
    assert_eq!(facts.warnings.len(), 1, "{:?}", facts.warnings);
    assert_eq!(facts.warnings[0].path, rel);
    &facts.warnings[0]
}

fn croissant(licence: &str) -> Vec<u8> {
    let card = format!(
        r#"{{"@context": {{"@vocab": "https://schema.org/"}}, "@type": "sc:Dataset",
            "name": "scans", "license": {licence}}}"#
    );
    card.into_bytes()
}

#[test]
fn quadratic_yaml_scan_of_deep_front_matter_returns_with_a_warning() {
    let card = format!("---\nlicense: {}\n---\n# Scans\n", "[".repeat(400_000));
    let facts = read("README.md", card.as_bytes(), FileKind::HfCard);
    let message = &only_warning(&facts, "README.md").message;
    assert!(message.contains("more than 64 levels deep (at line 1)"), "{message}");
    assert!(message.contains("block style"), "{message}");
    assert_eq!(facts.docs_read, vec!["README.md"]);
}

#[test]
fn quadratic_yaml_scan_of_a_deep_citation_file_returns_with_a_warning() {
    let cff = format!("cff-version: 1.2.0\nlicense: {}\n", "{".repeat(400_000));
    let facts = read("CITATION.cff", cff.as_bytes(), FileKind::CitationCff);
    let message = &only_warning(&facts, "CITATION.cff").message;
    assert!(message.starts_with("the file nests brackets more than 64"), "{message}");
    assert!(message.contains("block style"), "{message}");
}

#[test]
fn quadratic_yaml_scan_of_oversized_front_matter_is_refused() {
    let card =
        format!("---\nlicense: mit\nnotes: {}\n---\nLicensed under MIT.\n", "x".repeat(1 << 20));
    let facts = read("README.md", card.as_bytes(), FileKind::HfCard);
    let message = &only_warning(&facts, "README.md").message;
    assert!(message.contains("larger than 1 MiB"), "{message}");
    // The body is still read.
    assert_eq!(spdx(&facts), vec![("README body", Some("MIT"))]);
}

#[test]
fn quadratic_pid_dedupe_of_many_dois_in_prose() {
    let mut text = String::from("# Scans\n");
    for n in 0..100_000 {
        writeln!(text, "doi:10.1234/{n}").expect("write");
    }
    text.push_str("doi:10.1234/7\nDOI:10.1234/7\n");
    let facts = read("README.md", text.as_bytes(), FileKind::HfCard);
    assert_eq!(facts.identifiers.len(), 100_000);
    assert_eq!(facts.identifiers[7].value, "10.1234/7");
    let findings = steward_checks::pid::check(&facts);
    assert_eq!(findings[0].data["in_text"], 100_000);
}

#[test]
fn cards_dropped_silently_kaggle_metadata_that_is_a_list() {
    let facts = read("dataset-metadata.json", b"[1,2,3]", FileKind::KaggleMetadata);
    let message = &only_warning(&facts, "dataset-metadata.json").message;
    assert!(message.starts_with("the file is a list, not a JSON object"), "{message}");
    assert!(facts.licences.is_empty());
    assert_eq!(facts.docs_read, vec!["dataset-metadata.json"]);
}

#[test]
fn cards_dropped_silently_croissant_list_of_one_card_is_read() {
    let mut card = b"[".to_vec();
    card.extend(croissant(r#""CC-BY-4.0""#));
    card.push(b']');
    let facts = read("croissant.json", &card, FileKind::Croissant);
    assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
    assert_eq!(spdx(&facts), vec![("license", Some("CC-BY-4.0"))]);
    assert_eq!(facts.docs_read, vec!["croissant.json"]);
}

#[test]
fn cards_dropped_silently_croissant_list_of_two_is_a_warning() {
    let one = String::from_utf8(croissant(r#""CC-BY-4.0""#)).expect("text");
    let card = format!("[{one}, {one}]");
    let facts = read("croissant.json", card.as_bytes(), FileKind::Croissant);
    let message = &only_warning(&facts, "croissant.json").message;
    assert!(message.contains("is a list, not a JSON object"), "{message}");
}

#[test]
fn cards_dropped_silently_unclosed_front_matter() {
    let card = b"---\nlicense: mit\n\nFrom doi:10.1234/scans.\n";
    let facts = read("README.md", card, FileKind::HfCard);
    let message = &only_warning(&facts, "README.md").message;
    assert!(message.contains("front matter is not closed by a --- line"), "{message}");
    // Still read as prose.
    assert_eq!(facts.identifiers[0].value, "10.1234/scans");
    assert_eq!(facts.identifiers[0].field, "README body");
}

#[test]
fn a_readme_opening_with_a_rule_is_not_unclosed_front_matter() {
    let facts = read("README.md", b"---\n\n# Scans\n\nSome images.\n", FileKind::HfCard);
    assert!(facts.warnings.is_empty(), "{:?}", facts.warnings);
}

#[test]
fn cards_dropped_silently_front_matter_that_is_a_scalar_or_a_list() {
    for (yaml, shape) in [("just words", "a text value"), ("- mit\n- cc0-1.0", "a list")] {
        let card = format!("---\n{yaml}\n---\n# Scans\n");
        let facts = read("README.md", card.as_bytes(), FileKind::HfCard);
        let message = &only_warning(&facts, "README.md").message;
        let want = format!("front matter is {shape}, not a mapping of fields");
        assert!(message.contains(&want), "{message}");
        assert!(message.contains("`license: cc-by-4.0`"), "{message}");
    }
}

#[test]
fn cards_dropped_silently_citation_file_that_is_a_list() {
    let facts = read("CITATION.cff", b"- 1\n- 2", FileKind::CitationCff);
    let message = &only_warning(&facts, "CITATION.cff").message;
    assert!(message.starts_with("the file is a list, not a mapping of CFF keys"), "{message}");
}

#[test]
fn cards_dropped_silently_kaggle_licences_as_a_string_or_strings() {
    let facts =
        read("dataset-metadata.json", br#"{"licenses":"CC0-1.0"}"#, FileKind::KaggleMetadata);
    assert_eq!(spdx(&facts), vec![("licenses", Some("CC0-1.0"))]);
    let list = br#"{"licenses":["CC0-1.0"]}"#;
    let facts = read("dataset-metadata.json", list, FileKind::KaggleMetadata);
    assert_eq!(spdx(&facts), vec![("licenses[]", Some("CC0-1.0"))]);
}

#[test]
fn cards_dropped_silently_croissant_licence_objects() {
    let cases = [
        (r#"{"@id": "https://creativecommons.org/licenses/by/4.0/"}"#, "license.@id"),
        (r#"{"url": "https://creativecommons.org/licenses/by/4.0/"}"#, "license.url"),
        (r#"{"@type": "CreativeWork", "name": "CC BY 4.0"}"#, "license.name"),
    ];
    for (licence, field) in cases {
        let facts = read("croissant.json", &croissant(licence), FileKind::Croissant);
        assert_eq!(spdx(&facts), vec![(field, Some("CC-BY-4.0"))], "{licence}");
    }
}

#[test]
fn cards_dropped_silently_croissant_licence_object_without_a_name_is_vague() {
    let facts =
        read("croissant.json", &croissant(r#"{"@type": "CreativeWork"}"#), FileKind::Croissant);
    assert_eq!(facts.licences.len(), 1);
    assert_eq!(facts.licences[0].kind, LicenceKind::Vague);
    assert_eq!(facts.licences[0].text, r#"{"@type":"CreativeWork"}"#);
    let rules: Vec<String> =
        steward_checks::license::check(&facts).into_iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"license.vague".to_string()), "{rules:?}");
}

#[test]
fn duplicated_file_name_in_a_message_of_a_broken_citation_file() {
    let facts = read("CITATION.cff", b"title: [unclosed\n", FileKind::CitationCff);
    let message = &only_warning(&facts, "CITATION.cff").message;
    assert!(message.starts_with("the file is not valid YAML ("), "{message}");
    assert!(!message.contains("CITATION.cff"), "{message}");
}
