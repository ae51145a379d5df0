//! Renders a report: terminal text and JSON.
