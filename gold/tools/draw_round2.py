"""Draw the round-2 gold sample (issue 11): 330 new ANT articles and 120 new FA-KES articles, then a top-up of
150 ANT articles likelier to report conflict (draw B).

Seeded and reproducible; reads only ../shared/data and the repository's existing gold, tests and docs (to
exclude every article a rule-writer may have read). Independent of marsad: no marsad code is imported.

    python gold/tools/draw_round2.py --shared ../shared/data --out gold/round2/sample.tsv
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import re
import subprocess
from collections import defaultdict
from pathlib import Path

SEED = 20261207
ANT_OUTLETS = ("AL", "BB", "CN", "FR", "SK")
ANT_CONFLICT = 220  # spread evenly over outlets; an outlet with too few gives its share to the others
ANT_OTHER = 110
FAKES_TOTAL = 120
MIN_CHARS, MAX_CHARS = 200, 6000
# violence stems (Arabic, letters normalised as in norm()); a title holding one makes an article "likely conflict"
STEMS = ("قتل", "قتيل", "مقتل", "قصف", "غاره", "غارات", "اشتباك", "هجوم", "انفجار", "تفجير", "مفخخ", "انتحاري",
         "صاروخ", "صواريخ", "اسقاط", "اعتقال", "اختطاف", "خطف", "سيطره", "يسيطر", "معارك", "اجلاء", "تهجير",
         "ضحايا", "جرحي", "مجزره", "كيماوي", "هدنه", "اغتيال", "عبوه", "مسيره", "طائره", "ضربات", "ضربه",
         "قذائف", "استهداف", "نزوح", "مظاهره", "احتجاج", "توغل", "اقتحام", "اسري", "معتقل")


def norm(s: str) -> str:
    s = re.sub("[\u064b-\u0652\u0640]", "", s)
    return s.translate(str.maketrans("أإآةى", "اااهي"))


def shingles(s: str, n: int = 5) -> set[str]:
    s = re.sub(r"\s+", " ", norm(s))
    return {s[i:i + n] for i in range(max(0, len(s) - n + 1))}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, len(a | b))


def referenced_ids(repo: Path) -> set[str]:
    """Every ANT docno or FA-KES unit_id written anywhere in the repository (gold, tests, docs, code)."""
    out = subprocess.run(["git", "-C", str(repo), "grep", "-hoE",
                          r"(AL|BB|CN|FR|SK)-[A-Za-z]+-[0-9]+-20[0-9]{6}|\b19[0-9]{8}\b"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def even_quotas(total: int, room: dict[str, int]) -> dict[str, int]:
    """Split total evenly over the outlets, none above its room (half its pool, so copies can be skipped)."""
    quota = dict.fromkeys(room, 0)
    while sum(quota.values()) < total and any(quota[o] < room[o] for o in room):
        for o in sorted(room):
            if quota[o] < room[o] and sum(quota.values()) < total:
                quota[o] += 1
    return quota


def draw_ant(path: Path, excluded: set[str], rng: random.Random) -> list[dict]:
    arts = [json.loads(line) for line in path.open(encoding="utf-8")]
    # read while rules were written (issue 11's trial): the corpus' first 300 lines and 8-9 April 2018
    seen = {a["docno"] for a in arts[:300]} | {a["docno"] for a in arts
                                               if a["pub_time_utc"][:10] in ("2018-04-08", "2018-04-09")}
    seen |= excluded
    seen_sh = [shingles(a["title"] + " " + a["text"][:1500]) for a in arts if a["docno"] in seen]
    seen_titles = {norm(a["title"]).strip() for a in arts if a["docno"] in seen}
    pool: dict[tuple[str, bool], dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for a in arts:
        month = a["pub_time_utc"][:7]
        if a["docno"] in seen or not ("2018-02" <= month <= "2018-10"):
            continue
        if not (MIN_CHARS <= len(a["text"]) <= MAX_CHARS):
            continue
        likely = any(s in norm(a["title"]) for s in STEMS)
        pool[(a["docno"][:2], likely)][month].append(a)
    drawn: list[dict] = []
    drawn_sh: list[set[str]] = []
    quotas = {likely: even_quotas(total, {o: sum(map(len, pool[(o, likely)].values())) // 2 for o in ANT_OUTLETS})
              for likely, total in ((True, ANT_CONFLICT), (False, ANT_OTHER))}
    for outlet in ANT_OUTLETS:
        for likely in (True, False):
            quota = quotas[likely][outlet]
            months = sorted(pool[(outlet, likely)])
            rng.shuffle(months)
            buckets = {m: sorted(pool[(outlet, likely)][m], key=lambda a: a["docno"]) for m in months}
            for m in months:
                rng.shuffle(buckets[m])
            taken = 0
            while taken < quota and any(buckets.values()):
                for m in months:
                    if taken >= quota:
                        break
                    while buckets[m]:
                        a = buckets[m].pop()
                        sh = shingles(a["title"] + " " + a["text"][:1500])
                        if norm(a["title"]).strip() in seen_titles or \
                                any(jaccard(sh, o) > 0.3 for o in drawn_sh + seen_sh):
                            continue  # a copy of an article already drawn or already read
                        drawn.append(dict(docno=a["docno"], corpus="ant", outlet=outlet, month=m[:7],
                                          stratum="likely_conflict" if likely else "likely_other"))
                        drawn_sh.append(sh)
                        seen_titles.add(norm(a["title"]).strip())
                        taken += 1
                        break
    return drawn


# Draw B (top-up): reading draw A showed that a violence word in the title gave a conflict report only half the
# time, well short of the two thirds the gold needs; a score of at least 4 strong event stems in the title and
# the first 600 characters (news categories only) did better on the articles coded so far.
TOPUP = 150
TOPUP_SEED = 20261210
STRONG = ("قتل", "مقتل", "قتلي", "قتيل", "غاره", "غارات", "قصف", "اشتباك", "معارك", "انفجار", "تفجير", "مفخخ",
          "انتحاري", "سيطر", "استهداف", "اعتقال", "اختطاف", "هجوم", "ضربات", "جرحي", "اصابه")


def strong_score(a: dict) -> int:
    t = norm(a["title"] + " " + a["text"][:600])
    return sum(t.count(s) for s in STRONG)


def draw_topup(path: Path, excluded: set[str], already: list[dict]) -> list[dict]:
    rng = random.Random(TOPUP_SEED)
    arts = [json.loads(line) for line in path.open(encoding="utf-8")]
    taken = {d["docno"] for d in already} | excluded | {a["docno"] for a in arts[:300]} | {
        a["docno"] for a in arts if a["pub_time_utc"][:10] in ("2018-04-08", "2018-04-09")}
    seen_sh = [shingles(a["title"] + " " + a["text"][:1500]) for a in arts if a["docno"] in taken]
    seen_titles = {norm(a["title"]).strip() for a in arts if a["docno"] in taken}
    pool: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for a in arts:
        month = a["pub_time_utc"][:7]
        if a["docno"] in taken or not ("2018-02" <= month <= "2018-10") or \
                not (MIN_CHARS <= len(a["text"]) <= MAX_CHARS) or \
                a["docno"].split("-")[1] not in ("middleEast", "internationalNews") or strong_score(a) < 4:
            continue
        pool[a["docno"][:2]][month].append(a)
    quotas = even_quotas(TOPUP, {o: sum(map(len, pool[o].values())) // 2 for o in ANT_OUTLETS})
    return take_by_month(rng, pool, quotas, "topup_conflict", seen_sh, seen_titles)


def take_by_month(rng: random.Random, pool: dict[str, dict[str, list[dict]]], quotas: dict[str, int], stratum: str,
                  seen_sh: list[set[str]], seen_titles: set[str]) -> list[dict]:
    """Per outlet, months in a seeded order, one article per month in turn until the outlet's quota is met;
    copies of an article already drawn or already read (same title, 5-gram Jaccard > 0.3) are skipped."""
    drawn = []
    for outlet in ANT_OUTLETS:
        months = sorted(pool[outlet])
        rng.shuffle(months)
        buckets = {m: sorted(pool[outlet][m], key=lambda a: a["docno"]) for m in months}
        for m in months:
            rng.shuffle(buckets[m])
        n = 0
        while n < quotas.get(outlet, 0) and any(buckets.values()):
            for m in months:
                if n >= quotas[outlet]:
                    break
                while buckets[m]:
                    a = buckets[m].pop()
                    sh = shingles(a["title"] + " " + a["text"][:1500])
                    if norm(a["title"]).strip() in seen_titles or any(jaccard(sh, o) > 0.3 for o in seen_sh):
                        continue
                    drawn.append(dict(docno=a["docno"], corpus="ant", outlet=outlet, month=m, stratum=stratum))
                    seen_sh.append(sh)
                    seen_titles.add(norm(a["title"]).strip())
                    n += 1
                    break
    return drawn


def draw_fakes(path: Path, excluded: set[str], rng: random.Random) -> list[dict]:
    csv.field_size_limit(10**9)
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8"))
            if r["unit_id"] not in excluded and len(r["article_content"]) <= MAX_CHARS]
    by_source: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_source[r["source"]].append(r)
    share = {s: len(v) / len(rows) for s, v in by_source.items()}
    quota = {s: max(1, int(FAKES_TOTAL * share[s])) for s in by_source}
    rest = sorted(by_source, key=lambda s: -(FAKES_TOTAL * share[s] - int(FAKES_TOTAL * share[s])))
    for s in rest[: FAKES_TOTAL - sum(quota.values())]:
        quota[s] += 1
    drawn = []
    for s in sorted(by_source):
        for r in rng.sample(sorted(by_source[s], key=lambda r: int(r["unit_id"])), quota[s]):
            drawn.append(dict(docno=r["unit_id"], corpus="fakes", outlet=s, month=r["date"],
                              stratum="fakes"))
    return drawn


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=Path("gold/round2/sample.tsv"))
    args = ap.parse_args()
    repo = Path(__file__).resolve().parents[2]
    excluded = referenced_ids(repo) - {line.split("\t")[0] for line in args.out.read_text(encoding="utf-8")
                                       .splitlines()[1:]} if args.out.exists() else referenced_ids(repo)
    rng = random.Random(SEED)
    ant = draw_ant(args.shared / "ant-arabic-news-syria-2018/ant_v2.1_syria_articles.jsonl", excluded, rng)
    fakes = draw_fakes(args.shared / "fakes-syria-news-en/FA-KES-Dataset.csv", excluded, rng)
    ant += draw_topup(args.shared / "ant-arabic-news-syria-2018/ant_v2.1_syria_articles.jsonl", excluded, ant)
    write_sample(args.out, ant + fakes)
    print(f"{len(ant)} ANT and {len(fakes)} FA-KES articles -> {args.out} ({len(excluded)} ids excluded)")


def write_sample(out: Path, drawn: list[dict]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        f.write("docno\tcorpus\toutlet\tmonth\tstratum\n")
        for d in drawn:
            f.write("\t".join(str(d[k]) for k in ("docno", "corpus", "outlet", "month", "stratum")) + "\n")

if __name__ == "__main__":
    main()
