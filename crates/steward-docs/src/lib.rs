//! Reads cards, licence files and citation files: licences, classes and persistent identifiers.
//!
//! [`read`] goes over the documentation files of an inventory (Hugging Face cards, Kaggle
//! metadata, Croissant, licence files, CITATION.cff, .zenodo.json, READMEs and notes) and
//! returns [`DocFacts`]: every licence statement with its SPDX id and licence class, every
//! persistent identifier (DOI, Handle, ARK) marked as metadata or prose, the cards read and
//! the citations found. A file that cannot be read or parsed becomes a file warning.

mod card_hf;
mod card_kaggle;
mod cc;
mod citation;
mod class;
mod collect;
mod croissant;
mod file;
mod licence;
mod licence_text;
mod names;
mod pid;
mod prose;
mod select;
mod spdx_map;
mod walk;
mod yaml;

use serde_json::Value;
pub use steward_model::facts::docs::DocFacts;
use steward_model::facts::docs::LicenceStatement;
use steward_model::facts::{FileEntry, FileKind, Inventory};

use collect::Collector;
use licence::At;
use select::Role;

/// The field name for a licence file's text.
const LICENCE_TEXT: &str = "LICENSE text";

/// Reads every documentation file of `inventory`. Never fails: problems with single files
/// are in `warnings`.
pub fn read(inventory: &Inventory) -> DocFacts {
    let mut c = Collector::default();
    let (docs, skipped) = select::docs(inventory);
    for (entry, role) in docs {
        read_doc(&mut c, entry, role);
    }
    if skipped > 0 {
        let message = format!(
            "{skipped} more text or JSON files were not read for licences and identifiers \
             (only the {} shallowest are). Put the card and licence near the top of the folder.",
            select::MAX_LOOSE_FILES
        );
        c.warn(".", message);
    }
    c.finish()
}

/// Reads one stated licence value (an SPDX id, a platform short name, a URL, a licence
/// name, custom terms) as a licence statement found at `source`/`field`; `None` for blank
/// text. For callers that get licence values from elsewhere (a platform's API).
pub fn licence_of_value(source: &str, field: &str, text: &str) -> Option<LicenceStatement> {
    licence::from_value(At { source, field }, text)
}

/// How much of a plain JSON file is looked at to tell whether it is a card.
const PEEK: u64 = 16 * 1024;

fn read_doc(c: &mut Collector, entry: &FileEntry, role: Role) {
    if role == Role::Json(FileKind::Json) && !worth_reading_json(entry) {
        return;
    }
    let Some(text) = file::read_text(entry, c.warnings()) else {
        return;
    };
    // Plain JSON counts as documentation only once its content shows it is a card.
    if role != Role::Json(FileKind::Json) {
        c.read(&entry.rel);
    }
    let source = entry.rel.as_str();
    match role {
        Role::Readme => card_hf::read(c, source, &text),
        Role::Licence => read_licence_file(c, source, &text),
        Role::CitationCff => read_cff(c, source, &text),
        Role::Json(kind) => read_json(c, source, &text, kind),
        Role::Text => c.prose(source, "text", &text),
    }
}

/// A plain JSON file is read in full only when its name or its start looks like a card.
fn worth_reading_json(entry: &FileEntry) -> bool {
    if select::card_like_name(&entry.rel) {
        return true;
    }
    let card = file::peek(entry, PEEK).is_some_and(|start| select::looks_like_card_start(&start));
    if !card {
        tracing::debug!(file = entry.rel, "JSON whose start has no card keys: not read");
    }
    card
}

/// A licence file: identified by its legal text's title; failing that, by a licence named
/// in it; failing that, it is kept as a vague statement (terms exist, but which?).
fn read_licence_file(c: &mut Collector, source: &str, text: &str) {
    let at = At { source, field: LICENCE_TEXT };
    c.pids(source, LICENCE_TEXT, text, false);
    if let Some((found, title)) = licence_text::identify(text) {
        return c.licence(licence::from_recognised(at, &title, found));
    }
    let named = prose::licences(at, text);
    if !named.is_empty() {
        return named.into_iter().for_each(|s| c.licence(s));
    }
    let first_line = text.lines().map(str::trim).find(|line| !line.is_empty());
    match first_line {
        Some(line) => c.licence_value(source, LICENCE_TEXT, line),
        None => c.warn(source, "licence file is empty; put the licence's text in it"),
    }
}

fn read_cff(c: &mut Collector, source: &str, text: &str) {
    const FIX: &str = "Fix it, e.g. with `cffconvert --validate`.";
    let (problem, advice) = match yaml::parse(text) {
        Ok(cff) if cff.is_object() => return citation::read_cff(c, source, &cff),
        Ok(cff) => {
            let shape = walk::shape(&cff);
            (format!("the file is {shape}, not a mapping of CFF keys"), FIX)
        }
        Err(err) => (format!("the file {err}"), err.advice().unwrap_or(FIX)),
    };
    let message = format!("{problem}; its licence and identifiers were not read. {advice}");
    c.warn(source, message);
}

/// JSON: told apart by content; the inventory's kind decides only when content does not.
fn read_json(c: &mut Collector, source: &str, text: &str, kind: FileKind) {
    let card: Value = match serde_json::from_str(text) {
        Ok(card) => card,
        Err(err) if kind != FileKind::Json => {
            let message = format!(
                "is not valid JSON ({err}); its licence and identifiers were not read. \
                 Fix the JSON syntax at that line."
            );
            return c.warn(source, message);
        }
        Err(_) => return tracing::debug!(source, "plain JSON that does not parse: not a card"),
    };
    match only_object(card) {
        Ok(card) => read_json_card(c, source, &card, kind),
        Err(other) if kind != FileKind::Json => c.warn(source, not_an_object(&other)),
        Err(_) => tracing::debug!(source, "plain JSON that is not an object: not a card"),
    }
}

/// The card object of a JSON file: the file's object, or the one object of a list of one.
/// JSON-LD allows a list of nodes at the top, and a list of one card says what it means.
fn only_object(card: Value) -> Result<Value, Value> {
    match card {
        Value::Object(_) => Ok(card),
        Value::Array(mut items) if items.len() == 1 && items[0].is_object() => {
            tracing::debug!("JSON list of one object: read as that object");
            Ok(items.remove(0))
        }
        other => Err(other),
    }
}

fn not_an_object(card: &Value) -> String {
    format!(
        "the file is {}, not a JSON object of card fields; its licence and identifiers were \
         not read. Write the card as one object, `{{\"license\": …}}`.",
        walk::shape(card)
    )
}

/// Hands a card object to the reader of its format.
fn read_json_card(c: &mut Collector, source: &str, card: &Value, kind: FileKind) {
    let named = |k: FileKind| kind == k;
    let read: fn(&mut Collector, &str, &Value) =
        if croissant::looks_like(card) || named(FileKind::Croissant) {
            croissant::read
        } else if citation::looks_like_zenodo(card) || named(FileKind::ZenodoJson) {
            citation::read_zenodo
        } else if card_kaggle::looks_like(card) || named(FileKind::KaggleMetadata) {
            card_kaggle::read
        } else {
            return tracing::debug!(source, "JSON has the shape of no known card: not read");
        };
    if kind == FileKind::Json {
        c.read(source);
    }
    read(c, source, card);
}
