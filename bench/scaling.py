"""Time against an article's size: is every stage linear in the text's length?

    python bench/scaling.py [--sizes 1,2,4,8] [--shapes news,one-paragraph,no-punctuation,digits,town-list]

Each shape is built at each size (MB of UTF-8 text) and coded once by `extract_article`, each in a fresh
process (so every size starts from the same empty caches, and its peak memory is its own); the script prints
seconds and seconds per MB, and how far seconds per MB strays from the smallest size's (flat within 30 % is
the aim). Shapes: news (ANT articles from ../shared, one after another), one-paragraph (the same text with
every line break a space), no-punctuation (the same text without sentence stops), run-on (neither stops nor
line breaks), digits (100k-digit numbers between words), town-list (a list of Syrian towns separated by commas
and و). Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from functools import cache

from corpora import ANT, missing  # noqa: E402 (bench/ is on sys.path when run as a script)
from marsad.model import Article
from marsad.pipeline import default_gazetteer, extract_article

MB = 1_000_000


@cache
def _reports() -> list[str]:
    """ANT articles that report events (an opinion column would make the whole text one, coded in no time)."""
    if not ANT.is_file():
        sys.exit(missing(ANT))
    out = []
    for line in ANT.open(encoding="utf-8"):
        r = json.loads(line)
        coded = extract_article(Article(r["docno"], r["text"], published=r["pub_time_utc"][:10], language="ar"))
        if coded.events and not any("opinion" in w for w in coded.warnings):
            out.append(r["text"])
        if len(out) >= 600:
            break
    return out


def _news(size: int) -> str:
    texts = _reports()
    rng = random.Random(7)
    parts, n = [], 0
    while n < size:
        t = rng.choice(texts)
        parts.append(t)
        n += len(t.encode("utf-8")) + 2
    return "\n\n".join(parts)


def _fit(text: str, size: int) -> str:
    """Cut to `size` bytes of UTF-8 at a character boundary."""
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def build(shape: str, size: int) -> str:
    if shape == "news":
        return _fit(_news(size), size)
    if shape == "one-paragraph":
        return _fit(re.sub(r"\s*\n\s*", " ", _news(size + size // 10)), size)
    if shape == "no-punctuation":
        return _fit(re.sub(r"[.!?؟؛;:،,]", " ", _news(size + size // 10)), size)
    if shape == "run-on":  # neither stops nor line breaks: one endless sentence
        return _fit(re.sub(r"[.!?؟؛;:،,\s]+", " ", _news(size + size // 5)), size)
    if shape == "digits":
        unit = "قتل " + "7" * 100_000 + " مدنيا في غارة على دوما اليوم. "
        return _fit(unit * (size // len(unit.encode("utf-8")) + 1), size)
    if shape == "town-list":
        towns = ["دوما", "حرستا", "عربين", "زملكا", "سقبا", "كفربطنا", "جسرين", "حمورية", "مسرابا", "مديرا"]
        head = "قصفت الطائرات الحربية اليوم بلدات "
        body = "، ".join(towns[i % len(towns)] for i in range(size // 8)) + " و" + towns[0] + "."
        return _fit(head + body, size)
    raise SystemExit(f"unknown shape {shape!r}")


def _one(shape: str, mb: float) -> dict:
    """Code one text in this process (a fresh one: every size starts from the same empty caches)."""
    gazetteer = default_gazetteer()
    extract_article(Article("warm", "قتل 5 مدنيين في غارة على دوما", published="2018-03-05"), gazetteer)
    text = build(shape, int(mb * MB))
    article = Article(f"{shape}-{mb}", text, published="2018-03-05", language="ar")
    start = time.perf_counter()
    coded = extract_article(article, gazetteer)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "events": len(coded.events), "figures": len(coded.figures),
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,2,4,8", help="sizes in MB, comma-separated")
    ap.add_argument("--shapes", default="news,one-paragraph,no-punctuation,run-on,digits,town-list")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # shape:MB, run in a child process
    args = ap.parse_args()
    if args.one:
        shape, mb = args.one.split(":")
        print(json.dumps(_one(shape, float(mb))))
        return 0
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'shape':16} {'MB':>5} {'seconds':>9} {'s/MB':>8} {'vs first':>9} {'events':>7} {'figures':>7} "
          f"{'peak RSS':>9}")
    for shape in args.shapes.split(","):
        first = None
        for mb in sizes:
            child = subprocess.run([sys.executable, __file__, "--one", f"{shape}:{mb:g}"], capture_output=True,
                                   text=True, check=True)
            r = json.loads(child.stdout.strip().splitlines()[-1])
            per_mb = r["seconds"] / mb
            first = first or per_mb
            print(f"{shape:16} {mb:5g} {r['seconds']:9.2f} {per_mb:8.2f} {per_mb / first - 1:+9.0%} "
                  f"{r['events']:7} {r['figures']:7} {r['rss_mb']:7,.0f} MB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
