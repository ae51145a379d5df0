//! Reads citation files: CITATION.cff (`license`, `doi`, `identifiers`,
//! `preferred-citation`, `references`) and .zenodo.json (`license`, `doi`,
//! `related_identifiers`, the HTML `description` as prose).

use serde_json::Value;
use steward_model::facts::docs::{CardFormat, CardSummary};

use crate::collect::Collector;
use crate::walk;

/// True when the JSON has the shape of Zenodo deposit metadata.
pub(crate) fn looks_like_zenodo(card: &Value) -> bool {
    let has = |key: &str| card.get(key).is_some();
    has("upload_type") || has("related_identifiers") || (has("creators") && has("access_right"))
}

/// Reads a parsed CITATION.cff.
pub(crate) fn read_cff(c: &mut Collector, source: &str, cff: &Value) {
    licences(c, source, cff.get("license"));
    if let Some(url) = walk::str_field(cff, "license-url") {
        c.licence_if_named(source, "license-url", url);
    }
    for key in ["preferred-citation", "references"] {
        if cff.get(key).is_some_and(|v| !v.is_null()) {
            c.cite(source, key);
        }
    }
    c.card_values(source, cff);
    summary(c, source, cff, CardFormat::CitationCff);
}

/// Reads a parsed .zenodo.json.
pub(crate) fn read_zenodo(c: &mut Collector, source: &str, zenodo: &Value) {
    match zenodo.get("license") {
        Some(licence @ Value::Object(_)) => match walk::str_field(licence, "id") {
            Some(id) => c.licence_value(source, "license.id", id),
            None => c.licence_of_odd_value(source, "license", licence),
        },
        other => licences(c, source, other),
    }
    let related = zenodo.get("related_identifiers").and_then(Value::as_array);
    if related.is_some_and(|r| !r.is_empty()) {
        c.cite(source, "related_identifiers");
    }
    c.card_values(source, zenodo);
    summary(c, source, zenodo, CardFormat::Zenodo);
}

/// `license: x` or a list of SPDX ids; a value that is not text is a vague statement.
fn licences(c: &mut Collector, source: &str, value: Option<&Value>) {
    match value {
        Some(Value::String(text)) => c.licence_value(source, "license", text),
        Some(Value::Array(items)) => {
            for item in items {
                match item.as_str() {
                    Some(text) => c.licence_value(source, "license[]", text),
                    None => c.licence_of_odd_value(source, "license[]", item),
                }
            }
        }
        Some(other) => c.licence_of_odd_value(source, "license", other),
        None => {}
    }
}

fn summary(c: &mut Collector, source: &str, card: &Value, format: CardFormat) {
    let title = walk::str_field(card, "title").map(str::to_string);
    let fields = walk::top_fields(card);
    c.card(CardSummary { source: source.to_string(), format, title, fields });
}
