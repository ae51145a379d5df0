//! The report: the JSON contract of `steward audit --format json`, and what every renderer
//! reads. Fields named in the design are stable; new fields may be added, none renamed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{Finding, Severity};

/// The version of the JSON report layout. Bumped only when a stable field changes.
pub const SCHEMA_VERSION: u32 = 1;

/// A problem with one file: the audit went on without (part of) it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileWarning {
    /// The file, relative to the audited folder (sanitised for printing).
    pub path: String,
    /// What went wrong and what the user can do.
    pub message: String,
}

impl FileWarning {
    /// A warning about `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        FileWarning { path: path.into(), message: message.into() }
    }
}

/// The tool that wrote the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tool {
    /// Always `steward`.
    pub name: String,
    /// The crate version.
    pub version: String,
}

/// What was audited.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Input {
    /// The path as the user gave it.
    pub path: String,
}

/// Counts over the whole audit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Files in the inventory.
    pub files: u64,
    /// Their total size in bytes.
    pub bytes: u64,
    /// Samples: rows of the metadata table, or split members when there is no table.
    pub samples: u64,
    /// File warnings.
    pub warnings: u64,
    /// Findings per severity (`error`, `warning`, `info`).
    pub findings: BTreeMap<String, u64>,
    /// Files per kind (`image`, `table`, `card`…).
    pub kinds: BTreeMap<String, u64>,
}

/// Everything one audit found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Who wrote it.
    pub tool: Tool,
    /// What was audited.
    pub input: Input,
    /// Counts.
    pub summary: Summary,
    /// Findings, worst first.
    pub findings: Vec<Finding>,
    /// Per-file problems.
    pub warnings: Vec<FileWarning>,
    /// Measured facts by stage (`tables`, `schemes`, `licences`, `identifiers`, `duplicates`).
    pub facts: Map<String, Value>,
}

impl Report {
    /// An empty report for `path`.
    pub fn new(path: &str) -> Self {
        Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool { name: "steward".into(), version: env!("CARGO_PKG_VERSION").into() },
            input: Input { path: path.to_string() },
            summary: Summary::default(),
            findings: Vec::new(),
            warnings: Vec::new(),
            facts: Map::new(),
        }
    }

    /// Sorts findings worst first (then by rule id, stably) and recounts the summary.
    pub fn finish(&mut self) {
        self.findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.rule.cmp(&b.rule)));
        self.summary.warnings = self.warnings.len() as u64;
        let mut counts = BTreeMap::new();
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            counts.insert(severity.as_str().to_string(), 0);
        }
        for finding in &self.findings {
            *counts.entry(finding.severity.as_str().to_string()).or_default() += 1;
        }
        self.summary.findings = counts;
    }

    /// The worst severity among the findings, if any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}
