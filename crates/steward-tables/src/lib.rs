//! Tables, column roles and split schemes: reads every table, list and JSON split file of
//! the inventory, infers what each column holds, finds the split schemes and joins their
//! members to the metadata table.

pub mod columns;
pub mod delimited;
pub mod join;
pub mod json_split;
pub mod list;
pub mod roles;
pub mod schemes;
pub mod source;
pub mod split_names;
pub mod table;

use std::collections::HashSet;

use rayon::prelude::*;
use steward_model::facts::tables::TablesFacts;
use steward_model::facts::{FileEntry, FileKind, Inventory};
use steward_model::FileWarning;
use tracing::debug;

use crate::join::Metadata;
use crate::schemes::{JsonSplits, Loaded};

/// What the user told us about the tables, overriding inference.
#[derive(Clone, Debug, Default)]
pub struct TableOptions {
    /// The sample-key column (`--key`).
    pub key: Option<String>,
    /// The group-key column (`--group-by`).
    pub group_by: Option<String>,
    /// The split column (`--split-by`).
    pub split_by: Option<String>,
}

/// Reads the tables of `inventory` and finds its split schemes.
pub fn read(inventory: &Inventory, options: &TableOptions) -> TablesFacts {
    let (loaded, json, warnings) = load_all(inventory, options);
    let meta_index = metadata_table(&loaded);
    let meta = meta_index.and_then(|i| Metadata::index(&loaded[i]));
    let built = schemes::discover(&loaded, &json, inventory);
    let schemes: Vec<_> =
        built.into_iter().map(|b| join::resolve(b, &loaded, meta.as_ref(), options)).collect();
    let samples = match &meta {
        Some(m) => m.loaded.table.rows() as u64,
        None => distinct_members(&schemes),
    };
    TablesFacts {
        metadata_table: meta.as_ref().map(|m| m.loaded.table.path.clone()),
        tables: loaded.into_iter().map(|l| l.facts).collect(),
        schemes,
        samples,
        warnings,
    }
}

type LoadOutcome = (Option<Loaded>, Option<JsonSplits>, Vec<FileWarning>);

fn load_all(
    inventory: &Inventory,
    options: &TableOptions,
) -> (Vec<Loaded>, Vec<JsonSplits>, Vec<FileWarning>) {
    let wanted: Vec<&FileEntry> = inventory
        .files
        .iter()
        .filter(|f| matches!(f.kind, FileKind::Table | FileKind::List | FileKind::Json))
        .collect();
    let outcomes: Vec<LoadOutcome> = wanted.par_iter().map(|f| load(f, options)).collect();
    let (mut loaded, mut json, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    for (l, j, w) in outcomes {
        loaded.extend(l);
        json.extend(j);
        warnings.extend(w);
    }
    (loaded, json, warnings)
}

fn load(entry: &FileEntry, options: &TableOptions) -> LoadOutcome {
    let mut warnings = Vec::new();
    let text = match source::read_text(entry) {
        Ok(text) => text,
        Err(err) => {
            let message =
                format!("could not be read ({err}); check its permissions or compression");
            return (None, None, vec![FileWarning::new(&entry.rel, message)]);
        }
    };
    note_decoding(entry, &text, &mut warnings);
    match entry.kind {
        FileKind::Json => (
            None,
            json_split::parse(&entry.rel, &text.text, &mut warnings)
                .map(|s| (entry.rel.clone(), s)),
            warnings,
        ),
        kind => {
            let table = if kind == FileKind::List {
                list::parse(&entry.rel, &text.text, &mut warnings)
            } else {
                delimited::parse(&entry.rel, &text.text, &mut warnings)
            };
            (Some(loaded(entry, table, options)), None, warnings)
        }
    }
}

fn note_decoding(entry: &FileEntry, text: &source::Text, warnings: &mut Vec<FileWarning>) {
    if text.lossy {
        warnings.push(FileWarning::new(
            &entry.rel,
            "holds bytes that are not UTF-8; they were replaced (re-save it as UTF-8)",
        ));
    }
    if text.truncated {
        let message = format!(
            "is larger than {} MiB; only its first part was read",
            source::MAX_TABLE_BYTES >> 20
        );
        warnings.push(FileWarning::new(&entry.rel, message));
    }
}

fn loaded(entry: &FileEntry, table: table::Table, options: &TableOptions) -> Loaded {
    let file = entry.rel.rsplit('/').next().unwrap_or(&entry.rel);
    let split_name = split_names::split_name(file);
    let folder = entry.rel.rsplit_once('/').map_or(String::new(), |(d, _)| d.to_string());
    let facts = columns::describe(&table, split_name.is_some(), options);
    Loaded { table, facts, split_name, folder }
}

/// The metadata table: the largest table that is not one split of a scheme and has a
/// sample-key column.
fn metadata_table(loaded: &[Loaded]) -> Option<usize> {
    let candidates =
        loaded.iter().enumerate().filter(|(_, l)| l.split_name.is_none() && l.table.rows() > 0);
    let with_key = candidates.filter(|(_, l)| {
        columns::first_with(&l.facts, |r| r == steward_model::facts::tables::Role::SampleKey)
            .is_some()
    });
    let pick = with_key.max_by_key(|(_, l)| l.table.rows()).map(|(i, _)| i);
    if let Some(i) = pick {
        debug!(
            table = loaded[i].table.path,
            "metadata table: the largest non-split table with a sample key"
        );
    }
    pick
}

fn distinct_members(schemes: &[steward_model::facts::tables::SchemeFacts]) -> u64 {
    let all = schemes.iter().flat_map(|s| &s.scheme.splits).flat_map(|s| &s.members);
    all.map(String::as_str).collect::<HashSet<_>>().len() as u64
}
