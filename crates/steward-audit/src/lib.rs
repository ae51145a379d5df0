//! Runs the audit pipeline on one folder: inventory, then facts (documents, tables and
//! splits, duplicates), then checks, then one report. Nothing is written into the folder.

mod facts;

use std::path::{Path, PathBuf};

use steward_model::facts::Inventory;
use steward_model::{FileWarning, Progress, Report};
use steward_tables::TableOptions;
use thiserror::Error;
use tracing::debug;

pub use facts::Facts;

/// What to audit and how, parsed once by the binary.
#[derive(Clone, Debug, Default)]
pub struct AuditConfig {
    /// The dataset folder.
    pub root: PathBuf,
    /// Column overrides for the tables stage.
    pub tables: TableOptions,
}

/// Why an audit could not run at all. Problems with single files are warnings in the
/// report, never this.
#[derive(Debug, Error)]
pub enum AuditError {
    /// The folder could not be walked.
    #[error(transparent)]
    Inventory(#[from] steward_inventory::InventoryError),
    /// A column named on the command line is in no table.
    #[error(transparent)]
    UnknownColumn(#[from] steward_tables::UnknownColumn),
    /// The folder holds no file that could be listed; the first listing problem, if any,
    /// says why.
    #[error("'{}' holds no files to audit{}", .0.display(), first_problem(.1))]
    Empty(PathBuf, Option<FileWarning>),
}

/// Audits `config.root` and returns the report (findings sorted worst first).
pub fn audit(config: &AuditConfig, progress: &dyn Progress) -> Result<Report, AuditError> {
    let inventory = steward_inventory::walk(&config.root, progress)?;
    if inventory.files.is_empty() {
        let problem = inventory.warnings.first().cloned();
        return Err(AuditError::Empty(config.root.clone(), problem));
    }
    debug!(files = inventory.files.len(), "inventory done");
    let facts = Facts::read(&inventory, config, progress)?;
    Ok(report(&config.root, &inventory, &facts))
}

fn first_problem(warning: &Option<FileWarning>) -> String {
    match warning {
        Some(w) => format!(" that could be read: {}: {}", w.path, w.message),
        None => "; point steward at the dataset folder".to_string(),
    }
}

fn report(root: &Path, inventory: &Inventory, facts: &Facts) -> Report {
    let mut report = Report::new(&root.display().to_string());
    report.summary.files = inventory.files.len() as u64;
    report.summary.bytes = inventory.bytes();
    report.summary.samples = facts.tables.samples;
    for file in &inventory.files {
        *report.summary.kinds.entry(file.kind.as_str().to_string()).or_default() += 1;
    }
    report.findings = facts.check();
    report.warnings = facts.warnings(inventory);
    report.facts = facts.to_json();
    report.finish();
    report
}
