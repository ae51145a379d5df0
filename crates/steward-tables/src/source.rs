//! Opens a table, list or JSON split file for reading: through its compression, with a cap
//! on how much text is read, so a small compressed file cannot expand without bound.

use std::fs::File;
use std::io::{self, Read};

use bzip2::read::MultiBzDecoder;
use flate2::read::MultiGzDecoder;
use steward_model::facts::{Compression, FileEntry};

/// The most text read from one table or list, after decompression. A longer table is
/// audited on its first part, with a warning.
// Limitation: held in memory by column, a table costs about its text size again; this cap
// bounds that. Computing the roles and counts in one streaming pass would lift it.
pub const MAX_TABLE_BYTES: u64 = 512 << 20;

/// The most text of one JSON split file: JSON is parsed whole into a tree several times its
/// size, so a larger file is not read at all.
pub const MAX_JSON_BYTES: u64 = 16 << 20;

/// The warning for text that is not UTF-8.
pub const NOT_UTF8: &str =
    "holds bytes that are not UTF-8; they were replaced (re-save it as UTF-8)";

/// A file's decompressed bytes, cut at a limit, telling whether the limit was hit.
pub struct Capped {
    inner: Box<dyn Read + Send>,
    left: u64,
    truncated: bool,
}

impl Capped {
    /// True when the file holds more than the limit.
    pub fn truncated(&self) -> bool {
        self.truncated
    }
}

impl Read for Capped {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.left == 0 {
            let mut probe = [0u8; 1];
            self.truncated = self.truncated || self.inner.read(&mut probe)? > 0;
            return Ok(0);
        }
        let want = buf.len().min(self.left.min(usize::MAX as u64) as usize);
        let n = self.inner.read(&mut buf[..want])?;
        self.left -= n as u64;
        Ok(n)
    }
}

/// Opens `entry` through its compression, capped at `limit` bytes of text.
pub fn open(entry: &FileEntry, limit: u64) -> io::Result<Capped> {
    let file = File::open(&entry.path)?;
    let inner: Box<dyn Read + Send> = match entry.compression {
        Some(Compression::Gzip) => Box::new(MultiGzDecoder::new(file)),
        Some(Compression::Bzip2) => Box::new(MultiBzDecoder::new(file)),
        None => Box::new(file),
    };
    Ok(Capped { inner, left: limit, truncated: false })
}

/// Reads `source` whole as text: a UTF-8 byte order mark dropped, bytes that are not
/// UTF-8 replaced (the flag says so).
pub fn read_to_text(source: &mut impl Read) -> io::Result<(String, bool)> {
    let mut bytes = Vec::new();
    source.read_to_end(&mut bytes)?;
    Ok(decode(bytes))
}

/// `bytes` as text, and whether some were not UTF-8.
pub fn decode(mut bytes: Vec<u8>) -> (String, bool) {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(err) => (String::from_utf8_lossy(err.as_bytes()).into_owned(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capped(bytes: &'static [u8], limit: u64) -> Capped {
        Capped { inner: Box::new(bytes), left: limit, truncated: false }
    }

    #[test]
    fn invalid_utf8_is_replaced_and_flagged() {
        assert_eq!(decode(b"a,b\n\xff,1\n".to_vec()), ("a,b\n\u{fffd},1\n".to_string(), true));
    }

    #[test]
    fn a_bom_is_dropped() {
        assert_eq!(decode(b"\xEF\xBB\xBFid\n".to_vec()), ("id\n".to_string(), false));
    }

    #[test]
    fn the_cap_cuts_and_tells() {
        let mut source = capped(b"0123456789", 4);
        let (text, _) = read_to_text(&mut source).unwrap();
        assert_eq!((text.as_str(), source.truncated()), ("0123", true));
        let mut exact = capped(b"0123", 4);
        read_to_text(&mut exact).unwrap();
        assert!(!exact.truncated());
    }
}
