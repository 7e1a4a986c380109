"""Labels for candidate events, from hand-coded gold: which candidates are the gold's events.

A candidate is positive when the scorer pairs it with a required gold event (same type, place and date agree;
greedy, closest first, exactly as `marsad eval` counts a hit), negative when it is paired with none, and left
out of training when it is paired with an optional gold event (debatable either way). Each candidate also
records the gold event whose evidence its own evidence overlaps (character offsets, same part), which tells
a wrong field from no event at all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from marsad.eval.events import MatchRules, compatible, match, overlaps


@dataclass
class Alignment:
    labels: list[int | None]  # per candidate: 1, 0 or None (an optional gold event)
    gold_of: list[int | None]  # per candidate: the gold event it is paired with
    evidence_of: list[int | None]  # per candidate: a gold event whose evidence overlaps its own
    uncovered: list[int] = field(default_factory=list)  # required gold events no candidate can match
    uncovered_seen: list[int] = field(default_factory=list)  # … of which a candidate overlaps the evidence


def align(golds: list[dict], candidates: list[dict], rules: MatchRules | None = None) -> Alignment:
    """Label one article's candidates (event dicts, as `Event.to_dict()`) against its gold events."""
    rules = rules or MatchRules()
    pairs = dict((pi, gi) for gi, pi in match(golds, candidates, rules))
    labels: list[int | None] = []
    gold_of: list[int | None] = []
    evidence_of: list[int | None] = []
    for pi, c in enumerate(candidates):
        gi = pairs.get(pi)
        gold_of.append(gi)
        labels.append(None if gi is not None and golds[gi].get("optional") else int(gi is not None))
        evidence_of.append(next((k for k, g in enumerate(golds) if overlaps(c, g)), None))
    out = Alignment(labels, gold_of, evidence_of)
    for gi, g in enumerate(golds):
        if g.get("optional") or any(compatible(g, c, rules) is not None for c in candidates):
            continue
        out.uncovered.append(gi)
        if any(overlaps(c, g) for c in candidates):
            out.uncovered_seen.append(gi)
    return out


@dataclass
class Ceiling:
    """How much of the gold the rules' candidates can reach at all, whatever the decision layer does."""

    gold: int = 0
    reachable: int = 0
    seen_wrong_fields: int = 0  # a candidate at the evidence, but with another type, place or date
    never_proposed: int = 0  # no candidate at the evidence either: a trigger the lexicon lacks
    by_type: Counter = field(default_factory=Counter)  # unreachable gold events by event type

    def add(self, golds: list[dict], a: Alignment) -> None:
        required = [g for g in golds if not g.get("optional")]
        self.gold += len(required)
        self.reachable += len(required) - len(a.uncovered)
        self.seen_wrong_fields += len(a.uncovered_seen)
        self.never_proposed += len(a.uncovered) - len(a.uncovered_seen)
        for gi in a.uncovered:
            self.by_type[golds[gi].get("event_type", "?")] += 1

    def lines(self) -> list[str]:
        share = self.reachable / self.gold if self.gold else 0.0
        return [f"gold events {self.gold}; reachable by some candidate {self.reachable} ({share:.1%}): the rules' "
                "recall ceiling",
                f"  unreachable, a candidate at the evidence but with another type, place or date: "
                f"{self.seen_wrong_fields}",
                f"  unreachable, no candidate at the evidence (a trigger the lexicon lacks): {self.never_proposed}",
                "  unreachable by type: " + ", ".join(f"{k} {v}" for k, v in self.by_type.most_common())]
