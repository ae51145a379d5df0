//! A finding: one rule's verdict on the dataset, with its evidence and what to do about it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A fact worth knowing.
    Info,
    /// Likely a problem; needs a look.
    Warning,
    /// Results or terms are compromised.
    Error,
}

impl Severity {
    /// The lowercase name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One rule's verdict. `data` holds rule-specific numbers; `examples` a few concrete cases.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule id, `area.what` (for example `split.group-leak`).
    pub rule: String,
    /// How much it matters.
    pub severity: Severity,
    /// One line for people.
    pub message: String,
    /// Structured evidence: an object whose fields depend on the rule.
    pub data: Value,
    /// A few concrete cases (groups, files, fields).
    pub examples: Vec<Value>,
    /// What the user can do about it.
    pub action: String,
}

impl Finding {
    /// A finding with empty evidence; fill `data` and `examples` with the builder methods.
    pub fn new(rule: &str, severity: Severity, message: impl Into<String>) -> Self {
        Finding {
            rule: rule.to_string(),
            severity,
            message: message.into(),
            data: Value::Object(Default::default()),
            examples: Vec::new(),
            action: String::new(),
        }
    }

    /// Sets the structured evidence (should be a JSON object).
    pub fn with_data(mut self, data: Value) -> Self {
        self.data = data;
        self
    }

    /// Sets the examples.
    pub fn with_examples(mut self, examples: Vec<Value>) -> Self {
        self.examples = examples;
        self
    }

    /// Sets what the user can do.
    pub fn with_action(mut self, action: impl Into<String>) -> Self {
        self.action = action.into();
        self
    }

    /// The area of the rule: the part of the id before the first dot (`split`, `license`).
    pub fn area(&self) -> &str {
        self.rule.split('.').next().unwrap_or(&self.rule)
    }
}
