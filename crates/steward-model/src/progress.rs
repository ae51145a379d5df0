//! How library stages report progress on long work. Libraries call this trait; only the
//! binary draws anything.

/// Receives progress of a long stage (walking, hashing). Implementations must be cheap:
/// `advance` is called from worker threads.
pub trait Progress: Sync {
    /// A stage starts; `total` is the number of steps when known.
    fn start(&self, stage: &str, total: Option<u64>);
    /// `n` more steps are done.
    fn advance(&self, n: u64);
    /// The stage is done.
    fn finish(&self);
}

/// Progress that goes nowhere: for tests, `--quiet` and non-terminal output.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _stage: &str, _total: Option<u64>) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}
