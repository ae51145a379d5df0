//! Walks a dataset folder and tells each file's kind by content and name.
//!
//! [`walk`] lists every file under a root (in parallel, no ignore files, links checked)
//! and [`classify`] decides each file's [`FileKind`](steward_model::facts::FileKind) from
//! its first bytes and its name. Problems with one file become warnings in the
//! [`Inventory`](steward_model::facts::Inventory); only a problem with the root is an error.

mod error;
pub mod kind;
mod links;
mod magic;
mod name;
mod rel;
mod text;
mod walk;

pub use error::InventoryError;
pub use kind::{classify, classify_head, Classification};
pub use walk::walk;
