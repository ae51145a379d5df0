//! Hashing one file with BLAKE3: a cheap sample of its two ends, or all of it, streamed
//! through a fixed buffer so memory stays bounded whatever the file's size.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use steward_model::Progress;

/// Bytes sampled at each end of a file.
pub const SAMPLE_LEN: u64 = 8 * 1024;

/// The read buffer of a full hash: large enough for few system calls, small enough to give
/// one to every worker thread.
const BUFFER_LEN: usize = 1 << 20;

/// The sample of one file.
pub struct Sample {
    /// BLAKE3 of the head and tail; of the whole content when `complete`.
    pub digest: blake3::Hash,
    /// True when the file is so small that the sample read all of it, so `digest` is the
    /// same as a full hash and no second pass is needed.
    pub complete: bool,
    /// Bytes read.
    pub bytes_read: u64,
}

/// Hashes the first and last [`SAMPLE_LEN`] bytes of a file of `size` bytes (the whole file
/// when it is at most twice that). Only files of equal size are ever compared by sample.
pub fn sample(path: &Path, size: u64) -> io::Result<Sample> {
    let mut file = File::open(path)?;
    if size <= 2 * SAMPLE_LEN {
        let all = read_exactly(&mut file, size)?;
        ensure_at_end(&mut file, size)?;
        return Ok(Sample { digest: blake3::hash(&all), complete: true, bytes_read: size });
    }
    let head = read_exactly(&mut file, SAMPLE_LEN)?;
    file.seek(SeekFrom::Start(size - SAMPLE_LEN))?;
    let tail = read_exactly(&mut file, SAMPLE_LEN)?;
    ensure_at_end(&mut file, size)?;
    let mut hasher = blake3::Hasher::new();
    hasher.update(&head).update(&tail);
    Ok(Sample { digest: hasher.finalize(), complete: false, bytes_read: 2 * SAMPLE_LEN })
}

/// Hashes the whole file, reporting each chunk read to `progress` (in bytes). Fails when
/// the file does not hold exactly `size` bytes: it changed since the walk.
pub fn full(path: &Path, size: u64, progress: &dyn Progress) -> io::Result<blake3::Hash> {
    let mut file = File::open(path)?;
    let mut hasher = blake3::Hasher::new();
    let mut buffer = vec![0u8; BUFFER_LEN];
    let mut read = 0u64;
    loop {
        let n = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        hasher.update(&buffer[..n]);
        read += n as u64;
        progress.advance(n as u64);
    }
    if read != size {
        return Err(changed(size, read));
    }
    Ok(hasher.finalize())
}

fn read_exactly(file: &mut File, len: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(len).read_to_end(&mut bytes)?;
    match bytes.len() as u64 {
        n if n == len => Ok(bytes),
        n => Err(changed(len, n)),
    }
}

/// Fails when the file goes on past `size`: it grew since the walk.
fn ensure_at_end(file: &mut File, size: u64) -> io::Result<()> {
    let mut probe = [0u8; 1];
    match file.read(&mut probe)? {
        0 => Ok(()),
        _ => Err(changed(size, size + 1)),
    }
}

fn changed(expected: u64, found: u64) -> io::Error {
    let relation = if found < expected { "fewer" } else { "more" };
    io::Error::new(
        io::ErrorKind::UnexpectedEof,
        format!("the file changed during the audit: {relation} bytes than the {expected} listed"),
    )
}

#[cfg(test)]
mod tests {
    use steward_model::NoProgress;

    use super::*;

    #[test]
    fn a_small_file_is_sampled_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        std::fs::write(&path, b"hello").unwrap();
        let sample = sample(&path, 5).unwrap();
        assert!(sample.complete);
        assert_eq!(sample.digest, blake3::hash(b"hello"));
        assert_eq!(sample.digest, full(&path, 5, &NoProgress).unwrap());
    }

    #[test]
    fn a_large_file_is_sampled_at_both_ends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b");
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let sample = sample(&path, bytes.len() as u64).unwrap();
        assert!(!sample.complete);
        assert_eq!(sample.bytes_read, 2 * SAMPLE_LEN);
        let n = SAMPLE_LEN as usize;
        let mut ends = bytes[..n].to_vec();
        ends.extend_from_slice(&bytes[bytes.len() - n..]);
        assert_eq!(sample.digest, blake3::hash(&ends));
        assert_eq!(full(&path, bytes.len() as u64, &NoProgress).unwrap(), blake3::hash(&bytes));
    }

    #[test]
    fn a_file_whose_size_changed_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c");
        std::fs::write(&path, b"grown since the walk").unwrap();
        assert!(sample(&path, 4).is_err());
        assert!(sample(&path, 400_000).is_err());
        let err = full(&path, 4, &NoProgress).unwrap_err();
        assert!(err.to_string().contains("changed during the audit"), "{err}");
    }
}
