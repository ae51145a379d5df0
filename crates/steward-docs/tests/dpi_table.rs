//! Compares steward's licence classes with the Data Provenance Initiative's published table
//! (read in place from the shared data; skipped when absent). The table is evidence, not
//! truth: where it and a licence's own terms disagree, the test names the entry and why.

use std::path::PathBuf;

use serde_json::Value;
use steward_model::facts::docs::{LicenceKind, LicenceUse};

fn dpi_file(name: &str) -> Option<Value> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/licenses/dpi");
    let Ok(text) = std::fs::read_to_string(dir.join(name)) else {
        eprintln!("skipped: {name} not found under {}", dir.display());
        return None;
    };
    Some(serde_json::from_str(&text).expect("the DPI file is JSON"))
}

fn dpi_use(code: &str) -> LicenceUse {
    match code {
        "All" => LicenceUse::Commercial,
        "NC" => LicenceUse::NonCommercial,
        "Acad" => LicenceUse::AcademicOnly,
        _ => LicenceUse::Unspecified,
    }
}

/// Names whose class differs from the DPI table, because the table is wrong there.
const DPI_ERRORS: &[&str] = &[
    // MIT requires the copyright notice to be kept; the table says so for "MIT License".
    "MIT",
    // No-derivatives forbids sharing adaptations at all; it is not share-alike.
    "CC BY-ND 4.0",
    // NC-SA is share-alike; the table says so for the versioned entries.
    "CC BY-NC-SA",
    // The LGPL and MPL are (weak) copyleft: modified files stay under the licence.
    "LGPL 2.1",
    "LGPL 3.0",
    "MPL 2.0",
];

#[test]
fn classes_agree_with_the_dpi_table_except_its_errors() {
    let Some(Value::Object(table)) = dpi_file("license_classes.json") else { return };
    let mut differ = Vec::new();
    for (name, row) in &table {
        let Some(s) = steward_docs::licence_of_value("dpi", "name", name) else { continue };
        if s.kind == LicenceKind::Vague {
            continue;
        }
        let row: Vec<&str> =
            row.as_array().expect("row").iter().filter_map(Value::as_str).collect();
        let (usage, attribution, share_alike) = (dpi_use(row[0]), row[1] == "1", row[2] == "1");
        let same_use = s.class.usage == usage;
        // Custom terms carry no attribution or share-alike of their own: compare the use.
        let same_rest = s.kind == LicenceKind::Terms
            || (s.class.attribution == attribution && s.class.share_alike == share_alike);
        if !(same_use && same_rest) {
            differ.push(name.as_str());
        }
    }
    differ.sort();
    let mut want = DPI_ERRORS.to_vec();
    want.sort();
    assert_eq!(differ, want);
}

/// Paraphrases the DPI table files under the wrong entry: a different version, the Affero
/// GPL under the plain GPL, a software licence under a data agreement.
const MISFILED: &[(&str, &str)] = &[
    ("CC BY 3.0", "cc-by-2.0"),
    ("GNU General Public License v3.0", "GNU Affero General Public License v3.0"),
    ("GNU General Public License v3.0", "agpl-3.0"),
    ("Microsoft Data Licensing Agreement", "ms-pl"),
];

#[test]
fn recognised_paraphrases_map_to_their_entry() {
    let Some(Value::Object(table)) = dpi_file("license_paraphrases.json") else { return };
    let (mut recognised, mut misfiled) = (0, Vec::new());
    for (entry, paraphrases) in &table {
        let want = steward_docs::licence_of_value("dpi", "name", entry).and_then(|s| s.spdx);
        for text in paraphrases.as_array().expect("list").iter().filter_map(Value::as_str) {
            let Some(got) =
                steward_docs::licence_of_value("dpi", "name", text).and_then(|s| s.spdx)
            else {
                continue;
            };
            recognised += 1;
            if want.as_deref() != Some(got.as_str()) {
                misfiled.push((entry.as_str(), text));
            }
        }
    }
    misfiled.sort();
    assert_eq!(misfiled, MISFILED);
    // Versionless names ("CC-BY", "Apache License", "gpl") rightly get no SPDX id.
    assert!(recognised >= 80, "only {recognised} paraphrases recognised");
}

#[test]
fn a_bare_creative_commons_is_not_cc0() {
    // The DPI table files "Creative Commons" under CC0; it names no licence at all.
    for text in ["Creative Commons", "cc", "Creative Commons Public License (CCPL)"] {
        let s = steward_docs::licence_of_value("dpi", "name", text).expect("statement");
        assert_eq!(s.kind, LicenceKind::Vague, "{text}");
        assert_eq!(s.spdx, None);
    }
}
