"""Names as translation and transliteration spell them.

Two lookups beside the exact phrase index:
- a *skeleton* for Latin script: articles dropped, vowels and doubled letters folded, q→k, ch→sh, a final
  h dropped, so "Ma'arrat al-Nu'man", "Maarat al-Numan" and "Maaret al-Noman" share one key (mrt nmn);
- *near misspellings* in Arabic script: a weighted edit distance in which letters that machine
  translation and hurried typing confuse (ص/س، ض/د، ط/ت، ظ/ز/ذ، ث/س، ق/ك، ح/ه، ع/ا، a long vowel added or
  dropped) cost half a letter; candidates come from a deletion index, so a lookup costs microseconds;
- a *romanisation* of an Arabic name into the same skeleton ("الخليلية" → khl, as "Khaliliyeh" gives), so an
  Arabic mention finds a place the gazetteer knows only by a Latin name (UN OCHA's communities), and a
  Latin one finds a place known only in Arabic;
- *near misses* of long Latin skeletons (one consonant added or dropped, or changed for one it is confused with).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable

from marsad.text.normalise import arabic_share, is_arabic_letter, normalise

LATIN_ARTICLES = frozenset("al el an ad ar as ash at az ed er es et ez en ul il ag".split())
ARABIC_CONFUSIONS = [("ص", "س"), ("ض", "د"), ("ط", "ت"), ("ظ", "ز"), ("ذ", "ز"), ("ظ", "ذ"), ("ث", "س"), ("ث", "ت"),
                     ("ق", "ك"), ("ح", "ه"), ("ع", "ا"), ("غ", "ع"), ("ه", "ت"), ("ي", "ا"), ("ق", "ا")]
SOFT_LETTERS = frozenset("اوي")  # long vowels that transliteration adds or drops
_CONFUSED = {frozenset(p) for p in ARABIC_CONFUSIONS}
MIN_SKELETON = 3  # shorter skeletons ("dm", "hs") match too many places
SHORT_SKELETON = 4  # a skeleton of three consonants (mzn: Maziuna, Maziouneh; khl) scores SHORT_PENALTY less
SHORT_PENALTY = 0.1


def fold_latin(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return "".join(ch if ch.isalnum() else " " for ch in folded.replace("'", "").replace("’", "")
                   .replace("ʿ", "").replace("ʾ", "").replace("`", ""))


# Letter groups that romanisations write differently for one Arabic letter: ch/sh (ش), dj/j (ج), q/k (ق), ph/f,
# gh/g (غ), c/k; th and dh are one family with d (ث ذ ظ ض are written th, dh, z, d by turns: Thiban and
# Dhiban, Abul Thohur and Abu Dhuhur).
_LATIN_FOLDS = (("sch", "sh"), ("ch", "sh"), ("dj", "j"), ("q", "k"), ("ph", "f"), ("dh", "d"), ("th", "d"),
                ("gh", "g"), ("c", "k"))
# Word forms of one prefix: Bu/Bou/Abou/Albu/Abul are Abu (أبو، بو، البو، أبو ال).
_LATIN_WORDS = {"bu": "abu", "bou": "abu", "abou": "abu", "abo": "abu", "albu": "abu", "ebu": "abu", "abul": "abu",
                "aboul": "abu"}


# The nisba ending -iyeh/-iya/-ia (ية، يا) is the one vowel ending a skeleton keeps, as a final y: without it
# al-Khaliliyah (الخليلية) and al-Khalil (الخليل) would be one name.
_NISBA = re.compile(r"(?<=[^aeiouyw])(?:[aei]?y{1,2}|i)(?:eh|ah|e|a)$")  # -iyeh -iya -ia -ieh -aya -ya -yeh


def _fold_word(word: str) -> str:
    """A Latin word with its common spellings brought together (Abul → abu, sch → sh, dj → j, q → k …)."""
    w = _LATIN_WORDS.get(word, word)
    for a, b in _LATIN_FOLDS:
        w = w.replace(a, b)
    return w


def _word_skeleton(word: str) -> str:
    w = _fold_word(word)
    nisba = ""
    if len(w) >= 5 and _NISBA.search(w):
        w, nisba = _NISBA.sub("", w), "y"
    elif len(w) > 2 and w.endswith("h") and w[-2] in "aeiou":
        w = w[:-1]
    first = "a" if w[:1] in set("aeiouy") else ""
    out: list[str] = []
    prev = ""
    for ch in w:  # a doubled letter is one (Maarrat, Raqqa); one repeated across a vowel stays two (Jdeideh: jdd)
        if ch not in "aeiouyw" and ch != prev:
            out.append(ch)
        prev = ch
    return first + "".join(out) + nisba


def _latin_words(name: str) -> list[str]:
    words = []
    for w in fold_latin(name).split():
        if w in LATIN_ARTICLES:
            continue
        # "Elshweikh", "Alqusayr": an article written onto its word (OCHA writes several so)
        if len(w) >= 6 and w[:2] in ("al", "el") and w[2] not in "aeiouy" and w not in _LATIN_WORDS:
            w = w[2:]
        words.append(w)
    return words


def latin_skeleton(name: str) -> str:
    """"Deir ez-Zor" → "dr zr"; "Dayr az Zawr" → "dr zr"; "Ma'arrat al-Nu'man" → "mrt nmn"."""
    return " ".join(s for s in (_word_skeleton(w) for w in _latin_words(name)) if s)


# Arabic letters as Latin romanisations write them, folded as _word_skeleton folds Latin: vowels (ا و ي ى),
# ع and hamza vanish inside a word; ة and a final ه vanish (-eh, -a, -ah); ث ذ ض ظ fold to d as th/dh do in
# Latin (ظ is also written z: Abu al-Zuhur stays one consonant off Abu Dhuhur).
_ROMAN = {"ب": "b", "ت": "t", "ث": "d", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "d", "ر": "r", "ز": "z",
          "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "d", "غ": "g", "ف": "f", "ق": "k", "ك": "k",
          "ل": "l", "م": "m", "ن": "n", "ه": "h"}
_INITIAL_VOWELS = frozenset("اعي")


def arabic_skeleton(name: str) -> str:
    """The Latin skeleton an Arabic name's romanisations share: "الخليلية" → "khl" (Khaliliyeh, al-Khaliliya),
    "كفر نبل" → "kfr nbl", "عين العرب" → "an rb" (Ain al-Arab)."""
    out_words = []
    words = arabic_key(name).split()
    for k, w in enumerate(words):
        if w in ("ابو", "بو"):
            out_words.append("ab")
            continue
        nisba = ""
        if len(w) >= 4 and w.endswith(("يه", "يا")) and w[-3] not in "وي":
            w, nisba = w[:-2], "y"  # الخليلية al-Khaliliyah, سوريا Suriya, كفريا Kafraya: the ending kept as y
        elif w.endswith("ه") and len(w) > 2:
            # ة/ه: the ending romanisations write -eh, -a or -ah; before another word (an idafa) it is
            # pronounced and written t: خربة موسى Khirbet Musa, معرة النعمان Maarat al-Numan
            w = w[:-1] + ("ت" if k < len(words) - 1 else "")
        first = "a" if w[:1] in _INITIAL_VOWELS else ""
        # a letter written twice is two consonants (ببيلا Babbila: b-b-l); a doubled one carries a shadda
        # that text leaves out (الرقة Raqqa), as the Latin fold of qq to k does
        skel = first + "".join(_ROMAN.get(ch, "") for ch in w) + nisba
        if skel:
            out_words.append(skel)
    return " ".join(out_words)


def joined(skeleton: str) -> str:
    """A skeleton without its spaces: "كفرنبل" and "Kafr Nabl" are one name written joined or apart."""
    return skeleton.replace(" ", "")


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


ARTICLE_ASIDE = 0.95  # the same Arabic name but for its article
TRANSLITERATION = 0.8  # the same Latin skeleton (Maaret al-Noman, Ma'arrat al-Nu'man)
SKELETON = 0.7  # the same skeleton of two Arabic spellings further apart than a misspelling
ROMANISATION = 0.75  # the same skeleton across scripts (an Arabic mention, a Latin-only name)
JOINED = 0.72  # the same letters written joined or apart (كفرنبل، Kafr Nabl)
NEAR_MISS = 0.72  # a long Latin skeleton one consonant off
MIN_NEAR_MISS = 6  # consonants a skeleton needs before a near miss is trusted


class FuzzyIndex:
    """Skeleton, romanisation and misspelling lookups over a gazetteer's names."""

    def __init__(self, names: list[tuple[str, str]], romanised: Callable[[str], bool] = lambda _id: True) -> None:
        """`romanised(entry id)`: whether the entry's names reach the press in several romanisations, so that
        its skeletons are indexed (Monterrey's are not: "Monitor" must not find it)."""
        self.skeletons: dict[str, set[str]] = defaultdict(set)  # Latin names' skeletons → ids
        self.romanised: dict[str, set[str]] = defaultdict(set)  # Arabic names' skeletons → ids
        self.joined: dict[str, set[str]] = defaultdict(set)  # either, spaces removed → ids
        self.arabic: dict[str, set[str]] = defaultdict(set)  # key → ids
        self.deleted: dict[str, set[str]] = defaultdict(set)  # one letter deleted → keys
        self.skeleton_deleted: dict[str, set[str]] = defaultdict(set)  # one consonant deleted → joined skeletons
        for name, entry_id in names:
            if is_arabic_letter(name[:1]):  # gazetteer names are in one script (builtin.usable_name)
                key = arabic_key(name)
                if len(key.replace(" ", "")) >= 4:
                    self.arabic[key].add(entry_id)
                if not romanised(entry_id):
                    continue
                skel = arabic_skeleton(name)
                if len(joined(skel)) >= MIN_SKELETON:
                    self.romanised[skel].add(entry_id)
                    self.joined[joined(skel)].add(entry_id)
            elif romanised(entry_id):
                skel = latin_skeleton(name)
                if len(joined(skel)) >= MIN_SKELETON:
                    self.skeletons[skel].add(entry_id)
                    self.joined[joined(skel)].add(entry_id)
        for key in self.arabic:
            for d in _deletions(key):
                self.deleted[d].add(key)
        for skel in self.joined:
            if len(skel) >= MIN_NEAR_MISS:
                for d in _deletions(skel):
                    self.skeleton_deleted[d].add(skel)

    def search(self, name: str) -> list[tuple[str, float, str]]:
        """(entry id, score, how) for names spelled differently from any the gazetteer holds."""
        out: dict[str, tuple[float, str]] = {}

        def add(ids, score: float, how: str) -> None:
            for entry_id in ids:
                if score > out.get(entry_id, (0.0, ""))[0]:
                    out[entry_id] = (score, how)

        if arabic_share(name) > 0.9:
            key = arabic_key(name)
            limit = allowed_distance(key)
            if limit:
                for d in _deletions(key):
                    for candidate in self.deleted.get(d, ()):
                        dist = weighted_distance(key, candidate, limit)
                        if dist == 0:  # the same letters, the article aside (الصرمان، صرمان)
                            add(self.arabic[candidate], ARTICLE_ASIDE, "exact")
                        elif dist <= limit:
                            add(self.arabic[candidate], 0.9 - 0.3 * dist, "fuzzy")
            skel = arabic_skeleton(name)
            same, across, same_score = self.romanised, self.skeletons, SKELETON
        else:
            skel = latin_skeleton(name)
            same, across, same_score = self.skeletons, self.romanised, TRANSLITERATION
        if len(joined(skel)) < MIN_SKELETON:
            return [(i, s, how) for i, (s, how) in out.items()]
        less = SHORT_PENALTY if len(joined(skel)) < SHORT_SKELETON else 0.0
        add(same.get(skel, ()), same_score - less, "transliteration")
        add(across.get(skel, ()), ROMANISATION - less, "romanisation")
        add(self.joined.get(joined(skel), ()), JOINED - less, "joined")
        if len(joined(skel)) >= MIN_NEAR_MISS:
            near = {k for d in _deletions(joined(skel)) for k in self.skeleton_deleted.get(d, ())}
            for k in near:
                if k != joined(skel) and near_miss(k, joined(skel)):
                    add(self.joined[k], NEAR_MISS, "near miss")
        return [(i, s, how) for i, (s, how) in out.items()]


