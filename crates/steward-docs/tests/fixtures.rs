//! Edge cases of reading licences and identifiers, on small folders written by each test.

mod support;

use serde_json::json;
use steward_model::facts::docs::{DocFacts, LicenceKind, LicenceUse, PidKind};
use steward_model::facts::FileKind;

fn read(files: &[(&str, &[u8], FileKind)]) -> DocFacts {
    let written: Vec<(&str, &[u8])> = files.iter().map(|(rel, bytes, _)| (*rel, *bytes)).collect();
    let dir = support::folder(&written);
    let kinds: Vec<(&str, FileKind)> = files.iter().map(|(rel, _, kind)| (*rel, *kind)).collect();
    steward_docs::read(&support::inventory(dir.path(), &kinds))
}

fn ids(facts: &DocFacts) -> Vec<(&str, Option<&str>)> {
    facts.licences.iter().map(|s| (s.field.as_str(), s.spdx.as_deref())).collect()
}

/// The licence problems found (`license.terms`, the plain-words summary of agreed terms,
/// is a fact, not a problem, and is left out).
fn licence_rules(facts: &DocFacts) -> Vec<String> {
    let findings = steward_checks::license::check(facts).into_iter();
    findings.map(|f| f.rule).filter(|r| r != "license.terms").collect()
}

#[test]
fn a_licence_list_gives_one_statement_each_and_conflicts() {
    let card = b"---\nlicense:\n- cc-by-nc-4.0\n- cc-by-4.0\n---\n# Data\n";
    let facts = read(&[("README.md", card, FileKind::HfCard)]);
    let want = vec![("license[]", Some("CC-BY-NC-4.0")), ("license[]", Some("CC-BY-4.0"))];
    assert_eq!(ids(&facts), want);
    assert_eq!(facts.licences[0].class.usage, LicenceUse::NonCommercial);
    assert_eq!(licence_rules(&facts), vec!["license.conflict"]);
}

#[test]
fn an_empty_licence_list_states_nothing() {
    let facts = read(&[("README.md", b"---\nlicense: []\n---\nImages.\n", FileKind::HfCard)]);
    assert!(facts.licences.is_empty());
    assert_eq!(licence_rules(&facts), vec!["license.missing"]);
}

#[test]
fn other_with_an_unknown_licence_name_is_vague() {
    let card = b"---\nlicense: other\nlicense_name: hospital-data-agreement\n---\n";
    let facts = read(&[("README.md", card, FileKind::HfCard)]);
    assert_eq!(facts.licences.len(), 2);
    assert!(facts.licences.iter().all(|s| s.kind == LicenceKind::Vague));
    let findings = steward_checks::license::check(&facts);
    assert_eq!(findings[0].rule, "license.vague");
    assert_eq!(findings[0].data["vague"], 2);
}

#[test]
fn a_physionet_licence_name_is_academic_only() {
    let card = concat!(
        "---\nlicense: other\n",
        "license_name: physionet-credentialed-health-data-license-1.5.0\n---\n"
    )
    .as_bytes();
    let facts = read(&[("README.md", card, FileKind::HfCard)]);
    let named = &facts.licences[1];
    let want = "LicenseRef-PhysioNet-Credentialed-Health-Data-1.5.0";
    assert_eq!(named.spdx.as_deref(), Some(want));
    assert_eq!(named.class.usage, LicenceUse::AcademicOnly);
    assert!(licence_rules(&facts).is_empty());
}

#[test]
fn croissant_creative_work_and_list() {
    let card = json!({
        "@context": {"@vocab": "https://schema.org/"},
        "@type": "sc:Dataset",
        "license": [
            {
                "@type": "sc:CreativeWork",
                "name": "Custom",
                "url": "https://creativecommons.org/licenses/by-nc/4.0/"
            },
            "https://creativecommons.org/licenses/by-nc/4.0/"
        ]
    });
    let bytes = card.to_string();
    let facts = read(&[("croissant.json", bytes.as_bytes(), FileKind::Croissant)]);
    let want = vec![("license[].url", Some("CC-BY-NC-4.0")), ("license[]", Some("CC-BY-NC-4.0"))];
    assert_eq!(ids(&facts), want);
    assert!(licence_rules(&facts).is_empty());
}

