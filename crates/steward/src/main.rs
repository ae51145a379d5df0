//! `steward`: the thin binary. Parses the command line, runs the audit library, renders
//! the report, and turns the outcome into an exit code: 0 nothing at or above
//! `--fail-on`, 1 findings at or above it, 2 the audit could not run.

mod cli;
mod progress;

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use steward_audit::{audit, AuditConfig};
use steward_model::words::printable;
use steward_model::{Report, Severity};
use steward_report::{Json, Render, Terminal};
use steward_tables::TableOptions;
use tracing_subscriber::EnvFilter;

use cli::{AuditArgs, Cli, Command, FailOn, Format};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage(&err),
    };
    init_logging(cli.verbose);
    let result = match &cli.command {
        Command::Audit(args) => run_audit(args, cli.quiet),
    };
    result.unwrap_or_else(|err| {
        run_error(&err);
        ExitCode::from(2)
    })
}

/// Help and version go to stdout with 0; a usage error to stderr with 2. A stderr that
/// cannot be written to (closed, full) is no reason to panic.
fn usage(err: &clap::Error) -> ExitCode {
    let _ = err.print();
    if err.use_stderr() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// One `error:` line, then its causes, every control character made visible.
fn run_error(err: &anyhow::Error) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "error: {}", printable(&err.to_string()));
    for cause in err.chain().skip(1) {
        let _ = writeln!(stderr, "  caused by: {}", printable(&cause.to_string()));
    }
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal())
        .with_target(false)
        // A log line that cannot be written is dropped; reporting that failure would
        // write to the same broken stderr and panic.
        .log_internal_errors(false)
        .init();
}

fn run_audit(args: &AuditArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let config = AuditConfig {
        root: args.path.clone(),
        tables: TableOptions {
            key: args.key.clone(),
            group_by: args.group_by.clone(),
            split_by: args.split_by.clone(),
        },
    };
    let progress = progress::for_stderr(quiet);
    let report = audit(&config, progress.as_ref())?;
    render(&report, args.format)?;
    Ok(exit_code(&report, args.fail_on))
}

fn render(report: &Report, format: Format) -> anyhow::Result<()> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match format {
        Format::Terminal => Terminal.render(report, &mut out),
        Format::Json => Json.render(report, &mut out),
    };
    match result.and_then(|()| out.flush()) {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn exit_code(report: &Report, fail_on: FailOn) -> ExitCode {
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
        FailOn::None => return ExitCode::SUCCESS,
    };
    match report.worst() {
        Some(worst) if worst >= threshold => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    }
}
