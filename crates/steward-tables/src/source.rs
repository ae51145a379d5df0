//! Opens a table, list or JSON split file for reading: through its compression, with a cap
//! on how much text is read, so a small compressed file cannot expand without bound.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

use bzip2::read::MultiBzDecoder;
use flate2::bufread::GzDecoder;
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

/// gzip members one after another, as `gzip -d` reads them; a run of zero bytes after the
/// last member (padding some tools and tapes add) ends the stream instead of failing it.
struct GzMembers<R: BufRead> {
    member: Option<GzDecoder<R>>,
}

impl<R: BufRead> GzMembers<R> {
    fn new(reader: R) -> Self {
        GzMembers { member: Some(GzDecoder::new(reader)) }
    }
}

impl<R: BufRead> Read for GzMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while let Some(member) = self.member.as_mut() {
            let n = member.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            let mut rest = self.member.take().map(GzDecoder::into_inner).expect("a member");
            if next_member_starts(&mut rest)? {
                self.member = Some(GzDecoder::new(rest));
            }
        }
        Ok(0)
    }
}

/// After a member: true when another one follows, false at the end of the file or of a
/// zero padding; other trailing bytes are an error.
fn next_member_starts(rest: &mut impl BufRead) -> io::Result<bool> {
    loop {
        let bytes = rest.fill_buf()?;
        match bytes.first() {
            None => return Ok(false),
            Some(0x1f) => return Ok(true),
            Some(0) => {
                let zeros = bytes.iter().take_while(|&&b| b == 0).count();
                rest.consume(zeros);
            }
            Some(_) => {
                let message = "bytes that are neither gzip nor zero padding follow the data";
                return Err(io::Error::new(io::ErrorKind::InvalidData, message));
            }
        }
    }
}

/// Opens `entry` through its compression, capped at `limit` bytes of text.
pub fn open(entry: &FileEntry, limit: u64) -> io::Result<Capped> {
    let file = File::open(&entry.path)?;
    let inner: Box<dyn Read + Send> = match entry.compression {
        Some(Compression::Gzip) => Box::new(GzMembers::new(BufReader::new(file))),
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

    fn gzip(text: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(text).unwrap();
        encoder.finish().unwrap()
    }

    fn gunzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        GzMembers::new(bytes).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn gzip_members_and_zero_padding() {
        let mut bytes = gzip(b"a,b\n");
        bytes.extend(gzip(b"1,2\n"));
        assert_eq!(gunzip(&bytes).unwrap(), b"a,b\n1,2\n");
        bytes.extend([0u8; 4096]);
        assert_eq!(gunzip(&bytes).unwrap(), b"a,b\n1,2\n");
        bytes.push(7);
        assert_eq!(gunzip(&bytes).unwrap_err().kind(), io::ErrorKind::InvalidData);
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
