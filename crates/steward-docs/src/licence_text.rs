//! Identifies the licence of a licence file (LICENSE, COPYING) from the distinctive title
//! and opening lines of each legal text; a file whose text names none is read as prose.
//!
//! Title lines rather than full-text matching: the titles are stable across copies, while
//! whole texts are reflowed, shortened and prefixed with copyright lines.

use std::sync::LazyLock;

use regex::Regex;

use crate::names;
use crate::spdx_map::{gnu, Recognised};

/// Only the start of a legal text carries its title.
const HEAD: usize = 8 * 1024;

/// A signature: a pattern over the head of the text, and what it identifies.
struct Signature {
    regex: Regex,
    read: fn(&regex::Captures, &str) -> Option<Recognised>,
}

fn sig(regex: &str, read: fn(&regex::Captures, &str) -> Option<Recognised>) -> Signature {
    Signature { regex: Regex::new(regex).expect("valid signature"), read }
}

static SIGNATURES: LazyLock<Vec<Signature>> = LazyLock::new(|| {
    vec![
        // Creative Commons 3.0 and earlier: "Creative Commons Legal Code" then the name line.
        sig(r"(?i)creative\s+commons\s+legal\s+code\s+((?:attribution|cc0)[^\n]*)", |c, _| {
            crate::cc::parse(&c[1])
        }),
        // Creative Commons 4.0: "Attribution-NonCommercial 4.0 International" as a title line.
        sig(
            concat!(
                r"(?im)^\s*(?:creative\s+commons\s+)?",
                r"((?:attribution|cc0)[\w\-\s]*?\d\.\d\s+(?:international|universal)\b[^\n]*)"
            ),
            |c, _| crate::cc::parse(&c[1]),
        ),
        sig(
            concat!(
                r"(?i)open\s+data\s+commons\s+open\s+database\s+license",
                r"|odc\s+open\s+database\s+license|\(odbl\)"
            ),
            |_, _| Some(Recognised::id("ODbL-1.0")),
        ),
        sig(r"(?i)public\s+domain\s+dedication\s+and\s+licen[cs]e", |_, _| {
            Some(Recognised::id("PDDL-1.0"))
        }),
        sig(r"(?i)open\s+data\s+commons\s+attribution\s+licen[cs]e", |_, _| {
            Some(Recognised::id("ODC-By-1.0"))
        }),
        sig(r"(?i)community\s+data\s+license\s+agreement", |c, head| {
            names::search(&head[c.get(0)?.start()..]).map(|(r, _)| r)
        }),
        sig(
            r"(?i)permission\s+is\s+hereby\s+granted,\s+free\s+of\s+charge,\s+to\s+any\s+person",
            |_, _| Some(Recognised::id("MIT")),
        ),
        sig(r"(?i)apache\s+license\s*,?\s*version\s+(\d\.\d)", |c, _| {
            Some(Recognised::id(&format!("Apache-{}", &c[1])))
        }),
        sig(r"(?i)redistribution\s+and\s+use\s+in\s+source\s+and\s+binary\s+forms", |_, head| {
            Some(bsd_clauses(head))
        }),
        sig(
            concat!(
                r"(?i)gnu\s+(lesser\s+|library\s+|affero\s+)?general\s+public\s+license",
                r"\s+version\s+(\d(?:\.\d)?)"
            ),
            gnu_title,
        ),
        sig(r"(?i)mozilla\s+public\s+license\s*,?\s*(?:version\s+)?(\d\.\d)", |c, _| {
            Some(Recognised::id(&format!("MPL-{}", &c[1])))
        }),
        sig(
            concat!(
                r"(?i)this\s+is\s+free\s+and\s+unencumbered\s+software",
                r"\s+released\s+into\s+the\s+public\s+domain"
            ),
            |_, _| Some(Recognised::id("Unlicense")),
        ),
        sig(r"(?i)physionet\s+(credentialed|restricted)\s+health\s+data\s+licen[cs]e", |c, _| {
            names::physionet(c.get(0)?.as_str())
        }),
    ]
});

