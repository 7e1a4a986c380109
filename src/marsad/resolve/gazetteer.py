"""Gazetteers: where a place name points on the map.

A `Gazetteer` is a set of `PlaceEntry` records and the names each is known by, with a phrase index the
recogniser walks and a `search` for the `marsad geocode` command. The pipeline receives one (it never
imports a particular gazetteer); `resolve/builtin.py` builds the default and `resolve/importers.py`
reads Who's On First, GeoNames and OpenSyria into the same shape; `resolve/store.py` keeps them on disk.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from marsad.recognise.matcher import PhraseIndex
from marsad.text.tokens import phrase_keys

# Place kinds from the largest to the smallest; the rank breaks ties between same-name candidates.
KIND_RANK = {"country": 0, "governorate": 1, "region": 2, "countryside": 2, "border": 2, "river_valley": 2,
             "district": 3,
             "subdistrict": 4, "city": 5, "town": 6, "airbase": 6, "airport": 6, "military_site": 6, "site": 6,
             "dam": 6, "border_crossing": 6, "prison": 6, "camp": 7, "village": 8, "neighbourhood": 9}
MIN_NAME_LETTERS = 3
AREA_KINDS = frozenset({"country", "governorate", "region", "countryside", "border", "river_valley", "district",
                        "subdistrict"})
SMALL_AREA_KM = 15.0  # an area no wider than this ("ريف مدينة X", a district) is coded at precision 2


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """One gazetteer record."""

    id: str  # "country:SY", "admin:SY0703", "gn:169389", "wof:421171859", "curated:airbase-hmeimim"
    name: str  # English
    kind: str
    latitude: float
    longitude: float
    country: str
    iso: int | None
    admin1: str | None = None
    admin2: str | None = None
    name_ar: str | None = None
    population: int = 0
    geonames_id: int | None = None
    iso2: str = ""
    source: str = ""  # builtin, curated, wof, geonames, opensyria
    radius_km: float = 0.0  # how far the place extends around its point (regions, countrysides)
    pcode: str = ""  # UN OCHA's P-code of the community ("C2623") where an import joined one to this place


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


@dataclass(slots=True)
class Candidate:
    """A search result: an entry, how well the name matched, and how."""

    entry: PlaceEntry
    score: float
    match: str  # exact, transliteration, fuzzy

    def to_dict(self) -> dict[str, Any]:
        e = self.entry
        return {"id": e.id, "name": e.name, "name_ar": e.name_ar, "kind": e.kind, "latitude": e.latitude,
                "longitude": e.longitude, "admin1": e.admin1, "admin2": e.admin2, "country": e.country,
                "population": e.population, "geonames_id": e.geonames_id, "pcode": e.pcode or None,
                "source": e.source, "score": round(self.score, 3), "match": self.match}


@dataclass
class Gazetteer:
    """Places and the names they are known by, held in memory."""

    name: str
    entries_list: list[PlaceEntry]
    names_list: list[tuple[str, str]]  # (name as written, entry id)
    meta: dict[str, Any] = field(default_factory=dict)
    stored_trie: dict | None = None  # a phrase index read from disk, so loading skips tokenising names

    def entries(self) -> Iterable[PlaceEntry]:
        return self.entries_list

    def names(self) -> Iterable[tuple[str, str]]:
        return self.names_list

    def __len__(self) -> int:
        return len(self.entries_list)

    def __hash__(self) -> int:
        return id(self)

    @property
    def description(self) -> str:
        return self.meta.get("description", "")

    @cached_property
    def by_id(self) -> dict[str, PlaceEntry]:
        return {e.id: e for e in self.entries_list}

    @cached_property
    def index(self) -> PhraseIndex:
        """Place names in a phrase index: kind "place", value = the ids sharing that spelling."""
        index = PhraseIndex()
        if self.stored_trie is not None:
            index.load(self.stored_trie, len(self.names_list))
            return index
        ids_by_keys: dict[tuple[str, ...], list[str]] = {}
        for phrase, entry_id in self.names_list:
            keys = phrase_keys(phrase)
            if not keys or sum(len(k) for k in keys) < MIN_NAME_LETTERS:
                continue  # "أن", "US": too short to be told from ordinary words
            ids = ids_by_keys.setdefault(keys, [])
            if entry_id not in ids:
                ids.append(entry_id)
        for keys, ids in ids_by_keys.items():
            index.add_keys(keys, "place", tuple(ids))
        return index

    @cached_property
    def capitals(self) -> frozenset[str]:
        """Ids of national capitals (the most populous city at its country's point): "دمشق" is often the
        government. Only that city: Harasta, Mezzeh and Yarmouk lie as near Damascus's point, and are places."""
        points = {e.country: (e.latitude, e.longitude) for e in self.entries_list if e.kind == "country"}
        best: dict[str, PlaceEntry] = {}
        for e in self.entries_list:
            if e.kind in AREA_KINDS or e.country not in points \
                    or distance_km(e.latitude, e.longitude, *points[e.country]) >= 10:
                continue
            if e.country not in best or e.population > best[e.country].population:
                best[e.country] = e
        # the capital's other entries (the same city under another source's id) stay capitals
        return frozenset(e.id for e in self.entries_list if e.country in best and e.kind not in AREA_KINDS
                         and (e.id == best[e.country].id or e.name == best[e.country].name
                              or (e.name_ar and e.name_ar == best[e.country].name_ar)))

    @cached_property
    def governorates(self) -> dict[str, PlaceEntry]:
        """First-level areas by their admin1 name (the place of a listed name the gazetteer lacks)."""
        return {e.admin1 or e.name: e for e in self.entries_list if e.kind == "governorate"}

    @cached_property
    def fuzzy(self):
        """Transliteration and misspelling lookups over the same names (built on first use)."""
        from marsad.resolve.fuzzy import FuzzyIndex

        return FuzzyIndex(self.names_list, lambda entry_id: self.by_id[entry_id].iso2 in ROMANISED
                          if entry_id in self.by_id else True)

    def lookup(self, name: str) -> list[PlaceEntry]:
        """Entries whose name (normalised, as a whole) is `name`, best known first."""
        found: list[PlaceEntry] = []
        for ids in self.index.find_exact(phrase_keys(name), "place"):
            found.extend(self.by_id[i] for i in ids)
        return sorted(found, key=lambda e: (KIND_RANK.get(e.kind, 9), -e.population, e.id))

    def search(self, name: str, country: str | None = None, limit: int = 10) -> list[Candidate]:
        """Candidates for a name as a person would type or a translation would spell it: exact names first,
        then transliteration variants (Maaret al-Noman), then near misspellings, best first."""
        out: dict[str, Candidate] = {}
        for e in self.lookup(name):
            out.setdefault(e.id, Candidate(e, 1.0, "exact"))
        for entry_id, score, how in self.fuzzy.search(name):
            if entry_id not in out and entry_id in self.by_id:
                out[entry_id] = Candidate(self.by_id[entry_id], score, how)
        found = [c for c in out.values() if country is None or country in (c.entry.iso2, c.entry.country)]
        found.sort(key=lambda c: (-c.score, KIND_RANK.get(c.entry.kind, 9), -c.entry.population, c.entry.id))
        return found[:limit]


# Countries whose place names reach the press romanised from Arabic, Persian, Turkish or Kurdish, so that one
# place has several Latin spellings (Tall/Tel/Tell, -iyeh/-iya): skeleton matches are sought only there.
ROMANISED = frozenset("SY IQ LB JO PS IL TR YE SA EG LY TN DZ MA SD SO DJ MR KM KW QA BH AE OM IR AF PK".split())


def combine(name: str, parts: list[Gazetteer], meta: dict[str, Any] | None = None) -> Gazetteer:
    """One gazetteer holding the entries and names of several (the first holding an id wins it)."""
    entries: dict[str, PlaceEntry] = {}
    names: list[tuple[str, str]] = []
    for g in parts:
        for e in g.entries_list:
            entries.setdefault(e.id, e)
        names.extend(g.names_list)
    return Gazetteer(name, list(entries.values()), names, meta or {})
