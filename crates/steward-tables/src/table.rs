//! A table held in memory by column: the common form of CSV/TSV files, list files and JSON
//! split files once read.

/// A table read from one file.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The file, relative path.
    pub path: String,
    /// The first line was a header.
    pub header: bool,
    /// The field delimiter, as written (`,`, `\t`, ` `).
    pub delimiter: String,
    /// Column names (`column 1`… when there is no header).
    pub names: Vec<String>,
    /// Values by column; every column has the same length.
    pub columns: Vec<Vec<String>>,
}

impl Table {
    /// Data rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Vec::len)
    }

    /// The index of the column named `name` (exact, then case-insensitive).
    pub fn column_index(&self, name: &str) -> Option<usize> {
        let exact = self.names.iter().position(|n| n == name);
        exact.or_else(|| self.names.iter().position(|n| n.eq_ignore_ascii_case(name)))
    }

    /// Builds a table from rows of equal length.
    pub fn from_rows(path: &str, header: Option<Vec<String>>, rows: Vec<Vec<String>>) -> Table {
        let width = header.as_ref().map_or_else(|| rows.first().map_or(0, Vec::len), Vec::len);
        let mut columns = vec![Vec::with_capacity(rows.len()); width];
        for row in rows {
            for (column, value) in columns.iter_mut().zip(row) {
                column.push(value);
            }
        }
        Table {
            path: path.to_string(),
            header: header.is_some(),
            delimiter: ",".into(),
            names: header.unwrap_or_else(|| default_names(width)),
            columns,
        }
    }
}

/// `column 1`, `column 2`…: names for a table without a header.
pub fn default_names(width: usize) -> Vec<String> {
    (1..=width).map(|i| format!("column {i}")).collect()
}
