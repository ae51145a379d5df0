//! The licence class table: for each licence family, what kind of licence it is and what it
//! allows (use, attribution, share-alike), decided from each licence's own terms.
//!
//! Families not in the table but on the SPDX list are software licences; their class comes
//! from the SPDX list's own flags (OSI/FSF approval, copyleft).

use steward_model::facts::docs::{LicenceClass, LicenceKind, LicenceUse};

use LicenceUse::{AcademicOnly, Commercial, NonCommercial, Unspecified};

/// The kind and class of a licence family (`CC-BY-NC`, `MIT`, `GPL`); `spdx` is the full
/// id when known, used for families the table does not list.
pub(crate) fn class_of(family: &str, spdx: Option<&str>) -> (LicenceKind, LicenceClass) {
    if let Some(class) = data_class(family) {
        return (LicenceKind::Data, class);
    }
    if let Some(class) = software_class(family) {
        return (LicenceKind::Software, class);
    }
    match spdx.and_then(spdx::license_id) {
        Some(id) => (LicenceKind::Software, class_from_flags(id)),
        None => (LicenceKind::Vague, LicenceClass::default()),
    }
}

/// Licences written for data and creative works.
fn data_class(family: &str) -> Option<LicenceClass> {
    let class = match family {
        "CC-BY" | "CC-BY-ND" | "ODC-By" | "CDLA-Permissive" | "OGL-UK" => {
            LicenceClass::new(Commercial, true, false)
        }
        // ODbL, CDLA-Sharing and C-UDA require shared adaptations or copies to keep the terms.
        "CC-BY-SA" | "ODbL" | "CDLA-Sharing" | "C-UDA" => LicenceClass::new(Commercial, true, true),
        "CC-BY-NC" | "CC-BY-NC-ND" => LicenceClass::new(NonCommercial, true, false),
        "CC-BY-NC-SA" => LicenceClass::new(NonCommercial, true, true),
        "CC0" | "PDDL" | "CC-PDDC" | "Public-Domain" | "LicenseRef-DbCL" => {
            LicenceClass::new(Commercial, false, false)
        }
        // OpenRAIL: use-based restrictions must be passed on to every derivative.
        "LicenseRef-OpenRAIL" => LicenceClass::new(Commercial, true, true),
        // Limitation: PhysioNet's credentialed and restricted licences forbid sharing the data
        // at all; the class has no field for that, so only the research-only use shows.
        "LicenseRef-PhysioNet-Credentialed-Health-Data"
        | "LicenseRef-PhysioNet-Restricted-Health-Data" => {
            LicenceClass::new(AcademicOnly, false, false)
        }
        _ => return None,
    };
    Some(class)
}

/// Software licences whose class the SPDX flags would not tell right.
fn software_class(family: &str) -> Option<LicenceClass> {
    let class = match family {
        // Permissive, but the copyright notice must be kept: that is attribution.
        "MIT" | "Apache" | "BSD" | "ISC" | "AFL" | "MS-PL" | "Zlib" | "BSL" | "Artistic" => {
            LicenceClass::new(Commercial, true, false)
        }
        // Copyleft, strong or weak.
        "GPL" | "AGPL" | "LGPL" | "MPL" | "EPL" | "EUPL" | "OSL" | "GFDL" => {
            LicenceClass::new(Commercial, true, true)
        }
        // Public-domain-like: no notice needs to be kept.
        "Unlicense" | "0BSD" | "WTFPL" => LicenceClass::new(Commercial, false, false),
        _ => return None,
    };
    Some(class)
}

/// A class for an SPDX licence outside the table, from the SPDX list's flags.
fn class_from_flags(id: spdx::LicenseId) -> LicenceClass {
    let free = id.is_osi_approved() || id.is_fsf_free_libre();
    let usage = if free { Commercial } else { Unspecified };
    LicenceClass::new(usage, free, id.is_copyleft())
}

/// The family of an SPDX id: its parts before the first version-like part
/// (`CC-BY-NC-SA-3.0-DE` → `CC-BY-NC-SA`, `GPL-2.0-only` → `GPL`, `BSD-3-Clause` → `BSD`).
pub(crate) fn family_of(id: &str) -> String {
    let parts: Vec<&str> = id.split('-').take_while(|part| !is_version(part)).collect();
    if parts.is_empty() {
        return id.to_string();
    }
    parts.join("-")
}

fn is_version(part: &str) -> bool {
    part.starts_with(|c: char| c.is_ascii_digit())
        && part.chars().all(|c| c == '.' || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_drop_versions_and_ports() {
        assert_eq!(family_of("CC-BY-NC-SA-3.0-DE"), "CC-BY-NC-SA");
        assert_eq!(family_of("GPL-2.0-only"), "GPL");
        assert_eq!(family_of("BSD-3-Clause"), "BSD");
        assert_eq!(family_of("CC0-1.0"), "CC0");
        assert_eq!(family_of("0BSD"), "0BSD");
        assert_eq!(family_of("MIT"), "MIT");
    }

    #[test]
    fn no_derivatives_is_not_share_alike() {
        let (kind, class) = class_of("CC-BY-ND", Some("CC-BY-ND-4.0"));
        assert_eq!(kind, LicenceKind::Data);
        assert!(!class.share_alike);
        assert!(class.attribution);
    }

    #[test]
    fn mit_requires_the_notice() {
        let (kind, class) = class_of("MIT", Some("MIT"));
        assert_eq!(kind, LicenceKind::Software);
        assert_eq!(class, LicenceClass::new(Commercial, true, false));
    }

    #[test]
    fn unlisted_spdx_ids_use_the_spdx_flags() {
        let (kind, class) = class_of("CECILL", Some("CECILL-2.1"));
        assert_eq!(kind, LicenceKind::Software);
        assert!(class.share_alike);
        assert_eq!(class.usage, Commercial);
    }
}
