"""Look a place up in the reference gazetteers, to give a gold event its coordinates and governorate.

    python gold/tools/lookup.py "معرة النعمان" [--admin1 Idlib] [--all]
    python gold/tools/lookup.py "Khan Shaykhun"

Searches, in this order: marsad's curated conflict places (bases, camps, regions, countrysides), Syria's
governorates and districts (admin_sy.tsv: the admin1 names gold uses), Who's On First Syria, UN OCHA's
communities, the WOF files of Iraq, Lebanon, Jordan, Turkey and Yemen, and countries (capital points).
Names are compared after folding (hamza, ta marbuta, alef maqsura, diacritics, the article; Latin case,
al-/el-, punctuation): an exact folded match first, then names that contain the query.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import pickle
from functools import cache
from pathlib import Path

from common import REPO, SHARED, norm

DATA = REPO / "src" / "marsad" / "data"


def tsv(path):
    with path.open(encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]
    head = rows[0]
    return [dict(zip(head, r)) for r in rows[1:]]


@cache
def entries() -> list[dict]:
    """The reference entries, cached in /tmp under a name that changes with this script and its sources."""
    sources = [Path(__file__), DATA / "admin_sy.tsv", DATA / "places_sy_conflict.tsv", DATA / "countries.tsv",
               SHARED / "syria-gazetteer-wof" / "wof_syria_places.csv",
               SHARED / "syria-communities-ocha" / "ocha_syria_communities.csv",
               *sorted((SHARED / "wof-neighbours").glob("wof_*_places.csv"))]
    stamp = hashlib.sha1(repr([(str(p), p.stat().st_mtime_ns) for p in sources if p.exists()]).encode())
    cached = Path(f"/tmp/marsad-gold-lookup-{stamp.hexdigest()[:12]}.pickle")
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    out = _entries()
    cached.write_bytes(pickle.dumps(out))
    return out


def _entries() -> list[dict]:
    out = []
    admin = tsv(DATA / "admin_sy.tsv")
    gov_by_pcode = {r["pcode"]: r["name"] for r in admin if r["kind"] == "governorate"}
    for r in tsv(DATA / "places_sy_conflict.tsv"):
        out.append(dict(src="conflict", name=r.get("name", ""), names=(r.get("names_en", "") + "|" +
                        r.get("names_ar", "")).split("|") + [r.get("name", "")], admin1=r.get("admin1", ""),
                        lat=r.get("lat"), lon=r.get("lon"), country="Syria", kind=r.get("kind", "")))
    for r in admin:
        out.append(dict(src="admin_sy", name=r["name"], names=(r["names_en"] + "|" + r["names_ar"]).split("|"),
                        admin1=r["name"] if r["kind"] == "governorate" else gov_by_pcode.get(r["pcode"][:4], ""),
                        lat=r["lat"], lon=r["lon"], country="Syria", kind=r["kind"]))
    csv.field_size_limit(10**9)
    wofs = [("wof-sy", SHARED / "syria-gazetteer-wof" / "wof_syria_places.csv", "Syria")]
    for code, country in (("iq", "Iraq"), ("lb", "Lebanon"), ("jo", "Jordan"), ("tr", "Turkey"), ("ye", "Yemen")):
        wofs.append((f"wof-{code}", SHARED / "wof-neighbours" / f"wof_{code}_places.csv", country))
    for src, path, country in wofs[:1]:
        out.extend(_wof(src, path, country))
    with (SHARED / "syria-communities-ocha" / "ocha_syria_communities.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.append(dict(src="ocha", id=r["pcode"], name=r["name_en"], names=[r["name_en"]],
                            admin1=r["admin1_en"], admin2=r["admin2_en"], lat=r["lat"],
                            lon=r["lon"], country="Syria", kind=f"community {r['pcode']} ({r['admin3_en']})"))
    for src, path, country in wofs[1:]:
        out.extend(_wof(src, path, country))
    for r in tsv(DATA / "countries.tsv"):
        out.append(dict(src="country", name=r["name"], names=(r["names_en"] + "|" + r["names_ar"]).split("|"),
                        admin1="", lat=r["lat"], lon=r["lon"], country=r["name"], kind="country (capital point)"))
    for e in out:
        e["keys"] = {norm(n) for n in e["names"] if n.strip()}
    return out


# Who's On First's governorate names -> the OCHA names of admin_sy.tsv that gold's admin1 uses
WOF_ADMIN1 = {"Idlib": "Idleb", "Hasaka (Al Haksa)": "Al-Hasakeh", "Homs (Hims)": "Homs", "Hamah": "Hama",
              "Tartus": "Tartous", "Rif Dimashq": "Rural Damascus", "Ar Raqqah": "Ar-Raqqa",
              "Days Az Zawr": "Deir-ez-Zor", "Dar`a": "Dar'a", "As Suwayda'": "As-Sweida"}


def _wof(src, path, country):
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            names = [r["name"], *r["name_ar_clean"].split("|"), *r["name_ar_raw"].split("|")] \
                + r["other_names"].split("|")[:12]
            admin1 = WOF_ADMIN1.get(r["region_name"], r["region_name"]) if country == "Syria" else r["region_name"]
            yield dict(src=src, id=f"wof:{r['wof_id']}" + (f" gn:{r['geonames_id']}" if r["geonames_id"] else ""),
                       name=r["name"], names=names, admin1=admin1, admin2=r["county_name"],
                       lat=r["lat"], lon=r["lon"], country=country, kind=r["placetype"],
                       name_ar=r["name_ar_clean"])


def search(query: str, admin1: str | None = None, everything: bool = False) -> list[dict]:
    q = norm(query)
    exact = [e for e in entries() if q in e["keys"]]
    partial = [] if exact and not everything else [e for e in entries() if e not in exact and
                                                    any(q in k for k in e["keys"] if len(q) >= 3)]
    hits = exact + partial[:40]
    if admin1:
        a = norm(admin1)
        hits = [h for h in hits if a in norm(h.get("admin1") or "") or a in norm(h.get("admin2") or "")]
    return hits


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("name")
    ap.add_argument("--admin1", help="keep places of this governorate (or district) only")
    ap.add_argument("--all", action="store_true", help="also list partial matches when exact ones exist")
    args = ap.parse_args()
    hits = search(args.name, args.admin1, args.all)
    if not hits:
        print(f"{args.name}: not found (try another spelling, the Latin form, or --all)")
    for h in hits:
        print(f"{h['src']:9} {h['name'][:40]:40} {h.get('name_ar', '')[:25]:25} admin1={h.get('admin1') or '-':16} "
              f"admin2={h.get('admin2') or '-':14} lat={h['lat']} lon={h['lon']} [{h['kind']}] {h['country']}"
              + (f" id={h['id']}" if h.get("id") else ""))


if __name__ == "__main__":
    main()
