//! Walks a dataset folder and tells each file's kind by content and name.
