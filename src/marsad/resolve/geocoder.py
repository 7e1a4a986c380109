"""A place name as people and reports write it ("قرية الخليلية", "the village of Kherbet Musa", "Tal Sinan
south of Salamiyah", "بكفرنبل‏") to ranked gazetteer entries, with the reason for each.

What surrounds the name is read with the language's own lexicon (lang/<code>/places.tsv kind words,
cues.tsv prepositions and directions), not a list of its own: kind words and prepositions are dropped and
kept as a hint, a direction before the name ("شرق X", "south of X", "near X") makes the place an area near X
(geo_precision 2), and a place named after a direction in the middle ("Y south of Z") is context for Y.
Invisible marks and stray conjunctions are dropped. Candidates come from the gazetteer's name lookups
(exact, transliteration, romanisation, misspelling: `Gazetteer.search`), and a governorate (`admin1`) or a
place nearby (`near`) chooses among same-name places, as the article's own places do in extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from marsad.data import table
from marsad.recognise.lexicon import lexicon
from marsad.resolve.builtin import split_cell
from marsad.resolve.fuzzy import arabic_skeleton, joined, latin_skeleton, one_edit, similarity, vowelled
from marsad.resolve.gazetteer import AREA_KINDS, KIND_RANK, Candidate, Gazetteer, distance_km
from marsad.text.normalise import FORMAT_CHARS, arabic_share, normalise
from marsad.text.tokens import tokenize

_EDGE = " \t\"'«»“”‘’()[]{},.;:،؛!?؟-–—|/\\"
_LEAD_WORDS = {"the", "و"}  # an article or a stray conjunction opening the query
ADMIN1_BONUS = 0.5  # a candidate in the governorate the caller names outranks a closer spelling elsewhere
NEAR_BONUS = 0.5  # … or at the place the caller names (less with distance: half of it NEAR_KM away)
NEAR_KM = 30.0
SPELLING_WEIGHT = 0.1  # how much the closeness of a loose match's spelling counts
HOME_BONUS = 0.05  # a place of the countries the gazetteer covers in detail (Syria, and what was imported)
OUTSIDE_PENALTY = 0.3  # a candidate outside the governorate the caller names
SIMILAR_MIN = 0.7  # a loose match inside the area asked: letters alike (vowels by class) …
SIMILAR_SCORE = 0.8  # … scored by how alike, below any stricter match
SIMILAR_KM = 60.0  # "inside" for --near
NAMES_PER_PLACE = 12  # the names of a place the loose comparison reads (WOF holds hundreds for a city)


class GeocodeError(ValueError):
    """A context the gazetteer cannot place (an unknown governorate or a --near place not found)."""


@dataclass
class Query:
    """What a query says once read: the name to look up and the words around it."""

    text: str
    name: str
    kind_hint: str | None = None
    modifier: str | None = None  # "near" or "region_part": the place is around the name, not at it
    context: str | None = None  # "Y south of Z": Z, a place near Y
    dropped: list[str] = field(default_factory=list)  # the descriptors read and removed


_INVISIBLE = re.compile(f"[{FORMAT_CHARS}\u0640]")


def clean(text: str) -> str:
    """Without invisible marks (a mark between words counts as a space), tatweel, surrounding quotes or
    punctuation, and doubled spaces."""
    out = _INVISIBLE.sub(lambda m: "" if m.group() == "\u0640" else " ", text)
    return re.sub(r"\s+", " ", out).strip(_EDGE)


def parse(text: str) -> Query:
    """Read the descriptors around a name (kind words, prepositions, directions, a context place)."""
    cleaned = clean(text)
    lang = "ar" if arabic_share(cleaned) > 0.5 else "en"
    tokens = tokenize(cleaned)
    q = Query(text=text, name=cleaned)
    if not tokens:
        return q
    matches = [m for m in lexicon(lang).index.find(tokens)
               if m.kind == "placekind" or (m.kind == "cue" and m.value["cue"] in ("place_prep", "locative", "near",
                                                                                   "region_part"))]
    starts: dict[int, list] = {}
    for m in matches:
        starts.setdefault(m.first, []).append(m)
    lo, hi = 0, len(tokens) - 1
    while lo <= hi:
        here = sorted(starts.get(lo, ()), key=lambda m: m.last - m.first, reverse=True)
        if tokens[lo].norm in _LEAD_WORDS or tokens[lo].norm == "of" and q.dropped:
            q.dropped.append(tokens[lo].text)
            lo += 1
            continue
        m = next((m for m in here if m.last < hi), None)  # a descriptor never takes the last word
        if m is None:
            break
        if m.kind == "placekind":
            q.kind_hint = m.value["kind"]
        elif m.value["cue"] in ("near", "region_part"):
            q.modifier = m.value["cue"]
        q.dropped.append(cleaned[tokens[m.first].start:tokens[m.last].end])
        lo = m.last + 1
    if lang == "en":  # "Kherbet Musa village", "the Bab al-Hawa crossing": an English kind word after the name
        for m in starts.get(hi, ()):
            if m.kind == "placekind" and m.first == m.last == hi and hi > lo:
                q.kind_hint = q.kind_hint or m.value["kind"]
                q.dropped.append(tokens[hi].text)
                hi -= 1
                break
    for k in range(lo + 1, hi):  # "Tal Sinan south of Salamiyah", "الخليلية شرق حمص": Y, with Z as context
        m = max((m for m in starts.get(k, ()) if m.kind == "cue" and m.value["cue"] in ("near", "region_part")
                 and m.last < hi), key=lambda m: m.last, default=None)
        if m is not None:
            after = m.last + 1
            while after < hi and (tokens[after].norm in ("of", "the") or after in starts and any(
                    x.kind == "cue" and x.value["cue"] in ("place_prep", "locative") for x in starts[after])):
                after += 1  # "south of the town of Z", "شرق مدينة"
            q.context = cleaned[tokens[after].start:tokens[hi].end]
            q.dropped.append(cleaned[tokens[m.first].start:tokens[hi].end])
            hi = k - 1
            break
    while hi >= lo and tokens[hi].norm == "و":
        hi -= 1
    if lo <= hi:
        q.name = cleaned[tokens[lo].start:tokens[hi].end]
    return q


@dataclass
class Result:
    candidate: Candidate
    score: float
    reason: str
    geo_precision: int

    def to_dict(self) -> dict[str, Any]:
        d = self.candidate.to_dict()
        d.update({"score": round(self.score, 3), "name_score": round(self.candidate.score, 3),
                  "reason": self.reason, "geo_precision": self.geo_precision})
        return d


def governorate(gazetteer: Gazetteer, name: str) -> str:
    """The admin1 name of a governorate or province as any spelling the gazetteer knows writes it."""
    wanted = normalise(name)
    for admin1, entry in gazetteer.governorates.items():
        if normalise(admin1) == wanted or normalise(entry.name) == wanted:
            return admin1
    syria = _syrian_governorates()
    key = _key(name)
    if key in syria:
        return syria[key]
    found = [c.entry for c in gazetteer.search(name, limit=20) if c.entry.kind == "governorate"]
    if found:
        return found[0].admin1 or found[0].name
    near = [admin1 for k, admin1 in syria.items() if one_edit(k, key)]
    if near:
        return near[0]
    raise GeocodeError(f"unknown governorate {name!r} (Syria's: {', '.join(sorted(set(syria.values())))})")


@cache
def _syrian_governorates() -> dict[str, str]:
    """Every spelling of Syria's 14 governorates in data/admin_sy.tsv (by its key) → the OCHA name."""
    out = {}
    for row in table("admin_sy.tsv"):
        if row["kind"] == "governorate":
            for n in [row["name"], *split_cell(row["names_en"]), *split_cell(row["names_ar"])]:
                out.setdefault(_key(n), row["name"])
    return out


