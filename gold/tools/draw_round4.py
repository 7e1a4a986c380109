"""Draw the round-4 gold sample (issue 11, more TRAIN articles): 150 new ANT articles (120 with a strong prior
for conflict, 30 others) and 60 new FA-KES articles, none read before.

Every docno the repository names (the whole gold, with its sealed test split, tests, docs), the ANT corpus's
first 300 lines and 8-9 April 2018, and copies of any of them (5-gram Jaccard > 0.3, or the same title) are
excluded. Seeded and reproducible; no marsad code is imported. All of it goes to the train split
(gold/tools/add_round4.py): the sealed test split and dev do not change.

    python gold/tools/draw_round4.py --out gold/round4/sample.tsv
    python gold/tools/draw_round4.py --part b --out gold/round4/sample-b.tsv   # a second draw, after the first
                                                                               # was committed (so excluded)
"""
from __future__ import annotations

import argparse
import csv
import json
import random
from collections import defaultdict
from pathlib import Path

from common import ANT, FAKES
from draw_round2 import (
    ANT_OUTLETS,
    MAX_CHARS,
    MIN_CHARS,
    STEMS,
    even_quotas,
    norm,
    referenced_ids,
    shingles,
    strong_score,
    take_by_month,
    write_sample,
)

# part: seed, strong stems needed for the conflict prior (draw B of round 2 asked 4; the articles left with 4 are
# too few per outlet, so 3 for part a, 2 for part b, drawn when part a had been coded)
PARTS = {"a": (20261214, 3), "b": (20261215, 2), "c": (20261216, 1),  # c: round 5, drawn when a and b were coded
         "d": (20261217, 1),  # d: round 6, drawn when c was coded (more FA-KES: the English train was the smaller)
         "e": (20261218, 1)}  # e: round 7, drawn when d was coded (more train for the decision layer)
CONFLICT, OTHER, FAKES_TOTAL = 120, 30, 60
# per part: ANT with the conflict prior, ANT others, FA-KES (default the three above)
SIZES = {"d": (45, 15, 120), "e": (30, 10, 120)}


def draw_ant(excluded: set[str], rng: random.Random, min_strong: int, conflict: int = CONFLICT,
             others: int = OTHER) -> list[dict]:
    arts = [json.loads(line) for line in ANT.open(encoding="utf-8")]
    seen = excluded | {a["docno"] for a in arts[:300]} | {
        a["docno"] for a in arts if a["pub_time_utc"][:10] in ("2018-04-08", "2018-04-09")}
    seen_sh = [shingles(a["title"] + " " + a["text"][:1500]) for a in arts if a["docno"] in seen]
    seen_titles = {norm(a["title"]).strip() for a in arts if a["docno"] in seen}
    strong: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    other: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for a in arts:
        month = a["pub_time_utc"][:7]
        if a["docno"] in seen or not ("2018-02" <= month <= "2018-10") or \
                not (MIN_CHARS <= len(a["text"]) <= MAX_CHARS):
            continue
        if a["docno"].split("-")[1] in ("middleEast", "internationalNews") and strong_score(a) >= min_strong:
            strong[a["docno"][:2]][month].append(a)
        elif not any(s in norm(a["title"]) for s in STEMS):
            other[a["docno"][:2]][month].append(a)
    q_strong = even_quotas(conflict, {o: sum(map(len, strong[o].values())) // 2 for o in ANT_OUTLETS})
    q_other = even_quotas(others, {o: sum(map(len, other[o].values())) // 2 for o in ANT_OUTLETS})
    return (take_by_month(rng, strong, q_strong, "strong_conflict", seen_sh, seen_titles)
            + take_by_month(rng, other, q_other, "likely_other", seen_sh, seen_titles))


def draw_fakes(excluded: set[str], rng: random.Random, total: int = FAKES_TOTAL) -> list[dict]:
    csv.field_size_limit(10**9)
    rows = [r for r in csv.DictReader(FAKES.open(encoding="utf-8"))
            if r["unit_id"] not in excluded and len(r["article_content"]) <= MAX_CHARS]
    seen_titles: set[str] = set()
    by_source: dict[str, list[dict]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: int(r["unit_id"])):
        by_source[r["source"]].append(r)
    share = {s: len(v) / len(rows) for s, v in by_source.items()}
    quota = {s: int(total * share[s]) for s in by_source}
    rest = sorted(by_source, key=lambda s: -(total * share[s] - int(total * share[s])))
    for s in rest[: total - sum(quota.values())]:
        quota[s] += 1
    drawn = []
    for s in sorted(by_source):
        pool = by_source[s][:]
        rng.shuffle(pool)
        for r in pool:
            if sum(d["outlet"] == s for d in drawn) >= quota[s]:
                break
            if r["article_title"].strip().lower() in seen_titles:
                continue
            seen_titles.add(r["article_title"].strip().lower())
            drawn.append(dict(docno=r["unit_id"], corpus="fakes", outlet=s, month=r["date"], stratum="fakes"))
    return drawn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=Path("gold/round4/sample.tsv"))
    ap.add_argument("--part", choices=sorted(PARTS), default="a")
    args = ap.parse_args()
    repo = Path(__file__).resolve().parents[2]
    excluded = referenced_ids(repo)
    if args.out.exists():  # a rerun must not exclude its own earlier draw
        excluded -= {line.split("\t")[0] for line in args.out.read_text(encoding="utf-8").splitlines()[1:]}
    seed, min_strong = PARTS[args.part]
    rng = random.Random(seed)
    conflict, others, total = SIZES.get(args.part, (CONFLICT, OTHER, FAKES_TOTAL))
    ant = draw_ant(excluded, rng, min_strong, conflict, others)
    fakes = draw_fakes(excluded, rng, total)
    write_sample(args.out, ant + fakes)
    print(f"{len(ant)} ANT and {len(fakes)} FA-KES articles -> {args.out} ({len(excluded)} ids excluded)")


if __name__ == "__main__":
    main()
