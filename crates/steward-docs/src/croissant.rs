//! Reads a Croissant JSON-LD card: `license` (a string, a URL, a CreativeWork object or a
//! list of them), `citeAs`/`citation`/`isBasedOn` as citations, PIDs in `identifier`,
//! `sameAs`, `citeAs` and every other metadata field; descriptions as prose.

use serde_json::Value;
use steward_model::facts::docs::{CardFormat, CardSummary};

use crate::collect::Collector;
use crate::{spdx_map, walk};

/// True when the JSON has the shape of a Croissant card.
pub(crate) fn looks_like(card: &Value) -> bool {
    let conforms = card.get("conformsTo").is_some_and(|v| v.to_string().contains("croissant"));
    let typed = card.get("@type").is_some_and(|v| v.to_string().contains("Dataset"));
    card.get("@context").is_some() && (conforms || typed || card.get("recordSet").is_some())
}

/// Reads the Croissant `card` of `source`.
pub(crate) fn read(c: &mut Collector, source: &str, card: &Value) {
    match card.get("license") {
        Some(Value::Array(items)) => {
            items.iter().for_each(|item| licence(c, source, "license[]", item))
        }
        Some(item) => licence(c, source, "license", item),
        None => tracing::debug!(source, "Croissant card has no `license`"),
    }
    for key in ["citeAs", "citation", "isBasedOn"] {
        if card.get(key).is_some_and(|v| !is_blank(v)) {
            c.cite(source, key);
        }
    }
    c.card_values(source, card);
    let title = walk::str_field(card, "name").map(str::to_string);
    let fields = walk::top_fields(card);
    c.card(CardSummary {
        source: source.to_string(),
        format: CardFormat::Croissant,
        title,
        fields,
    });
}

fn licence(c: &mut Collector, source: &str, field: &str, item: &Value) {
    match item {
        Value::String(text) => c.licence_value(source, field, text),
        Value::Object(_) => creative_work(c, source, field, item),
        other => c.licence_of_odd_value(source, field, other),
    }
}

/// A `CreativeWork` licence: its `name`, `url` or `@id`, whichever names a licence first;
/// failing all, the first present; failing that, the object itself, as a vague statement
/// (a licence is stated, but not which). An empty object states nothing.
fn creative_work(c: &mut Collector, source: &str, field: &str, work: &Value) {
    let parts: Vec<(&str, &str)> = ["name", "url", "@id"]
        .into_iter()
        .filter_map(|key| walk::str_field(work, key).map(|text| (key, text)))
        .collect();
    let named = parts.iter().find(|(_, text)| spdx_map::recognise(text).is_some());
    match named.or(parts.first()) {
        Some((key, text)) => c.licence_value(source, &format!("{field}.{key}"), text),
        None if is_blank(work) => tracing::debug!(source, field, "empty licence object"),
        None => c.licence_of_odd_value(source, field, work),
    }
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}
