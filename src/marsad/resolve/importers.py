"""Importers: Who's On First (the CSV in ../shared, or WOF GeoJSON), GeoNames dumps (a country file such
as SY.txt or allCountries.txt, plus alternateNamesV2.txt) and OpenSyria's admin JSON, each into a
`Gazetteer` of the same shape as the built-in one.

Admin names are always OCHA's (data/admin_sy.tsv): an import's own regions and counties are not new
places but new spellings of those, attached to them. Localities get their governorate and district from
the import's hierarchy where it has one, else from the nearest district seat (flagged in the reason).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from marsad.data import countries, table
from marsad.resolve.builtin import display_name, split_cell, syrian_admin1_codes, usable_name
from marsad.resolve.fuzzy import arabic_key
from marsad.resolve.gazetteer import Gazetteer, PlaceEntry, distance_km

FORMATS = ("wof", "geonames", "opensyria")


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


def import_wof_csv(path: Path) -> Gazetteer:
    """The CSV derived from whosonfirst-data-admin-sy (see ../shared/data/syria-gazetteer-wof)."""
    admin = _AdminIndex()
    numbers, _ = _iso()
    entries: list[PlaceEntry] = []
    names: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"wof_id", "placetype", "name", "lat", "lon"} - set(reader.fieldnames or [])
        if missing:
            raise GazetteerImportError(f"{path}: not a Who's On First CSV (no column {', '.join(sorted(missing))})")
        for lineno, row in enumerate(reader, 2):
            if row.get("deprecated") or row.get("superseded_by") or row.get("is_current") == "0":
                continue
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except ValueError:
                print(f"marsad: {path}:{lineno}: no coordinates; skipped", file=sys.stderr)
                continue
            arabic = split_cell(row.get("name_ar_clean"))
            others = [n for n in split_cell(row.get("other_names")) if usable_name(n)]
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
            entry = PlaceEntry(f"wof:{row['wof_id']}", display_name(row["name"]), kind, lat, lon, "Syria",
                               numbers.get("Syria"), admin1=admin1, admin2=admin2,
                               name_ar=arabic[0] if arabic else None, population=population,
                               geonames_id=_int(row.get("geonames_id")) or None, iso2="SY", source="wof")
            entries.append(entry)
            names.extend((n, entry.id) for n in dict.fromkeys([row["name"], *arabic, *others]))
    if not entries:
        raise GazetteerImportError(f"{path}: no current places found")
    return Gazetteer("wof-sy", entries, names, {"description": f"Who's On First Syria: {len(entries):,} places",
                                                "sources": "Who's On First (whosonfirst.org), CC BY; mostly "
                                                           "GeoNames (CC BY 4.0)", "licence": "CC BY",
                                                "covers": ["SY"]})


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
        return import_opensyria(path)
    except GazetteerImportError:
        raise
    except UnicodeDecodeError as exc:
        raise GazetteerImportError(f"{path}: not UTF-8 (invalid byte at offset {exc.start})") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise GazetteerImportError(f"{path}: not a usable {fmt} file ({exc.__class__.__name__}: {exc})") from None
