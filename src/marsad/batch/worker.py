"""One batch task, run on a Dask worker: read one piece of the input, code every article with the same
`extract_article` as `marsad extract`, and write Parquet (events, figures, articles by publication month) and
the rejects. The gazetteer is loaded once per worker process and kept.

Exactly once: a task's output files have names derived from the task, are written under a temporary name and
renamed into place, and the task's manifest (`_done/TASK.json`) is written last. A task whose manifest exists is
complete and skipped by a re-run; a task killed half-way is run again and overwrites its own files, so nothing
is lost and nothing is written twice.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import time
from dataclasses import dataclass
from functools import cache
from typing import Any

import fsspec

from marsad.ingest.readers import InputError, parse_line, record_article
from marsad.model import Article
from marsad.pipeline import extract_article, parse_published

CHUNK_BYTES = 4 * 1024 * 1024  # a plain JSONL file is cut into pieces of about this size


@dataclass(frozen=True)
class Piece:
    """A part of one input: a byte range of a plain JSONL file, a whole gzip file, or a Parquet row group."""

    url: str
    kind: str  # "jsonl", "jsonl.gz", "parquet"
    start: int = 0
    end: int = -1  # byte range for jsonl; row group index in `start` for parquet

    @property
    def task_id(self) -> str:
        return hashlib.sha1(f"{self.url}|{self.kind}|{self.start}|{self.end}".encode()).hexdigest()[:16]


@cache
def _gazetteer(name: str | None):
    from marsad.resolve.registry import open_gazetteer

    return open_gazetteer(name)


def _items(piece: Piece):
    """The articles of the piece (Article, or InputError for a record that cannot be read), as `marsad
    extract` reads them: the same line parser and the same record fields."""
    if piece.kind == "parquet":
        import pyarrow.parquet as pq

        with fsspec.open(piece.url, "rb") as fh:
            table = pq.ParquetFile(fh).read_row_group(piece.start)
        for i, row in enumerate(table.to_pylist()):
            where = f"{piece.url}[row group {piece.start}, row {i + 1}]"
            yield record_article(row, where, where)
        return
    with fsspec.open(piece.url, "rb") as raw:
        if piece.kind == "jsonl.gz":
            with gzip.open(raw) as lines:
                for n, line in enumerate(lines, 1):
                    where = f"{piece.url}:line {n}"
                    if (item := parse_line(line, where, where)) is not None:
                        yield item
            return
        # a line belongs to the piece its first byte is in
        pos = piece.start
        if pos:
            raw.seek(pos - 1)
            pos += len(raw.readline()) - 1
        while piece.end < 0 or pos < piece.end:
            line = raw.readline()
            if not line:
                break
            where = f"{piece.url}:byte {pos}"
            if (item := parse_line(line, where, where)) is not None:
                yield item
            pos += len(line)


def _month(article: Article) -> str:
    day = parse_published(article.published)
    return f"{day:%Y-%m}" if day else "unknown"


def _article_row(a: Article, doc, task: str) -> dict[str, Any]:
    """The article as read, with the language and publication date the coder settled on."""
    return {"doc_id": a.id, "title": a.title, "text": a.text, "published": a.published, "language": doc.language,
            "published_date": doc.published, "url": a.url, "source": a.source, "origin": a.origin, "task": task}


def run_piece(piece: Piece, out: str, gazetteer: str | None = None, language: str | None = None) -> dict[str, Any]:
    """Code one piece; returns its manifest (counts), which is also written to OUT/_done/TASK.json."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from marsad.batch.schema import ARTICLE_SCHEMA, EVENT_SCHEMA, FIGURE_SCHEMA, event_rows, figure_rows

    started = time.perf_counter()
    task = piece.task_id
    gaz = _gazetteer(gazetteer)
    by_month: dict[str, dict[str, list]] = {}
    rejects: list[dict[str, str]] = []
    articles = 0
    for item in _items(piece):
        if isinstance(item, InputError):
            rejects.append({"origin": item.origin, "reason": item.reason, "task": task})
            continue
        try:
            doc = extract_article(item, gazetteer=gaz, language=language)
        except Exception as exc:  # one bad article never fails the job
            rejects.append({"origin": item.origin, "reason": f"internal error ({type(exc).__name__}: {exc})",
                            "task": task})
            continue
        articles += 1
        month = _month(item)
        bucket = by_month.setdefault(month, {"articles": [], "events": [], "figures": []})
        bucket["articles"].append(_article_row(item, doc, task))
        bucket["events"].extend(event_rows(doc, item, task))
        bucket["figures"].extend(figure_rows(doc, item, task))
    fs, root = fsspec.core.url_to_fs(out)
    schemas = {"articles": ARTICLE_SCHEMA, "events": EVENT_SCHEMA, "figures": FIGURE_SCHEMA}
    counts = {"events": 0, "figures": 0}
    for month, tables in sorted(by_month.items()):
        for name, rows in tables.items():
            if not rows:
                continue
            folder = f"{root}/{name}/month={month}"
            fs.makedirs(folder, exist_ok=True)
            tmp, final = f"{folder}/.part-{task}.parquet.tmp", f"{folder}/part-{task}.parquet"
            with fs.open(tmp, "wb") as fh:
                pq.write_table(pa.Table.from_pylist(rows, schema=schemas[name]), fh, compression="zstd")
            fs.mv(tmp, final)
            if name in counts:
                counts[name] += len(rows)
    fs.makedirs(f"{root}/_rejects", exist_ok=True)
    if rejects:
        with fs.open(f"{root}/_rejects/{task}.jsonl", "w") as fh:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rejects)
    manifest = {"task": task, "url": piece.url, "kind": piece.kind, "start": piece.start, "end": piece.end,
                "articles": articles, "rejects": len(rejects), **counts,
                "months": sorted(by_month), "seconds": round(time.perf_counter() - started, 3)}
    fs.makedirs(f"{root}/_done", exist_ok=True)
    with fs.open(f"{root}/_done/.{task}.json.tmp", "w") as fh:
        json.dump(manifest, fh)
    fs.mv(f"{root}/_done/.{task}.json.tmp", f"{root}/_done/{task}.json")
    return manifest
