"""When two reports, from two articles, tell of the same event, and what the linked event then says.

A report is one event as one article codes it (EVENT-SCHEMA.md's EVENT plus the article's id and outlet).
Reports link as ACLED counts events: one per date × place × actor pair × type. A report joins a linked event
only when it is compatible with *every* report already in it (complete linkage), so a vague report cannot
bridge two distinct events ("Eastern Ghouta, Tuesday" between a strike on Douma and one on Harasta).

Compatible means: different articles; the same event type (and, within a type, sub-types a reader could
confuse for one event: air strike or shelling; a clash or the capture it ends in); the same country; the
same day when both give a day (a week apart at most when either gives only the week, a month for a
month); the same town when both name one (the same name, or points within 2 km), within 25 km when one is
"near" a town, a countryside or a small area; named perpetrators that do not contradict each other. A
report that knows only a wide area (a region, a governorate, the country) joins only in the same
governorate, within 100 km, and with more in common: the same named actor, the same toll or the same day.
New reports can show two linked events to be one: they are merged when every pair of their reports is
compatible.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from marsad.code.acled import notes
from marsad.link.corroboration import grade
from marsad.pipeline import parse_iso_date
from marsad.resolve.gazetteer import distance_km

Report = dict[str, Any]

# sub-types that reports of one event often disagree on ("قصف" is read as shelling by one outlet, as an air
# strike by another; a clash that ends in a capture)
_INTERCHANGEABLE = [
    frozenset({"Air/drone strike", "Shelling/artillery/missile attack"}),
    frozenset({"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}),
]
TOWN_KM = 2.0  # two named towns are two places (ACLED: one event per location); 2 km absorbs gazetteers' points
AREA_KM = 25.0  # "near X", a countryside or a small region and a town in it
WIDE_KM = 100.0  # a wide region (eastern Syria, a governorate) and anything said to be in it
DATE_WINDOW = {1: 0, 2: 7, 3: 31}  # days apart allowed, by the looser time_precision of two reports


def as_date(value: Any) -> date | None:
    """A date from a stored date or an ISO string (pipeline.parse_iso_date); None when it is neither."""
    if value is None or isinstance(value, date):
        return value
    return parse_iso_date(str(value))


def named(actor: str | None) -> bool:
    """An actor the text names (not "Unidentified Armed Group", not absent)."""
    return bool(actor) and not actor.startswith("Unidentified")


def _subtypes_agree(a: str, b: str) -> bool:
    return a == b or any(a in s and b in s for s in _INTERCHANGEABLE)


def _located(r: Report) -> bool:
    """Has a point below the governorate: a town or site (1), or near one / a small area (2)."""
    return r.get("latitude") is not None and r.get("geo_precision") in (1, 2) and r.get("location") != r.get("country")


# attacks rare enough that two reports of one at one place within a week are one attack told on several days
# (a town is shelled every day; it is gassed once, and the world reacts for a week, each story dating it by its
# own day): for these, two reports' days may be a week apart
RARE = frozenset({"Chemical weapon"})


def date_precision(r: Report) -> int:
    """A report's time_precision for linking: the week for a rare kind of attack (RARE), its own otherwise."""
    tp = r.get("time_precision") or 2
    return max(tp, 2) if r.get("sub_event_type") in RARE else tp


def _claimed(r: Report) -> bool:
    return bool({"claimed", "contested"} & set(r.get("flags") or ()))


def compatible(a: Report, b: Report) -> bool:
    return why_apart(a, b) is None