#[test]
fn a_readme_without_front_matter_is_read_for_its_licence_sentence() {
    let text = b"# Chest X-rays\n\nThe images are released under CC BY-NC 4.0. Cite the paper.\n";
    let facts = read(&[("README.md", text, FileKind::Text)]);
    assert_eq!(ids(&facts), vec![("README body", Some("CC-BY-NC-4.0"))]);
    assert_eq!(facts.licences[0].text, "released under CC BY-NC 4.0");
    assert!(facts.cards.is_empty());
}

#[test]
fn a_readme_with_front_matter_classified_as_text_is_a_card() {
    let text = b"---\nlicense: odbl\n---\n# Data\n";
    let facts = read(&[("README.md", text, FileKind::Text)]);
    assert_eq!(ids(&facts), vec![("license", Some("ODbL-1.0"))]);
    assert!(facts.licences[0].class.share_alike);
    assert_eq!(facts.cards.len(), 1);
}

#[test]
fn a_card_and_a_licence_file_that_disagree_conflict() {
    let card = b"---\nlicense: cc-by-4.0\n---\n";
    let legal =
        b"Attribution-NonCommercial 4.0 International\n\n=====\n\nCreative Commons Corporation";
    let facts =
        read(&[("README.md", card, FileKind::HfCard), ("LICENSE", legal, FileKind::Licence)]);
    // Files are read in path order.
    let want = vec![("LICENSE text", Some("CC-BY-NC-4.0")), ("license", Some("CC-BY-4.0"))];
    assert_eq!(ids(&facts), want);
    let findings = steward_checks::license::check(&facts);
    assert_eq!(findings[0].rule, "license.conflict");
    assert_eq!(findings[0].data["licences"], json!(["CC-BY-4.0", "CC-BY-NC-4.0"]));
    assert_eq!(findings[0].examples[0]["source"], "README.md");
    assert_eq!(findings[0].examples[1]["source"], "LICENSE");
}

#[test]
fn an_mit_licence_on_images_is_software_on_data() {
    let legal = concat!(
        "MIT License\n\nCopyright (c) 2023 Lab\n\n",
        "Permission is hereby granted, free of charge, to any person obtaining a copy"
    )
    .as_bytes();
    let facts =
        read(&[("LICENSE", legal, FileKind::Licence), ("img/a.png", b"\x89PNG", FileKind::Png)]);
    assert_eq!(ids(&facts), vec![("LICENSE text", Some("MIT"))]);
    assert_eq!(licence_rules(&facts), vec!["license.software-on-data"]);
}

#[test]
fn a_one_line_licence_file_names_its_licence() {
    let facts = read(&[("LICENSE.txt", b"CC0-1.0\n", FileKind::Licence)]);
    assert_eq!(ids(&facts), vec![("LICENSE text", Some("CC0-1.0"))]);
}

#[test]
fn a_doi_only_in_prose_is_in_text_only() {
    let text = b"# Data\n\nOriginal: https://doi.org/10.5281/zenodo.1214456\n";
    let facts = read(&[("README.md", text, FileKind::Text)]);
    assert_eq!(facts.identifiers.len(), 1);
    assert_eq!(facts.identifiers[0].value, "10.5281/zenodo.1214456");
    assert!(!facts.identifiers[0].structured);
    let findings = steward_checks::pid::check(&facts);
    assert_eq!(findings[0].rule, "pid.in-text-only");
    assert_eq!(findings[0].data["identifiers"], json!(["10.5281/zenodo.1214456"]));
}

