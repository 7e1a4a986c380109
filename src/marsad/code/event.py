"""Coding one event: a draft (its frames, place and date) becomes an Event in ACLED's terms — actors and who
acted, type, place, date, tolls, flags, sources, the evidence sentences and the confidence. The pipeline calls
`code_event` for each draft; nothing here walks the article."""

from __future__ import annotations

import hashlib
from datetime import date

from marsad.code.acled import (
    CIVILIAN_GROUPS,
    STATE_FORCE_PREFIXES,
    actor_record,
    country_iso,
    disorder_type,
    generic,
    inter_code,
    local_crowd,
    localise,
    notes,
    refine,
)
from marsad.data import forces_of
from marsad.extraction.events import Draft, share, tolls
from marsad.extraction.frames import ACCUSED, ActorRole, Frame
from marsad.learn import decider as learned
from marsad.model import Event, Evidence
from marsad.recognise.analysis import SentenceAnalysis
from marsad.resolve.places import PlaceContext


def event_id(doc_id: str, e: Event) -> str:
    """Stable: the same article (by id), the same first evidence and sub-type, the same id."""
    first = e.evidence[0]
    return hashlib.sha1(f"{doc_id}|{first.part}|{first.start}|{e.sub_event_type}".encode()).hexdigest()[:16]


def _no_casualties(d: Draft) -> bool:
    """A clause of the event says nobody was killed or hurt, after its trigger ("سقطت قذيفتان دون وقوع إصابات"),
    and not of an event it answers ("جاءت الغارات في أعقاب إطلاق صواريخ … دون وقوع إصابات")."""
    for f in d.frames:
        t = f.triggers[0].last
        end = f.last if f.answered_from is None else f.answered_from - 1
        if any(t < c.first <= end for c in f.analysis.cues("no_casualties")):
            return True  # in the clause's own span: not "…، فيما سقطت قذيفة على المزة دون وقوع إصابات"
    return False


def placeless(e: Event) -> bool:
    """No place below the country (none named, or only "in Syria") and no one killed or hurt: ACLED codes
    an event to at least a province, and "Israeli strikes in Syria" alone is a mention, not a record. A
    place the text names but the gazetteer lacks (location_unresolved) still counts as a place."""
    return ((e.location is None or e.location == e.country) and "location_unresolved" not in e.flags
            and e.fatalities is None and e.injured is None)


# Bodies that act as often as they speak (an army, a ministry, the UN) are a source only when a verb of
# saying or "according to" stands next to them; monitors, agencies and activists are cited by name.
_CITED_ONLY_WITH_A_CUE = frozenset({"military", "ministry", "official", "un", "ngo", "media"})
SOURCE_CUE_WINDOW = 3


def _cited(a: SentenceAnalysis) -> list[str]:
    cues = [c for c in a.cues("source_cue")]
    out: list[str] = []
    for m in a.of("source"):
        if m.value.get("kind") in _CITED_ONLY_WITH_A_CUE and not any(
                -SOURCE_CUE_WINDOW <= m.first - c.last - 1 <= SOURCE_CUE_WINDOW
                or -SOURCE_CUE_WINDOW <= c.first - m.last - 1 <= SOURCE_CUE_WINDOW for c in cues):
            continue
        if m.value["source"] not in out:
            out.append(m.value["source"])
    return out


def _kind(actor: str) -> str | None:
    record = actor_record(actor)
    return record.kind if record is not None else None


# Sources that are a party to the war: what they alone say of who attacked is a claim, not a finding.
PARTY_SOURCES = frozenset({"state_media", "ministry", "military", "official"})


def _basis(r: ActorRole, f: Frame) -> str:
    """How the article knows this agent: "accused" (a party accuses it), "party" (only a party's source is
    cited for the clause), or "report" (the article's own narration or an independent source)."""
    if r.reason == ACCUSED:
        return "accused"
    cited = _cited(f.analysis)
    kinds = {m.value.get("kind") for m in f.analysis.of("source") if m.value["source"] in cited}
    return "party" if kinds and kinds <= PARTY_SOURCES else "report"


def _sources(d: Draft, analyses: list[SentenceAnalysis]) -> list[str]:
    """Sources cited in the event's sentences, else in the next sentence of the same paragraph."""
    found: list[str] = []
    indices = {f.sentence.index for f in d.frames}
    by_index = {a.sentence.index: a for a in analyses}
    for i in sorted(indices):
        found.extend(s for s in _cited(by_index[i]) if s not in found)
    if not found:
        last = max(indices)
        nxt = by_index.get(last + 1)
        if nxt is not None and nxt.sentence.paragraph == by_index[last].sentence.paragraph:
            found = _cited(nxt)
    return found


