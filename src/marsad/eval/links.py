"""Scoring cross-article linking against hand-made clusters of reports (gold/links/ant-clusters.jsonl).

The gold's articles are coded and ingested into a fresh store, in order of publication, exactly as
`marsad ingest` does. Each gold mention (one article's report of one event) is paired with the system
report of the same article that agrees with it (the event scorer's rules: same type, place within km,
date within days). Over every two mapped mentions from different articles:

- a gold pair: the two mentions are in the same cluster; a system pair: their reports share a linked event;
- pairwise precision = system pairs that are gold pairs / system pairs;
- pairwise recall = gold pairs that are system pairs / gold pairs (both mentions mapped);
- end-to-end recall counts gold pairs whose mentions the extraction missed as not linked.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from marsad.eval.events import GoldError, MatchRules, _date_gap, _place_distance, gold_lines, load_articles
from marsad.pipeline import extract_article, parse_published
from marsad.resolve.gazetteer import Gazetteer
from marsad.store.query import jsonable


def read_clusters(path: Path) -> list[dict[str, Any]]:
    out = []
    for n, c in gold_lines(path):
        if not isinstance(c.get("mentions"), list) or "cluster" not in c:
            raise GoldError(f"{path}:{n}: not a cluster (needs 'cluster' and a list of 'mentions')")
        for m in c["mentions"]:
            if not isinstance(m, dict) or "docno" not in m or "event_type" not in m:
                raise GoldError(f"{path}:{n}: a mention without docno or event_type")
        out.append(c)
    if not out:
        raise GoldError(f"{path}: no clusters")
    return out


@dataclass
class LinkScores:
    clusters: int = 0
    mentions: int = 0
    mapped: int = 0
    articles: int = 0
    reports: int = 0
    linked_events: int = 0
    gold_pairs: int = 0
    gold_pairs_all: int = 0
    system_pairs: int = 0
    true_pairs: int = 0
    by_kind: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    split: list[tuple[dict, dict, str]] = field(default_factory=list)  # gold pairs not linked
    merged: list[tuple[dict, dict, str, str]] = field(default_factory=list)  # linked, but not one event
    negatives_linked: int = 0
    negatives: int = 0

    @property
    def precision(self) -> float:
        return self.true_pairs / self.system_pairs if self.system_pairs else 0.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def end_to_end_recall(self) -> float:
        return self.true_pairs / self.gold_pairs_all if self.gold_pairs_all else 0.0



def build_store(clusters: list[dict[str, Any]], shared: Path, gazetteer: Gazetteer | None, folder: Path):
    """A fresh store holding the gold's articles, ingested in order of publication."""
    from marsad.store import Store

    docnos = sorted({m["docno"] for c in clusters for m in c["mentions"]})
    articles = load_articles([{"docno": d, "corpus": "ant"} for d in docnos], shared)
    store = Store(folder / "links.duckdb")
    order = sorted(articles.values(), key=lambda a: (str(parse_published(a.published) or ""), a.published or "",
                                                     a.id))
    aliases: dict[str, str] = {}
    for a in order:
        found = store.find(a)
        if found and found[1] == "unchanged":  # the corpus holds some articles twice, word for word
            aliases[a.id] = store.con.execute("SELECT doc_id FROM articles WHERE article_id = ?",
                                              [found[0]]).fetchone()[0]
            continue
        store.save(a, extract_article(a, gazetteer=gazetteer), article_id=found[0] if found else None)
    return store, aliases


