"""Event frames: a trigger with its arguments (who, whom, where, when, how many) in one clause.

A sentence is cut into segments at clause boundaries (";", فيما، بينما، while …), and a segment with two
attacks on two places is cut again between them. Each segment with an event trigger that is not
negated, threatened, denied, planned or conditional becomes a frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.code.acled import CIVILIAN_GROUPS
from marsad.data import TriggerClass, forces_of, trigger_classes, weapon_classes
from marsad.extraction.casualties import CAMPAIGN_WORDS, Statement, find_statements
from marsad.extraction.figures import short_span
from marsad.lang import about
from marsad.recognise.analysis import PlaceMention, SentenceAnalysis
from marsad.recognise.dates import DateMention
from marsad.recognise.lexicon import GAP_TOKENS
from marsad.recognise.matcher import Match

# Cues that stop a trigger from being an event when they come before it in its clause.
BLOCKING = ("denial", "threat", "plan", "condition", "call", "hedge")
# cues that block only the word they govern: "هجوما حادا" / "a scathing attack" (verbal: right beside the noun),
# "مخاوف من اشتباكات" / "fears of clashes", "اقترحت على واشنطن إخراج" / "proposed the withdrawal of" (at most
# NEAR_GAP words between, no "and" and no comma), so "fears grow as the shelling goes on" and "rejected the proposal
# and clashed" stay events
NEAR_BLOCKING = ("verbal", "fear", "proposal")
NEAR_GAP = 3
BLOCK_WINDOW = 8  # tokens between such a cue and the trigger
NEGATION_WINDOW = 2  # "لم يقصف", "did not attack": the negation is right before the trigger
_HARD_BOUNDARIES = {";", "؛"}
_ROLE_ORDER = ("agent", "patient", "mentioned")
EVENT_KINDS = ("fatalities", "injured", "casualties")
# Classes that say little about the means: a weapon in the clause names it (قصف + طائرات → air strike).
_VAGUE_CLASSES = frozenset({"shelling", "attack", "explosion", "kill", "injure", "offensive", "shooting", "clash"})


@dataclass(slots=True)
class ActorRole:
    actor: str
    role: str  # agent, patient, mentioned
    match: Match
    reason: str
    trigger: Match | None = None  # the trigger whose agent or patient it is, when word order decided


@dataclass(slots=True)
class Frame:
    """One clause's account of one event (before merging with other accounts of it)."""

    analysis: SentenceAnalysis
    first: int
    last: int
    triggers: list[Match]
    cls: TriggerClass
    statements: list[Statement]
    actors: list[ActorRole]
    places: list[PlaceMention]
    dates: list[DateMention]
    weapons: list[str]
    flags: set[str] = field(default_factory=set)
    background: bool = False
    answered_from: int | None = None  # where the earlier event a response cue introduces begins (answered_from)

    @property
    def sentence(self):
        return self.analysis.sentence

    @property
    def outcome_only(self) -> bool:
        return self.cls.role == "outcome"


def segments(a: SentenceAnalysis) -> list[tuple[int, int]]:
    """Token ranges of a sentence's clauses."""
    tokens = a.sentence.tokens
    cuts = {m.first for m in a.of("boundary") if m.first > 0}
    cuts |= {i + 1 for i, t in enumerate(tokens) if t.text in _HARD_BOUNDARIES and i + 1 < len(tokens)}
    out = []
    start = 0
    for c in sorted(cuts):
        if c > start:
            out.append((start, c - 1))
            start = c
    out.append((start, len(tokens) - 1))
    return out


def answered_from(a: SentenceAnalysis, lo: int, hi: int, triggers: list[Match]) -> int | None:
    """Where the event a clause answers begins: a response cue in [lo, hi] ("اعتقلت الشرطة 19 شخصا على خلفية
    اشتباكات", "struck X in retaliation for an attack on Y") after an act of the clause's own. What follows it is
    the earlier event (its trigger, place, "no casualties"). None when there is no such cue, or when only a toll
    precedes it ("قتل ثلاثة مدنيين في أعقاب غارة": the outcome of what follows, one event)."""
    cues = [c.first for c in a.cues("response") if lo <= c.first <= hi]
    if not cues:
        return None
    cut = min(cues)
    classes = trigger_classes()
    acts = any(t.last < cut and classes[t.value["class"]].role != "outcome" for t in triggers)
    return cut if acts else None


