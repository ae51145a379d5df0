//! Exact duplicates: files with identical bytes, found in three narrowing passes.
//!
//! 1. Group by size; a file of a unique size cannot have a twin and is never opened.
//! 2. Hash the head and tail of each stored copy in a shared size (small files whole).
//! 3. Hash in full only the copies whose samples still collide.
//!
//! Groups rest on a full BLAKE3 hash (256 bits) of equal-sized content, so two files with
//! different bytes are never grouped in practice. Files of size 0 are counted, not grouped:
//! they are all alike and waste nothing. Each pass runs in parallel with rayon.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;
use steward_model::facts::duplicates::{DuplicateGroup, ExactDuplicates};
use steward_model::facts::{FileEntry, Inventory};
use steward_model::{FileWarning, Progress};
use tracing::debug;

use crate::hash;
use crate::stored::stored_id;

/// One stored file and every name it has in the inventory.
struct Copy<'a> {
    size: u64,
    path: &'a Path,
    names: Vec<&'a str>,
}

/// Copies found to hold the same bytes, or still suspected to.
struct Bucket<'a> {
    digest: Option<blake3::Hash>,
    copies: Vec<Copy<'a>>,
}

impl Bucket<'_> {
    fn names(&self) -> usize {
        self.copies.iter().map(|c| c.names.len()).sum()
    }
}

/// Counters and warnings shared by the worker threads.
#[derive(Default)]
struct Tally {
    files_hashed: AtomicU64,
    files_sampled: AtomicU64,
    bytes_hashed: AtomicU64,
    warnings: Mutex<Vec<FileWarning>>,
}

impl Tally {
    fn count(&self, counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    fn warn(&self, name: &str, err: &io::Error) {
        let message = format!(
            "could not be read for duplicate detection ({err}); left out of it. Check that \
             the file is readable and not changing during the audit"
        );
        debug!(file = name, "{message}");
        let mut warnings = self.warnings.lock().unwrap_or_else(|p| p.into_inner());
        warnings.push(FileWarning::new(name, message));
    }
}

/// Groups the inventory's files by identical bytes.
///
/// Progress: stage `hash-sample` counts stored copies sampled; stage `hash-full` counts
/// bytes read in full.
pub fn exact_duplicates(inventory: &Inventory, progress: &dyn Progress) -> ExactDuplicates {
    let tally = Tally::default();
    let by_size = same_size(&inventory.files);
    let buckets = stored_copies(by_size, &tally);
    let (done, suspects) = sample_pass(buckets, &tally, progress);
    let confirmed = full_pass(suspects, &tally, progress);

    let mut groups: Vec<DuplicateGroup> = done.into_iter().chain(confirmed).map(group).collect();
    groups.sort_by(|a, b| {
        let by_waste = b.wasted_bytes().cmp(&a.wasted_bytes()).then(b.size.cmp(&a.size));
        by_waste.then_with(|| a.files.cmp(&b.files))
    });
    let mut warnings = tally.warnings.into_inner().unwrap_or_else(|p| p.into_inner());
    warnings.sort_by(|a, b| a.path.cmp(&b.path));
    ExactDuplicates {
        groups,
        files_hashed: tally.files_hashed.into_inner(),
        files_sampled: tally.files_sampled.into_inner(),
        bytes_hashed: tally.bytes_hashed.into_inner(),
        empty_files: inventory.files.iter().filter(|f| f.size == 0).count() as u64,
        warnings,
    }
}

/// Non-empty files by size, only sizes shared by two or more names.
fn same_size(files: &[FileEntry]) -> Vec<Vec<&FileEntry>> {
    let mut by_size: BTreeMap<u64, Vec<&FileEntry>> = BTreeMap::new();
    for file in files.iter().filter(|f| f.size > 0) {
        by_size.entry(file.size).or_default().push(file);
    }
    let unique = by_size.values().filter(|names| names.len() == 1).count();
    debug!(unique, "files of a unique size cannot have a twin: not read");
    by_size.into_values().filter(|names| names.len() > 1).collect()
}

/// Each size's names gathered into stored copies (links to one file become one copy).
fn stored_copies<'a>(by_size: Vec<Vec<&'a FileEntry>>, tally: &Tally) -> Vec<Bucket<'a>> {
    let buckets = by_size.into_par_iter().map(|names| copies_of(names, tally));
    let buckets: Vec<Bucket> = buckets.map(|copies| Bucket { digest: None, copies }).collect();
    buckets.into_iter().filter(|b| b.names() > 1).collect()
}

fn copies_of<'a>(names: Vec<&'a FileEntry>, tally: &Tally) -> Vec<Copy<'a>> {
    let mut copies: Vec<Copy> = Vec::new();
    let mut by_id = HashMap::new();
    for file in names {
        let id = match stored_id(&file.path) {
            Ok(id) => id,
            Err(err) => {
                tally.warn(&file.rel, &err);
                continue;
            }
        };
        if let Some(&at) = id.and_then(|id| by_id.get(&id)) {
            let copy: &mut Copy = &mut copies[at];
            copy.names.push(&file.rel);
            continue;
        }
        if let Some(id) = id {
            by_id.insert(id, copies.len());
        }
        copies.push(Copy { size: file.size, path: &file.path, names: vec![&file.rel] });
    }
    copies
}

