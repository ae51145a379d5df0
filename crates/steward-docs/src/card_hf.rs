//! Reads a Hugging Face card: the README's YAML front matter (`license` as a string or a
//! list, `license_name`, `license_link`, `source_datasets`, PIDs in any field) and its
//! Markdown body as prose.

use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use steward_model::facts::docs::{CardFormat, CardSummary};

use crate::collect::Collector;
use crate::{walk, yaml};

/// The field name used for a card's Markdown body.
pub(crate) const BODY: &str = "README body";

/// Reads `text`, the README at `source`. Without front matter it is all prose.
pub(crate) fn read(c: &mut Collector, source: &str, text: &str) {
    let Some((yaml, body)) = split_front_matter(text) else {
        warn_if_unclosed(c, source, text);
        tracing::debug!(source, "README has no YAML front matter: read as prose");
        c.prose(source, BODY, text);
        return;
    };
    match yaml::parse(yaml) {
        Ok(card) if card.is_object() => read_front_matter(c, source, &card),
        Ok(card) => c.warn(source, not_a_mapping(&card)),
        Err(err) => {
            let advice = err.advice().unwrap_or("Fix the YAML between the `---` lines.");
            let message = format!(
                "the card's YAML front matter {err}; its licence and identifiers were not \
                 read. {advice}"
            );
            c.warn(source, message);
        }
    }
    c.prose(source, BODY, body);
}

/// A first line `---` followed by a YAML key, with no closing line: front matter meant, but
/// not read as such (the hub would not read it either).
fn warn_if_unclosed(c: &mut Collector, source: &str, text: &str) {
    let mut lines = text.lines();
    let opened = lines.next().is_some_and(|line| line.trim_end() == "---");
    let next = lines.map(str::trim).find(|line| !line.is_empty());
    if opened && next.is_some_and(|line| YAML_KEY.is_match(line)) {
        let message = "the card's front matter is not closed by a --- line, so its fields \
                       were read as prose only. Add a line `---` after the last field.";
        c.warn(source, message);
    }
}

static YAML_KEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z_][\w-]*\s*:(?:\s|$)").expect("valid key pattern"));

fn not_a_mapping(card: &Value) -> String {
    format!(
        "the card's YAML front matter is {}, not a mapping of fields; its licence and \
         identifiers were not read. Write it as `key: value` lines, e.g. `license: cc-by-4.0`.",
        walk::shape(card)
    )
}

/// The YAML between a first line `---` and the next `---` (or `...`) line, and the rest.
pub(crate) fn split_front_matter(text: &str) -> Option<(&str, &str)> {
    let after_open = text.strip_prefix("---")?;
    let after_open = after_open.strip_prefix('\r').unwrap_or(after_open).strip_prefix('\n')?;
    let mut at = 0;
    for line in after_open.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some((&after_open[..at], &after_open[at + line.len()..]));
        }
        at += line.len();
    }
    None
}

fn read_front_matter(c: &mut Collector, source: &str, card: &Value) {
    // Older cards say `licenses:`.
    for key in ["license", "licenses"] {
        read_licence_field(c, source, key, card.get(key));
    }
    if let Some(name) = walk::str_field(card, "license_name") {
        c.licence_value(source, "license_name", name);
    }
    if let Some(link) = walk::str_field(card, "license_link") {
        c.licence_if_named(source, "license_link", link);
    }
    if cites_source_datasets(card) {
        c.cite(source, "source_datasets");
    }
    c.card_values(source, card);
    let title = walk::str_field(card, "pretty_name").map(str::to_string);
    let fields = walk::top_fields(card);
    c.card(CardSummary { source: source.to_string(), format: CardFormat::HfCard, title, fields });
}

/// `license: x` or `license: [x, y]`; an empty list states nothing, a value that is not
/// text is a vague statement.
fn read_licence_field(c: &mut Collector, source: &str, key: &str, value: Option<&Value>) {
    match value {
        Some(Value::String(text)) => c.licence_value(source, key, text),
        Some(Value::Array(items)) if items.is_empty() => {
            tracing::debug!(source, key, "licence list is empty: states no licence");
        }
        Some(Value::Array(items)) => {
            let field = format!("{key}[]");
            for item in items {
                match item.as_str() {
                    Some(text) => c.licence_value(source, &field, text),
                    None => c.licence_of_odd_value(source, &field, item),
                }
            }
        }
        Some(other) => c.licence_of_odd_value(source, key, other),
        None => {}
    }
}

/// `source_datasets` naming anything but `original` points at the data's origin.
fn cites_source_datasets(card: &Value) -> bool {
    let names: Vec<&str> = match card.get("source_datasets") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(name)) => vec![name.as_str()],
        _ => Vec::new(),
    };
    names.iter().any(|n| !n.trim().eq_ignore_ascii_case("original"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_from_the_body() {
        let (yaml, body) = split_front_matter("---\nlicense: mit\n---\n# Title\n").expect("split");
        assert_eq!(yaml, "license: mit\n");
        assert_eq!(body, "# Title\n");
        assert!(split_front_matter("# Title\n---\n").is_none());
    }

    #[test]
    fn crlf_front_matter_is_split() {
        let (yaml, _) = split_front_matter("---\r\nlicense: mit\r\n---\r\nbody").expect("split");
        assert_eq!(yaml, "license: mit\r\n");
    }
}
