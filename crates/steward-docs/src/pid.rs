//! Finds persistent identifiers (PIDs) in text: DOIs (`10.NNNN/…`, `doi.org/…`, `doi:`),
//! Handles (`hdl.handle.net/…`, `hdl:`) and ARKs (`ark:/NNNNN/…`), and normalises them.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use steward_model::facts::docs::PidKind;

/// Characters that end an identifier in running text.
const STOP: &str = r#"\s\p{Cc}"'<>\[\]{}|\\`"#;

static DOI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(10\.\d{{4,9}}/[^{STOP}]+)")).expect("valid DOI pattern")
});
static HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    let form = format!(r"(?i)(?:hdl\.handle\.net/|\bhdl:\s*)(\d+(?:\.\d+)*/[^{STOP}]+)");
    Regex::new(&form).expect("valid Handle pattern")
});
static ARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\bark:/?(\d{{5,}})/([^{STOP}]+)")).expect("valid ARK pattern")
});

/// Every PID in `text`, normalised, each once, in text order.
pub(crate) fn find(text: &str) -> Vec<(PidKind, String)> {
    let mut found = Found::default();
    for caps in DOI.captures_iter(text) {
        found.push(caps.get(1).map(|m| m.start()), PidKind::Doi, tidy(&caps[1]));
    }
    for caps in HANDLE.captures_iter(text) {
        // A handle whose prefix starts with 10. is a DOI, found above.
        if !caps[1].starts_with("10.") {
            found.push(caps.get(1).map(|m| m.start()), PidKind::Handle, tidy(&caps[1]));
        }
    }
    for caps in ARK.captures_iter(text) {
        let value = format!("ark:/{}/{}", &caps[1], tidy(&caps[2]));
        found.push(caps.get(0).map(|m| m.start()), PidKind::Ark, value);
    }
    found.in_text_order()
}

/// The identifiers found so far, with where each starts; kept once each, compared without
/// case (DOIs are case-insensitive, and so, in practice, are Handles and ARKs).
#[derive(Default)]
struct Found {
    kept: Vec<(usize, PidKind, String)>,
    seen: HashSet<(PidKind, String)>,
}

impl Found {
    fn push(&mut self, at: Option<usize>, kind: PidKind, value: String) {
        let suffix = value.split_once('/').map_or("", |(_, s)| s);
        if !suffix.is_empty() && self.seen.insert((kind, value.to_ascii_lowercase())) {
            self.kept.push((at.unwrap_or(0), kind, value));
        }
    }

    fn in_text_order(mut self) -> Vec<(PidKind, String)> {
        self.kept.sort_by_key(|(at, _, _)| *at);
        self.kept.into_iter().map(|(_, kind, value)| (kind, value)).collect()
    }
}

/// Drops what running text glues to an identifier: trailing punctuation, an unbalanced
/// closing bracket (a Markdown link), a URL query, and `%2F` escapes.
fn tidy(raw: &str) -> String {
    let mut value = raw.replace("%2F", "/").replace("%2f", "/");
    if let Some(query) = value.find(['?', '#']) {
        value.truncate(query);
    }
    loop {
        let trimmed = value.trim_end_matches(['.', ',', ';', ':', '!', '*', '_']);
        let unbalanced =
            trimmed.ends_with(')') && trimmed.matches('(').count() < trimmed.matches(')').count();
        let trimmed = if unbalanced { &trimmed[..trimmed.len() - 1] } else { trimmed };
        if trimmed.len() == value.len() {
            return value;
        }
        value = trimmed.to_string();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doi_in_a_markdown_link() {
        let text = "[here](https://dataverse.harvard.edu/x?persistentId=doi:10.7910/DVN/DBW86T)";
        assert_eq!(find(text), vec![(PidKind::Doi, "10.7910/DVN/DBW86T".to_string())]);
    }

    #[test]
    fn dois_in_their_forms() {
        let text = "doi:10.25835/0090041). See https://doi.org/10.6084/m9.figshare.12275009.";
        let values: Vec<String> = find(text).into_iter().map(|(_, v)| v).collect();
        assert_eq!(values, vec!["10.25835/0090041", "10.6084/m9.figshare.12275009"]);
    }

    #[test]
    fn a_doi_ends_at_a_control_character() {
        assert_eq!(find("doi:10.1234/ab\x1b[31m red")[0].1, "10.1234/ab");
    }

    #[test]
    fn brackets_inside_a_doi_stay() {
        let text = "doi 10.1002/(SICI)1097-0258(19980815/30)17:15/16<1661::AID-SIM968>3.0.CO;2-2";
        assert_eq!(find(text)[0].1, "10.1002/(SICI)1097-0258(19980815/30)17:15/16");
    }

    #[test]
    fn handles_and_arks() {
        let text = "http://hdl.handle.net/2027/mdp.39015012345 and ark:/13030/tf5p30086k.";
        let found = find(text);
        assert_eq!(found[0], (PidKind::Handle, "2027/mdp.39015012345".to_string()));
        assert_eq!(found[1], (PidKind::Ark, "ark:/13030/tf5p30086k".to_string()));
    }

    #[test]
    fn a_doi_through_the_handle_resolver_is_a_doi() {
        let found = find("https://hdl.handle.net/10.1000/182");
        assert_eq!(found, vec![(PidKind::Doi, "10.1000/182".to_string())]);
    }

    #[test]
    fn version_numbers_are_not_dois() {
        assert!(find("version 10.2 of the scanner, 10.12/ not a doi").is_empty());
    }
}