def why_apart(a: Report, b: Report) -> str | None:
    """Why two reports cannot be one event, or None when they can."""
    if a.get("article_id") == b.get("article_id") and not (a.get("sub_event_type") in RARE
                                                           and a.get("sub_event_type") == b.get("sub_event_type")):
        return "same article"  # within an article, merging is already done: two events there are two events
        # (but an article's two accounts of a rare attack, dated by two different days, are one)
    if a.get("event_type") != b.get("event_type"):
        return "event types differ"
    if not _subtypes_agree(a.get("sub_event_type") or "", b.get("sub_event_type") or ""):
        return "sub-event types differ"
    da, db = as_date(a.get("event_date")), as_date(b.get("event_date"))
    if da is None or db is None:
        return "undated"  # nothing says it is the same day
    if (a.get("country") or "") != (b.get("country") or ""):
        return "countries differ"
    window = DATE_WINDOW.get(max(date_precision(a), date_precision(b)), 31)
    if abs((da - db).days) > window:
        return f"dates {abs((da - db).days)} days apart"
    known_a = {x for x in (a.get("actor1"), a.get("actor2")) if named(x)}
    known_b = {x for x in (b.get("actor1"), b.get("actor2")) if named(x)}
    if named(a.get("actor1")) and named(b.get("actor1")) and a["actor1"] not in known_b and b["actor1"] not in known_a \
            and not (_claimed(a) or _claimed(b)):
        return "named perpetrators differ"  # (a party's claim names whom it accuses: both sides' claims on one
        # attack are one event, docs/DESIGN.md "Attribution")
    if _located(a) and _located(b):
        km = distance_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
        if a["geo_precision"] == 1 and b["geo_precision"] == 1:
            same_name = bool(a.get("location")) and a["location"].lower() == (b.get("location") or "").lower()
            return None if km <= TOWN_KM or (same_name and km <= AREA_KM) else f"two towns {km:.0f} km apart"
        return None if km <= AREA_KM else f"places {km:.0f} km apart"
    # one side knows only a wide area (a region, a governorate, the country): the same governorate, not
    # far apart, and more in common: the same named actor, the same toll, or the very same day
    if a.get("admin1") and b.get("admin1") and a["admin1"] != b["admin1"]:
        return "governorates differ"
    if a.get("latitude") is not None and b.get("latitude") is not None and a.get("location") != a.get("country") \
            and b.get("location") != b.get("country"):
        km = distance_km(a["latitude"], a["longitude"], b["latitude"], b["longitude"])
        if km > WIDE_KM:
            return f"areas {km:.0f} km apart"
    same_actor = (named(a.get("actor1")) and a["actor1"] in known_b) or (named(b.get("actor1"))
                                                                         and b["actor1"] in known_a)
    same_toll = a.get("fatalities") is not None and a.get("fatalities") == b.get("fatalities")
    if same_actor or same_toll or da == db:
        return None
    return "one side knows only a wide area, and nothing else agrees"


def link_score(r: Report, members: list[Report]) -> tuple[float, int]:
    """How close a report is to a linked event's reports (smaller is closer): km to the nearest located
    report (50 when none is comparable), then days."""
    km = [distance_km(r["latitude"], r["longitude"], m["latitude"], m["longitude"])
          for m in members if _located(r) and _located(m)]
    day = as_date(r.get("event_date"))
    days = [abs((day - as_date(m["event_date"])).days) for m in members if day and as_date(m.get("event_date"))]
    return (min(km) if km else 50.0, min(days) if days else 99)


def _mode(values: list[Any]) -> Any:
    """The most frequent value, the first seen among ties."""
    values = [v for v in values if v not in (None, "")]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return next(v for v in values if counts[v] == best)


