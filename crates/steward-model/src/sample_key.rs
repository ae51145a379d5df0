//! Normalised sample keys: how a split member (`data/x/ISIC_0027172.jpg`) is matched to a
//! metadata row (`ISIC_0027172`) and to a file in the folder.

/// Extensions dropped from a key. Only media extensions: a DICOM UID such as
/// `1.2.840.10008` must keep its dots.
const MEDIA_EXTENSIONS: &[&str] = &[
    ".nii.gz", ".jpeg", ".jpg", ".png", ".tiff", ".tif", ".bmp", ".dcm", ".dicom", ".nii", ".gif",
    ".webp", ".npy", ".mha", ".nrrd",
];

/// The key of a sample named by `name`: directories dropped (both `/` and `\`), then one
/// known media extension (case-insensitive), then surrounding white space.
pub fn sample_key(name: &str) -> &str {
    let name = name.trim();
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let lower = base.to_ascii_lowercase();
    for ext in MEDIA_EXTENSIONS {
        if lower.ends_with(ext) && lower.len() > ext.len() {
            return &base[..base.len() - ext.len()];
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::sample_key;

    #[test]
    fn directory_and_extension_are_dropped() {
        assert_eq!(sample_key("data/archive(2)/part_1/ISIC_0027172.jpg"), "ISIC_0027172");
        assert_eq!(sample_key("images/00000001_000.png"), "00000001_000");
        assert_eq!(sample_key("00000001_000.png"), "00000001_000");
        assert_eq!(sample_key("ISIC_0027172"), "ISIC_0027172");
        assert_eq!(sample_key("C:\\x\\scan.NII.GZ"), "scan");
    }

    #[test]
    fn uid_dots_are_kept() {
        assert_eq!(sample_key("1.2.840.10008.5"), "1.2.840.10008.5");
    }

    #[test]
    fn a_bare_extension_is_not_emptied() {
        assert_eq!(sample_key(".png"), ".png");
    }
}
