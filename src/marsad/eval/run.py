"""`marsad eval` as a library call: gold files, an optional split, extraction (or given predictions), the
score with bootstrap intervals and error classes, and the report. The CLI only prints what this returns."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.eval.events import GoldError, MatchRules, Report, bootstrap, load_articles, read_gold, score
from marsad.model import Article

SPLITS = ("train", "dev", "test")
SEALED = "test"  # scored for figures only: its errors are never shown, so no rule is written against them


@dataclass
class Evaluation:
    gold: Path
    split: str | None
    records: list[dict[str, Any]]
    articles: dict[str, Article]
    report: Report
    intervals: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def sealed(self) -> bool:
        return self.split == SEALED

    def summary(self) -> dict[str, Any]:
        s = self.report.summary()
        s.update({"gold": self.gold.name, "split": self.split or "all",
                  "intervals": {k: list(v) for k, v in self.intervals.items()}})
        if not self.sealed:
            s["miss_classes"] = dict(Counter(self.report.miss_classes))
            s["false_alarm_classes"] = dict(Counter(self.report.false_alarm_classes))
        return s


def default_gold_files(root: Path = Path(".")) -> list[Path]:
    """The repository's gold sets, when run from its root: gold/events/*-events.jsonl."""
    return sorted((root / "gold" / "events").glob("*-events.jsonl"))


def read_splits(path: Path) -> dict[str, str]:
    """docno -> train | dev | test, from a TSV with a header naming the columns docno and split."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read the splits ({exc})") from exc
    head = lines[0].split("\t") if lines else []
    if "docno" not in head or "split" not in head:
        raise GoldError(f"{path}:1: the splits file needs a header with the columns docno and split")
    i, j = head.index("docno"), head.index("split")
    out = {}
    for lineno, line in enumerate(lines[1:], 2):
        cols = line.split("\t")
        if not line.strip():
            continue
        if len(cols) <= max(i, j) or cols[j] not in SPLITS:
            raise GoldError(f"{path}:{lineno}: expected a docno and one of {', '.join(SPLITS)}")
        out[cols[i]] = cols[j]
    return out


def select_split(records: list[dict[str, Any]], split: str | None, splits_file: Path) -> list[dict[str, Any]]:
    if split is None or split == "all":
        return records
    if split not in SPLITS:
        raise GoldError(f"--split {split!r} is not one of: all, {', '.join(SPLITS)}")
    splits = read_splits(splits_file)
    return [r for r in records if splits.get(str(r["docno"])) == split]


def split_counts(gold: Path, splits_file: Path | None = None) -> dict[str, dict[str, int]]:
    """Per split (and "unsplit" for articles the splits file does not name, or all of them when there is no
    splits file beside the gold): articles, required and optional gold events. Reads the gold only: nothing is
    extracted or scored, so the sealed split stays sealed."""
    records = read_gold(gold)  # first: a bad or missing gold file is the error to name
    default = gold.parent / "splits.tsv"
    splits = read_splits(splits_file or default) if splits_file is not None or default.exists() else {}
    out: dict[str, dict[str, int]] = {}
    for r in records:
        row = out.setdefault(splits.get(str(r["docno"]), "unsplit"), dict(articles=0, events=0, optional=0))
        row["articles"] += 1
        for e in r.get("events") or []:
            row["optional" if e.get("optional") else "events"] += 1
    return out


def evaluate(gold: Path, *, split: str | None = None, splits_file: Path | None = None,
             predictions: dict[str, dict] | None = None, gazetteer=None, shared: Path = Path("../shared/data"),
             rules: MatchRules | None = None, limit: int = 0, resamples: int = 1000) -> Evaluation:
    """Score one gold file (or one split of it)."""
    from marsad.pipeline import extract_article

    records = select_split(read_gold(gold), split, splits_file or gold.parent / "splits.tsv")
    if limit:
        records = records[:limit]
    if not records:
        raise GoldError(f"{gold}: no gold articles in split {split!r}")
    articles = load_articles(records, shared)
    if predictions is None:
        predictions = {d: extract_article(a, gazetteer=gazetteer).to_dict() for d, a in articles.items()}
    report = score(records, predictions, rules or MatchRules())
    return Evaluation(gold, split, records, articles, report, bootstrap(report, resamples) if resamples else {})


def read_predictions(path: Path) -> dict[str, dict]:
    """`marsad extract --format jsonl` output, by doc_id; a GoldError names the file and line."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read ({exc})") from exc
    out = {}
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{lineno}: malformed JSON ({exc.msg})") from None
        if not isinstance(doc, dict) or "doc_id" not in doc:
            raise GoldError(f"{path}:{lineno}: not a coded article (no doc_id)")
        out[str(doc["doc_id"])] = doc
    return out
