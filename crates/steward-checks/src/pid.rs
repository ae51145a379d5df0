//! `pid.*` rules: persistent identifiers missing, or found only in prose.
