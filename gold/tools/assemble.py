"""Assemble the event gold of round 2 and split it into train / dev / test (seeded).

    python gold/tools/assemble.py [--resplit]

Reads the coded batches (gold/round2/coded/*.jsonl), the adjudicated lines of the double-coded articles
(gold/round2/adjudicated.jsonl) and the first gold revised to the round-2 rules (gold/round2/revised/), and
writes gold/events/ant-events.jsonl, gold/events/fakes-events.jsonl and gold/events/splits.tsv.

- Mix: about two thirds of the new Arabic articles must report conflict; "other" articles (controls) are kept
  stratified by outlet with a seeded draw until they are half as many as the conflict ones (the double-coded
  articles are always kept). The ones left out are listed in gold/round2/left-out.tsv.
- Test: drawn from the NEW articles only (the first gold was read while rules were written): 170 Arabic and
  62 English, stratified by class (conflict / other). Sealed: score it only at the start and at the end.
- Train / dev: everything else, half and half, stratified by round and class.
- The split is drawn once (seed SEED) and kept in gold/events/splits.tsv; later runs keep it (--resplit draws
  again), so that revising a gold line never moves an article between splits.
"""
from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ROUND2 = REPO / "gold" / "round2"
EVENTS = REPO / "gold" / "events"
SEED = 20261212
TEST = {"ant": 170, "fakes": 62}
# actor names coders wrote in the "Group (Country)" form for a state's forces: ACLED's spelling
_STATE_FORCES = re.compile(r"^(Military|Police) Forces \((.+)\)$")


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def tidy(g: dict, rnd: int) -> dict:
    g["round"] = rnd
    for e in g["events"]:
        for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
            if e.get(k):
                e[k] = "; ".join(_STATE_FORCES.sub(r"\1 Forces of \2", a) for a in e[k].split("; "))
    return g


def _first_gold(corpus: str) -> Path:
    revised = ROUND2 / "revised" / f"{corpus}-events.jsonl"
    return revised if revised.is_file() else REPO / "gold" / "round1" / f"{corpus}-events.jsonl"


def is_conflict(g: dict) -> bool:
    """An article with at least one required event (anywhere in the world)."""
    return any(not e.get("optional") for e in g["events"])


def main() -> None:
    rng = random.Random(SEED)
    new = {}
    for path in sorted((ROUND2 / "coded").glob("*.jsonl")):
        for g in read(path):
            new[g["docno"]] = tidy(g, 2)
    adjudicated = {g["docno"]: tidy(g, 2) for g in read(ROUND2 / "adjudicated.jsonl")}
    new.update(adjudicated)
    double = {g["docno"] for g in read(ROUND2 / "second" / "S1.jsonl")}
    # the first gold, revised to the round-2 rules where the revision is done (else as first coded)
    old = {c: [tidy(g, 1) for g in read(_first_gold(c))] for c in ("ant", "fakes")}

    # the two-thirds mix among the new Arabic articles
    ant_new = [g for g in new.values() if g["corpus"] == "ant"]
    conflict = [g for g in ant_new if is_conflict(g)]
    others = [g for g in ant_new if not is_conflict(g)]
    keep_other = len(conflict) // 2
    kept = [g for g in others if g["docno"] in double]
    by_outlet: dict[str, list[dict]] = defaultdict(list)
    for g in sorted(others, key=lambda g: g["docno"]):
        if g["docno"] not in double:
            by_outlet[g["docno"][:2]].append(g)
    for outlet in sorted(by_outlet):
        rng.shuffle(by_outlet[outlet])
    while len(kept) < keep_other and any(by_outlet.values()):
        for outlet in sorted(by_outlet):
            if by_outlet[outlet] and len(kept) < keep_other:
                kept.append(by_outlet[outlet].pop())
    left_out = [g for rest in by_outlet.values() for g in rest]
    ant_new = conflict + kept
    fakes_new = [g for g in new.values() if g["corpus"] == "fakes"]

    splits: dict[str, str] = {}
    frozen = EVENTS / "splits.tsv"
    if frozen.is_file() and "--resplit" not in sys.argv:
        # the split is drawn once and then kept: revising a line of gold must not move articles between splits
        for line in frozen.read_text(encoding="utf-8").splitlines()[1:]:
            docno, _corpus, _round, _cls, split = line.split("\t")
            splits[docno] = split
    else:
        _draw(rng, ant_new, fakes_new, old, splits)
    for corpus, pool in (("ant", ant_new), ("fakes", fakes_new)):
        lines = sorted(old[corpus], key=lambda g: g["docno"]) + sorted(pool, key=lambda g: g["docno"])
        with (EVENTS / f"{corpus}-events.jsonl").open("w", encoding="utf-8") as fh:
            for g in lines:
                fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    _write(splits, old, ant_new, fakes_new, left_out, kept, conflict)


def _draw(rng: random.Random, ant_new: list[dict], fakes_new: list[dict], old: dict, splits: dict) -> None:
    for corpus, pool in (("ant", ant_new), ("fakes", fakes_new)):
        strata = defaultdict(list)
        for g in sorted(pool, key=lambda g: g["docno"]):
            strata[is_conflict(g)].append(g)
        n_test = TEST[corpus]
        for cls, items in sorted(strata.items()):
            rng.shuffle(items)
            take = round(n_test * len(items) / len(pool))
            for g in items[:take]:
                splits[g["docno"]] = "test"
        rest = [g for g in pool if g["docno"] not in splits] + old[corpus]
        strata = defaultdict(list)
        for g in sorted(rest, key=lambda g: g["docno"]):
            strata[(g["round"], is_conflict(g))].append(g)
        for key in sorted(strata):
            items = strata[key]
            rng.shuffle(items)
            for i, g in enumerate(items):
                splits[g["docno"]] = "dev" if i % 2 == 0 else "train"


def _write(splits: dict, old: dict, ant_new: list[dict], fakes_new: list[dict], left_out: list[dict],
           kept: list[dict], conflict: list[dict]) -> None:
    with (EVENTS / "splits.tsv").open("w", encoding="utf-8") as fh:
        fh.write("docno\tcorpus\tround\tclass\tsplit\n")
        for corpus, pool in (("ant", old["ant"] + ant_new), ("fakes", old["fakes"] + fakes_new)):
            for g in sorted(pool, key=lambda g: g["docno"]):
                cls = "conflict" if is_conflict(g) else "other"
                fh.write(f"{g['docno']}\t{corpus}\t{g['round']}\t{cls}\t{splits[g['docno']]}\n")
    with (ROUND2 / "left-out.tsv").open("w", encoding="utf-8") as fh:
        fh.write("docno\treason\n")
        for g in sorted(left_out, key=lambda g: g["docno"]):
            fh.write(f"{g['docno']}\tan 'other' article beyond the two-thirds mix (coded, kept out of the gold)\n")
    for corpus in ("ant", "fakes"):
        counts: dict[tuple[str, int], int] = defaultdict(int)
        pool = old[corpus] + (ant_new if corpus == "ant" else fakes_new)
        for g in pool:
            counts[(splits[g["docno"]], g["round"])] += 1
        print(corpus, dict(sorted(counts.items())))
    print(f"left out {len(left_out)} other articles; kept {len(kept)} other + {len(conflict)} conflict (new Arabic)")


if __name__ == "__main__":
    main()
