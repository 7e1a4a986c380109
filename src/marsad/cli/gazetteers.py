"""`marsad gazetteer import | list | use`: installing and choosing gazetteers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.common import _fail, app

gazetteer_app = typer.Typer(no_args_is_help=True, help="Install, list and choose gazetteers.")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def gazetteer_import(
    paths: Annotated[list[Path], typer.Argument(help="The files or folders to import (one format; several "
                                                      "countries' WOF files become one gazetteer)")],
    fmt: Annotated[str, typer.Option("--format", help="wof (CSV or GeoJSON), geonames, opensyria, ocha")],
    alternate_names: Annotated[Path | None, typer.Option(help="GeoNames alternateNamesV2.txt")] = None,
    name: Annotated[str | None, typer.Option(help="Install under this name (default: from the source)")] = None,
    base: Annotated[str | None, typer.Option(help="Layer the import over this installed gazetteer")] = None,
    use: Annotated[bool, typer.Option("--use", help="Make it the default gazetteer")] = False,
) -> None:
    """Import a gazetteer into the data directory (one file, loaded in well under a second)."""
    import time

    from marsad.resolve.importers import GazetteerImportError, run_imports
    from marsad.resolve.registry import install, set_default

    t0 = time.perf_counter()
    failed: list[GazetteerImportError] = []

    def skip(exc: GazetteerImportError) -> None:  # one line for a bad file; the other files are still imported
        failed.append(exc)
        typer.echo(f"marsad: {exc}; skipped", err=True)

    try:
        imported = run_imports(fmt, paths, alternate_names, on_error=skip if len(paths) > 1 else None)
        full, where = install(imported, name, base)
    except (GazetteerImportError, ValueError, FileNotFoundError, OSError) as exc:
        _fail(str(exc))
    if use:
        set_default(full.name)
    joined = full.meta.get("joined", 0)
    typer.echo(f"installed {full.name}: {len(imported):,} places imported"
               + (f" ({joined:,} joined to places already held)" if joined else "")
               + f", {len(full):,} in all, {len(full.names_list):,} names, {time.perf_counter() - t0:.1f} s -> {where}")
    if failed:
        raise typer.Exit(2)


@gazetteer_app.command("list")
def gazetteer_list() -> None:
    """Installed gazetteers with their sizes, sources and licences (* marks the default)."""
    from marsad.resolve.registry import BUILTIN, default_name, installed, open_gazetteer
    from marsad.resolve.store import GazetteerFileError

    default = default_name()
    for name in [BUILTIN, *installed()]:
        mark = "*" if name == default else " "
        try:
            g = open_gazetteer(name)
        except GazetteerFileError as exc:
            typer.echo(f"{mark} {name}: cannot be used — {exc}")
            continue
        typer.echo(f"{mark} {name}: {len(g):,} places, {len(g.names_list):,} names — {g.description}")
        typer.echo(f"    sources: {g.meta.get('sources', '')}; licence: {g.meta.get('licence', '')}")


@gazetteer_app.command("use")
def gazetteer_use(name: Annotated[str, typer.Argument(help="builtin or an installed gazetteer")]) -> None:
    """Make a gazetteer the default for extract and geocode."""
    from marsad.resolve.registry import set_default

    try:
        set_default(name)
    except ValueError as exc:
        _fail(str(exc))
    typer.echo(f"default gazetteer: {name}")


