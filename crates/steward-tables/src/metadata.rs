//! Metadata tables: the tables that describe samples (not split files, with a sample-key
//! column), indexed by sample key, and the choice of the one that describes a given set
//! of samples. A folder may hold several datasets, so each split scheme is joined to the
//! table whose sample keys match most of its members, not to one table for all.

use rustc_hash::FxHashMap;
use steward_model::facts::tables::Role;
use steward_model::sample_key::sample_key;
use steward_model::words::count;
use steward_model::FileWarning;
use tracing::debug;

use crate::columns::first_with;
use crate::schemes::Loaded;

/// A metadata table, indexed by sample key.
pub struct Metadata<'a> {
    /// The loaded table.
    pub loaded: &'a Loaded,
    /// Row of each sample key (the first row wins when a key repeats).
    pub rows: FxHashMap<&'a str, usize>,
    /// Rows whose sample key an earlier row already has.
    pub repeated: usize,
}

impl<'a> Metadata<'a> {
    /// Indexes `loaded` by its first sample-key column, if it has one.
    pub fn index(loaded: &'a Loaded) -> Option<Metadata<'a>> {
        let key = first_with(&loaded.facts, |r| r == Role::SampleKey)?;
        let mut rows = FxHashMap::with_capacity_and_hasher(loaded.table.rows(), Default::default());
        for (row, value) in loaded.table.columns[key].iter().enumerate() {
            rows.entry(sample_key(value)).or_insert(row);
        }
        let repeated = loaded.table.rows() - rows.len();
        Some(Metadata { loaded, rows, repeated })
    }

    /// The table's path.
    pub fn path(&self) -> &str {
        &self.loaded.table.path
    }

    /// How many of `keys` the table has a row for.
    fn matches<'k>(&self, keys: impl Iterator<Item = &'k str>) -> usize {
        keys.filter(|k| self.rows.contains_key(k)).count()
    }
}

/// How many keys, at most, each candidate table is scored on.
const SCORED_KEYS: usize = 2000;

/// A warning for a joined table whose sample keys repeat: a sample's group and
/// demographics come from its first row only.
pub fn repeated_keys_warning(meta: &Metadata) -> Option<FileWarning> {
    if meta.repeated == 0 {
        return None;
    }
    let message = format!(
        "{} with the sample key of an earlier row; each sample was joined to its first row \
         (check for duplicated rows, or name the sample-key column with --key)",
        count(meta.repeated as u64, "row")
    );
    Some(FileWarning::new(meta.path(), message))
}

/// Every metadata table of the dataset.
pub fn candidates(loaded: &[Loaded]) -> Vec<Metadata<'_>> {
    let tables = loaded.iter().filter(|l| l.split_name.is_none() && l.table.rows() > 0);
    tables.filter_map(Metadata::index).collect()
}

/// The table with a row for most of `keys` (the larger one on a tie), or `None` when no
/// table knows any of them.
pub fn best_for<'m, 'a>(
    candidates: &'m [Metadata<'a>],
    keys: &[&str],
    what: &str,
) -> Option<&'m Metadata<'a>> {
    // Scoring on an even sample of the keys is enough to tell tables apart.
    let step = (keys.len() / SCORED_KEYS).max(1);
    let sample = || keys.iter().step_by(step).copied();
    let scored = candidates.iter().map(|m| (m.matches(sample()), m.loaded.table.rows(), m));
    let (matched, _, best) =
        scored.filter(|(n, _, _)| *n > 0).max_by_key(|(n, rows, _)| (*n, *rows))?;
    let of = sample().count();
    debug!(table = best.path(), matched, of, "metadata table of {what}: most sampled keys matched");
    Some(best)
}

/// The largest metadata table: the dataset's own description when nothing else says
/// which table describes the samples.
pub fn largest<'m, 'a>(candidates: &'m [Metadata<'a>]) -> Option<&'m Metadata<'a>> {
    candidates.iter().max_by_key(|m| m.loaded.table.rows())
}