def _told_on_its_own(a: SentenceAnalysis, kept: list[Match], cut: int, hi: int) -> bool:
    """The event a response cue introduces has a trigger of its own (not a vague "attack") and its own day or
    place after the cue."""
    classes = trigger_classes()
    own = [t for t in kept if t.first > cut and classes[t.value["class"]].role in ("attack", "battle", "vac")
           and t.value["class"] not in UNNAMED_KINDS]
    return bool(own) and (any(cut < d.first <= hi and d.kind == "point" for d in a.dates)
                          or any(cut < p.first <= hi for p in a.places))


# classes whose words name no kind of violence ("الهجوم", "the attack", "the explosion", "killed"): such an account
# is the same event as a specific one nearby (events.merge), and no event of its own after a response cue
UNNAMED_KINDS = frozenset({"attack", "explosion", "kill", "injure", "offensive", "shooting"})


def _blocked(a: SentenceAnalysis, trigger: Match, seg: tuple[int, int]) -> str | None:
    """The cue that makes this trigger a non-event (a threat, a denial, a plan …), if any."""
    tokens = a.sentence.tokens
    for cue in a.of("cue"):
        name = cue.value["cue"]
        if name == "verbal":
            if cue.first == trigger.last + 1 or cue.last == trigger.first - 1:
                return name
            continue
        if name in NEAR_BLOCKING:
            gap = range(cue.last + 1, trigger.first)
            if cue.last < trigger.first and len(gap) <= NEAR_GAP \
                    and not any(tokens[k].norm in ("and", "و") or tokens[k].text in ",،." for k in gap) \
                    and not any(n.last == cue.first - 1 for n in a.cues("negation")):  # "لا يخشى", "no fears of"
                return name
            continue
        if name in BLOCKING and cue.value.get("scope") != "before" and 0 <= cue.first - trigger.last - 1 <= 2:
            return name  # "تظاهرات محتملة", "a possible attack" (the hedge follows the noun in Arabic)
        if cue.first < seg[0] or cue.last >= trigger.first:
            continue
        if name == "negation" and trigger.first - cue.last - 1 <= NEGATION_WINDOW:
            return name
        if name in BLOCKING and trigger.first - cue.last - 1 <= BLOCK_WINDOW:
            if cue.value.get("scope") == "after":
                continue
            return name
    return None


def _refine(cls: TriggerClass, weapons: list[str]) -> TriggerClass:
    """A vague trigger made specific by the weapon named with it (قصف + طائرات → air strike)."""
    classes = trigger_classes()
    best = cls
    for w in weapons:
        implied = classes.get(weapon_classes().get(w, ""))
        if implied is None:
            continue
        vague = cls.name in _VAGUE_CLASSES and implied.role in ("attack", "battle") and implied.rank > best.rank
        # "the Syrian Air Force destroyed command centres …": what aircraft destroy, they destroy by air strikes
        vague = vague or (cls.name == "destruction" and implied.name in ("air_strike", "drone_strike"))
        if vague or (cls.name == "shelling" and implied.name in ("air_strike", "drone_strike", "missile_strike")):
            best = implied
    return best


