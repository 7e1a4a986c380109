"""Where the benchmarks find the real corpora: ../shared/data beside the repository (never committed), and the
one-line message when it is absent. Imported by the scripts in bench/ (bench/ is on sys.path when one runs)."""

from __future__ import annotations

import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ANT = SHARED / "ant-arabic-news-syria-2018" / "ant_v2.1_syria_articles.jsonl"
FAKES = SHARED / "fakes-syria-news-en" / "FA-KES-Dataset.csv"


def missing(path: Path | str, code: int = 1) -> int:
    """Say on one line that a corpus is not there; the exit code to return."""
    print(f"corpus not found: {path} (../shared is absent)", file=sys.stderr)
    return code
