"""Filter values checked before a query runs: an unknown event type, sub-type, governorate or country is an error
that names the value and the nearest valid ones, never a silent empty answer."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date
from functools import cache

from marsad.store.review import ACLED_TYPES


class FilterError(ValueError):
    """A filter value that matches nothing marsad knows (the message names it and the nearest valid ones)."""


def _nearest(value: str, valid: Iterable[str]) -> list[str]:
    by_lower: dict[str, str] = {}
    for v in valid:
        by_lower.setdefault(v.lower(), v)
    close = difflib.get_close_matches(value.lower(), list(by_lower), n=3, cutoff=0.6)
    if not close:  # "Airstrike" and "Air/drone strike": compare the letters only
        letters = {"".join(ch for ch in k if ch.isalnum()): k for k in by_lower}
        close = [letters[k] for k in difflib.get_close_matches(
            "".join(ch for ch in value.lower() if ch.isalnum()), list(letters), n=3, cutoff=0.6)]
    return [by_lower[c] for c in close]


def choose(values: Iterable[str], valid: Iterable[str], what: str, option: str) -> tuple[str, ...]:
    """Each value as spelled in `valid` (case aside); a FilterError for one that is not there."""
    valid = list(valid)
    by_lower = {v.lower(): v for v in valid}
    out: list[str] = []
    for value in values:
        hit = by_lower.get(value.strip().lower())
        if hit is None:
            near = _nearest(value.strip(), valid)
            hint = f"; nearest: {', '.join(near)}" if near else f" (known: {', '.join(sorted(valid)[:12])}" + (
                ", …)" if len(valid) > 12 else ")")
            raise FilterError(f"{option} {value!r} is not a known {what}{hint}")
        out.append(hit)
    return tuple(out)


def event_types(values: Iterable[str], option: str = "--type") -> tuple[str, ...]:
    return choose(values, ACLED_TYPES, "ACLED event type", option)


def sub_event_types(values: Iterable[str], option: str = "--sub-type") -> tuple[str, ...]:
    return choose(values, [s for subs in ACLED_TYPES.values() for s in subs], "ACLED sub-event type", option)


@cache
def _known_countries() -> frozenset[str]:
    from marsad.data import table

    return frozenset(r["name"] for r in table("countries.tsv"))


def countries(values: Iterable[str], stored: Iterable[str] = (), option: str = "--country") -> tuple[str, ...]:
    return choose(values, set(_known_countries()) | {s for s in stored if s}, "country", option)


def admin1(values: Iterable[str], stored: Iterable[str] = (), option: str = "--admin1") -> tuple[str, ...]:
    """Governorates (or provinces abroad) in any spelling the built-in gazetteer knows ("Idlib", "Idleb",
    "إدلب"), or as a stored event spells them; every stored spelling of a place is returned."""
    from marsad.resolve.registry import open_gazetteer

    gaz = open_gazetteer("builtin")
    stored = {s for s in stored if s}
    out: list[str] = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        names = [e.admin1 for e in gaz.lookup(value) if e.kind == "governorate" and e.admin1]
        if value.lower() in {s.lower() for s in stored}:
            names.append(value)
        if not names:
            known = stored | {e.admin1 for e in gaz.governorates.values() if e.admin1}
            near = _nearest(value, known)
            hint = f"; nearest: {', '.join(near)}" if near else ""
            raise FilterError(f"{option} {value!r} is not a governorate or province marsad knows{hint}")
        out += [value] + [n for n in names if n not in out and n != value]
    return tuple(dict.fromkeys(out))


FILTER_PARAMS = ("from", "to", "type", "sub_type", "admin1", "country", "actor", "min_fatalities", "min_outlets",
                 "min_confidence", "corroboration", "status")


def api_name(key: str) -> str:
    return key


def cli_name(key: str) -> str:
    return "--" + key.replace("_", "-")


def filters(params: dict, stored=None, name=api_name):
    """The query's Filters from the API's filter parameters by name (what the API, the CLI and saved alerts
    give), every value checked; a FilterError names the first wrong one, as `name(key)` spells its option."""
    from marsad.link.corroboration import GRADES
    from marsad.store.query import Filters, stored_values
    from marsad.store.review import STATUSES

    def day(key: str) -> date | None:
        value = params.get(key)
        if value is None or isinstance(value, date):
            return value
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise FilterError(f"{name(key)} {value!r} is not a date (YYYY-MM-DD)") from None

    bad = [s for s in params.get("status") or () if s not in STATUSES]
    if bad:
        raise FilterError(f"{name('status')} {bad[0]!r} is not one of: {', '.join(STATUSES)}")
    admin1_given, country_given = params.get("admin1"), params.get("country")
    return Filters(date_from=day("from"), date_to=day("to"),
                   event_types=event_types(params.get("type") or (), name("type")),
                   sub_event_types=sub_event_types(params.get("sub_type") or (), name("sub_type")),
                   admin1=admin1(admin1_given, stored_values(stored, "admin1"), name("admin1"))
                   if admin1_given else (),
                   country=countries(country_given, stored_values(stored, "country"), name("country"))
                   if country_given else (),
                   actor=params.get("actor") or None, min_fatalities=params.get("min_fatalities"),
                   min_outlets=params.get("min_outlets"), min_confidence=params.get("min_confidence"),
                   corroboration=choose(params.get("corroboration") or (), GRADES, "corroboration grade",
                                        name("corroboration")),
                   statuses=tuple(params.get("status") or ()))
