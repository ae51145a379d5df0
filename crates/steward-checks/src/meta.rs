//! `meta.*` rules: group keys, demographics, acquisition metadata and missing values.
