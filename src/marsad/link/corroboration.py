"""How well a linked event is corroborated: independent reports, the kinds of sources behind them, and whether
the reports agree (docs/STORE.md, "Corroboration" has the rule).

Reports are not independent because they come from different outlets: outlets reprint one wire or agency story,
and one outlet may tell the same story twice. Reports are therefore grouped — the same outlet, or evidence whose
word shingles mostly coincide (a reprint) — and each group counts once.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from marsad.code.event import PARTY_SOURCES  # a party to the fighting speaking

GRADES = ("confirmed", "fair", "single source", "contested")
COPY_SIMILARITY = 0.5  # Jaccard of word 3-shingles above which two reports' evidence is one story reprinted
_WORD = re.compile(r"\w+")


@cache
def source_kinds() -> dict[str, str]:
    """Canonical source name -> kind (monitor, agency, state_media, ministry, military, ngo, un …), from every
    language's source lexicon."""
    from marsad.lang import available_languages, rows

    out: dict[str, str] = {}
    for code in available_languages():
        for row in rows(code, "sources.tsv"):
            out.setdefault(row["source"], row.get("kind") or "")
    return out


def _shingles(report: dict[str, Any]) -> frozenset[tuple[str, ...]]:
    words = [w.lower() for ev in report.get("evidence") or [] for w in _WORD.findall(ev.get("text") or "")]
    return frozenset(zip(words, words[1:], words[2:], strict=False)) if len(words) >= 3 else frozenset(
        [tuple(words)])


def independent_groups(reports: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Reports in groups that are one account: the same outlet, or a reprint of the same text."""
    parent = list(range(len(reports)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    shingles = [_shingles(r) for r in reports]
    for i in range(len(reports)):
        for j in range(i + 1, len(reports)):
            same_outlet = reports[i].get("outlet") and reports[i].get("outlet") == reports[j].get("outlet")
            union = shingles[i] | shingles[j]
            copy = bool(union) and len(shingles[i] & shingles[j]) / len(union) >= COPY_SIMILARITY
            if same_outlet or copy:
                parent[root(j)] = root(i)
    groups: dict[int, list[dict[str, Any]]] = {}
    for i, r in enumerate(reports):
        groups.setdefault(root(i), []).append(r)
    return list(groups.values())


def grade(reports: list[dict[str, Any]]) -> tuple[str, int, str]:
    """(grade, independent reports, why) for a linked event's reports."""
    groups = independent_groups(reports)
    n = len(groups)
    kinds = {source_kinds().get(s, "") for r in reports for s in r.get("sources") or []} - {""}
    named = {r.get("actor1") for r in reports if r.get("actor1") and not str(r["actor1"]).startswith("Unidentified")}
    perpetrators = {frozenset(r.get("actor1") for r in g if r.get("actor1") in named) for g in groups} - {frozenset()}
    if any("contested" in (r.get("flags") or []) for r in reports):
        return "contested", n, "a party's account is contested by the other side's"
    if len(perpetrators) > 1 and len({a for p in perpetrators for a in p}) > 1:
        return "contested", n, "independent reports name different perpetrators"
    if n < 2:
        return "single source", n, "one independent report" + (" (reprinted)" if len(reports) > 1 else "")
    tolls = {r.get("fatalities") for r in reports if r.get("fatalities") is not None}
    if len(tolls) > 1:
        return "fair", n, f"{n} independent reports that disagree on the toll"
    if kinds and kinds <= PARTY_SOURCES:
        return "fair", n, f"{n} independent reports citing only parties to the fighting"
    return "confirmed", n, f"{n} independent reports that agree" + (
        f", citing {', '.join(sorted(kinds - PARTY_SOURCES))} sources" if kinds - PARTY_SOURCES else "")
