"""Print gold articles to read: metadata, the title and the text with paragraph numbers and character offsets.

    python gold/tools/show.py DOCNO [DOCNO ...]
"""
from __future__ import annotations

import sys

from common import article


def main(argv: list[str]) -> None:
    for docno in argv:
        a = article(docno)
        print(f"=== {a['docno']}  corpus={a['corpus']}  outlet={a['outlet']}  published={a['published']}  "
              f"local={a['published_local']}" + (f"  fakes_location={a['fakes_location']}"
                                                  if a.get("fakes_location") else ""))
        print(f"TITLE: {a['title']}")
        pos = 0
        for i, para in enumerate(a["text"].split("\n")):
            if para.strip():
                print(f"[p{i} @{pos}] {para}")
            pos += len(para) + 1
        print()


if __name__ == "__main__":
    main(sys.argv[1:])
