"""Everything recognised in one sentence: lexicon matches, places, quantities and dates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from marsad.data import country_adjectives, trigger_classes, weapon_classes
from marsad.lang import about
from marsad.model import Sentence
from marsad.recognise.dates import ANCHORS, DateMention, date_token_indices, find_dates
from marsad.recognise.lexicon import GAP_TOKENS, Lexicon
from marsad.recognise.matcher import Match, PhraseIndex, select
from marsad.recognise.numbers import Quantity, find_quantities
from marsad.resolve.fuzzy import LATIN_ARTICLES
from marsad.resolve.gazetteer import AREA_KINDS, KIND_RANK, Gazetteer, PlaceEntry
from marsad.text.normalise import normalise
from marsad.text.tokens import name_suffix, phrase_keys

# A place name needs contextual evidence unless it is a well-known area or big city (see PlaceMention).
SALIENT_POPULATION = 100_000
# Clitic prefixes that are themselves prepositions of place (بإدلب، وبحلب، لدمشق).
_PREP_PREFIXES = ("ب", "وب", "فب", "ل", "ول", "فل")
# Lexicon kinds whose matches a place name may not overlap (a person, a date word, a source …).
_BLOCKS_PLACES = ("actor", "source", "date", "trigger", "casualty", "number", "weapon", "placekind")


@dataclass(slots=True)
class PlaceMention:
    """A place name in a sentence, with the context that qualifies it."""

    first: int
    last: int
    text: str
    candidates: list[PlaceEntry]
    kind_hint: str | None = None  # from a kind word before it: مدينة, محافظة, village …
    modifier: str | None = None  # "near" or "region_part" (ريف X, north of X) → geo_precision 2/3
    modifier_first: int | None = None
    evidence: str = ""  # why we believe it is a place: "kind word", "preposition", "multiword", "salient"
    key_rank: int = 0  # 0: spelled as in the gazetteer; higher: matched after stripping clitics
    fuzzy: bool = False  # found by transliteration or misspelling lookup, not by its exact spelling
    loose: bool = False  # … by a loose one (a short skeleton): it needs its governorate or a place near it named
    qualifier: bool = False  # a country qualifying an attack noun ("U.S. strikes"): an actor, not a place
    metonym: bool = False  # a capital that speaks or acts ("اتهمت دمشق", "Moscow said"): the government
    speaker: bool = False  # a country that speaks ("وقالت الولايات المتحدة إن"): a place, but not the event's
    dateline: bool = False  # "دبي، الإمارات العربية المتحدة (CNN)": where the report was filed
    container: bool = False  # "the Damascus suburb of Jaramana": Damascus only says where Jaramana is
    spoken_at: bool = False  # "وقال ترودو في ليما": where a person spoke; abroad, a speaker's place (confirm_places)
    stem: str = ""  # the lookup key the name matched (clitics taken off)
    kind_before: bool = False  # a kind word introduces the name ("بلدة الطيبة", "the town of X", not "X province")


LocalName = tuple[PlaceMention, PlaceMention]  # a local name the gazetteer lacks, and the area that holds it


@dataclass(slots=True)
class ListedName:
    """One name in a list of places after a plural kind word ("بلدات نوى وكحيل والسهوة"): the place the
    gazetteer found for it, or None when it does not know the name."""

    first: int
    last: int
    text: str
    mention: PlaceMention | None
    # "بلدات في محيط مدينة درعا، بينها الطيبة والنعيمة": the place named between the kind word and the names,
    # which holds them all (None when the names follow the kind word directly)
    area: PlaceMention | None = None


@dataclass(slots=True)
class SentenceAnalysis:
    sentence: Sentence
    matches: list[Match]
    places: list[PlaceMention]
    quantities: list[Quantity]
    dates: list[DateMention]
    lang: str
    by_kind: dict[str, list[Match]] = field(default_factory=dict)
    # "بلدة X" where X is unknown: (first token, last token, text, why: "kind word", "preposition", or
    # "abroad": a place name the gazetteer holds only in other countries)
    unresolved: list[tuple[int, int, str, str]] = field(default_factory=list)
    statements: list | None = None  # casualty figures, filled by the extract stage
    lists: list[list[ListedName]] = field(default_factory=list)  # names listed after a plural kind word
    # "بلدة صيدا الواقعة شرق درعا": a name shown to be a local place the gazetteer lacks, with the area holding it
    local: list[LocalName] = field(default_factory=list)

    def of(self, kind: str) -> list[Match]:
        return self.by_kind.get(kind, [])

    def cues(self, *names: str) -> list[Match]:
        return [m for m in self.of("cue") if m.value["cue"] in names]

    def span_text(self, first: int, last: int) -> str:
        s = self.sentence
        return s.text[s.tokens[first].start - s.start : s.tokens[last].end - s.start]


def analyse(sentence: Sentence, lexicon: Lexicon, gazetteer: Gazetteer, published: date | None) -> SentenceAnalysis:
    """Recognise one sentence with a language's lexicon and a gazetteer."""
    found = _combined(lexicon, gazetteer).find(sentence.tokens)
    if any(m.kind == "gap" for m in found):
        found = join_gaps(sentence, found)
    place_matches = [m for m in found if m.kind == "place"]
    matches = select([m for m in found if m.kind != "place"]) if len(place_matches) < len(found) else []
    has_dates = any(m.kind == "date" and m.value["kind"] in ANCHORS for m in matches)
    excluded = date_token_indices(sentence, matches) if has_dates else set()
    quantities = find_quantities(sentence, matches, excluded)
    dates = find_dates(sentence, matches, quantities, published) if has_dates or quantities else []
    if dates:
        in_dates = {k for d in dates for k in range(d.first, d.last + 1)}
        quantities = [q for q in quantities if not (set(range(q.first, q.last + 1)) & in_dates)]
    by_kind: dict[str, list[Match]] = defaultdict(list)
    for m in matches:
        by_kind[m.kind].append(m)
    if "trigger" in by_kind and any(c.value["cue"] == "passive_aux" for c in by_kind.get("cue", ())):
        _passive_masdars(by_kind)
    framed = {k for c in by_kind.get("cue", ()) if c.value["cue"] == "frame_only" for k in range(c.first, c.last + 1)}
    if framed and "trigger" in by_kind:  # "بموجب اتفاق الإجلاء": the deal is the frame of the action, not an event
        by_kind["trigger"] = [m for m in by_kind["trigger"] if m.first not in framed]
        matches = [m for kind_matches in by_kind.values() for m in kind_matches]
    places, local = _places(sentence, gazetteer, by_kind, dates, place_matches, lexicon.place_stopwords,
                            lexicon.place_needs_context, lexicon.place_generics) if place_matches else ([], [])
    # روسيا is the country, not the adjective روسي its stripped key also spells: a literal place name wins.
    literal = {(p.first, p.last) for p in places if p.key_rank == 0}
    if literal:
        by_kind["actor"] = [m for m in by_kind.get("actor", []) if m.key_rank == 0 or (m.first, m.last) not in literal]
    # A lexicon word inside a place name (the trigger "حصار" in a village called so) is not itself.
    covered = {k for p in places for k in range(p.first, p.last + 1)}
    if covered:
        for kind in ("trigger", "casualty", "weapon"):
            by_kind[kind] = [m for m in by_kind[kind] if not (set(range(m.first, m.last + 1)) <= covered)]
        matches = [m for kind_matches in by_kind.values() for m in kind_matches]
    if places:
        _mark_qualifiers(places, by_kind, lexicon.code)
        _mark_metonyms(sentence, places, by_kind, gazetteer)
        _mark_speakers_and_datelines(sentence, places, by_kind, lexicon.source_nouns)
    capitalised = "cue" in by_kind and sentence.text != sentence.text.lower()  # Latin script, capitals
    unknown = _unknown_names(sentence, by_kind, places, lexicon.place_stopwords | lexicon.source_nouns) \
        if "placekind" in by_kind or capitalised else []
    if local:  # a local place the gazetteer lacks is not looked up again by its spelling (صيدا → Sidon)
        spans = {k for p, _ in local for k in range(p.first, p.last + 1)}
        unknown = [u for u in unknown if not (set(range(u[1], u[2] + 1)) & spans)]
    unresolved = _resolve_unknown(sentence, gazetteer, unknown, places) if unknown else []
    unresolved += [(p.first, p.last, p.text, "abroad") for p, _ in local]
    lists = _place_lists(sentence, by_kind, places, dates, lexicon.place_stopwords, lexicon.place_generics,
                         latin=capitalised) \
        if capitalised or any(m.value.get("plural") for m in by_kind.get("placekind", ())) else []
    return SentenceAnalysis(sentence, matches, places, quantities, dates, lexicon.code, dict(by_kind),
                            unresolved=unresolved, lists=lists, local=local)


