"""Reading order of the English village gold set (gold/places/villages-en.tsv).

All FA-KES articles (ids as in gold/tools/common.py fakes_articles(): the CSV's unit_id), minus every docno
listed with split `test` in gold/events/splits.tsv (sealed: never read), sorted by docno and shuffled with
random.Random(20261221). The articles were read by hand in this order until the set had >= 170 rows: ranks 1-128 were read
(whole articles, at most 6 names each), giving 199 rows from 84 articles in gold/places/villages-en.tsv.

    python3 gold/places/draw_villages_en.py            # print the order: rank, docno, outlet, location
    python3 gold/places/draw_villages_en.py --show 10  # print the first 10 articles in full (via show.py)
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))
from common import fakes_articles, sealed_docnos  # noqa: E402

SEED = 20261221


def order() -> list[str]:
    test = sealed_docnos()
    docnos = sorted(d for d in fakes_articles() if d not in test)
    random.Random(SEED).shuffle(docnos)
    return docnos


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", type=int, default=0, help="print the first N articles in full")
    ap.add_argument("--skip", type=int, default=0, help="start at this rank")
    args = ap.parse_args()
    arts = fakes_articles()
    docs = order()
    if args.show:
        import show
        show.main(docs[args.skip:args.skip + args.show])
        return
    for i, d in enumerate(docs[args.skip:], start=args.skip + 1):
        print(f"{i}\t{d}\t{arts[d]['outlet']}\t{arts[d]['fakes_location']}")


if __name__ == "__main__":
    main()