def _key(name: str) -> str:
    return joined(arabic_skeleton(name) if arabic_share(name) > 0.5 else latin_skeleton(name))


def geocode(gazetteer: Gazetteer, text: str, admin1: str | None = None, near: str | None = None,
            country: str | None = None, limit: int = 10) -> tuple[Query, list[Result]]:
    """Candidates for a place name as written, best first."""
    q = parse(text)
    region = governorate(gazetteer, admin1) if admin1 else None
    anchor = None
    for hint, label in ((near, "--near"), (q.context, "the place named after the direction")):
        if hint and anchor is None:
            _, found = geocode(gazetteer, hint, admin1=admin1, country=country, limit=5)
            if not found and label == "--near":
                raise GeocodeError(f"--near {hint!r}: no such place in {gazetteer.name}")
            if found:
                # near Homs is near the city, not the governorate's centroid in the desert
                anchor = next((r.candidate.entry for r in found if r.candidate.entry.kind not in AREA_KINDS
                               and r.candidate.score >= found[0].candidate.score - 0.05), found[0].candidate.entry)
    candidates = _candidates(gazetteer, q.name, country)
    if region is not None or anchor is not None:
        def inside(e) -> bool:
            return (region is None or e.admin1 == region) and (anchor is None or distance_km(
                e.latitude, e.longitude, anchor.latitude, anchor.longitude) <= SIMILAR_KM)
        if not any(inside(c.entry) and c.score >= SIMILAR_MIN for c in candidates):
            held = {c.entry.id for c in candidates}
            candidates += [c for c in _similar(gazetteer, q.name, inside) if c.entry.id not in held]
    home = {"Syria", *(_country_name(c) for c in gazetteer.meta.get("covers", []))}
    key = vowelled(q.name)
    results = []
    for c in candidates:
        e = c.entry
        score = c.score
        why = [_how(c)]
        if c.match not in ("exact", "similar") and key:
            # a loose match is ranked by how close its spelling comes (Tel Brak: Tal Brak before Tall Barqah)
            score += SPELLING_WEIGHT * max((similarity(key, k) for k in _vowelled_names(gazetteer, e.id)),
                                           default=0.0)
        if country is None and e.country in home:
            score += HOME_BONUS  # a name alone: the places a gazetteer holds to the village before world cities'
            # namesakes (its alternate names in other languages make many loose matches)
        if q.kind_hint and _fits(q.kind_hint, e.kind):
            score += 0.05
        if region is not None:
            if e.admin1 == region or (e.kind == "governorate" and (e.admin1 or e.name) == region):
                score += ADMIN1_BONUS
                why.append(f"in {region}, as asked")
            else:
                score -= OUTSIDE_PENALTY
                why.append(f"not in {region}")
        if anchor is not None and e.id != anchor.id:
            d = distance_km(e.latitude, e.longitude, anchor.latitude, anchor.longitude)
            score += NEAR_BONUS / (1 + d / NEAR_KM)  # the nearer, the likelier (half the bonus at NEAR_KM)
            why.append(f"{d:.0f} km from {anchor.name}")
        # ties: the better known place (a town before a hamlet of its name)
        score += min(e.population, 1_000_000) / 1e8 + (9 - KIND_RANK.get(e.kind, 9)) * 1e-4
        precision = 3 if e.kind in ("country", "governorate") else 2 if (q.modifier or e.kind in AREA_KINDS) else 1
        results.append(Result(c, score, "; ".join(why), precision))
    results.sort(key=lambda r: (-r.score, r.candidate.entry.id))
    return q, results[:limit]


