//! Infers each column's role (sample key, group key, demographic, acquisition, clinical,
//! label, split) from its name first and its values second, and says why.

use steward_model::facts::tables::{Demographic, GroupLevel, Role};
use steward_model::sample_key::sample_key;

/// A role with the reason it was chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct Inferred {
    /// The role.
    pub role: Role,
    /// Why, in words for the log and the report.
    pub reason: String,
}

/// Words naming a split, as they appear in file names, folder names and split columns.
pub const SPLIT_WORDS: &[&str] = &[
    "train",
    "training",
    "trainval",
    "val",
    "valid",
    "validation",
    "dev",
    "test",
    "testing",
    "holdout",
    "eval",
    "evaluation",
];

/// The role of a column named `name`; `sample` holds some of its non-blank values.
pub fn infer(name: &str, sample: &[&str]) -> Inferred {
    let tokens = tokens(name);
    by_name(&tokens)
        .map(|(role, why)| Inferred { role, reason: format!("name '{name}' {why}") })
        .or_else(|| by_values(sample))
        .unwrap_or(Inferred { role: Role::Other, reason: "no rule matched".into() })
}

/// Lowercase alphanumeric tokens of a column name (`Patient ID` → `patient`, `id`).
pub fn tokens(name: &str) -> Vec<String> {
    let lower = name.to_ascii_lowercase();
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect()
}

/// True when a token is one of `words` (space-separated).
fn has(tokens: &[String], words: &str) -> bool {
    tokens.iter().any(|t| words.split(' ').any(|w| w == t))
}

/// True when the name is the single token `word`.
fn bare(tokens: &[String], word: &str) -> bool {
    tokens.len() == 1 && tokens[0] == word
}

/// Name rules, in order: the first that matches decides. Demographics come before group
/// keys so that `Patient Age` is an age, and clinical before acquisition so that
/// `anatom_site_general` is a body site, not a hospital site.
fn by_name(tokens: &[String]) -> Option<(Role, &'static str)> {
    if tokens.is_empty() {
        return None;
    }
    demographic(tokens)
        .or_else(|| split(tokens))
        .or_else(|| group(tokens))
        .or_else(|| sample(tokens))
        .or_else(|| clinical(tokens))
        .or_else(|| acquisition(tokens))
        .or_else(|| label(tokens))
}

fn demographic(tokens: &[String]) -> Option<(Role, &'static str)> {
    let kind = if has(tokens, "age birth dob birthdate yob") {
        Demographic::Age
    } else if has(tokens, "sex gender") {
        Demographic::Sex
    } else if has(tokens, "race ethnicity ethnic ancestry") {
        Demographic::Race
    } else {
        return None;
    };
    Some((Role::Demographic(kind), "names a demographic"))
}

fn split(tokens: &[String]) -> Option<(Role, &'static str)> {
    let named = has(tokens, "split fold partition subset") || bare(tokens, "set");
    named.then_some((Role::Split, "names a split"))
}

fn group(tokens: &[String]) -> Option<(Role, &'static str)> {
    let level = if has(tokens, "patient patientid subject participant person") {
        GroupLevel::Patient
    } else if has(tokens, "lesion tumor tumour nodule") {
        GroupLevel::Lesion
    } else if has(tokens, "study studyinstanceuid exam accession visit case") {
        GroupLevel::Study
    } else if has(tokens, "series seriesinstanceuid") {
        GroupLevel::Series
    } else {
        return None;
    };
    Some((Role::GroupKey(level), "names a group of samples"))
}

fn sample(tokens: &[String]) -> Option<(Role, &'static str)> {
    let words = "image img filename file path filepath sample dicom sopinstanceuid";
    let image_words = has(tokens, words) && !has(tokens, "size width height type");
    let bare_id = bare(tokens, "id") || bare(tokens, "name") || bare(tokens, "uid");
    (image_words || bare_id).then_some((Role::SampleKey, "names the sample"))
}

