"""Draw the reading order of ANT Arabic articles for the hand-made village dev set (villages-ar.tsv).

    python3 gold/places/draw_villages_ar.py [N]      # prints the first N docnos (default: all) in reading order

Selection: every ANT article whose docno is NOT listed with split `test` in gold/events/splits.tsv (the sealed
test set is never read), whose `text` contains one of قرية، قرى، بلدة، بلدات، ريف (a heuristic for village-rich war
reports); sorted by docno, then shuffled with random.Random(20261220). Articles are read in that order.
An article whose text is identical (after strip) to an article earlier in the order is a republication under
another docno (the ANT crawl holds some twice): it is printed with "dup-of DOCNO" and was skipped, not read again.
Output: position, docno, dup mark (tab-separated). Reads only the corpus file and splits.tsv; imports no marsad code.
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ANT = REPO.parent / "shared" / "data" / "ant-arabic-news-syria-2018" / "ant_v2.1_syria_articles.jsonl"
SPLITS = REPO / "gold" / "events" / "splits.tsv"
KEYWORDS = ("قرية", "قرى", "بلدة", "بلدات", "ريف")
SEED = 20261220


def test_docnos() -> set[str]:
    out = set()
    with SPLITS.open(encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            if row.get("split") == "test":
                out.add(row["docno"])
    return out


def order(with_texts: bool = False):
    sealed = test_docnos()
    keep, texts = [], {}
    with ANT.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            if r["docno"] in sealed:
                continue
            if any(k in r["text"] for k in KEYWORDS):
                keep.append(r["docno"])
                texts[r["docno"]] = r["text"].strip()
    keep.sort()
    random.Random(SEED).shuffle(keep)
    return (keep, texts) if with_texts else keep


if __name__ == "__main__":
    docs, texts = order(with_texts=True)
    n = int(sys.argv[1]) if len(sys.argv) > 1 else len(docs)
    print(f"# {len(docs)} eligible articles; first {min(n, len(docs))} in reading order", file=sys.stderr)
    first = {}
    for i, d in enumerate(docs[:n], 1):
        dup = first.setdefault(texts[d], d)
        print(f"{i}\t{d}\t{'dup-of ' + dup if dup != d else ''}")
