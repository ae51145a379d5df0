//! Reads delimited text (CSV, TSV, semicolon- or pipe-separated) as people ship it: with or
//! without a header (decided by content), quoted fields, CRLF, ragged rows.

use std::collections::BTreeMap;

use csv::{ReaderBuilder, StringRecord, Trim};
use steward_model::sample_key::sample_key;
use steward_model::words::count;
use steward_model::FileWarning;
use tracing::debug;

use crate::roles::infer;
use crate::table::{default_names, Table};
use steward_model::facts::tables::Role;

/// Parses `text` of the file `path` into a table. Rows whose field count differs from the
/// table's are left out and counted in one warning.
pub fn parse(path: &str, text: &str, warnings: &mut Vec<FileWarning>) -> Table {
    let delimiter = sniff_delimiter(path, text);
    let records = records(path, text, delimiter, warnings);
    let Some(first) = records.first() else {
        return Table::new(path, Vec::new(), false, ",");
    };
    let header = has_header(path, first, &records[1..]);
    let (names, body) = if header {
        let names = repair_bracket_names(first.iter().map(String::from).collect());
        (drop_empty_tail(names, modal_width(&records[1..])), &records[1..])
    } else {
        (default_names(modal_width(&records)), &records[..])
    };
    let width = names.len();
    let mut table = Table::new(path, names, header, &(delimiter as char).to_string());
    keep_full_rows(&mut table, body, width, warnings);
    table
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

fn records(
    path: &str,
    text: &str,
    delimiter: u8,
    warnings: &mut Vec<FileWarning>,
) -> Vec<StringRecord> {
    let mut reader = ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .trim(Trim::None)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for result in reader.records() {
        match result {
            Ok(record) if is_blank(&record) => {}
            Ok(record) => out.push(record),
            Err(err) => {
                warnings.push(FileWarning::new(
                    path,
                    format!(
                        "stopped reading at a malformed row: {err}; fix the quoting from there on"
                    ),
                ));
                break;
            }
        }
    }
    out
}

fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|f| f.trim().is_empty())
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

/// Appends the rows of `body` that have `width` fields; warns once about the others.
fn keep_full_rows(
    table: &mut Table,
    body: &[StringRecord],
    width: usize,
    warnings: &mut Vec<FileWarning>,
) {
    let mut ragged = Vec::new();
    for (i, record) in body.iter().enumerate() {
        if record.len() == width {
            table.push_row(record.iter());
        } else {
            ragged.push(i + 1 + usize::from(table.header));
        }
    }
    if !ragged.is_empty() {
        warnings.push(ragged_warning(&table.path, width, &ragged));
    }
}

fn ragged_warning(path: &str, width: usize, rows: &[usize]) -> FileWarning {
    let first: Vec<String> = rows.iter().take(5).map(|r| r.to_string()).collect();
    let message = format!(
        "{} without the table's {width} fields left out (rows {}); \
         check their quoting and delimiters",
        count(rows.len() as u64, "row"),
        first.join(", ")
    );
    FileWarning::new(path, message)
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
        (parse("t.csv", text, &mut warnings), warnings)
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
    fn tabs_and_semicolons_are_sniffed() {
        assert_eq!(sniff_delimiter("x.txt", "a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("x.csv", "a;b;\"c;d\"\n"), b';');
        assert_eq!(sniff_delimiter("x.tsv", "a,b\n"), b'\t');
    }
}
