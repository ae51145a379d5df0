//! Reads one documentation file as text: at most [`READ_CAP`] bytes, decoded as UTF-8
//! (lossily when it is not), with a file warning that names the problem and the way out.

use std::fs::File;
use std::io::Read;

use steward_model::facts::FileEntry;
use steward_model::FileWarning;

/// The most bytes read from one documentation file: cards and licences are far smaller.
// Limitation: a JSON card beyond the cap is cut and then fails to parse (with a warning); a
// streaming JSON reader would lift this for Croissant files with huge record sets.
pub(crate) const READ_CAP: u64 = 4 * 1024 * 1024;

/// The text of `entry`, or `None` (with a warning) when it cannot be read.
pub(crate) fn read_text(entry: &FileEntry, warnings: &mut Vec<FileWarning>) -> Option<String> {
    let bytes = read_capped(entry, warnings)?;
    Some(decode(entry, bytes, warnings))
}

/// The first `len` bytes of `entry`, lossily decoded; `None` when it cannot be opened
/// (the full read that may follow reports the problem).
pub(crate) fn peek(entry: &FileEntry, len: u64) -> Option<String> {
    let mut bytes = Vec::new();
    File::open(&entry.path).and_then(|f| f.take(len).read_to_end(&mut bytes)).ok()?;
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

fn read_capped(entry: &FileEntry, warnings: &mut Vec<FileWarning>) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let read = File::open(&entry.path).and_then(|f| f.take(READ_CAP + 1).read_to_end(&mut bytes));
    if let Err(err) = read {
        let message = format!(
            "could not read this documentation file ({err}); its licence and identifiers \
             were not checked. Check that the file is readable by you and audit again."
        );
        warnings.push(FileWarning::new(&entry.rel, message));
        return None;
    }
    if bytes.len() as u64 > READ_CAP {
        bytes.truncate(READ_CAP as usize);
        let message = format!(
            "is larger than {} MiB; only its start was read for licences and identifiers. \
             Move long content out of the card, or check the rest by hand.",
            READ_CAP / (1024 * 1024)
        );
        warnings.push(FileWarning::new(&entry.rel, message));
    }
    Some(bytes)
}

fn decode(entry: &FileEntry, bytes: Vec<u8>, warnings: &mut Vec<FileWarning>) -> String {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let message = "is not valid UTF-8; bytes that could not be decoded were replaced. \
                           Save the file as UTF-8 so every character is read.";
            warnings.push(FileWarning::new(&entry.rel, message));
            String::from_utf8_lossy(err.as_bytes()).into_owned()
        }
    };
    match text.strip_prefix('\u{feff}') {
        Some(stripped) => stripped.to_string(),
        None => text,
    }
}
