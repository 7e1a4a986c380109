"""One phrase index over normalised keys: finds every lexicon phrase in a sentence's tokens.

Phrases live in a trie keyed by their words' normalised forms; a token tries each of its keys (literal
first, then with clitics stripped), so the walk costs what actually matches, not the lexicon's size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from marsad.model import Token
from marsad.text.tokens import phrase_keys


@dataclass(slots=True)
class Match:
    """Tokens first..last (inclusive) spell a phrase of `kind` whose entry is `value`."""

    kind: str
    first: int
    last: int
    value: Any
    key_rank: int  # 0: the first token matched literally; higher: after stripping clitics


START_CACHE = 300_000  # distinct key tuples whose trie nodes `find` remembers
_END = "\0"  # the key under which a trie node keeps the entries of the phrases ending there


class PhraseIndex:
    """Phrases of several kinds (trigger, actor, place …) in one trie over normalised keys."""

    def __init__(self) -> None:
        self._root: dict[str, dict] = {}
        self._size = 0
        self._starts: dict[tuple[str, ...], tuple] = {}  # a token's keys -> the nodes they open (find's cache)

    def __len__(self) -> int:
        return self._size

    def add(self, phrase: str, kind: str, value: Any) -> None:
        keys = phrase_keys(phrase)
        if keys:
            self.add_keys(keys, kind, value)

    def add_keys(self, keys: tuple[str, ...], kind: str, value: Any) -> None:
        node = self._root
        for key in keys:
            node = node.setdefault(key, {})
        node.setdefault(_END, []).append((kind, value))
        self._size += 1
        self._starts.clear()

    def add_many(self, items: Iterable[tuple[str, str, Any]]) -> None:
        for phrase, kind, value in items:
            self.add(phrase, kind, value)

    @property
    def trie(self) -> dict:
        """The trie itself (nested dicts), for storing an index that took long to build."""
        return self._root

    def load(self, trie: dict, size: int) -> None:
        self._root = trie
        self._size = size
        self._starts.clear()

    def merged(self, other: PhraseIndex) -> PhraseIndex:
        """A new index holding the phrases of both (one walk over a sentence finds all of them)."""
        out = PhraseIndex()
        out._root = _merge({}, self._root)
        out._root = _merge(out._root, other._root)
        out._size = self._size + other._size
        return out

    def find_exact(self, keys: tuple[str, ...], kind: str | None = None) -> list[Any]:
        """Values of the phrases whose keys are exactly `keys`."""
        node = self._root
        for key in keys:
            node = node.get(key)
            if node is None:
                return []
        return [v for k, v in node.get(_END, ()) if kind in (None, k)]

    def find(self, tokens: list[Token]) -> list[Match]:
        """Every match at every position (a token tries each of its keys); overlaps are left to `select`."""
        found: list[Match] = []
        starts = self._starts
        n = len(tokens)
        for i, tok in enumerate(tokens):
            hits = starts.get(tok.keys)
            if hits is None:
                hits = self._start_hits(tok)
            for rank, node, entries in hits:
                if entries:
                    found.extend(Match(kind, i, i, value, rank) for kind, value in entries)
                if i + 1 < n and len(node) > (1 if entries else 0):
                    self._extend(node, tokens, i, i + 1, rank, found)
        return found

    def _start_hits(self, tok: Token) -> tuple:
        """The trie nodes a token's keys open (rank, node, entries ending there), kept per key tuple: news
        repeats its words, so most tokens are looked up once per process (the cache is bounded)."""
        if tok.kind == "punct" and tok.text not in ".'":
            hits: tuple = ()
        else:
            root_get = self._root.get
            hits = tuple((rank, node, node.get(_END)) for rank, key in enumerate(tok.keys)
                         if (node := root_get(key)) is not None)
        if len(self._starts) < START_CACHE:
            self._starts[tok.keys] = hits
        return hits

    @staticmethod
    def _extend(node: dict, tokens: list[Token], first: int, j: int, rank: int, found: list[Match]) -> None:
        """Walk on from `node` over tokens[j:], recording every phrase that ends on the way."""
        n = len(tokens)
        stack = [(node, j)]
        seen: set[int] = set()
        while stack:
            node, j = stack.pop()
            for key in tokens[j].keys:
                child = node.get(key)
                if child is None or id(child) in seen:
                    continue
                seen.add(id(child))
                entries = child.get(_END)
                if entries:
                    found.extend(Match(kind, first, j, value, rank) for kind, value in entries)
                if j + 1 < n and len(child) > (1 if entries else 0):
                    stack.append((child, j + 1))


def _merge(into: dict, node: dict) -> dict:
    for key, child in node.items():
        if key == _END:
            into[_END] = into.get(_END, []) + child
        else:
            into[key] = _merge(dict(into.get(key, {})), child)
    return into


def select(matches: list[Match]) -> list[Match]:
    """Greedy longest-leftmost choice of non-overlapping matches, per kind.

    Several entries for the same span and kind (a phrase with two meanings) are all kept.
    """
    by_kind: dict[str, list[Match]] = defaultdict(list)
    for m in matches:
        by_kind[m.kind].append(m)
    chosen: list[Match] = []
    for group in by_kind.values():
        if len(group) == 1:
            chosen.append(group[0])
            continue
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