def build_frames(a: SentenceAnalysis) -> list[Frame]:
    """The frames of one sentence."""
    if a.statements is None:
        a.statements = find_statements(a)
    statements = a.statements
    if not a.of("trigger"):
        return []
    classes = trigger_classes()
    frames: list[Frame] = []
    todo = _split_on_places(a, segments(a))
    while todo:
        seg = todo.pop(0)
        lo, hi = seg
        triggers = [t for t in a.of("trigger") if lo <= t.first <= hi]
        kept: list[Match] = []
        spoken: list[Match] = []  # attack nouns a verbal adjective makes speech ("هجوما حادا")
        for t in triggers:
            why = _blocked(a, t, seg)
            if why is None:
                kept.append(t)
            elif why == "verbal":
                spoken.append(t)
        if spoken:
            # "شن نتنياهو هجوما حادا على إيران": the verb whose object is a verbal attack is no attack either
            kept = [t for t in kept if not (("…" in t.value["phrase"] or t.value.get("strength") == "weak") and any(
                0 < v.first - t.last <= GAP_TOKENS for v in spoken))]
        seg_statements = [s for s in statements if lo <= s.first <= hi]
        # the event a response cue introduces does not outrank the clause's main verb (answered_from)
        cut = answered_from(a, lo, hi, kept)
        own_until = hi  # the clause's own day and toll end where an earlier event told on its own begins
        if cut is not None:
            if _told_on_its_own(a, kept, cut, hi):
                # "ردا على هجوم كيميائي في دوما السبت الماضي": the earlier event, with its own day or place, is
                # an event of its own; the answer keeps its place (the answered event's only when it names none
                # before the cue: "arrested 19 people in the wake of clashes in Suruc")
                todo.insert(0, (cut, hi))
                own_until = cut - 1
                seg_statements = [s for s in seg_statements if s.first < cut]
            kept = [t for t in kept if t.last < cut]
        if not kept:
            continue
        weapons = [m.value["weapon"] for m in a.of("weapon") if lo <= m.first <= hi and not _held(a, m)
                   and not _destroyed(a, m, kept)]
        main = max((classes[t.value["class"]] for t in kept), key=lambda c: c.rank)
        # Strength is the written trigger's, before a weapon refines the class ("warplanes shelled" is an
        # air strike, as strongly worded as "shelled").
        strong = any(t.value.get("strength", "strong") != "weak" for t in kept
                     if classes[t.value["class"]].rank >= main.rank or t.value["class"] == main.name)
        main = _refine(main, weapons)
        places = [p for p in a.places if lo <= p.first <= hi]
        actors = [m for m in a.of("actor") if lo <= m.first <= hi] + _countries_as_actors(places)
        dates = [d for d in a.dates if lo <= d.first <= own_until and not campaign_start(a, d)]
        has_toll = any(s.kind in EVENT_KINDS for s in seg_statements)
        if main.role == "outcome" and not has_toll:
            continue  # "killed" with no number and nothing else: not enough for an event
        if any(lo <= c.first <= hi for c in a.cues("non_violent")) and (
                main.role == "outcome" or (not (weapons or actors) and _natural_agent(a, kept))):
            continue  # "مصابة بالسرطان", "drowned": an illness or an accident, not violence; nor is what a storm
            # "hits" ("ضربت عواصف رعدية أنحاء الولاية") when no weapon or armed actor is named
        why = reported(a, kept, strong, has_toll, places, actors, weapons, dates)
        if why is None:
            continue
        if main.role == "disrupt":
            disrupted = _disrupted_weapons(a, kept)
            if not _weapon_object(a, kept) or _dropping(a, disrupted):
                continue  # "أسقطت المسودة التنديد": dropping a clause is not shooting down a drone; nor is an
                # aircraft dropping bombs ("إسقاط الطيران الحربي قنابل فوسفورية")
            if main.name == "intercept" and any(_manned(a, w) for w in disrupted):
                main = classes["shootdown"]  # a jet or a helicopter shot down is a fight with its crew's force
        frame = Frame(a, lo, hi, kept, main, seg_statements, assign_roles(a, kept, actors, seg_statements, seg),
                      places, dates, weapons, answered_from=cut)
        if not strong:
            frame.flags.add("weak_trigger")
        frames.append(frame)
    return frames


CAMPAIGN_START_WINDOW = 8  # "… عملية غصن الزيتون التي بدأتها تركيا في يناير": relative cue to the date
CAMPAIGN_NOUN_WINDOW = 5  # "عملية "غصن الزيتون" التي": the campaign's noun before the relative cue
_STARTS = ("بدا", "انطلق", "اطلق", "began", "begun", "started", "launched")


