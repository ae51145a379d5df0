//! Reads JSON split files: an object from split name to a list of records, each record a
//! path, a list whose first element is a path, or an object with a path-like field.

use serde_json::{Map, Value};
use steward_model::FileWarning;

use crate::roles::is_split_word;

/// The splits of a JSON split file, as (split name, member paths), in file order; `None`
/// when the JSON is not a split file (fewer than two split-named keys holding lists).
pub fn parse(
    path: &str,
    text: &str,
    warnings: &mut Vec<FileWarning>,
) -> Option<Vec<(String, Vec<String>)>> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => {
            warnings
                .push(FileWarning::new(path, format!("not valid JSON ({err}); fix or remove it")));
            return None;
        }
    };
    let splits = split_lists(value.as_object()?);
    (splits.len() >= 2).then_some(splits)
}

fn split_lists(object: &Map<String, Value>) -> Vec<(String, Vec<String>)> {
    object
        .iter()
        .filter(|(name, _)| is_split_word(name))
        .filter_map(|(name, value)| Some((name.clone(), members(value.as_array()?))))
        .collect()
}

fn members(records: &[Value]) -> Vec<String> {
    records.iter().filter_map(member_path).collect()
}

fn member_path(record: &Value) -> Option<String> {
    match record {
        Value::String(path) => Some(path.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => member_path(items.first()?),
        Value::Object(fields) => {
            let keys = ["image", "path", "file", "filename", "file_name", "image_path", "id"];
            keys.iter().find_map(|k| fields.get(*k)).and_then(member_path)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_whose_first_element_is_a_path() {
        let text = r#"{"train": [["a/x.png", 1], ["a/y.png", 0]], "validation": [["b/z.png", 1]],
                       "classes": ["no", "yes"]}"#;
        let splits = parse("s.json", text, &mut Vec::new()).unwrap();
        assert_eq!(splits.len(), 2);
        assert_eq!(splits[0], ("train".to_string(), vec!["a/x.png".into(), "a/y.png".into()]));
        assert_eq!(splits[1].0, "validation");
    }

    #[test]
    fn other_json_is_not_a_split_file() {
        assert!(parse("c.json", r#"{"name": "x", "train": []}"#, &mut Vec::new()).is_none());
        let mut w = Vec::new();
        assert!(parse("c.json", "{oops", &mut w).is_none());
        assert_eq!(w.len(), 1);
    }
}
