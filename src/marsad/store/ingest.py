"""`marsad ingest`: read sources, code each new or changed article, store it and relink, one article per
transaction. An article already stored (same URL and text, or the same text under another URL) is skipped
before any work is done, so running an ingest again is cheap and changes nothing."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import duckdb

from marsad.ingest.readers import MAX_BYTES, InputError
from marsad.ingest.sources import read_source
from marsad.pipeline import extract_article, keep_confident
from marsad.resolve.gazetteer import Gazetteer
from marsad.store.db import Store


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    failed: int = 0
    reports: int = 0
    figures: int = 0
    touched: set[str] = field(default_factory=set)
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)

    def line(self, store: Store) -> str:
        c = store.counts()
        rate = self.read / self.seconds if self.seconds else 0.0
        return (f"{self.read:,} articles read in {self.seconds:.1f} s ({rate:,.1f}/s): {self.new:,} new, "
                f"{self.updated:,} updated, {self.unchanged:,} already stored, {self.older:,} older versions "
                f"skipped, {self.failed:,} failed; "
                f"{self.reports:,} reports and {self.figures:,} figures coded, {len(self.touched):,} linked events "
                f"created or changed. The store now holds {c['articles']:,} articles, {c['reports']:,} reports, "
                f"{c['events']:,} linked events ({store.path}).")


Progress = Callable[[str, str | None], None]  # (status, message for stderr or None)


def ingest(sources: Iterable[str], store: Store, gazetteer: Gazetteer, *, published: str | None = None,
           language: str | None = None, fetch_pages: bool = True, recode: bool = False,
           max_bytes: int = MAX_BYTES, progress: Progress | None = None,
           min_confidence: float | None = None) -> IngestSummary:
    def items():
        for spec in sources:
            yield from read_source(spec, fetch_pages, max_bytes)

    return ingest_items(items(), store, gazetteer, published=published, language=language, recode=recode,
                        progress=progress, min_confidence=min_confidence)


def ingest_items(items: Iterable, store: Store, gazetteer: Gazetteer, *, published: str | None = None,
                 language: str | None = None, recode: bool = False, progress: Progress | None = None,
                 min_confidence: float | None = None) -> IngestSummary:
    """Store already-read articles (and report the InputErrors among them): the loop `ingest` runs over its
    sources, and `marsad watch` over the entries of each polled feed."""
    s = IngestSummary()
    started = time.perf_counter()

    def tell(status: str, message: str | None = None) -> None:
        if message:
            s.messages.append(message)
        if progress:
            progress(status, message)

    for item in items:
        if isinstance(item, InputError):
            if item.error:
                s.failed += 1
                tell("failed", f"marsad: {item}")
            else:
                tell("note", f"marsad: note: {item}")
            continue
        s.read += 1
        found = store.find(item)
        store.release()  # a shared store lets the server in between turns (Store.HOLD)
        if found and found[1] == "older":
            s.older += 1  # an older version of a page stored in a newer one
            tell("older version")
            continue
        if found and found[1] == "unchanged" and not recode:
            s.unchanged += 1
            tell("unchanged")
            continue
        if item.published is None and published is not None:
            item.published = published
        try:
            coded = keep_confident(extract_article(item, gazetteer=gazetteer, language=language), min_confidence)
        except Exception as exc:  # one bad article must not stop the batch
            s.failed += 1
            tell("failed", f"marsad: {item.origin}: internal error, article skipped ({type(exc).__name__}: {exc})")
            continue
        try:
            _, touched = store.save(item, coded, article_id=found[0] if found else None)
        except duckdb.Error as exc:
            s.failed += 1
            tell("failed", f"marsad: {item.origin}: not stored ({str(exc).splitlines()[0]})")
            continue
        store.release()
        s.touched |= touched
        s.reports += len(coded.events)
        s.figures += len(coded.figures)
        if found:
            s.updated += 1
            tell("updated")
        else:
            s.new += 1
            tell("new")
    s.seconds = time.perf_counter() - started
    return s