#[test]
fn citation_files_hold_structured_identifiers() {
    let cff = concat!(
        "cff-version: 1.2.0\ntitle: Scans\nlicense: CC-BY-4.0\ndoi: 10.5281/zenodo.1214456\n",
        "identifiers:\n  - type: doi\n    value: 10.5281/zenodo.1214455\n"
    )
    .as_bytes();
    let zenodo = json!({
        "upload_type": "dataset",
        "license": {"id": "cc-by-4.0"},
        "related_identifiers": [
            {"identifier": "https://hdl.handle.net/2027/mdp.39015", "relation": "isDerivedFrom"}
        ]
    })
    .to_string();
    let facts = read(&[
        ("CITATION.cff", cff, FileKind::CitationCff),
        (".zenodo.json", zenodo.as_bytes(), FileKind::ZenodoJson),
    ]);
    let want = vec![("license.id", Some("CC-BY-4.0")), ("license", Some("CC-BY-4.0"))];
    assert_eq!(ids(&facts), want);
    let found: Vec<(PidKind, &str, &str, bool)> = facts
        .identifiers
        .iter()
        .map(|i| (i.kind, i.value.as_str(), i.field.as_str(), i.structured))
        .collect();
    let want = vec![
        (PidKind::Handle, "2027/mdp.39015", "related_identifiers[].identifier", true),
        (PidKind::Doi, "10.5281/zenodo.1214456", "doi", true),
        (PidKind::Doi, "10.5281/zenodo.1214455", "identifiers[].value", true),
    ];
    assert_eq!(found, want);
    assert!(facts.cites_source);
    assert!(steward_checks::pid::check(&facts).is_empty());
}

#[test]
fn a_doi_inside_a_croissant_bibtex_cite_as_is_structured() {
    let card = json!({
        "@context": {}, "conformsTo": "http://mlcommons.org/croissant/1.0", "license": "cc0-1.0",
        "citeAs": "@misc{x, doi = {10.1234/abcd.5678}, title = {X}}",
        "description": "See also doi:10.9999/other."
    });
    let bytes = card.to_string();
    // Classified as plain JSON by the inventory: sniffed by content.
    let facts = read(&[("card.json", bytes.as_bytes(), FileKind::Json)]);
    let cite_as = facts.identifiers.iter().find(|i| i.field == "citeAs").expect("citeAs DOI");
    assert_eq!((cite_as.value.as_str(), cite_as.structured), ("10.1234/abcd.5678", true));
    let prose = facts.identifiers.iter().find(|i| i.field == "description").expect("prose DOI");
    assert!(!prose.structured);
}

#[test]
fn plain_json_that_is_not_a_card_is_not_read() {
    let facts = read(&[("labels.json", br#"{"a.png": 1, "b.png": 0}"#, FileKind::Json)]);
    assert!(facts.docs_read.is_empty());
    assert!(facts.warnings.is_empty());
}

#[test]
fn broken_cards_become_warnings_naming_the_file() {
    let facts = read(&[
        ("README.md", b"---\nlicense: [unclosed\n---\nbody\n", FileKind::HfCard),
        ("dataset-metadata.json", b"{\"licenses\": [", FileKind::KaggleMetadata),
    ]);
    let paths: Vec<&str> = facts.warnings.iter().map(|w| w.path.as_str()).collect();
    assert_eq!(paths, vec!["README.md", "dataset-metadata.json"]);
    assert!(facts.warnings[0].message.contains("Fix the YAML"));
    assert!(facts.warnings[1].message.contains("not valid JSON"));
}

#[test]
fn an_unreadable_file_is_a_warning_not_a_panic() {
    let dir = support::folder(&[]);
    let inventory = support::inventory(dir.path(), &[("LICENSE", FileKind::Licence)]);
    let facts = steward_docs::read(&inventory);
    assert_eq!(facts.warnings.len(), 1);
    assert_eq!(facts.warnings[0].path, "LICENSE");
    assert!(facts.warnings[0].message.contains("could not read"));
}

#[test]
fn non_utf8_text_is_decoded_lossily_with_a_warning() {
    let text = b"Die Bilder sind unter CC BY 4.0 ver\xf6ffentlicht. Licensed under CC BY 4.0.\n";
    let facts = read(&[("NOTES.txt", text, FileKind::Text)]);
    assert_eq!(ids(&facts), vec![("text", Some("CC-BY-4.0"))]);
    assert!(facts.warnings[0].message.contains("not valid UTF-8"));
}

#[test]
fn a_huge_readme_is_read_up_to_the_cap_with_a_warning() {
    let mut text = b"---\nlicense: cc0-1.0\n---\n".to_vec();
    text.resize(4 * 1024 * 1024 + 10, b'x');
    let facts = read(&[("README.md", &text, FileKind::HfCard)]);
    assert_eq!(ids(&facts), vec![("license", Some("CC0-1.0"))]);
    assert!(facts.warnings[0].message.contains("larger than 4 MiB"));
}