def _candidates(gazetteer: Gazetteer, name: str, country: str | None) -> list[Candidate]:
    found = gazetteer.search(name, country=country, limit=50)
    if arabic_share(name) < 0.5 or any(c.match == "exact" for c in found):
        return found
    first, _, rest = name.partition(" ")
    word = tokenize(first)[0]
    # "بكفرنبل", "وسراقب": a clitic written onto the name, taken off as the language's clitic rules do; the name
    # without it, spelled exactly, outranks a loose match of the whole word
    for bare in (k for k in word.keys[1:] if word.norm.endswith(k) and len(k) >= 3):
        without = gazetteer.search(f"{bare} {rest}".strip(), country=country, limit=50)
        if any(c.match == "exact" for c in without) or (without and not found):
            return without
    return found


def _similar(gazetteer: Gazetteer, name: str, inside) -> list[Candidate]:
    """Places of the governorate (or near the place) the caller names whose names are like this one once
    vowels are read loosely ("Fua" and Foah, "Kefraya" and Kafraya): what a short or garbled name needs."""
    key = vowelled(name)
    if len(key) < 3:
        return []
    best: dict[str, float] = {}
    for k, entry_id in _vowel_index(gazetteer).get(key[0], ()):
        if abs(len(k) - len(key)) > 3 or best.get(entry_id, 0.0) == 1.0:
            continue
        e = gazetteer.by_id.get(entry_id)
        if e is None or not inside(e):
            continue
        s = similarity(key, k)
        if s >= SIMILAR_MIN and s > best.get(entry_id, 0.0):
            best[entry_id] = s
    return [Candidate(gazetteer.by_id[i], SIMILAR_SCORE * s, "similar") for i, s in best.items()]


