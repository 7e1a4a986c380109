"""Geocoding accuracy against the hand-annotated gold set of place mentions in ANT articles, per gazetteer.

    python bench/geocoding_eval.py [--gold gold/geo/ant-places.tsv] [--examples 15] [--gazetteer builtin …]

Reads the gold articles from ../shared (ANT corpus), installs the gazetteers compared
(bench/eval_gazetteers.py) into a temporary data directory, and prints recall, false-positive rate,
exact-entry accuracy, distance shares and median error for each gazetteer (marsad.eval.geocoding explains
each figure). Figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpora import ANT, missing  # noqa: E402 (bench/ is on sys.path when run as a script)
from eval_gazetteers import NAMES, install_for_eval  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=str(ROOT / "gold" / "geo" / "ant-places.tsv"))
    ap.add_argument("--examples", type=int, default=15, help="false positives and worst errors to list")
    ap.add_argument("--gazetteer", nargs="+", default=list(NAMES), choices=NAMES)
    args = ap.parse_args()
    if not ANT.is_file():
        return missing(ANT)
    from marsad.eval.geocoding import read_gold, score

    gold = read_gold(Path(args.gold))
    wanted = {g.docno for g in gold}
    articles = {}
    with ANT.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["docno"] in wanted:
                articles[row["docno"]] = row
    gazetteers = install_for_eval(tuple(args.gazetteer))
    results = [score(gold, articles, g) for g in gazetteers]
    rows = [r.table() for r in results]
    keys = list(rows[0])
    print("| " + " | ".join(keys[:1] + [r["gazetteer"] for r in rows]) + " |")
    print("|---" * (len(rows) + 1) + "|")
    for k in keys[1:]:
        print(f"| {k} | " + " | ".join(r[k] for r in rows) + " |")
    for r in results:
        print(f"\n{r.gazetteer}: false positives (first {args.examples})")
        for line in r.false_positive_examples[: args.examples]:
            print("  ", line)
        print(f"{r.gazetteer}: largest errors")
        for _, line in r.worst[: args.examples]:
            print("  ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