def code_event(d: Draft, doc_id: str, published: date | None, ctx: PlaceContext,
          analyses: list[SentenceAnalysis]) -> Event | None:
    ev = Event()
    flags = set(d.flags)
    place = d.place
    country = place.country if place else (d.country_hint or ctx.main_country)
    # actors: the agent most often named; the patient; victims from the casualty words
    # a body that reports or investigates (the UN, the OPCW) is not who attacked ("أعلنت منظمة حظر الأسلحة
    # الكيميائية أنها تحقق في هجوم"); a government attacks through its forces
    agents = [r for f in d.frames for r in f.actors if r.role == "agent" and not (
        d.cls.role in ("attack", "battle", "vac") and _kind(r.actor) == "observer")]
    for r in agents:
        if d.cls.role in ("attack", "battle") and _kind(r.actor) == "government":
            r.actor = forces_of().get(actor_record(r.actor).country, r.actor)  # "الحكومة السورية قصفت"
    # attribution: who the article (or an independent source) says did it comes before whom a party accuses
    basis = {id(r): _basis(r, f) for f in d.frames for r in f.actors if r.role == "agent"}
    agents.sort(key=lambda r: (basis[id(r)] != "report",
                               0 if r.trigger is not None and r.trigger.value["class"] == d.cls.name else 1))
    patients = [r for f in d.frames for r in f.actors if r.role == "patient"]
    groups = {s.group for f in d.frames for s in f.statements if s.group}
    if d.attacker is not None:  # one of several attackers named together
        agents = [d.attacker]
    for r in agents + patients:
        if r.match.value.get("form") == "generic":
            r.actor = localise(r.actor, country)
    actor1 = agents[0].actor if agents else None
    actor2 = next((r.actor for r in patients if r.actor != actor1), None)
    if actor1 is None and d.cls.role == "battle":
        # "rebels were killed in clashes with regime troops": the other side of a battle is named in passing
        actor1 = next((r.actor for f in d.frames for r in f.actors if r.role == "mentioned" and r.actor != actor2),
                      None)
    assoc1 = next((r.actor for r in agents if r.actor != actor1), None)
    civilians = bool(groups & (CIVILIAN_GROUPS - {"people"}))
    event_type, sub = refine(d.cls, actor1, actor2, groups, country,
                             {t.value["class"] for f in d.frames for t in f.triggers})
    if actor2 is None and civilians and event_type != "Battles":
        actor2 = generic("Civilians", country)
    if sub == "Violent demonstration" and actor1 is not None and actor1.startswith(STATE_FORCE_PREFIXES):
        actor1, actor2 = None, actor1  # the demonstrators fought the police: the rioters act, the police face them
    if actor1 is None:
        if event_type == "Protests" or sub == "Violent demonstration":
            actor1 = generic("Protesters" if event_type == "Protests" else "Rioters", country)
        elif event_type in ("Explosions/Remote violence", "Violence against civilians", "Battles"):
            actor1 = generic("Unidentified Armed Group", country)
            flags.add("unknown_perpetrator")
    actor1, actor2, assoc1 = (local_crowd(a, country) if a else a for a in (actor1, actor2, assoc1))
    ev.actor1, ev.actor2, ev.assoc_actor_1 = actor1, actor2, assoc1
    ev.inter1, ev.inter2 = inter_code(actor1, country), inter_code(actor2, country)
    ev.civilian_targeting = bool(actor2 and actor2.startswith("Civilians"))
    if ev.actor1 == ev.actor2:
        ev.actor2 = ev.inter2 = None
    ev.event_type, ev.sub_event_type = event_type, sub
    ev.disorder_type = disorder_type(event_type, sub)
    # place
    if place is not None:
        ev.location, ev.admin1, ev.admin2 = place.location, place.admin1, place.admin2
        ev.latitude, ev.longitude, ev.geo_precision = place.latitude, place.longitude, place.geo_precision
        ev.location_text, ev.geonames_id = place.location_text, place.geonames_id
        ev.country, ev.iso = place.country, place.iso
        ev.geo_reason = place.reason + ("" if d.place_from == "clause" else "; taken from the article's context")
        if d.unresolved_place is not None:
            ev.geo_reason = f"'{d.unresolved_place}' names a place the gazetteer does not hold; " + ev.geo_reason
    else:
        ev.country = country
        ev.iso = country_iso(country)
        ev.location_text = d.unresolved_place
        if d.unresolved_place is None:
            flags.add("location_unknown")
            ev.geo_reason = "no place named in the event's clause or its context"
        else:
            ev.geo_reason = f"'{d.unresolved_place}' names a place the gazetteer does not hold"
    # date
    if d.date is not None:
        ev.date_text = d.date.text
        if d.date.start is not None:
            ev.event_date = d.date.start.isoformat()
            ev.time_precision = min(d.date.precision or 1, 3)
            ev.date_end = d.date.end.isoformat() if d.date.end else None
        elif d.date.relative:
            flags.add("relative_date_unresolved")
        else:
            flags.add("date_unresolved")  # a date the text gives but no calendar day could be read from
    elif published is not None:
        ev.event_date = published.isoformat()
        ev.time_precision = 2
        flags.add("date_from_publication")
    else:
        flags.add("date_unknown")  # no date in the text and no publication date to fall back on
    # tolls and parts: a strategic development (arrests, an agreement) kills nobody; a toll in its clause
    # belongs to the attack it mentions ("ألقت القبض على الشبكة الضالعة في الهجوم الذي خلف 25 قتيلا")
    if event_type != "Strategic developments" or sub == "Disrupted weapons use":
        ev.fatalities, ev.fatalities_max, ev.injured, toll_flags = tolls(d)
        if d.shares:
            ev.fatalities, ev.fatalities_max, ev.injured = (share(v, d.shares) for v in
                                                            (ev.fatalities, ev.fatalities_max, ev.injured))
            if ev.fatalities is not None:
                toll_flags.append("toll_divided")
        if ev.fatalities is None and _no_casualties(d):
            ev.fatalities = 0  # "دون وقوع إصابات", "no casualties were reported": none, not unknown
        flags.update(toll_flags)
    for f in d.frames:
        for s in f.statements:
            if s.parts and s.value is not None and sum(v for _, v in s.parts) > s.value:
                flags.add("parts_exceed_total")
    trigger_classes_seen = {t.value["class"] for f in d.frames for t in f.triggers}
    if "suicide_bomb" in trigger_classes_seen:
        flags.add("suicide")
    if any(c.value["cue"] == "claim" for f in d.frames for c in f.analysis.cues("claim")):
        flags.add("claimed")
    named = [r for r in agents if r.actor == actor1]
    if named and basis.get(id(named[0]), "report") != "report":
        flags.add("claimed")  # only a party to the war says so ("SANA said Jaysh al-Islam staged it")
        if any(r.actor != actor1 and basis.get(id(r), "report") != "report" for r in agents):
            flags.add("contested")  # the two sides blame each other
    for f in d.frames:
        flags.update(f.flags)
    ev.sources = _sources(d, analyses)
    ev.evidence = _evidence(d)
    ev.flags = sorted(flags)
    ev.confidence = _confidence(d, ev)
    ev.notes = notes(sub, ev.actor1, ev.actor2, ev.location, ev.admin1, ev.event_date, ev.time_precision,
                     ev.fatalities, ev.sources, ev.flags, ev.geo_precision)
    ev.event_id = event_id(doc_id, ev)
    return ev


