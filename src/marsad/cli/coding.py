"""`marsad extract | lexicon | version | geocode`: coding articles and looking up places."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.common import MinConfidenceOpt, ModelOpt, _check_published, _fail, app, use_model
from marsad.export.formats import FORMATS, writer_for
from marsad.ingest.readers import MAX_BYTES, InputError, read_path


@app.command()
def extract(
    paths: Annotated[list[str] | None, typer.Argument(help="Files (.txt .html .jsonl), folders, - for stdin")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD[THH:MM]")] = None,
    lang: Annotated[str, typer.Option(help="auto, or a language code (ar, en)")] = "auto",
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}")] = "json",
    gazetteer: Annotated[str | None, typer.Option(help="Gazetteer name or path (default: builtin)")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest file (or JSONL line) read, in bytes")] = MAX_BYTES,
    model: ModelOpt = None,
    min_confidence: MinConfidenceOpt = None,
) -> None:
    """Code articles into ACLED-style events and figures (EVENT-SCHEMA.md)."""
    from marsad.lang import available_languages
    from marsad.pipeline import extract_article, keep_confident
    from marsad.resolve.registry import open_gazetteer

    if fmt not in FORMATS:
        _fail(f"--format {fmt!r} is not one of: {', '.join(FORMATS)}")
    if lang != "auto" and lang not in available_languages():
        _fail(f"--lang {lang!r} is not one of: auto, {', '.join(available_languages())}")
    _check_published(published)
    use_model(model)
    try:
        gaz = open_gazetteer(gazetteer)
    except (FileNotFoundError, ValueError) as exc:  # GazetteerFileError is a ValueError
        _fail(str(exc))
    try:
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")
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
                try:
                    doc = extract_article(item, gazetteer=gaz, language=None if lang == "auto" else lang)
                except Exception as exc:  # one bad article must not stop the batch
                    failed += 1
                    typer.echo(f"marsad: {item.origin}: internal error, article skipped ({type(exc).__name__}: "
                               f"{exc})", err=True)
                    continue
                writer.write(keep_confident(doc, min_confidence))
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



@app.command()
def geocode(
    name: Annotated[str, typer.Argument(help="A place name as written (Arabic or Latin script), with any "
                                             "descriptor: 'قرية الخليلية', 'the village of Kherbet Musa', "
                                             "'Tal Sinan south of Salamiyah'")],
    admin1: Annotated[str | None, typer.Option(help="The governorate (province) it is in, any spelling: "
                                                    "chooses among same-name places")] = None,
    near: Annotated[str | None, typer.Option(help="A place it is near: chooses among same-name places")] = None,
    country: Annotated[str | None, typer.Option(help="Only places in this country (ISO2 code or name)")] = None,
    gazetteer: Annotated[str | None, typer.Option(help="Gazetteer name or path (default: the configured one)")] = None,
    limit: Annotated[int, typer.Option(help="How many candidates")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
) -> None:
    """Candidates for a place name: exact names, transliterations, romanisations across scripts, near
    misspellings; descriptors (village, قرية, south of …) read and set aside; --admin1/--near choose."""
    import json as _json

    from marsad.resolve.geocoder import geocode as run_geocode
    from marsad.resolve.registry import open_gazetteer

    try:
        gaz = open_gazetteer(gazetteer)
        query, results = run_geocode(gaz, name, admin1=admin1, near=near, country=country, limit=limit)
    except (FileNotFoundError, ValueError) as exc:  # GeocodeError is a ValueError
        _fail(str(exc))
    found = [r.to_dict() for r in results]
    if as_json:
        typer.echo(_json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo(f"no place called {query.name!r} in {gaz.name}")
        raise typer.Exit(1)
    if query.dropped:
        typer.echo(f"looked up {query.name!r} (set aside: {', '.join(query.dropped)})")
    for c in found:
        typer.echo(f"{c['score']:.2f} {c['name']} ({c['name_ar'] or '-'}), {c['kind']}, {c['admin2'] or '-'}, "
                   f"{c['admin1'] or '-'}, {c['country']}  {c['latitude']:.4f},{c['longitude']:.4f}  [{c['id']}"
                   f"{' ' + c['pcode'] if c['pcode'] else ''}]  {c['reason']}")


