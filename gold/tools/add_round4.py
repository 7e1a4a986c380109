"""Add the articles of round 4, 5, 6 or 7 (more TRAIN gold, issue 11; round 6 went to dev) to the event gold.

    python gold/tools/add_round4.py [--round 5]
    python gold/tools/add_round4.py --round 6 --split dev   # round 6 enlarges dev (decided before it was coded)
    python gold/tools/add_round4.py --round 5 --fresh DIR   # only write DIR/{ant,fakes}-events.jsonl (the fresh
                                                            # check, before the articles join train)

Reads gold/round4/coded/*.jsonl (coded by reading with gold/tools/show.py, lookup.py and finalize.py, before
marsad was run on them), writes each article's line into gold/events/{ant,fakes}-events.jsonl (a line of the
same docno is replaced, so the tool can run again after a batch is revised) and puts every article of the round in
the **train** split of gold/events/splits.tsv. Dev and the sealed test split keep their articles. All coded
articles are kept, controls included (train is where the decision layer learns what is not an event).
Run gold/tools/fill_abroad.py --write afterwards for points of places abroad.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from assemble import EVENTS, is_conflict, read, tidy

REPO = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--round", type=int, choices=(4, 5, 6, 7), default=4)
    ap.add_argument("--split", choices=("train", "dev"), default="train", help="the split the round's articles join")
    ap.add_argument("--fresh", type=Path, help="write the round's gold here as files of their own; splits unchanged")
    args = ap.parse_args()
    new = {}
    for path in sorted((REPO / "gold" / f"round{args.round}" / "coded").glob("*.jsonl")):
        for g in read(path):
            new[str(g["docno"])] = tidy(g, args.round)
    if args.fresh is not None:
        args.fresh.mkdir(parents=True, exist_ok=True)
        for corpus in ("ant", "fakes"):
            lines = sorted((g for g in new.values() if g["corpus"] == corpus), key=lambda g: str(g["docno"]))
            (args.fresh / f"{corpus}-events.jsonl").write_text(
                "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in lines), encoding="utf-8")
            print(f"{corpus}: {len(lines)} round-{args.round} articles -> {args.fresh}")
        return
    splits_path = EVENTS / "splits.tsv"
    rows = splits_path.read_text(encoding="utf-8").splitlines()
    splits = {line.split("\t")[0]: line for line in rows[1:]}
    for docno in new:
        if docno in splits and not splits[docno].endswith("\t" + args.split):
            raise SystemExit(f"{docno}: already in the gold outside {args.split}; round {args.round} adds "
                             f"{args.split} articles only")
    counts = {}
    for corpus in ("ant", "fakes"):
        path = EVENTS / f"{corpus}-events.jsonl"
        lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
        kept = [g for g in lines if str(g["docno"]) not in new]
        added = sorted((g for g in new.values() if g["corpus"] == corpus), key=lambda g: str(g["docno"]))
        with path.open("w", encoding="utf-8") as fh:
            for g in kept + added:
                fh.write(json.dumps(g, ensure_ascii=False) + "\n")
        for g in added:
            cls = "conflict" if is_conflict(g) else "other"
            splits[str(g["docno"])] = f"{g['docno']}\t{corpus}\t{args.round}\t{cls}\t{args.split}"
        counts[corpus] = (len(added), sum(is_conflict(g) for g in added),
                          sum(not e.get("optional") for g in added for e in g["events"]))
    with splits_path.open("w", encoding="utf-8") as fh:
        fh.write(rows[0] + "\n")
        for line in sorted(splits.values(), key=lambda x: (x.split("\t")[1], x.split("\t")[0])):
            fh.write(line + "\n")
    for corpus, (n, conflict, events) in counts.items():
        print(f"{corpus}: {n} round-{args.round} articles in {args.split} ({conflict} with a required event, "
              f"{events} required events)")


if __name__ == "__main__":
    main()
