//! The progress bar: drawn on stderr only when it is a terminal and `--quiet` is off.

use std::io::IsTerminal;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};
use steward_model::{NoProgress, Progress};

/// A bar per stage.
pub struct Bar {
    bar: Mutex<Option<ProgressBar>>,
}

impl Progress for Bar {
    fn start(&self, stage: &str, total: Option<u64>) {
        let bar = match total {
            Some(0) => return,
            // The full-hash stage counts bytes; the others count files.
            Some(n) if stage == "hash-full" => ProgressBar::new(n)
                .with_style(style("{prefix:>11} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}")),
            Some(n) => {
                ProgressBar::new(n).with_style(style("{prefix:>11} [{bar:30}] {pos}/{len} files"))
            }
            None => {
                ProgressBar::new_spinner().with_style(style("{prefix:>11} {spinner} {pos} files"))
            }
        };
        bar.set_prefix(stage.to_string());
        *self.bar.lock().unwrap_or_else(|e| e.into_inner()) = Some(bar);
    }

    fn advance(&self, n: u64) {
        if let Some(bar) = self.bar.lock().unwrap_or_else(|e| e.into_inner()).as_ref() {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.lock().unwrap_or_else(|e| e.into_inner()).take() {
            bar.finish_and_clear();
        }
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

/// A bar when stderr is a terminal and the user did not ask for quiet, else nothing.
pub fn for_stderr(quiet: bool) -> Box<dyn Progress> {
    if quiet || !std::io::stderr().is_terminal() {
        Box::new(NoProgress)
    } else {
        Box::new(Bar { bar: Mutex::new(None) })
    }
}