def campaign_start(a: SentenceAnalysis, d: DateMention) -> bool:
    """A date in a relative clause that tells when an operation or campaign began ("… in the framework of the
    Olive Branch operation, which Turkey began in January"): its start, not the day of an event of it. ("The
    fighting that began on Thursday" is the event's own day.)"""
    tokens = a.sentence.tokens
    return any(0 < d.first - r.last <= CAMPAIGN_START_WINDOW
               and any(t.norm.startswith(_STARTS) for t in tokens[r.last + 1 : d.first])
               and any(t.norm in CAMPAIGN_WORDS for t in tokens[max(0, r.first - CAMPAIGN_NOUN_WINDOW) : r.first])
               for r in a.cues("relative"))


HOLDER_WINDOW = 3  # words between a chemical weapon and what holds or makes it (cue "holder")


def _destroyed(a: SentenceAnalysis, w: Match, triggers: list[Match]) -> bool:
    """An aircraft named after "destroyed" is what was destroyed ("دمر طائرة دون طيار", "destroyed four
    helicopters"), not what destroyed it (unless "by" says so)."""
    tokens = a.sentence.tokens
    return any(t.value["class"] == "destruction" and t.last < w.first and not (
        tokens[w.first].norm.startswith("ب") or tokens[w.first - 1].norm in ("by", "بواسطة")) for t in triggers)


def _held(a: SentenceAnalysis, w: Match) -> bool:
    """A chemical weapon named as what a struck site held or made (the target), not as the means."""
    if w.value["weapon"] != "chemical":
        return False
    tokens = a.sentence.tokens
    if (w.key_rank > 0 and tokens[w.first].norm.startswith("ب")) or (
            w.first > 0 and tokens[w.first - 1].norm in ("with", "using", "by")):
        return False  # "بالأسلحة الكيميائية", "with chemical weapons": the means
    return any(0 <= w.first - c.last - 1 < HOLDER_WINDOW or 0 <= c.first - w.last - 1 < 2 for c in a.cues("holder"))


def _natural_agent(a: SentenceAnalysis, triggers: list[Match]) -> bool:
    """The weather is the subject of the trigger: right after the verb ("ضربت عواصف") or right before it
    ("thunderstorms hit")."""
    return any(c.first == t.last + 1 or c.last == t.first - 1 for c in a.cues("non_violent") for t in triggers)


# Aircraft with a crew: shooting one down is Battles / Armed clash (ACLED), not Disrupted weapons use.
MANNED_AIRCRAFT = frozenset({"warplane", "helicopter"})
DISRUPTED_GAP = 8  # tokens between an interception verb and what it intercepted


def _manned(a: SentenceAnalysis, w: Match) -> bool:
    """A jet or a helicopter; or an aircraft of no stated kind ("إسقاط طائرة سورية من طراز سوخوي", "shot down a
    Syrian plane") when the sentence names no drone."""
    kind = w.value["weapon"]
    if kind in MANNED_AIRCRAFT:
        return True
    tokens = a.sentence.tokens
    near = tokens[max(0, w.first - 2) : w.first] + tokens[w.last + 1 : w.last + 3]
    around = {t.norm.removeprefix("ال") for t in near}
    return kind == "aircraft" and not around & _SURVEILLANCE and not any(
        x.value["weapon"] in UNMANNED for x in a.of("weapon"))


UNMANNED = frozenset({"drone", "missile", "rocket"})
# "طائرة استطلاع", "reconnaissance aircraft": mostly drones, so not counted as a manned aircraft
_SURVEILLANCE = frozenset({"استطلاع", "تجسس", "مراقبه", "reconnaissance", "surveillance", "spy"})


def _disrupted_weapons(a: SentenceAnalysis, triggers: list[Match]) -> list[Match]:
    """What an interception or a defusal acts on: the weapon right after its verb or inside its phrase
    (أسقطت مروحية تركية، اعترضت الدفاعات صواريخ إسرائيلية، shot down a Syrian jet); not the interceptor."""
    out: list[Match] = []
    weapons = sorted((w for w in a.of("weapon") if w.value["weapon"] != "air_defence"), key=lambda w: w.first)
    for t in triggers:
        if t.value["class"] not in ("intercept", "defuse"):
            continue
        # the first weapon inside the phrase or after the verb (its subject may stand between: أسقطت وحدات
        # الدفاع الجوي يوم السبت صواريخ إسرائيلية)
        w = next((w for w in weapons if t.first < w.first <= t.last + 1 + DISRUPTED_GAP), None)
        if w is not None:
            out.append(w)
    return out