def join_gaps(sentence: Sentence, found: list[Match]) -> list[Match]:
    """Split phrases: a head ("أطلقت", "شنت", "intercepted") whose tail follows within GAP_TOKENS words
    ("أطلقت قوات النظام 20 صاروخا", "شنت الطائرات الروسية غارات") becomes a trigger at the head, a verb,
    so the clause is a report and its subject the agent. A tail {weapon} gives the weapon's attack class,
    {trigger} the trigger's class, unless the row names a class of its own."""
    heads = [m for m in found if m.kind == "gap"]
    out = [m for m in found if m.kind != "gap"]
    for h in heads:
        row = h.value
        tail = row["_tail"]
        window = range(h.last + 1, h.last + 1 + GAP_TOKENS + 1)
        cls = None
        if tail.startswith("{"):
            kind = tail.strip("{}")
            for m in out:
                if m.kind == kind and m.first in window:
                    cls = m.value["class"] if kind == "trigger" else weapon_classes().get(m.value["weapon"])
                    if cls in trigger_classes():
                        break
                    cls = None
        else:
            keys = phrase_keys(tail)
            tokens = sentence.tokens
            for k in window:
                if k + len(keys) <= len(tokens) and all(key in tokens[k + i].keys for i, key in enumerate(keys)):
                    cls = row["class"]
                    break
        if cls is None:
            continue
        if row.get("class") and row["class"] != "{tail}":
            cls = row["class"]
        if trigger_classes()[cls].role not in ("attack", "battle", "disrupt", "vac", "arrest", "territory",
                                               "development"):
            continue
        value = {k: v for k, v in row.items() if not k.startswith("_")} | {"class": cls}
        out.append(Match(row["_kind"], h.first, h.last, value, h.key_rank))
    return out


def _passive_masdars(by_kind) -> None:
    """"تم استهداف مدينة دوما", "جرى اعتقال": a verbal noun after تمّ/جرى is a passive verb (a report of
    what happened, and the noun after it the one it happened to)."""
    aux = {c.last for c in by_kind["cue"] if c.value["cue"] == "passive_aux"}
    by_kind["trigger"] = [Match(m.kind, m.first, m.last, {**m.value, "form": "passive"}, m.key_rank)
                          if m.first - 1 in aux and m.value.get("form") == "noun" else m for m in by_kind["trigger"]]


def _mark_qualifiers(places: list[PlaceMention], by_kind, code: str) -> None:
    """"U.S. air strikes", "غارات تركية على": a country next to an attack noun says who attacked, not
    where; it stays an actor candidate and is not the event's place."""
    adjective_after = about(code).get("adjective_position") == "after_noun"
    attack = {k for kind in ("trigger", "weapon") for m in by_kind.get(kind, ()) for k in range(m.first, m.last + 1)}
    for p in places:
        if p.evidence == "kind word" or not any(c.kind == "country" for c in p.candidates):
            continue
        head = p.first - 1 if adjective_after else p.last + 1
        if head in attack:
            p.qualifier = True


