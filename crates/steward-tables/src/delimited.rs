//! Reads delimited text (CSV, TSV, semicolon- or pipe-separated) as people ship it: with or
//! without a header (decided by content), quoted fields, CRLF, ragged rows, bytes that are
//! not UTF-8. Rows are streamed into the table's columns; only the first ones are held to
//! decide the header and the width.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use csv::{ByteRecord, ReaderBuilder, StringRecord, Trim};
use steward_model::facts::tables::Role;
use steward_model::sample_key::sample_key;
use steward_model::words::count;
use steward_model::FileWarning;
use tracing::debug;

use crate::roles::infer;
use crate::source;
use crate::table::{default_names, Table};

/// The most columns a table is read with; the rest of a wider table is left out.
pub const MAX_COLUMNS: usize = 4096;

/// Rows read before the header and the width are decided.
const SAMPLE_ROWS: usize = 1000;
/// Bytes read ahead to sniff the delimiter.
const HEAD_BYTES: u64 = 64 << 10;

/// Parses the delimited text of the file `path` into a table. Rows whose field count
/// differs from the table's are left out and counted in one warning; a read error keeps
/// the rows before it, with a warning.
pub fn parse(path: &str, source: &mut dyn Read, warnings: &mut Vec<FileWarning>) -> Table {
    let head = read_head(source);
    let delimiter = sniff_delimiter(path, &String::from_utf8_lossy(&head));
    let mut rows = Rows::new(Cursor::new(head).chain(source), delimiter);
    let sample: Vec<StringRecord> = rows.by_ref().take(SAMPLE_ROWS).collect();
    let (mut table, width) = shape(path, delimiter, &sample);
    if width > table.names.len() {
        warnings.push(wide_warning(path, width));
    }
    let body = &sample[usize::from(table.header).min(sample.len())..];
    let mut ragged = Ragged { width, ..Ragged::default() };
    let first_row = 1 + usize::from(table.header);
    for (i, record) in body.iter().cloned().chain(rows.by_ref()).enumerate() {
        ragged.push_or_count(&mut table, &record, first_row + i);
    }
    ragged.warn(&table, warnings);
    rows.warn(path, warnings);
    table
}

/// The warning for a table wider than [`MAX_COLUMNS`].
pub fn wide_warning(path: &str, width: usize) -> FileWarning {
    let message = format!(
        "has {width} columns; only the first {MAX_COLUMNS} were read (metadata columns are \
         rarely that many: check the delimiter)"
    );
    FileWarning::new(path, message)
}

/// The first bytes of `source`, a UTF-8 byte order mark dropped.
fn read_head(source: &mut dyn Read) -> Vec<u8> {
    let mut head = Vec::new();
    // A read error here shows again, with its row, when the rows are read.
    let _ = source.take(HEAD_BYTES).read_to_end(&mut head);
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        head.drain(..3);
    }
    head
}

/// An empty table with the names and header decided from the first rows, and the width
/// of its rows; at most [`MAX_COLUMNS`] of them get a column.
fn shape(path: &str, delimiter: u8, sample: &[StringRecord]) -> (Table, usize) {
    let delimiter = (delimiter as char).to_string();
    let Some(first) = sample.first() else {
        return (Table::new(path, Vec::new(), false, &delimiter), 0);
    };
    let header = has_header(path, first, &sample[1..]);
    let (mut names, width) = if header {
        let names = repair_bracket_names(first.iter().map(String::from).collect());
        let names = drop_empty_tail(names, modal_width(&sample[1..]));
        let width = names.len();
        (names, width)
    } else {
        let width = modal_width(sample);
        (default_names(width.min(MAX_COLUMNS)), width)
    };
    names.truncate(MAX_COLUMNS);
    (Table::new(path, names, header, &delimiter), width)
}

/// The non-blank records of a CSV stream, decoded as UTF-8 (lossily where they are not),
/// stopping at the first read error.
struct Rows<R: Read> {
    records: csv::ByteRecordsIntoIter<R>,
    lossy: bool,
    read: u64,
    error: Option<(u64, String)>,
}

impl<R: Read> Rows<R> {
    fn new(reader: R, delimiter: u8) -> Self {
        let reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .trim(Trim::None)
            .from_reader(reader);
        Rows { records: reader.into_byte_records(), lossy: false, read: 0, error: None }
    }

    fn decode(&mut self, record: ByteRecord) -> StringRecord {
        StringRecord::from_byte_record(record).unwrap_or_else(|err| {
            self.lossy = true;
            err.into_byte_record().iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect()
        })
    }

