//! Parses the YAML of cards and citation files (front matter, CITATION.cff) into JSON values,
//! so every card format is walked the same way. Text the YAML parser would take minutes over
//! is refused first, by cheap checks: a size cap, a nesting cap and a bracket cap.
//!
//! The parser's scanner does work in proportion to the nesting depth for every token, so a
//! line of a few hundred thousand `[` costs it minutes before it reports its recursion limit.

use std::fmt;

use serde_json::Value;

/// The most YAML bytes handed to the parser; cards and citation files are far smaller.
pub(crate) const YAML_CAP: usize = 1024 * 1024;

/// The deepest bracket nesting parsed; real cards nest a handful of levels.
pub(crate) const MAX_NESTING: usize = 64;

/// The most opening brackets (`[`, `{`) parsed, wherever they stand. This cap alone bounds
/// the parser's work, whatever the nesting count below misses: a parse of this many nested
/// levels takes well under a second.
pub(crate) const MAX_BRACKETS: usize = 8 * 1024;

/// Why YAML text was not read.
#[derive(Debug)]
pub(crate) enum YamlError {
    /// Larger than [`YAML_CAP`]; holds the size in bytes.
    TooLarge(usize),
    /// Brackets nest deeper than [`MAX_NESTING`]; holds the 1-based line where they do.
    TooDeep(usize),
    /// More than [`MAX_BRACKETS`] opening brackets.
    TooManyBrackets,
    /// The parser rejected it.
    Invalid(serde_norway::Error),
}

impl YamlError {
    /// What to do about a refusal; `None` for invalid YAML, where the caller knows best.
    pub(crate) fn advice(&self) -> Option<&'static str> {
        match self {
            YamlError::TooLarge(_) => Some("Move long content out of it, or check it by hand."),
            YamlError::TooDeep(_) | YamlError::TooManyBrackets => {
                Some("Write nested lists in block style, one `- item` per line.")
            }
            YamlError::Invalid(_) => None,
        }
    }
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            YamlError::TooLarge(size) => {
                let cap = YAML_CAP / (1024 * 1024);
                write!(f, "is larger than {cap} MiB ({size} bytes), too large to parse safely")
            }
            YamlError::TooDeep(line) => write!(
                f,
                "nests brackets more than {MAX_NESTING} levels deep (at line {line}), \
                 too deep to parse safely"
            ),
            YamlError::TooManyBrackets => {
                write!(f, "holds more than {MAX_BRACKETS} `[` and `{{`, too many to parse safely")
            }
            YamlError::Invalid(err) => write!(f, "is not valid YAML ({err})"),
        }
    }
}

/// `yaml` read as a JSON value; blank text and a YAML null are an empty mapping.
pub(crate) fn parse(yaml: &str) -> Result<Value, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(Value::Object(Default::default()));
    }
    refuse_costly(yaml)?;
    let value: Value = serde_norway::from_str(yaml).map_err(YamlError::Invalid)?;
    Ok(if value.is_null() { Value::Object(Default::default()) } else { value })
}

/// The cheap checks, each linear in the text.
fn refuse_costly(yaml: &str) -> Result<(), YamlError> {
    if yaml.len() > YAML_CAP {
        return Err(YamlError::TooLarge(yaml.len()));
    }
    if let Some(line) = too_deep(yaml) {
        return Err(YamlError::TooDeep(line));
    }
    let opening = yaml.bytes().filter(|b| matches!(b, b'[' | b'{')).count();
    if opening > MAX_BRACKETS {
        return Err(YamlError::TooManyBrackets);
    }
    Ok(())
}

/// The 1-based line where bracket nesting first passes [`MAX_NESTING`], counting brackets
/// outside quoted scalars and comments.
// Limitation: this count knows only the common quoting rules: a quoted scalar starts after a
// space, a line start, `[`, `{`, `,` or `:`, and ends at its line's end at the latest. A quote
// mark inside plain text can hide brackets from it; [`MAX_BRACKETS`] bounds what it can miss.
fn too_deep(yaml: &str) -> Option<usize> {
    let mut depth = 0;
    for (at, line) in yaml.lines().enumerate() {
        match nesting_after(line, depth) {
            Some(after) => depth = after,
            None => return Some(at + 1),
        }
    }
    None
}

/// The nesting depth after `line`, starting at `depth`; `None` once it passes the cap.
fn nesting_after(line: &str, mut depth: usize) -> Option<usize> {
    let bytes = line.as_bytes();
    let (mut quote, mut prev, mut at) = (None, b' ', 0);
    while at < bytes.len() {
        let byte = bytes[at];
        match quote {
            Some(_) if byte == b'\\' && quote == Some(b'"') => at += 1,
            // `''` inside a single-quoted scalar is an escaped quote mark.
            Some(b'\'') if byte == b'\'' && bytes.get(at + 1) == Some(&b'\'') => at += 1,
            Some(q) if byte == q => quote = None,
            Some(_) => {}
            None if byte == b'#' && prev.is_ascii_whitespace() => break,
            None if matches!(byte, b'\'' | b'"') && starts_node(prev) => quote = Some(byte),
            None if matches!(byte, b'[' | b'{') => depth += 1,
            None if matches!(byte, b']' | b'}') => depth = depth.saturating_sub(1),
            None => {}
        }
        if depth > MAX_NESTING {
            return None;
        }
        prev = byte;
        at += 1;
    }
    Some(depth)
}

/// True when a quote mark after `prev` opens a quoted scalar.
fn starts_node(prev: u8) -> bool {
    prev.is_ascii_whitespace() || matches!(prev, b'[' | b'{' | b',' | b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_map_with_comments_is_an_empty_card() {
        let card = parse("# For reference\n{}\n").expect("parsed");
        assert_eq!(card, Value::Object(Default::default()));
    }

    #[test]
    fn quoted_and_commented_brackets_do_not_nest() {
        let deep = "[".repeat(100);
        let yaml = format!("a: '{deep}'\nb: \"{deep}\"\nc: x # {deep}\nd: 'it''s {deep}'\n");
        assert_eq!(too_deep(&yaml), None);
        assert_eq!(parse(&yaml).expect("parsed")["d"], format!("it's {deep}"));
    }

    #[test]
    fn brackets_in_plain_text_close_again() {
        let yaml = "title: see [1] and [2]\n".repeat(200);
        assert_eq!(too_deep(&yaml), None);
    }

    #[test]
    fn deep_flow_nesting_is_refused_at_its_line() {
        let yaml = format!("a: 1\nlicense: {}\n", "[".repeat(65));
        assert!(matches!(parse(&yaml), Err(YamlError::TooDeep(2))));
        let flat = format!("license: {}{}\n", "[".repeat(64), "]".repeat(64));
        assert!(parse(&flat).is_ok());
    }

    #[test]
    fn a_quote_mark_in_plain_text_cannot_hide_many_brackets() {
        let yaml = format!("a: x 'y {}'\n", "[".repeat(MAX_BRACKETS + 1));
        assert!(matches!(parse(&yaml), Err(YamlError::TooManyBrackets)));
    }

    #[test]
    fn yaml_over_the_cap_is_refused() {
        let yaml = format!("a: {}\n", "x".repeat(YAML_CAP));
        assert!(matches!(parse(&yaml), Err(YamlError::TooLarge(_))));
    }
}
