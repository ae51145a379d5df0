//! Tables, column roles and split schemes: reads every table, list and JSON split file of
//! the inventory, infers what each column holds, finds the split schemes and joins each
//! scheme's members to the metadata table that knows most of them.

pub mod columns;
pub mod delimited;
pub mod join;
pub mod json_split;
pub mod list;
pub mod metadata;
pub mod roles;
pub mod schemes;
pub mod source;
pub mod split_names;
pub mod table;

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;
use steward_model::facts::tables::{Role, SchemeFacts, TablesFacts};
use steward_model::facts::SchemeOrigin;
use steward_model::facts::{FileEntry, FileKind, Inventory};
use steward_model::sample_key::sample_key;
use steward_model::FileWarning;

use crate::metadata::Metadata;
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

/// A column named on the command line that no table has: the audit would silently go on
/// without it, so it stops instead.
#[derive(Debug, thiserror::Error)]
#[error("{flag} '{column}' names no column of any table; columns that could be meant: {known}")]
pub struct UnknownColumn {
    /// The flag (`--key`, `--group-by`, `--split-by`).
    pub flag: &'static str,
    /// The column it named.
    pub column: String,
    /// Columns of the same kind that do exist, comma-separated.
    pub known: String,
}

/// Reads the tables of `inventory` and finds its split schemes.
pub fn read(inventory: &Inventory, options: &TableOptions) -> Result<TablesFacts, UnknownColumn> {
    let (mut loaded, json, mut warnings) = load_all(inventory, options);
    check_overrides(&loaded, options)?;
    let built = schemes::discover(&loaded, &json, inventory, &mut warnings);
    restore_unused_split_by(&mut loaded, &built, options);
    let candidates = metadata::candidates(&loaded);
    let schemes: Vec<SchemeFacts> = built
        .into_iter()
        .map(|b| {
            let keys: Vec<&str> =
                b.scheme.splits.iter().flat_map(|s| &s.members).map(String::as_str).collect();
            let meta = metadata::best_for(&candidates, &keys, &b.scheme.name);
            join::resolve(b, &loaded, meta, options)
        })
        .collect();
    let metadata_tables = metadata_tables(&schemes, &candidates, inventory);
    let used = candidates.iter().filter(|m| metadata_tables.iter().any(|t| t == m.path()));
    warnings.extend(used.filter_map(metadata::repeated_keys_warning));
    let samples = samples(&candidates, &metadata_tables, &schemes, inventory);
    Ok(TablesFacts {
        metadata_tables,
        tables: loaded.into_iter().map(|l| l.facts).collect(),
        schemes,
        samples,
        warnings,
    })
}

/// A `--split-by` column that could not be used as a split keeps its inferred role, so
/// that a rejected flag does not hide what the column is (a site, say).
fn restore_unused_split_by(
    loaded: &mut [Loaded],
    built: &[schemes::Built],
    options: &TableOptions,
) {
    let Some(column) = &options.split_by else { return };
    let used = built.iter().any(|b| match &b.scheme.origin {
        SchemeOrigin::Column { column: c, .. } => c.eq_ignore_ascii_case(column),
        _ => false,
    });
    if used {
        return;
    }
    let inferred = TableOptions { split_by: None, ..options.clone() };
    for l in loaded.iter_mut().filter(|l| l.table.column_index(column).is_some()) {
        l.facts = columns::describe(&l.table, l.split_name.is_some(), &inferred);
    }
}

fn check_overrides(loaded: &[Loaded], options: &TableOptions) -> Result<(), UnknownColumn> {
    let flags = [
        ("--key", &options.key),
        ("--group-by", &options.group_by),
        ("--split-by", &options.split_by),
    ];
    for (flag, column) in flags {
        let Some(column) = column else { continue };
        let exists = loaded.iter().any(|l| l.table.column_index(column).is_some());
        if !exists {
            return Err(UnknownColumn {
                flag,
                column: column.clone(),
                known: known_columns(loaded, flag),
            });
        }
    }
    Ok(())
}

/// The columns a flag could have meant: those of the role it names, else all.
fn known_columns(loaded: &[Loaded], flag: &str) -> String {
    let wanted = |role: Role| match flag {
        "--key" => role == Role::SampleKey,
        "--group-by" => matches!(role, Role::GroupKey(_)),
        _ => role == Role::Split,
    };
    let columns = loaded.iter().flat_map(|l| &l.facts.columns);
    let mut names: Vec<&str> =
        columns.clone().filter(|c| wanted(c.role)).map(|c| c.name.as_str()).collect();
    if names.is_empty() {
        names = columns.map(|c| c.name.as_str()).collect();
    }
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        "none (no table was read)".into()
    } else {
        names.join(", ")
    }
}