_MUNITIONS = frozenset({"air_bomb", "barrel_bomb", "cluster_munition", "incendiary", "chemical", "missile", "rocket"})


def _dropping(a: SentenceAnalysis, disrupted: list[Match]) -> bool:
    """The aircraft after إسقاط/أسقط is followed by what it drops (bombs, or leaflets: cue "dropped"): it drops
    them, nothing is shot down ("أسقطت مروحيات عسكرية سورية منشورات")."""
    for w in disrupted:
        if w.value["weapon"] in ("aircraft", "warplane", "helicopter") and (any(
                x.value["weapon"] in _MUNITIONS and w.last < x.first <= w.last + 3 for x in a.of("weapon"))
                or any(w.last < c.first <= w.last + 4 for c in a.cues("dropped"))):
            return True
    return False


def _weapon_object(a: SentenceAnalysis, triggers: list[Match]) -> bool:
    """An interception needs what was intercepted right after the verb (أسقط طائرة مسيرة, downed a drone)."""
    weapons = [w.first for w in a.of("weapon")]
    return any(t.value["class"] in ("intercept", "defuse") and (
        any(0 <= w - t.last - 1 <= 3 for w in weapons) or t.last > t.first) for t in triggers)


def reported(a: SentenceAnalysis, triggers: list[Match], strong: bool, has_toll: bool, places: list,
             actors: list[Match], weapons: list[str], dates: list[DateMention]) -> str | None:
    """Why this clause reports an event that happened (None: it only mentions or discusses one).

    News names past events in passing ("the chemical attack", "the agreement") far more often than it
    reports new ones; a report has a toll, a finite verb, or a date and a place of its own.
    """
    # "الغوطة التي سيطر عليها الجيش مؤخرا": a verb in a relative clause describes a place or a person; it is
    # a report only with a toll or a day of its own
    relative = {c.last for c in a.cues("relative")}
    verbs = [t for t in triggers if t.value.get("form") in ("active", "passive")
             and not (t.first - 1 in relative or t.first - 2 in relative)]
    # a day, or a span of a day or two ("منذ صباح اليوم", "since Monday morning")
    explicit_date = any((d.kind == "point" and d.start is not None) or short_span(d) for d in dates)
    named_place = bool(places) or any(triggers[0].first - 12 <= u[0] <= triggers[-1].last + 12 for u in a.unresolved)
    if has_toll:
        return "toll"
    if verbs and strong and (named_place or actors or weapons or explicit_date):
        return "verb"  # "شن هجوما بسيارة مفخخة", "قصفت الطائرات"
    if verbs and named_place and (actors or weapons or explicit_date):
        return "weak verb with place and actor"
    if strong and named_place and (explicit_date or a.sentence.part == "title"):
        return "title or dated noun with place"
    if strong and named_place and len({m.value["actor"] for m in actors}) >= 2:
        return "noun with place and both sides (اشتباكات بين X وY قرب Z)"
    return None


def _countries_as_actors(places: list[PlaceMention]) -> list[Match]:
    """A country named without a preposition of place ("شنت روسيا غارات", "Turkey shelled") stands for its
    forces: it becomes an actor candidate (the role rules decide whether it is the agent)."""
    out = []
    for p in places:
        if not p.candidates or p.candidates[0].kind != "country":
            continue
        if (p.evidence in ("preposition", "kind word") and not p.qualifier) or p.dateline or p.speaker:
            continue  # ("دبي، الإمارات العربية المتحدة (CNN) --": where the report was filed)
        name = forces_of().get(p.candidates[0].country)
        if name is not None:
            out.append(Match("actor", p.first, p.last, {"actor": name, "form": "name"}, p.key_rank))
    return out


