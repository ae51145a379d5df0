//! Reads licences out of prose: sentences that say a work is "licensed under" something,
//! and the body of a Markdown "License" section. Also tells whether prose holds a citation.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use steward_model::facts::docs::LicenceStatement;

use crate::licence::{self, At};
use crate::names;

/// How far past a trigger phrase a licence name may start.
const SPAN: usize = 200;

static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    let verbs = concat!(
        r"licen[cs]ed|released|distributed|available|published|provided|shared|covered",
        r"|governed|offered"
    );
    let form = format!(
        concat!(
            r"(?i)\b(?:{verbs})\s+(?:(?:freely|publicly|openly|solely|only)\s+)?",
            r"(?:under|by|with)\b|\blicen[cs]e\s*:"
        ),
        verbs = verbs
    );
    Regex::new(&form).expect("valid trigger pattern")
});
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?m)^(#{1,6})[ \t]+(.*)$").expect("valid heading pattern"));
static LICENCE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)licen[cs]|terms\s+of\s+use|usage\s+terms|data\s+use|copyright").expect("valid")
});
static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    let form = r"(?i)\[?more\s+information\s+needed\]?(?:\([^)]*\))?|\bTBD\b|\bN/A\b|<!--.*?-->";
    Regex::new(form).expect("valid placeholder pattern")
});
static BIBTEX: LazyLock<Regex> = LazyLock::new(|| {
    let kinds = concat!(
        r"article|inproceedings|misc|dataset|data|book|techreport|online|incollection",
        r"|phdthesis|software"
    );
    Regex::new(&format!(r"(?i)@(?:{kinds})\s*\{{")).expect("valid BibTeX pattern")
});

/// Licence statements of a Markdown or plain text: the licence sections' contents, then
/// the "licensed under" sentences elsewhere.
pub(crate) fn licences(at: At, text: &str) -> Vec<LicenceStatement> {
    let (sections, rest) = split_licence_sections(text);
    let mut found: Vec<LicenceStatement> = Vec::new();
    for section in &sections {
        found.extend(section_licences(at, section));
    }
    found.extend(sentence_licences(at, &rest));
    dedup(found)
}

/// True when the text holds a BibTeX entry.
pub(crate) fn has_bibtex(text: &str) -> bool {
    BIBTEX.is_match(text)
}

/// The bodies of the sections whose heading names a licence, and the text outside them.
// Limitation: a `#` line inside a fenced code block is taken as a heading; tracking fences
// would lift this, and code blocks rarely start lines with `# License`.
fn split_licence_sections(text: &str) -> (Vec<String>, String) {
    let headings: Vec<(usize, usize, usize, bool)> = HEADING
        .captures_iter(text)
        .map(|c| {
            let whole = c.get(0).expect("match");
            (whole.start(), whole.end(), c[1].len(), LICENCE_HEADING.is_match(&c[2]))
        })
        .collect();
    let (mut sections, mut rest, mut at) = (Vec::new(), String::new(), 0);
    for (i, &(start, end, level, is_licence)) in headings.iter().enumerate() {
        if !is_licence || start < at {
            continue;
        }
        let stop = headings[i + 1..].iter().find(|h| h.2 <= level).map_or(text.len(), |h| h.0);
        rest.push_str(&text[at..start]);
        sections.push(text[end..stop].to_string());
        at = stop;
    }
    rest.push_str(&text[at..]);
    (sections, rest)
}

/// A licence section: every licence it names; failing that, its terms, or the section
/// itself as a vague statement when it says something that is not a placeholder.
fn section_licences(at: At, section: &str) -> Vec<LicenceStatement> {
    let body = PLACEHOLDER.replace_all(section, " ");
    let body = body.trim();
    if body.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
        tracing::debug!(source = at.source, "licence section holds only a placeholder");
        return Vec::new();
    }
    let named = names::search_all(body);
    if !named.is_empty() {
        let statement = |(r, range): (_, std::ops::Range<usize>)| {
            licence::from_recognised(at, line_at(body, range.start), r)
        };
        return named.into_iter().map(statement).collect();
    }
    let statement = licence::terms(at, body).unwrap_or_else(|| licence::vague(at, body));
    tracing::debug!(source = at.source, kind = ?statement.kind, "licence section names no licence");
    vec![statement]
}

