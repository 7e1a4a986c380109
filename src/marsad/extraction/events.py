"""From frames to events: merge the accounts of one event within an article (title, lead, body), fill
its place and date from context where the clause has none, and keep the words each field came from."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from marsad.code.acled import COMBATANT_GROUPS
from marsad.data import TriggerClass, nationalities
from marsad.extraction.casualties import Statement
from marsad.extraction.frames import EVENT_KINDS, UNNAMED_KINDS, ActorRole, Frame, campaign_start
from marsad.model import Place
from marsad.recognise.analysis import PlaceMention, SentenceAnalysis, listed
from marsad.recognise.dates import DateMention
from marsad.resolve.gazetteer import distance_km
from marsad.resolve.places import PlaceContext, area_place, best_mention, to_place
from marsad.text.normalise import normalise

BACKGROUND_DAYS = 45  # an event dated this long before publication is background, not news
MASS_TOLL = 500  # a toll this large with no day of its own is a period's, not one event's
_PERIOD_CUES = ("period", "background")


@dataclass(slots=True)
class Draft:
    """An event being assembled from one or more frames."""

    frames: list[Frame]
    cls: TriggerClass
    place: Place | None = None
    place_from: str = "clause"  # clause, sentence, paragraph, title, article
    date: DateMention | None = None
    date_from: str = "clause"
    flags: set[str] = field(default_factory=set)
    unresolved_place: str | None = None  # a place named in the clause that the gazetteer does not know
    named_abroad: str | None = None  # such a place, after a kind word, that the gazetteer holds only abroad
    country_hint: str | None = None  # the victims' country, when the text names their nationality only
    mentions: list[Frame] = field(default_factory=list)  # further accounts whose tolls the event does not take
    shares: list[tuple[int, int]] = field(default_factory=list)  # (i, n): this is the i-th of n events a toll is
    # divided across (listed places, attackers named together), ACLED's even split with the remainder to the last
    attacker: ActorRole | None = None  # this copy's attacker when attackers named together are one event each
    listed: tuple[int, int] | None = None  # (sentence, item) of a place listed with others: never merged with them

    @property
    def own_place(self) -> bool:
        return self.place is not None and self.place_from == "clause"

    @property
    def own_date(self) -> bool:
        return self.date is not None and self.date_from == "clause"

    @property
    def first(self) -> Frame:
        return self.frames[0]

    def statements(self, *kinds: str) -> list[Statement]:
        return [s for f in self.frames for s in f.statements if s.kind in kinds]


def _frame_place(f: Frame, ctx: PlaceContext) -> tuple[Place | None, PlaceMention | None]:
    # a country that acts or backs ("أطلقت إسرائيل صاروخا", "المدعومة من تركيا") is not where it happened
    acting = {(r.match.first, r.match.last) for r in f.actors if r.role in ("agent", "sponsor")}
    places = [p for p in f.places if (p.first, p.last) not in acting]
    # "إيران تقصف البوكمال ردا على هجوم الأهواز": the place after the response cue is the earlier event's
    cut = f.answered_from
    if cut is not None and any(p.last < cut for p in places):
        places = [p for p in places if p.last < cut]
    if f.cls.role == "development" and len(places) > 1:
        # "خروج إرهابيي جيش الإسلام من دوما إلى جرابلس", "left Harasta for Idlib": a deal or a departure happens
        # where the fighters leave, not where the buses take them
        tokens = f.sentence.tokens
        staying = [p for p in places if not any(tokens[k].norm in _DESTINATION
                                                 for k in range(max(0, p.first - 2), p.first))]
        places = staying or places
    m = best_mention(places, f.triggers[0].first)
    if m is None:
        return None, None
    text = f.analysis.span_text(m.modifier_first, m.last) if m.modifier_first is not None else m.text
    return to_place(m, ctx, text), m


_DESTINATION = frozenset(normalise(w) for w in ("إلى", "الى", "باتجاه", "نحو", "صوب", "to", "towards", "toward", "for"))


def _frame_date(f: Frame) -> DateMention | None:
    """The date of a clause: its own point date nearest the trigger (ranges and years are not event dates).
    When a reaction names the event by a noun ("أدانت السعودية الهجوم الكيماوي على دوما الأحد", "the EU
    condemned the attack on Sunday"), the clause's day is the reaction's, not the event's: none."""
    points = [d for d in f.dates if d.kind == "point"]
    if not points:
        return None
    t = f.triggers[0]
    if t.value.get("form", "noun") in ("noun", "adj"):
        a = f.analysis
        if any(f.first <= c.first < t.first for c in a.cues("reaction", "denial", "call")):
            return None
    return min(points, key=lambda d: abs(d.first - t.first))


def is_background(f: Frame, published: date | None) -> bool:
    """History, not news: a date long before publication, a year before this one, or a clause marked as
    background ("منذ بداية الحرب", "كانت المناطق تقصف") that has no recent date of its own."""
    recent = False
    if any(f.first <= c.first <= f.last for c in f.analysis.cues("habitual")) and not _own_day(f):
        return True  # "تطلق النار على مواقع الجيش يوميا": a pattern, even on the day a minister says so
    for d in f.dates:
        if d.start is None:
            continue
        if d.kind == "year" and published is not None and d.start.year < published.year:
            return True
        if d.kind == "point" and published is not None and d.start < published - timedelta(days=BACKGROUND_DAYS):
            return True
        recent = recent or d.kind == "point"
    if recent:
        return False
    a = f.analysis
    trigger = f.triggers[0].first
    reporting = [c.first for c in a.cues("source_cue")]
    for c in a.cues("past_auxiliary"):
        # "وكان المرصد قد أعلن مقتل …": the auxiliary belongs to the reporting verb, not to the event
        if f.first <= c.first < trigger and not any(c.first < r < trigger for r in reporting):
            return True
    return any(f.first <= c.first <= f.last and (c.value.get("scope") != "before" or c.last < trigger)
               for c in a.cues("background"))


def _own_day(f: Frame) -> bool:
    """A day the clause's event has of its own: not the day of the statement that reports it ("أعلن لافروف
    الإثنين أن …", "said on Monday that …": a date between a verb of saying and its "that")."""
    a = f.analysis
    said = [c.last for c in a.cues("source_cue")]
    thats = [c.first for c in a.cues("that")]
    for d in f.dates:
        if d.kind != "point" or d.precision != 1 or d.start is None:
            continue
        if any(c < d.first and any(d.last < k for k in thats) for c in said):
            continue
        return True
    return False


def dated_background(d: Draft, published: date | None) -> bool:
    """An event whose date (its own or its context's) lies long before publication is history."""
    return (published is not None and d.date is not None and d.date.start is not None
            and d.date.start < published - timedelta(days=BACKGROUND_DAYS))


def _compatible_places(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if (a.location, a.admin1) == (b.location, b.admin1):
        return True
    # a country-level account ("غارات إسرائيلية في سوريا") joins any place in that country
    if (a.admin1 is None and a.location == a.country) or (b.admin1 is None and b.location == b.country):
        return a.country == b.country
    # a governorate-level account joins a town-level one in the same governorate, a district-level one a town
    # in that district ("في عفرين" and "في مدينة عفرين")
    for wide, narrow in ((a, b), (b, a)):
        if wide.geo_precision == 3 and wide.admin1 and wide.admin1 == narrow.admin1:
            return True
        if wide.geo_precision == 2 and wide.admin2 and wide.admin2 == narrow.admin2 and wide.admin1 == narrow.admin1:
            return True
    return False


# Accounts named by a vague word ("الضربة", "the attack", "the explosion") join a specific account of the
# same type: "غارات إسرائيلية على الكسوة" and later "الضربة الإسرائيلية استهدفت" are one event.
_VAGUE_MERGE = UNNAMED_KINDS
_BOMBINGS = frozenset({"car_bomb", "ied"})


def _one_happening(a: TriggerClass, b: TriggerClass, pa: Place | None, pb: Place | None) -> bool:
    """Two accounts of different kinds that ACLED codes as one event when they name the same place on the same
    day: the fighting for a town and its capture (the territory's change is the event: "clashes … the army
    took the town"), and a bomb told once as a car bomb or explosive device and once as a suicide attack. The
    very town or site, not one inside the other: a region's fighting and a town's capture may be two events."""
    if pa is None or pb is None or pa.location != pb.location or pa.geo_precision != 1 or pb.geo_precision != 1:
        return False  # (a region or countryside may hold several)
    if {a.role, b.role} == {"battle", "territory"}:
        return a.name != "shootdown" != b.name
    return bool({a.name, b.name} & _BOMBINGS) and "suicide_bomb" in (a.name, b.name)


def _country_level(p: Place | None) -> bool:
    """No place, or only a country ("in a village held by IS in eastern Syria"): what a later clause naming
    the village refines rather than contradicts."""
    return p is None or (p.admin1 is None and p.location == p.country)


def _unresolved_in(f: Frame) -> str | None:
    """A place the clause names after a kind word that the gazetteer holds only in other countries ("غارات على
    بلدة الطيبة": al-Tayba of Jordan and Israel, not this one): a place of its own. (A name the gazetteer does
    not know at all may be anything, "the rebel town Monitor", and does not count.)"""
    return next((u[2] for u in f.analysis.unresolved if f.first <= u[0] <= f.last and u[3] == "abroad"), None)


def _headline_governorate(d: Draft, f: Frame, place: Place | None, ctx: PlaceContext) -> bool:
    """"Children killed in Syria's Homs by napalm" over "Two children were killed in raids on the neighbourhood
    of al-Waer": a headline's name that is both a governorate and its capital stands for the governorate, which
    holds the body's place; so does such a name in the lead the headline joined, when both give the same toll."""
    if place is None or d.place is None or place.admin1 is None or d.place.admin1 != place.admin1:
        return False
    if d.frames[0].sentence.part != "title" or (any(fr.sentence.part != "title" for fr in d.frames)
                                                and not _same_toll(d, f)):
        return False  # (two body accounts of the same toll in Homs and in Talbiseh are two events)
    return any(c.kind == "governorate" and c.admin1 == place.admin1
               for fr in d.frames for m in [_frame_place(fr, ctx)[1]] if m is not None for c in m.candidates)


_BOMBARDMENT = frozenset({"shelling"})  # قصف، bombardment: by guns or by aircraft
_FROM_THE_AIR = frozenset({"air_strike", "drone_strike"})


def _bombardment(d: Draft, f: Frame) -> bool:
    """"قصف على دوما" in the headline, "غارات جوية على دوما" in the body: a bombardment of no stated means and
    an air strike on the same place and day, told by the headline and the body or with the same toll, are one
    event (an air strike)."""
    pair = {d.cls.name, f.cls.name}
    return bool(pair & _BOMBARDMENT and pair & _FROM_THE_AIR) and (
        d.frames[0].sentence.part == "title" or f.sentence.part == "title" or _same_toll(d, f))


def _same_toll(d: Draft, f: Frame) -> bool:
    theirs = {s.value for s in f.statements if s.kind == "fatalities" and s.value}
    return bool(theirs) and bool(theirs & {s.value for fr in d.frames for s in fr.statements
                                           if s.kind == "fatalities" and s.value})


def _same_event(d: Draft, f: Frame, place: Place | None, when: DateMention | None,
                ctx: PlaceContext | None = None) -> bool:
    if when is not None and d.date is not None and d.date.start != when.start:
        return False
    unknown = _unresolved_in(f)
    if unknown is not None and unknown != d.named_abroad and place is not None and not _country_level(d.place):
        return False  # a clause naming a place of its own the gazetteer lacks is another event
    if not _compatible_places(d.place, place) and not (ctx is not None and _headline_governorate(d, f, place, ctx)):
        return False
    if d.cls.event_type != f.cls.event_type and not (f.outcome_only or d.cls.role == "outcome"):
        return False
    vague = ({d.cls.name, f.cls.name} & _VAGUE_MERGE or _bombardment(d, f)
             or _one_happening(d.cls, f.cls, d.place, place))
    if d.cls.sub_event_type != f.cls.sub_event_type and not (f.outcome_only or d.cls.role == "outcome" or vague):
        return False
    last = d.frames[-1]
    near = (f.sentence.part == "text" and last.sentence.part == "title") or \
        (f.sentence.index - last.sentence.index <= 1 and f.sentence.paragraph == last.sentence.paragraph)
    if place is None or d.place is None:
        return near or f.sentence.index <= 2  # a placeless account joins only its neighbour or the lead
    return True


def _named_list(f: Frame, ctx: PlaceContext) -> list[tuple[Place, str | None]]:
    """The places of a list after a plural kind word in the clause ("بلدات نوى وكحيل والسهوة"), one each:
    a name the gazetteer knows at its place, one it lacks (or places in another country than the list's
    others) at the list's governorate, flagged unresolved. [] when the clause has no such list."""
    if f.outcome_only:
        return []
    lists = [lst for lst in f.analysis.lists if f.first <= lst[0].first <= f.last]
    if not lists:
        return []
    items = max(lists, key=len)
    known = [(i, to_place(i.mention, ctx)) for i in items if i.mention is not None and i.mention.candidates]
    countries = Counter(p.country for _, p in known)
    country = countries.most_common(1)[0][0] if countries else ctx.main_country
    admin1s = Counter(p.admin1 for _, p in known if p.admin1 and p.country == country)
    # none of the names known: the governorate of a place the same sentence names, else the article's most named
    admin1 = admin1s.most_common(1)[0][0] if admin1s else _sentence_admin1(f, items, country, ctx) or (
        ctx.admin1.most_common(1)[0][0] if ctx.admin1 else None)
    # "مناطق هاكورك وجارا … والزاب وقنديل بشمال العراق": a country or region right after the list says where
    # all of it lies; a namesake in another country is not the place, and names unknown there go to that area
    last = max(i.last for i in items)
    after = next((m for m in f.places if last < m.first <= last + LIST_AREA_GAP and m.candidates
                  and m.modifier != "near"), None)
    area = to_place(after, ctx) if after is not None else None
    if area is not None and (area.geo_precision or 1) >= 2:
        country = area.country
    else:
        area = None
    # "بلدات في محيط مدينة درعا، بينها الطيبة والنعيمة": the place named before the names holds them all
    if area is None and items[0].area is not None:
        area = to_place(items[0].area, ctx)
        country = area.country
    places: dict[int, Place] = {i.first: p for i, p in known if p.country == country}
    out: list[tuple[Place, str | None]] = []
    for i in items:
        name = i.text
        if i.first in places:
            out.append((places[i.first], None))
        elif area is not None:
            out.append((replace(area, location_text=name), name))
        elif admin1 is not None and (governorate := area_place(admin1, ctx, name)) is not None:
            out.append((governorate, name))
    return out if len(out) >= 2 else []


def _sentence_admin1(f: Frame, items: list, country: str | None, ctx: PlaceContext) -> str | None:
    """The governorate of the place nearest a list that its sentence names outside it ("Activists in eastern
    Ghouta said the jets bombed the towns of Housh Salhiya Nishabiya and Otaya": Rural Damascus)."""
    for m in sorted(f.analysis.places, key=lambda m: abs(m.first - items[0].first)):
        if not m.candidates or m.qualifier or m.metonym or m.speaker or m.dateline \
                or any(i.first <= m.first <= i.last for i in items):
            continue
        p = to_place(m, ctx)
        if p.admin1 and p.country == country:
            return p.admin1
    return None


LIST_AREA_GAP = 2  # tokens between a list's last name and the country or region that holds it all


def _listed_places(f: Frame, ctx: PlaceContext) -> list[Place]:
    """"airstrikes on Kafr Zita, Jeb al-Rayan and Kefr Nabbouda", "قصف على كفرنبل وحاس وكنصفرة": the towns
    an attack clause lists one after another, joined only by commas and "and", each its own event (ACLED:
    one event per location). Only named towns and sites (geo_precision 1) at distinct points of one
    country; [] when the clause lists fewer than two."""
    if f.outcome_only:
        return []
    _, best = _frame_place(f, ctx)
    if best is None:
        return []
    tokens = f.sentence.tokens
    usable = sorted((m for m in f.places if f.first <= m.first <= f.last and m.modifier is None
                     and not (m.qualifier or m.metonym or m.speaker or m.dateline)), key=lambda m: m.first)
    chain: list[PlaceMention] = []
    for m in usable:
        joined = bool(chain) and listed(tokens, chain[-1], m)
        if joined:
            chain.append(m)
        elif best in chain:
            break
        else:
            chain = [m]
    if len(chain) < 2 or best not in chain:
        return []
    places = [to_place(m, ctx) for m in chain]
    if any(p.geo_precision != 1 for p in places) or len({(p.latitude, p.longitude) for p in places}) < len(places) \
            or len({p.country for p in places}) > 1:
        return []  # "ضربات واشنطن ولندن وباريس": capitals of several countries are the governments acting
    return places


def merge(frames: list[Frame], ctx: PlaceContext, published: date | None) -> list[Draft]:
    """Group the frames of an article into events (one per date × place × type, as ACLED codes)."""
    drafts: list[Draft] = []
    for f in frames:
        if is_background(f, published):
            continue
        if _frame_date(f) is None and any((s.value or 0) >= MASS_TOLL for s in f.statements
                                          if s.kind == "fatalities"):
            # "أسفر القصف على الغوطة عن مقتل 976 شخصا": hundreds killed with no day of their own are a
            # campaign's toll; the clause still tells of the attack, its number is a figure
            f = replace(f, statements=[s for s in f.statements if s.kind != "fatalities"])
        listed = _named_list(f, ctx) or [(p, None) for p in _listed_places(f, ctx)]
        if listed:
            # one event per town; a toll the clause gives for all of them together is divided among them
            # (and stays a figure too)
            when = _frame_date(f)
            for i, (p, unknown) in enumerate(listed):
                d = Draft([replace(f)], f.cls, p, "clause", when, flags={"listed_place"}, shares=[(i, len(listed))],
                          listed=(f.sentence.index, i))
                if unknown is not None:
                    d.unresolved_place = unknown
                    d.flags.add("location_unresolved")
                drafts.append(d)
            continue
        place, _ = _frame_place(f, ctx)
        when = _frame_date(f)
        target = next((d for d in reversed(drafts) if _same_event(d, f, place, when, ctx)), None)
        if target is None and f.outcome_only and place is None and when is None and drafts \
                and not f.analysis.unresolved:
            # "ثمة عدد من الضحايا بينهم نساء وأطفال": more about the article's event, not a new one
            target = next((d for d in reversed(drafts) if d.cls.role in ("attack", "battle", "vac")), None)
        if target is None and f.outcome_only and place is None and when is None and "weak_trigger" in f.flags:
            continue  # "تلوح جثة بن لادن": a body named in passing, with no place or day, reports no new event
        if target is None:
            d = Draft([f], f.cls, place, "clause", when)
            unknown = _unresolved_in(f)
            if unknown is not None and place is not None:
                # "بلدة الطيبة الواقعة جنوب شرق مدينة درعا": the named place is unknown, coded where the
                # clause places it
                d.unresolved_place = d.named_abroad = unknown
                d.flags.add("location_unresolved")
            drafts.append(d)
            continue
        target.frames.append(f)
        if f.cls.rank > target.cls.rank and not f.outcome_only or target.cls.role == "outcome" and not f.outcome_only:
            target.cls = f.cls
        more_precise = place is not None and (target.place is None or not _compatible_places(target.place, place)
                                              or (place.geo_precision or 9) < (target.place.geo_precision or 9))
        # (not compatible: the governorate a headline names by its capital, refined by the body's place)
        if more_precise:
            target.place = place  # the most precise place any account gives
        if when is not None and target.date is None:
            target.date = when
    return drafts


_CONTEXT_FLAGS = frozenset({"location_from_context", "date_from_context", "date_from_publication"})


def consolidate(drafts: list[Draft]) -> list[Draft]:
    """Merge drafts that turned out alike once context gave them a place and a date: the same type (or a
    vague account of one), the same day and compatible places are one event told in several sentences."""
    out: list[Draft] = []
    for d in drafts:
        target = next((o for o in out if _alike(o, d)), None)
        if target is None:
            out.append(d)
            continue
        if d.cls.rank > target.cls.rank and d.cls.role != "outcome":
            target.cls = d.cls
        if not (d.own_place or d.own_date) and tolls(target)[0] is not None:
            target.mentions.extend(d.frames)  # a later "the toll reached 1600" with nothing of its own
            target.flags |= d.flags - _CONTEXT_FLAGS
            continue
        target.frames.extend(d.frames)
        if (d.place.geo_precision or 9) < (target.place.geo_precision or 9):
            target.place, target.place_from = d.place, d.place_from
        target.flags |= d.flags - _CONTEXT_FLAGS
    return _lead_in_detail(_join_borrowed(_absorb_areas(out)))


LEAD_SENTENCES = 2  # the title and the first sentences of the text: where news states its event in brief
LEAD_KM = 15  # a lead's place named "near" a town lies this close to the body's place


def _lead_in_detail(drafts: list[Draft]) -> list[Draft]:
    """"Syrian state TV says 22 killed in car bomb in northern Syria" and then "the car blew up on the western
    edge of Qamishli": a headline or lead that places its event only roughly (a region, "near" a town, a
    governorate) and the one later account of the same type on the same day at a place inside it are one event,
    at the later account's place. Only when exactly one such account exists (two or more are a list, each its
    own event) and it gives no other toll."""
    out = list(drafts)
    for v in drafts:
        f = v.first
        if v not in out or v.place is None or (v.place.geo_precision or 1) < 2 or v.listed or v.date is None or \
                not (f.sentence.part == "title" or f.sentence.index <= LEAD_SENTENCES):
            continue
        fits = [x for x in out if x is not v and not x.listed and x.place is not None and _later(v, x)
                and (x.place.geo_precision or 9) < v.place.geo_precision
                and x.place.country == v.place.country and x.cls.sub_event_type == v.cls.sub_event_type
                and x.date is not None and x.date.start == v.date.start and _within(v.place, x.place)]
        if len(fits) != 1 or tolls(fits[0])[0] not in (None, tolls(v)[0]):
            continue
        x = fits[0]
        x.frames.extend(v.frames)
        x.flags |= v.flags - _CONTEXT_FLAGS
        out.remove(v)
    return out


def _later(lead: Draft, x: Draft) -> bool:
    """x is told after the lead: in the text when the lead is the title, or in a later sentence."""
    a, b = lead.first.sentence, x.first.sentence
    if a.part != b.part:
        return a.part == "title"
    return b.index > a.index


def _within(wide: Place, narrow: Place) -> bool:
    """The later place can lie inside the lead's rough one: a region with no governorate, the same governorate
    for a governorate-wide place, within LEAD_KM of a place the lead is only near."""
    if wide.admin1 is None:
        return True
    if (wide.geo_precision or 1) >= 3:
        return wide.admin1 == narrow.admin1
    if None in (wide.latitude, wide.longitude, narrow.latitude, narrow.longitude):
        return False
    return distance_km(wide.latitude, wide.longitude, narrow.latitude, narrow.longitude) <= LEAD_KM


def _absorb_areas(drafts: list[Draft]) -> list[Draft]:
    """"مقتل 60 مدنيا في غارات على درعا" and, later, the towns of Daraa the strikes hit: the governorate or
    region account is told again by the list of places inside it (ACLED codes the region only when no place
    inside is named): its words join each listed place, and its toll is theirs to divide."""
    listed = [d for d in drafts if d.listed]
    if not listed:
        return drafts
    out = []
    for d in drafts:
        inside = [x for x in listed if not d.listed and d.place is not None and x.place is not None
                  and (d.place.geo_precision or 0) >= 2
                  and (d.place.location != x.place.location or x.unresolved_place is not None)
                  and _compatible_places(d.place, x.place) and _alike_type(d, x)
                  and (d.date is None or x.date is None or d.date.start == x.date.start)]
        if not inside:
            out.append(d)
            continue
        for x in inside:
            x.frames.extend(d.frames)
            x.flags |= d.flags - _CONTEXT_FLAGS
    return out


def _alike_type(a: Draft, b: Draft) -> bool:
    vague = {a.cls.name, b.cls.name} & _VAGUE_MERGE
    if a.cls.event_type != b.cls.event_type:
        return bool(vague) and {a.cls.role, b.cls.role} <= {"attack", "battle"}
    return a.cls.sub_event_type == b.cls.sub_event_type or bool(vague) or _one_happening(a.cls, b.cls, a.place, b.place)


def _join_borrowed(drafts: list[Draft]) -> list[Draft]:
    """An account that took its place or its day from context ("الهجوم الكيماوي" in a later paragraph, dated
    by the publication or placed by the lead) is the article's own account of that event when one names
    both: the same type (a vague "attack" joins any attack), and whatever it does say agrees. The event
    keeps the anchor's place and day; the joined account adds its words, and its toll only when the
    anchor has none (a later "3 more died" is not a second account of the toll)."""
    anchors = [d for d in drafts if d.own_place and d.own_date]
    out: list[Draft] = []
    for d in drafts:
        if d in anchors or (d.own_place and d.own_date):
            out.append(d)
            continue
        fits = [a for a in anchors if _same_story(a, d)]
        if not fits:
            out.append(d)
            continue
        here = d.first.sentence.index
        target = min(fits, key=lambda a: (a.first.sentence.index > here, abs(a.first.sentence.index - here)))
        if tolls(target)[0] is None:
            target.frames.extend(d.frames)
        else:
            target.mentions.extend(d.frames)
        if target.cls.name in _VAGUE_MERGE and d.cls.rank > target.cls.rank and d.cls.role != "outcome":
            target.cls = d.cls  # "هجوم" made specific by a later "غارات"
        target.flags |= d.flags - _CONTEXT_FLAGS
    return out


def _same_story(anchor: Draft, d: Draft) -> bool:
    if d.cls.role not in ("attack", "battle", "outcome") and anchor.cls.event_type != d.cls.event_type:
        return False
    vague = d.cls.name in _VAGUE_MERGE
    if not vague and (anchor.cls.event_type != d.cls.event_type or
                      (anchor.cls.sub_event_type != d.cls.sub_event_type and anchor.cls.name not in _VAGUE_MERGE)):
        return False
    if vague and anchor.cls.role not in ("attack", "battle"):
        return False
    if d.own_place and not _compatible_places(anchor.place, d.place):
        return False
    if d.own_place and d.named_abroad is not None and d.named_abroad != anchor.named_abroad \
            and not _country_level(anchor.place):
        return False  # it names a place of its own the gazetteer lacks: another attack
    return not (d.own_date and d.date.start != anchor.date.start)


def _alike(a: Draft, b: Draft) -> bool:
    if a.listed or b.listed:
        return False  # a place of a list is its own event (an account of the whole area is absorbed later)
    if a.named_abroad != b.named_abroad and a.own_place and b.own_place \
            and not (_country_level(a.place) or _country_level(b.place)):
        return False  # "غارات على بلدة الطيبة" names a place of its own, though the gazetteer lacks it
    if not _alike_type(a, b):
        return False  # ("هجوم عنيف على دوما السبت" and "هجوم كيماوي على دوما السبت" are one attack)
    day_a = a.date.start if a.date is not None else None
    day_b = b.date.start if b.date is not None else None
    if day_a != day_b:
        return False
    return a.place is not None and b.place is not None and _compatible_places(a.place, b.place)


def fill_context(drafts: list[Draft], analyses: list[SentenceAnalysis], ctx: PlaceContext,
                 published: date | None) -> None:
    """Place and date for drafts whose clauses name none: the nearest earlier sentence of the same
    paragraph, then the title and lead; else the date of publication (week precision), flagged."""
    by_index = {a.sentence.index: a for a in analyses}
    first = min(by_index, default=0)
    lead = [a for a in sorted(analyses, key=lambda a: a.sentence.index)
            if a.sentence.part == "title" or a.sentence.index <= 2]
    for d in drafts:
        f = d.first
        unknown = [u for fr in d.frames for u in fr.analysis.unresolved if fr.first <= u[0] <= fr.last]
        if d.place is None and unknown:
            d.unresolved_place = unknown[0][2]
            d.flags.add("location_unresolved")
        elif d.place is None:
            # "قتل فيها 16 فلسطينياً": victims named by nationality take a context place of their country only
            want = victims_country(d)
            d.country_hint = want
            later = [by_index[i] for i in sorted(by_index) if i > f.sentence.index] if want else []
            for a in [*_context_sentences(f, by_index, first, lead), *later]:
                m = best_mention([p for p in a.places if not want or p.candidates[0].country == want], 0)
                if m is not None:
                    text = a.span_text(m.modifier_first, m.last) if m.modifier_first is not None else m.text
                    d.place = to_place(m, ctx, text)
                    d.place_from = "title" if a.sentence.part == "title" else "context"
                    d.flags.add("location_from_context")
                    break
        if d.date is None:
            for a in [by_index[f.sentence.index], *_context_sentences(f, by_index, first, lead)]:
                points = [x for x in a.dates if x.kind == "point" and x.start is not None and not campaign_start(a, x)]
                if points:
                    d.date = points[0]
                    d.date_from = "context"
                    d.flags.add("date_from_context")
                    break


_SUFFIXES = (("يين", "ي"), ("يون", "ي"), ("ين", ""), ("ون", ""), ("ا", ""), ("", ""))


def victims_country(d: Draft) -> str | None:
    """The country of victims counted by their nationality ("16 فلسطينياً", "مقتل 5 عراقيين"), unless they
    are soldiers or fighters (a Russian soldier killed in Syria died where Syria's war is)."""
    adjectives = nationalities()
    for f in d.frames:
        tokens = f.sentence.tokens
        for s in f.statements:
            if s.kind not in EVENT_KINDS or s.quantity is None or (s.group or "") in COMBATANT_GROUPS:
                continue
            k = s.quantity.last + 1
            if k >= len(tokens):
                continue
            word = tokens[k].norm.removeprefix("ال")
            for suffix, ending in _SUFFIXES:  # فلسطينيين → فلسطيني, فلسطينيا → فلسطيني
                if word.endswith(suffix) and word[: len(word) - len(suffix)] + ending in adjectives:
                    return adjectives[word[: len(word) - len(suffix)] + ending]
    return None


def _context_sentences(f: Frame, by_index: dict[int, SentenceAnalysis], first: int, lead: list[SentenceAnalysis]):
    """The sentences before the clause's in its paragraph, nearest first (from `first`, the block's first
    sentence: never past it), then the title and lead (`lead`, in order)."""
    s = f.sentence
    for i in range(s.index - 1, first - 1, -1):
        a = by_index.get(i)
        if a is None:
            continue
        if a.sentence.part == "text" and s.part == "text" and a.sentence.paragraph != s.paragraph:
            break
        yield a
    for a in lead:
        if a.sentence.index != s.index:
            yield a


def _first_index(by_index: dict[int, SentenceAnalysis]) -> int:
    return min(by_index, default=0)


def _lead(by_index: dict[int, SentenceAnalysis]) -> list[SentenceAnalysis]:
    """The title and the first three sentences, in order."""
    return sorted((a for i, a in by_index.items() if i <= 2 or a.sentence.part == "title"),
                  key=lambda a: a.sentence.index)


# words that may stand between attackers named together: "قوات النظام وحليفتها روسيا", "Syrian and Russian"
_ALLIES = frozenset(normalise(w) for w in (  # compared with tokens' normalised forms, so written the same way
    "و", "and", ",", "،", "حليفتها", "وحليفتها", "حليفها", "وحليفها", "حلفاؤها", "وحلفاؤها", "حلفائها", "وحلفائها",
    "its", "ally", "allies", "their", "the"))


def split_attackers(d: Draft) -> list[Draft]:
    """The forces of two states named together as attackers ("غارات جوية سورية وروسية", "قوات النظام وحليفتها
    روسيا", "Syrian and Russian warplanes") are one event each, as ACLED codes them, the toll divided between
    them; unless the text says they acted as one force (مشتركة, joint): then one event, the second an
    associated actor. A state's forces named with militias or rebels they lead stay one event."""
    joined: list[ActorRole] = []
    for f in d.frames:
        if f.analysis.cues("joint"):
            return [d]
        named = sorted((r for r in f.actors if r.role in ("agent", "mentioned")), key=lambda r: r.match.first)
        tokens = f.sentence.tokens
        for a, b in zip(named, named[1:], strict=False):
            between = tokens[a.match.last + 1 : b.match.first]
            if "agent" not in (a.role, b.role) or not (_state_forces(a.actor) and _state_forces(b.actor)) \
                    or a.actor == b.actor or not all(t.norm in _ALLIES for t in between):
                continue  # a state's forces and its militias fight as one side: one event, an associated actor
            if between or tokens[b.match.first].norm.startswith("و") or a.match.value.get("form") == "adj" == \
                    b.match.value.get("form"):  # "Syrian Russian air strikes": two nisbas, the comma lost
                joined.extend(x for x in (a, b) if x.actor not in {j.actor for j in joined})
    if len(joined) < 2:
        return [d]
    return [replace(d, frames=list(d.frames), shares=[*d.shares, (i, len(joined))], attacker=r,
                    flags=set(d.flags) | {"attackers_named_together"}) for i, r in enumerate(joined)]


def _state_forces(actor: str) -> bool:
    return actor.startswith("Military Forces of ")


def share(value: int | None, shares: list[tuple[int, int]]) -> int | None:
    """A toll given for n places (or attackers) together, divided evenly, the remainder to the last (ACLED)."""
    for i, n in shares:
        if value is None:
            return None
        base = value // n
        value = value - base * (n - 1) if i == n - 1 else base
    return value


def tolls(d: Draft) -> tuple[int | None, int | None, int | None, list[str]]:
    """(fatalities, fatalities_max, injured, flags): within a clause, tolls of different groups add up;
    across accounts the lowest is kept and the highest becomes the maximum; an update ("the toll rose to 40")
    replaces the accounts before it, and an earlier account ("initially said five") yields to any other."""
    flags: list[str] = []
    fatal_accounts: list[tuple[int, int]] = []
    vague_accounts: list[tuple[int, int]] = []
    update_accounts: list[tuple[int, int]] = []  # "the toll rose to 40": replaces the figures before it
    earlier_accounts: list[tuple[int, int]] = []  # "initially said five": yields to any other account
    injured_accounts: list[int] = []
    for f in d.frames:
        # (a campaign's running total, "the toll of the offensive rose to 162", is no account of this event)
        fs = [s for s in f.statements if s.kind == "fatalities" and s.account != "running"]
        if fs:
            low = _sum_groups(fs)
            high = _sum_groups(fs, use_max=True)
            if low is not None:
                vague = all(s.quantity is not None and s.quantity.vague for s in fs if s.value is not None)
                account = next((s.account for s in fs if s.account), "")
                (update_accounts if account == "update" else earlier_accounts if account == "earlier"
                 else vague_accounts if vague else fatal_accounts).append((low, high if high is not None else low))
        inj = [s for s in f.statements if s.kind == "injured"]
        if inj:
            v = _sum_groups(inj)
            if v is not None:
                injured_accounts.append(v)
        for s in f.statements:
            flags.extend(s.flags)
            if s.approximate or s.qualifier in ("about", "up_to") or (s.quantity is not None and s.quantity.vague):
                flags.append("approximate_fatalities" if s.kind == "fatalities" else f"approximate_{s.kind}")
            if s.kind == "casualties":
                flags.append("killed_and_injured_lumped")
    # "عشرات القتلى" beside "48 قتيلا": the number says more than the convention for "tens" (10)
    fatal_accounts = fatal_accounts or vague_accounts or earlier_accounts
    if update_accounts:
        fatalities = max(a for a, _ in update_accounts)
        highest = max(b for _, b in update_accounts + fatal_accounts)
    else:
        fatalities = min(a for a, _ in fatal_accounts) if fatal_accounts else None
        highest = max(b for _, b in fatal_accounts) if fatal_accounts else None
    fatalities_max = highest if highest is not None and fatalities is not None and highest > fatalities else None
    injured = min(injured_accounts) if injured_accounts else None
    if fatalities is None and any(s.kind in EVENT_KINDS for s in d.statements("fatalities")):
        flags.append("toll_without_number")
    return fatalities, fatalities_max, injured, sorted(set(flags))


def _sum_groups(statements: list[Statement], use_max: bool = False) -> int | None:
    values = [(s.value_max if use_max and s.value_max else s.value) for s in statements if s.value is not None]
    if not values:
        return None
    groups = [s.group for s in statements if s.value is not None]
    # "16 dead … Sixteen civilians were killed" (a headline glued to its lead): a count with no group beside the
    # same count of a group is one count told twice
    named = {v for v, g in zip(values, groups, strict=True) if g not in (None, "people")}
    if len(values) > 1 and named and all(v in named for v, g in zip(values, groups, strict=True)
                                         if g in (None, "people")):
        kept = [(v, g) for v, g in zip(values, groups, strict=True) if g not in (None, "people")]
        values, groups = [v for v, _ in kept], [g for _, g in kept]
    if len(set(groups)) == len(groups) and len(values) > 1:
        return sum(values)  # "5 مدنيين و3 عناصر": different victims in one account
    return min(values) if not use_max else max(values)
