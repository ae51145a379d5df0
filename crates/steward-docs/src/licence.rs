//! Turns a stated licence (a field value, a sentence, a licence file's title) into a licence
//! statement: SPDX id, family, kind and licence class.

use std::sync::LazyLock;

use regex::Regex;
use steward_model::facts::docs::{LicenceClass, LicenceKind, LicenceStatement, LicenceUse};

use crate::class::class_of;
use crate::spdx_map::{self, Recognised};

/// Statement texts are cut to this many characters: enough to show, short enough for a report.
const TEXT_CAP: usize = 300;

/// Where a statement was found: a file and a field of it.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    pub source: &'a str,
    pub field: &'a str,
}

/// A statement from a field whose whole value is meant as a licence (`license: …`).
/// Unrecognised text is kept as a vague statement; an empty value states nothing.
pub(crate) fn from_value(at: At, text: &str) -> Option<LicenceStatement> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if spdx_map::is_vague_word(text) {
        tracing::debug!(source = at.source, field = at.field, text, "placeholder: vague licence");
        return Some(vague(at, text));
    }
    if let Some(found) = spdx_map::recognise(text) {
        return Some(from_recognised(at, text, found));
    }
    Some(terms(at, text).unwrap_or_else(|| vague(at, text)))
}

/// A statement for a licence already recognised in `text`.
pub(crate) fn from_recognised(at: At, text: &str, found: Recognised) -> LicenceStatement {
    let (kind, class) = class_of(&found.family, found.spdx.as_deref());
    tracing::debug!(
        source = at.source,
        field = at.field,
        spdx = found.spdx.as_deref(),
        family = found.family,
        "licence recognised from {:?}",
        short(text)
    );
    let family = (kind != LicenceKind::Vague).then_some(found.family);
    let spdx = family.as_ref().and(found.spdx);
    statement(at, text, spdx, family, kind, class)
}

/// A statement that names no recognisable licence.
pub(crate) fn vague(at: At, text: &str) -> LicenceStatement {
    statement(at, text, None, None, LicenceKind::Vague, LicenceClass::default())
}

static TERMS: LazyLock<Regex> = LazyLock::new(|| {
    let purpose = r"(?:non[\s\-]?commercial|academic|research|educational|scientific|teaching)";
    let only = format!(
        concat!(
            r"\b{purpose}(?:\s*(?:,|and|or|&|/)\s*{purpose})*",
            r"\s+(?:research\s+)?(?:use|uses|purposes?)\s+only\b"
        ),
        purpose = purpose
    );
    let others = concat!(
        r"\bnot\s+(?:be\s+)?(?:used\s+)?for\s+(?:any\s+)?commercial\s+(?:use|purposes?)",
        r"|\bno\s+commercial\s+use\b|\bresearch[\s\-]only\b"
    );
    let first = format!(r"\bonly\s+for\s+{purpose}");
    Regex::new(&format!("(?i){only}|{others}|{first}")).expect("valid terms pattern")
});

/// Custom terms of use with a recognisable restriction ("for non-commercial research
/// purposes only"), which name no standard licence.
pub(crate) fn terms(at: At, text: &str) -> Option<LicenceStatement> {
    let found = TERMS.find(text)?;
    let phrase = found.as_str().to_lowercase();
    let usage = if phrase.contains("commercial") {
        LicenceUse::NonCommercial
    } else {
        LicenceUse::AcademicOnly
    };
    tracing::debug!(source = at.source, field = at.field, phrase, "custom terms of use");
    let class = LicenceClass::new(usage, false, false);
    Some(statement(at, text, None, None, LicenceKind::Terms, class))
}

fn statement(
    at: At,
    text: &str,
    spdx: Option<String>,
    family: Option<String>,
    kind: LicenceKind,
    class: LicenceClass,
) -> LicenceStatement {
    LicenceStatement {
        source: at.source.to_string(),
        field: at.field.to_string(),
        text: short(text),
        spdx,
        family,
        kind,
        class,
    }
}

/// The text with whitespace runs made one space, cut to [`TEXT_CAP`] characters.
pub(crate) fn short(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(TEXT_CAP) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: At = At { source: "README.md", field: "license" };

    #[test]
    fn a_short_id_gets_a_class() {
        let s = from_value(AT, "cc-by-nc-4.0").expect("statement");
        assert_eq!(s.spdx.as_deref(), Some("CC-BY-NC-4.0"));
        assert_eq!(s.kind, LicenceKind::Data);
        assert_eq!(s.class, LicenceClass::new(LicenceUse::NonCommercial, true, false));
    }

    #[test]
    fn placeholders_and_free_text_are_vague() {
        assert_eq!(from_value(AT, "other").map(|s| s.kind), Some(LicenceKind::Vague));
        let free = from_value(AT, "Ask the hospital before use").expect("statement");
        assert_eq!(free.kind, LicenceKind::Vague);
        assert_eq!(free.spdx, None);
        assert!(from_value(AT, "  ").is_none());
    }

    #[test]
    fn research_only_terms_are_terms() {
        let s = from_value(AT, "For non-commercial research purposes only").expect("statement");
        assert_eq!(s.kind, LicenceKind::Terms);
        assert_eq!(s.class.usage, LicenceUse::NonCommercial);
        let s = from_value(AT, "Academic use only.").expect("statement");
        assert_eq!(s.class.usage, LicenceUse::AcademicOnly);
    }

    #[test]
    fn software_licences_are_software() {
        let s = from_value(AT, "GPL-2.0").expect("statement");
        assert_eq!(s.spdx.as_deref(), Some("GPL-2.0-only"));
        assert_eq!(s.kind, LicenceKind::Software);
        assert!(s.class.share_alike);
    }
}