def _mark_metonyms(sentence: Sentence, places: list[PlaceMention], by_kind, gazetteer: Gazetteer) -> None:
    """"اتهمت دمشق", "علاقات أنقرة بواشنطن", "Moscow said": a capital is its government unless something says
    it is a place — a kind word (العاصمة، مدينة), a locative (في، بدمشق, in), or an attack on it (غارات على دمشق)."""
    capitals = gazetteer.capitals
    tokens = sentence.tokens
    weapon_words = {k for w in by_kind.get("weapon", ()) for k in range(w.first, w.last + 1)}
    locatives = {c.last for c in by_kind.get("cue", ()) if c.value["cue"] in ("locative", "near", "region_part")}
    attacks = [t.last for t in by_kind.get("trigger", ())]
    for p in places:
        if p.evidence == "kind word" or not any(c.id in capitals for c in p.candidates):
            continue
        if p.first - 1 in locatives or (p.first - 2 in locatives and p.first - 1 not in locatives):
            continue
        if p.key_rank > 0 and p.text[:1] in "بو" and p.text.lstrip("و")[:1] == "ب":
            continue  # بدمشق، وبموسكو: the clitic ب is "in"
        if any(0 <= p.first - t - 1 <= 2
               and all(k in weapon_words or tokens[k].norm in _ON for k in range(t + 1, p.first)) for t in attacks):
            continue  # غارات على دمشق، قصف دمشق، قذيفة هاون على (but not "the strike but Moscow denied")
        p.metonym = True


_ON = frozenset({"علي", "on", "against", "at", "in", "for", "في", "the"})  # an attack on a place


_SPEECH_CUES = frozenset({"source_cue", "denial", "threat", "call", "claim", "plan"})
SPEAKER_WORDS = 3  # words between a verb of saying and "in X" where the speaker was ("told reporters in Moscow")
DATELINE_TOKENS = 10


def _mark_speakers_and_datelines(sentence: Sentence, places: list[PlaceMention], by_kind,
                                 source_nouns: frozenset[str] = frozenset()) -> None:
    """Countries next to a verb of saying are speakers; places opening an article before "(CNN)", "(AFP)"
    are its dateline. Both stay places, neither is where the reported event happened."""
    cues = [c for c in by_kind.get("cue", ()) if c.value["cue"] in _SPEECH_CUES]
    for p in places:
        if p.evidence not in ("kind word", "preposition") and any(c.kind == "country" for c in p.candidates) and any(
                0 <= p.first - c.last - 1 <= 1 or 0 <= c.first - p.last - 1 <= 0 for c in cues):
            p.speaker = True
    # "وقال ترودو في ليما حيث يشارك في قمة", "Lavrov told reporters in Moscow": the city where a person spoke
    # (not "a source at Aleppo Police Command", "ناشطون في دوما"); abroad, it is no event's (confirm_places)
    preps = {c.last for c in by_kind.get("cue", ()) if c.value["cue"] == "place_prep"}
    taken = {k for kind in ("trigger", "casualty", "source", "actor") for m in by_kind.get(kind, ())
             for k in range(m.first, m.last + 1)}
    for p in places:
        if p.first - 1 in preps and any(x.kind == "city" and x.population >= SALIENT_POPULATION
                                        for x in p.candidates) and any(
                c.value["cue"] == "source_cue" and 0 <= p.first - 2 - c.last <= SPEAKER_WORDS
                and not any(c.last < k < p.first and (k in taken or sentence.tokens[k].norm in source_nouns)
                            for k in range(c.last + 1, p.first)) for c in cues):
            p.spoken_at = True
    # "… kills at least 23 | Jordan Times": after a bar, a headline names its outlet, not a place of the story
    bar = next((k for k, t in enumerate(sentence.tokens) if t.text == "|"), None) if sentence.part == "title" else None
    for p in places:
        if bar is not None and p.first > bar:
            p.dateline = True
    if sentence.part != "text" or sentence.start != 0:
        return
    tokens = sentence.tokens[:DATELINE_TOKENS]
    sources = {m.first for m in by_kind.get("source", ())}
    for k, t in enumerate(tokens[:-1]):
        if t.text == "(" and (k + 1 in sources or tokens[k + 1].text.isupper()):
            for p in places:
                if p.last < k:
                    p.dateline = True
            return


_NAMED_KINDS = frozenset({"city", "town", "village", "neighbourhood", "camp"})
_LIST_KINDS = frozenset({"city", "town", "village", "neighbourhood", "camp", "area"})
MAX_NAME_TOKENS = 3
NAMELY_WINDOW = 6  # "بلدات ومدنا في الغوطة الشرقية هي": words between the kind word and "namely"
_NAMELY = frozenset({"هي", "وهي", "هما", "وهما", "namely"})
# "بلدات في محيط مدينة درعا قرب الحدود الأردنية، بينها الطيبة والنعيمة", "several villages, including A and B":
# some of the places, named after words that say where they all are
_INCLUDING = frozenset({"بينها", "أبرزها", "وأبرزها", "including"})
INCLUDING_WINDOW = 10
ORIGIN_WINDOW = 7  # "from the regime-held predominantly Shia towns of": words between "from" and the kind word
_NOT_NAMES = ("actor", "source", "trigger", "casualty", "number", "weapon", "cue")


def _place_lists(sentence: Sentence, by_kind, places: list[PlaceMention], dates: list[DateMention],
                 stopwords: frozenset[str], generics: frozenset[str], latin: bool = False) -> list[list[ListedName]]:
    """"تعرضت مدن وبلدات نوى وكحيل والسهوة وأم المياذن ومنطقة غرز", "the villages of A, B and C": the names
    listed after a plural kind word, known to the gazetteer or not, each its own place. An Arabic item
    starts at a word that carries و (or after a comma) and runs for up to three words; the list ends at
    anything that is not a name (a trigger, a cue, a number, a date)."""
    cues = by_kind.get("cue", ())
    name_parts = {k for m in cues if m.value["cue"] == "name_part" for k in range(m.first, m.last + 1)}
    taken = {k for kind in _NOT_NAMES for m in by_kind.get(kind, ()) for k in range(m.first, m.last + 1)}
    taken = (taken - name_parts) | {k for d in dates for k in range(d.first, d.last + 1)}
    triggers = {k for m in by_kind.get("trigger", ()) for k in range(m.first, m.last + 1)}
    acts = triggers | {k for m in by_kind.get("casualty", ()) for k in range(m.first, m.last + 1)}
    reader = _ListReader(sentence, places, taken, name_parts, stopwords, generics,
                         {m.first: m for m in by_kind.get("placekind", ())}, acts)
    out = []
    for kw in by_kind.get("placekind", ()):
        if kw.value.get("plural") and kw.value["kind"] in _LIST_KINDS:
            if _origin(sentence, kw, triggers):
                continue  # "evacuees from the besieged towns of Foua and Kefraya": where people come from
            items = reader.read(kw)
            if len(items) >= 2:
                out.append(items)
    if latin:
        out += reader.runs([c for c in cues if c.value["cue"] in ("place_prep", "near")], out)
    return out


