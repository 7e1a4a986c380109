"""Numbers and quantities: digits in any script and separator convention, number words with their
genders, duals and compounds, vague amounts, ranges and qualifiers ("at least", "نحو")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.model import Sentence
from marsad.recognise.matcher import Match

_SEP = re.compile(r"[.,]")
_RANGE_GAP = re.compile(r"^\s*[-‐–—]\s*$")
_QUALIFIERS = ("at_least", "more_than", "about", "up_to")
_APPROXIMATE = {"about", "up_to"}
# Which number-word types may follow which in one number (ثلاثة آلاف وخمسمئة; hundreds of thousands);
# two vague amounts joined by "و" (عشرات ومئات) are two numbers, not one.
_COMPOUND = frozenset({"unit", "ten", "hundred", "scale", "scale_plural", "dual_scale"})
_JOINS_AFTER: dict[str, frozenset[str]] = {
    "unit": _COMPOUND, "ten": _COMPOUND, "hundred": _COMPOUND, "scale": _COMPOUND,
    "scale_plural": _COMPOUND, "dual_scale": _COMPOUND,
    "vague": frozenset({"scale", "scale_plural", "vague"}),
    "fraction": frozenset({"scale", "scale_plural"}),
    "article": frozenset({"scale", "hundred"}),
    "none": frozenset(),
}


@dataclass(slots=True)
class Quantity:
    """A number in a sentence: tokens first..last, its value and how exact it is."""

    first: int
    last: int
    value: int | None  # None: a quantity with no number ("several", "عدد من")
    value_max: int | None = None
    approximate: bool = False
    qualifier: str = "exact"
    vague: bool = False
    qualifier_first: int | None = None  # where a qualifier before the number starts
    qualifier_last: int | None = None  # where a qualifier after the number ends
    measure: bool = False  # "five-year", "24-hour": how long something lasts (the date reader's), no count


MAX_DIGITS = 15  # no count in a news report has more; longer strings are ids, phone numbers, noise


def parse_digits(text: str, decimal_hint: bool = False) -> float:
    """A digit string in any convention: 1,250 / 1.250.000 / 1.25 (before a scale word) / 2٫5.

    A single separator followed by exactly three digits is a thousands separator unless a scale word
    follows ("1.250 مليون" is 1.25 million); any other single separator is a decimal point.
    A run of separators that does not group thousands ("5,6,7", a list) is not one number, nor is a
    string too long to be a count: both raise ValueError.
    """
    if len(text) > MAX_DIGITS:
        raise ValueError(f"{len(text)} characters is too long for a count")
    seps = _SEP.findall(text)
    if not seps:
        return float(text)
    groups = _SEP.split(text)
    if len(set(seps)) == 2:  # 1,250.5 or 1.250,5: the last separator is the decimal point
        last = max(text.rfind("."), text.rfind(","))
        if any(len(g) != 3 for g in _SEP.split(text[:last])[1:]):
            raise ValueError(f"{text!r} does not group thousands")
        return float(_SEP.sub("", text[:last]) + "." + text[last + 1 :])
    if len(seps) > 1:
        if any(len(g) != 3 for g in groups[1:]):
            raise ValueError(f"{text!r} does not group thousands")
        return float("".join(groups))
    if len(groups[1]) == 3 and not decimal_hint:
        return float("".join(groups))
    return float(groups[0] + "." + groups[1])


def _number_words(matches: list[Match]) -> dict[int, Match]:
    return {m.first: m for m in matches if m.kind == "number"}


def _combine(parts: list[tuple[float, str]]) -> tuple[float | None, bool]:
    """Value of a run of number words (value, type); vague is True for عشرات/dozens/آلاف alone."""
    total = 0.0
    cur = 0.0
    vague = False
    prev = ""
    for value, kind in parts:
        if kind == "none":
            return None, True
        if kind == "unit":
            cur = cur + 10 if (prev == "unit" and value == 10 and cur < 10) else cur + value
        elif kind == "ten":
            cur += value
        elif kind == "hundred":
            cur = cur * 100 if (prev in ("unit", "article") and value == 100 and 0 < cur < 10) else cur + value
        elif kind == "article":
            cur = value
        elif kind == "scale":
            cur = (cur or 1) * value
            total += cur
            cur = 0
        elif kind == "scale_plural":
            if cur and prev in ("unit", "ten", "hundred"):
                total += cur * value
                cur = 0
            elif prev == "vague":
                cur *= value
            else:
                cur, vague = value, True
        elif kind == "vague":
            cur = cur * value if prev == "vague" else value
            vague = True
        elif kind == "dual_scale":
            if value >= 1000:
                total += value
            else:
                cur += value
        elif kind == "fraction":
            cur = value
        prev = kind
    return total + cur, vague


def find_quantities(sentence: Sentence, matches: list[Match], excluded: set[int]) -> list[Quantity]:
    """Every quantity in a sentence; tokens in `excluded` (dates, years) are not numbers."""
    tokens = sentence.tokens
    words = _number_words(matches)
    if not words and not any(t.kind == "num" for t in tokens):
        return []
    out: list[Quantity] = []
    i = 0
    n = len(tokens)
    while i < n:
        if i in excluded:
            i += 1
            continue
        tok = tokens[i]
        if tok.kind == "num" and i == 0 and _item_number(sentence, tok):
            i += 1
            continue
        if tok.kind == "num":
            j = i
            scale = 1.0
            nxt = words.get(i + 1)
            if nxt is not None and nxt.value["type"] in ("scale", "scale_plural") and i + 1 not in excluded:
                scale = float(nxt.value["value"])
                j = nxt.last
            try:
                value = parse_digits(tok.norm, decimal_hint=scale > 1) * scale
            except ValueError:
                i += 1
                continue
            q = Quantity(i, j, round(value))
            out.append(q)
            i = j + 1
            continue
        m = words.get(i)
        if m is not None:
            parts: list[tuple[float, str]] = []
            j = i
            k = i
            while True:
                wm = words.get(k)
                if wm is None or k in excluded:
                    break
                typ = wm.value["type"]
                if typ == "article":
                    nxt = words.get(wm.last + 1)
                    if nxt is None or nxt.value["type"] not in ("scale", "hundred"):
                        break
                parts.append((float(wm.value["value"]), typ))
                j = wm.last
                k = wm.last + 1
                joiner = k < n and tokens[k].norm in ("و", "and", "of")
                if joiner and words.get(k + 1) is not None:
                    k += 1
                nxt = words.get(k)
                if nxt is not None and nxt.key_rank > 0 and tokens[k].norm.startswith("و"):
                    joiner = True  # وعشرون: the conjunction is a clitic
                if nxt is not None and _JOINS_AFTER.get(typ) is not None:
                    nxt_type = nxt.value["type"]
                    if nxt_type not in _JOINS_AFTER[typ]:
                        break
                    by_of = joiner and tokens[k - 1].norm == "of"
                    if by_of and typ != "vague":
                        break  # "five of the ten" is two numbers; "hundreds of thousands" is one
                    if joiner and not by_of and "vague" in (typ, nxt_type):
                        break  # عشرات ومئات: two vague amounts
            if parts:
                value, vague = _combine(parts)
                q = Quantity(i, j, None if value is None else round(value), vague=vague)
                q.approximate = vague
                out.append(q)
                i = j + 1
                continue
        i += 1
    _join_scaled(sentence, out, words)
    _drop_numeric_dates(sentence, out)
    _join_ranges(sentence, out)
    _qualify(out, matches)
    is_age = _age_test(tokens, matches)
    out = [q for q in out if (q.value is None or q.value > 0 or q.vague) and not is_age(q)]
    # "the five-year conflict", "a 24-hour truce": a number hyphened to a unit of time says how long something
    # lasts; it counts nobody (the date reader still reads "a two-day offensive" as a span)
    units = {m.first for m in matches if m.kind == "date" and m.value["kind"] == "unit"}
    for q in out:
        q.measure = q.last + 1 in units and sentence.between(q.last, q.last + 1) == "-"
    return out


YEAR_DAYS = "365"  # the date lexicon's unit of a year (عام، سنوات، years)


def _age_test(tokens, matches: list[Match]):
    """Whether a quantity is a person's age, never a count of people: next to an age cue ("في الـ16 من عمره",
    "يبلغ من العمر 17", "aged 30", "16 year old"), or a number of years in brackets ("(15 عاماً)"). A number of
    years alone ("قبل 3 سنوات", "for 7 years") is a span the date reader needs: not an age."""
    cues = [m for m in matches if m.kind == "cue" and m.value["cue"] == "age"]
    starts, ends = {m.first for m in cues}, {m.last for m in cues}
    years = {m.first for m in matches if m.kind == "date" and m.value["kind"] == "unit"
             and m.value["value"] == YEAR_DAYS}

    def is_age(q: Quantity) -> bool:
        bracketed = q.first > 0 and tokens[q.first - 1].text == "("
        return q.last + 1 in starts or q.first - 1 in ends or (q.last + 1 in years and bracketed)

    return is_age


_ITEM_MARKS = frozenset("-–).")


def _item_number(sentence: Sentence, tok) -> bool:
    """"1- مقتل 4 مدنيين", "3) …": a number opening the sentence with a list mark after it numbers an item of
    a list; it counts nothing ("3-4 killed" is a range: a digit follows the mark)."""
    k = tok.end - sentence.start
    text = sentence.text
    return k + 1 < len(text) and text[k] in _ITEM_MARKS and not text[k + 1].isdigit()


def _join_scaled(sentence: Sentence, quantities: list[Quantity], words: dict[int, Match]) -> None:
    """"ستة آلاف و259", "3 آلاف و500", "two thousand and 40": a number ending in a scale word and the
    smaller number joined to it by "و"/"and" are one number (6,259), not two."""
    tokens = sentence.tokens
    ends = {m.last: m for m in words.values()}
    k = 0
    while k + 1 < len(quantities):
        a, b = quantities[k], quantities[k + 1]
        scale = ends.get(a.last)
        if a.value is None or b.value is None or a.vague or scale is None \
                or scale.value["type"] not in ("scale", "scale_plural", "dual_scale"):
            k += 1
            continue
        unit = float(scale.value["value"])
        between = [t.norm for t in tokens[a.last + 1 : b.first]]
        joined = between in (["و"], ["and"]) or (not between and tokens[b.first].norm.startswith("و"))
        if joined and 0 < b.value < unit and b.value_max is None:
            a.value += b.value
            a.last = b.last
            del quantities[k + 1]
            continue
        k += 1


def _drop_numeric_dates(sentence: Sentence, quantities: list[Quantity]) -> None:
    """"21-03-2016", "2016/03/21", "03.07.2015": a date written in figures counts nothing."""
    k = 0
    while k + 2 < len(quantities):
        trio = quantities[k : k + 3]
        gaps = [sentence.between(a.last, b.first) for a, b in zip(trio, trio[1:], strict=False)]
        values = [q.value for q in trio]
        if all(q.first == q.last and q.value is not None for q in trio) and gaps[0] == gaps[1] \
                and gaps[0] in ("-", "/", ".") and (1900 <= values[2] <= 2100 or 1900 <= values[0] <= 2100):
            del quantities[k : k + 3]
        else:
            k += 1


def _join_ranges(sentence: Sentence, quantities: list[Quantity]) -> None:
    """10-15, 10 إلى 15, 10 to 15, بين 10 و15, between 10 and 15: one quantity with a maximum; "10-03-2016" is a
    date."""
    tokens = sentence.tokens
    k = 0
    while k + 1 < len(quantities):
        a, b = quantities[k], quantities[k + 1]
        if a.value is None or b.value is None or b.value <= a.value:
            k += 1
            continue
        gap = sentence.between(a.last, b.first)
        between = [t.norm for t in tokens[a.last + 1 : b.first]]
        dash = not between and bool(_RANGE_GAP.match(gap)) and not (a.value <= 31 and 1900 <= b.value <= 2100)
        linked = between in (["الي"], ["to"], ["او"], ["or"])
        paired = between in (["و"], ["and"]) and a.first > 0 and tokens[a.first - 1].norm in ("بين", "between")
        if dash or linked or paired:
            a.value_max = b.value
            a.last = b.last
            a.approximate = a.approximate or b.approximate
            del quantities[k + 1]
        k += 1


def _qualify(quantities: list[Quantity], matches: list[Match]) -> None:
    cues = [m for m in matches if m.kind == "cue" and m.value["cue"] in _QUALIFIERS]
    for q in quantities:
        for c in cues:
            scope = c.value.get("scope", "")
            before = c.last in (q.first - 1, q.first - 2) and scope != "after"
            after = q.last < c.first <= q.last + 4 and scope == "after"
            if before or after:
                q.qualifier = c.value["cue"]
                q.approximate = q.approximate or q.qualifier in _APPROXIMATE
                if q.qualifier == "up_to" and q.value_max is None:
                    q.value_max = q.value
                if before:
                    q.qualifier_first = c.first
                else:
                    q.qualifier_last = c.last
                break
