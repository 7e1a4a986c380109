"""The `marsad` command: a thin layer over the library. One module per family of commands, each importing
only the shared helpers (marsad.cli.common); importing them here registers their commands on `app`."""

from __future__ import annotations

from marsad.cli import alerts, batch, coding, evaluation, gazetteers, learn, store  # noqa: F401 (registers commands)
from marsad.cli.common import app, command

__all__ = ["app", "command", "main"]


def main() -> None:
    command(app)(prog_name="marsad")
