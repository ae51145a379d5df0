//! Runs the pipeline: inventory, facts, checks, report.