    fn warn(&self, path: &str, warnings: &mut Vec<FileWarning>) {
        if self.lossy {
            warnings.push(FileWarning::new(path, source::NOT_UTF8));
        }
        if let Some((line, err)) = &self.error {
            let message = format!(
                "reading stopped at line {line} ({err}); the rows before it were audited, \
                 fix the file from there on"
            );
            warnings.push(FileWarning::new(path, message));
        }
    }
}

impl<R: Read> Iterator for Rows<R> {
    type Item = StringRecord;

    fn next(&mut self) -> Option<StringRecord> {
        loop {
            match self.records.next()? {
                Ok(record) if record.iter().all(|f| f.trim_ascii().is_empty()) => continue,
                Ok(record) => {
                    self.read += 1;
                    return Some(self.decode(record));
                }
                Err(err) => {
                    // A decompression error has no position: count the records instead.
                    let line = err.position().map_or(self.read + 1, |p| p.line());
                    self.error = Some((line, err.to_string()));
                    return None;
                }
            }
        }
    }
}

/// Rows left out because their field count is not the table's `width`.
#[derive(Default)]
struct Ragged {
    width: usize,
    rows: u64,
    first: Vec<usize>,
}

impl Ragged {
    fn push_or_count(&mut self, table: &mut Table, record: &StringRecord, row: usize) {
        if record.len() == self.width {
            table.push_row(record.iter());
            return;
        }
        self.rows += 1;
        if self.first.len() < 5 {
            self.first.push(row);
        }
    }

    fn warn(&self, table: &Table, warnings: &mut Vec<FileWarning>) {
        if self.rows == 0 {
            return;
        }
        let first: Vec<String> = self.first.iter().map(|r| r.to_string()).collect();
        let message = format!(
            "{} without the table's {} fields left out (rows {}); \
             check their quoting and delimiters",
            count(self.rows, "row"),
            self.width,
            first.join(", ")
        );
        warnings.push(FileWarning::new(&table.path, message));
    }
}

/// The most common field count among the first rows.
fn modal_width(rows: &[StringRecord]) -> usize {
    let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
    for row in rows.iter().take(1000) {
        *counts.entry(row.len()).or_default() += 1;
    }
    counts.into_iter().max_by_key(|&(width, n)| (n, width)).map_or(0, |(width, _)| width)
}

/// A header such as `Image Index,Finding Label,Bbox [x,y,w,h],,,` ends in empty names
/// that no data row fills: drop them down to the rows' width.
fn drop_empty_tail(mut names: Vec<String>, width: usize) -> Vec<String> {
    while width > 0 && names.len() > width && names.last().is_some_and(|n| n.trim().is_empty()) {
        names.pop();
    }
    names
}

