//! The collector: where every reader puts what it found (licence statements, PIDs,
//! citations, cards, warnings), kept once per file and field.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use steward_model::facts::docs::{
    CardSummary, DocFacts, Identifier, LicenceStatement, PidKind, Place,
};
use steward_model::FileWarning;

use crate::licence::{self, At};
use crate::{pid, prose, walk};

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>\n]{1,200}>").expect("valid"));

/// An identifier's place and value, the value without case: what makes it one.
type IdKey = (PidKind, String, String, String);

/// The facts gathered so far.
#[derive(Default)]
pub(crate) struct Collector {
    facts: DocFacts,
    /// The identifiers kept so far, so each is kept once per file and field.
    seen_ids: HashSet<IdKey>,
}

impl Collector {
    /// A field whose whole value is a licence (`license: cc-by-4.0`).
    pub fn licence_value(&mut self, source: &str, field: &str, text: &str) {
        if let Some(statement) = licence::from_value(At { source, field }, text) {
            self.licence(statement);
        }
    }

    /// A licence field holding neither text nor a list of texts (a number, a mapping without
    /// a name): a licence is stated, but which cannot be told, so it is a vague statement.
    pub fn licence_of_odd_value(&mut self, source: &str, field: &str, value: &Value) {
        let empty = match value {
            Value::Array(items) => items.is_empty(),
            Value::Object(map) => map.is_empty(),
            other => other.is_null(),
        };
        if empty {
            return tracing::debug!(source, field, "licence field is empty: states nothing");
        }
        let text = value.to_string();
        tracing::debug!(source, field, text, "licence field is not text: vague licence");
        self.licence(licence::vague(At { source, field }, &text));
    }

    /// A field value, only when it names a recognisable licence (a `license_link`).
    pub fn licence_if_named(&mut self, source: &str, field: &str, text: &str) {
        if let Some(found) = crate::spdx_map::recognise(text) {
            self.licence(licence::from_recognised(At { source, field }, text, found));
        } else {
            tracing::debug!(source, field, text, "not read as a licence: names none");
        }
    }

    /// A statement found by a reader.
    pub fn licence(&mut self, statement: LicenceStatement) {
        self.facts.licences.push(statement);
    }

    /// Prose written for people: licence sentences and sections, PIDs (as in-text ones),
    /// BibTeX entries (as citations).
    pub fn prose(&mut self, source: &str, field: &str, text: &str) {
        self.pids(source, field, text, false);
        let plain = TAG.replace_all(text, " ");
        for statement in prose::licences(At { source, field }, &plain) {
            self.licence(statement);
        }
        if prose::has_bibtex(text) {
            self.cite(source, field);
        }
    }

    /// Every PID in `text`.
    pub fn pids(&mut self, source: &str, field: &str, text: &str, structured: bool) {
        for (kind, value) in pid::find(text) {
            tracing::debug!(source, field, value, structured, "persistent identifier found");
            let key = (kind, value.to_ascii_lowercase(), source.to_string(), field.to_string());
            if !self.seen_ids.insert(key) {
                continue;
            }
            let id = Identifier {
                kind,
                value,
                source: source.to_string(),
                field: field.to_string(),
                structured,
            };
            self.facts.identifiers.push(id);
        }
    }

    /// Every string of a parsed card: prose fields as prose, the others as metadata PIDs.
    pub fn card_values(&mut self, source: &str, card: &Value) {
        for (path, text) in walk::strings(card) {
            if walk::is_prose_field(&path) {
                self.prose(source, &path, text);
            } else {
                self.pids(source, &path, text, true);
            }
        }
    }

    /// A citation of a source, found at `source`/`field`.
    pub fn cite(&mut self, source: &str, field: &str) {
        let place = Place { source: source.to_string(), field: field.to_string() };
        if !self.facts.citations.contains(&place) {
            tracing::debug!(source, field, "citation found");
            self.facts.citations.push(place);
        }
    }

    /// A card or citation file read.
    pub fn card(&mut self, summary: CardSummary) {
        self.facts.cards.push(summary);
    }

    /// A documentation file read (whatever it held).
    pub fn read(&mut self, source: &str) {
        self.facts.docs_read.push(source.to_string());
    }

    /// A problem with one file.
    pub fn warn(&mut self, source: &str, message: impl Into<String>) {
        self.facts.warnings.push(FileWarning::new(source, message));
    }

    /// The warnings list, for readers that report through it.
    pub fn warnings(&mut self) -> &mut Vec<FileWarning> {
        &mut self.facts.warnings
    }

    /// The facts, with `cites_source` set.
    pub fn finish(mut self) -> DocFacts {
        self.facts.cites_source = !self.facts.citations.is_empty();
        self.facts
    }
}
