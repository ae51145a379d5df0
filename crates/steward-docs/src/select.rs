//! Chooses which files of the inventory are documentation, and what each is read as. Trusts
//! the inventory's kind for cards and licences, and looks past it where it may be wrong: a
//! README with front matter classified as text, a JSON card classified as plain JSON.

use steward_model::facts::{FileEntry, FileKind, Inventory};

use crate::file::READ_CAP;

/// The most plain-text and plain-JSON files read per audit, shallowest first.
pub(crate) const MAX_LOOSE_FILES: usize = 200;

/// What a documentation file is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Markdown that may carry Hugging Face front matter (a README).
    Readme,
    /// A licence file.
    Licence,
    /// CITATION.cff.
    CitationCff,
    /// JSON to sniff: Kaggle metadata, Croissant or Zenodo, with the inventory's guess.
    Json(FileKind),
    /// Plain prose.
    Text,
}

/// The documentation files of `inventory` with their roles, and how many loose files
/// (plain text or JSON) were left unread because of [`MAX_LOOSE_FILES`].
pub(crate) fn docs(inventory: &Inventory) -> (Vec<(&FileEntry, Role)>, usize) {
    let mut chosen: Vec<(&FileEntry, Role)> = Vec::new();
    let mut loose: Vec<(&FileEntry, Role)> = Vec::new();
    for entry in &inventory.files {
        match role(entry) {
            Some(role @ (Role::Text | Role::Json(FileKind::Json))) => loose.push((entry, role)),
            Some(role) => chosen.push((entry, role)),
            None => {}
        }
    }
    loose.sort_by_key(|(entry, _)| (depth(&entry.rel), entry.rel.clone()));
    let skipped = loose.len().saturating_sub(MAX_LOOSE_FILES);
    chosen.extend(loose.into_iter().take(MAX_LOOSE_FILES));
    chosen.sort_by(|a, b| a.0.rel.cmp(&b.0.rel));
    (chosen, skipped)
}

fn role(entry: &FileEntry) -> Option<Role> {
    if entry.compression.is_some() {
        // Limitation: compressed documentation is not opened; no card ships compressed.
        tracing::debug!(file = entry.rel, "compressed file: not read as documentation");
        return None;
    }
    let name = file_name(&entry.rel).to_ascii_lowercase();
    match entry.kind {
        FileKind::HfCard => Some(Role::Readme),
        FileKind::Text if name.starts_with("readme") => Some(Role::Readme),
        FileKind::Text => Some(Role::Text),
        FileKind::Licence => Some(Role::Licence),
        FileKind::CitationCff => Some(Role::CitationCff),
        FileKind::KaggleMetadata | FileKind::Croissant | FileKind::ZenodoJson => {
            Some(Role::Json(entry.kind))
        }
        FileKind::Json if plausible_card(entry) => Some(Role::Json(FileKind::Json)),
        _ => None,
    }
}

/// Plain JSON worth sniffing: never one so large it cannot be a card (annotation dumps).
/// Its content decides, see [`looks_like_card_start`].
fn plausible_card(entry: &FileEntry) -> bool {
    let fits = entry.size <= READ_CAP;
    if !fits {
        tracing::debug!(file = entry.rel, "JSON larger than the read cap: not sniffed as a card");
    }
    fits
}

/// Card-like names, read whatever their start holds.
pub(crate) fn card_like_name(rel: &str) -> bool {
    const HINTS: &[&str] = &["metadata", "croissant", "dataset", "zenodo", "kaggle", "card"];
    let name = file_name(rel).to_ascii_lowercase();
    HINTS.iter().any(|hint| name.contains(hint)) || name.ends_with(".jsonld")
}

/// True when the start of a JSON file holds a key only cards have.
pub(crate) fn looks_like_card_start(start: &str) -> bool {
    const KEYS: &[&str] = &[
        "\"@context\"",
        "\"conformsTo\"",
        "\"licenses\"",
        "\"licenseName\"",
        "\"upload_type\"",
        "\"related_identifiers\"",
        "\"titleNullable\"",
    ];
    KEYS.iter().any(|key| start.contains(key))
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

fn depth(rel: &str) -> usize {
    rel.matches('/').count()
}
