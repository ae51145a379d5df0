//! Reads metadata tables and split files, infers column roles and split schemes.
