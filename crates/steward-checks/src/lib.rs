//! The rules: pure functions from facts to findings, one module per area of rule ids
//! (`license.*`, `pid.*`, `meta.*`, `split.*`, `dup.*`). A check reads facts only; it never
//! touches a file.

pub mod dup;
pub mod license;
pub mod meta;
pub mod pid;
pub mod split;
