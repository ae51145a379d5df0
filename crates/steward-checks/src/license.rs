//! `license.*` rules: missing, vague, conflicting licences and software licences on data.
