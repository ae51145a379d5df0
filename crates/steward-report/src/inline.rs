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

/// A pair record (`{"a", "b", n}`) reads `a/b n`; other records read `k v, k v`.
fn item(value: &Value) -> String {
    if let (Some(a), Some(b)) = (value.get("a"), value.get("b")) {
        let rest: Vec<String> = value
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| *k != "a" && *k != "b")
            .map(|(_, v)| render(v))
            .collect();
        return format!("{}/{} {}", render(a), render(b), rest.join(" "));
    }
    render(value)
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
        let pairs = json!([{"a": "train", "b": "val", "groups": 563}, {"a": "val", "b": "test", "groups": 2}]);
        assert_eq!(inline(&pairs), "train/val 563; val/test 2");
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