def _origin(sentence: Sentence, kw: Match, triggers: set[int]) -> bool:
    """"from" a few words before a plural kind word, with no trigger between (not "Warplanes from the Russian
    air force bombed the villages of …")."""
    tokens = sentence.tokens
    start = max(0, kw.first - ORIGIN_WINDOW)
    found = [k for k in range(start, kw.first) if tokens[k].norm == "from"]
    if not found:
        return False
    return not any(found[-1] < k < kw.first for k in triggers)


def _marker(tokens, start: int, words: frozenset[str], window: int) -> int | None:
    """The first of `words` within `window` tokens from `start` ("namely", "including")."""
    return next((j for j in range(start, min(start + window, len(tokens))) if tokens[j].norm in words), None)


@dataclass
class _ListReader:
    sentence: Sentence
    places: list[PlaceMention]
    taken: set[int]
    name_parts: set[int]
    stopwords: frozenset[str]
    generics: frozenset[str]  # words that begin names, وادي among them: their و is no conjunction
    kinds: dict[int, Match]
    acts: set[int]  # triggers and tolls: no "including" reaches over them

    def item(self, span: list[int]) -> ListedName:
        """One listed name; its text without the conjunction written onto it ("وكحيل" → "كحيل")."""
        first, last = span[0], span[-1]
        mention = next((p for p in self.places if p.first <= first and last <= p.last), None)
        s, head = self.sentence, self.sentence.tokens[first]
        start = head.start + (head.text.startswith("و") and len(head.norm) >= 3 and head.norm not in self.generics)
        return ListedName(first, last, s.text[start - s.start : s.tokens[last].end - s.start], mention)

    def read(self, kw: Match) -> list[ListedName]:
        tokens, kinds = self.sentence.tokens, self.kinds
        at = {k: p for p in self.places for k in range(p.first, p.last + 1)}
        k = kw.last + 1
        while k < len(tokens) and k in kinds:  # "مدن وبلدات", "towns and villages of"
            k = kinds[k].last + 1
        if k < len(tokens) and tokens[k].norm in ("of", "and"):
            k += 1
        # "استهدفت بلدات ومدنا في الغوطة هي مسرابا وجسرين وكفربطنا", "القرى الأربع وهي …", "the villages, namely
        # A, B and C": the names follow a "namely" a few words on
        namely = _marker(tokens, k, _NAMELY, NAMELY_WINDOW)
        # … but not over names already listed ("بلدات كفرنبل وحيش وهي تقع جنوب إدلب": وهي is "which are")
        if namely is not None and k not in at and not any(tokens[j].text in ".،,;؛" or (
                j > k and tokens[j].norm.startswith("و") and tokens[j].norm not in self.generics)
                for j in range(k, namely)):
            k = namely + 1
        area = None
        including = _marker(tokens, k, _INCLUDING, INCLUDING_WINDOW)
        if including is not None and k not in at and not any(
                tokens[j].text in ".;؛" or tokens[j].kind != "word" and tokens[j].text not in ",،"
                or j in self.acts for j in range(k, including)):
            # the area they lie in: not a border they are near ("بلدات قرب الحدود التركية، بينها …")
            area = next((p for p in self.places if k <= p.first and p.last < including
                         and p.candidates and not any(c.kind == "border" for c in p.candidates)), None)
            k = including + 1
        some = including is not None and k == including + 1  # only some of the places are named
        if k < len(tokens) and tokens[k].text[:1].isascii() and tokens[k].text[:1].isalpha():
            names = latin_names(self.sentence, k, at, self.taken | self.acts, self.generics)
            if names is not None and len(names) >= 2:
                return self._listed(names, area)
        items: list[ListedName] = []
        current: list[int] = []
        while k < len(tokens):
            t = tokens[k]
            if some and ((k in kinds and (kinds[k].value.get("plural") or t.norm.startswith("ال")))
                         or (t.text[:1].islower() and t.norm != "and")):  # (Arabic has no lower case)
                break  # "بينها مدن وبلدات", "دوما، المدينة الرئيسية …" (an apposition), "Sifat while …"
            if t.text in (",", "،") or (t.norm in ("and", "و") and k + 1 < len(tokens)
                                        and tokens[k + 1].kind == "word"):
                if current:
                    items.append(self.item(current))
                current = []
                k += 1
                continue
            if t.kind != "word" or (k in self.taken and k not in at) or (len(t.norm) <= 2 and k not in at):
                break  # "مناطق الغوطة الشرقية عن …": a short function word ends the names
            if k in kinds and not kinds[k].value.get("plural"):  # "ومنطقة غرز": the kind word of one item
                if current:
                    items.append(self.item(current))
                current = []
                k = kinds[k].last + 1
                continue
            if current and k in self.name_parts:  # "والغارية الغربية": a direction that ends a name
                current.append(k)
                k += 1
                continue
            new_item = bool(current) and (
                (t.norm.startswith("و") and len(t.norm) >= 3 and (k not in at or at[k].first == k))
                or len(current) >= MAX_NAME_TOKENS or (k in at and at[k].first == k))
            if new_item:
                items.append(self.item(current))
                current = []
            if not current and (t.keys[-1] in self.stopwords or k in self.name_parts):
                break
            if k in at:  # a known name: take it whole
                items.append(self.item(list(range(k, at[k].last + 1))))
                k = at[k].last + 1
                continue
            current.append(k)
            k += 1
        if current:
            items.append(self.item(current))
        if some and not any(i.mention is not None for i in items):
            return []  # "مناطق مدنية … بينها مدارس ومستشفيات": no place among them, only kinds of buildings
        for i in items:
            i.area = area
        return items

    def _listed(self, names: list[list[int]], area: PlaceMention | None) -> list[ListedName]:
        items = [self.item(span) for span in names]
        for i in items:
            i.area = area
        return items

    def runs(self, cues: list[Match], lists: list[list[ListedName]]) -> list[list[ListedName]]:
        """"in Kels Shahroura Sarraf and Hajjar", "near Tadmur al-Bayarat Jazal … and Abu Kala dam": places a
        Latin-script clause lists after a preposition with no commas (as scraped and machine-translated text
        often prints them), at least LATIN_RUN names, the last joined by "and"."""
        tokens = self.sentence.tokens
        at = {k: p for p in self.places for k in range(p.first, p.last + 1)}
        listed = {k for lst in lists for i in lst for k in range(i.first, i.last + 1)}
        out = []
        for c in cues:
            k = c.last + 1
            if k in listed or k >= len(tokens) or not tokens[k].text[:1].isascii() \
                    or not tokens[k].text[:1].isalpha():
                continue
            names = latin_names(self.sentence, k, at, self.taken | self.acts, self.generics)
            if names is None or len(names) < LATIN_RUN:
                continue
            mentions = [at.get(span[0]) for span in names]
            if all(m is not None and any(x.kind in _REGION_KINDS for x in m.candidates) for m in mentions):
                continue  # "in Aleppo Damascus Countryside and Quneitra", "in Syria Iraq and Lebanon": regions
            if any(m is not None and all(x.kind == "neighbourhood" for x in m.candidates) for m in mentions):
                continue  # a city's quarters: one event at the city
            after = self.kinds.get(names[-1][-1] + 1)
            if after is not None and after.value["kind"] == "neighbourhood":
                continue  # "on Salah-Eddin al-Zahraa and al-Akramiya neighborhoods": one city's, one event
            out.append(self._listed(names, None))
        return out


