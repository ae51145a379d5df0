//! Kinds of real files from `shared/data`, checked against `file(1)` and `find`. Each test
//! skips with a note when the folder is absent.

use std::collections::BTreeMap;

use steward_inventory::walk;
use steward_model::facts::{Compression, FileKind, Inventory};
use steward_model::NoProgress;
use steward_testdata::shared;

fn kinds(inventory: &Inventory) -> BTreeMap<&str, (FileKind, Option<Compression>)> {
    inventory.files.iter().map(|f| (f.rel.as_str(), (f.kind, f.compression))).collect()
}

#[test]
fn dicom_and_nifti_test_files() {
    let Some(root) = shared("dicom") else { return };
    let inventory = walk(&root, &NoProgress).unwrap();
    assert_eq!(inventory.files.len(), 26, "find dicom -type f | wc -l");
    assert!(inventory.warnings.is_empty(), "{:?}", inventory.warnings);
    let kinds = kinds(&inventory);

    // Every .dcm is DICOM: CT_small and the MR_small files carry a TIFF header in their
    // preamble (file(1) says TIFF), no_meta.dcm has no preamble at all (file(1): data).
    let dicoms: Vec<&str> = kinds.keys().copied().filter(|r| r.ends_with(".dcm")).collect();
    assert_eq!(dicoms.len(), 15);
    for rel in dicoms {
        assert_eq!(kinds[rel], (FileKind::Dicom, None), "{rel}");
    }
    let gz = Some(Compression::Gzip);
    assert_eq!(kinds["nibabel/philips_mprage.dcm.gz"], (FileKind::Dicom, gz));
    assert_eq!(kinds["nibabel/anatomical.nii"], (FileKind::Nifti, None));
    assert_eq!(kinds["nibabel/nifti1.hdr"], (FileKind::Nifti, None));
    for rel in ["standard.nii.gz", "example4d.nii.gz", "example_nifti2.nii.gz"] {
        assert_eq!(kinds[format!("nibabel/{rel}").as_str()], (FileKind::Nifti, gz), "{rel}");
    }
    for rel in ["pydicom/LICENSE.pydicom", "deid-data/LICENSE.deid-data", "nibabel/COPYING.nibabel"]
    {
        assert_eq!(kinds[rel], (FileKind::Licence, None), "{rel}");
    }
    assert_eq!(kinds["pydicom/README.pydicom-test_files.txt"], (FileKind::Text, None));
    assert_eq!(kinds["reference/annexE_table_E1-1.tsv"], (FileKind::Table, None));
}

#[test]
fn hannover_chest_radiographs() {
    let Some(root) = shared("images/hannover-covid19-cxr") else { return };
    let inventory = walk(&root, &NoProgress).unwrap();
    assert_eq!(inventory.files.len(), 247);
    assert_eq!(inventory.of_kind(FileKind::Png).count(), 243);
    assert!(inventory.of_kind(FileKind::Png).all(|f| f.rel.starts_with("png/")));
    assert_eq!(inventory.of_kind(FileKind::Png).map(|f| f.size).sum::<u64>(), 51_780_849);
    let kinds = kinds(&inventory);
    assert_eq!(kinds["data.csv"], (FileKind::Table, None));
    assert_eq!(kinds["LICENSE"], (FileKind::Licence, None));
    assert_eq!(kinds["PROVENANCE.md"], (FileKind::Text, None));
    assert_eq!(kinds["SHA256SUMS"], (FileKind::Other, None));
}

#[test]
fn skimage_images() {
    let Some(root) = shared("images/skimage") else { return };
    let inventory = walk(&root, &NoProgress).unwrap();
    let kinds: Vec<_> = inventory.files.iter().map(|f| (f.rel.to_string(), f.kind)).collect();
    let expected = [
        ("cell.png", FileKind::Png),
        ("ihc.png", FileKind::Png),
        ("microaneurysms.png", FileKind::Png),
        ("retina.jpg", FileKind::Jpeg),
    ];
    assert_eq!(kinds, expected.map(|(r, k)| (r.to_string(), k)));
}

#[test]
fn tables_and_split_lists() {
    let Some(root) = shared("tables") else { return };
    let inventory = walk(&root, &NoProgress).unwrap();
    assert_eq!(inventory.files.len(), 16);
    let kinds = kinds(&inventory);
    let gz = Some(Compression::Gzip);
    assert_eq!(kinds["nih-cxr14/Data_Entry_2017_v2020.csv.gz"], (FileKind::Table, gz));
    assert_eq!(kinds["nih-cxr14/BBox_List_2017.csv.gz"], (FileKind::Table, gz));
    // Bare names, and names followed by 14 labels.
    for rel in ["official-lists/train_val_list.txt", "reupload-chexnet/train_list.txt"] {
        assert_eq!(kinds[format!("nih-cxr14/{rel}").as_str()], (FileKind::List, None), "{rel}");
    }
    assert_eq!(inventory.of_kind(FileKind::List).count(), 5);
    assert_eq!(inventory.of_kind(FileKind::Table).count(), 11);
}

#[test]
fn cards_by_name_and_content() {
    let Some(root) = shared("cards") else { return };
    let inventory = walk(&root, &NoProgress).unwrap();
    let kinds = kinds(&inventory);
    let croissant: Vec<&str> =
        inventory.of_kind(FileKind::Croissant).map(|f| f.rel.as_str()).collect();
    assert_eq!(croissant.len(), 6, "{croissant:?}");
    assert!(croissant.iter().all(|r| r.starts_with("croissant/")));
    assert_eq!(inventory.of_kind(FileKind::KaggleMetadata).count(), 2);
    let output = "kaggle/preetviradiya-brian-tumor-dataset.kaggle-datasets-metadata-output.json";
    assert_eq!(kinds[output], (FileKind::Json, None));
    // All eight Hugging Face cards open with YAML front matter (checked with head -1).
    assert_eq!(kinds["hf/marmal88_skin_cancer.md"], (FileKind::HfCard, None));
    assert_eq!(inventory.of_kind(FileKind::HfCard).count(), 8);
}

#[test]
fn a_hugging_face_card_named_readme() {
    let Some(cards) = shared("cards/hf") else { return };
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(cards.join("marmal88_skin_cancer.md"), dir.path().join("README.md")).unwrap();
    let inventory = walk(dir.path(), &NoProgress).unwrap();
    assert_eq!(inventory.files[0].kind, FileKind::HfCard);
}
