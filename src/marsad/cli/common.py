"""What the commands share: the Typer app, one-line failures, common options, the help tidy-up.

Command modules (coding, gazetteers, evaluation, store, batch, learn) import this module and nothing else of
the CLI; `marsad.cli` imports them all, so that each registers its commands on `app`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="The `marsad` command: a thin layer over the library.")


def _fail(message: str) -> None:
    typer.echo(f"marsad: {message}", err=True)
    raise typer.Exit(2)


ModelOpt = Annotated[str | None, typer.Option(
    "--model", help="Decision layer: off (rules, hand-set confidence), confidence (rules decide, the model's "
                    "calibrated probability is the confidence), fast or accurate (the model decides too), or a model "
                    "file; default: $MARSAD_MODEL, else confidence (docs/LEARNED.md)")]
MinConfidenceOpt = Annotated[float | None, typer.Option("--min-confidence", min=0.0, max=1.0,
                                                        help="Output only events whose confidence is at least this")]


def require(extra: str, *modules: str) -> None:
    """One line naming the install command, exit 2, when an optional dependency is missing (not a traceback)."""
    import importlib.util

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        _fail(f"this command needs {', '.join(missing)} (the {extra!r} extra): pip install 'marsad[{extra}]'")


def use_model(name: str | None) -> None:
    """Choose the decision layer for this run (a one-line error names a model that cannot be loaded)."""
    from marsad.learn.decider import ModelError, select

    try:
        select(name)
    except ModelError as exc:
        _fail(str(exc))


def _check_published(value: str | None) -> str | None:
    from marsad.pipeline import parse_iso_date

    if value is not None and parse_iso_date(value) is None:
        _fail(f"--published {value!r} is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
    return value





DATE_OPTIONS = frozenset({"from", "to", "published", "date_from", "date_to"})


def command(typer_app: typer.Typer):
    """The click command of a Typer app, its help tidied: each option's value named as click names it (TEXT,
    INTEGER, FLOAT, PATH, DATE) instead of Python type tags (<str>, <list[str]>), and flags without one."""
    root = typer.main.get_command(typer_app)

    def name(param) -> str | None:
        desc = param.type_descriptor
        if param.name in DATE_OPTIONS:
            return "DATE"
        if desc.is_choice:
            return None  # the choices themselves
        if desc.is_path:
            return "PATH"
        base = desc.annotation
        args = getattr(base, "__args__", None)
        if desc.is_list and args:
            base = args[0]
        if desc.is_ranged:
            return "INTEGER" if "int" in str(desc.ranged_type_name).lower() else "FLOAT"
        return {int: "INTEGER", float: "FLOAT", str: "TEXT", bool: "BOOLEAN"}.get(base, "VALUE")

    def tidy(cmd) -> None:
        helper = cmd.get_help_option(cmd.context_class(cmd)) if hasattr(cmd, "get_help_option") else None
        for param in [*cmd.params, *([helper] if helper is not None else [])]:
            kind = getattr(param, "param_type_name", "")
            if kind == "argument":  # typer shows an argument's type whatever its metavar: name it here
                label = (name(param) or "VALUE") + ("..." if param.nargs != 1 else "")
                param.display_type_rich = lambda ctx, _label=label: _label
            elif kind == "option" and param.metavar is None:
                param.metavar = "" if param.is_flag else name(param)
        for sub in getattr(cmd, "commands", {}).values():
            tidy(sub)

    tidy(root)
    return root


def open_store(db: Path | None, read_only: bool, share: bool = False):
    """The store, waiting (up to marsad.store.db.WAIT seconds) while a server or an ingest holds the file;
    a shared store lets go of the file between articles (ingest, load)."""
    from marsad.store import Store, StoreError

    try:
        return Store(db, read_only=read_only, share=share)
    except StoreError as exc:
        _fail(str(exc))
