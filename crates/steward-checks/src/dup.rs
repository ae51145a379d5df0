//! `dup.*` rules: files with identical bytes, within the dataset and across splits.