_REGION_KINDS = AREA_KINDS - {"district", "subdistrict", "border"}
LATIN_RUN = 3  # names a comma-less list after a preposition holds at least ("in Kels Shahroura and Hajjar")
_NAME_ADJECTIVES = frozenset({"western", "eastern", "northern", "southern", "upper", "lower", "old", "new"})


def latin_names(sentence: Sentence, k: int, at: dict[int, PlaceMention], taken: set[int],
                generics: frozenset[str]) -> list[list[int]] | None:
    """The names of a list in Latin script from token k, split where the commas were lost: a known name is
    taken whole; "and" ends a name; an unknown name runs from a capital over a hyphened article and its word
    ("Tabaret al-Deibeh", "Abu al-Duhour") and over the word after a generic head ("Tal Alam", "Deir Qaq",
    "Western Qasr al-Hayyar"); a capital after anything else begins the next name. The list ends at a word in
    lower case, a number, punctuation or a word the lexicon reads. None unless its last name follows "and"."""
    tokens = sentence.tokens
    names: list[list[int]] = []
    current: list[int] = []
    j = k
    while j < len(tokens):
        t = tokens[j]
        if t.kind != "word" or (j in taken and j not in at and t.norm not in _NAME_ADJECTIVES) \
                or not t.text[:1].isascii():
            break
        known = at.get(j)
        if t.norm == "and" or (known is not None and known.first == j):
            if current:
                names.append(current)
                current = []
            if known is not None:
                names.append(list(range(j, known.last + 1)))
                j = known.last + 1
            elif not names:
                break
            else:
                j += 1
            continue
        if t.norm in LATIN_ARTICLES and j + 1 < len(tokens) and tokens[j + 1].kind == "word" \
                and tokens[j + 1].text[:1].isupper() and j + 1 not in at:
            current += [j, j + 1]  # "al-Deibeh": the article and its word, going on a name or beginning one
            j += 2
            continue
        if not t.text[:1].isupper():
            break
        if current and tokens[current[-1]].norm not in generics and tokens[current[-1]].norm not in _NAME_ADJECTIVES:
            names.append(current)
            current = []
        current.append(j)
        j += 1
    if current:
        names.append(current)
    if not names or tokens[names[-1][0] - 1].norm != "and":
        return None
    return names


def _introduces_name(tokens, m: Match) -> bool:
    """An indefinite kind word in the singular, the name to follow ("بلدة X", "the village of X"), not
    "المدينة بالكامل", "بلدات يشملها", "بلداتهم"."""
    head = tokens[m.first]
    word = normalise(m.value["phrase"].split()[0])
    return not (m.value["kind"] not in _NAMED_KINDS or m.value.get("plural") or "ال" + word in head.keys
                or not head.norm.endswith(head.keys[m.key_rank]))


def _unknown_names(sentence: Sentence, by_kind, places: list[PlaceMention],
                   stopwords: frozenset[str]) -> list[tuple[int, int, int, str | None]]:
    """Names the text gives as places that no gazetteer phrase matched: after a kind word ("في مدينة كوي
    سنجق", "the village of X"), or, in Latin script, capitalised words after "in"/"near" ("near Deir
    al-Adas"). (first token of the phrase, first and last token of the name, kind hint)."""
    tokens = sentence.tokens
    covered = {k for p in places for k in range(p.first, p.last + 1)}
    taken = {k for kind in ("actor", "source", "date", "trigger", "cue", "casualty", "number", "weapon", "placekind")
             for m in by_kind.get(kind, ()) for k in range(m.first, m.last + 1)}
    out = []
    for m in by_kind.get("placekind", ()):
        if not _introduces_name(tokens, m):
            continue  # "المدينة بالكامل", "بلدات يشملها", "بلداتهم": not a kind word before one name
        k = m.last + 1
        if k < len(tokens) and tokens[k].norm == "of":
            k += 1
        if k >= len(tokens) or k in covered or k in taken or tokens[k].kind != "word":
            continue
        first_char = tokens[k].text[0]
        if (first_char.isascii() and not first_char.isupper()) or tokens[k].keys[-1] in stopwords \
                or tokens[k].keys[0] in stopwords:
            continue
        last = k
        nxt = k + 1
        if nxt < len(tokens) and tokens[nxt].kind == "word" and nxt not in taken and nxt not in covered and (
                tokens[nxt].norm.startswith("ال") or tokens[nxt].text[0].isupper()):
            last = nxt
        if first_char.isascii():  # "the town of Urum al-Kubra", "the village of Tal Hadya"
            while last + 2 < len(tokens) and last - k < MAX_NAME_TOKENS and tokens[last + 1].norm in LATIN_ARTICLES \
                    and tokens[last + 2].text[:1].isupper() and last + 2 not in taken and last + 2 not in covered:
                last += 2
        out.append((m.first, k, last, m.value["kind"]))
    named = {k for _, f, last, _ in out for k in range(f, last + 1)}
    for c in by_kind.get("cue", ()):
        if c.value["cue"] not in ("place_prep", "near"):
            continue
        k = c.last + 1
        if k >= len(tokens) or k in covered or k in named or k in taken or not tokens[k].text[:1].isupper():
            continue  # Latin script only: a capital letter is the evidence; "on Wednesday" is a date
        if tokens[k].text.isupper() and len(tokens[k].text) > 1:
            continue  # "from KGB": an acronym, not a place
        last = k
        while last + 1 < len(tokens) and tokens[last + 1].kind == "word" and last + 1 not in covered and (
                tokens[last + 1].text[:1].isupper() or tokens[last + 1].norm in LATIN_ARTICLES) and last - k < 3:
            last += 1
        while last > k and tokens[last].norm in LATIN_ARTICLES:
            last -= 1
        out.append((c.first, k, last, None))
    return out