def score_links(clusters: list[dict[str, Any]], store, rules: MatchRules,
                aliases: dict[str, str] | None = None) -> LinkScores:
    s = LinkScores(clusters=len(clusters))
    con = store.con
    s.articles, s.reports, s.linked_events = (con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                                              for t in ("articles", "reports", "events"))
    cur = con.execute("SELECT a.doc_id, r.* FROM reports r JOIN articles a USING (article_id)")
    names = [d[0] for d in cur.description]
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for row in cur.fetchall():
        r = jsonable(dict(zip(names, row, strict=True)))
        by_doc[r["doc_id"]].append(r)
    for copy, original in (aliases or {}).items():  # a word-for-word copy is stored once: its reports are
        by_doc[copy] = by_doc.get(original, [])    # the original's (storing it once is its link)
    mentions = [(c["cluster"], c.get("kind", ""), m) for c in clusters for m in c["mentions"]]
    s.mentions = len(mentions)
    # map each mention to a report of its article (one-to-one per article, closest first)
    mapped: dict[int, dict] = {}
    per_doc: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, m) in enumerate(mentions):
        per_doc[m["docno"]].append(i)
    for docno, idx in per_doc.items():
        reports = by_doc.get(docno, [])
        cands = []
        for i in idx:
            m = mentions[i][2]
            for j, r in enumerate(reports):
                if r["event_type"] != m["event_type"]:
                    continue
                km, days = _place_distance(r, m, rules), _date_gap(r, m, rules)
                if km is not None and days is not None:
                    cands.append((km, days, i, j))
        used_m, used_r = set(), set()
        for _km, _days, i, j in sorted(cands):
            if i not in used_m and j not in used_r:
                used_m.add(i)
                used_r.add(j)
                mapped[i] = reports[j]
    s.mapped = len(mapped)
    negatives = {c["cluster"] for c in clusters if c.get("kind") == "singleton"}
    s.negatives = len(negatives)
    wrongly_linked = set()
    for i, k in combinations(range(len(mentions)), 2):
        (ci, kind_i, mi), (ck, _, mk) = mentions[i], mentions[k]
        if mi["docno"] == mk["docno"]:
            continue
        gold_same = ci == ck
        if gold_same:
            s.gold_pairs_all += 1
            s.by_kind[kind_i]["gold_all"] += 1
        if i not in mapped or k not in mapped:
            continue
        sys_same = mapped[i]["link_id"] == mapped[k]["link_id"]
        if gold_same:
            s.gold_pairs += 1
            s.by_kind[kind_i]["gold"] += 1
        if sys_same:
            s.system_pairs += 1
        if gold_same and sys_same:
            s.true_pairs += 1
            s.by_kind[kind_i]["true"] += 1
        elif gold_same:
            s.split.append((mi, mk, ci))
        elif sys_same:
            s.merged.append((mi, mk, ci, ck))
            wrongly_linked |= {c for c in (ci, ck) if c in negatives}
    s.negatives_linked = len(wrongly_linked)
    return s


def markdown(s: LinkScores, clusters: list[dict[str, Any]], rules: MatchRules, limit: int = 40) -> str:
    desc = {c["cluster"]: c.get("description", "") for c in clusters}
    kinds = Counter(c.get("kind", "") for c in clusters)
    lines = ["# marsad linking evaluation", "",
             f"Mentions are mapped to reports by: {rules.describe()}.", "",
             "| | |", "|---|---|",
             f"| clusters | {s.clusters} ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}) |",
             f"| gold mentions mapped to a system report | {s.mapped} of {s.mentions} "
             f"({s.mapped / max(1, s.mentions):.1%}) |",
             f"| store: articles / reports / linked events | {s.articles} / {s.reports} / {s.linked_events} |",
             f"| gold pairs (both mapped) / system pairs / both | {s.gold_pairs} / {s.system_pairs} / {s.true_pairs} |",
             f"| **pairwise precision / recall / F1** | **{s.precision:.1%} / {s.recall:.1%} / {s.f1:.1%}** |",
             f"| end-to-end pairwise recall (missed extractions count as not linked) | {s.end_to_end_recall:.1%} "
             f"(of {s.gold_pairs_all}) |",
             f"| hard-negative singletons wrongly linked to another cluster | {s.negatives_linked} of {s.negatives} |",
             "", "## Recall by kind of cluster", "", "| kind | gold pairs (mapped) | linked | recall |",
             "|---|---|---|---|"]
    for kind, c in sorted(s.by_kind.items()):
        if c["gold"]:
            lines.append(f"| {kind} | {c['gold']} | {c['true']} | {c['true'] / c['gold']:.1%} |")
    lines += ["", f"## Gold pairs not linked ({len(s.split)})", ""]
    for a, b, c in s.split[:limit]:
        lines.append(f"- {c} {desc[c][:90]}: `{a['docno']}` ({a.get('event_date')}, {a.get('location')}) / "
                     f"`{b['docno']}` ({b.get('event_date')}, {b.get('location')})")
    lines += ["", f"## Linked but different events ({len(s.merged)})", ""]
    for a, b, ca, cb in s.merged[:limit]:
        lines.append(f"- {ca} {desc[ca][:60]} `{a['docno']}` + {cb} {desc[cb][:60]} `{b['docno']}`")
    return "\n".join(lines) + "\n"


def evaluate_links(path: Path, shared: Path, gazetteer: Gazetteer | None, rules: MatchRules,
                   keep: Path | None = None) -> tuple[LinkScores, list[dict[str, Any]]]:
    clusters = read_clusters(path)
    with tempfile.TemporaryDirectory(prefix="marsad-links-") as tmp:
        folder = keep or Path(tmp)
        store, aliases = build_store(clusters, shared, gazetteer, folder)
        try:
            return score_links(clusters, store, rules, aliases), clusters
        finally:
            store.close()
