//! Walks a parsed card (JSON, or YAML read as JSON) and lists every string value with its
//! field path (`licenses[].name`, `identifiers[].value`), telling metadata from prose fields.

use serde_json::{Map, Value};

/// Every string value under `value`, with its field path, in file order.
pub(crate) fn strings(value: &Value) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    walk(value, "", &mut out);
    out
}

fn walk<'a>(value: &'a Value, path: &str, out: &mut Vec<(String, &'a str)>) {
    match value {
        Value::String(text) => out.push((path.to_string(), text)),
        Value::Array(items) => {
            let path = format!("{path}[]");
            items.iter().for_each(|item| walk(item, &path, out));
        }
        Value::Object(map) => {
            for (key, child) in map.iter().filter(|(key, _)| !is_shadow(map, key)) {
                let path = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                walk(child, &path, out);
            }
        }
        _ => {}
    }
}

/// Kaggle's API repeats fields as `nameNullable` beside `name`: read them once.
fn is_shadow(map: &Map<String, Value>, key: &str) -> bool {
    key.strip_suffix("Nullable").is_some_and(|base| map.contains_key(base))
}

/// True for fields that hold prose written for people (descriptions, abstracts), where an
/// identifier is "in text only"; other fields are metadata.
pub(crate) fn is_prose_field(path: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path).trim_end_matches("[]");
    let last = last.trim_end_matches("Nullable").to_ascii_lowercase();
    const PROSE: &[&str] = &["description", "abstract", "message", "notes", "summary", "subtitle"];
    PROSE.iter().any(|p| last.contains(p)) || last.starts_with("rai:")
}

/// A string field of an object, when present and not blank.
pub(crate) fn str_field<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key)?.as_str().map(str::trim).filter(|s| !s.is_empty())
}

/// What a value is, in words for a warning: "a list", "a text value".
pub(crate) fn shape(value: &Value) -> &'static str {
    match value {
        Value::Null => "empty",
        Value::Bool(_) => "a true/false value",
        Value::Number(_) => "a number",
        Value::String(_) => "a text value",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// The top-level field names of an object.
pub(crate) fn top_fields(value: &Value) -> Vec<String> {
    value.as_object().map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_name_arrays_without_indices() {
        let card =
            json!({"licenses": [{"name": "CC0-1.0", "nameNullable": "CC0-1.0"}], "id": "a/b"});
        let found = strings(&card);
        assert_eq!(
            found,
            vec![("licenses[].name".to_string(), "CC0-1.0"), ("id".to_string(), "a/b")]
        );
    }

    #[test]
    fn descriptions_are_prose() {
        assert!(is_prose_field("descriptionNullable"));
        assert!(is_prose_field("recordSet[].field[].description"));
        assert!(is_prose_field("rai:dataCollection"));
        assert!(!is_prose_field("citeAs"));
        assert!(!is_prose_field("identifiers[].value"));
    }
}
