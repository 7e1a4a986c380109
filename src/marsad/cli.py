"""The `marsad` command: a thin layer over the library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from marsad.export.formats import FORMATS, writer_for
from marsad.ingest.readers import MAX_BYTES, InputError, read_path

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


def _fail(message: str) -> None:
    typer.echo(f"marsad: {message}", err=True)
    raise typer.Exit(2)


def _check_published(value: str | None) -> str | None:
    from marsad.pipeline import parse_iso_date

    if value is not None and parse_iso_date(value) is None:
        _fail(f"--published {value!r} is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
    return value


@app.command()
def extract(
    paths: Annotated[list[str] | None, typer.Argument(help="Files (.txt .html .jsonl), folders, - for stdin")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD[THH:MM]")] = None,
    lang: Annotated[str, typer.Option(help="auto, or a language code (ar, en)")] = "auto",
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}")] = "json",
    gazetteer: Annotated[str | None, typer.Option(help="Gazetteer name or path (default: builtin)")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest file (or JSONL line) read, in bytes")] = MAX_BYTES,
) -> None:
    """Code articles into ACLED-style events and figures (EVENT-SCHEMA.md)."""
    from marsad.lang import available_languages
    from marsad.pipeline import extract_article
    from marsad.resolve.registry import open_gazetteer

    if fmt not in FORMATS:
        _fail(f"--format {fmt!r} is not one of: {', '.join(FORMATS)}")
    if lang != "auto" and lang not in available_languages():
        _fail(f"--lang {lang!r} is not one of: auto, {', '.join(available_languages())}")
    _check_published(published)
    try:
        gaz = open_gazetteer(gazetteer)
    except (FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    writer = writer_for(fmt, out)
    failed = 0
    try:
        for path in paths or ["-"]:
            for item in read_path(path, max_bytes):
                if isinstance(item, InputError):
                    failed += item.error
                    typer.echo(f"marsad: {item}" if item.error else f"marsad: note: {item}", err=True)
                    continue
                if item.published is None and published is not None:
                    item.published = published
                doc = extract_article(item, gazetteer=gaz, language=None if lang == "auto" else lang)
                writer.write(doc)
    finally:
        writer.close()
        if output:
            out.close()
    if failed:
        raise typer.Exit(2)


@app.command()
def lexicon() -> None:
    """Check every language data file and print the size of each lexicon."""
    from marsad.lang import LexiconError, available_languages
    from marsad.recognise.lexicon import lexicon as load

    try:
        for code in available_languages():
            lex = load(code)
            sizes = ", ".join(f"{k} {v}" for k, v in lex.sizes.items())
            typer.echo(f"{code}: {sizes}")
    except LexiconError as exc:
        _fail(str(exc))


@app.command()
def version() -> None:
    """Print marsad's version."""
    from marsad import __version__

    typer.echo(__version__)


def main() -> None:
    app()
