//! Normalises one stated licence value (an id, a platform short name, a URL, a name) to an
//! SPDX id and licence family, through the SPDX list of the `spdx` crate.

use std::sync::LazyLock;

use regex::Regex;

use crate::class::family_of;
use crate::{cc, names};

/// A recognised licence: its SPDX (or `LicenseRef-`) id when the version is known, and its
/// family always.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Recognised {
    pub spdx: Option<String>,
    pub family: String,
}

impl Recognised {
    /// A licence known down to its id.
    pub fn id(id: &str) -> Self {
        Recognised { spdx: Some(id.to_string()), family: family_of(id) }
    }

    /// A licence known only by family (the version was not stated).
    pub fn family(family: &str) -> Self {
        Recognised { spdx: None, family: family.to_string() }
    }
}

/// Values that say a licence exists but not which: platform placeholders and hedges.
pub(crate) fn is_vague_word(text: &str) -> bool {
    const VAGUE: &[&str] = &[
        "other",
        "unknown",
        "see description",
        "see license",
        "see licence",
        "see readme",
        "custom",
        "n/a",
        "na",
        "none",
        "various",
        "unspecified",
        "not specified",
        "cc",
        "creative commons",
        "copyright-authors",
        "license",
        "licence",
        "proprietary",
    ];
    let lower = squash(text);
    let lower = lower.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    VAGUE.contains(&lower)
}

/// Recognises a whole stated value: a URL, an SPDX id in any case, a platform short name,
/// or a licence name somewhere in it.
pub(crate) fn recognise(text: &str) -> Option<Recognised> {
    let value = text.trim().trim_matches(|c| matches!(c, '"' | '\'' | '<' | '>' | '`'));
    if value.is_empty() {
        return None;
    }
    let found = url(value).or_else(|| exact_id(value)).or_else(|| alias(value));
    let found = found.or_else(|| exact_id(without_licence_word(value)?));
    let found = found.or_else(|| names::search(value).map(|(found, _)| found));
    found.or_else(|| imprecise(value))
}

/// The `spdx` crate's list of loose names (`apache2`, `mpl2`, `zlib`), taken only when the
/// loose name is the whole value: the list maps some names with a version to the wrong one.
fn imprecise(value: &str) -> Option<Recognised> {
    let (id, len) = spdx::imprecise_license_id(value)?;
    let rest = value.get(len..)?.trim().trim_matches(|c: char| c.is_ascii_punctuation());
    let rest = rest.to_ascii_lowercase();
    if !(rest.is_empty() || rest == "license" || rest == "licence") {
        return None;
    }
    Some(Recognised::id(id.name))
}

/// A case-insensitive match against the SPDX list; deprecated bare GNU ids become `-only`
/// (`GPL-2.0` → `GPL-2.0-only`), `+` ones `-or-later`, as the SPDX list advises.
pub(crate) fn exact_id(value: &str) -> Option<Recognised> {
    let value = value.trim();
    let lic = spdx::identifiers::LICENSES.iter().find(|l| l.name.eq_ignore_ascii_case(value))?;
    let id = spdx::license_id(lic.name)?;
    if id.is_deprecated() && id.is_gnu() {
        let (base, or_later) = match lic.name.strip_suffix('+') {
            Some(base) => (base, true),
            None => (lic.name, false),
        };
        if let Some(gnu) = spdx::gnu_license_id(base, or_later) {
            return Some(Recognised::id(gnu.name));
        }
    }
    Some(Recognised::id(lic.name))
}

/// Short names used by Hugging Face and Kaggle that are not SPDX ids.
fn alias(value: &str) -> Option<Recognised> {
    let found = match squash(value).as_str() {
        "odbl" | "odbl-1.0" => Recognised::id("ODbL-1.0"),
        "odc-by" | "odc-by-1.0" => Recognised::id("ODC-By-1.0"),
        "pddl" => Recognised::id("PDDL-1.0"),
        "c-uda" => Recognised::id("C-UDA-1.0"),
        "cc0" => Recognised::id("CC0-1.0"),
        "dbcl" | "dbcl-1.0" => Recognised::id("LicenseRef-DbCL-1.0"),
        "openrail"
        | "openrail++"
        | "bigscience-openrail-m"
        | "creativeml-openrail-m"
        | "bigcode-openrail-m" => Recognised::family("LicenseRef-OpenRAIL"),
        "gpl" => Recognised::family("GPL"),
        "lgpl" => Recognised::family("LGPL"),
        "agpl" => Recognised::family("AGPL"),
        "gfdl" => Recognised::family("GFDL"),
        "bsd" => Recognised::family("BSD"),
        "lgpl-lr" => Recognised::id("LGPLLR"),
        "public domain" | "public-domain" => Recognised::family("Public-Domain"),
        _ => return None,
    };
    Some(found)
}

static CC_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)creativecommons\.org/(licenses|publicdomain)/([a-z\-]+)(?:/(\d\.\d))?")
        .expect("valid regex")
});
static ODC_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)opendatacommons\.org/licenses/(odbl|pddl|by)\b").expect("valid regex")
});
static ID_URL: LazyLock<Regex> = LazyLock::new(|| {
    let hosts = r"choosealicense\.com/licenses|opensource\.org/licenses?|spdx\.org/licenses";
    Regex::new(&format!(r"(?i)(?:{hosts})/([A-Za-z0-9.+\-]+?)(?:\.html|\.json|/|$)"))
        .expect("valid regex")
});
static GNU_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)gnu\.org/licenses/((?:a|l)?gpl)(?:-(\d\.\d))?").expect("valid regex")
});