# consonants one romanisation writes for another's (Zabadani/Sabadani, Jableh/Gableh, Bab/Pab, Fafin/Vavin)
_LATIN_CONFUSED = frozenset(map(frozenset, ("sz", "bp", "fv", "gj", "gk", "dt", "vw")))


def near_miss(a: str, b: str) -> bool:
    """Two skeletons one consonant apart the way spellings drift: one added or dropped, or one written as a
    letter romanisations confuse it with (not Urum al-Kubra for Abu Maqbara: r for b is another name)."""
    if len(a) != len(b):
        return one_edit(a, b)
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and frozenset(diff[0]) in _LATIN_CONFUSED


def one_edit(a: str, b: str) -> bool:
    """a and b differ by one letter added, dropped or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


_VOWEL_CLASS = str.maketrans({"e": "i", "y": "i", "o": "u", "w": "u"})
_ROMAN_VOWELS = {"ا": "a", "ى": "a", "و": "u", "ي": "i", "ه": "a"}


def vowelled(name: str) -> str:
    """A name's letters with its vowels kept, in classes (a; e i y; o u w), doubled letters single, no article,
    no spaces: what a short name has left to compare once its skeleton is too short ("Fua", "al-Fouaa", "Foah"
    and "الفوعة" are all fua). Arabic is romanised with its long vowels (a final ة is a)."""
    if is_arabic_letter(name[:1]):
        letters = []
        for w in arabic_key(name).split():
            for k, ch in enumerate(w):
                if ch == "ه" and k < len(w) - 1:
                    letters.append("h")
                else:
                    letters.append(_ROMAN_VOWELS[ch] if ch in _ROMAN_VOWELS else _ROMAN.get(ch, ""))
        text = "".join(letters)
    else:
        words = []
        for w in map(_fold_word, _latin_words(name)):
            if len(w) > 2 and w.endswith("h") and w[-2] in "aeiou":
                w = w[:-1]
            words.append(w.translate(_VOWEL_CLASS))
        text = "".join(words)
    out: list[str] = []
    for ch in text:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def similarity(a: str, b: str) -> float:
    """1 - edit distance / the longer length (0 when they differ in more than a third of their letters)."""
    longer = max(len(a), len(b))
    if not longer or abs(len(a) - len(b)) > longer / 3:
        return 0.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return 1 - prev[-1] / longer
