"""From place mentions to one located point with ACLED's geo_precision, and the reason for the choice."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace

from marsad.model import Place
from marsad.recognise.analysis import PlaceMention
from marsad.resolve.gazetteer import AREA_KINDS, KIND_RANK, SMALL_AREA_KM, PlaceEntry, distance_km

_HINT_KINDS = {
    "city": {"city", "town"}, "town": {"town", "city", "village"}, "village": {"village", "town"},
    "neighbourhood": {"neighbourhood", "village", "town"}, "camp": {"camp", "village", "town"},
    "governorate": {"governorate"}, "district": {"district"}, "subdistrict": {"subdistrict"},
    "countryside": {"governorate", "district", "city", "town", "village"},
    "site": {"site", "city", "town", "village"},
    "area": {"region", "district", "subdistrict", "village", "town", "site"},
    "border": {"country", "site", "town"},
}


class PointIndex:
    """Points on a grid of cells (half a degree of latitude by one of longitude), so that "is any point within
    r km" asks the nearby cells only: an article that names a thousand places costs no more per mention than one
    that names ten. A point given twice is held once."""

    LAT_CELL, LON_CELL = 0.5, 1.0

    def __init__(self) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        self.seen: set[tuple[float, float, str]] = set()

    def __bool__(self) -> bool:
        return bool(self.seen)

    def __len__(self) -> int:
        return len(self.seen)

    def add(self, lat: float, lon: float, tag: str = "") -> None:
        if (lat, lon, tag) in self.seen:
            return
        self.seen.add((lat, lon, tag))
        self.cells.setdefault((math.floor(lat / self.LAT_CELL), math.floor(lon / self.LON_CELL)), []).append(
            (lat, lon, tag))

    def near(self, lat: float, lon: float, km: float):
        """(distance, tag) of each point within km, in no particular order."""
        dlat = math.ceil(km / 111.0 / self.LAT_CELL)
        shrink = max(math.cos(math.radians(min(abs(lat) + dlat * self.LAT_CELL, 89.0))), 1e-6)
        dlon = min(math.ceil(km / (111.32 * shrink) / self.LON_CELL), 180)
        i0, j0 = math.floor(lat / self.LAT_CELL), math.floor(lon / self.LON_CELL)
        for i in range(i0 - dlat, i0 + dlat + 1):
            for j in range(j0 - dlon, j0 + dlon + 1):
                for la, lo, tag in self.cells.get((i, (j + 180) % 360 - 180), ()):
                    d = distance_km(lat, lon, la, lo)
                    if d < km:
                        yield d, tag


@dataclass(slots=True)
class PlaceContext:
    """What the article as a whole says about where it is: used to choose between same-name places."""

    countries: Counter = field(default_factory=Counter)
    admin1: Counter = field(default_factory=Counter)
    points: PointIndex = field(default_factory=PointIndex)  # one-candidate places, tagged with their country
    governorates: dict[str, PlaceEntry] = field(default_factory=dict)  # admin1 name -> its area (gazetteer's)
    cities: PointIndex = field(default_factory=PointIndex)  # the cities the article names

    def learn(self, mentions: list[PlaceMention]) -> None:
        for m in mentions:
            if is_weak(m) or m.fuzzy:
                continue  # a hamlet's name after a preposition, or a loosely spelled name, must be confirmed
                # by the context, not make it
            if m.qualifier or m.metonym or m.speaker:
                continue  # "Turkey's air strikes", "اتهمت دمشق", "Moscow said": who, not where
            if len(m.candidates) == 1 or len({c.country for c in m.candidates}) == 1:
                self.countries[m.candidates[0].country] += 1
            names = {c.admin1 for c in m.candidates if c.admin1}
            if len(names) == 1 and len({c.country for c in m.candidates}) == 1:
                self.admin1[names.pop()] += 1  # طرابلس: Lebanon's city or Libya's province, no governorate yet
            if len(m.candidates) == 1:
                c = m.candidates[0]
                self.points.add(c.latitude, c.longitude, c.country)
            for c in m.candidates:
                if c.kind == "city" or c.kind in ("town", "governorate") and c.population >= CITY_POPULATION:
                    self.cities.add(c.latitude, c.longitude)

    @property
    def main_country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None


WEAK_KINDS = frozenset({"village", "neighbourhood"})
CITY_POPULATION = 50_000
NEIGHBOURHOOD_KM = 15.0  # how far from a city's point its neighbourhoods lie
SUPPORT_KM = 50.0


def is_weak(m: PlaceMention) -> bool:
    """A one-word name of small places only, after a mere preposition (بتلك، في قسمين): the kind of match
    that common words produce; it needs the article to name its region or a place near it. So does a
    name of three letters or fewer read by taking a clitic off a word (بنوك "banks" → ب + نوك, Nuuk)."""
    return (m.evidence == "preposition" and m.first == m.last and not m.fuzzy
            and all(c.kind in WEAK_KINDS and c.population < 10_000 for c in m.candidates)) or short_stem(m) \
        or (m.kind_hint != "governorate" and _abroad(m)) or small_abroad(m) or clitic_abroad(m)


def _abroad(m: PlaceMention) -> bool:
    """A province or region of another country (حجة، البيضاء، الجزيرة are also words): it needs its country
    named in the article, or a kind word (محافظة، إقليم، province)."""
    return all(c.source == "province" for c in m.candidates)


HOME = "Syria"  # the country marsad's news is about: its villages are read on the article's own evidence
SMALL_KINDS = frozenset({"village", "town", "neighbourhood", "district"})
SMALL_POPULATION = 50_000
MIN_ABROAD_LETTERS = 4  # a one-word village abroad, written without a clitic and not shorter than this


def small_abroad(m: PlaceMention) -> bool:
    """A village, small town or district of another country only (an imported gazetteer of Iraq or Yemen holds
    hamlets called على، كلية، حكم; Turkey's districts have Arabic names such as دولي): it needs its province or a
    place of its country near it named in the article, or a kind word before it and its country named."""
    return all(c.country != HOME and c.kind in SMALL_KINDS and c.population < SMALL_POPULATION
               for c in m.candidates)


SHORT_STEM = 3
KNOWN_CITY = 200_000  # a city abroad this large is read even with a clitic on it (بموسكو، لطهران)


def clitic_abroad(m: PlaceMention) -> bool:
    """One word read as a town abroad only once a clitic is taken off it ("فعالية" effectiveness → ف + عالية,
    Aley in Lebanon): it needs its country named in the article."""
    return m.first == m.last and m.key_rank > 0 and m.evidence != "kind word" and all(
        c.country != HOME and c.kind in ("city", "town", "village") and c.population < KNOWN_CITY
        for c in m.candidates)


def short_stem(m: PlaceMention) -> bool:
    return m.first == m.last and m.key_rank > 0 and m.evidence != "kind word" and len(m.stem) <= SHORT_STEM


def supported(m: PlaceMention, ctx: PlaceContext) -> bool:
    if small_abroad(m) and m.first == m.last and m.evidence != "kind word" and (
            m.key_rank > 0 or len(m.stem) < MIN_ABROAD_LETTERS):
        return False  # كلية is not ك + لية (Layyah, Iraq), بدعم not ب + دعم (Di'am, Jordan)
    if (short_stem(m) or _abroad(m) or clitic_abroad(m)
            or (small_abroad(m) and m.evidence == "kind word")) and any(
            ctx.countries.get(c.country) for c in m.candidates):
        return True  # بحمص in an article about Syria; "Kunduz" in an article that names Afghanistan
    return any(_near_context(c, ctx) for c in m.candidates)


def _nisba_after(a, m: PlaceMention) -> bool:
    """"بالريحانية التركية", "عرسال اللبنانية": the word after the name is its country's adjective."""
    return clitic_abroad(m) and _country_adjective_after(a, m)


def _country_adjective_after(a, m: PlaceMention) -> bool:
    """"مدينة صيدا اللبنانية": the word after the name is the adjective of one of its candidates' countries."""
    from marsad.data import nationalities

    tokens = a.sentence.tokens
    if m.last + 1 >= len(tokens):
        return False
    word = tokens[m.last + 1].norm.removeprefix("ال")
    country = nationalities().get(word) or nationalities().get(word.removesuffix("ه"))
    return country is not None and any(c.country == country for c in m.candidates)


def local_names(analyses) -> None:
    """One sense per article: a name one sentence shows to be a local place the gazetteer lacks ("بلدة صيدا الواقعة
    شرق درعا") is that place wherever the article names it, not its namesake abroad (Sidon in Lebanon), unless
    its own sentence names that country: such a mention stands for the area holding the name and is flagged
    unresolved (run before the article's context is learned, so Lebanon is not its country)."""
    # only a name a kind word introduces ("بلدة صيدا"), not a word of a longer name ("البنغال الغربية")
    local = {p.stem: area for a in analyses for p, area in a.local if p.stem and p.kind_before and area.candidates}
    if not local:
        return
    for a in analyses:
        named = {c.country for m in a.places for c in m.candidates if c.kind == "country"}
        abroad = [p for p in a.places if p.stem in local and p.candidates and all(
            c.country != local[p.stem].candidates[0].country for c in p.candidates)
            # "مدينة صيدا اللبنانية", "صيدا في جنوب لبنان": the sentence says which country it means
            and not _country_adjective_after(a, p) and not any(c.country in named for c in p.candidates)]
        if abroad:
            # the name stays where it is, standing for the area that holds it, and is flagged as unresolved
            a.unresolved += [(p.first, p.last, p.text, "abroad") for p in abroad]
            a.places = sorted([p for p in a.places if p not in abroad] + [
                replace(p, candidates=list(local[p.stem].candidates), fuzzy=False, loose=False) for p in abroad],
                key=lambda m: m.first)


def resolve_article_places(analyses, ctx: PlaceContext) -> None:
    """An article's places read as a whole: its local names (local_names), then what every sentence names
    teaches the context, which then confirms or drops the weak mentions (confirm_places)."""
    local_names(analyses)
    for a in analyses:
        ctx.learn(a.places)
    confirm_places(analyses, ctx)


def confirm_places(analyses, ctx: PlaceContext) -> None:
    """Drop the weak place mentions that the rest of the article does not support, names found only by a loose
    spelling in a country the article never names, and a neighbourhood's namesakes far from the article's
    cities."""
    for a in analyses:
        if any(is_weak(p) or p.fuzzy for p in a.places):
            kept = [p for p in a.places if (not is_weak(p) or supported(p, ctx) or _nisba_after(a, p)) and not (
                p.fuzzy and not any(ctx.countries.get(c.country) for c in p.candidates))]
            # "بلدة الطيبة" whose only namesakes are abroad: still a place the text names, which the gazetteer
            # does not hold here
            a.unresolved += [(p.first, p.last, p.text, "abroad") for p in a.places
                             if p not in kept and p.evidence == "kind word" and p.kind_before]
            a.places = kept
        for p in a.places:
            if p.spoken_at and ctx.main_country and all(c.country != ctx.main_country for c in p.candidates):
                p.speaker = True  # "وقال ترودو في ليما": a leader abroad spoke there; nothing happened there
            if p.loose:  # Alghantou: only the al-Ghantu of a governorate the article names, or near its places
                p.candidates = [c for c in p.candidates if _near_context(c, ctx)]
            if p.kind_hint == "neighbourhood" and ctx.cities:
                # "al-Hamadaniyeh neighbourhood", "حي الحمدانية" in an article about a city: a quarter of it, not a
                # village of that name elsewhere in the governorate
                inside = [c for c in p.candidates if c.kind == "neighbourhood" or any(
                    ctx.cities.near(c.latitude, c.longitude, NEIGHBOURHOOD_KM))]
                if not inside:
                    a.unresolved.append((p.first, p.last, p.text, "kind word"))
                p.candidates = inside
        a.places = [p for p in a.places if p.candidates]


def _near_context(c: PlaceEntry, ctx: PlaceContext) -> bool:
    """In a governorate the article names, or within SUPPORT_KM of a place it names (a village abroad only of a
    place in its own country: not supported by a Syrian town across the border)."""
    return bool(c.admin1 and ctx.admin1.get(c.admin1)) or any(
        c.country == HOME or country == c.country
        for _, country in ctx.points.near(c.latitude, c.longitude, SUPPORT_KM))


def rank_candidates(m: PlaceMention, ctx: PlaceContext) -> list[tuple[float, PlaceEntry, str]]:
    """Candidates with a score and the reason, best first."""
    allowed = _HINT_KINDS.get(m.kind_hint or "")
    scored = []
    for c in m.candidates:
        score = 0.0
        why = []
        if allowed is not None and c.kind in allowed:
            score += 4
            why.append(f"'{m.kind_hint}' before the name")
        if ctx.countries and c.country == ctx.main_country:
            score += 1.5
            why.append(f"in {c.country}, the article's country")
        if c.kind in AREA_KINDS or c.kind == "city" or c.population >= 100_000:
            score += 2  # a country, region or city is named far more often than a hamlet that shares its name
        if c.kind in ("district", "subdistrict") and _is_its_city(c, m.candidates):
            score -= 2.5  # "عفرين", "منبج": the town the district is named after, unless "منطقة" says otherwise
        if c.admin1 and ctx.admin1.get(c.admin1):
            score += 2 + min(ctx.admin1[c.admin1], 3) * 0.3
            why.append(f"in {c.admin1}, named elsewhere in the article")
        if ctx.points and c.kind not in AREA_KINDS:
            near = min((d for d, _ in ctx.points.near(c.latitude, c.longitude, 50)), default=None)
            if near is not None:
                score += 1.5
                why.append(f"{near:.0f} km from another place the article names")
        if m.kind_hint == "countryside" and c.kind == "governorate":
            score += 1.5  # "ريف حماة": the governorate's countryside, not the city's outskirts
        if allowed is None and c.kind == "governorate" and not _is_its_city(c, m.candidates):
            score += 2  # "في إدلب" with no kind word: the governorate, not the city of the same name
        if allowed is None and c.kind in WEAK_KINDS and any(o.kind == "country" for o in m.candidates):
            score -= 5  # "Qatar" with no kind word is the country, not a hamlet of Aleppo called al-Qatar
        # ties: the more populous, then the smaller kind (the town معرة النعمان before the district named after it)
        score += math.log10(c.population + 1) * 0.08 + KIND_RANK.get(c.kind, 9) * 0.01
        scored.append((score, c, "; ".join(why) or "best known of the same-name places"))
    scored.sort(key=lambda t: (-t[0], t[1].id))  # ties broken by id: the same input, the same place
    return scored


def _is_its_city(area: PlaceEntry, candidates: list[PlaceEntry]) -> bool:
    """A same-name town within 10 km of an area's point: Damascus the governorate is the city; a district's
    point is its seat, the town it is named after."""
    return any(c.kind not in AREA_KINDS and distance_km(c.latitude, c.longitude, area.latitude,
                                                           area.longitude) < 10 for c in candidates)


def precision_of(m: PlaceMention, entry: PlaceEntry) -> int:
    """ACLED geo_precision: 1 the named town/site, 2 near it or part of a district, 3 a region/province."""
    if entry.kind in ("country", "governorate"):
        return 3
    if entry.kind in ("district", "subdistrict"):
        return 2 if m.modifier is None else 3
    if entry.kind in AREA_KINDS:  # regions and countrysides: by how far they reach
        return 2 if 0 < entry.radius_km <= SMALL_AREA_KM and m.modifier is None else 3
    if m.modifier in ("near", "region_part"):
        return 2
    if m.kind_hint in ("subdistrict", "district", "area", "governorate"):
        return 2  # "ناحية حرستا": the area named after the town, not the town itself
    return 1


def to_place(m: PlaceMention, ctx: PlaceContext, text: str | None = None) -> Place:
    score, entry, why = rank_candidates(m, ctx)[0]
    precision = precision_of(m, entry)
    reason = why
    if m.modifier == "near":
        reason = f"near {entry.name}; " + reason
    elif m.modifier:
        reason = f"an area of {entry.name} (countryside or one side of it); " + reason
    if len(m.candidates) > 1:
        reason += f" (chosen among {len(m.candidates)} places of this name)"
    if m.fuzzy:
        reason = f"spelled differently in the gazetteer ({entry.name_ar or entry.name}); " + reason
    return Place(location=entry.name, admin1=entry.admin1 if entry.kind != "country" else None,
                 admin2=entry.admin2, country=entry.country, iso=entry.iso, latitude=round(entry.latitude, 5),
                 longitude=round(entry.longitude, 5), geo_precision=precision, location_text=text or m.text,
                 geonames_id=entry.geonames_id, reason=reason)


def area_place(admin1: str, ctx: PlaceContext, text: str) -> Place | None:
    """A governorate as the place of a name the gazetteer lacks (geo_precision 3, at the governorate's point)."""
    entry = ctx.governorates.get(admin1)
    if entry is None:
        return None
    return Place(location=entry.name, admin1=entry.admin1 or entry.name, admin2=None, country=entry.country,
                 iso=entry.iso, latitude=round(entry.latitude, 5), longitude=round(entry.longitude, 5), geo_precision=3,
                 location_text=text, geonames_id=entry.geonames_id,
                 reason=f"'{text}' is not in the gazetteer: coded to the governorate of the places listed with it")


def best_mention(mentions: list[PlaceMention], anchor: int) -> PlaceMention | None:
    """The place a clause's event is at: the most specific one, then the one nearest the trigger."""
    mentions = [m for m in mentions if not (m.qualifier or m.metonym or m.speaker or m.dateline or m.container)]
    if not mentions:
        return None

    def specificity(m: PlaceMention) -> tuple[int, int, int]:
        kinds = [KIND_RANK.get(c.kind, 9) for c in m.candidates]
        best_kind = max(kinds) if m.kind_hint not in ("governorate", "countryside") else min(kinds)
        if m.modifier is not None:
            best_kind = min(best_kind, 4)
        # "اعترفت تل أبيب بأن طائراتها قصفت مواقع في مدينة اللاذقية": a bare capital is often the
        # government speaking; a name after "في"/"مدينة" is where something happened
        # but "في سوريا" never beats a town it contains ("إيران تقصف البوكمال في سوريا")
        introduced = 1 if m.evidence in ("kind word", "preposition") and best_kind > 0 else 0
        return introduced, best_kind, -abs(m.first - anchor)

    return max(mentions, key=specificity)
