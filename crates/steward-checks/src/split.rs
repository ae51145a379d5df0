//! `split.*` rules: no split, groups leaking across splits, samples in many splits.