/// The licence a legal text is, from the signature that appears first in it.
// Limitation: a file holding several licences (pydicom's MIT text followed by GDCM's BSD
// portion) gives only the first; reporting each would need to know which files each covers.
pub(crate) fn identify(text: &str) -> Option<(Recognised, String)> {
    let head = &text[..floor_char(text, HEAD.min(text.len()))];
    let hits = SIGNATURES.iter().filter_map(|s| {
        let caps = s.regex.captures(head)?;
        let found = (s.read)(&caps, head)?;
        Some((caps.get(0)?.start(), found, caps[0].to_string()))
    });
    let (_, found, line) = hits.min_by_key(|(at, _, _)| *at)?;
    tracing::debug!(spdx = found.spdx.as_deref(), "licence text identified by {line:?}");
    Some((found, line))
}

/// BSD texts differ by their third clause: "Neither the name of …" makes three.
fn bsd_clauses(head: &str) -> Recognised {
    let lower = head.to_lowercase();
    let clauses = if lower.contains("neither the name") { 3 } else { 2 };
    Recognised::id(&format!("BSD-{clauses}-Clause"))
}

fn gnu_title(caps: &regex::Captures, _head: &str) -> Option<Recognised> {
    let base = match caps.get(1).map(|m| m.as_str().trim().to_ascii_lowercase()) {
        Some(word) if word == "affero" => "agpl",
        Some(_) => "lgpl",
        None => "gpl",
    };
    // Limitation: the legal text alone does not say "or later" (a project's notice does),
    // so a GPL file is read as the `-only` id; reading the notices would lift this.
    gnu(base, Some(&caps[2]), false)
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> Option<String> {
        identify(text).and_then(|(r, _)| r.spdx)
    }

    #[test]
    fn creative_commons_titles() {
        let v3 =
            "Creative Commons Legal Code\n\nAttribution-NonCommercial-ShareAlike 3.0 Unported\n\n";
        assert_eq!(id(v3).as_deref(), Some("CC-BY-NC-SA-3.0"));
        let v4 =
            "Attribution-NoDerivatives 4.0 International\n\n=====\n\nCreative Commons Corporation";
        assert_eq!(id(v4).as_deref(), Some("CC-BY-ND-4.0"));
        let zero = "Creative Commons Legal Code\n\nCC0 1.0 Universal\n\n    CREATIVE COMMONS";
        assert_eq!(id(zero).as_deref(), Some("CC0-1.0"));
    }

    #[test]
    fn open_data_commons_titles() {
        let odbl = "## ODC Open Database License (ODbL)\n\n### Preamble";
        assert_eq!(id(odbl).as_deref(), Some("ODbL-1.0"));
        let pddl = "Open Data Commons Public Domain Dedication and License (PDDL)\n";
        assert_eq!(id(pddl).as_deref(), Some("PDDL-1.0"));
    }

    #[test]
    fn software_titles() {
        let apache = "\n              Apache License\n           Version 2.0, January 2004\n";
        assert_eq!(id(apache).as_deref(), Some("Apache-2.0"));
        let gpl =
            "  GNU GENERAL PUBLIC LICENSE\n   Version 3, 29 June 2007\n\n TERMS AND CONDITIONS";
        assert_eq!(id(gpl).as_deref(), Some("GPL-3.0-only"));
        let lgpl = "GNU LESSER GENERAL PUBLIC LICENSE\n Version 2.1, February 1999";
        assert_eq!(id(lgpl).as_deref(), Some("LGPL-2.1-only"));
        let bsd2 =
            "Redistribution and use in source and binary forms, with or without\nmodification";
        assert_eq!(id(bsd2).as_deref(), Some("BSD-2-Clause"));
    }
}
