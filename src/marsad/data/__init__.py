"""Language-neutral tables: trigger classes, weapons, actors, holidays, countries, Syria's admin areas."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from marsad.lang import read_tsv

DATA_DIR = Path(__file__).parent


def table(name: str) -> list[dict[str, str]]:
    path = DATA_DIR / name
    return list(read_tsv(path)) if path.is_file() else []


@dataclass(frozen=True, slots=True)
class TriggerClass:
    name: str
    event_type: str
    sub_event_type: str
    role: str
    rank: int


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    inter: int
    country: str
    kind: str


@cache
def trigger_classes() -> dict[str, TriggerClass]:
    return {
        r["class"]: TriggerClass(r["class"], r["event_type"], r["sub_event_type"], r["role"], int(r["rank"]))
        for r in table("trigger_classes.tsv")
    }


@cache
def weapon_classes() -> dict[str, str]:
    return {r["weapon"]: r["class"] for r in table("weapons.tsv")}


@cache
def actors() -> dict[str, Actor]:
    return {
        r["actor"]: Actor(r["actor"], int(r["inter"] or 0), r["country"], r["kind"])
        for r in table("actors.tsv")
    }


@cache
def forces_of() -> dict[str, str]:
    """Country name → its military actor ("Syria" → "Military Forces of Syria")."""
    out: dict[str, str] = {}
    for a in actors().values():
        if a.kind == "state" and a.country and a.name.startswith("Military Forces of"):
            out.setdefault(a.country, a.name)
    return out


@cache
def holidays() -> dict[str, dict[str, str]]:
    return {r["holiday"]: r for r in table("holidays.tsv")}


@cache
def countries() -> list[dict[str, str]]:
    return table("countries.tsv")


@cache
def country_adjectives() -> frozenset[str]:
    """Normalised Arabic nisba forms of country names (السورية، السعودية): a country name spelled like one
    is the adjective after a definite noun (القوات السعودية)."""
    from marsad.text.normalise import normalise

    return frozenset(normalise(a) for r in countries() for a in (r.get("adj_ar") or "").split("|") if a.strip())


@cache
def nationalities() -> dict[str, str]:
    """Normalised nisba (without the article) → country name: "فلسطيني" → Palestine, for victims named by
    their nationality ("16 فلسطينياً")."""
    from marsad.text.normalise import normalise

    out = {}
    for r in countries():
        for a in (r.get("adj_ar") or "").split("|"):
            a = normalise(a.strip())
            if a and not a.startswith("ال") and not a.endswith("ه"):
                out.setdefault(a, r["name"])
    return out


@cache
def country_by_name() -> dict[str, dict[str, str]]:
    return {r["name"]: r for r in countries()}
