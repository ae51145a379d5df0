//! What a file is from its name, for files without a binary signature: cards, licences,
//! citation files, tables, lists and text. Text sniffers settle the cases a name leaves
//! open (a README with or without front matter, JSON that is Croissant).

use steward_model::facts::{Compression, FileKind};
use tracing::debug;

use crate::text;

/// Extensions of data formats; a licence-like name with one of them (`license_classes.json`)
/// is data about licences, not a licence.
const DATA_EXTENSIONS: &[&str] = &["json", "jsonld", "csv", "tsv", "yaml", "yml", "xml"];

/// The kind of a file named `name` (no folders) whose first bytes are `head`; `truncated`
/// says the file goes on past the head.
pub fn kind_by_name(name: &str, head: &[u8], truncated: bool) -> FileKind {
    if name.starts_with("._") {
        debug!(file = name, "AppleDouble file (macOS copy metadata, not data): taken as other");
        return FileKind::Other;
    }
    let lower = name.to_ascii_lowercase();
    if let Some(kind) = special_name(&lower, head) {
        return kind;
    }
    match extension(&lower) {
        "json" | "jsonld" if text::is_croissant(head) => FileKind::Croissant,
        "json" | "jsonld" => FileKind::Json,
        "csv" | "tsv" => FileKind::Table,
        "txt" if text::is_file_list(head, truncated) => FileKind::List,
        // A Markdown file with YAML front matter is a card in the Hugging Face form even
        // when it is not named README.md (cards copied out of a repository often are not).
        "md" | "markdown" if text::has_front_matter(head) => FileKind::HfCard,
        "txt" | "md" | "markdown" | "rst" => FileKind::Text,
        ext => unnamed_kind(name, ext),
    }
}

/// Files known by their whole name.
fn special_name(lower: &str, head: &[u8]) -> Option<FileKind> {
    let kind = match lower {
        "readme.md" if text::has_front_matter(head) => FileKind::HfCard,
        "readme.md" | "readme" | "readme.txt" => FileKind::Text,
        "citation.cff" => FileKind::CitationCff,
        ".zenodo.json" => FileKind::ZenodoJson,
        _ if lower.ends_with("dataset-metadata.json") => FileKind::KaggleMetadata,
        _ if is_licence_name(lower) => FileKind::Licence,
        _ => return None,
    };
    Some(kind)
}

/// `LICENSE`, `LICENCE.txt`, `COPYING.nibabel`, `LICENSE-MIT`: a licence word, then nothing
/// or a separator, and not a data extension.
fn is_licence_name(lower: &str) -> bool {
    let rest = ["license", "licence", "copying"].iter().find_map(|w| lower.strip_prefix(w));
    let Some(rest) = rest else {
        return false;
    };
    let separated = rest.is_empty() || rest.starts_with(['.', '-', '_']);
    separated && !DATA_EXTENSIONS.contains(&extension(lower))
}

/// Text after the last dot, or `""`.
fn extension(lower: &str) -> &str {
    match lower.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext,
        _ => "",
    }
}

fn unnamed_kind(name: &str, ext: &str) -> FileKind {
    if let Some(expected) = binary_extension_kind(ext) {
        debug!(
            file = name,
            "named as {} but lacks its signature: taken as other",
            expected.as_str()
        );
    }
    FileKind::Other
}

/// The binary format an extension promises, used to note when content disagrees.
pub fn binary_extension_kind(ext: &str) -> Option<FileKind> {
    let kind = match ext {
        "png" => FileKind::Png,
        "jpg" | "jpeg" => FileKind::Jpeg,
        "tif" | "tiff" => FileKind::Tiff,
        "bmp" => FileKind::Bmp,
        "dcm" | "dicom" => FileKind::Dicom,
        "nii" => FileKind::Nifti,
        "zip" => FileKind::Zip,
        "tar" | "tgz" => FileKind::Tar,
        _ => return None,
    };
    Some(kind)
}

/// The extension of `name`, lowercase.
pub fn lower_extension(name: &str) -> String {
    extension(&name.to_ascii_lowercase()).to_string()
}

/// The name of the file inside a compressed one: `a.csv.gz` holds `a.csv`, `a.tgz` holds
/// `a.tar`. A name without the expected suffix is kept as it is.
pub fn inner_name(name: &str, compression: Compression) -> String {
    let lower = name.to_ascii_lowercase();
    let cut = |suffix: &str| name[..name.len() - suffix.len()].to_string();
    match compression {
        Compression::Gzip if lower.ends_with(".tgz") => cut(".tgz") + ".tar",
        Compression::Gzip if lower.ends_with(".gz") => cut(".gz"),
        Compression::Bzip2 if lower.ends_with(".tbz2") => cut(".tbz2") + ".tar",
        Compression::Bzip2 if lower.ends_with(".bz2") => cut(".bz2"),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_and_citations_by_name() {
        assert_eq!(kind_by_name("README.md", b"---\nlicense: mit\n---\n", false), FileKind::HfCard);
        assert_eq!(kind_by_name("README.md", b"# Data\n", false), FileKind::Text);
        assert_eq!(kind_by_name("dataset-metadata.json", b"{}", false), FileKind::KaggleMetadata);
        assert_eq!(
            kind_by_name("CITATION.cff", b"cff-version: 1.2.0", false),
            FileKind::CitationCff
        );
        assert_eq!(kind_by_name(".zenodo.json", b"{}", false), FileKind::ZenodoJson);
    }

    #[test]
    fn licence_names() {
        for name in ["LICENSE", "LICENCE.txt", "COPYING.nibabel", "License-MIT", "LICENSE.md"] {
            assert_eq!(kind_by_name(name, b"text", false), FileKind::Licence, "{name}");
        }
        assert_eq!(kind_by_name("license_classes.json", b"{}", false), FileKind::Json);
        assert_eq!(kind_by_name("licenses.csv", b"a,b", false), FileKind::Table);
        assert_eq!(kind_by_name("licensed_images.txt", b"words here", false), FileKind::Text);
    }

    #[test]
    fn tables_lists_and_text() {
        assert_eq!(kind_by_name("data.CSV", b"a,b\n", false), FileKind::Table);
        assert_eq!(kind_by_name("labels.tsv", b"a\tb\n", false), FileKind::Table);
        assert_eq!(kind_by_name("test_list.txt", b"a.png\nb.png\n", false), FileKind::List);
        assert_eq!(kind_by_name("notes.txt", b"Some notes.\n", false), FileKind::Text);
        assert_eq!(kind_by_name("scan.png", b"not a png", false), FileKind::Other);
        assert_eq!(kind_by_name("Makefile", b"all:", false), FileKind::Other);
    }

    #[test]
    fn inner_names_of_compressed_files() {
        assert_eq!(inner_name("a.nii.gz", Compression::Gzip), "a.nii");
        assert_eq!(inner_name("b.TGZ", Compression::Gzip), "b.tar");
        assert_eq!(inner_name("c.csv.bz2", Compression::Bzip2), "c.csv");
        assert_eq!(inner_name("blob", Compression::Gzip), "blob");
    }
}
