//! Reads Creative Commons licence names in their many spellings (`cc-by-nc-4.0`,
//! `CC BY-NC 4.0`, `Creative Commons Attribution-NonCommercial 4.0 International`,
//! `CC0 1.0 Universal`) into an SPDX id, or a family when no version is given.
//!
//! Written by hand because the names are built from elements (BY, NC, ND, SA) and a
//! version, which no lookup table of whole names covers.

use crate::spdx_map::Recognised;

/// The elements read so far.
#[derive(Default)]
struct Elements {
    cc: bool,
    zero: bool,
    by: bool,
    nc: bool,
    nd: bool,
    sa: bool,
    version: Option<String>,
}

/// Parses a name that starts with `creative commons`, `cc`, `cc0` or `attribution`.
/// Returns `None` when no BY or zero element follows (a bare "Creative Commons" names no
/// licence).
pub(crate) fn parse(text: &str) -> Option<Recognised> {
    let elements = read_elements(&tokens(text));
    if elements.zero {
        return Some(Recognised::id("CC0-1.0"));
    }
    if !elements.by || (!elements.cc && elements.version.is_none()) {
        return None;
    }
    Some(recognised(&elements))
}

/// Lowercase words; `.` stays inside words so versions (`4.0`) survive.
fn tokens(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let words = lower.split(|c: char| !(c.is_alphanumeric() || c == '.'));
    let words = words.map(|w| w.trim_matches('.')).filter(|w| !w.is_empty());
    words.take(16).map(str::to_string).collect()
}

fn read_elements(tokens: &[String]) -> Elements {
    let mut el = Elements::default();
    let mut i = 0;
    while i < tokens.len() && el.version.is_none() {
        let next = tokens.get(i + 1).map(String::as_str);
        let step = match (tokens[i].as_str(), next) {
            ("non", Some("commercial")) if el.by => set(&mut el.nc, 2),
            ("no", Some("derivatives" | "derivs")) if el.by => set(&mut el.nd, 2),
            ("share", Some("alike")) if el.by => set(&mut el.sa, 2),
            (word, _) => read_word(&mut el, word),
        };
        match step {
            Some(step) => i += step,
            None => break,
        }
    }
    el
}

/// Reads one word; `None` ends the name.
fn read_word(el: &mut Elements, word: &str) -> Option<usize> {
    match word {
        "creative" | "commons" | "cc" => set(&mut el.cc, 1),
        "cc0" => set(&mut el.zero, 1),
        "zero" if el.cc => set(&mut el.zero, 1),
        "by" | "attribution" => set(&mut el.by, 1),
        "nc" | "noncommercial" if el.by => set(&mut el.nc, 1),
        "nd" | "noderivatives" | "noderivs" if el.by => set(&mut el.nd, 1),
        "sa" | "sharealike" if el.by => set(&mut el.sa, 1),
        // Words that may sit between the elements and the version, once BY was read.
        "international" | "unported" | "generic" | "license" | "licence" | "public"
        | "universal" | "version" | "deed" | "legalcode" | "v" | "the"
            if el.by || el.zero =>
        {
            Some(1)
        }
        word => {
            let version = word.strip_prefix('v').unwrap_or(word);
            if is_version(version) && (el.by || el.zero) {
                el.version = Some(version.to_string());
                return Some(1);
            }
            None
        }
    }
}

fn set(flag: &mut bool, step: usize) -> Option<usize> {
    *flag = true;
    Some(step)
}

fn is_version(word: &str) -> bool {
    let mut parts = word.split('.');
    let major = parts.next().is_some_and(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_digit()));
    let minor = parts.next().is_some_and(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_digit()));
    major && minor && parts.next().is_none()
}

fn recognised(el: &Elements) -> Recognised {
    let mut family = String::from("CC-BY");
    if el.nc {
        family.push_str("-NC");
    }
    if el.nd {
        family.push_str("-ND");
    } else if el.sa {
        family.push_str("-SA");
    }
    let Some(version) = &el.version else {
        return Recognised::family(&family);
    };
    let id = format!("{family}-{version}");
    match spdx::license_id(&id) {
        Some(_) => Recognised::id(&id),
        None => Recognised::family(&family),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> Option<String> {
        parse(text).and_then(|r| r.spdx)
    }

    #[test]
    fn short_and_long_names_agree() {
        assert_eq!(id("cc-by-nc-4.0").as_deref(), Some("CC-BY-NC-4.0"));
        assert_eq!(id("CC BY-NC 4.0").as_deref(), Some("CC-BY-NC-4.0"));
        let long = "Creative Commons Attribution-NonCommercial 4.0 International Public License";
        assert_eq!(id(long).as_deref(), Some("CC-BY-NC-4.0"));
        let sa = "Attribution-NonCommercial-ShareAlike 4.0 International";
        assert_eq!(id(sa).as_deref(), Some("CC-BY-NC-SA-4.0"));
        let unported = "Creative Commons Attribution 3.0 Unported";
        assert_eq!(id(unported).as_deref(), Some("CC-BY-3.0"));
        assert_eq!(id("CC BY-ND 4.0").as_deref(), Some("CC-BY-ND-4.0"));
        assert_eq!(id("cc by-sa v3.0").as_deref(), Some("CC-BY-SA-3.0"));
    }

    #[test]
    fn cc0_in_its_spellings() {
        assert_eq!(id("CC0 1.0 Universal").as_deref(), Some("CC0-1.0"));
        assert_eq!(id("Creative Commons Zero").as_deref(), Some("CC0-1.0"));
    }

    #[test]
    fn a_bare_creative_commons_is_no_licence() {
        assert!(parse("Creative Commons").is_none());
        assert!(parse("Creative Commons license by the authors").is_none());
        assert!(parse("attribution of the images").is_none());
    }

    #[test]
    fn a_missing_version_leaves_only_the_family() {
        let found = parse("CC BY-SA").expect("recognised");
        assert_eq!(found.spdx, None);
        assert_eq!(found.family, "CC-BY-SA");
    }
}
