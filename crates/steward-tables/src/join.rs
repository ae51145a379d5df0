//! Joins split members to the metadata table by normalised sample key, and reads each
//! member's group (patient, lesion, study) from the split files themselves or from the
//! metadata table, whichever holds the strongest group key.

use rustc_hash::FxHashMap;
use steward_model::facts::tables::{GroupKeyChoice, GroupLevel, Role, SchemeFacts};
use tracing::debug;

use crate::columns::is_missing;
use crate::metadata::Metadata;
use crate::schemes::{Built, Loaded};
use crate::TableOptions;

/// Where the group values of a scheme come from.
enum GroupSource {
    /// A column of each split's own table (column index per split).
    Own(Vec<usize>),
    /// A column of the metadata table.
    Metadata(usize),
}

/// The scheme with every member's group and the members that match no row of `meta`.
/// When the group key comes from the split files themselves the scheme needs no join, and
/// none is reported.
pub fn resolve(
    built: Built,
    loaded: &[Loaded],
    meta: Option<&Metadata>,
    options: &TableOptions,
) -> SchemeFacts {
    let choice = choose_group(&built, loaded, meta, options);
    let meta = match &choice {
        Some((_, GroupSource::Own(_))) => None,
        _ => meta,
    };
    let rows = meta.map(|m| member_rows(&built, m));
    let mut groups = Interner::default();
    let member_groups = match &choice {
        Some((_, source)) => {
            member_groups(&built, loaded, meta, rows.as_deref(), source, &mut groups)
        }
        None => built.scheme.splits.iter().map(|s| vec![None; s.members.len()]).collect(),
    };
    let (unmatched, unmatched_examples) = match &rows {
        Some(rows) => unmatched(&built, rows),
        None => (vec![0; built.scheme.splits.len()], Vec::new()),
    };
    SchemeFacts {
        scheme: built.scheme,
        group_key: choice.map(|(c, _)| c),
        group_values: groups.values,
        member_groups,
        unmatched,
        unmatched_examples,
        joined_to: meta.map(|m| m.path().to_string()),
    }
}

/// For each split, the metadata row of each member (`None`: no row has its key).
fn member_rows(built: &Built, meta: &Metadata) -> Vec<Vec<Option<usize>>> {
    let row = |k: &String| meta.rows.get(k.as_str()).copied();
    built.scheme.splits.iter().map(|s| s.members.iter().map(row).collect()).collect()
}

/// How many members of each split match no metadata row, and a few of them.
fn unmatched(built: &Built, rows: &[Vec<Option<usize>>]) -> (Vec<u64>, Vec<(String, String)>) {
    const EXAMPLES: usize = 5;
    let mut examples = Vec::new();
    let mut counts = Vec::with_capacity(built.scheme.splits.len());
    for (split, rows) in built.scheme.splits.iter().zip(rows) {
        let missing = split.members.iter().zip(rows).filter(|(_, r)| r.is_none());
        let mut count = 0;
        for (key, _) in missing {
            if examples.len() < EXAMPLES {
                examples.push((split.name.clone(), key.clone()));
            }
            count += 1;
        }
        counts.push(count);
    }
    (counts, examples)
}

/// The strongest group key the split files or the metadata table hold; on a tie the split
/// files' own column, which needs no join. `--group-by` names the column outright.
fn choose_group(
    built: &Built,
    loaded: &[Loaded],
    meta: Option<&Metadata>,
    options: &TableOptions,
) -> Option<(GroupKeyChoice, GroupSource)> {
    let own = own_group(built, loaded, options);
    let joined = meta.and_then(|m| meta_group(m, options));
    let pick = match (own, joined) {
        (Some(o), Some(j)) if j.0.level < o.0.level => j,
        (Some(o), _) => o,
        (None, j) => j?,
    };
    debug!(scheme = built.scheme.name, column = pick.0.column, "group key: {}", pick.0.reason);
    Some(pick)
}

