//! Facts read from tables: each column's role, missing values, and for each split scheme
//! the group of every split member.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::splits::SplitScheme;
use crate::FileWarning;

/// How strong a group key is: a patient holds lesions and studies, so a patient key is the
/// one to check leakage on when both are present. Ordered strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupLevel {
    /// Patient, subject, participant.
    Patient,
    /// Lesion, tumour, nodule.
    Lesion,
    /// Study, exam, visit, case.
    Study,
    /// Series, acquisition.
    Series,
}

/// What a column holds, as inferred from its name and content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "role", content = "of", rename_all = "kebab-case")]
pub enum Role {
    /// Names the sample (image file or id).
    SampleKey,
    /// Groups samples that must stay in one split.
    GroupKey(GroupLevel),
    /// Age, sex/gender, race/ethnicity.
    Demographic(Demographic),
    /// Site, institution, scanner, manufacturer, device, view, modality.
    Acquisition,
    /// Body site, diagnosis type and other clinical attributes.
    Clinical,
    /// The target: diagnosis, class, finding labels.
    Label,
    /// Names each row's split.
    Split,
    /// None of the above.
    Other,
}

/// Which demographic a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Demographic {
    /// Age or birth year.
    Age,
    /// Sex or gender.
    Sex,
    /// Race or ethnicity.
    Race,
}

impl Role {
    /// A short name for reports (`sample-key`, `group-key`, `demographic`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::SampleKey => "sample-key",
            Role::GroupKey(_) => "group-key",
            Role::Demographic(_) => "demographic",
            Role::Acquisition => "acquisition",
            Role::Clinical => "clinical",
            Role::Label => "label",
            Role::Split => "split",
            Role::Other => "other",
        }
    }
}

/// One column of a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnFacts {
    /// Its name (from the header, or `column N` when there is none).
    pub name: String,
    /// Its inferred (or user-given) role.
    pub role: Role,
    /// Why that role.
    pub reason: String,
    /// Distinct values.
    pub distinct: u64,
    /// Missing values by their spelling (`""`, `unknown`, `NaN`…).
    pub missing: BTreeMap<String, u64>,
}

impl ColumnFacts {
    /// All missing values, whatever their spelling.
    pub fn missing_total(&self) -> u64 {
        self.missing.values().sum()
    }
}

/// One table (or list file) and its columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableFacts {
    /// Relative path.
    pub path: String,
    /// Data rows (header excluded).
    pub rows: u64,
    /// Whether the first line was taken as a header, and why.
    pub header: bool,
    /// The field delimiter (`,`, `\t`, ` `…).
    pub delimiter: String,
    /// Its columns.
    pub columns: Vec<ColumnFacts>,
    /// True when the file is one split of a scheme (`train.csv`, `test_list.txt`).
    pub split_file: bool,
}

impl TableFacts {
    /// The columns with a role other than `Other`.
    pub fn role_columns(&self) -> impl Iterator<Item = &ColumnFacts> {
        self.columns.iter().filter(|c| c.role != Role::Other)
    }
}

/// The group key chosen to check a scheme for leakage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupKeyChoice {
    /// Column name.
    pub column: String,
    /// Its level.
    pub level: GroupLevel,
    /// The table it was read from (the metadata table, or the split files themselves).
    pub table: String,
    /// Why this one.
    pub reason: String,
}

/// A split scheme with the group of each member, ready for the leakage rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SchemeFacts {
    /// The scheme.
    pub scheme: SplitScheme,
    /// The group key used, if any was found.
    pub group_key: Option<GroupKeyChoice>,
    /// The distinct group values, indexed by the numbers in `member_groups`.
    pub group_values: Vec<String>,
    /// For each split (same order as `scheme.splits`), each member's group as an index
    /// into `group_values` (`None` when the member matched no metadata row or the value
    /// is missing).
    pub member_groups: Vec<Vec<Option<u32>>>,
    /// For each split, the members that matched no metadata row.
    pub unmatched: Vec<u64>,
    /// A few unmatched members, as (split, sample key).
    pub unmatched_examples: Vec<(String, String)>,
    /// The metadata table the members were joined to, if any.
    pub joined_to: Option<String>,
}

/// Everything the tables stage found.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TablesFacts {
    /// Every table and list read.
    pub tables: Vec<TableFacts>,
    /// Split schemes found.
    pub schemes: Vec<SchemeFacts>,
    /// The metadata tables: those the split schemes were joined to; without schemes, the
    /// table that describes the media files (or the largest one).
    pub metadata_tables: Vec<String>,
    /// Samples: rows of the metadata tables, else the distinct split members, else the
    /// media files.
    pub samples: u64,
    /// Files that could not be read (fully).
    pub warnings: Vec<FileWarning>,
}
