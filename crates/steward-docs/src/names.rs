//! Finds licence names inside free text: a sentence of a README, a licence section, the
//! title lines of a licence file, a Kaggle `licenseName`. Each pattern reads one family.
//!
//! Patterns by hand: the `spdx` crate matches ids and a few loose names from the start of
//! a string, not names in the middle of a sentence.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::spdx_map::{self, Recognised};
use crate::{cc, spdx_map::gnu};

/// One licence family's pattern and how to read its match.
struct Pattern {
    regex: Regex,
    read: fn(&Captures) -> Option<Recognised>,
}

fn pattern(regex: &str, read: fn(&Captures) -> Option<Recognised>) -> Pattern {
    Pattern { regex: Regex::new(regex).expect("valid licence pattern"), read }
}

/// A URL in running text.
const URL_FORM: &str = r#"(?i)https?://[^\s)\]>"'`]+"#;

static URLS: LazyLock<Regex> = LazyLock::new(|| Regex::new(URL_FORM).expect("valid URL pattern"));

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let lic = r"licen[cs]e";
    vec![
        pattern(r"(?i)\b(?:creative\s+commons|cc0|cc|attribution)\b[^\n]{0,120}", |c| {
            cc::parse(&c[0])
        }),
        pattern(URL_FORM, |c| spdx_map::url(&c[0])),
        pattern(&format!(r"\bMIT\b|(?i:\bmit\s+{lic})"), |_| Some(Recognised::id("MIT"))),
        pattern(r"(?i)permission\s+is\s+hereby\s+granted,\s+free\s+of\s+charge", |_| {
            Some(Recognised::id("MIT"))
        }),
        pattern(r"(?i)\bc-uda\b|\bcomputational\s+use\s+of\s+data\s+agreement", |_| {
            Some(Recognised::id("C-UDA-1.0"))
        }),
        pattern(
            &format!(
                concat!(
                    r"(?i)\bapache(?:\s+software)?(?:\s+{lic})?",
                    r"(?:,?[\s\-]*(?:v(?:ersion)?\.?\s*)?(\d(?:\.\d)?))?"
                ),
                lic = lic
            ),
            apache,
        ),
        pattern(r"(?i)\bbsd[\s\-]*([23])[\s\-]*clause|\bbsd\b", bsd),
        pattern(
            &format!(
                concat!(
                    r"(?i)\b(?:gnu\s+)?(lesser\s+|library\s+|affero\s+)?general\s+public\s+{lic}",
                    r"(?:,?\s*(?:v(?:ersion)?\.?\s*)?(\d(?:\.\d)?))?",
                    r"(\s*(?:\+|or\s+(?:\(at\s+your\s+option\)\s+)?(?:any\s+)?later))?"
                ),
                lic = lic
            ),
            gnu_long,
        ),
        pattern(
            r"(?i)\b([al]?gpl)(?:[\s\-]*v?(\d(?:\.\d)?))?(\+|[\s\-]*or[\s\-]*later)?",
            gnu_short,
        ),
        pattern(&format!(r"(?i)\bodbl\b|\bopen\s+database\s+{lic}"), |_| {
            Some(Recognised::id("ODbL-1.0"))
        }),
        pattern(
            &format!(r"(?i)\bpddl\b|\bpublic\s+domain\s+dedication\s+(?:and|&)\s+{lic}"),
            |_| Some(Recognised::id("PDDL-1.0")),
        ),
        pattern(r"(?i)\bodc[\s\-]*by\b|\bopen\s+data\s+commons\s+attribution", |_| {
            Some(Recognised::id("ODC-By-1.0"))
        }),
        pattern(
            &format!(
                concat!(
                    r"(?i)\b(?:cdla|community\s+data\s+{lic}\s+agreement)\W+(permissive|sharing)",
                    r"(?:\W+(?:version\s+)?(\d\.\d))?"
                ),
                lic = lic
            ),
            cdla,
        ),
        pattern(
            &format!(
                r"(?i)\b(?:mpl|mozilla\s+public\s+{lic})(?:[\s,\-]*(?:v(?:ersion)?\s*)?(\d\.\d))?"
            ),
            mpl,
        ),
        pattern(
            &format!(r"(?i)\bacademic\s+free\s+{lic}(?:,?\s*v(?:ersion)?\.?\s*(\d\.\d))?"),
            afl,
        ),
        pattern(r"\bISC\s+[Ll]icen[cs]e\b", |_| Some(Recognised::id("ISC"))),
        pattern(r"(?i)\bunlicense\b", |_| Some(Recognised::id("Unlicense"))),
        pattern(r"(?i)\bopen\s*-?rail(?:-m|\+\+)?\b", |_| {
            Some(Recognised::family("LicenseRef-OpenRAIL"))
        }),
        pattern(
            &format!(
                concat!(
                    r"(?i)physionet[\s\-]+(credentialed|restricted)[\s\-]+health[\s\-]+data",
                    r"[\s\-]+{lic}(?:[\s\-]+(?:version[\s\-]+)?v?(\d\.?\d\.?\d))?"
                ),
                lic = lic
            ),
            physionet_caps,
        ),
        pattern(
            r"(?i)\b(?:in|into|to)\s+the\s+public\s+domain\b|\bpublic\s+domain\s+mark\b",
            |_| Some(Recognised::family("Public-Domain")),
        ),
    ]
});

