"""Alerts: saved filters (the API's filter parameters, named). Each is an Atom feed of its linked events — an
entry per event, updated (not duplicated) when the event grows — and optionally a webhook: a JSON POST of the
events new or changed since the last delivery, signed with HMAC-SHA256, retried with back-off, every attempt
logged (table `deliveries`). docs/ALERTS.md."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from datetime import datetime
from typing import Any
from xml.etree import ElementTree as ET

from marsad.store.db import Store
from marsad.store.query import Filters, jsonable
from marsad.store.validate import FILTER_PARAMS

LIST_PARAMS = frozenset({"type", "sub_type", "admin1", "country", "corroboration", "status"})
RETRIES = (0.5, 1.0, 2.0)  # seconds before the 2nd, 3rd and 4th attempt
ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 200


class AlertError(ValueError):
    """An alert that cannot be made or used (the message names it and why)."""


def filters(params: dict[str, Any], store: Store | None = None) -> Filters:
    """The saved parameters as the query's Filters, every value checked as the API checks it."""
    from marsad.store import validate

    unknown = sorted(set(params) - set(FILTER_PARAMS))
    if unknown:
        raise AlertError(f"unknown filter {unknown[0]!r} (filters: {', '.join(FILTER_PARAMS)})")
    try:
        return validate.filters(params, store)
    except validate.FilterError as exc:
        raise AlertError(str(exc)) from None


def add(store: Store, name: str, params: dict[str, Any], webhook: str | None = None, secret: str | None = None) -> None:
    if not name or len(name) > 64 or not all(ch.isalnum() or ch in "-_" for ch in name):
        raise AlertError(f"alert name {name!r}: 1 to 64 letters, digits, - or _")
    if webhook and not webhook.startswith(("http://", "https://")):
        raise AlertError(f"webhook {webhook!r} is not an http(s) URL")
    if webhook and not secret:
        raise AlertError("a webhook needs a secret to sign its deliveries (--secret)")
    params = {k: v for k, v in params.items() if v not in (None, [], ())}
    filters(params, store)  # refuse a filter that could never match, naming the value
    store.con.execute("INSERT OR REPLACE INTO alerts VALUES (?, ?, ?, ?, ?, NULL)",
                      [name, json.dumps(params, ensure_ascii=False), webhook, secret, datetime.now()])


def remove(store: Store, name: str) -> None:
    if not store.con.execute("SELECT 1 FROM alerts WHERE name = ?", [name]).fetchone():
        raise AlertError(f"no alert {name!r}")
    store.con.execute("DELETE FROM alerts WHERE name = ?", [name])


def listed(store: Store) -> list[dict[str, Any]]:
    rows = store.con.execute("SELECT name, params, webhook, created_at, delivered_through FROM alerts ORDER BY name")
    return [{"name": n, "params": json.loads(p), "webhook": w, "created_at": c, "delivered_through": d}
            for n, p, w, c, d in rows.fetchall()]


def _alert(store: Store, name: str) -> tuple[dict[str, Any], str | None, str | None, datetime | None]:
    row = store.con.execute("SELECT params, webhook, secret, delivered_through FROM alerts WHERE name = ?",
                            [name]).fetchone()
    if row is None:
        raise AlertError(f"no alert {name!r}")
    return json.loads(row[0]), row[1], row[2], row[3]


def events(store: Store, name: str, since: datetime | None = None, limit: int = FEED_ENTRIES) -> list[dict]:
    """The alert's linked events, most recently changed first (since: changed after that time)."""
    from marsad.store.query import fetch

    params, *_ = _alert(store, name)
    where, args = filters(params, store).where()
    if since is not None:
        where += " AND updated_at > ?"
        args.append(since)
    return fetch(store, f"SELECT * FROM events{where} ORDER BY updated_at DESC, event_id LIMIT {int(limit)}", args)


def _stamp(t: datetime | None) -> str:
    return (t or datetime(1970, 1, 1)).replace(microsecond=0).isoformat() + "Z"


def atom(store: Store, name: str, base: str) -> str:
    """The alert as an Atom feed: one entry per linked event, its id stable and `updated` its last change."""
    ET.register_namespace("", ATOM)
    rows = events(store, name)
    feed = ET.Element(f"{{{ATOM}}}feed")

    def add_text(parent, tag: str, text: str, **attrs) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        el.text = text
        return el

    add_text(feed, "id", f"urn:marsad:alert:{name}")
    add_text(feed, "title", f"marsad alert: {name}")
    add_text(feed, "updated", _stamp(max((r["updated_at"] for r in rows if r.get("updated_at")), default=None)))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": f"{base}/api/alerts/{name}.atom"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    add_text(author, "name", "marsad")
    for r in rows:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        add_text(entry, "id", f"urn:marsad:event:{r['event_id']}")
        killed = f": {r['fatalities']} killed" if r.get("fatalities") is not None else ""
        add_text(entry, "title", f"{r.get('sub_event_type')} in {r.get('location') or r.get('country')}, "
                                 f"{r.get('event_date')}{killed}")
        add_text(entry, "updated", _stamp(r.get("updated_at")))
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": f"{base}/#/event/{r['event_id']}"})
        add_text(entry, "summary", f"{r.get('notes') or ''} [{r.get('corroboration') or 'ungraded'}; "
                                   f"{r.get('n_reports')} report(s) from {r.get('n_outlets')} outlet(s)]")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode")


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(store: Store, name: str | None = None, sleep=time.sleep) -> list[tuple[str, int, str]]:
    """POST each webhook alert's events changed since its last delivery. (alert, events sent, outcome) each."""
    out = []
    for a in listed(store):
        if (name is not None and a["name"] != name) or not a["webhook"]:
            continue
        _, webhook, secret, through = _alert(store, a["name"])
        fresh = events(store, a["name"], since=through, limit=10_000)
        if not fresh:
            out.append((a["name"], 0, "nothing new"))
            continue
        body = json.dumps({"alert": a["name"], "events": [jsonable(e) for e in fresh]}, ensure_ascii=False,
                          default=str).encode("utf-8")
        outcome = "failed"
        for attempt, pause in enumerate((0.0, *RETRIES), 1):
            if pause:
                sleep(pause)
            status, error = _post(webhook, body, signature(secret, body))
            store.con.execute("INSERT INTO deliveries VALUES (nextval('delivery_seq'), ?, ?, ?, ?, ?, ?)",
                              [a["name"], attempt, len(fresh), status, error, datetime.now()])
            if status is not None and 200 <= status < 300:
                newest = max(e["updated_at"] for e in fresh if e.get("updated_at"))
                store.con.execute("UPDATE alerts SET delivered_through = ? WHERE name = ?", [newest, a["name"]])
                outcome = f"delivered (attempt {attempt})"
                break
        out.append((a["name"], len(fresh), outcome))
    return out


def _post(url: str, body: bytes, signed: str) -> tuple[int | None, str | None]:
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "X-Marsad-Signature": signed, "User-Agent": "marsad-alerts"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (the user's own webhook)
            return response.status, None
    except urllib.error.HTTPError as exc:
        return exc.code, str(exc.reason)
    except (urllib.error.URLError, OSError) as exc:
        return None, str(getattr(exc, "reason", exc))


def log(store: Store, name: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    where, args = ("WHERE alert = ?", [name]) if name else ("", [])
    rows = store.con.execute(f"SELECT alert, attempt, events, status, error, attempted_at FROM deliveries {where} "
                             f"ORDER BY delivery_id DESC LIMIT {int(limit)}", args).fetchall()
    return [dict(zip(("alert", "attempt", "events", "status", "error", "at"), r, strict=True)) for r in rows]
