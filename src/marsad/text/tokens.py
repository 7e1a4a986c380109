"""Tokens with character offsets, and clitic-aware lookup keys.

A token's keys run from the most literal to the most stripped: وبإدلب → (وبادلب, بادلب, ادلب).
Lexicons store words as written (normalised), common nouns without the article, so الرقة matches
بالرقة and للرقة, and قصف matches والقصف and قصفها, while باب never matches the town الباب.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from marsad.lang import available_languages, language_for_script, rows
from marsad.model import Token
from marsad.text.normalise import FORMAT_CHARS, is_arabic_letter, normalise

_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
_APOS = "'’ʼʿʾ`"
# a word: letters, with marks (harakat, tatweel) anywhere after the first letter and apostrophes joining parts;
# written as runs ("letters*, then (marks+ letters*)*") rather than a per-character alternation: the regex
# engine then scans a run in one step (a third faster, the same tokens)
_LETTERS = rf"[^\W_\d{_MARKS}]*(?:[{_MARKS}]+[^\W_\d{_MARKS}]*)*"
TOKEN_RE = re.compile(
    rf"(?P<num>\d+(?:[.,٬٫]\d+)*)"
    rf"|(?P<word>[^\W\d_]{_LETTERS}(?:[{_APOS}][^\W\d_]{_LETTERS})*)"
    rf"|(?P<punct>[^\s\w{_MARKS}{FORMAT_CHARS}\x00-\x1f\x7f-\x9f\-‐–—])"  # format and control characters: no
    # token, like spaces (a NUL is no word, and it is the lexicon index's own end-of-phrase key)
)
_APOS_TABLE = {ord(c): None for c in _APOS}
_FINDITER = TOKEN_RE.finditer


@dataclass(frozen=True, slots=True)
class CliticRules:
    """Prefix and suffix layers of one script's clitics, loaded from lang/<code>/clitics.tsv."""

    conj: tuple[tuple[str, int], ...]
    prep: tuple[tuple[str, int], ...]
    contract: tuple[tuple[str, str, int], ...]
    article: tuple[tuple[str, int], ...]
    suffix: tuple[tuple[str, int], ...]
    possessive: tuple[tuple[str, int], ...] = ()  # suffixes a proper name takes too (Saraqib's)

    @classmethod
    def load(cls, code: str | None) -> CliticRules:
        layers: dict[str, list] = {"conj": [], "prep": [], "contract": [], "article": [], "suffix": [],
                                   "possessive": []}
        for row in rows(code, "clitics.tsv") if code else []:
            form, keep = normalise(row["form"]), int(row["min_rest"] or 2)
            if row["layer"] == "contract":
                layers["contract"].append((form, normalise(row["replacement"]), keep))
            else:
                layers[row["layer"]].append((form, keep))
        return cls(**{k: tuple(v) for k, v in layers.items()})

    def keys(self, norm: str, final_ta_marbuta: bool = False) -> tuple[str, ...]:
        out = [norm]
        stems = [norm]
        for form, keep in self.conj:
            if norm.startswith(form) and len(norm) - len(form) >= keep:
                stems.append(norm[len(form):])
        for stem in list(stems):
            for form, repl, keep in self.contract:
                if stem.startswith(form) and len(stem) - len(form) >= keep:
                    stems.append(repl + stem[len(form):])
            for form, keep in self.prep:
                if stem.startswith(form) and len(stem) - len(form) >= keep:
                    stems.append(stem[len(form):])
        for stem in stems:
            if stem not in out:
                out.append(stem)
        for stem in list(out):
            for form, keep in self.article:
                if stem.startswith(form) and len(stem) - len(form) >= keep:
                    bare = stem[len(form):]
                    if bare not in out:
                        out.append(bare)
        for stem in list(out):
            for form, keep in self.suffix + self.possessive:
                if form == "ه" and final_ta_marbuta:
                    continue
                if stem.endswith(form) and len(stem) - len(form) >= keep:
                    bare = stem[: -len(form)]
                    if bare not in out:
                        out.append(bare)
        return tuple(out)


@cache
def _rules(script: str) -> CliticRules:
    return CliticRules.load(language_for_script(script))


def name_suffix(norm: str, key: str) -> bool:
    """Is `key` the word `norm` less a suffix that proper names take ("saraqib's" → "saraqib")?"""
    rules = _rules("Arab" if norm and is_arabic_letter(norm[0]) else "Latn")
    return any(norm.endswith(form) and norm[: -len(form)].translate(_APOS_TABLE) == key
               for form, _ in rules.possessive)


@lru_cache(maxsize=200_000)  # bounded: a long batch meets ever more rare words
def word_keys(word: str) -> tuple[str, tuple[str, ...]]:
    """(normalised form, lookup keys) of a word token; cached, since vocabulary repeats."""
    norm = normalise(word)
    if is_arabic_letter(word[0]):
        bare = word.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640")
        return norm, _rules("Arab").keys(norm, bare.endswith("ة"))
    plain = norm.translate(_APOS_TABLE) if any(c in norm for c in _APOS) else norm
    keys = _rules("Latn").keys(norm)
    out = [plain] + [k.translate(_APOS_TABLE) for k in keys if k.translate(_APOS_TABLE) != plain]
    return norm, tuple(dict.fromkeys(out))


@lru_cache(maxsize=50_000)
def _other_keys(text: str) -> tuple[str, tuple[str, ...]]:
    norm = normalise(text)
    return norm, (norm,)


_SEEN: dict[str, tuple[str, tuple[str, ...], str]] = {}  # token text → (norm, keys, kind): news repeats words


def _describe(text: str, kind: str) -> tuple[str, tuple[str, ...], str]:
    norm, keys = word_keys(text) if kind == "word" else _other_keys(text)
    if len(_SEEN) < 500_000:
        _SEEN[text] = (norm, keys, kind)
    return norm, keys, kind


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """All tokens of a text; offsets are into the text plus `offset`."""
    seen, make = _SEEN, Token
    tokens: list[Token] = []
    append = tokens.append
    for m in _FINDITER(text):
        s = m.group()
        norm, keys, kind = seen.get(s) or _describe(s, m.lastgroup)
        start = m.start() + offset
        append(make(s, start, start + len(s), norm, keys, kind))
    return tokens


@lru_cache(maxsize=100_000)
def phrase_keys(phrase: str) -> tuple[str, ...]:
    """The key sequence a lexicon phrase is stored under: each word's normalised form, apostrophes dropped."""
    return tuple(t.keys[0] for t in tokenize(phrase))


def languages() -> tuple[str, ...]:
    return available_languages()