/// Samples every copy of a size shared by two or more copies. Returns the buckets already
/// settled (whole-file samples, or one copy under several names) and those still to be
/// hashed in full.
fn sample_pass<'a>(
    buckets: Vec<Bucket<'a>>,
    tally: &Tally,
    progress: &dyn Progress,
) -> (Vec<Bucket<'a>>, Vec<Bucket<'a>>) {
    let (single, shared): (Vec<_>, Vec<_>) = buckets.into_iter().partition(|b| b.copies.len() == 1);
    let to_sample = shared.iter().map(|b| b.copies.len() as u64).sum();

    progress.start("hash-sample", Some(to_sample));
    let sampled: Vec<(Bucket, bool)> =
        shared.into_par_iter().flat_map_iter(|b| split_by_sample(b, tally, progress)).collect();
    progress.finish();

    let (done, mut suspects): (Vec<_>, Vec<_>) = sampled.into_iter().partition(|(_, c)| *c);
    let mut done: Vec<Bucket> = done.into_iter().map(|(bucket, _)| bucket).collect();
    // One stored file under several names needs no comparison, only its hash for the report.
    suspects.extend(single.into_iter().map(|bucket| (bucket, false)));
    let suspects = suspects.into_iter().map(|(bucket, _)| bucket).collect();
    done.retain(|b| b.names() > 1);
    (done, suspects)
}

/// The copies of one size split by sample; `true` marks buckets whose sample was the whole
/// content, so their digest is final.
fn split_by_sample<'a>(
    bucket: Bucket<'a>,
    tally: &Tally,
    progress: &dyn Progress,
) -> Vec<(Bucket<'a>, bool)> {
    let mut by_digest: HashMap<(blake3::Hash, bool), Vec<Copy>> = HashMap::new();
    for copy in bucket.copies {
        let sample = hash::sample(copy.path, copy.size);
        progress.advance(1);
        match sample {
            Ok(sample) => {
                tally.count(&tally.files_sampled, 1);
                tally.count(&tally.bytes_hashed, sample.bytes_read);
                if sample.complete {
                    tally.count(&tally.files_hashed, 1);
                }
                by_digest.entry((sample.digest, sample.complete)).or_default().push(copy);
            }
            Err(err) => tally.warn(copy.names[0], &err),
        }
    }
    let buckets = by_digest.into_iter().map(|((digest, complete), copies)| {
        (Bucket { digest: complete.then_some(digest), copies }, complete)
    });
    buckets.filter(|(b, _)| b.names() > 1).collect()
}

/// Hashes every suspect copy in full and regroups them by hash.
fn full_pass<'a>(
    suspects: Vec<Bucket<'a>>,
    tally: &Tally,
    progress: &dyn Progress,
) -> Vec<Bucket<'a>> {
    let copies: Vec<Copy> = suspects.into_iter().flat_map(|b| b.copies).collect();
    let total = copies.iter().map(|c| c.size).sum();

    progress.start("hash-full", Some(total));
    let hashed: Vec<(blake3::Hash, Copy)> =
        copies.into_par_iter().filter_map(|copy| full_hash(copy, tally, progress)).collect();
    progress.finish();

    let mut by_digest: HashMap<(u64, blake3::Hash), Vec<Copy>> = HashMap::new();
    for (digest, copy) in hashed {
        by_digest.entry((copy.size, digest)).or_default().push(copy);
    }
    let buckets = by_digest.into_iter().map(|((_, d), copies)| Bucket { digest: Some(d), copies });
    buckets.filter(|b| b.names() > 1).collect()
}

fn full_hash<'a>(
    copy: Copy<'a>,
    tally: &Tally,
    progress: &dyn Progress,
) -> Option<(blake3::Hash, Copy<'a>)> {
    match hash::full(copy.path, copy.size, progress) {
        Ok(digest) => {
            tally.count(&tally.files_hashed, 1);
            tally.count(&tally.bytes_hashed, copy.size);
            Some((digest, copy))
        }
        Err(err) => {
            tally.warn(copy.names[0], &err);
            None
        }
    }
}

/// The report's form of a settled bucket.
fn group(bucket: Bucket) -> DuplicateGroup {
    let hash = bucket.digest.map(|d| d.to_hex().to_string()).unwrap_or_default();
    let size = bucket.copies.first().map_or(0, |c| c.size);
    let mut files: Vec<String> =
        bucket.copies.iter().flat_map(|c| c.names.iter().map(|n| n.to_string())).collect();
    files.sort();
    DuplicateGroup { hash, size, files, copies: bucket.copies.len() as u64 }
}
