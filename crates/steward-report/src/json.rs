//! The JSON report: the contract described in `docs/json-report.md`, pretty-printed.

use std::io::{self, Write};

use steward_model::Report;

use crate::Render;

/// `--format json`.
pub struct Json;

impl Render for Json {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report)?;
        writeln!(out)
    }
}
