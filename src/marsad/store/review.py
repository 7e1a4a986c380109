"""People's review of machine-coded linked events: confirm, edit, reject, merge, split — each with the
reviewer's name, the time and the reason kept in an audit trail.

A person's values are stored apart from the machine's (table `reviews`) and applied every time a linked
event is recomputed, so they win over the machine and survive re-coding and relinking. A merge or a split
pins the reports concerned (table `link_pins`): linking leaves them where the person put them, and never
merges an event a person has reviewed.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import Any

from marsad.code.acled import disorder_type
from marsad.store.db import Store, decode_row

ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
TEXT_FIELDS = {"actor1": 200, "actor2": 200, "assoc_actor_1": 200, "assoc_actor_2": 200, "location": 200,
               "admin1": 100, "admin2": 100, "country": 100, "notes": 2000}
INT_FIELDS = ("fatalities", "fatalities_max", "injured")
EDITABLE = frozenset({"event_type", "sub_event_type", "event_date", "time_precision", "geo_precision", "latitude",
                      "longitude", "civilian_targeting", *TEXT_FIELDS, *INT_FIELDS})
STATUSES = ("unreviewed", "confirmed", "edited", "rejected")


class ReviewError(ValueError):
    """A review action that cannot be done: status is the HTTP code (404, 409, 422)."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _event(store: Store, event_id: str) -> dict[str, Any]:
    cur = store.con.execute("SELECT * FROM events WHERE event_id = ?", [event_id])
    row = cur.fetchone()
    if row is None:
        raise ReviewError(f"no linked event {event_id!r}", 404)
    return decode_row([d[0] for d in cur.description], row)


def _who(reviewer: str | None) -> str:
    name = (reviewer or "").strip()
    if not name or len(name) > 100:
        raise ReviewError("a reviewer name (1 to 100 characters) is required")
    return name