fn own_group(
    built: &Built,
    loaded: &[Loaded],
    options: &TableOptions,
) -> Option<(GroupKeyChoice, GroupSource)> {
    let tables: Vec<usize> = built.sources.iter().map(|s| s.table).collect::<Option<_>>()?;
    let first = &loaded[tables[0]];
    let column = group_column(
        &first.facts.columns.iter().map(|c| (c.name.as_str(), c.role)).collect::<Vec<_>>(),
        options,
    )?;
    let (name, level) =
        (first.facts.columns[column].name.clone(), level_of(first.facts.columns[column].role));
    let indices: Vec<usize> =
        tables.iter().map(|&t| loaded[t].table.column_index(&name)).collect::<Option<_>>()?;
    let reason = reason(&name, level, "the split files themselves", options);
    let choice = GroupKeyChoice { column: name, level, table: first.table.path.clone(), reason };
    Some((choice, GroupSource::Own(indices)))
}

fn meta_group(meta: &Metadata, options: &TableOptions) -> Option<(GroupKeyChoice, GroupSource)> {
    let facts = &meta.loaded.facts;
    let column = group_column(
        &facts.columns.iter().map(|c| (c.name.as_str(), c.role)).collect::<Vec<_>>(),
        options,
    )?;
    let (name, level) = (facts.columns[column].name.clone(), level_of(facts.columns[column].role));
    let reason = reason(&name, level, "the metadata table", options);
    let choice = GroupKeyChoice { column: name, level, table: facts.path.clone(), reason };
    Some((choice, GroupSource::Metadata(column)))
}

fn reason(name: &str, level: GroupLevel, source: &str, options: &TableOptions) -> String {
    match options.group_by {
        Some(_) => format!("'{name}' of {source} is named by --group-by"),
        None => format!("'{name}' is the strongest group key ({level:?}) of {source}"),
    }
}

/// The column given by `--group-by`, else the strongest group-key column.
fn group_column(columns: &[(&str, Role)], options: &TableOptions) -> Option<usize> {
    if let Some(given) = &options.group_by {
        return columns.iter().position(|(n, _)| n.eq_ignore_ascii_case(given));
    }
    columns
        .iter()
        .enumerate()
        .filter_map(|(i, (_, role))| match role {
            Role::GroupKey(level) => Some((*level, i)),
            _ => None,
        })
        .min()
        .map(|(_, i)| i)
}

fn level_of(role: Role) -> GroupLevel {
    match role {
        Role::GroupKey(level) => level,
        _ => GroupLevel::Patient,
    }
}

/// Numbers for group values, so that the rules compare integers, not strings.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, u32>,
    values: Vec<String>,
}

impl Interner {
    fn id(&mut self, value: &str) -> Option<u32> {
        let value = present(value)?;
        if let Some(&id) = self.ids.get(value) {
            return Some(id);
        }
        let id = self.values.len() as u32;
        self.ids.insert(value.to_string(), id);
        self.values.push(value.to_string());
        Some(id)
    }
}

fn member_groups(
    built: &Built,
    loaded: &[Loaded],
    meta: Option<&Metadata>,
    meta_rows: Option<&[Vec<Option<usize>>]>,
    source: &GroupSource,
    groups: &mut Interner,
) -> Vec<Vec<Option<u32>>> {
    let splits = built.sources.iter().enumerate();
    splits
        .map(|(i, src)| match source {
            GroupSource::Own(columns) => {
                let values = &loaded[src.table.unwrap_or_default()].table.columns[columns[i]];
                src.rows.iter().map(|&r| groups.id(values.get(r))).collect()
            }
            GroupSource::Metadata(column) => {
                let (meta, rows) = meta.zip(meta_rows).expect("a metadata source has its rows");
                let values = &meta.loaded.table.columns[*column];
                rows[i].iter().map(|r| r.and_then(|r| groups.id(values.get(r)))).collect()
            }
        })
        .collect()
}

fn present(value: &str) -> Option<&str> {
    (!is_missing(value)).then(|| value.trim())
}
