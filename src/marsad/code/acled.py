"""ACLED coding: event type refinements, actors and inter codes, interaction, disorder type, notes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from marsad.data import Actor, TriggerClass, actors, country_by_name, table, trigger_classes

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
SUB_DISORDER = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Violent demonstration": "Demonstrations",
    "Mob violence": "Political violence",
}
CIVILIAN_GROUPS = frozenset({"civilians", "children", "women", "families", "journalists", "medics", "people"})
COMBATANT_GROUPS = frozenset({"fighters", "soldiers", "militants", "police"})
_ATTACK_LIKE = frozenset({"attack", "shooting", "kill", "injure", "execution", "massacre", "assassination"})


@dataclass(slots=True)
class CodedActors:
    actor1: str | None
    actor2: str | None
    inter1: int | None
    inter2: int | None
    assoc1: str | None = None
    assoc2: str | None = None
    civilian_targeting: bool = False
    unknown_perpetrator: bool = False


def actor_record(name: str) -> Actor | None:
    return actors().get(name)


STATE_FORCE_PREFIXES = ("Military Forces of ", "Police Forces of ")


def localise(name: str, country: str | None) -> str:
    """A generic actor ("قوات الأمن" → Police Forces of Syria) named for the event's country."""
    if not country:
        return name
    for prefix in STATE_FORCE_PREFIXES:
        if name.startswith(prefix):
            return prefix + country
    return name


def local_crowd(name: str, country: str | None) -> str:
    """Protesters, rioters, civilians and unidentified gunmen belong to the country where the event is
    ("Protesters (Syria)" from the word "protesters" → Protesters (Lebanon) in Beirut); a state's forces do not."""
    kind = name.split(" (")[0]
    return generic(kind, country) if country and kind in _CROWDS else name


_CROWDS = frozenset({"Protesters", "Rioters", "Civilians", "Unidentified Armed Group"})


def inter_code(name: str | None, country: str | None) -> int | None:
    """ACLED inter: a state's forces acting outside their country are external/other forces (8)."""
    if name is None:
        return None
    a = actor_record(name)
    if a is None:
        if name.startswith(STATE_FORCE_PREFIXES):
            return 1 if not country or name.endswith(country) else 8
        if name.startswith("Civilians"):
            return 7
        if name.startswith("Protesters"):
            return 6
        if name.startswith("Rioters"):
            return 5
        if name.startswith("Unidentified"):
            return 3
        return None
    if a.inter == 1 and country and a.country and a.country != country:
        return 8
    return a.inter


def generic(kind: str, country: str | None) -> str:
    """ACLED's generic actors: "Civilians (Syria)", "Unidentified Armed Group (Syria)" … (no country
    in brackets when the article does not say which country it is in)."""
    return f"{kind} ({country})" if country else kind


def refine(cls: TriggerClass, actor1: str | None, actor2: str | None, victim_groups: set[str],
           country: str | None, trigger_classes_seen: set[str]) -> tuple[str, str]:
    """(event_type, sub_event_type) for a class in context (who acted, against whom)."""
    event_type, sub = cls.event_type, cls.sub_event_type
    a1 = actor_record(actor1) if actor1 else None
    civilians_hit = (actor2 or "").startswith("Civilians") or bool(victim_groups & CIVILIAN_GROUPS - {"people"})
    combatants_hit = bool(victim_groups & COMBATANT_GROUPS) or (
        actor2 is not None and not actor2.startswith("Civilians") and actor_record(actor2) is not None)
    if cls.role == "territory":
        state_at_home = a1 is not None and a1.kind in ("state", "government") and (
            not country or not a1.country or a1.country == country)
        if a1 is not None:
            sub = "Government regains territory" if state_at_home else "Non-state actor overtakes territory"
    elif cls.name in _ATTACK_LIKE:
        if civilians_hit and not combatants_hit:
            event_type, sub = "Violence against civilians", "Attack"
        elif combatants_hit or cls.name in ("attack", "shooting"):
            event_type, sub = "Battles", "Armed clash"
        if cls.name == "assassination" and combatants_hit:
            event_type, sub = "Battles", "Armed clash"
    elif cls.name == "arrest" and a1 is not None and a1.kind not in ("state", "government"):
        event_type, sub = "Violence against civilians", "Abduction/forced disappearance"
    elif cls.name == "protest" and "protest_intervention" in trigger_classes_seen:
        sub = "Protest with intervention"
    if cls.role == "battle" and trigger_classes_seen & _DEMONSTRATION and not (
            a1 is not None and a1.kind in ("rebel", "political_militia", "identity_militia", "external")):
        # "خرجت مظاهرات … واندلعت اشتباكات مع قوات الأمن": demonstrators fighting the police riot; it is not a
        # battle between armed groups
        event_type, sub = "Riots", "Violent demonstration"
    return event_type, sub


_DEMONSTRATION = frozenset({"protest", "protest_intervention", "riot"})


def disorder_type(event_type: str, sub_event_type: str) -> str:
    return SUB_DISORDER.get(sub_event_type) or DISORDER.get(event_type, "Political violence")


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (17: state forces vs civilians)."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


@cache
def _templates() -> dict[str, str]:
    return {r["sub_event_type"]: r["template"] for r in table("notes.tsv")}


def notes(sub_event_type: str, actor1: str | None, actor2: str | None, location: str | None,
          admin1: str | None, event_date: str | None, precision: int | None, fatalities: int | None,
          sources: list[str], flags: list[str], geo_precision: int | None = None) -> str:
    """One English sentence in ACLED's style, made only from the coded fields."""
    where = "at an unknown location"
    if location:
        where = f"in {location}" if not admin1 or admin1 == location else f"in {location} ({admin1})"
        if geo_precision == 2:
            where = "in or near " + where[3:]
        elif geo_precision == 3:
            where = "somewhere " + where + " (region level)"
    text = _templates().get(sub_event_type, "{actor1} and {actor2} {where}")
    text = text.format(actor1=actor1 or "an unidentified actor", actor2=actor2 or "unidentified targets", where=where)
    text = text.replace(" against unidentified targets", "").replace(" on unidentified targets", "")
    text = text.replace(" at unidentified targets", "").replace(" from unidentified targets", "")
    text = text.replace(" of unidentified targets", "").replace(" with unidentified targets", "")
    if event_date:
        text = f"{_when(event_date, precision)}, {text}"
    text = text[0].upper() + text[1:] + "."
    if fatalities is not None:
        qualifier = " about" if "approximate_fatalities" in flags else ""
        text += f" Fatalities reported:{qualifier} {fatalities}."
    if sources:
        text += f" Source: {', '.join(sources)}."
    return text


def _when(event_date: str, precision: int | None) -> str:
    """"On 25 February 2018", "In the week of 19 February 2018", "In February 2018"."""
    d = date.fromisoformat(event_date)
    if precision == 3:
        return f"In {d:%B %Y}"
    day = f"{d.day} {d:%B %Y}"
    return f"In the week of {day}" if precision == 2 else f"On {day}"


def country_iso(country: str | None) -> int | None:
    row = country_by_name().get(country or "")
    return int(row["isonum"]) if row and row["isonum"] else None


def known_class(name: str) -> TriggerClass:
    return trigger_classes()[name]
