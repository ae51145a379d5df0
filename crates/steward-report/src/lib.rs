//! Renders a report. Each format is one small type behind [`Render`]; all read the same
//! [`Report`].

mod inline;
pub mod json;
pub mod terminal;

use std::io::{self, Write};

use steward_model::Report;

/// One output format.
pub trait Render {
    /// Writes `report` to `out`.
    fn render(&self, report: &Report, out: &mut dyn Write) -> io::Result<()>;
}

pub use json::Json;
pub use terminal::Terminal;
