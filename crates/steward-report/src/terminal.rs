//! The terminal report for people: a summary, the split schemes, then findings grouped by
//! area with the worst area first, each with its rule id, message, numbers, examples and
//! what to do; file warnings last.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::Value;
use steward_model::words::{count, printable};
use steward_model::{Finding, Report, Severity};

use crate::inline::{inline, is_wide};
use crate::Render;

/// Writes one report line, every control character in it made visible: names, values and
/// messages come from the audited files and must not act on the terminal.
macro_rules! line {
    ($out:expr, $($arg:tt)*) => {
        writeln!($out, "{}", printable(&format!($($arg)*)))
    };
}

/// How many examples and warnings are printed.
const SHOWN: usize = 3;
const WARNINGS_SHOWN: usize = 10;

/// The default format.
pub struct Terminal;

impl Render for Terminal {
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        summary(report, out)?;
        schemes(report, out)?;
        for (area, findings) in by_area(&report.findings) {
            writeln!(out)?;
            line!(out, "{area}")?;
            for finding in findings {
                finding_block(finding, out)?;
            }
        }
        warnings(report, out)?;
        verdict(report, out)
    }
}

fn summary(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    line!(out, "steward audit {}", report.input.path)?;
    line!(out, "  {} files, {}, {} samples", s.files, human_bytes(s.bytes), s.samples)?;
    let kinds: Vec<String> = s.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    line!(out, "  kinds: {}", kinds.join(", "))?;
    line!(out, "  licences: {}", licences(report))
}

/// Each licence stated, with the files that state it: `CC-BY-3.0 (LICENSE, README.md)`.
fn licences(report: &Report) -> String {
    let Some(Value::Array(statements)) = report.facts.get("licences") else {
        return "none found".into();
    };
    let mut by_licence: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for statement in statements {
        let name = ["spdx", "family", "kind"].iter().find_map(|k| statement[*k].as_str());
        let files = by_licence.entry(name.unwrap_or("?")).or_default();
        let source = statement["source"].as_str().unwrap_or("?");
        if !files.contains(&source) {
            files.push(source);
        }
    }
    if by_licence.is_empty() {
        return "none found".into();
    }
    let listed = by_licence.iter().map(|(name, files)| format!("{name} ({})", files.join(", ")));
    listed.collect::<Vec<_>>().join("; ")
}

fn schemes(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let Some(Value::Array(schemes)) = report.facts.get("schemes") else { return Ok(()) };
    if schemes.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    line!(out, "split schemes")?;
    for scheme in schemes {
        let splits: Vec<String> = scheme["splits"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| format!("{} {}", s["name"].as_str().unwrap_or(""), s["samples"]))
            .collect();
        let key = scheme["group_key"]["column"].as_str().unwrap_or("none found");
        let training = scheme["training_split"].as_str().unwrap_or("-");
        line!(out, "  {}: {}", scheme["name"].as_str().unwrap_or(""), splits.join(", "))?;
        line!(out, "      training split: {training}; group key: {key}")?;
    }
    Ok(())
}

/// Findings by area (`split`, `license`…), the area with the worst finding first; within
/// an area, worst first.
fn by_area(findings: &[Finding]) -> Vec<(&str, Vec<&Finding>)> {
    let mut areas: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for finding in findings {
        areas.entry(finding.area()).or_default().push(finding);
    }
    let mut areas: Vec<(&str, Vec<&Finding>)> = areas.into_iter().collect();
    for (_, list) in &mut areas {
        list.sort_by_key(|f| std::cmp::Reverse(f.severity));
    }
    areas.sort_by_key(|(name, list)| (std::cmp::Reverse(list[0].severity), *name));
    areas
}

fn finding_block(finding: &Finding, out: &mut dyn Write) -> io::Result<()> {
    line!(out, "  {:<7} {}  {}", finding.severity.as_str(), finding.rule, finding.message)?;
    if let Value::Object(fields) = &finding.data {
        for (key, value) in fields.iter().filter(|(_, v)| !is_empty(v)) {
            if is_wide(value) {
                let n = value.as_array().map_or(0, Vec::len);
                line!(out, "          {key}: {} (see --format json)", count(n as u64, "record"))?;
            } else {
                line!(out, "          {key}: {}", inline(value))?;
            }
        }
    }
    for example in finding.examples.iter().take(SHOWN) {
        line!(out, "          e.g. {}", inline(example))?;
    }
    if finding.examples.len() > SHOWN {
        line!(
            out,
            "          … and {} more examples in --format json",
            finding.examples.len() - SHOWN
        )?;
    }
    if !finding.action.is_empty() {
        line!(out, "          → {}", finding.action)?;
    }
    Ok(())
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Null => true,
        _ => false,
    }
}

fn warnings(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    if report.warnings.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    line!(out, "file warnings ({})", report.warnings.len())?;
    for warning in report.warnings.iter().take(WARNINGS_SHOWN) {
        line!(out, "  {}: {}", warning.path, warning.message)?;
    }
    if report.warnings.len() > WARNINGS_SHOWN {
        let more = report.warnings.len() - WARNINGS_SHOWN;
        line!(out, "  … and {more} more in --format json")?;
    }
    Ok(())
}

fn verdict(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out)?;
    let count = |s: Severity| report.summary.findings.get(s.as_str()).copied().unwrap_or(0);
    line!(
        out,
        "findings: {} error, {} warning, {} info; file warnings: {}",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        report.warnings.len()
    )
}

/// `51.8 MB`: decimal units, one decimal.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_for_people() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(51_780_849), "51.8 MB");
    }

    #[test]
    fn escape_sequences_from_files_are_not_printed_raw() {
        let mut report = Report::new("data\x1b[2J");
        let finding = Finding::new("meta.x", Severity::Info, "column 'id\x1b]0;PWNED\x07'");
        report.findings.push(finding.with_data(serde_json::json!({"key": "P\x1b[31m1"})));
        let mut out = Vec::new();
        Terminal.render(&report, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text}");
        assert!(text.contains("column 'id\\u{1b}]0;PWNED\\u{7}'"), "{text}");
    }

    #[test]
    fn the_worst_area_comes_first() {
        let info = Finding::new("dup.exact", Severity::Info, "x");
        let error = Finding::new("split.group-leak", Severity::Error, "y");
        let warning = Finding::new("license.vague", Severity::Warning, "z");
        let findings = vec![info, error, warning];
        let areas: Vec<&str> = by_area(&findings).into_iter().map(|(a, _)| a).collect();
        assert_eq!(areas, ["split", "license", "dup"]);
    }
}
