"""Language knowledge as data: each language is a folder of TSV files (lang/ar, lang/en).

Adding a language means adding a folder with the same files; no code names a language.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

LANG_DIR = Path(__file__).parent


class LexiconError(ValueError):
    """A language data file is malformed (the message names the file and line)."""


def read_tsv(path: Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV file with a header line; '#' lines and blank lines are skipped.

    Every row must have as many cells as the header or fewer (missing trailing cells are empty).
    """
    with path.open(encoding="utf-8", newline="") as fh:
        header: list[str] | None = None
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                raise LexiconError(f"{path}:{lineno}: {len(cells)} cells, header has {len(header)}")
            cells += [""] * (len(header) - len(cells))
            yield {h: c.strip() for h, c in zip(header, cells, strict=True)} | {"_line": f"{path.name}:{lineno}"}


@cache
def available_languages() -> tuple[str, ...]:
    """Codes of the installed languages (folders with an about.tsv)."""
    return tuple(sorted(p.name for p in LANG_DIR.iterdir() if (p / "about.tsv").is_file()))


@cache
def about(code: str) -> dict[str, str]:
    return {row["key"]: row["value"] for row in read_tsv(LANG_DIR / code / "about.tsv")}


def language_for_script(script: str) -> str | None:
    """The language whose clitic rules apply to tokens of a script ("Arab", "Latn")."""
    for code in available_languages():
        if about(code).get("script") == script:
            return code
    return None


def data_file(code: str, name: str) -> Path:
    return LANG_DIR / code / name


def rows(code: str, name: str) -> list[dict[str, str]]:
    """All rows of lang/<code>/<name>; an absent file is an empty lexicon."""
    path = data_file(code, name)
    return list(read_tsv(path)) if path.is_file() else []