/// The first licence named in `text`, with where its name starts and ends.
pub(crate) fn search(text: &str) -> Option<(Recognised, Range<usize>)> {
    search_from(text, 0)
}

/// Every licence named in `text`, each once, in text order, with where it was named.
pub(crate) fn search_all(text: &str) -> Vec<(Recognised, Range<usize>)> {
    let mut found: Vec<(Recognised, Range<usize>)> = Vec::new();
    let mut from = 0;
    while let Some((licence, range)) = search_from(text, from) {
        if !found.iter().any(|(known, _)| *known == licence) {
            found.push((licence, range.clone()));
        }
        // Step one word only: a Creative Commons match reaches far ahead.
        from = next_word(text, range.start);
    }
    found
}

fn search_from(text: &str, from: usize) -> Option<(Recognised, Range<usize>)> {
    let haystack = text.get(from..)?;
    // A name inside a URL (`github.com/MIT-lab/…`) is part of an address, not a licence.
    let urls: Vec<Range<usize>> = URLS.find_iter(haystack).map(|m| m.range()).collect();
    let hits = PATTERNS.iter().filter_map(|p| first_hit(p, haystack, &urls));
    let (licence, range) = hits.min_by_key(|(_, range)| range.start)?;
    Some((licence, range.start + from..range.end + from))
}

fn first_hit(
    pattern: &Pattern,
    text: &str,
    urls: &[Range<usize>],
) -> Option<(Recognised, Range<usize>)> {
    let is_url_pattern = pattern.regex.as_str() == URL_FORM;
    pattern.regex.captures_iter(text).find_map(|caps| {
        let range = caps.get(0)?.range();
        let in_url = urls.iter().any(|url| url.contains(&range.start));
        if in_url && !is_url_pattern {
            return None;
        }
        Some(((pattern.read)(&caps)?, range))
    })
}

fn next_word(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let word = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
    let step = if word > 0 { word } else { rest.chars().next().map_or(1, char::len_utf8) };
    start + step
}

fn apache(caps: &Captures) -> Option<Recognised> {
    match caps.get(1).map(|m| m.as_str()) {
        Some("2" | "2.0") => Some(Recognised::id("Apache-2.0")),
        Some("1.1") => Some(Recognised::id("Apache-1.1")),
        Some("1" | "1.0") => Some(Recognised::id("Apache-1.0")),
        _ => Some(Recognised::family("Apache")),
    }
}

fn bsd(caps: &Captures) -> Option<Recognised> {
    match caps.get(1).map(|m| m.as_str()) {
        Some(n) => Some(Recognised::id(&format!("BSD-{n}-Clause"))),
        None => Some(Recognised::family("BSD")),
    }
}

fn gnu_long(caps: &Captures) -> Option<Recognised> {
    let base = match caps.get(1).map(|m| m.as_str().trim().to_ascii_lowercase()) {
        Some(word) if word == "affero" => "agpl",
        Some(_) => "lgpl",
        None => "gpl",
    };
    gnu(base, caps.get(2).map(|m| m.as_str()), caps.get(3).is_some())
}

fn gnu_short(caps: &Captures) -> Option<Recognised> {
    gnu(&caps[1], caps.get(2).map(|m| m.as_str()), caps.get(3).is_some())
}