/// The delimiter: tab for `.tsv`, else the most frequent of `,` `\t` `;` `|` on the first
/// line (outside quotes).
fn sniff_delimiter(path: &str, text: &str) -> u8 {
    let lower = path.to_ascii_lowercase();
    if lower.contains(".tsv") || lower.contains(".tab") {
        return b'\t';
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let unquoted = unquoted_chars(first);
    let count = |d: char| unquoted.iter().filter(|&&c| c == d).count();
    let best =
        [',', '\t', ';', '|'].into_iter().max_by_key(|&d| (count(d), d == ',')).unwrap_or(',');
    if count(best) == 0 {
        b','
    } else {
        best as u8
    }
}

fn unquoted_chars(line: &str) -> Vec<char> {
    let mut inside = false;
    line.chars()
        .filter(|&c| {
            if c == '"' {
                inside = !inside;
            }
            !inside
        })
        .collect()
}

/// Is the first row a header? Data rows name files or hold numbers where the column
/// below does; a header holds column names.
fn has_header(path: &str, first: &StringRecord, rest: &[StringRecord]) -> bool {
    let (header, why) = header_verdict(first, rest);
    debug!(
        table = path,
        header,
        "first row taken as {}: {why}",
        if header { "header" } else { "data" }
    );
    header
}

fn header_verdict(first: &StringRecord, rest: &[StringRecord]) -> (bool, String) {
    if let Some(file) = first.iter().find(|f| sample_key(f).len() < f.trim().len()) {
        return (false, format!("it names a file ('{file}')"));
    }
    if let Some(name) = first.iter().find(|f| infer(f, &[]).role != Role::Other) {
        return (true, format!("'{name}' is a column name"));
    }
    if let Some(column) = numeric_below_text(first, rest) {
        return (true, format!("column {} is numeric below a text first row", column + 1));
    }
    if first.iter().all(is_number) {
        return (false, "every field is a number".into());
    }
    (true, "its fields are text; a header is the usual case".into())
}

fn numeric_below_text(first: &StringRecord, rest: &[StringRecord]) -> Option<usize> {
    let sample = &rest[..rest.len().min(200)];
    if sample.is_empty() {
        return None;
    }
    (0..first.len()).find(|&i| {
        let numeric = sample.iter().filter(|r| r.get(i).is_some_and(is_number)).count();
        !is_number(&first[i]) && !first[i].trim().is_empty() && numeric * 10 >= sample.len() * 9
    })
}

fn is_number(field: &str) -> bool {
    field.trim().parse::<f64>().is_ok()
}

/// Header names such as `OriginalImage[Width,Height]` are cut in two by the comma inside
/// the brackets; the data rows hold one value for each half. Name the halves
/// `OriginalImage[Width]` and `OriginalImage[Height]`.
fn repair_bracket_names(names: Vec<String>) -> Vec<String> {
    let mut out = Vec::with_capacity(names.len());
    let mut open: Option<String> = None;
    for name in names {
        match (open.take(), name.split_once('[')) {
            (None, Some((prefix, inner))) if !inner.contains(']') => {
                out.push(format!("{prefix}[{inner}]"));
                open = Some(prefix.to_string());
            }
            (Some(prefix), _) if name.ends_with(']') => out.push(format!("{prefix}[{name}")),
            (Some(prefix), _) => {
                out.push(format!("{prefix}[{name}]"));
                open = Some(prefix);
            }
            (None, _) => out.push(name),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> (Table, Vec<FileWarning>) {
        let mut warnings = Vec::new();
        (parse("t.csv", &mut text.as_bytes(), &mut warnings), warnings)
    }

    #[test]
    fn bracketed_header_names_are_repaired() {
        let names = ["Image Index", "OriginalImage[Width", "Height]", "Spacing[x", "y]"];
        let repaired = repair_bracket_names(names.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            repaired,
            [
                "Image Index",
                "OriginalImage[Width]",
                "OriginalImage[Height]",
                "Spacing[x]",
                "Spacing[y]"
            ]
        );
    }

    #[test]
    fn a_list_of_paths_has_no_header() {
        let (t, _) = table("data/a/ISIC_1.jpg,0\ndata/a/ISIC_2.jpg,1\n");
        assert!(!t.header);
        assert_eq!(t.names, ["column 1", "column 2"]);
        assert_eq!(t.rows(), 2);
    }

    #[test]
    fn crlf_quotes_and_header_are_read() {
        let (t, w) = table("image_name,site\r\n\"ISIC_1\",\"head, neck\"\r\nISIC_2,\r\n");
        assert!(t.header && w.is_empty());
        assert_eq!(t.columns[1].iter().collect::<Vec<_>>(), ["head, neck", ""]);
    }

    #[test]
    fn ragged_rows_are_left_out_with_one_warning() {
        let (t, w) = table("a,b\n1,2\n3\n4,5,6\n7,8\n");
        assert_eq!(t.rows(), 2);
        assert_eq!(w.len(), 1);
        assert!(w[0].message.contains("2 rows"), "{}", w[0].message);
        assert!(w[0].message.contains("rows 3, 4"), "{}", w[0].message);
    }

    #[test]
    fn empty_header_names_beyond_the_rows_are_dropped() {
        let (t, w) = table("Image Index,Finding Label,Bbox [x,y,w,h],,,\na.png,Mass,1,2,3,4\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            t.names,
            ["Image Index", "Finding Label", "Bbox [x]", "Bbox [y]", "Bbox [w]", "Bbox [h]"]
        );
        assert_eq!(t.rows(), 1);
    }

    #[test]
    fn a_ragged_first_row_does_not_set_the_width() {
        let (t, w) = table("a.png,1,extra\nb.png,2\nc.png,3\n");
        assert_eq!((t.names.len(), t.rows(), w.len()), (2, 2, 1));
    }

    #[test]
    fn a_very_wide_header_is_cut_with_a_warning() {
        let header: Vec<String> = (0..MAX_COLUMNS + 10).map(|i| format!("c{i}")).collect();
        let row = vec!["1"; MAX_COLUMNS + 10].join(",");
        let (t, w) = table(&format!("{}\n{row}\n{row}\n", header.join(",")));
        assert_eq!((t.names.len(), t.rows()), (MAX_COLUMNS, 2));
        assert_eq!(w.len(), 1);
        assert!(
            w[0].message.starts_with("has 4106 columns; only the first 4096"),
            "{}",
            w[0].message
        );
    }

    #[test]
    fn tabs_and_semicolons_are_sniffed() {
        assert_eq!(sniff_delimiter("x.txt", "a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("x.csv", "a;b;\"c;d\"\n"), b';');
        assert_eq!(sniff_delimiter("x.tsv", "a,b\n"), b'\t');
    }
}
