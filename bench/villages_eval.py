"""Village geocoding against the hand-made village sets (gold/places/villages-ar.tsv, villages-en.tsv).

    python bench/villages_eval.py [--gazetteer builtin wof-sy ocha-sy wof-sy+ocha all] [--misses 20] [--json F]

Each row's name goes to the geocoder as a user would type it: `name` (the bare name), `written` (as the
article writes it, clitics and kind words included), and `name` with the article's governorate (`--admin1`).
Found: at least one candidate; within 10 / 50 km: the first candidate's point from the gold point (rows the gold
could not place are left out of those). Figures are printed, never asserted. Runs with older code too (no
geocoder module: the gazetteer's own search, no governorate), so a before/after is one command each.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_gazetteers import NAMES, ROOT, install_for_eval  # noqa: E402
from marsad.lang import read_tsv  # noqa: E402

try:
    from marsad.resolve.geocoder import geocode
except ImportError:  # the code before issue 12
    geocode = None

SETS = {"ar": ROOT / "gold" / "places" / "villages-ar.tsv", "en": ROOT / "gold" / "places" / "villages-en.tsv"}


def top(gazetteer, query: str, admin1: str | None):
    """The first candidate's entry (None: nothing found, or a query the geocoder refuses)."""
    if geocode is None:  # before issue 12: no descriptors, no context
        found = gazetteer.search(query, limit=1)
        return found[0].entry if found else None
    try:
        _, results = geocode(gazetteer, query, admin1=admin1, limit=1)
    except ValueError:  # GeocodeError: an unknown governorate, a query that is only descriptors
        return None
    return results[0].candidate.entry if results else None


def evaluate(gazetteer, rows: list[dict[str, str]], mode: str) -> dict:
    from marsad.resolve.gazetteer import distance_km

    found = within10 = within50 = placed = 0
    misses = []
    for r in rows:
        query = r["written"] if mode == "written" else r["name"]
        entry = top(gazetteer, query, r["admin1"] if mode == "name+admin1" else None)
        found += entry is not None
        if not r.get("lat"):
            continue
        placed += 1
        d = None if entry is None else distance_km(float(r["lat"]), float(r["lon"]), entry.latitude, entry.longitude)
        within10 += d is not None and d <= 10
        within50 += d is not None and d <= 50
        if d is None or d > 10:
            misses.append(f"{r['id']} {query!r} ({r['admin1']}): "
                          + ("not found" if entry is None else f"{entry.name}, {entry.admin1}, {d:.0f} km"))
    n = len(rows)
    return {"gazetteer": gazetteer.name, "mode": mode, "rows": n, "placed": placed,
            "found": found / n if n else 0, "within_10km": within10 / placed if placed else 0,
            "within_50km": within50 / placed if placed else 0, "misses": misses}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gazetteer", nargs="+", default=list(NAMES), choices=NAMES)
    ap.add_argument("--set", nargs="+", default=list(SETS), choices=list(SETS))
    ap.add_argument("--misses", type=int, default=0, help="list this many misses per line of the table")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args()
    sets = {k: list(read_tsv(SETS[k])) for k in args.set if SETS[k].is_file()}
    if not sets:
        print("no village set found under gold/places/", file=sys.stderr)
        return 1
    gazetteers = install_for_eval(tuple(args.gazetteer))
    out = []
    print("| set | gazetteer | query | rows | found | within 10 km | within 50 km |")
    print("|---|---|---|---|---|---|---|")
    for lang, rows in sets.items():
        for g in gazetteers:
            for mode in ("name", "written", "name+admin1"):
                r = evaluate(g, rows, mode)
                r["set"] = lang
                out.append(r)
                print(f"| {lang} | {g.name} | {mode} | {r['rows']} | {r['found']:.1%} | {r['within_10km']:.1%} "
                      f"(of {r['placed']}) | {r['within_50km']:.1%} |")
                for line in r["misses"][: args.misses]:
                    print(f"|   | | | | | {line} | |")
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