# A name the phrase index missed is taken from a looser lookup when the match is close; a looser one (a
# skeleton of three consonants: Alghantou and al-Ghantu, but also Urum and Rome) only where the article names
# the candidate's governorate or a place near it (resolve/places.confirm_places).
MIN_FUZZY_SCORE = 0.6
CLOSE_FUZZY_SCORE = 0.72
FUZZY_TIE = 0.1


def _resolve_unknown(sentence: Sentence, gazetteer: Gazetteer, unknown, places: list[PlaceMention]):
    """Try transliteration and misspelling lookups on names the phrase index missed; what stays unknown
    is reported (never replaced by a guess)."""
    tokens = sentence.tokens
    unresolved: list[tuple[int, int, str, str]] = []
    for first, name_first, name_last, hint in unknown:
        name = sentence.text[tokens[name_first].start - sentence.start : tokens[name_last].end - sentence.start]
        found = []
        if name[-1:] == "s" and name[-2:-1] not in ("s", "'") and name.isascii():
            # a possessive whose apostrophe was lost on the way ("Syrias central city of Homs")
            found = [c for c in gazetteer.search(name[:-1], limit=20) if c.match == "exact"]
        # (a country's name has one spelling in the press: "Tareeq" is no misspelt Turkey)
        found = found or [c for c in gazetteer.search(name, limit=20) if c.score >= MIN_FUZZY_SCORE
                          and (c.match == "exact" or c.entry.kind != "country")]
        if found:
            best = found[0].score
            # the spellings about as close as the best stay candidates: the article's governorates and places
            # choose among them (Mizyeneh in Homs, Maziouneh in Idleb) as they do among same-name places
            pm = PlaceMention(name_first, name_last, name, [c.entry for c in found if c.score >= best - FUZZY_TIE],
                              kind_hint=hint, evidence="kind word" if hint else "preposition", fuzzy=True,
                              kind_before=hint is not None,
                              loose=best < CLOSE_FUZZY_SCORE)
            places.append(pm)
            continue
        text = sentence.text[tokens[first].start - sentence.start : tokens[name_last].end - sentence.start]
        unresolved.append((first, name_last, text, "kind word" if hint is not None else "preposition"))
    places.sort(key=lambda p: p.first)
    return unresolved


def _region_nearby(candidates: list[PlaceEntry], found: list[Match], gazetteer: Gazetteer, m: Match) -> bool:
    """Another place of the same governorate named in the sentence ("الباب بريف حلب")."""
    regions = {c.admin1 for c in candidates if c.admin1}
    for other in found:
        if other is m or other.kind != "place" or (other.first, other.last) == (m.first, m.last):
            continue
        if any(gazetteer.by_id[i].admin1 in regions for i in other.value):
            return True
    return False


def _adjective(tokens, m: Match, candidates: list[PlaceEntry], attack: set[int]) -> bool:
    """A country name that is also its nisba, right after a definite noun or an attack's words ("غارات جوية
    سورية وروسية": Syrian, not Syria), is the adjective."""
    if m.first == 0 or not any(c.kind == "country" for c in candidates):
        return False
    if tokens[m.first].norm not in country_adjectives():
        return False
    prev = tokens[m.first - 1]
    return m.first - 1 in attack or (prev.kind == "word" and "ال" in prev.norm[:4] and prev.norm.find("ال") <= 2)


def _name_key(token, rank: int) -> bool:
    """May a place name match this key of the token? Only with the conjunctions and prepositions stripped
    (وبإدلب، للرقة): a name does not take the article it lacks (السورية is "Syrian", not سورية "Syria"),
    nor a pronoun (بلاده is "his country", not a village called بلاد)."""
    if rank == 0:
        return True
    key, norm = token.keys[rank], token.norm
    if name_suffix(norm, key):
        return True
    if norm.endswith(key):
        return not norm[: -len(key)].endswith("ال")
    return key.startswith("ال") and norm.endswith(key[2:]) and norm[: -len(key) + 2].endswith("لل")


def _combined(lexicon: Lexicon, gazetteer: Gazetteer) -> PhraseIndex:
    """The language's lexicon and the gazetteer's names in one trie, built once per pair and kept on the
    gazetteer, so it goes when the gazetteer goes (an id() key could be reused by a new gazetteer)."""
    cache = gazetteer.__dict__.setdefault("_combined_indexes", {})
    key = (lexicon.code, id(lexicon))
    if cache.get(key, (None,))[0] is not lexicon:
        cache[key] = (lexicon, lexicon.index.merged(gazetteer.index))
    return cache[key][1]


def _says_where_it_lies(tokens, cue: Match, kw: Match | None, m: Match) -> bool:
    """"the northern city of Aleppo", "the central town of Salamiyah": a direction before a settlement's kind
    word and "of" tells where the whole settlement lies in its country, not a part of it (which "the northern
    countryside of Hama", "the eastern neighbourhoods of Aleppo" and "شمال مدينة حلب" name)."""
    return (cue.value["cue"] == "region_part" and kw is not None and cue.last == kw.first - 1
            and kw.value["kind"] in _NAMED_KINDS and not kw.value.get("plural")
            and kw.last == m.first - 2 and tokens[m.first - 1].norm == "of")


