//! Reads the real cards, licence files and notes of the shared data in place, and pins
//! the licences, classes and identifiers they state (values checked by reading each file).

mod support;

use steward_model::facts::docs::{DocFacts, LicenceClass, LicenceKind, LicenceUse, PidKind};
use steward_model::facts::FileKind;

fn read(files: &[(&str, FileKind)]) -> Option<DocFacts> {
    let root = support::shared()?;
    Some(steward_docs::read(&support::inventory(&root, files)))
}

fn ids(facts: &DocFacts) -> Vec<(&str, Option<&str>)> {
    facts.licences.iter().map(|s| (s.field.as_str(), s.spdx.as_deref())).collect()
}

fn rules(facts: &DocFacts) -> Vec<String> {
    let mut found = steward_checks::license::check(facts);
    found.extend(steward_checks::pid::check(facts));
    found.into_iter().map(|f| f.rule).filter(|r| r != "license.terms").collect()
}

const COMMERCIAL_BY: LicenceClass = LicenceClass::new(LicenceUse::Commercial, true, false);

#[test]
fn meddocan_card_is_cc_by_4_in_yaml_and_body() {
    let Some(facts) = read(&[("cards/hf/GuiGel_meddocan.md", FileKind::HfCard)]) else { return };
    assert_eq!(
        ids(&facts),
        vec![("license[]", Some("CC-BY-4.0")), ("README body", Some("CC-BY-4.0"))]
    );
    assert_eq!(facts.licences[0].text, "cc-by-4.0");
    assert_eq!(facts.licences[0].kind, LicenceKind::Data);
    assert_eq!(facts.licences[0].class, COMMERCIAL_BY);
    assert!(facts.licences[1].text.contains("Creative Commons Attribution 4.0 International"));
    assert_eq!(facts.cards[0].title.as_deref(), Some("MEDDOCAN"));
    // The BibTeX entry under "Citation Information".
    assert!(facts.cites_source);
    // The same licence in two places is no conflict; the card has no DOI.
    assert_eq!(rules(&facts), vec!["pid.missing"]);
}

#[test]
fn ham10000_card_has_no_licence_and_its_doi_only_in_a_link() {
    let card = "cards/hf/marmal88_skin_cancer.md";
    let Some(facts) = read(&[(card, FileKind::HfCard)]) else { return };
    assert!(facts.licences.is_empty());
    assert_eq!(facts.identifiers.len(), 1);
    let doi = &facts.identifiers[0];
    assert_eq!((doi.kind, doi.value.as_str()), (PidKind::Doi, "10.7910/DVN/DBW86T"));
    assert_eq!((doi.field.as_str(), doi.structured), ("README body", false));
    assert_eq!(rules(&facts), vec!["license.missing", "pid.in-text-only"]);
}

#[test]
fn teeth_card_states_its_licence_in_a_body_sentence() {
    let card = "cards/hf/SerdarHelli_SegmentationOfTeethPanoramicXRayImages.md";
    let Some(facts) = read(&[(card, FileKind::HfCard)]) else { return };
    assert_eq!(ids(&facts), vec![("README body", Some("CC-BY-4.0"))]);
    let text = "licensed under a Creative Commons Attribution 4.0 International license";
    assert!(facts.licences[0].text.contains(text), "{}", facts.licences[0].text);
}

#[test]
fn placeholder_licensing_sections_state_nothing() {
    let card = "cards/hf/Rcronshaw_chestxrays.md";
    let Some(facts) = read(&[(card, FileKind::HfCard)]) else { return };
    assert!(facts.licences.is_empty());
    assert!(facts.warnings.is_empty());
    assert!(!facts.cites_source);
    assert_eq!(rules(&facts), vec!["license.missing", "pid.missing"]);
}

#[test]
fn kaggle_cc0_has_no_attribution() {
    let meta = "cards/kaggle/belbino-global-mental-health-crisis.dataset-metadata.json";
    let Some(facts) = read(&[(meta, FileKind::KaggleMetadata)]) else { return };
    assert_eq!(ids(&facts), vec![("licenses[].name", Some("CC0-1.0"))]);
    let class = LicenceClass::new(LicenceUse::Commercial, false, false);
    assert_eq!(facts.licences[0].class, class);
}

#[test]
fn kaggle_gpl_on_brain_images_is_software_on_data() {
    let meta =
        "cards/kaggle/preetviradiya-brian-tumor-dataset.kaggle-datasets-metadata-output.json";
    // Classified as plain JSON: the reader tells Kaggle metadata by its content.
    let Some(facts) = read(&[(meta, FileKind::Json)]) else { return };
    assert_eq!(ids(&facts), vec![("licenses[].name", Some("GPL-2.0-only"))]);
    assert_eq!(facts.licences[0].text, "GPL-2.0");
    assert_eq!(facts.licences[0].kind, LicenceKind::Software);
    assert!(facts.licences[0].class.share_alike);
    assert_eq!(facts.cards[0].title.as_deref(), Some("Brian Tumor Dataset"));
    assert_eq!(rules(&facts), vec!["license.software-on-data", "pid.missing"]);
}

