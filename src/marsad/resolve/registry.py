"""Choosing a gazetteer by name or path (the built-in one now; imported ones come with the importers)."""

from __future__ import annotations

from marsad.resolve.gazetteer import Gazetteer


def open_gazetteer(name: str | None) -> Gazetteer:
    """The gazetteer called `name` (None or "builtin": the built-in default)."""
    from marsad.pipeline import default_gazetteer

    if name in (None, "", "builtin"):
        return default_gazetteer()
    raise ValueError(f"unknown gazetteer {name!r} (installed: builtin)")
