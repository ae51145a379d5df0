//! Sniffers for text files, read from the head of a file: YAML front matter, Croissant
//! JSON-LD, and lists of file names.

/// Lines of a list file looked at; enough to tell a list from prose.
const LIST_LINES: usize = 50;

/// The head as text, with a last line cut by the head's end dropped when `truncated`.
fn complete_lines(head: &[u8], truncated: bool) -> Vec<String> {
    let text = String::from_utf8_lossy(head);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if truncated && !text.ends_with('\n') {
        lines.pop();
    }
    lines
}

/// True when the text opens with a `---` line: YAML front matter, as Hugging Face cards
/// carry their metadata.
pub fn has_front_matter(head: &[u8]) -> bool {
    let lines = complete_lines(head, false);
    lines.first().is_some_and(|line| line.trim_end() == "---")
}

/// True when JSON(-LD) text has an `@context` naming Croissant or schema.org and an `@type`
/// of `Dataset` (bare, `sc:`, `schema:` or as a schema.org address).
pub fn is_croissant(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let vocabulary = text.contains("mlcommons.org/croissant") || text.contains("schema.org");
    text.contains("\"@context\"") && vocabulary && type_values(&text).any(is_dataset_type)
}

fn is_dataset_type(value: &str) -> bool {
    let name = value.rsplit([':', '/']).next().unwrap_or(value);
    name == "Dataset"
}

/// The string values of every `"@type"` key in `text`.
fn type_values(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("\"@type\"").filter_map(|(at, key)| {
        let rest = text[at + key.len()..].trim_start().strip_prefix(':')?;
        let rest = rest.trim_start().strip_prefix('"')?;
        rest.split_once('"').map(|(value, _)| value)
    })
}

/// True when every non-empty line (of the first few dozen) starts with something shaped
/// like a file name, optionally followed by space-separated labels: a split or label list.
pub fn is_file_list(head: &[u8], truncated: bool) -> bool {
    let lines = complete_lines(head, truncated);
    let mut lines = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).peekable();
    lines.peek().is_some() && lines.take(LIST_LINES).all(starts_with_file_name)
}

fn starts_with_file_name(line: &str) -> bool {
    line.split_whitespace().next().is_some_and(looks_like_file_name)
}

/// A token like `00000001_000.png` or `images/a.jpg`: name characters only, and an
/// extension of one to five characters with at least one letter (so `1.5` is not one).
fn looks_like_file_name(token: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "_-./+".contains(c);
    let Some((stem, ext)) = token.rsplit_once('.') else {
        return false;
    };
    let stem = stem.rsplit('/').next().unwrap_or(stem);
    let ext_ok = (1..=5).contains(&ext.len())
        && ext.chars().all(|c| c.is_ascii_alphanumeric())
        && ext.chars().any(|c| c.is_ascii_alphabetic());
    token.chars().all(allowed) && !stem.is_empty() && ext_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_opens_with_dashes() {
        assert!(has_front_matter(b"---\nlicense: cc-by-4.0\n---\n# Card\n"));
        assert!(has_front_matter(b"\xef\xbb\xbf---\r\nlicense: mit\r\n"));
        assert!(!has_front_matter(b"# Title\n---\n"));
    }

    #[test]
    fn croissant_needs_context_and_dataset_type() {
        let card = br#"{"@context": {"@vocab": "https://schema.org/",
            "cr": "http://mlcommons.org/croissant/", "data": {"@type": "@json"}},
            "@type": "sc:Dataset", "name": "x"}"#;
        assert!(is_croissant(card));
        let plain = br#"{"@context": "https://schema.org/", "@type" : "Dataset"}"#;
        assert!(is_croissant(plain));
        let other = br#"{"@context": "https://schema.org/", "@type": "Person"}"#;
        assert!(!is_croissant(other));
        assert!(!is_croissant(br#"{"@type": "sc:Dataset"}"#));
    }

    #[test]
    fn lists_of_names_with_labels() {
        assert!(is_file_list(b"00000003_000.png\n00000003_001.png", false));
        assert!(is_file_list(b"a/b_1.jpg 0 1 0\nc-2.jpg 1 0 0\n", false));
        assert!(!is_file_list(b"This file lists the test images.\n", false));
        assert!(!is_file_list(b"1.5 2.5\n", false));
        assert!(!is_file_list(b"\n\n", false));
    }

    #[test]
    fn a_line_cut_by_the_head_is_ignored() {
        assert!(is_file_list(b"a.png\nb.png\nthis is cu", true));
        assert!(!is_file_list(b"a.png\nb.png\nthis is cu", false));
    }
}