#[test]
fn croissant_licences_as_ids_and_urls() {
    let cases = [
        ("cards/croissant/dices-350-rai.json", "CC-BY-SA-4.0", LicenceKind::Data),
        ("cards/croissant/hf-mnist.json", "MIT", LicenceKind::Software),
        ("cards/croissant/titanic.json", "AFL-3.0", LicenceKind::Software),
        ("cards/croissant/zenodo-head-mri.json", "MIT", LicenceKind::Software),
    ];
    for (card, spdx, kind) in cases {
        let Some(facts) = read(&[(card, FileKind::Json)]) else { return };
        assert_eq!(ids(&facts), vec![("license", Some(spdx))], "{card}");
        assert_eq!(facts.licences[0].kind, kind, "{card}");
    }
}

#[test]
fn dices_croissant_is_share_alike_and_cites_its_paper() {
    let card = "cards/croissant/dices-350-rai.json";
    let Some(facts) = read(&[(card, FileKind::Croissant)]) else { return };
    let class = LicenceClass::new(LicenceUse::Commercial, true, true);
    assert_eq!(facts.licences[0].class, class);
    assert_eq!(facts.citations[0].field, "citeAs");
    assert!(facts.identifiers.is_empty());
}

#[test]
fn physionet_licence_link_alone_is_vague() {
    let card = "cards/croissant/physionet-glaucoma-fundus.jsonld";
    let Some(facts) = read(&[(card, FileKind::Croissant)]) else { return };
    assert_eq!(ids(&facts), vec![("license", None)]);
    assert_eq!(facts.licences[0].kind, LicenceKind::Vague);
    let url = "https://physionet.org/content/hyg-dataset/1.0.0/LICENSE.txt";
    assert_eq!(facts.licences[0].text, url);
    assert_eq!(rules(&facts), vec!["license.vague", "pid.missing"]);
}

#[test]
fn squad_croissant_without_licence_is_missing() {
    let Some(facts) = read(&[("cards/croissant/hf-squad.json", FileKind::Croissant)]) else {
        return;
    };
    assert_eq!(rules(&facts), vec!["license.missing", "pid.missing"]);
}

#[test]
fn hannover_licence_text_and_notes_agree_on_cc_by_3() {
    let files = [
        ("images/hannover-covid19-cxr/LICENSE", FileKind::Licence),
        ("images/hannover-covid19-cxr/PROVENANCE.md", FileKind::Text),
    ];
    let Some(facts) = read(&files) else { return };
    let want = vec![("LICENSE text", Some("CC-BY-3.0")), ("text", Some("CC-BY-3.0"))];
    assert_eq!(ids(&facts), want);
    assert!(facts.licences[0].text.contains("Attribution 3.0 Unported"));
    assert_eq!(facts.licences[0].class, COMMERCIAL_BY);
    let dois: Vec<&str> = facts.identifiers.iter().map(|i| i.value.as_str()).collect();
    assert_eq!(dois, vec!["10.25835/0090041", "10.6084/m9.figshare.12275009"]);
    assert!(facts.identifiers.iter().all(|i| !i.structured));
    assert_eq!(rules(&facts), vec!["pid.in-text-only"]);
}

#[test]
fn a_cc_by_4_card_beside_a_cc_by_3_licence_conflicts() {
    let files = [
        ("cards/hf/GuiGel_meddocan.md", FileKind::HfCard),
        ("images/hannover-covid19-cxr/LICENSE", FileKind::Licence),
    ];
    let Some(facts) = read(&files) else { return };
    let findings = steward_checks::license::check(&facts);
    assert_eq!(findings[0].rule, "license.conflict");
    assert_eq!(findings[0].data["licences"], serde_json::json!(["CC-BY-3.0", "CC-BY-4.0"]));
    assert_eq!(findings[0].data["places"], 3);
}

#[test]
fn dicom_test_data_licences_are_mit_texts() {
    for file in [
        "dicom/deid-data/LICENSE.deid-data",
        "dicom/pydicom/LICENSE.pydicom",
        "dicom/nibabel/COPYING.nibabel",
    ] {
        let Some(facts) = read(&[(file, FileKind::Licence)]) else { return };
        assert_eq!(ids(&facts), vec![("LICENSE text", Some("MIT"))], "{file}");
        assert_eq!(facts.licences[0].kind, LicenceKind::Software);
    }
}
