"""`marsad batch` and `marsad load`: code archives on a Dask cluster, then store and link the result."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.common import _fail, app, open_store, require

DbOption = Annotated[Path | None, typer.Option("--db", help="Database file (default: marsad.duckdb in the data "
                                                            "directory)")]


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="JSONL (plain or .gz) or Parquet files, globs, folders; "
                                                     "local paths or fsspec URLs")],
    out: Annotated[str, typer.Option("--out", help="Output folder (local path or fsspec URL)")],
    scheduler: Annotated[str | None, typer.Option(help="A Dask scheduler, tcp://host:8786 (default: a local "
                                                       "cluster on this machine's cores)")] = None,
    workers: Annotated[int | None, typer.Option(help="Local cluster size (default: one per core)")] = None,
    gazetteer: Annotated[str | None, typer.Option(help="Gazetteer name or path, installed on every worker")] = None,
    lang: Annotated[str, typer.Option(help="auto, or a language code (ar, en)")] = "auto",
    chunk_mb: Annotated[float, typer.Option(help="Size of the pieces a plain JSONL file is cut into")] = 4.0,
) -> None:
    """Code millions of archived articles on Dask: Parquet by month (events, figures, articles), rejects kept."""
    require("batch", "dask", "distributed", "pyarrow", "fsspec")
    from marsad.batch.run import run_batch

    state = {"last": 0.0}

    def progress(manifest, s):
        import time

        now = time.monotonic()
        if now - state["last"] >= 1.0 or manifest is None:
            state["last"] = now
            rate = s.articles / s.seconds if s.seconds else 0.0
            print(f"\rpieces {s.skipped + s.completed}/{s.pieces} ({s.skipped} skipped): {s.articles:,} articles, "
                  f"{rate:,.0f}/s, {s.rejects:,} rejected, {len(s.failed_pieces)} pieces failed", end="",
                  file=sys.stderr, flush=True)

    try:
        summary = run_batch(inputs, out, scheduler=scheduler, workers=workers, gazetteer=gazetteer,
                            language=None if lang == "auto" else lang, chunk_bytes=int(chunk_mb * 1024 * 1024),
                            progress=progress)
    except (ValueError, OSError) as exc:
        _fail(str(exc))
    print(file=sys.stderr)
    typer.echo(summary.line() + f" -> {out} (rejects: {out.rstrip('/')}/rejects.jsonl)", err=True)
    if summary.failed_pieces:
        for f in summary.failed_pieces:
            typer.echo(f"marsad: piece failed: {f}", err=True)
        raise typer.Exit(2)


@app.command()
def load(
    out: Annotated[str, typer.Argument(help="A `marsad batch` output folder")],
    db: DbOption = None,
) -> None:
    """Store and link a batch's output (the same store and linking as `marsad ingest`)."""
    require("batch", "pyarrow", "fsspec")
    from marsad.batch.load import load as run

    if "://" not in out and not (Path(out) / "_done").is_dir():
        _fail(f"{out}: not a `marsad batch` output folder (no _done/)")
    store = open_store(db, read_only=False)
    try:
        summary = run(out, store)
        for message in summary.messages:  # one line per article that could not be stored
            typer.echo(message, err=True)
        typer.echo(summary.line(store), err=True)
    finally:
        store.close()
    if summary.failed:
        raise typer.Exit(2)
