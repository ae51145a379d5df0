//! Reads Kaggle dataset metadata (`dataset-metadata.json`, or the API's longer output):
//! `licenses[].name` (or a bare string, in a list or alone), `licenseName`, the description
//! as prose, PIDs in any field.

use serde_json::Value;
use steward_model::facts::docs::{CardFormat, CardSummary};

use crate::collect::Collector;
use crate::walk;

/// True when the JSON has the shape of Kaggle metadata.
pub(crate) fn looks_like(card: &Value) -> bool {
    let has = |key: &str| card.get(key).is_some();
    let slug = walk::str_field(card, "id").is_some_and(|id| id.contains('/'));
    has("licenses") || has("licenseName") || (slug && (has("title") || has("titleNullable")))
}

/// Reads the metadata `card` of `source`.
pub(crate) fn read(c: &mut Collector, source: &str, card: &Value) {
    match card.get("licenses") {
        Some(Value::Array(licences)) => licences.iter().for_each(|l| read_licence(c, source, l)),
        // Tolerated: `"licenses": "CC0-1.0"` says what it means.
        Some(Value::String(text)) => c.licence_value(source, "licenses", text),
        Some(other) => c.licence_of_odd_value(source, "licenses", other),
        None => {}
    }
    if let Some(name) = walk::str_field(card, "licenseName") {
        c.licence_value(source, "licenseName", name);
    }
    c.card_values(source, card);
    let title = walk::str_field(card, "title").or_else(|| walk::str_field(card, "titleNullable"));
    let fields = walk::top_fields(card);
    let title = title.map(str::to_string);
    c.card(CardSummary { source: source.to_string(), format: CardFormat::Kaggle, title, fields });
}

/// One entry of `licenses`: `{"name": …}` (or `nameNullable`), or a bare string.
fn read_licence(c: &mut Collector, source: &str, licence: &Value) {
    if let Some(text) = licence.as_str() {
        return c.licence_value(source, "licenses[]", text);
    }
    let name =
        walk::str_field(licence, "name").or_else(|| walk::str_field(licence, "nameNullable"));
    match name {
        Some(name) => c.licence_value(source, "licenses[].name", name),
        None if licence.is_object() => {
            tracing::debug!(source, "a `licenses` entry without a name states nothing")
        }
        None => c.licence_of_odd_value(source, "licenses[]", licence),
    }
}
