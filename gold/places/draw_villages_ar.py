"""Draw the reading order of ANT Arabic articles for the hand-made village dev set (villages-ar.tsv).

    python3 gold/places/draw_villages_ar.py [N]      # prints the first N docnos (default: all) in reading order

Selection: every ANT article whose docno is NOT listed with split `test` in gold/events/splits.tsv (the sealed
test set is never read), whose `text` contains one of قرية، قرى، بلدة، بلدات، ريف (a heuristic for village-rich war
reports); sorted by docno, then shuffled with random.Random(20261220). Articles are read in that order.
An article whose text is identical (after strip) to an article earlier in the order is a republication under
another docno (the ANT crawl holds some twice): it is printed with "dup-of DOCNO" and was skipped, not read again.
Output: position, docno, dup mark (tab-separated). Reads only the corpus file and splits.tsv (through gold/tools/common.py); imports no marsad code.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from common import ant_articles, sealed_docnos  # noqa: E402

KEYWORDS = ("قرية", "قرى", "بلدة", "بلدات", "ريف")
SEED = 20261220


def order() -> tuple[list[str], dict[str, str]]:
    """The eligible docnos in reading order, and each one's text (stripped)."""
    sealed = sealed_docnos()
    texts = {d: a["text"].strip() for d, a in ant_articles().items()
             if d not in sealed and any(k in a["text"] for k in KEYWORDS)}
    keep = sorted(texts)
    random.Random(SEED).shuffle(keep)
    return keep, texts


if __name__ == "__main__":
    docs, texts = order()
    n = int(sys.argv[1]) if len(sys.argv) > 1 else len(docs)
    print(f"# {len(docs)} eligible articles; first {min(n, len(docs))} in reading order", file=sys.stderr)
    first = {}
    for i, d in enumerate(docs[:n], 1):
        dup = first.setdefault(texts[d], d)
        print(f"{i}\t{d}\t{'dup-of ' + dup if dup != d else ''}")
