//! Opens a table or list file and returns its text: decompressed, size-capped, and decoded
//! lossily when it is not UTF-8.

use std::fs::File;
use std::io::{self, Read};

use bzip2::read::BzDecoder;
use flate2::read::MultiGzDecoder;
use steward_model::facts::{Compression, FileEntry};

/// The most text read from one table, after decompression. Larger tables are cut here,
/// with a warning.
// Limitation: a table is held in memory whole; tables over this cap are audited on their
// first part only. Streaming the role and split passes row by row would lift it.
pub const MAX_TABLE_BYTES: u64 = 1 << 30;

/// A table's text and what had to be done to get it.
pub struct Text {
    /// The decoded text.
    pub text: String,
    /// The text was cut at [`MAX_TABLE_BYTES`].
    pub truncated: bool,
    /// Some bytes were not UTF-8 and were replaced.
    pub lossy: bool,
}

/// Reads `entry` whole, through its compression.
pub fn read_text(entry: &FileEntry) -> io::Result<Text> {
    let file = File::open(&entry.path)?;
    let reader: Box<dyn Read> = match entry.compression {
        Some(Compression::Gzip) => Box::new(MultiGzDecoder::new(file)),
        Some(Compression::Bzip2) => Box::new(BzDecoder::new(file)),
        None => Box::new(file),
    };
    let mut bytes = Vec::with_capacity(entry.size.min(MAX_TABLE_BYTES) as usize);
    reader.take(MAX_TABLE_BYTES + 1).read_to_end(&mut bytes)?;
    let truncated = bytes.len() as u64 > MAX_TABLE_BYTES;
    if truncated {
        cut_at_last_line(&mut bytes, MAX_TABLE_BYTES as usize);
    }
    Ok(decode(bytes, truncated))
}

fn cut_at_last_line(bytes: &mut Vec<u8>, cap: usize) {
    bytes.truncate(cap);
    let end = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    bytes.truncate(end);
}

fn decode(bytes: Vec<u8>, truncated: bool) -> Text {
    let bytes = strip_bom(bytes);
    match String::from_utf8(bytes) {
        Ok(text) => Text { text, truncated, lossy: false },
        Err(err) => {
            let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
            Text { text, truncated, lossy: true }
        }
    }
}

fn strip_bom(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_replaced_and_flagged() {
        let text = decode(b"a,b\n\xff,1\n".to_vec(), false);
        assert!(text.lossy);
        assert_eq!(text.text, "a,b\n\u{fffd},1\n");
    }

    #[test]
    fn a_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFid\n".to_vec(), false).text, "id\n");
    }

    #[test]
    fn a_cut_ends_at_a_line_break() {
        let mut bytes = b"ab\ncd\nef".to_vec();
        cut_at_last_line(&mut bytes, 7);
        assert_eq!(bytes, b"ab\ncd\n");
    }
}