/// "Released under CC BY-NC 4.0": the licence named soon after each trigger phrase.
// Limitation: the trigger phrases are English; a card written only in another language is
// read through its licence sections and fields alone.
fn sentence_licences(at: At, text: &str) -> Vec<LicenceStatement> {
    let mut found = Vec::new();
    for trigger in TRIGGER.find_iter(text) {
        let span = sentence_after(text, trigger.start(), trigger.end());
        let after = &span[trigger.end() - trigger.start()..];
        match names::search(after) {
            Some((licence, _)) => found.push(licence::from_recognised(at, span, licence)),
            None => found.extend(unnamed(at, span, after)),
        }
    }
    found
}

/// A trigger sentence naming no known licence: terms of use, or a vague statement when it
/// speaks of a licence at all ("released under a custom license").
fn unnamed(at: At, span: &str, after: &str) -> Option<LicenceStatement> {
    if let Some(terms) = licence::terms(at, span) {
        return Some(terms);
    }
    let lower = after.to_lowercase();
    let speaks = lower.contains("licen") || lower.contains("creative commons");
    speaks.then(|| licence::vague(at, span))
}

/// From `start` to the end of its sentence, at most [`SPAN`] bytes past `end`.
fn sentence_after(text: &str, start: usize, end: usize) -> &str {
    let limit = floor_char(text, (end + SPAN).min(text.len()));
    let tail = &text[end..limit];
    let stop = sentence_end(tail).map_or(limit, |i| end + i);
    &text[start..stop]
}

/// The end of the first sentence: `. ` not inside a version (`4.0`), or a blank line.
fn sentence_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let dot = (0..bytes.len())
        .find(|&i| bytes[i] == b'.' && bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()));
    let blank = text.find("\n\n");
    match (dot, blank) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The line of `text` holding byte `at`.
fn line_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[start..end].trim()
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// One statement per place and licence (the same licence said twice in one body is one;
/// statements naming no licence are told apart by their text).
fn dedup(statements: Vec<LicenceStatement>) -> Vec<LicenceStatement> {
    let mut seen = HashSet::new();
    let mut first = |s: &LicenceStatement| {
        let text = s.family.is_none().then(|| s.text.clone());
        seen.insert((s.spdx.clone(), s.family.clone(), s.kind, text))
    };
    statements.into_iter().filter(|s| first(s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use steward_model::facts::docs::LicenceKind;

    const AT: At = At { source: "README.md", field: "README body" };

    fn ids(text: &str) -> Vec<Option<String>> {
        licences(AT, text).into_iter().map(|s| s.spdx).collect()
    }

    #[test]
    fn released_under_sentences() {
        assert_eq!(
            ids("The data is released under CC BY-NC 4.0. Enjoy."),
            vec![Some("CC-BY-NC-4.0".into())]
        );
        let unported =
            "Data are licensed under the Creative Commons Attribution 3.0 Unported ([CC BY 3.0]).";
        assert_eq!(ids(unported), vec![Some("CC-BY-3.0".into())]);
    }

    #[test]
    fn a_section_with_a_bare_name() {
        let text = "# Data\n\nSome images.\n\n## License\n\nCC BY-SA 4.0\n\n## Citation\n\nNone.";
        assert_eq!(ids(text), vec![Some("CC-BY-SA-4.0".into())]);
    }

    #[test]
    fn a_placeholder_section_states_nothing() {
        let text =
            "### Licensing Information\n\n[More Information Needed]\n\n### Citation Information\n";
        assert!(licences(AT, text).is_empty());
    }

    #[test]
    fn a_section_without_a_licence_is_vague() {
        let text = "## License\n\nPlease see the description of the original dataset.\n";
        let found = licences(AT, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].kind, LicenceKind::Vague);
    }

    #[test]
    fn prose_without_a_licence_states_nothing() {
        assert!(
            licences(AT, "I do not own any rights to above images. Published by us.").is_empty()
        );
    }

    #[test]
    fn bibtex_is_a_citation() {
        assert!(has_bibtex("```\n@inproceedings{Marimon2019,\n title={x}\n}\n```"));
        assert!(!has_bibtex("mail me @home"));
    }
}