fn clinical(tokens: &[String]) -> Option<(Role, &'static str)> {
    let body = has(tokens, "anatom anatomical anatomy localization location body bodypart");
    let dx_type = has(tokens, "dx diagnosis") && has(tokens, "type confirm");
    (body || dx_type).then_some((Role::Clinical, "names a clinical attribute"))
}

fn acquisition(tokens: &[String]) -> Option<(Role, &'static str)> {
    let words = "site institution hospital center centre clinic scanner manufacturer vendor \
                 device view viewposition projection modality camera machine station \
                 acquisition protocol magnification dermoscope";
    has(tokens, words).then_some((Role::Acquisition, "names acquisition or origin"))
}

fn label(tokens: &[String]) -> Option<(Role, &'static str)> {
    let words = "dx diagnosis label labels class target finding findings benign malignant \
                 category outcome grade";
    let named = has(tokens, words) || bare(tokens, "y");
    named.then_some((Role::Label, "names the target"))
}

/// Value rules for columns whose name says nothing (as in a table without a header).
fn by_values(sample: &[&str]) -> Option<Inferred> {
    if sample.is_empty() {
        return None;
    }
    let files = sample.iter().filter(|v| sample_key(v).len() < v.trim().len()).count();
    if files * 10 >= sample.len() * 9 {
        let reason = format!("{files} of {} sampled values are file names", sample.len());
        return Some(Inferred { role: Role::SampleKey, reason });
    }
    let splits = sample.iter().filter(|v| is_split_word(v)).count();
    (splits * 10 >= sample.len() * 9).then(|| Inferred {
        role: Role::Split,
        reason: format!("{splits} of {} sampled values are split names", sample.len()),
    })
}

/// True for a value that names a split (`train`, `Validation`, `test`).
pub fn is_split_word(value: &str) -> bool {
    let lower = value.trim().to_ascii_lowercase();
    SPLIT_WORDS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(name: &str) -> Role {
        infer(name, &[]).role
    }

    #[test]
    fn names_of_real_tables_get_their_roles() {
        assert_eq!(role("lesion_id"), Role::GroupKey(GroupLevel::Lesion));
        assert_eq!(role("image_id"), Role::SampleKey);
        assert_eq!(role("dx"), Role::Label);
        assert_eq!(role("dx_type"), Role::Clinical);
        assert_eq!(role("age"), Role::Demographic(Demographic::Age));
        assert_eq!(role("sex"), Role::Demographic(Demographic::Sex));
        assert_eq!(role("localization"), Role::Clinical);
        assert_eq!(role("Image Index"), Role::SampleKey);
        assert_eq!(role("Finding Labels"), Role::Label);
        assert_eq!(role("Patient ID"), Role::GroupKey(GroupLevel::Patient));
        assert_eq!(role("Patient Age"), Role::Demographic(Demographic::Age));
        assert_eq!(role("Patient Gender"), Role::Demographic(Demographic::Sex));
        assert_eq!(role("View Position"), Role::Acquisition);
        assert_eq!(role("anatom_site_general_challenge"), Role::Clinical);
        assert_eq!(role("image_name"), Role::SampleKey);
        assert_eq!(role("benign_malignant"), Role::Label);
        assert_eq!(role("OriginalImage[Width]"), Role::Other);
        assert_eq!(role("Follow-up #"), Role::Other);
        assert_eq!(role("OriginalImagePixelSpacing[y]"), Role::Other);
        assert_eq!(role("y"), Role::Label);
    }

    #[test]
    fn headerless_columns_are_read_by_value() {
        let paths = ["data/a/ISIC_1.jpg", "data/a/ISIC_2.jpg"];
        assert_eq!(infer("column 1", &paths).role, Role::SampleKey);
        assert_eq!(infer("column 2", &["0", "3"]).role, Role::Other);
        assert_eq!(infer("column 3", &["train", "Test"]).role, Role::Split);
    }
}
