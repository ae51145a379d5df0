//! Reads plain list files: one sample (a file name or path) a line, optionally followed by
//! space-separated label columns, as in `00000001_000.png 0 1 0`.

use steward_model::FileWarning;

use crate::delimited;
use crate::table::Table;

/// Parses a list file. A list whose first line holds commas or tabs is read as a
/// delimited table instead.
pub fn parse(path: &str, text: &str, warnings: &mut Vec<FileWarning>) -> Table {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first.contains(',') || first.contains('\t') {
        return delimited::parse(path, text, warnings);
    }
    let lines = || text.lines().filter(|l| !l.trim().is_empty());
    let width = lines().map(|l| l.split_whitespace().count()).max().unwrap_or(0);
    let mut table = Table::new(path, list_names(width), false, " ");
    for line in lines() {
        table.push_row(line.split_whitespace());
    }
    table
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
        let t = parse("l.txt", "a.png 0 1\nb.png 1 0\n", &mut w);
        assert_eq!(t.names, ["file", "label 1", "label 2"]);
        assert_eq!(t.columns[0].iter().collect::<Vec<_>>(), ["a.png", "b.png"]);
        assert_eq!(t.columns[2].get(1), "0");
        assert!(!t.header);
    }

    #[test]
    fn no_final_newline_and_blank_lines() {
        let mut w = Vec::new();
        let t = parse("l.txt", "a.png 1\n\nb.png", &mut w);
        assert_eq!(t.columns[0].iter().collect::<Vec<_>>(), ["a.png", "b.png"]);
        assert_eq!(t.columns[1].get(1), "", "a short line is padded");
    }
}
