"""Independent check of the HAM10000 figures steward's tests assert, with pandas.

Joins the re-upload's three split tables (no header: path,class) to the metadata table by
image id and counts lesions in more than one split, per pair of splits, and evaluation
images whose lesion is also in train; then the missing values of the role columns.

Usage: python bench/pandas_ham10000.py PATH/TO/ham10000
"""

import itertools
import json
import sys
from pathlib import Path

import pandas as pd


def main(root: Path) -> None:
    meta = pd.read_csv(root / "HAM10000_metadata.csv")
    lesion = meta.set_index("image_id")["lesion_id"]
    splits = {}
    for name in ("train", "val", "test"):
        paths = pd.read_csv(root / f"reupload-split/{name}_labels.csv", header=None)[0]
        splits[name] = paths.str.rsplit("/", n=1).str[-1].str.replace(".jpg", "", regex=False)
    groups = {name: set(lesion.loc[ids]) for name, ids in splits.items()}
    in_many = set()
    pairs = {}
    for a, b in itertools.combinations(splits, 2):
        pairs[f"{a}/{b}"] = len(groups[a] & groups[b])
        in_many |= groups[a] & groups[b]
    result = {
        "unmatched": {n: int((~ids.isin(lesion.index)).sum()) for n, ids in splits.items()},
        "lesions_in_many": len(in_many),
        "pairs": pairs,
        "eval_in_train": {
            n: int(lesion.loc[splits[n]].isin(groups["train"]).sum()) for n in ("val", "test")
        },
        "blank_age": int(meta["age"].isna().sum()),
        "unknown_sex": int((meta["sex"] == "unknown").sum()),
        "unknown_localization": int((meta["localization"] == "unknown").sum()),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
