//! Kind detection: a file's [`FileKind`] and [`Compression`], by content first and by name
//! second. Only the head of a file is read, so a file of any size costs one small read.
//!
//! Binary signatures win over names: a `.png` holding a JPEG is a JPEG, a `.dcm` without
//! any DICOM structure is `Other`. Names decide among text formats, which have no
//! signature. Inside gzip the head is inflated and classified the same way; bzip2 blocks
//! are too large to inflate from a head, so what a `.bz2` holds is told by its inner name.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use flate2::read::GzDecoder;
use steward_model::facts::{Compression, FileKind};
use tracing::debug;

use crate::magic::{self, Signature};
use crate::name::{binary_extension_kind, inner_name, kind_by_name, lower_extension};

/// Bytes read from the start of a file: enough for every signature (the tar magic sits at
/// 257, NIfTI-2 headers are 540 bytes) and for sniffing text formats.
pub const HEAD_LEN: usize = 8 * 1024;

/// What a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Classification {
    /// Its format.
    pub kind: FileKind,
    /// The compression around it, if any.
    pub compression: Option<Compression>,
}

impl Classification {
    fn plain(kind: FileKind) -> Self {
        Classification { kind, compression: None }
    }
}

/// Reads the head of the file at `path` and classifies it. Fails only when the file cannot
/// be opened or read.
pub fn classify(path: &Path) -> io::Result<Classification> {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let head = read_head(path)?;
    Ok(classify_head(&name, &head, head.len() == HEAD_LEN))
}

fn read_head(path: &Path) -> io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(HEAD_LEN);
    File::open(path)?.take(HEAD_LEN as u64).read_to_end(&mut head)?;
    Ok(head)
}

/// Classifies a file named `name` (no folders) from its first bytes `head`; `truncated`
/// says the file goes on past them.
pub fn classify_head(name: &str, head: &[u8], truncated: bool) -> Classification {
    match magic::sniff(head) {
        Some(Signature::Kind(kind)) => Classification::plain(by_signature(name, kind)),
        Some(Signature::Compressed(compression)) => compressed(name, head, compression),
        None => Classification::plain(without_signature(name, head, truncated)),
    }
}

/// The signature's kind, noting when the extension promised another format.
fn by_signature(name: &str, kind: FileKind) -> FileKind {
    let promised = binary_extension_kind(&lower_extension(name));
    if let Some(promised) = promised.filter(|&p| p != kind) {
        debug!(
            file = name,
            "content is {} though the name says {}: content wins",
            kind.as_str(),
            promised.as_str()
        );
    }
    kind
}

fn without_signature(name: &str, head: &[u8], truncated: bool) -> FileKind {
    let extension = lower_extension(name);
    if extension == "hdr" && magic::sizeof_hdr_is(head, 348) {
        debug!(file = name, "Analyze 7.5 header (NIfTI-1 layout without magic): taken as NIfTI");
        return FileKind::Nifti;
    }
    if let Some(stem) = (extension == "gz" || extension == "bz2").then(|| name.rsplit_once('.')) {
        let inner = stem.map_or(name, |(inner, _)| inner);
        debug!(file = name, "named {extension} but not compressed: taken by its inner name");
        return kind_by_name(inner, head, truncated);
    }
    kind_by_name(name, head, truncated)
}

/// A compressed file: the kind of what it holds, with the compression.
fn compressed(name: &str, head: &[u8], compression: Compression) -> Classification {
    let inner = inner_name(name, compression);
    let (inner_head, truncated) = match compression {
        Compression::Gzip => gunzip_head(head),
        Compression::Bzip2 => (Vec::new(), true),
    };
    let kind = match magic::sniff(&inner_head) {
        Some(Signature::Kind(kind)) => by_signature(&inner, kind),
        Some(Signature::Compressed(_)) => {
            debug!(file = name, "compressed twice: not looked into further");
            FileKind::Other
        }
        None => without_signature(&inner, &inner_head, truncated),
    };
    Classification { kind, compression: Some(compression) }
}

/// Inflates as much of a gzip stream as the head holds, up to [`HEAD_LEN`] bytes. The
/// stream is cut where the head ends, so an early end is expected, not an error.
fn gunzip_head(head: &[u8]) -> (Vec<u8>, bool) {
    let mut inner = Vec::with_capacity(HEAD_LEN);
    let complete = GzDecoder::new(head).take(HEAD_LEN as u64).read_to_end(&mut inner).is_ok();
    let truncated = !complete || inner.len() == HEAD_LEN;
    (inner, truncated)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use flate2::write::GzEncoder;

    use super::*;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn kind_of(name: &str, head: &[u8]) -> (FileKind, Option<Compression>) {
        let c = classify_head(name, head, false);
        (c.kind, c.compression)
    }

    #[test]
    fn a_gz_name_without_gzip_inside_is_read_plain() {
        let csv = b"image_id,patient_id\na.png,p1\n";
        assert_eq!(kind_of("meta.csv.gz", csv), (FileKind::Table, None));
    }

    #[test]
    fn content_wins_over_extension() {
        assert_eq!(kind_of("photo.png", b"\xff\xd8\xff\xe0"), (FileKind::Jpeg, None));
        assert_eq!(kind_of("scan.dcm", b"\x89PNG\r\n\x1a\n"), (FileKind::Png, None));
    }

    #[test]
    fn gzip_is_looked_into() {
        let csv = gzip(b"Image Index,Finding Labels\n00000001_000.png,Cardiomegaly\n");
        assert_eq!(kind_of("Data_Entry.csv.gz", &csv), (FileKind::Table, Some(Compression::Gzip)));
        let mut nifti = vec![0u8; 352];
        nifti[..4].copy_from_slice(&348u32.to_le_bytes());
        nifti[344..348].copy_from_slice(b"n+1\0");
        let nifti = gzip(&nifti);
        assert_eq!(kind_of("brain.nii.gz", &nifti), (FileKind::Nifti, Some(Compression::Gzip)));
        // Content inside wins over the inner name as well.
        assert_eq!(kind_of("odd.csv.gz", &nifti), (FileKind::Nifti, Some(Compression::Gzip)));
    }

    #[test]
    fn tarballs_are_tar_with_compression() {
        let mut tar = vec![0u8; 512];
        tar[257..262].copy_from_slice(b"ustar");
        let tgz = gzip(&tar);
        assert_eq!(kind_of("data.tgz", &tgz), (FileKind::Tar, Some(Compression::Gzip)));
        assert_eq!(kind_of("data.tar.gz", &tgz), (FileKind::Tar, Some(Compression::Gzip)));
    }

    #[test]
    fn bzip2_is_told_by_inner_name() {
        let head = b"BZh91AY&SY\x00\x01";
        assert_eq!(kind_of("t.csv.bz2", head), (FileKind::Table, Some(Compression::Bzip2)));
        assert_eq!(kind_of("t.bz2", head), (FileKind::Other, Some(Compression::Bzip2)));
    }

    #[test]
    fn analyze_header_is_nifti_only_as_hdr() {
        let mut hdr = vec![0u8; 348];
        hdr[..4].copy_from_slice(&348u32.to_be_bytes());
        assert_eq!(kind_of("old.hdr", &hdr), (FileKind::Nifti, None));
        assert_eq!(kind_of("old.bin", &hdr), (FileKind::Other, None));
    }
}
