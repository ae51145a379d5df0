//! Facts read from documentation: licences, persistent identifiers, citations.
//!
//! `steward-docs` fills these from cards, licence files, citation files and prose;
//! the `license.*` and `pid.*` checks read them.

use serde::{Deserialize, Serialize};

use crate::FileWarning;

/// Everything the documentation of a dataset says about its terms and identifiers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocFacts {
    /// Every licence statement, in the order the files were read.
    pub licences: Vec<LicenceStatement>,
    /// Every persistent identifier (PID), once per file and field.
    pub identifiers: Vec<Identifier>,
    /// The cards and citation files read, with the fields they hold.
    pub cards: Vec<CardSummary>,
    /// True when some card or citation file cites a source (a citation, BibTeX entry,
    /// `source_datasets`, `isBasedOn`, references).
    pub cites_source: bool,
    /// Where those citations were found.
    pub citations: Vec<Place>,
    /// The documentation files read (relative paths).
    pub docs_read: Vec<String>,
    /// Files that could not be read, or were read only in part.
    pub warnings: Vec<FileWarning>,
}

impl DocFacts {
    /// The statements that name a licence or terms (not vague ones).
    pub fn concrete_licences(&self) -> impl Iterator<Item = &LicenceStatement> {
        self.licences.iter().filter(|s| s.kind != LicenceKind::Vague)
    }
}

/// A place in the documentation: a file and a field of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The file, relative path.
    pub source: String,
    /// The field (`citeAs`, `README body`, `preferred-citation`).
    pub field: String,
}

/// One place where the dataset states a licence or terms of use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LicenceStatement {
    /// The file it was found in, relative path.
    pub source: String,
    /// The field: `license`, `license[]`, `licenses[].name`, `licenseName`, `license.url`,
    /// `LICENSE text`, `README body`, `description`, `text`.
    pub field: String,
    /// The text as stated (trimmed, at most a few hundred characters).
    pub text: String,
    /// The SPDX licence id when recognised (`CC-BY-NC-4.0`), or a `LicenseRef-` id for a
    /// well-known licence outside the SPDX list (`LicenseRef-OpenRAIL`).
    pub spdx: Option<String>,
    /// The licence family without version (`CC-BY-NC`, `MIT`, `GPL`), also when the
    /// version was not stated and `spdx` is therefore empty.
    pub family: Option<String>,
    /// What kind of licence it is.
    pub kind: LicenceKind,
    /// What it allows: use, attribution, share-alike.
    pub class: LicenceClass,
}

/// What kind of text a licence statement names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LicenceKind {
    /// A licence written for data or creative works (Creative Commons, Open Data Commons,
    /// CDLA, OpenRAIL, PhysioNet).
    Data,
    /// A licence written for software (MIT, Apache, BSD, GPL family).
    Software,
    /// Custom terms of use with a recognisable restriction ("research use only") but no
    /// standard licence.
    Terms,
    /// "other", "unknown", "see description", or text with no recognisable licence.
    Vague,
}

impl LicenceKind {
    /// The kebab-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            LicenceKind::Data => "data",
            LicenceKind::Software => "software",
            LicenceKind::Terms => "terms",
            LicenceKind::Vague => "vague",
        }
    }
}

/// The licence class: what a licence allows, in the terms data users compare licences by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LicenceClass {
    /// Which uses are allowed.
    #[serde(rename = "use")]
    pub usage: LicenceUse,
    /// Users must credit the creators.
    pub attribution: bool,
    /// Adaptations must be shared under the same terms (copyleft).
    pub share_alike: bool,
}

impl LicenceClass {
    /// A class from its three parts.
    pub const fn new(usage: LicenceUse, attribution: bool, share_alike: bool) -> Self {
        LicenceClass { usage, attribution, share_alike }
    }
}

/// Which uses a licence allows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LicenceUse {
    /// Any use, commercial included.
    Commercial,
    /// Non-commercial use only.
    NonCommercial,
    /// Academic or research use only.
    AcademicOnly,
    /// Not stated or not recognised.
    #[default]
    Unspecified,
}

impl LicenceUse {
    /// The kebab-case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            LicenceUse::Commercial => "commercial",
            LicenceUse::NonCommercial => "non-commercial",
            LicenceUse::AcademicOnly => "academic-only",
            LicenceUse::Unspecified => "unspecified",
        }
    }
}

/// A persistent identifier (PID) found in the documentation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identifier {
    /// DOI, Handle or ARK.
    pub kind: PidKind,
    /// The normalised value, without resolver or prefix: `10.7910/DVN/DBW86T`,
    /// `2027/mdp.39015`, `ark:/13030/tf5p30086k`.
    pub value: String,
    /// The file it was found in, relative path.
    pub source: String,
    /// The field (`doi`, `identifiers[].value`, `citeAs`, `README body`, `text`).
    pub field: String,
    /// True when found in a metadata field, false when found only in prose.
    pub structured: bool,
}

/// The scheme of a persistent identifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PidKind {
    /// Digital Object Identifier (`10.NNNN/…`).
    Doi,
    /// Handle System identifier (`hdl.handle.net/…`).
    Handle,
    /// Archival Resource Key (`ark:/NNNNN/…`).
    Ark,
}

impl PidKind {
    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            PidKind::Doi => "doi",
            PidKind::Handle => "handle",
            PidKind::Ark => "ark",
        }
    }
}

/// A card or citation file that was read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CardSummary {
    /// The file, relative path.
    pub source: String,
    /// Its format.
    pub format: CardFormat,
    /// Its title or pretty name, when it has one.
    pub title: Option<String>,
    /// Its top-level fields, in file order.
    pub fields: Vec<String>,
}

/// The format of a card or citation file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardFormat {
    /// Hugging Face README.md with YAML front matter.
    HfCard,
    /// Kaggle dataset metadata JSON.
    Kaggle,
    /// Croissant JSON-LD.
    Croissant,
    /// CITATION.cff.
    CitationCff,
    /// .zenodo.json.
    Zenodo,
}