def _evidence(d: Draft) -> list[Evidence]:
    seen: set[tuple[str, int]] = set()
    out: list[Evidence] = []
    for f in d.frames + d.mentions:
        s = f.sentence
        if (s.part, s.start) in seen:
            continue
        seen.add((s.part, s.start))
        out.append(Evidence(s.text, s.start, s.end, s.part))
    return out


def _confidence(d: Draft, ev: Event) -> float:
    score = 0.45 if "weak_trigger" not in ev.flags else 0.3
    if ev.geo_precision is not None:
        score += {1: 0.15, 2: 0.12, 3: 0.06}[ev.geo_precision]
    if ev.actor1 and not ev.actor1.startswith("Unidentified"):
        score += 0.1
    if ev.date_text and ev.event_date:
        score += 0.1
    if ev.fatalities is not None:
        score += 0.05
    if ev.sources:
        score += 0.05
    if len(d.frames) > 1:
        score += 0.05
    for flag, penalty in (("location_from_context", 0.08), ("date_from_context", 0.03), ("date_unknown", 0.1),
                          ("date_unresolved", 0.1), ("relative_date_unresolved", 0.1),
                          ("killed_and_injured_lumped", 0.05), ("location_unknown", 0.1)):
        if flag in ev.flags:
            score -= penalty
    return learned.confidence(max(0.05, score), ev.flags)  # the same caps as the model's (never 1; flagged lower)
