"""Check a village gold set, gold/places/villages-ar.tsv (ANT) or villages-en.tsv (FA-KES), row by row (no marsad
code is used).

    python3 gold/places/check_villages.py [path ...]      (both sets when no path is given)

Checks: header and columns; ids ar-001.. or en-001.. in order and unique; docno is an article of the set's corpus (ANT
for -ar, FA-KES for -en) and not in the sealed test split;
part is title|text and part[start:end] == written; written contains name (up to al-/case); one row per (docno, written);
at most 6 names per article; admin1 is one of the 14 governorate names of src/marsad/data/admin_sy.tsv; status in
found|likely|none; when status != none: lat/lon numeric and inside Syria's bounding box and at least one of
ocha_pcode/wof_id; ocha_pcode exists in the OCHA file, lies in admin1, and lat/lon equal its point; wof_id exists and
geonames_id agrees with it; lat/lon equal the WOF point when there is no OCHA id; note not empty. Exit status 1 on any
error.
"""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tools"))
from common import REPO, SHARED, ant_articles, fakes_articles, norm, sealed_docnos  # noqa: E402

COLS = ["id", "docno", "part", "start", "end", "written", "name", "admin1", "ocha_pcode", "wof_id", "geonames_id",
        "lat", "lon", "status", "note"]
REQUIRED = ["id", "docno", "part", "start", "end", "written", "name", "admin1", "status", "note"]


@cache
def governorates() -> set[str]:
    out = set()
    with (REPO / "src" / "marsad" / "data" / "admin_sy.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(f) < 3:
                continue
            if f[0] == "governorate":
                out.add(f[2])
    return out


@cache
def by_id(path: Path, column: str) -> dict[str, dict]:
    """A reference CSV's rows by their id (read once for both sets)."""
    csv.field_size_limit(10**9)
    with path.open(encoding="utf-8") as fh:
        return {r[column]: r for r in csv.DictReader(fh)}


def main(path: Path) -> int:
    lang = "ar" if path.stem.endswith("-ar") else "en"
    arts = ant_articles() if lang == "ar" else fakes_articles()
    govs = governorates()
    test = sealed_docnos()
    ocha = by_id(SHARED / "syria-communities-ocha" / "ocha_syria_communities.csv", "pcode")
    wof = by_id(SHARED / "syria-gazetteer-wof" / "wof_syria_places.csv", "wof_id")
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    errors: list[str] = []
    head = lines[0].split("\t")
    if head != COLS:
        print(f"bad header: {head}")
        return 1
    rows = []
    for n, ln in enumerate(lines[1:], 1):
        f = ln.split("\t")
        if len(f) != len(COLS):
            errors.append(f"line {n}: {len(f)} fields")
            continue
        rows.append(dict(zip(COLS, f)))
    pairs = Counter()
    for i, r in enumerate(rows, 1):
        tag = r["id"]

        def err(msg: str) -> None:
            errors.append(f"{tag} ({r['docno']} {r['written']!r}): {msg}")

        for c in REQUIRED:
            if not r[c].strip():
                err(f"empty {c}")
        if r["id"] != f"{lang}-{i:03d}":
            err(f"id out of order, expected {lang}-{i:03d}")
        if r["docno"] not in arts:
            err("docno not in the set's corpus")
            continue
        if r["docno"] in test:
            err("docno is in the sealed test split")
        if r["part"] not in ("title", "text"):
            err(f"part {r['part']!r}")
            continue
        txt = arts[r["docno"]][r["part"]]
        try:
            s, e = int(r["start"]), int(r["end"])
        except ValueError:
            err("start/end not integers")
            continue
        if txt[s:e] != r["written"]:
            err(f"offsets give {txt[s:e]!r}")
        if norm(r["name"]) not in norm(r["written"]):
            err("name not contained in written")
        pairs[(r["docno"], r["written"])] += 1
        if r["admin1"] not in govs:
            err(f"admin1 {r['admin1']!r} not a governorate of admin_sy.tsv")
        if r["status"] not in ("found", "likely", "none"):
            err(f"status {r['status']!r}")
        if r["status"] != "none" and not (r["ocha_pcode"] or r["wof_id"]):
            err("no gazetteer id although status != none")
        lat = lon = None
        if r["status"] != "none" or r["lat"] or r["lon"]:
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except ValueError:
                err("lat/lon not numeric")
        if r["status"] != "none" and lat is not None and not (32.0 <= lat <= 37.5 and 35.5 <= lon <= 42.5):
            err(f"lat/lon {lat},{lon} outside Syria")
        if r["ocha_pcode"]:
            o = ocha.get(r["ocha_pcode"])
            if not o:
                err(f"unknown OCHA {r['ocha_pcode']}")
            else:
                if o["admin1_en"] != r["admin1"]:
                    err(f"OCHA {r['ocha_pcode']} is in {o['admin1_en']}")
                if lat is not None and (abs(float(o["lat"]) - lat) > 1e-5 or abs(float(o["lon"]) - lon) > 1e-5):
                    err("lat/lon differ from the OCHA point")
        if r["wof_id"]:
            m = re.fullmatch(r"wof:(\d+)", r["wof_id"])
            w = wof.get(m.group(1)) if m else None
            if not w:
                err(f"unknown WOF {r['wof_id']}")
            else:
                if r["geonames_id"] != w["geonames_id"]:
                    err(f"geonames_id {r['geonames_id']!r} != WOF's {w['geonames_id']!r}")
                if not r["ocha_pcode"] and lat is not None and (
                        abs(float(w["lat"]) - lat) > 1e-5 or abs(float(w["lon"]) - lon) > 1e-5):
                    err("lat/lon differ from the WOF point")
        elif r["geonames_id"]:
            err("geonames_id without wof_id")
    for (d, w), k in pairs.items():
        if k > 1:
            errors.append(f"{d} {w!r}: {k} rows")
    for d, k in Counter(r["docno"] for r in rows).items():
        if k > 6:
            errors.append(f"{d}: {k} rows (> 6)")
    for e in errors:
        print(e)
    st = Counter(r["status"] for r in rows)
    print(f"{path}: {len(rows)} rows, {len({r['docno'] for r in rows})} articles, status {dict(st)}, "
          f"{sum(1 for r in rows if r['ocha_pcode'])} with OCHA, {sum(1 for r in rows if r['wof_id'])} with WOF; "
          f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    paths = [Path(a) for a in sys.argv[1:]] or [HERE / "villages-ar.tsv", HERE / "villages-en.tsv"]
    sys.exit(max(main(p) for p in paths))
