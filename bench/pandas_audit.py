"""The NIH ChestX-ray14 audit done with pandas, for comparison with `steward audit`.

Reads the per-image table and the five split lists (the creators' official lists and a
re-upload's lists), joins every list to the table by image name, and counts what steward
reports: members that match no row, patients shared between the splits of each scheme,
and how many of the re-upload's training images are official test images.

Usage: python bench/pandas_audit.py PATH/TO/nih-cxr14
"""

import itertools
import json
import sys
from pathlib import Path

import pandas as pd


def read_list(path: Path) -> pd.Series:
    """First whitespace-separated field of each line: the image name."""
    names = pd.read_csv(path, sep=r"\s+", header=None, usecols=[0], engine="c")[0]
    return names.str.rsplit("/", n=1).str[-1]


def scheme_counts(table: pd.DataFrame, lists: dict) -> dict:
    patients = table.set_index("Image Index")["Patient ID"]
    groups = {}
    unmatched = {}
    for name, members in lists.items():
        known = members.isin(patients.index)
        unmatched[name] = int((~known).sum())
        groups[name] = set(patients.loc[members[known]].unique())
    pairs = {
        f"{a}/{b}": len(groups[a] & groups[b]) for a, b in itertools.combinations(lists, 2)
    }
    shared = set()
    for a, b in itertools.combinations(lists, 2):
        shared |= groups[a] & groups[b]
    return {"unmatched": unmatched, "patient_pairs": pairs, "patients_in_many": len(shared)}


def main(root: Path) -> None:
    table = pd.read_csv(root / "Data_Entry_2017_v2020.csv.gz")
    official = {
        "train_val": read_list(root / "official-lists/train_val_list.txt"),
        "test": read_list(root / "official-lists/test_list.txt"),
    }
    reupload = {
        name: read_list(root / f"reupload-chexnet/{name}_list.txt")
        for name in ("train", "val", "test")
    }
    result = {
        "rows": len(table),
        "official": scheme_counts(table, official),
        "reupload": scheme_counts(table, reupload),
        "reupload_train_in_official_test": int(
            reupload["train"].drop_duplicates().isin(set(official["test"])).sum()
        ),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
