//! Reads plain list files: one sample (a file name or path) a line, optionally followed by
//! space-separated label columns, as in `00000001_000.png 0 1 0`. Lines are streamed into
//! the table; the width is the most common field count of the first lines.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Cursor, Read};

use steward_model::words::count;
use steward_model::FileWarning;

use crate::delimited;
use crate::source;
use crate::table::Table;

/// Lines read before the width is decided.
const SAMPLE_LINES: usize = 1000;
/// Bytes read ahead to tell a list from a delimited table.
const HEAD_BYTES: u64 = 64 << 10;

/// Parses a list file. A list whose first line holds commas or tabs is read as a
/// delimited table instead.
pub fn parse(path: &str, source: &mut dyn Read, warnings: &mut Vec<FileWarning>) -> Table {
    let mut head = Vec::new();
    // A read error here shows again when the lines are read.
    let _ = source.take(HEAD_BYTES).read_to_end(&mut head);
    let first_line = head.split(|&b| b == b'\n').find(|l| !l.trim_ascii().is_empty());
    if first_line.is_some_and(|l| l.contains(&b',') || l.contains(&b'\t')) {
        return delimited::parse(path, &mut Cursor::new(head).chain(source), warnings);
    }
    let mut lines = Lines::new(Cursor::new(head).chain(source));
    let sample: Vec<String> = lines.by_ref().take(SAMPLE_LINES).collect();
    let width = modal_width(&sample);
    if width > delimited::MAX_COLUMNS {
        warnings.push(delimited::wide_warning(path, width));
    }
    let width = width.min(delimited::MAX_COLUMNS);
    let mut table = Table::new(path, list_names(width), false, " ");
    let mut wider = 0u64;
    for line in sample.into_iter().chain(lines.by_ref()) {
        wider += u64::from(table.push_row(line.split_whitespace()));
    }
    lines.warn(path, wider, width, warnings);
    table
}

fn modal_width(lines: &[String]) -> usize {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for line in lines {
        *counts.entry(line.split_whitespace().count()).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(width, n)| (n, width)).map_or(0, |(width, _)| width)
}

/// The non-blank lines of a stream, decoded lossily, stopping at the first read error.
struct Lines<R: Read> {
    reader: BufReader<R>,
    buf: Vec<u8>,
    lossy: bool,
    error: Option<String>,
}

impl<R: Read> Lines<R> {
    fn new(reader: R) -> Self {
        Lines { reader: BufReader::new(reader), buf: Vec::new(), lossy: false, error: None }
    }

    fn warn(&self, path: &str, wider: u64, width: usize, warnings: &mut Vec<FileWarning>) {
        if wider > 0 {
            let message = format!(
                "{} with more than the {width} fields most lines have; the extra fields were \
                 not read",
                count(wider, "line"),
            );
            warnings.push(FileWarning::new(path, message));
        }
        if self.lossy {
            warnings.push(FileWarning::new(path, source::NOT_UTF8));
        }
        if let Some(err) = &self.error {
            let message = format!("reading stopped ({err}); the lines before it were audited");
            warnings.push(FileWarning::new(path, message));
        }
    }
}

impl<R: Read> Iterator for Lines<R> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => return None,
                Ok(_) if self.buf.trim_ascii().is_empty() => continue,
                Ok(_) => return Some(self.decode()),
                Err(err) => {
                    self.error = Some(err.to_string());
                    return None;
                }
            }
        }
    }
}

impl<R: Read> Lines<R> {
    fn decode(&mut self) -> String {
        let line = self.buf.trim_ascii_end();
        match std::str::from_utf8(line) {
            Ok(text) => text.to_string(),
            Err(_) => {
                self.lossy = true;
                String::from_utf8_lossy(line).into_owned()
            }
        }
    }
}

// Limitation: file names containing spaces are cut at the first space; a list that
// quotes its names would need a quoted-field reader here.
fn list_names(width: usize) -> Vec<String> {
    let mut names = vec!["file".to_string()];
    names.extend((1..width).map(|i| format!("label {i}")));
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_then_labels() {
        let mut w = Vec::new();
        let t = parse("l.txt", &mut "a.png 0 1\nb.png 1 0\n".as_bytes(), &mut w);
        assert_eq!(t.names, ["file", "label 1", "label 2"]);
        assert_eq!(t.columns[0].iter().collect::<Vec<_>>(), ["a.png", "b.png"]);
        assert_eq!(t.columns[2].get(1), "0");
        assert!(!t.header);
    }

    #[test]
    fn no_final_newline_and_blank_lines() {
        let mut w = Vec::new();
        let t = parse("l.txt", &mut "a.png 1\n\nb.png".as_bytes(), &mut w);
        assert_eq!(t.columns[0].iter().collect::<Vec<_>>(), ["a.png", "b.png"]);
        assert_eq!(t.columns[1].get(1), "", "a short line is padded");
    }
}