def validate(changes: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The changes, checked and normalised; a ReviewError names the first field that is wrong."""
    if not isinstance(changes, dict) or not changes:
        raise ReviewError("no changes given")
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise ReviewError(f"field {unknown[0]!r} cannot be edited (editable: {', '.join(sorted(EDITABLE))})")
    out: dict[str, Any] = {}
    for field, value in changes.items():
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise ReviewError(f"{field} is not valid text (a lone surrogate)") from None
        if field in TEXT_FIELDS:
            if value is not None and (not isinstance(value, str) or len(value) > TEXT_FIELDS[field]):
                raise ReviewError(f"{field} must be text of at most {TEXT_FIELDS[field]} characters, or null")
            out[field] = value.strip() if isinstance(value, str) and value.strip() else None
        elif field in INT_FIELDS:
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10**6):
                raise ReviewError(f"{field} must be a whole number from 0 to 1,000,000, or null")
            out[field] = value
        elif field in ("time_precision", "geo_precision"):
            if value not in (1, 2, 3) or isinstance(value, bool):
                raise ReviewError(f"{field} must be 1, 2 or 3")
            out[field] = value
        elif field in ("latitude", "longitude"):
            limit = 90 if field == "latitude" else 180
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                      or not math.isfinite(value) or abs(value) > limit):
                raise ReviewError(f"{field} must be a number from -{limit} to {limit}, or null")
            out[field] = float(value) if value is not None else None
        elif field == "event_date":
            try:
                day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
            except ValueError:
                day = None
            if day is None or not 1900 <= day.year <= 2100:
                raise ReviewError("event_date must be a date written YYYY-MM-DD, between 1900 and 2100")
            out[field] = day.isoformat()
        elif field == "civilian_targeting":
            if not isinstance(value, bool):
                raise ReviewError("civilian_targeting must be true or false")
            out[field] = value
        elif field in ("event_type", "sub_event_type"):
            if not isinstance(value, str):
                raise ReviewError(f"{field} must be text")
            out[field] = value
    merged = current | out
    event_type, sub = merged.get("event_type"), merged.get("sub_event_type")
    if event_type not in ACLED_TYPES:
        raise ReviewError(f"event_type must be one of ACLED's: {', '.join(ACLED_TYPES)}")
    if sub not in ACLED_TYPES[event_type]:
        raise ReviewError(f"sub_event_type {sub!r} is not one of {event_type}'s: {', '.join(ACLED_TYPES[event_type])}")
    if "event_type" in out or "sub_event_type" in out:
        out["disorder_type"] = disorder_type(event_type, sub)
    if (merged.get("latitude") is None) != (merged.get("longitude") is None):
        raise ReviewError("latitude and longitude go together: give both, or neither")
    out |= _place(out, current)
    low, high = merged.get("fatalities"), merged.get("fatalities_max")
    if low is not None and high is not None and high <= low and "fatalities_max" not in out:
        out["fatalities_max"] = None  # the machine's range no longer holds once a person sets the toll
    elif low is not None and high is not None and high < low:
        raise ReviewError("fatalities_max must not be below fatalities")
    return out


def _record(store: Store, event_id: str, action: str, reviewer: str, reason: str | None,
            changes: dict[str, Any] | None = None, before: dict[str, Any] | None = None) -> None:
    store.con.execute("INSERT INTO audit VALUES (nextval('audit_seq'), ?, ?, ?, ?, ?, ?, ?)",
                      [event_id, action, reviewer, _now(), reason, json.dumps(changes or {}, ensure_ascii=False,
                                                                              default=str),
                       json.dumps(before or {}, ensure_ascii=False, default=str)])


def _set_review(store: Store, event_id: str, status: str, reviewer: str, changes: dict[str, Any]) -> None:
    store.con.execute("INSERT OR REPLACE INTO reviews VALUES (?, ?, ?, ?, ?)",
                      [event_id, status, reviewer, _now(), json.dumps(changes, ensure_ascii=False)])


def _pin_reports(store: Store, event_id: str) -> None:
    """A reviewed event keeps its reports through relinking and article updates (its id with them)."""
    store.con.execute("INSERT OR REPLACE INTO link_pins SELECT report_id, link_id FROM reports WHERE link_id = ?",
                      [event_id])


def _stored_changes(store: Store, event_id: str) -> dict[str, Any]:
    row = store.con.execute("SELECT changes FROM reviews WHERE event_id = ?", [event_id]).fetchone()
    return json.loads(row[0]) if row and row[0] else {}


def _in_transaction(store: Store, work) -> Any:
    store.con.execute("BEGIN TRANSACTION")
    try:
        result = work()
        store.con.execute("COMMIT")
        return result
    except BaseException:
        store.con.execute("ROLLBACK")
        raise


def confirm(store: Store, event_id: str, reviewer: str, reason: str | None = None) -> dict[str, Any]:
    name = _who(reviewer)

    def work():
        _event(store, event_id)
        changes = _stored_changes(store, event_id)
        _set_review(store, event_id, "edited" if changes else "confirmed", name, changes)
        _pin_reports(store, event_id)
        _record(store, event_id, "confirm", name, reason)
        store._refuse(event_id, _now())
        return _event(store, event_id)

    return _in_transaction(store, work)


PLACE_MATCH = 0.9  # a gazetteer name at least this close to the location a reviewer types is that place


def _place(out: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The fields that follow from a changed place, so that no record mixes two places: iso from the country;
    admin1, admin2, geonames_id and the point from the gazetteer when the location changes (or the edit is
    refused, naming why); geonames_id cleared when the point moves without the place."""
    from marsad.data import country_by_name

    derived: dict[str, Any] = {}
    country = current.get("country")
    if "country" in out:
        country = out["country"]
        if country is None:
            derived["iso"] = None
        else:
            known = {k.lower(): r for k, r in country_by_name().items()}
            row = known.get(country.lower())
            if row is None:
                from marsad.store.validate import _nearest

                near = _nearest(country, country_by_name())
                raise ReviewError(f"country {country!r} is not one marsad knows"
                                  + (f"; nearest: {', '.join(near)}" if near else ""))
            country = derived["country"] = row["name"]
            derived["iso"] = int(row["isonum"]) if row["isonum"] else None
        if "location" not in out and country != current.get("country"):
            raise ReviewError("a new country needs the place in it: give location (and latitude and longitude if the "
                              "gazetteer does not hold it) with the country")
    if "location" in out:
        derived |= _located(out, country if "country" in out else None)
    elif "latitude" in out or "longitude" in out:
        derived["geonames_id"] = None  # the point moved: it is no longer the gazetteer's place of that name
    if "admin1" in out and "location" not in out and "admin2" not in out:
        derived["admin2"] = None  # the district belonged to the old governorate
    return derived


def _located(out: dict[str, Any], country: str | None) -> dict[str, Any]:
    """Admin areas, gazetteer id, point and precision of the location a reviewer typed."""
    location = out["location"]
    given_point = out.get("latitude") is not None and out.get("longitude") is not None
    if location is None:
        return {"admin2": None, "geonames_id": None} | ({} if "latitude" in out else {"latitude": None,
                                                                                      "longitude": None})
    from marsad.resolve.geocoder import GeocodeError, geocode
    from marsad.resolve.registry import open_gazetteer

    gazetteer = open_gazetteer(None)
    try:
        _, found = geocode(gazetteer, location, admin1=out.get("admin1"), country=country, limit=3)
    except GeocodeError:
        found = []
    best = found[0] if found and found[0].candidate.score >= PLACE_MATCH else None
    if best is not None and (country is None or best.candidate.entry.country == country):
        e = best.candidate.entry
        derived = {"admin1": out.get("admin1") or (e.admin1 if e.kind != "country" else None),
                   "admin2": out.get("admin2") or e.admin2, "geonames_id": e.geonames_id, "country": e.country,
                   "iso": _iso(e.country)}
        if not given_point:
            derived |= {"latitude": round(e.latitude, 5), "longitude": round(e.longitude, 5)}
        if "geo_precision" not in out:
            derived["geo_precision"] = best.geo_precision
        return derived
    if not given_point:
        where = f" in {country}" if country else ""
        raise ReviewError(f"location {location!r} is not in the gazetteer ({gazetteer.name}){where}: give latitude "
                          "and longitude with it")
    return {"admin2": out.get("admin2"), "admin1": out.get("admin1"), "geonames_id": None}


def _iso(country: str | None) -> int | None:
    from marsad.code.acled import country_iso

    return country_iso(country)


def edit(store: Store, event_id: str, changes: dict[str, Any], reviewer: str,
         reason: str | None = None) -> dict[str, Any]:
    name = _who(reviewer)

    def work():
        current = _event(store, event_id)
        clean = validate(changes, current)
        before = {k: current.get(k) for k in clean}
        _set_review(store, event_id, "edited", name, _stored_changes(store, event_id) | clean)
        _pin_reports(store, event_id)
        _record(store, event_id, "edit", name, reason, clean, before)
        store._refuse(event_id, _now())
        return _event(store, event_id)

    return _in_transaction(store, work)


def reject(store: Store, event_id: str, reviewer: str, reason: str | None) -> dict[str, Any]:
    name = _who(reviewer)
    if not (reason or "").strip():
        raise ReviewError("a reason is required to reject an event")

    def work():
        _event(store, event_id)
        _set_review(store, event_id, "rejected", name, _stored_changes(store, event_id))
        _pin_reports(store, event_id)
        _record(store, event_id, "reject", name, reason)
        store._refuse(event_id, _now())
        return _event(store, event_id)

    return _in_transaction(store, work)


def _report_ids(store: Store, event_id: str) -> list[str]:
    return [r[0] for r in store.con.execute("SELECT report_id FROM reports WHERE link_id = ? ORDER BY report_id",
                                            [event_id]).fetchall()]


def merge(store: Store, event_ids: list[str], reviewer: str, reason: str | None = None) -> dict[str, Any]:
    """The first event absorbs the others: all their reports are pinned to it, their ids become aliases."""
    name = _who(reviewer)
    ids = list(dict.fromkeys(event_ids or []))
    if len(ids) < 2:
        raise ReviewError("a merge needs at least two different event ids")

    def work():
        events = [_event(store, i) for i in ids]
        if len({e["event_type"] for e in events}) > 1:
            raise ReviewError("events of different types cannot be merged: edit one's type first", 409)
        target = ids[0]
        moved = {i: _report_ids(store, i) for i in ids}
        for i, reports in moved.items():
            for rid in reports:
                store.con.execute("INSERT OR REPLACE INTO link_pins VALUES (?, ?)", [rid, target])
            if i != target:
                store.con.execute("UPDATE reports SET link_id = ? WHERE link_id = ?", [target, i])
                store.con.execute("UPDATE event_aliases SET event_id = ? WHERE event_id = ?", [target, i])
                store.con.execute("INSERT OR REPLACE INTO event_aliases VALUES (?, ?)", [i, target])
                store.con.execute("DELETE FROM reviews WHERE event_id = ?", [i])
                _record(store, i, "merged into", name, reason, {"event_id": target})
        _set_review(store, target, "edited", name, _stored_changes(store, target))
        _record(store, target, "merge", name, reason, {"merged": ids[1:]})
        now = _now()
        for i in ids:
            store._refuse(i, now)
        return _event(store, target)

    return _in_transaction(store, work)


def split(store: Store, event_id: str, report_ids: list[str], reviewer: str,
          reason: str | None = None) -> dict[str, Any]:
    """The chosen reports leave the event and become a new one; both halves are pinned apart."""
    name = _who(reviewer)
    chosen = list(dict.fromkeys(report_ids or []))

    def work():
        _event(store, event_id)
        members = _report_ids(store, event_id)
        if not chosen or not set(chosen) <= set(members):
            raise ReviewError("choose one or more reports of this event to split off")
        if set(chosen) == set(members):
            raise ReviewError("choose some of the event's reports, not all of them", 409)
        new_id = store._new_link_id(chosen[0] + "#split")
        for rid in members:
            store.con.execute("INSERT OR REPLACE INTO link_pins VALUES (?, ?)",
                              [rid, new_id if rid in chosen else event_id])
        store.con.execute(f"UPDATE reports SET link_id = ? WHERE report_id IN ({', '.join('?' * len(chosen))})",
                          [new_id, *chosen])
        _set_review(store, event_id, "edited", name, _stored_changes(store, event_id))
        _set_review(store, new_id, "edited", name, {})
        _record(store, event_id, "split", name, reason, {"new_event": new_id, "reports": chosen})
        _record(store, new_id, "split from", name, reason, {"event_id": event_id, "reports": chosen})
        now = _now()
        store._refuse(event_id, now)
        store._refuse(new_id, now)
        return _event(store, new_id)

    return _in_transaction(store, work)


def audit(store: Store, event_id: str) -> list[dict[str, Any]]:
    rows = store.con.execute("SELECT action, reviewer, acted_at, reason, changes, before FROM audit "
                             "WHERE event_id = ? ORDER BY audit_id", [event_id]).fetchall()
    return [{"action": a, "reviewer": r, "at": t.isoformat() if t else None, "reason": why,
             "changes": json.loads(c or "{}"), "before": json.loads(b or "{}")} for a, r, t, why, c, b in rows]