/// The tables joined by some scheme; without schemes, the table that knows the most media
/// files, or the largest table when there are no media files.
fn metadata_tables(
    schemes: &[SchemeFacts],
    candidates: &[Metadata],
    inventory: &Inventory,
) -> Vec<String> {
    let mut joined: Vec<String> = schemes.iter().filter_map(|s| s.joined_to.clone()).collect();
    joined.sort_unstable();
    joined.dedup();
    if !joined.is_empty() || !schemes.is_empty() {
        return joined;
    }
    let media: Vec<&str> =
        inventory.files.iter().filter(|f| f.kind.is_media()).map(|f| sample_key(&f.rel)).collect();
    let table = if media.is_empty() {
        metadata::largest(candidates)
    } else {
        metadata::best_for(candidates, &media, "the media files")
    };
    table.map(|m| m.path().to_string()).into_iter().collect()
}

/// Distinct sample keys of the metadata tables; without any, the distinct split members;
/// without splits, the media files.
fn samples(
    candidates: &[Metadata],
    metadata_tables: &[String],
    schemes: &[SchemeFacts],
    inventory: &Inventory,
) -> u64 {
    if !metadata_tables.is_empty() {
        let used = candidates.iter().filter(|m| metadata_tables.iter().any(|t| t == m.path()));
        return used.map(|m| m.rows.len()).sum::<usize>() as u64;
    }
    if !schemes.is_empty() {
        return distinct_members(schemes);
    }
    inventory.files.iter().filter(|f| f.kind.is_media()).count() as u64
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
    let limit =
        if entry.kind == FileKind::Json { source::MAX_JSON_BYTES } else { source::MAX_TABLE_BYTES };
    let mut source = match source::open(entry, limit) {
        Ok(source) => source,
        Err(err) => {
            let message = format!("could not be read ({err}); check its permissions");
            return (None, None, vec![FileWarning::new(&entry.rel, message)]);
        }
    };
    let (table, json) = match entry.kind {
        FileKind::Json => (None, load_json(entry, &mut source, &mut warnings)),
        FileKind::List => (Some(list::parse(&entry.rel, &mut source, &mut warnings)), None),
        _ => (Some(delimited::parse(&entry.rel, &mut source, &mut warnings)), None),
    };
    if source.truncated() && entry.kind != FileKind::Json {
        let message =
            format!("holds more than {} MiB of text; only its first part was read", limit >> 20);
        warnings.push(FileWarning::new(&entry.rel, message));
    }
    (table.map(|t| loaded(entry, t, options)), json, warnings)
}

fn load_json(
    entry: &FileEntry,
    source: &mut source::Capped,
    warnings: &mut Vec<FileWarning>,
) -> Option<JsonSplits> {
    let (text, lossy) = match source::read_to_text(source) {
        Ok(read) => read,
        Err(err) => {
            let message = format!("could not be read ({err}); check its compression");
            warnings.push(FileWarning::new(&entry.rel, message));
            return None;
        }
    };
    if source.truncated() {
        let message = format!(
            "holds more than {} MiB of JSON and was not read; a JSON split file is read whole",
            source::MAX_JSON_BYTES >> 20
        );
        warnings.push(FileWarning::new(&entry.rel, message));
        return None;
    }
    if lossy {
        warnings.push(FileWarning::new(&entry.rel, source::NOT_UTF8));
    }
    let splits = json_split::parse(&entry.rel, &text, warnings)?;
    Some((entry.rel.clone(), splits))
}

fn loaded(entry: &FileEntry, table: table::Table, options: &TableOptions) -> Loaded {
    let file = entry.rel.rsplit('/').next().unwrap_or(&entry.rel);
    let split_name = split_names::split_name(file);
    let folder = entry.rel.rsplit_once('/').map_or(String::new(), |(d, _)| d.to_string());
    let dir = entry.path.parent().map(Path::to_path_buf).unwrap_or_default();
    let facts = columns::describe(&table, split_name.is_some(), options);
    Loaded { table, facts, split_name, folder, dir }
}

fn distinct_members(schemes: &[SchemeFacts]) -> u64 {
    let all = schemes.iter().flat_map(|s| &s.scheme.splits).flat_map(|s| &s.members);
    all.map(String::as_str).collect::<HashSet<_>>().len() as u64
}
