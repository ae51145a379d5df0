//! Writes a JSON value on one line for people: `train/val 563, train/test 559` rather than
//! braces and quotes.

use serde_json::Value;

/// The most characters of one rendered value.
const MAX_CHARS: usize = 160;

/// `value` on one line, cut at [`MAX_CHARS`].
pub fn inline(value: &Value) -> String {
    cut(render(value))
}

fn render(value: &Value) -> String {
    match value {
        Value::Null => "-".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(item).collect::<Vec<_>>().join("; "),
        Value::Object(fields) => fields
            .iter()
            .map(|(k, v)| format!("{k} {}", scalar_or_nested(v)))
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// A pair record reads `a/b n`: `{"a", "b", n}` as well as any record of two names and a
/// count (`{"a_split", "b_split", "samples"}`); other records read `k v, k v`.
fn item(value: &Value) -> String {
    match value.as_object().map(|o| o.values().collect::<Vec<_>>()).as_deref() {
        Some([Value::String(a), Value::String(b), n @ Value::Number(_)]) => format!("{a}/{b} {n}"),
        _ => render(value),
    }
}

/// True for a list of records too wide for one line (more than three fields each).
pub fn is_wide(value: &Value) -> bool {
    let Value::Array(items) = value else { return false };
    items.iter().any(|i| i.as_object().is_some_and(|o| o.len() > 3))
}

fn scalar_or_nested(value: &Value) -> String {
    match value {
        Value::Object(_) | Value::Array(_) => format!("({})", render(value)),
        other => render(other),
    }
}

fn cut(text: String) -> String {
    if text.chars().count() <= MAX_CHARS {
        return text;
    }
    let kept: String = text.chars().take(MAX_CHARS - 1).collect();
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pairs_read_as_slashes() {
        let pairs = json!([
            {"a": "train", "b": "val", "groups": 563},
            {"a": "val", "b": "test", "groups": 2},
        ]);
        assert_eq!(inline(&pairs), "train/val 563; val/test 2");
        let cells = json!([{"a_split": "test", "b_split": "train", "samples": 17920}]);
        assert_eq!(inline(&cells), "test/train 17920");
        assert!(is_wide(&json!([{"a": 1, "b": 2, "c": 3, "d": 4}])));
        assert!(!is_wide(&pairs));
    }

    #[test]
    fn objects_read_as_key_value() {
        assert_eq!(inline(&json!({"val": 606, "test": 596})), "val 606, test 596");
        assert_eq!(
            inline(&json!({"group": "HAM_1", "samples": {"train": 2}})),
            "group HAM_1, samples (train 2)"
        );
    }

    #[test]
    fn long_values_are_cut() {
        let long = Value::String("x".repeat(500));
        assert_eq!(inline(&long).chars().count(), MAX_CHARS);
    }
}
