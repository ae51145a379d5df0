//! The inventory: every file of the audited folder with its size and kind.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::FileWarning;

/// What a file is, decided by content (magic bytes) first and by name second.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// JPEG image.
    Jpeg,
    /// PNG image.
    Png,
    /// TIFF image.
    Tiff,
    /// BMP image.
    Bmp,
    /// DICOM file (with or without the 128-byte preamble).
    Dicom,
    /// NIfTI-1 or NIfTI-2 volume (or `.hdr` header).
    Nifti,
    /// Delimited table (CSV, TSV), possibly compressed.
    Table,
    /// Plain list of file names, one a line, possibly with label columns.
    List,
    /// JSON that is not a known card or citation.
    Json,
    /// Hugging Face card: README.md with YAML front matter.
    HfCard,
    /// Kaggle `dataset-metadata.json`.
    KaggleMetadata,
    /// Croissant JSON-LD.
    Croissant,
    /// Licence text (LICENSE*, COPYING*).
    Licence,
    /// CITATION.cff.
    CitationCff,
    /// .zenodo.json.
    ZenodoJson,
    /// Other Markdown or plain text (README without front matter, notes).
    Text,
    /// Zip archive (listed, not opened).
    Zip,
    /// Tar archive, possibly compressed (listed, not opened).
    Tar,
    /// Anything else.
    Other,
}

impl FileKind {
    /// The kebab-case name used in JSON and summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            FileKind::Jpeg => "jpeg",
            FileKind::Png => "png",
            FileKind::Tiff => "tiff",
            FileKind::Bmp => "bmp",
            FileKind::Dicom => "dicom",
            FileKind::Nifti => "nifti",
            FileKind::Table => "table",
            FileKind::List => "list",
            FileKind::Json => "json",
            FileKind::HfCard => "hf-card",
            FileKind::KaggleMetadata => "kaggle-metadata",
            FileKind::Croissant => "croissant",
            FileKind::Licence => "licence",
            FileKind::CitationCff => "citation-cff",
            FileKind::ZenodoJson => "zenodo-json",
            FileKind::Text => "text",
            FileKind::Zip => "zip",
            FileKind::Tar => "tar",
            FileKind::Other => "other",
        }
    }

    /// True for 2-D images (JPEG, PNG, TIFF, BMP).
    pub fn is_image(self) -> bool {
        matches!(self, FileKind::Jpeg | FileKind::Png | FileKind::Tiff | FileKind::Bmp)
    }

    /// True for the kinds a sample's pixels can live in (images, DICOM, NIfTI).
    pub fn is_media(self) -> bool {
        self.is_image() || matches!(self, FileKind::Dicom | FileKind::Nifti)
    }
}

/// A stream compression wrapped around a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compression {
    /// gzip (`.gz`).
    Gzip,
    /// bzip2 (`.bz2`).
    Bzip2,
}

/// One file of the audited folder.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Where to open it.
    pub path: PathBuf,
    /// Its path relative to the audited folder, `/`-separated, sanitised for printing
    /// (non-UTF-8 bytes replaced).
    pub rel: String,
    /// Size in bytes.
    pub size: u64,
    /// What it is.
    pub kind: FileKind,
    /// The compression around it, if any (a `.csv.gz` is a `Table` with `Gzip`).
    pub compression: Option<Compression>,
}

/// Every file of the audited folder, sorted by `rel`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Inventory {
    /// The audited folder.
    pub root: PathBuf,
    /// Its files, sorted by `rel`.
    pub files: Vec<FileEntry>,
    /// Files that could not be listed or classified.
    pub warnings: Vec<FileWarning>,
}

impl Inventory {
    /// Files of one kind.
    pub fn of_kind(&self, kind: FileKind) -> impl Iterator<Item = &FileEntry> {
        self.files.iter().filter(move |f| f.kind == kind)
    }

    /// Total bytes.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|f| f.size).sum()
    }
}
