"""The gazetteers the geocoding benchmarks compare, installed from ../shared into a temporary data directory:
builtin; wof-sy (Who's On First Syria); ocha-sy (OCHA's communities joined to the built-in); wof-sy+ocha (both);
all (those and the Who's On First files of Iraq, Lebanon, Jordan, Turkey, Yemen). A code version that lacks
an importer (the OCHA one before issue 12) gets the gazetteers it can build, and says which it skipped."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

from corpora import SHARED  # noqa: E402 (bench/ is on sys.path when run as a script)

ROOT = Path(__file__).resolve().parents[1]
WOF = SHARED / "syria-gazetteer-wof" / "wof_syria_places.csv"
OCHA = SHARED / "syria-communities-ocha" / "ocha_syria_communities.csv"
NEIGHBOURS = sorted((SHARED / "wof-neighbours").glob("wof_*_places.csv"))
# name -> (import format, source files, base gazetteer it is layered over; None: the built-in)
RECIPES = {
    "wof-sy": ("wof", [WOF], None),
    "ocha-sy": ("ocha", [OCHA], None),
    "wof-sy+ocha": ("ocha", [OCHA], "wof-sy"),
    "all": ("wof", NEIGHBOURS, "wof-sy+ocha"),
}
NAMES = ("builtin", *RECIPES)


def buildable(name: str) -> bool:
    """The sources are in ../shared and this code has the importer (the code before issue 12 lacks OCHA's)."""
    if name == "builtin":
        return True
    from marsad.resolve import importers

    fmt, files, base = RECIPES[name]
    return (fmt in getattr(importers, "FORMATS", ()) and bool(files) and all(f.is_file() for f in files)
            and (base is None or buildable(base)))


def install_for_eval(wanted: tuple[str, ...] = NAMES) -> list:
    """The gazetteers asked for (each opened), in the order asked; each source is imported once."""
    if "MARSAD_DATA_DIR" not in os.environ:  # a scratch data directory, removed when the run ends
        os.environ["MARSAD_DATA_DIR"] = tempfile.mkdtemp(prefix="marsad-geo-eval-")
        atexit.register(shutil.rmtree, os.environ["MARSAD_DATA_DIR"], True)
    from marsad.resolve import importers
    from marsad.resolve.registry import install, open_gazetteer

    done: dict = {"builtin": None}

    def ensure(name: str):
        if name not in done:
            fmt, files, base = RECIPES[name]
            if base is not None:
                ensure(base)
            imported = importers.run_import(fmt, files[0]) if len(files) == 1 else importers.run_imports(fmt, files)
            done[name] = install(imported, name, base=base)[0]
        return done[name] or open_gazetteer(name)

    out = []
    for name in wanted:
        if buildable(name):
            out.append(ensure(name))
        else:
            print(f"note: gazetteer {name} skipped (this code or ../shared cannot build it)", file=sys.stderr)
    return out
