"""Gazetteers on disk: one file per gazetteer in the user's data directory, loaded in well under a second.

A file holds the entries, the names and the built phrase index (the slow part to build), pickled. Files
are written only by marsad itself, in the user's own data directory; a file of another shape or version
is refused with a message that says to import it again. Like any pickle, a gazetteer file can run code
when loaded: pass `--gazetteer PATH` only for files you made or trust.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from dataclasses import astuple, fields
from pathlib import Path

from marsad.resolve.gazetteer import Gazetteer, PlaceEntry

FORMAT = "marsad-gazetteer"
VERSION = 4  # raise when the stored fields or the way names are indexed change
SUFFIX = ".gaz"
_FIELDS = [f.name for f in fields(PlaceEntry)]


class GazetteerFileError(ValueError):
    """A gazetteer file that cannot be used (the message names the file and the reason)."""


def save(gazetteer: Gazetteer, path: Path) -> Path:
    """Write atomically: a crash mid-write never leaves a half file under the final name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": FORMAT, "version": VERSION, "name": gazetteer.name, "meta": gazetteer.meta,
        "fields": _FIELDS, "entries": [astuple(e) for e in gazetteer.entries_list],
        "names": gazetteer.names_list, "trie": gazetteer.index.trie,
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=SUFFIX)
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load(path: Path) -> Gazetteer:
    try:
        with path.open("rb") as fh:
            payload = pickle.load(fh)
    except FileNotFoundError:
        raise GazetteerFileError(f"{path}: no such gazetteer file") from None
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError) as exc:
        raise GazetteerFileError(f"{path}: not a marsad gazetteer file ({exc.__class__.__name__})") from None
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise GazetteerFileError(f"{path}: not a marsad gazetteer file")
    if payload.get("version") != VERSION or payload.get("fields") != _FIELDS:
        raise GazetteerFileError(f"{path}: made by another version of marsad; import it again")
    try:
        entries = [PlaceEntry(*row) for row in payload["entries"]]
        return Gazetteer(payload["name"], entries, payload["names"], payload["meta"], stored_trie=payload["trie"])
    except (KeyError, TypeError) as exc:
        raise GazetteerFileError(f"{path}: damaged gazetteer file ({exc.__class__.__name__}: {exc}); "
                                 "import it again") from None
