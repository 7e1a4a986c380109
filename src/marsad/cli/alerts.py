"""`marsad alert add | list | remove | deliver | log`: saved filters with an Atom feed and an optional webhook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.common import _fail, app, open_store

alert_app = typer.Typer(no_args_is_help=True, help="Saved filters that alert: an Atom feed each (served at "
                                                     "/api/alerts/NAME.atom) and optionally a signed webhook.")
app.add_typer(alert_app, name="alert")
DbOpt = Annotated[Path | None, typer.Option("--db", help="Database file (default: marsad.duckdb in the data "
                                                          "directory)")]


def _params(pairs: list[str]) -> dict:
    from marsad.store.alerts import FILTER_PARAMS, LIST_PARAMS

    out: dict = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or key not in FILTER_PARAMS:
            _fail(f"--filter {pair!r}: expected KEY=VALUE with KEY one of {', '.join(FILTER_PARAMS)}")
        if key in LIST_PARAMS:
            out.setdefault(key, []).append(value.strip())
        elif key in ("min_fatalities", "min_outlets"):
            if not value.strip().isdigit():
                _fail(f"--filter {pair!r}: {key} is a whole number")
            out[key] = int(value)
        elif key == "min_confidence":
            try:
                out[key] = float(value)
            except ValueError:
                _fail(f"--filter {pair!r}: min_confidence is a number from 0 to 1")
        else:
            out[key] = value.strip()
    return out


@alert_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The alert's name (letters, digits, - and _)")],
    filters: Annotated[list[str] | None, typer.Option("--filter", help="KEY=VALUE, the API's filter parameters "
                                                                        "(repeatable): admin1=Idlib, type=Battles, "
                                                                        "min_fatalities=5, corroboration=confirmed")]
    = None,
    webhook: Annotated[str | None, typer.Option(help="URL to POST new and changed events to")] = None,
    secret: Annotated[str | None, typer.Option(help="Secret that signs each delivery (HMAC-SHA256)")] = None,
    db: DbOpt = None,
) -> None:
    """Save a filter as an alert (replacing one of that name)."""
    from marsad.store.alerts import AlertError
    from marsad.store.alerts import add as run

    store = open_store(db, read_only=False)
    try:
        run(store, name, _params(filters or []), webhook, secret)
    except AlertError as exc:
        _fail(str(exc))
    finally:
        store.close()
    typer.echo(f"alert {name!r} saved: feed at /api/alerts/{name}.atom" + (f", webhook {webhook}" if webhook else ""))


@alert_app.command("list")
def list_alerts(db: DbOpt = None) -> None:
    """The saved alerts, their filters and webhooks."""
    from marsad.store.alerts import listed

    store = open_store(db, read_only=True)
    try:
        for a in listed(store):
            typer.echo(f"{a['name']}: {a['params']}" + (f" -> {a['webhook']}" if a["webhook"] else "")
                       + (f" (delivered through {a['delivered_through']})" if a["delivered_through"] else ""))
    finally:
        store.close()


@alert_app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="The alert's name")], db: DbOpt = None) -> None:
    """Delete an alert."""
    from marsad.store.alerts import AlertError
    from marsad.store.alerts import remove as run

    store = open_store(db, read_only=False)
    try:
        run(store, name)
    except AlertError as exc:
        _fail(str(exc))
    finally:
        store.close()


@alert_app.command("deliver")
def deliver(name: Annotated[str | None, typer.Argument(help="One alert (default: every alert with a webhook)")]
            = None, db: DbOpt = None) -> None:
    """POST each webhook alert's events new or changed since its last delivery (retried, logged)."""
    from marsad.store.alerts import deliver as run

    store = open_store(db, read_only=False)
    try:
        results = run(store, name)
    finally:
        store.close()
    failed = 0
    for alert, n, outcome in results:
        typer.echo(f"{alert}: {n} event(s), {outcome}")
        failed += outcome == "failed"
    if failed:
        raise typer.Exit(2)


@alert_app.command("log")
def log(name: Annotated[str | None, typer.Argument(help="One alert (default: all)")] = None,
        db: DbOpt = None) -> None:
    """Every webhook delivery attempt, newest first."""
    from marsad.store.alerts import log as run

    store = open_store(db, read_only=True)
    try:
        for d in run(store, name):
            typer.echo(f"{d['at']:%Y-%m-%d %H:%M:%S} {d['alert']} attempt {d['attempt']}: {d['events']} event(s), "
                       f"status {d['status'] or '-'}" + (f" ({d['error']})" if d["error"] else ""))
    finally:
        store.close()
