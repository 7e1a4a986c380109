"""`marsad batch`: plan the input into pieces, run them on a Dask cluster (a LocalCluster on this machine's cores,
or the scheduler given), skip pieces already complete, gather rejects; and `marsad load`: store and link a
batch's output with the same code as `marsad ingest`."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import fsspec

from marsad.batch.worker import CHUNK_BYTES, Piece, run_piece


@dataclass
class BatchSummary:
    pieces: int = 0
    skipped: int = 0
    completed: int = 0  # pieces finished in this run
    articles: int = 0
    events: int = 0
    figures: int = 0
    rejects: int = 0
    failed_pieces: list[str] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (f"{self.pieces} pieces ({self.skipped} already complete, skipped), {self.workers} workers: "
                f"{self.articles:,} articles coded in {self.seconds:.1f} s ({rate:,.1f}/s), {self.events:,} events, "
                f"{self.figures:,} figures, {self.rejects:,} rejected records, {len(self.failed_pieces)} pieces "
                "failed")


def _kind(path: str) -> str | None:
    p = path.lower()
    if p.endswith((".jsonl.gz", ".ndjson.gz", ".json.gz")):
        return "jsonl.gz"
    if p.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if p.endswith((".parquet", ".pq")):
        return "parquet"
    return None


def plan(inputs: list[str], chunk_bytes: int = CHUNK_BYTES) -> tuple[list[Piece], list[str]]:
    """The pieces of every input (globs and folders expanded, local paths or fsspec URLs), and the problems."""
    pieces: list[Piece] = []
    problems: list[str] = []
    for spec in inputs:
        fs, _ = fsspec.core.url_to_fs(spec)
        literal = fs.exists(spec)
        paths = [spec] if literal or not any(c in spec for c in "*?[") else sorted(fs.glob(spec))
        if len(paths) == 1 and literal and fs.isdir(paths[0]):
            paths = sorted(p for p in fs.find(paths[0]) if _kind(p))
        if not paths or (paths == [spec] and not literal):
            problems.append(f"{spec}: no such file (or the pattern matches nothing)")
            continue
        for path in paths:
            url = fs.unstrip_protocol(path) if "://" in spec else os.path.abspath(path)
            kind = _kind(path)
            if kind is None:
                problems.append(f"{path}: not JSONL (.jsonl, .jsonl.gz) or Parquet")
            elif kind == "jsonl":
                size = fs.size(path)
                pieces += [Piece(url, kind, start, min(start + chunk_bytes, size))
                           for start in range(0, max(size, 1), chunk_bytes)]
            elif kind == "jsonl.gz":
                pieces.append(Piece(url, kind))
            else:
                import pyarrow.parquet as pq

                with fs.open(path, "rb") as fh:
                    groups = pq.ParquetFile(fh).num_row_groups
                pieces += [Piece(url, kind, g, g) for g in range(groups)]
    return pieces, problems


def _done(out: str) -> set[str]:
    fs, root = fsspec.core.url_to_fs(out)
    if not fs.exists(f"{root}/_done"):
        return set()
    return {p.rsplit("/", 1)[-1][:-5] for p in fs.ls(f"{root}/_done", detail=False) if p.endswith(".json")
            and not p.rsplit("/", 1)[-1].startswith(".")}


def run_batch(inputs: list[str], out: str, scheduler: str | None = None, workers: int | None = None,
              gazetteer: str | None = None, language: str | None = None, chunk_bytes: int = CHUNK_BYTES,
              progress: Callable[[dict[str, Any] | None, BatchSummary], None] | None = None,
              client=None) -> BatchSummary:
    from dask.distributed import Client, LocalCluster, as_completed

    out = out if "://" in out else os.path.abspath(out)
    fs, root = fsspec.core.url_to_fs(out)
    fs.makedirs(root, exist_ok=True)
    pieces, problems = plan(inputs, chunk_bytes)
    if problems and not pieces:
        raise ValueError("; ".join(problems))
    _check_plan(out, pieces, chunk_bytes)
    s = BatchSummary(pieces=len(pieces))
    done = _done(out)
    todo = [p for p in pieces if p.task_id not in done]
    s.skipped = len(pieces) - len(todo)
    started = time.perf_counter()
    cluster = None
    own_client = client is None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
    try:
        s.workers = len(client.scheduler_info().get("workers", {}))
        # a piece is pure (same input, same output), but it writes files: never cache, retry on lost workers
        futures = client.map(run_piece, todo, out=out, gazetteer=gazetteer, language=language, pure=False,
                             retries=3)
        index = {f.key: p for f, p in zip(futures, todo, strict=True)}
        for fut in as_completed(futures):
            try:
                m = fut.result()
            except Exception as exc:  # a piece that failed on every retry: reported, the job goes on
                s.failed_pieces.append(f"{index[fut.key].url} [{index[fut.key].start}:{index[fut.key].end}]: {exc}")
                if progress:
                    progress(None, s)
                continue
            s.completed += 1
            s.articles += m["articles"]
            s.events += m["events"]
            s.figures += m["figures"]
            s.rejects += m["rejects"]
            s.seconds = time.perf_counter() - started
            if progress:
                progress(m, s)
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()
    s.seconds = time.perf_counter() - started
    _gather_rejects(out, pieces, problems)
    with fs.open(f"{root}/_SUMMARY.json", "w") as fh:
        json.dump(s.__dict__, fh, indent=1)
    return s


def _check_plan(out: str, pieces: list[Piece], chunk_bytes: int) -> None:
    """A folder holds one plan's pieces: re-running with other inputs or another piece size would leave the
    old pieces' rows beside the new ones (an article counted twice), so it is refused."""
    fs, root = fsspec.core.url_to_fs(out)
    plan_now = {"chunk_bytes": chunk_bytes, "pieces": sorted(p.task_id for p in pieces)}
    path = f"{root}/_PLAN.json"
    if fs.exists(path):
        with fs.open(path, "r") as fh:
            before = json.load(fh)
        if before != plan_now:
            raise ValueError(f"{out} holds the output of other inputs or another --chunk-mb; give a new --out "
                             "(or the same inputs and piece size to finish that run)")
        return
    with fs.open(path, "w") as fh:
        json.dump(plan_now, fh)


def _gather_rejects(out: str, pieces: list[Piece], problems: list[str]) -> None:
    """OUT/rejects.jsonl: every record that could not be coded, with the reason, in input order."""
    fs, root = fsspec.core.url_to_fs(out)
    with fs.open(f"{root}/rejects.jsonl", "w") as fh:
        for p in problems:
            fh.write(json.dumps({"origin": p.split(":", 1)[0], "reason": p.split(": ", 1)[-1]}) + "\n")
        for piece in pieces:
            path = f"{root}/_rejects/{piece.task_id}.jsonl"
            if fs.exists(path):
                with fs.open(path, "r") as part:
                    fh.write(part.read())
