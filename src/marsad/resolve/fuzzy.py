"""Names as translation and transliteration spell them.

Two lookups beside the exact phrase index:
- a *skeleton* for Latin script: articles dropped, vowels and doubled letters folded, q→k, ch→sh, a final
  h dropped, so "Ma'arrat al-Nu'man", "Maarat al-Numan" and "Maaret al-Noman" share one key (mrt nmn);
- *near misspellings* in Arabic script: a weighted edit distance in which letters that machine
  translation and hurried typing confuse (ص/س، ض/د، ط/ت، ظ/ز/ذ، ث/س، ق/ك، ح/ه، ع/ا، a long vowel added or
  dropped) cost half a letter; candidates come from a deletion index, so a lookup costs microseconds.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from marsad.text.normalise import arabic_share, is_arabic_letter, normalise

LATIN_ARTICLES = frozenset("al el an ad ar as ash at az ed er es et ez en ul il ag".split())
ARABIC_CONFUSIONS = [("ص", "س"), ("ض", "د"), ("ط", "ت"), ("ظ", "ز"), ("ذ", "ز"), ("ظ", "ذ"), ("ث", "س"), ("ث", "ت"),
                     ("ق", "ك"), ("ح", "ه"), ("ع", "ا"), ("غ", "ع"), ("ه", "ت"), ("ي", "ا"), ("ق", "ا")]
SOFT_LETTERS = frozenset("اوي")  # long vowels that transliteration adds or drops
_CONFUSED = {frozenset(p) for p in ARABIC_CONFUSIONS}
MIN_SKELETON = 4  # shorter skeletons ("dm", "hms") match too many places


def fold_latin(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return "".join(ch if ch.isalnum() else " " for ch in folded.replace("'", "").replace("’", "")
                   .replace("ʿ", "").replace("ʾ", "").replace("`", ""))


def _word_skeleton(word: str) -> str:
    w = word.replace("ch", "sh").replace("dj", "j").replace("q", "k").replace("ph", "f")
    if len(w) > 2 and w.endswith("h") and w[-2] in "aeiou":
        w = w[:-1]
    first = "a" if w[:1] in set("aeiouy") else ""
    out: list[str] = []
    for ch in w:
        if ch in "aeiouyw":
            continue
        if not out or out[-1] != ch:
            out.append(ch)
    return first + "".join(out)


def latin_skeleton(name: str) -> str:
    """"Deir ez-Zor" → "dr zr"; "Dayr az Zawr" → "dr zr"; "Ma'arrat al-Nu'man" → "mrt nmn"."""
    words = [w for w in fold_latin(name).split() if w not in LATIN_ARTICLES]
    return " ".join(s for s in (_word_skeleton(w) for w in words) if s)


def arabic_key(name: str) -> str:
    """Normalised letters, each word without its article: "معرة النعمان" → "معره نعمان"."""
    words = []
    for w in normalise(name).split():
        w = "".join(ch for ch in w if ch.isalpha())
        if w.startswith("ال") and len(w) > 4:
            w = w[2:]
        if w:
            words.append(w)
    return " ".join(words)


def weighted_distance(a: str, b: str, limit: float = 2.0) -> float:
    """Edit distance in which confused letters and long vowels cost 0.5 (stops early above `limit`)."""
    prev = [0.0]
    for ch in b:
        prev.append(prev[-1] + (0.5 if ch in SOFT_LETTERS else 1.0))
    for ca in a:
        cur = [prev[0] + (0.5 if ca in SOFT_LETTERS else 1.0)]
        for j, cb in enumerate(b, 1):
            if ca == cb:
                sub = 0.0
            elif frozenset((ca, cb)) in _CONFUSED:
                sub = 0.5
            else:
                sub = 1.0
            cur.append(min(prev[j - 1] + sub, prev[j] + (0.5 if ca in SOFT_LETTERS else 1.0),
                           cur[j - 1] + (0.5 if cb in SOFT_LETTERS else 1.0)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))} | {key}


def allowed_distance(key: str) -> float:
    letters = len(key.replace(" ", ""))
    return 0.0 if letters < 4 else 0.5 if letters < 6 else 1.0


class FuzzyIndex:
    """Skeleton and misspelling lookups over a gazetteer's names."""

    def __init__(self, names: list[tuple[str, str]]) -> None:
        self.skeletons: dict[str, set[str]] = defaultdict(set)
        self.arabic: dict[str, set[str]] = defaultdict(set)  # key → ids
        self.deleted: dict[str, set[str]] = defaultdict(set)  # one letter deleted → keys
        for name, entry_id in names:
            if is_arabic_letter(name[:1]):  # gazetteer names are in one script (builtin.usable_name)
                key = arabic_key(name)
                if len(key.replace(" ", "")) >= 4:
                    self.arabic[key].add(entry_id)
            else:
                skel = latin_skeleton(name)
                if len(skel.replace(" ", "")) >= MIN_SKELETON:
                    self.skeletons[skel].add(entry_id)
        for key in self.arabic:
            for d in _deletions(key):
                self.deleted[d].add(key)

    def search(self, name: str) -> list[tuple[str, float, str]]:
        """(entry id, score, how) for names spelled differently from any the gazetteer holds."""
        out: dict[str, tuple[float, str]] = {}
        if arabic_share(name) > 0.9:
            key = arabic_key(name)
            limit = allowed_distance(key)
            if limit:
                for d in _deletions(key):
                    for candidate in self.deleted.get(d, ()):
                        dist = weighted_distance(key, candidate, limit)
                        if 0 < dist <= limit:
                            for entry_id in self.arabic[candidate]:
                                score = 0.9 - 0.3 * dist
                                if score > out.get(entry_id, (0.0, ""))[0]:
                                    out[entry_id] = (score, "fuzzy")
        else:
            skel = latin_skeleton(name)
            for entry_id in self.skeletons.get(skel, ()) if len(skel.replace(" ", "")) >= MIN_SKELETON else ():
                out[entry_id] = (0.8, "transliteration")
        return [(i, s, how) for i, (s, how) in out.items()]