fn cdla(caps: &Captures) -> Option<Recognised> {
    let kind = if caps[1].eq_ignore_ascii_case("permissive") { "Permissive" } else { "Sharing" };
    let family = format!("CDLA-{kind}");
    let Some(version) = caps.get(2) else {
        return Some(Recognised::family(&family));
    };
    let id = format!("{family}-{}", version.as_str());
    spdx::license_id(&id).map(|_| Recognised::id(&id))
}

fn afl(caps: &Captures) -> Option<Recognised> {
    let Some(version) = caps.get(1) else {
        return Some(Recognised::family("AFL"));
    };
    let id = format!("AFL-{}", version.as_str());
    spdx::license_id(&id).map(|_| Recognised::id(&id))
}

fn mpl(caps: &Captures) -> Option<Recognised> {
    let Some(version) = caps.get(1) else {
        return Some(Recognised::family("MPL"));
    };
    let id = format!("MPL-{}", version.as_str());
    spdx::license_id(&id).map(|_| Recognised::id(&id))
}

/// A PhysioNet health data licence named in text or in a licence page's URL.
pub(crate) fn physionet(text: &str) -> Option<Recognised> {
    let pattern = PATTERNS.iter().find(|p| p.regex.as_str().starts_with("(?i)physionet"))?;
    pattern.regex.captures(text).and_then(|caps| physionet_caps(&caps))
}

fn physionet_caps(caps: &Captures) -> Option<Recognised> {
    let which =
        if caps[1].eq_ignore_ascii_case("credentialed") { "Credentialed" } else { "Restricted" };
    let family = format!("LicenseRef-PhysioNet-{which}-Health-Data");
    let Some(version) = caps.get(2) else {
        return Some(Recognised::family(&family));
    };
    let digits: Vec<String> = version.as_str().replace('.', "").chars().map(String::from).collect();
    Some(Recognised::id(&format!("{family}-{}", digits.join("."))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<String> {
        search(text).and_then(|(r, _)| r.spdx)
    }

    #[test]
    fn names_inside_sentences() {
        assert_eq!(first("released under CC BY-NC 4.0.").as_deref(), Some("CC-BY-NC-4.0"));
        let gpl = "the GNU General Public License, version 3 or later";
        assert_eq!(first(gpl).as_deref(), Some("GPL-3.0-or-later"));
        let lgpl = "GNU Lesser General Public License v2.1";
        assert_eq!(first(lgpl).as_deref(), Some("LGPL-2.1-only"));
        assert_eq!(first("under the Apache License, Version 2.0").as_deref(), Some("Apache-2.0"));
        assert_eq!(first("the BSD 3-Clause License").as_deref(), Some("BSD-3-Clause"));
        assert_eq!(first("Open Database License (ODbL)").as_deref(), Some("ODbL-1.0"));
        assert_eq!(first("GNU GPL v2").as_deref(), Some("GPL-2.0-only"));
    }

    #[test]
    fn names_inside_urls_are_not_licences() {
        assert_eq!(first("code available under https://github.com/MIT-lab/tool."), None);
        let cc = "see https://creativecommons.org/licenses/by/4.0/";
        assert_eq!(first(cc).as_deref(), Some("CC-BY-4.0"));
    }

    #[test]
    fn mit_needs_capitals_or_the_word_license() {
        assert_eq!(first("covered by the MIT license").as_deref(), Some("MIT"));
        assert_eq!(first("Bilder mit Befund"), None);
    }

    #[test]
    fn physionet_licences_from_names_and_urls() {
        let url =
            "https://physionet.org/about/licenses/physionet-credentialed-health-data-license-150/";
        let want = "LicenseRef-PhysioNet-Credentialed-Health-Data-1.5.0";
        assert_eq!(physionet(url).and_then(|r| r.spdx).as_deref(), Some(want));
    }

    #[test]
    fn all_names_of_a_section_each_once() {
        let text = "Images: CC BY 4.0 (Creative Commons Attribution 4.0). Code: MIT.";
        let ids: Vec<_> = search_all(text).into_iter().filter_map(|(r, _)| r.spdx).collect();
        assert_eq!(ids, vec!["CC-BY-4.0", "MIT"]);
    }
}