/// Licence URLs: Creative Commons, Open Data Commons, choosealicense/OSI/SPDX pages,
/// Apache, GNU and PhysioNet licence pages.
pub(crate) fn url(value: &str) -> Option<Recognised> {
    if !value.contains('/') || value.contains(char::is_whitespace) {
        return None;
    }
    if let Some(caps) = CC_URL.captures(value) {
        return cc_url(&caps[1], &caps[2], caps.get(3).map(|m| m.as_str()));
    }
    if let Some(caps) = ODC_URL.captures(value) {
        return alias(&caps[1].to_ascii_lowercase().replace("by", "odc-by"));
    }
    if let Some(caps) = ID_URL.captures(value) {
        return exact_id(&caps[1]);
    }
    if let Some(caps) = GNU_URL.captures(value) {
        return gnu(&caps[1], caps.get(2).map(|m| m.as_str()), false);
    }
    if value.to_ascii_lowercase().contains("apache.org/licenses/license-2.0") {
        return Some(Recognised::id("Apache-2.0"));
    }
    names::physionet(value)
}

fn cc_url(area: &str, path: &str, version: Option<&str>) -> Option<Recognised> {
    match (area.to_ascii_lowercase().as_str(), path.to_ascii_lowercase().as_str()) {
        ("publicdomain", "zero") => Some(Recognised::id("CC0-1.0")),
        ("publicdomain", "mark") => Some(Recognised::family("Public-Domain")),
        ("licenses", elements) => {
            let name = format!("cc {} {}", elements.replace('-', " "), version.unwrap_or(""));
            cc::parse(&name)
        }
        _ => None,
    }
}

/// A GNU licence from its base (`gpl`, `lgpl`, `agpl`), version and `or later`.
pub(crate) fn gnu(base: &str, version: Option<&str>, or_later: bool) -> Option<Recognised> {
    let base = base.to_ascii_uppercase();
    let Some(version) = version else {
        return Some(Recognised::family(&base));
    };
    let version = if version.contains('.') { version.to_string() } else { format!("{version}.0") };
    let id = spdx::gnu_license_id(&format!("{base}-{version}"), or_later)?;
    Some(Recognised::id(id.name))
}

/// `Apache-2.0 License` → `Apache-2.0`.
fn without_licence_word(value: &str) -> Option<&str> {
    let lower = value.to_ascii_lowercase();
    let cut = ["license", "licence"].iter().find_map(|w| lower.strip_suffix(w).map(str::len))?;
    Some(value[..cut].trim())
}

/// Lowercase with runs of whitespace made one space.
pub(crate) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> Option<String> {
        recognise(text).and_then(|r| r.spdx)
    }

    #[test]
    fn platform_short_ids_become_spdx_ids() {
        assert_eq!(id("cc-by-nc-4.0").as_deref(), Some("CC-BY-NC-4.0"));
        assert_eq!(id("apache-2.0").as_deref(), Some("Apache-2.0"));
        assert_eq!(id("CC-BY-NC-SA-4.0").as_deref(), Some("CC-BY-NC-SA-4.0"));
        assert_eq!(id("odbl").as_deref(), Some("ODbL-1.0"));
        assert_eq!(id("ODbL-1.0").as_deref(), Some("ODbL-1.0"));
        assert_eq!(id("afl-3.0").as_deref(), Some("AFL-3.0"));
        assert_eq!(id("mit").as_deref(), Some("MIT"));
    }

    #[test]
    fn deprecated_gnu_ids_become_only() {
        assert_eq!(id("GPL-2.0").as_deref(), Some("GPL-2.0-only"));
        assert_eq!(id("gpl-3.0+").as_deref(), Some("GPL-3.0-or-later"));
        assert_eq!(recognise("gpl").map(|r| r.family).as_deref(), Some("GPL"));
    }

    #[test]
    fn licence_urls_are_recognised() {
        let by_nc = "https://creativecommons.org/licenses/by-nc/4.0/";
        assert_eq!(id(by_nc).as_deref(), Some("CC-BY-NC-4.0"));
        let zero = "http://creativecommons.org/publicdomain/zero/1.0/";
        assert_eq!(id(zero).as_deref(), Some("CC0-1.0"));
        let odbl = "https://opendatacommons.org/licenses/odbl/";
        assert_eq!(id(odbl).as_deref(), Some("ODbL-1.0"));
        let odc_by = "https://opendatacommons.org/licenses/by/1-0/";
        assert_eq!(id(odc_by).as_deref(), Some("ODC-By-1.0"));
        assert_eq!(id("https://choosealicense.com/licenses/mit/").as_deref(), Some("MIT"));
        let apache = "http://www.apache.org/licenses/LICENSE-2.0";
        assert_eq!(id(apache).as_deref(), Some("Apache-2.0"));
        let gpl = "https://www.gnu.org/licenses/gpl-3.0.html";
        assert_eq!(id(gpl).as_deref(), Some("GPL-3.0-only"));
    }

    #[test]
    fn placeholders_are_vague_not_licences() {
        for word in ["other", "unknown", "See description.", "Creative Commons", "cc"] {
            assert!(is_vague_word(word), "{word}");
        }
        assert!(!is_vague_word("cc-by-4.0"));
    }
}
