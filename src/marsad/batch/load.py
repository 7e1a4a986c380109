"""`marsad load OUT`: store and link a batch's output, article by article, with the same store and linking as
`marsad ingest` (one transaction per article; articles already stored are skipped, so loading twice changes
nothing)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import fields
from typing import Any

import duckdb
import fsspec

from marsad.model import Article, CodedArticle, Event, Evidence, Figure, FigurePart
from marsad.store import Store
from marsad.store.ingest import IngestSummary

_EVENT = {f.name for f in fields(Event)}
_FIGURE = {f.name for f in fields(Figure)}


def _read(out: str, name: str) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    fs, root = fsspec.core.url_to_fs(out)
    files = sorted(p for p in fs.glob(f"{root}/{name}/month=*/part-*.parquet"))
    rows: list[dict[str, Any]] = []
    for path in files:
        with fs.open(path, "rb") as fh:
            rows.extend(pq.read_table(fh).to_pylist())
    return rows


def _event(row: dict[str, Any]) -> Event:
    e = Event(**{k: v for k, v in row.items() if k in _EVENT and k != "evidence"})
    e.evidence = [Evidence(**ev) for ev in row.get("evidence") or []]
    e.sources, e.flags = list(e.sources or []), list(e.flags or [])
    return e


def _figure(row: dict[str, Any]) -> Figure:
    f = Figure(**{k: v for k, v in row.items() if k in _FIGURE and k not in ("evidence", "parts")})
    f.evidence = [Evidence(**ev) for ev in row.get("evidence") or []]
    f.parts = [FigurePart(**p) for p in row.get("parts") or []]
    f.flags = list(f.flags or [])
    return f


def load(out: str, store: Store, progress: Callable[[str], None] | None = None) -> IngestSummary:
    import time

    s = IngestSummary()
    started = time.perf_counter()
    events: dict[tuple[str, str], list[dict]] = defaultdict(list)
    figures: dict[tuple[str, str], list[dict]] = defaultdict(list)
    # a record is known by where it was read (file and byte or line): ids may repeat in an archive
    for row in _read(out, "events"):
        events[(row["task"], row["origin"])].append(row)
    for row in _read(out, "figures"):
        figures[(row["task"], row["origin"])].append(row)
    articles = _read(out, "articles")
    articles.sort(key=lambda a: (a.get("published") or "", a["task"], a["doc_id"]))
    for a in articles:
        s.read += 1
        article = Article(a["doc_id"], a["text"] or "", title=a["title"] or "", published=a["published"],
                          language=a["language"], url=a["url"], source=a["source"], origin=a["origin"] or "")
        found = store.find(article)
        if found and found[1] in ("unchanged", "older"):
            s.unchanged += found[1] == "unchanged"
            s.older += found[1] == "older"
            if progress:
                progress("unchanged")
            continue
        key = (a["task"], a["origin"])
        evs = [_event(r) for r in events.get(key, [])]
        figs = [_figure(r) for r in figures.get(key, [])]
        coded = CodedArticle(article.id, a["language"], a["published_date"], article.title, events=evs, figures=figs,
                             url=article.url, source=article.source)
        try:
            _, touched = store.save(article, coded, article_id=found[0] if found else None)
        except duckdb.Error as exc:  # one article that cannot be stored must not stop the load
            s.failed += 1
            s.messages.append(f"marsad: {article.origin}: not stored ({str(exc).splitlines()[0]})")
            if progress:
                progress("failed")
            continue
        s.touched |= touched
        s.reports += len(evs)
        s.figures += len(figs)
        if found:
            s.updated += 1
        else:
            s.new += 1
        if progress:
            progress("new")
    s.seconds = time.perf_counter() - started
    return s
