//! The data model shared by every stage of the pipeline: what the inventory lists, the facts
//! read from files, the findings checks produce, and the report that carries them.
//!
//! This crate holds data and small pure helpers only; it reads no files.

pub mod facts;
pub mod finding;
pub mod progress;
pub mod report;
pub mod sample_key;
pub mod words;

pub use finding::{Finding, Severity};
pub use progress::{NoProgress, Progress};
pub use report::{FileWarning, Report, Summary};