def _split_on_places(a: SentenceAnalysis, segs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Cut a segment between two attack triggers when each has a different place ("غارة على دوما وقصف
    على حرستا") or a different date of its own after it."""
    classes = trigger_classes()
    out: list[tuple[int, int]] = []
    for lo, hi in segs:
        attacks = sorted((t for t in a.of("trigger") if lo <= t.first <= hi
                          and classes[t.value["class"]].role != "outcome"), key=lambda t: t.first)
        cut_at = lo
        # places, and names of places the gazetteer lacks ("على بلدة الطيبة"), each with what tells it apart
        named = sorted([(p.first, tuple(c.id for c in p.candidates)) for p in a.places]
                       + [(u[1], (u[2],)) for u in a.unresolved])
        for prev, nxt in zip(attacks, attacks[1:], strict=False):
            between = [key for first, key in named if prev.last < first < nxt.first]
            after = [key for first, key in named if nxt.last < first <= min(hi, nxt.last + 6)]
            before = a.sentence.tokens[nxt.first - 1] if nxt.first > lo else None
            new_clause = a.sentence.tokens[nxt.first].norm.startswith("و") or (
                before is not None and (before.text in (",", "،") or before.norm in ("و", "and")))
            dates_between = [d for d in a.dates if prev.last < d.first < nxt.first and d.start is not None]
            dates_after = [d for d in a.dates if nxt.last < d.first <= min(hi, nxt.last + 10) and d.start is not None]
            two_places = new_clause and between and after and between[-1] != after[0]
            # "شنت الدول الثلاث ضربات السبت ردا على هجوم كيميائي في السابع من نيسان": two days, two events
            two_days = dates_between and dates_after and dates_between[-1].start != dates_after[0].start
            if two_places or two_days:
                out.append((cut_at, nxt.first - 1))
                cut_at = nxt.first
        out.append((cut_at, hi))
    return out


def _between(a: SentenceAnalysis, actors: list[Match], seg: tuple[int, int]) -> dict[int, str]:
    """"اشتباكات بين قوات النظام وفصائل المعارضة": the first side is actor1, the second actor2."""
    out: dict[int, str] = {}
    ordered = sorted(actors, key=lambda m: m.first)
    for c in a.cues("between"):
        if not seg[0] <= c.first <= seg[1]:
            continue
        first = next((m for m in ordered if 0 <= m.first - c.last - 1 <= 2), None)
        if first is None:
            continue
        others = [m for m in ordered if m.value["actor"] != first.value["actor"] and m.first > first.last]
        second = next((m for m in others if m.first - first.last - 1 <= 3), None)
        if second is None:  # "بين عناصر من الجبهة الوطنية المدعومة من تركيا، وعناصر من هيئة تحرير الشام"
            second = next((m for m in others if m.first - first.last - 1 <= 10 and _after_and(a, first.last, m.first)),
                          None)
        out[first.first] = "agent"
        if second is not None:
            out[second.first] = "patient"
    return out


def _after_and(a: SentenceAnalysis, after: int, k: int) -> bool:
    """Is there an "و"/"and" between token `after` and token `k` (the second side of "between")?"""
    return any(t.norm in ("و", "and") or (t.norm.startswith("و") and t.keys[-1] != t.norm)
               for t in a.sentence.tokens[after + 1 : k + 1])


ACCUSED = "accused of it by another party"
ACCUSATION_WINDOW = 40  # the accusers may be a long list ("اتهم كل من جيش الإسلام، ومنظمة الخوذ البيضاء، …")
ACCUSED_GAP = 3  # "قوات النظام السوري بشن هجوم": the accused stands right before the attack


def _accused(a: SentenceAnalysis, triggers: list[Match], actors: list[Match],
             seg: tuple[int, int]) -> tuple[int | None, set[int]]:
    """"اتهم الائتلاف قوات النظام بشن هجوم", "the opposition accused regime forces of shelling": after an
    accusation, the actor right before the attack is the accused (its first token); those before it accuse."""
    first = min(t.first for t in triggers)
    cues = [c for c in a.cues("accusation") if seg[0] <= c.first and c.last < first <= c.last + ACCUSATION_WINDOW]
    if not cues:
        return None, set()
    cue = max(cues, key=lambda c: c.first)
    between = sorted((m for m in actors if cue.last < m.first and m.last < first), key=lambda m: m.first)
    if not between or first - between[-1].last - 1 > ACCUSED_GAP:
        return None, set()
    return between[-1].first, {m.first for m in between[:-1]}


def assign_roles(a: SentenceAnalysis, triggers: list[Match], actors: list[Match], statements: list[Statement],
                 seg: tuple[int, int]) -> list[ActorRole]:
    """Who did it (agent) and to whom (patient), from word order and the cues around each actor."""
    weapons = [w for w in a.of("weapon") if seg[0] <= w.first <= seg[1]]
    targets = [c for c in a.cues("target") if seg[0] <= c.first <= seg[1]]
    agents = [c for c in a.cues("agent") if seg[0] <= c.first <= seg[1]]
    victims = {s.victim_actor for s in statements if s.victim_actor}
    sponsors = a.cues("sponsor")
    backers = {m.first for m in actors if any(
        (c.value.get("scope") != "after" and 0 <= m.first - c.last - 1 <= 1)
        or (c.value.get("scope") == "after" and c.first == m.last + 1) for c in sponsors)}
    sides = _between(a, [m for m in actors if m.first not in backers], seg)
    accused, accusers = _accused(a, triggers, [m for m in actors if m.first not in backers], seg)
    claim_words = {k for c in a.cues("claim", "accusation") for k in range(c.first, c.last + 1)}
    roles: list[ActorRole] = []
    grammar = about(a.lang)
    verb_first = grammar.get("subject_position") == "after_verb"
    adjective_after = grammar.get("adjective_position") == "after_noun"
    attack_words = {k for kind in ("trigger", "weapon") for x in a.of(kind) for k in range(x.first, x.last + 1)}
    relatives = {c.first for c in a.cues("relative")}
    adjective_agents: dict[int, int] = {}  # last token of a nisba that named an attacker → its noun
    victim_words = {k for x in a.of("casualty") for k in range(x.first, x.last + 1)}
    # "مدنيين سوريين": a nationality of civilians names no armed side
    civilian_words = {k for x in a.of("casualty") if x.value.get("group") in CIVILIAN_GROUPS - {"people"}
                      for k in range(x.first, x.last + 1)}
    descriptors = {k for x in a.cues("descriptor") for k in range(x.first, x.last + 1)}
    # "أسقطت الدفاعات مقاتلة إسرائيلية": the nisba of what was shot down names its owner, the side hit
    disrupted = {k for w in _disrupted_weapons(a, triggers) for k in range(w.first, w.last + 1)}
    tokens = a.sentence.tokens
    actor_at = {m.first: m for m in actors}
    # "by the Russian and regime forces": a nisba joined to a name shares the name's noun, and its role
    shared_noun = {} if adjective_after else {
        m.last + 2: m for m in actors if m.value.get("form") == "adj" and m.last + 2 in actor_at
        and tokens[m.last + 1].norm in ("and", ",") and actor_at[m.last + 2].value.get("form") == "name"}
    for m in actors:
        actor = m.value["actor"]
        form = m.value.get("form", "name")
        role, reason = "mentioned", "in the clause"
        tied: Match | None = None
        if m.first in backers:
            roles.append(ActorRole(actor, "sponsor", m, "backs a group named nearby"))
            continue
        if form == "adj":
            # A nisba qualifies the noun next to it: غارات روسية (the attacker), جنود روس (the victims);
            # "شخصيات لبنانية" (Lebanese figures) names no armed actor at all.
            head = m.first - 1 if adjective_after else m.last + 1
            while adjective_after and head in descriptors and head - 1 >= 0:
                head -= 1  # "غارات جوية روسية": the attacker's nisba after the attack's own adjectives
            if not adjective_after and head < len(tokens) and tokens[head].norm in ("and", ",") \
                    and head + 1 in actor_at:  # "Syrian and Russian warplanes": both qualify the warplanes
                nxt = actor_at[head + 1]
                head = nxt.last if nxt.last in attack_words else nxt.last + 1
            elif not adjective_after and head in actor_at and actor_at[head].value.get("form") == "adj":
                head = actor_at[head].last + 1  # "Syrian Russian air strikes": a comma lost between two nisbas
            if head in adjective_agents and (a.sentence.tokens[m.first].norm.startswith("و")
                                             or a.sentence.tokens[head].norm in ("و", "and")):
                head = adjective_agents[head]  # "غارات روسية وسورية": the second nisba shares the first's noun
            if head in disrupted:
                roles.append(ActorRole(actor, "patient", m, "owns what was intercepted or shot down"))
            elif head in attack_words:
                adjective_agents[m.last] = head
                roles.append(ActorRole(actor, "agent", m, "qualifies the attack or weapon"))
            elif head in victim_words and head not in civilian_words:
                roles.append(ActorRole(actor, "patient", m, "qualifies the victims"))
            continue
        if m.first == accused:
            role, reason = "agent", ACCUSED
        elif m.first in accusers:
            role, reason = "mentioned", "accuses another of the attack"
        elif m.first in sides:
            role, reason = sides[m.first], "one of the two sides after 'between'"
        elif any(0 <= (shared_noun[m.first].first if m.first in shared_noun else m.first) - c.last - 1 <= 2
                 and c.first - 1 not in claim_words for c in agents):
            role, reason = "agent", "after an agent cue"
        elif any(0 <= m.first - c.last - 1 <= 2 for c in agents):
            role, reason = "mentioned", "makes the claims (ادعاءات من قبل جيش الإسلام)"
        elif any(m.first <= w.first and w.last <= m.last for w in weapons) \
                and not any(k in disrupted for k in range(m.first, m.last + 1)):
            role, reason = "agent", "names the weapon it fires (استهدفت الطائرات الحربية السورية …)"
        elif any(0 <= m.first - c.last - 1 <= 2 for c in targets):
            role, reason = "patient", "after a target cue"
        elif actor in victims:
            role, reason = "patient", "the victims' side"
        elif any((m.first - w.last - 1 == 0) if adjective_after else (w.first - m.last - 1 == 0) for w in weapons):
            role, reason = "agent", "owns the weapon (طائرات التحالف، coalition warplanes)"
        else:
            for t in triggers:
                form_t = t.value.get("form", "noun")
                if m.first < t.first <= m.last < t.last:  # "Russian warplanes struck": the name runs into the attack
                    role, reason = "agent", "its name runs into the attack's words"
                    tied = t
                    break
                after = 0 if t.first < m.first <= t.last else m.first - t.last - 1  # "سيطرت [القوات] التركية"
                before = t.first - m.last - 1
                if form_t in ("noun", "adj") and (after == 0 or (after == 1 and t.last + 1 not in relatives)) and (
                        adjective_after or m.value.get("form") == "name"):
                    role, reason = "agent", "qualifies the attack (غارات روسية، قصف النظام، shelling by)"
                elif form_t in ("noun", "adj") and 0 <= before <= 1 and not adjective_after:
                    role, reason = "agent", "qualifies the attack (Russian airstrikes)"
                elif form_t == "active" and verb_first and 0 <= after <= 2:
                    role, reason = "agent", "subject after the verb"
                elif form_t == "active" and verb_first and 0 <= before <= 3:
                    role, reason = "agent", "subject before the verb (القوات الحكومية سيطرت)"
                elif form_t == "active" and not verb_first and 0 <= before <= 4:
                    role, reason = "agent", "subject before the verb"
                elif form_t == "active" and 0 <= after <= 3:
                    role, reason = "patient", "object of the verb"
                elif form_t == "passive" and verb_first and 0 <= after <= 3:
                    role, reason = "patient", "governed by a passive verb (قتل 5 عناصر من قوات النظام)"
                elif form_t == "passive" and not verb_first and 0 <= before <= 4:
                    role, reason = "patient", "subject of a passive verb (regime troops were killed)"
                else:
                    continue
                tied = t
                break
        if form == "person" and role == "agent":
            role = "mentioned"  # a leader named in the clause is rarely the one who fired
        roles.append(ActorRole(actor, role, m, reason, tied))
        if m.first in shared_noun and role in ("agent", "patient"):
            adj = shared_noun[m.first]
            roles.append(ActorRole(adj.value["actor"], role, adj, "shares the noun of the name it is joined to", tied))
    return roles
