//! A table held in memory by column: the common form of CSV/TSV files, list files and JSON
//! split files once read. Each column keeps its values in one string buffer, so a table
//! of a million cells costs a few allocations, not a million.

/// One column's values, stored end to end.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Column {
    text: String,
    ends: Vec<u32>,
}

impl Column {
    /// Appends a value.
    /// Appends a value. Tables are capped far below 4 GiB of text, so `u32` ends suffice.
    pub fn push(&mut self, value: &str) {
        self.text.push_str(value);
        self.ends.push(self.text.len() as u32);
    }

    /// The value in `row`.
    pub fn get(&self, row: usize) -> &str {
        let start = if row == 0 { 0 } else { self.ends[row - 1] as usize };
        &self.text[start..self.ends[row] as usize]
    }

    /// Number of values.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when the column holds no value.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The values in row order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|row| self.get(row))
    }
}

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
    pub columns: Vec<Column>,
}

impl Table {
    /// An empty table with these column names.
    pub fn new(path: &str, names: Vec<String>, header: bool, delimiter: &str) -> Table {
        let columns = vec![Column::default(); names.len()];
        Table { path: path.to_string(), header, delimiter: delimiter.to_string(), names, columns }
    }

    /// Appends a row; missing trailing fields are empty, extra ones are dropped. Returns
    /// whether there were extra ones.
    pub fn push_row<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) -> bool {
        let mut fields = fields.into_iter();
        for column in &mut self.columns {
            column.push(fields.next().unwrap_or(""));
        }
        fields.next().is_some()
    }

    /// Data rows.
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, Column::len)
    }

    /// The index of the column named `name` (exact, then case-insensitive).
    pub fn column_index(&self, name: &str) -> Option<usize> {
        let exact = self.names.iter().position(|n| n == name);
        exact.or_else(|| self.names.iter().position(|n| n.eq_ignore_ascii_case(name)))
    }
}

/// `column 1`, `column 2`…: names for a table without a header.
pub fn default_names(width: usize) -> Vec<String> {
    (1..=width).map(|i| format!("column {i}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_in_order() {
        let mut table = Table::new("t.csv", vec!["a".into(), "b".into()], true, ",");
        table.push_row(["x", ""]);
        table.push_row(["yy"]);
        assert_eq!(table.rows(), 2);
        assert_eq!(table.columns[0].iter().collect::<Vec<_>>(), ["x", "yy"]);
        assert_eq!(table.columns[1].get(0), "");
        assert_eq!(table.columns[1].get(1), "");
    }
}