def _kept(gazetteer: Gazetteer, key: str, build):
    """A table built from the gazetteer once and kept on it, so that it goes when the gazetteer goes."""
    if key not in gazetteer.__dict__:
        gazetteer.__dict__[key] = build(gazetteer)
    return gazetteer.__dict__[key]


def _vowel_index(gazetteer: Gazetteer) -> dict[str, list[tuple[str, str]]]:
    return _kept(gazetteer, "_geocoder_vowel_index", _build_vowel_index)


def _build_vowel_index(gazetteer: Gazetteer) -> dict[str, list[tuple[str, str]]]:
    """Vowelled keys of the names of places (not areas), by their first letter."""
    counts: dict[str, int] = {}
    out: dict[str, list[tuple[str, str]]] = {}
    for n, entry_id in gazetteer.names_list:
        e = gazetteer.by_id.get(entry_id)
        if e is None or e.kind in AREA_KINDS or counts.get(entry_id, 0) >= NAMES_PER_PLACE:
            continue
        counts[entry_id] = counts.get(entry_id, 0) + 1
        k = vowelled(n)
        if len(k) >= 3:
            out.setdefault(k[0], []).append((k, entry_id))
    return out


def _vowelled_names(gazetteer: Gazetteer, entry_id: str) -> list[str]:
    """The vowelled keys of a place's first names (computed when first asked for, kept on the gazetteer)."""
    memo = _kept(gazetteer, "_geocoder_vowelled", lambda g: {})
    if entry_id not in memo:
        names = _kept(gazetteer, "_geocoder_names", _build_names_by_id).get(entry_id, [])
        memo[entry_id] = [vowelled(n) for n in names]
    return memo[entry_id]


def _build_names_by_id(gazetteer: Gazetteer) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for n, entry_id in gazetteer.names_list:
        names = out.setdefault(entry_id, [])
        if len(names) < NAMES_PER_PLACE:
            names.append(n)
    return out


def _country_name(iso2: str) -> str:
    from marsad.data import countries

    return next((r["name"] for r in countries() if r["iso2"] == iso2), iso2)


def _how(c: Candidate) -> str:
    return {"exact": "the name as written", "transliteration": "another romanisation of the name",
            "romanisation": "the name in the other script", "joined": "the name written joined or apart",
            "near miss": "one letter off the name", "fuzzy": "a near misspelling of the name",
            "similar": "a name like it in the area asked"}.get(c.match, c.match)


_FITS = {"village": {"village", "town"}, "town": {"town", "village", "city"}, "city": {"city", "town"},
         "neighbourhood": {"neighbourhood", "village"}, "camp": {"camp"}, "governorate": {"governorate"},
         "district": {"district"}, "subdistrict": {"subdistrict"}, "site": {"site", "airbase", "airport",
                                                                          "military_site", "dam", "prison"},
         "border": {"border_crossing", "site"}}


def _fits(hint: str, kind: str) -> bool:
    return kind in _FITS.get(hint, {kind})