def _tails_longer_name(sentence: Sentence, m: Match, found: list[Match], blocked) -> bool:
    """A Latin match that begins with an article hyphened to its name ("al-Bab") right after a capitalised word
    nothing else claims is the end of a longer name the gazetteer lacks: "the neighbourhood of Tariq al-Bab" is
    a quarter of Aleppo, not the town of al-Bab."""
    tokens = sentence.tokens
    prev = m.first - 1
    if prev < 1 or m.first == m.last or tokens[m.first].norm not in LATIN_ARTICLES:
        return False
    head = tokens[prev]
    if head.kind != "word" or not head.text[:1].isupper() or not head.text[:1].isascii() or head.text.isupper():
        return False
    if sentence.between(prev, m.first) != " " or sentence.between(m.first, m.first + 1) != "-":
        return False
    return not any(b0 <= prev <= b1 for b0, b1, _ in blocked) and not any(
        f.first <= prev <= f.last for f in found if f is not m)


def _heads_longer_name(sentence: Sentence, m: Match, generics: frozenset[str], blocked) -> bool:
    """A one-word match that is only the head of a longer name: followed by an article hyphened to a name
    ("Bab al-Hawa" is not al-Bab; "Aleppo-Damascus" is two places, so a bare hyphen proves nothing), or a
    generic word of place names (Tall, Deir, دير، كفر) followed by another word that nothing else claims
    ("Tall Tawil" is not At Tall)."""
    tokens = sentence.tokens
    nxt = m.last + 1
    if nxt >= len(tokens) or tokens[nxt].kind != "word" or any(b0 <= nxt <= b1 for b0, b1, _ in blocked):
        return False
    latin = tokens[m.first].text[:1].isascii()
    if latin and tokens[nxt].norm in LATIN_ARTICLES and nxt + 1 < len(tokens) and sentence.between(nxt, nxt + 1) == "-":
        return True
    if tokens[m.first].keys[m.key_rank] not in generics:
        return False
    return not latin or tokens[nxt].text[:1].isupper()


def _places(sentence: Sentence, gazetteer: Gazetteer, by_kind, dates: list[DateMention],
            found: list[Match], stopwords: frozenset[str] = frozenset(),
            needs_context: frozenset[str] = frozenset(),
            generics: frozenset[str] = frozenset()) -> tuple[list[PlaceMention], list[LocalName]]:
    """The sentence's place mentions, and the names it shows to be local places the gazetteer lacks (each with
    the area holding it: _locators)."""
    tokens = sentence.tokens
    blocked = [(m.first, m.last, m.key_rank) for kind in _BLOCKS_PLACES for m in by_kind.get(kind, ())]
    blocked += [(d.first, d.last, 0) for d in dates]
    kind_words = {m.last: m for m in by_kind.get("placekind", ())}
    kind_words_after = {m.first: m for m in by_kind.get("placekind", ())}
    cue_before = {m.last: m for m in by_kind.get("cue", ()) if m.value["cue"] in ("near", "region_part", "place_prep")}
    based = [m for m in by_kind.get("cue", ()) if m.value["cue"] in ("headquarters", "sponsor")]
    attack = {k for kind in ("trigger", "weapon") for x in by_kind.get(kind, ()) for k in range(x.first, x.last + 1)}
    attack |= {k for c in by_kind.get("cue", ()) if c.value["cue"] == "descriptor" for k in range(c.first, c.last + 1)}
    out: list[PlaceMention] = []
    pending: list[PlaceMention] = []
    for m in select([m for m in found if _name_key(tokens[m.first], m.key_rank)]):
        span = m.last - m.first
        if any(b0 <= m.first and m.last <= b1 and ((b1 - b0) > span or ((b1 - b0) == span and rank <= m.key_rank))
               for b0, b1, rank in blocked):
            continue  # a longer person, source, date … covers it, or an equal one spelled as literally
        first_tok = tokens[m.first]
        if first_tok.text[0].isascii() and not any(t.text[0].isupper() for t in tokens[m.first : m.last + 1]):
            continue  # Latin script: names are capitalised ("of" is not the Turkish town Of); a region's name
            # may begin with a lower-case word ("southern Idlib countryside", "countryside of Hama")
        if any((c.value.get("scope") != "after" and 0 <= m.first - c.last - 1 <= 2)
               or (c.value.get("scope") == "after" and c.first == m.last + 1) for c in based):
            continue  # "ومقره بريطانيا" (where a source sits), "المدعومة من تركيا" (who backs a group)
        candidates = [gazetteer.by_id[i] for i in m.value]
        text = sentence.text[tokens[m.first].start - sentence.start : tokens[m.last].end - sentence.start]
        pm = PlaceMention(m.first, m.last, text, candidates, key_rank=m.key_rank,
                          stem=" ".join(t.keys[m.key_rank] if i == 0 else t.keys[0]
                                        for i, t in enumerate(tokens[m.first : m.last + 1])))
        k = m.first - 1
        while k > 0 and tokens[k].text == "#":  # "محافظة #حمص": hashtags in Arabic news
            k -= 1
        kw = kind_words.get(k)
        if kw is None and k > 0 and tokens[k].norm == "of":  # "the town of Azaz"
            kw = kind_words.get(k - 1)
        if kw is not None:
            k = kw.first - 1
            pm.kind_before = _introduces_name(tokens, kw)
        else:
            kw = kind_words_after.get(m.last + 1)  # "Idlib province"
            if kw is not None and kw.last + 1 < len(tokens) and tokens[kw.last + 1].norm == "of":
                # "the Damascus suburb of Jaramana": the kind word introduces the next name, and this one is
                # only the place that contains it
                kw = None
                pm.container = True
        if kw is not None:
            pm.kind_hint = kw.value["kind"]
        # ريف إدلب الجنوبي / شمال حماة / near Idlib / بالقرب من: qualifiers before the name (or its kind word)
        cue = cue_before.get(k) or cue_before.get(m.first - 1) or cue_before.get(m.first - 2)
        if cue is not None and _says_where_it_lies(tokens, cue, kw, m):
            cue = None
        if cue is not None and cue.value["cue"] in ("near", "region_part"):
            pm.modifier, pm.modifier_first = cue.value["cue"], cue.first
        elif pm.kind_hint == "countryside":
            pm.modifier, pm.modifier_first = "region_part", min(kw.first, m.first)
        salient = any(c.kind in AREA_KINDS or c.population >= SALIENT_POPULATION or c.source == "curated"
                      for c in candidates)
        if _tails_longer_name(sentence, m, found, blocked):
            continue  # "Tariq al-Bab", a quarter of Aleppo: not the town of al-Bab
        if span == 0 and _heads_longer_name(sentence, m, generics, blocked):
            continue  # "Bab al-Hawa", "Tall Tawil", "دير حافر": the first word of a name the gazetteer lacks
        if span == 0 and kw is None and first_tok.keys[m.key_rank] in stopwords:
            continue  # "أكثر", "تحت", "الشرقية", "صور": ordinary words that also name a place
        if span == 0 and kw is None and first_tok.keys[m.key_rank] in needs_context and not (
                cue is not None or (m.key_rank > 0 and first_tok.norm.startswith(_PREP_PREFIXES))
                or _region_nearby(candidates, found, gazetteer, m)):
            continue  # "يفتح الباب" (opens the door), "حماة الديار": al-Bab and Hama need a place context
        if span == 0 and kw is None and cue is None and _adjective(tokens, m, candidates, attack):
            continue  # "القوات السعودية", "الحكومة السورية": the nisba, not the country
        if kw is not None:
            pm.evidence = "kind word"
        elif cue is not None or (m.key_rank > 0 and first_tok.norm.startswith(_PREP_PREFIXES)):
            pm.evidence = "preposition"
        elif span > 0:
            pm.evidence = "multiword"
        elif salient:
            pm.evidence = "salient"
        else:
            pending.append(pm)  # a one-word village name with nothing (yet) to say it is a place here
            continue
        out.append(pm)
    return _locators(tokens, _join_listed(tokens, out, pending), by_kind.get("cue", ()))