def fuse(members: list[Report]) -> dict[str, Any]:
    """The linked event's fields from its reports: the most precise place and date any report gives (ties:
    what most reports say, then the earliest report), the most conservative toll as fatalities and the
    highest any report gives as fatalities_max, named actors over unidentified ones, every cited source and
    the number of distinct outlets."""
    ordered = sorted(members, key=lambda m: (m.get("published") is None, str(m.get("published") or ""),
                                             m.get("report_id") or ""))

    def best_by(precision_field: str, value_fields: tuple[str, ...]) -> Report:
        located = [m for m in ordered if m.get(precision_field) is not None]
        if not located:
            return ordered[0]
        top = min(m[precision_field] for m in located)
        tied = [m for m in located if m[precision_field] == top]
        common = _mode([tuple(m.get(f) for f in value_fields) for m in tied])
        return next(m for m in tied if tuple(m.get(f) for f in value_fields) == common)

    place = best_by("geo_precision", ("location", "latitude", "longitude"))
    when = best_by("time_precision", ("event_date",))
    actor1 = _mode([m.get("actor1") for m in ordered if named(m.get("actor1"))]) or _mode(
        [m.get("actor1") for m in ordered])
    by_actor1 = next((m for m in ordered if m.get("actor1") == actor1), ordered[0])
    others = [m.get("actor2") for m in ordered if m.get("actor2") != actor1]
    actor2 = _mode([a for a in others if named(a)]) or _mode(others)
    by_actor2 = next((m for m in ordered if m.get("actor2") == actor2), by_actor1)
    tolls = [m["fatalities"] for m in ordered if m.get("fatalities") is not None]
    highs = tolls + [m["fatalities_max"] for m in ordered if m.get("fatalities_max") is not None]
    fatalities = min(tolls) if tolls else None
    fatalities_max = max(highs) if highs and fatalities is not None and max(highs) > fatalities else None
    injured = [m["injured"] for m in ordered if m.get("injured") is not None]
    sources: list[str] = []
    for m in ordered:
        for s in m.get("sources") or []:
            if s not in sources:
                sources.append(s)
    outlets = []
    for m in ordered:
        if m.get("outlet") and m["outlet"] not in outlets:
            outlets.append(m["outlet"])
    flags = sorted({f for m in ordered for f in (m.get("flags") or [])} - {"unknown_perpetrator"}
                   | ({"unknown_perpetrator"} if not named(actor1) else set()))
    if len({m.get("fatalities") for m in ordered if m.get("fatalities") is not None}) > 1:
        flags = sorted(set(flags) | {"reports_disagree_on_fatalities"})
    sub = _mode([m.get("sub_event_type") for m in ordered])
    fused = {
        "event_date": when.get("event_date"), "date_end": when.get("date_end"),
        "time_precision": when.get("time_precision"), "date_text": when.get("date_text"),
        "disorder_type": ordered[0].get("disorder_type"), "event_type": ordered[0].get("event_type"),
        "sub_event_type": sub,
        "actor1": actor1, "assoc_actor_1": by_actor1.get("assoc_actor_1"), "inter1": by_actor1.get("inter1"),
        "actor2": actor2, "assoc_actor_2": by_actor2.get("assoc_actor_2") if actor2 else None,
        "inter2": by_actor2.get("inter2") if actor2 else None,
        "civilian_targeting": bool(actor2 and actor2.startswith("Civilians")),
        "country": place.get("country"), "iso": place.get("iso"), "admin1": place.get("admin1"),
        "admin2": place.get("admin2"), "location": place.get("location"), "latitude": place.get("latitude"),
        "longitude": place.get("longitude"), "geo_precision": place.get("geo_precision"),
        "location_text": place.get("location_text"), "geonames_id": place.get("geonames_id"),
        "fatalities": fatalities, "fatalities_max": fatalities_max,
        "injured": min(injured) if injured else None,
        "sources": sources, "outlets": outlets, "n_reports": len(ordered), "n_outlets": len(outlets),
        "n_articles": len({m.get("article_id") for m in ordered}),
        "confidence": linked_confidence([m.get("confidence") or 0.0 for m in ordered], len(outlets), flags),
        "flags": flags,
        "first_reported": ordered[0].get("published"),
    }
    fused["corroboration"], fused["independent_reports"], _ = grade(ordered)
    fused["notes"] = notes(sub or "", actor1, actor2, fused["location"], fused["admin1"],
                           str(fused["event_date"]) if fused["event_date"] else None, fused["time_precision"],
                           fatalities, sources, flags, fused["geo_precision"])
    return fused


def linked_confidence(confidences: list[float], outlets: int, flags: list[str]) -> float:
    """A linked event's confidence: its most confident report's, a little higher for each further outlet that
    reports it, under the same caps as a report's (never 1; lower for a flagged event)."""
    from marsad.learn.decider import confidence

    return confidence(max(confidences, default=0.0) + 0.05 * (outlets - 1), flags)

