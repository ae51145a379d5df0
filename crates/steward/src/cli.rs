//! The command line, parsed once into a [`Command`]; nothing past `main` sees clap.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Audits machine-learning datasets, medical-imaging first: licence and terms, persistent
/// identifiers, metadata, patient-level splits and duplicates.
#[derive(Debug, Parser)]
#[command(name = "steward", version, about)]
pub struct Cli {
    /// More log lines on stderr (-v debug, -vv trace); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// No progress bar.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Audit a dataset folder and report findings with evidence.
    Audit(AuditArgs),
}

/// `steward audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// The dataset folder.
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Terminal)]
    pub format: Format,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// The sample-key column (image name or id), instead of inferring it.
    #[arg(long, value_name = "COLUMN")]
    pub key: Option<String>,
    /// The group-key column (patient, lesion, study) to check splits on.
    #[arg(long, value_name = "COLUMN")]
    pub group_by: Option<String>,
    /// The column naming each row's split.
    #[arg(long, value_name = "COLUMN")]
    pub split_by: Option<String>,
}

/// Report formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people.
    Terminal,
    /// The JSON contract (docs/json-report.md).
    Json,
}

/// The severity threshold of `--fail-on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors only (the default).
    Error,
    /// Warnings and errors.
    Warning,
    /// Any finding.
    Info,
    /// Never fail on findings.
    None,
}