LOCATOR_GAP = 2  # words (an adjective: "المحاصرة", "besieged") between a place and "near X" that locates it
_NEAR_WORDS = frozenset({"قرب", "بالقرب", "near", "close"})  # "near" proper, not "the edges of", "the outskirts of"


def _kind_rank(m: PlaceMention) -> int:
    return min((KIND_RANK.get(c.kind, 9) for c in m.candidates), default=9)


def _locates(y: PlaceMention, x: PlaceMention) -> bool:
    """Y can say where X lies: Y is as wide as X or wider, or Y is a city people place things by (a capital, a
    large town) and X is below governorate level."""
    if _kind_rank(y) <= _kind_rank(x):
        return True
    return _kind_rank(x) >= 2 and any(c.kind == "city" and c.population >= SALIENT_POPULATION for c in y.candidates)


def _locators(tokens, places: list[PlaceMention], cues) -> tuple[list[PlaceMention], list[LocalName]]:
    """"في الغوطة الشرقية المحاصرة قرب دمشق", "in Eastern Ghouta near Damascus": a place after "near" right
    behind another place (introduced as one, not a country acting, only an adjective between them) only says
    where that one lies; it is not a second place of the clause. Never when the place after "near" is the
    narrower one ("Idlib province near Saraqeb").
    "بلدة صيدا الواقعة شرق درعا": a name whose every namesake lies in another country than the area that
    contains it (not a place it is near) is a local place the gazetteer lacks (not Sidon in Lebanon): the
    containing area stands for it. Returns the places kept and those local names with their areas."""
    located = {c.first for c in cues if c.value["cue"] == "located"}  # "الواقعة", "located"
    glue = {k for c in cues if c.value["cue"] == "place_prep" for k in range(c.first, c.last + 1)}  # في، in
    local: list[LocalName] = []
    for prev, m in zip(places, places[1:], strict=False):
        gap = range(prev.last + 1, m.modifier_first if m.modifier_first is not None else m.first)
        if m.modifier == "near" and m.modifier_first is not None and tokens[m.modifier_first].norm in _NEAR_WORDS \
                and len(gap) <= LOCATOR_GAP and all(tokens[k].norm.startswith("ال") for k in gap) \
                and prev.evidence in ("kind word", "preposition", "multiword") \
                and not (prev.qualifier or prev.metonym or prev.speaker) \
                and not any(c.kind == "country" for c in prev.candidates) and _locates(m, prev):
            m.container = True
        if gap and gap[0] in located and all(k in glue for k in gap[1:]) and \
                m.modifier != "near" and m.candidates and any(c.kind in AREA_KINDS for c in m.candidates) and \
                all(c.country != m.candidates[0].country for c in prev.candidates):
            local.append((prev, m))
    dropped = {id(p) for p, _ in local}
    return [p for p in places if id(p) not in dropped], local


_LIST_JOINERS = frozenset({",", "،", "and", "و", "&"})


def listed(tokens, a: PlaceMention, b: PlaceMention) -> bool:
    """b follows a in a list: only commas and "and" between them, or Arabic و written onto b's name."""
    if b.first <= a.last:
        return False
    between = range(a.last + 1, b.first)
    if between:
        return all(tokens[k].norm in _LIST_JOINERS for k in between)
    return b.key_rank > 0 and tokens[b.first].norm.startswith("و")


def _join_listed(tokens, accepted: list[PlaceMention], pending: list[PlaceMention]) -> list[PlaceMention]:
    """"قصفت بلدات كفرنبل وسراقب", "struck Saraqib, Kafranbel and Khan Sheikhoun": a name listed beside a
    place the text marks as one is a place too (its evidence is the list)."""
    grew = True
    while pending and grew:
        grew = False
        for p in list(pending):
            if any(listed(tokens, q, p) or listed(tokens, p, q) for q in accepted):
                p.evidence = "listed with a place"
                accepted.append(p)
                pending.remove(p)
                grew = True
    accepted.sort(key=lambda m: m.first)
    return accepted
