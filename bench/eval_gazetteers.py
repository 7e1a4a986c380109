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

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
WOF = SHARED / "syria-gazetteer-wof" / "wof_syria_places.csv"
OCHA = SHARED / "syria-communities-ocha" / "ocha_syria_communities.csv"
NEIGHBOURS = sorted((SHARED / "wof-neighbours").glob("wof_*_places.csv"))
NAMES = ("builtin", "wof-sy", "ocha-sy", "wof-sy+ocha", "all")


def install_for_eval(wanted: tuple[str, ...] = NAMES) -> list:
    """The gazetteers asked for (each opened), in the order asked."""
    if "MARSAD_DATA_DIR" not in os.environ:  # a scratch data directory, removed when the run ends
        os.environ["MARSAD_DATA_DIR"] = tempfile.mkdtemp(prefix="marsad-geo-eval-")
        atexit.register(shutil.rmtree, os.environ["MARSAD_DATA_DIR"], True)
    from marsad.resolve import importers
    from marsad.resolve.registry import install, open_gazetteer

    out = []
    have_ocha = "ocha" in getattr(importers, "FORMATS", ())
    for name in wanted:
        if name == "builtin":
            out.append(open_gazetteer("builtin"))
        elif name == "wof-sy" and WOF.is_file():
            out.append(install(importers.run_import("wof", WOF), "wof-sy")[0])
        elif name == "ocha-sy" and have_ocha and OCHA.is_file():
            out.append(install(importers.run_import("ocha", OCHA), "ocha-sy")[0])
        elif name == "wof-sy+ocha" and have_ocha and OCHA.is_file() and WOF.is_file():
            if "wof-sy" not in [g.name for g in out]:
                install(importers.run_import("wof", WOF), "wof-sy")
            out.append(install(importers.run_import("ocha", OCHA), "wof-sy+ocha", base="wof-sy")[0])
        elif name == "all" and have_ocha and OCHA.is_file() and WOF.is_file() and NEIGHBOURS:
            if "wof-sy+ocha" not in [g.name for g in out]:
                install(importers.run_import("wof", WOF), "wof-sy")
                install(importers.run_import("ocha", OCHA), "wof-sy+ocha", base="wof-sy")
            out.append(install(importers.run_imports("wof", NEIGHBOURS), "all", base="wof-sy+ocha")[0])
        else:
            print(f"note: gazetteer {name} skipped (this code or ../shared cannot build it)", file=sys.stderr)
    return out
