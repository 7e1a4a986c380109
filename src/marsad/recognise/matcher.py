"""One phrase index over normalised keys: finds every lexicon phrase in a sentence's tokens.

Phrases are indexed by their first word's key; a token tries each of its keys (literal first, then
with clitics stripped), so one dictionary probe per key finds every phrase that can start there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from marsad.model import Token
from marsad.text.tokens import phrase_keys


@dataclass(frozen=True, slots=True)
class Match:
    """Tokens first..last (inclusive) spell a phrase of `kind` whose entry is `value`."""

    kind: str
    first: int
    last: int
    value: Any
    key_rank: int  # 0: the first token matched literally; higher: after stripping clitics


class PhraseIndex:
    """Phrases of several kinds (trigger, actor, place …) in one index."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str, Any]]] = defaultdict(list)
        self._size = 0
        self._sorted = True

    def __len__(self) -> int:
        return self._size

    def add(self, phrase: str, kind: str, value: Any) -> None:
        keys = phrase_keys(phrase)
        if not keys:
            return
        self.add_keys(keys, kind, value)

    def add_keys(self, keys: tuple[str, ...], kind: str, value: Any) -> None:
        self._by_first[keys[0]].append((keys[1:], kind, value))
        self._size += 1
        self._sorted = False

    def _sort(self) -> None:
        for bucket in self._by_first.values():
            bucket.sort(key=lambda e: -len(e[0]))
        self._sorted = True

    def add_many(self, items: Iterable[tuple[str, str, Any]]) -> None:
        for phrase, kind, value in items:
            self.add(phrase, kind, value)

    def find_exact(self, keys: tuple[str, ...], kind: str | None = None) -> list[Any]:
        """Values of the phrases whose keys are exactly `keys`."""
        if not keys:
            return []
        return [v for rest, k, v in self._by_first.get(keys[0], ()) if rest == keys[1:] and kind in (None, k)]

    def find(self, tokens: list[Token], kinds: frozenset[str] | None = None) -> list[Match]:
        """Every match, longest first at each position; overlaps are left to `select`."""
        if not self._sorted:
            self._sort()
        found: list[Match] = []
        by_first = self._by_first
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if tok.kind == "punct" and tok.text not in ".'":
                continue
            for rank, key in enumerate(tok.keys):
                bucket = by_first.get(key)
                if not bucket:
                    continue
                for rest, kind, value in bucket:
                    if kinds is not None and kind not in kinds:
                        continue
                    j = i + len(rest)
                    if j >= n:
                        continue
                    if all(rest[m] in tokens[i + 1 + m].keys for m in range(len(rest))):
                        found.append(Match(kind, i, j, value, rank))
        return found


def select(matches: list[Match]) -> list[Match]:
    """Greedy longest-leftmost choice of non-overlapping matches, per kind.

    Several entries for the same span and kind (a phrase with two meanings) are all kept.
    """
    by_kind: dict[str, list[Match]] = defaultdict(list)
    for m in matches:
        by_kind[m.kind].append(m)
    chosen: list[Match] = []
    for group in by_kind.values():
        group.sort(key=lambda m: (m.first, -(m.last - m.first), m.key_rank))
        taken_until = -1
        best: Match | None = None
        for m in group:
            if best is not None and (m.first, m.last, m.key_rank) == (best.first, best.last, best.key_rank):
                chosen.append(m)
                continue
            if m.first > taken_until:
                chosen.append(m)
                taken_until = m.last
                best = m
    chosen.sort(key=lambda m: (m.first, m.last))
    return chosen
