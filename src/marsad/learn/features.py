"""Features of a candidate event: what the rules know of it, where it stands, how its date and place relate to
the article, and the words of its clause. Every feature is a name (and a value): names are hashed into one
fixed-size space, so the model file is a weight vector and no vocabulary has to be shipped or kept in step.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from marsad.extraction.events import Draft
    from marsad.model import Event
    from marsad.recognise.analysis import SentenceAnalysis

HASH_BITS = 18
DIM = 1 << HASH_BITS

# cue words that change what a clause reports (lang/*/cues.tsv): each is a feature in the clause and in its sentence
CUES = ("negation", "denial", "hedge", "threat", "plan", "condition", "call", "claim", "background", "reaction",
        "ongoing", "frame_only", "accusation", "non_violent", "period", "relative", "source_cue", "opinion")
CHAR_NGRAMS = (3, 4)
LEAD = 3  # the first sentences of the text: where a news report tells its event
QUOTES = frozenset("\"«»“”")


@dataclass
class Candidate:
    """One event the rules produced, coded, with the reason the rules alone would drop it (or None)."""

    event: Event
    features: dict[str, float]
    drop: str | None = None
    text: str = ""  # the clause, for sentence embeddings


def bucket(days: int | None) -> str:
    if days is None:
        return "none"
    if days < 0:
        return "future"
    for limit, name in ((0, "0"), (1, "1"), (3, "2-3"), (7, "4-7"), (31, "8-31"), (365, "32-365")):
        if days <= limit:
            return name
    return "older"


def _log_bucket(n: int | None) -> str:
    if n is None:
        return "none"
    return str(min(6, int(math.log2(n + 1))))


def clause_text(d: Draft) -> str:
    f = d.first
    return f.analysis.span_text(f.first, f.last)


def article_features(analyses: list[SentenceAnalysis]) -> dict[str, float]:
    """What the article around a candidate says of itself: does it report events (a headline with a trigger, a
    lead that tells of violence), or mention them in passing (an analysis, a statement, a sports report)? The
    same for every candidate of an article: computed once (`features(article=…)`)."""
    title = [x for x in analyses if x.sentence.part == "title"]
    lead = [x for x in analyses if x.sentence.part == "text"][:LEAD]
    share = sum(1 for x in analyses if x.of("trigger")) / max(1, len(analyses))
    return {f"sentences={_log_bucket(len(analyses))}": 1.0,
            f"title_trigger={any(x.of('trigger') for x in title) if title else 'none'}": 1.0,
            f"lead_trigger={any(x.of('trigger') for x in lead)}": 1.0,
            f"trigger_share={min(4, int(share * 5))}": 1.0}


def features(d: Draft, ev: Event, analyses: list[SentenceAnalysis], published: date | None, drop: str | None,
             position: int, count: int, language: str, article: dict[str, float] | None = None) -> dict[str, float]:
    """The named features of one candidate (a value of 1.0 unless the feature is a quantity); `article`:
    article_features(analyses), when the caller has it."""
    out: dict[str, float] = {"bias": 1.0}

    def on(name: str, value: float = 1.0) -> None:
        out[name] = out.get(name, 0.0) + value

    f = d.first
    a = f.analysis
    s = a.sentence
    on(f"lang={language}")
    on(f"type={ev.event_type}")
    on(f"sub={ev.sub_event_type}")
    on(f"lang_sub={language}|{ev.sub_event_type}")
    on(f"class={d.cls.name}")
    on(f"role={d.cls.role}")
    on(f"drop={drop}")
    for flag in ev.flags:
        on(f"flag={flag}")
        on(f"sub_flag={ev.sub_event_type}|{flag}")
    for t in f.triggers:
        on(f"trig_strength={t.value.get('strength', 'strong')}")
        on(f"trig_form={t.value.get('form', '')}")
        on(f"trig={s.tokens[t.first].norm}")
    # where it stands
    on(f"part={s.part}")
    on(f"paragraph={min(s.paragraph, 5) if s.part == 'text' else 't'}")
    on(f"sentence={min(s.index, 8)}")
    on(f"position={min(position, 5)}")
    on(f"candidates={_log_bucket(count)}")
    before = s.text[: s.tokens[f.triggers[0].first].start - s.start]
    if sum(ch in QUOTES for ch in before) % 2:
        on("in_quote")
    # what the rules found around it
    on(f"place_from={d.place_from if d.place is not None else 'none'}")
    on(f"date_from={d.date_from if d.date is not None else 'none'}")
    on(f"geo_precision={ev.geo_precision}")
    on(f"frames={_log_bucket(len(d.frames))}")
    on(f"mentions={_log_bucket(len(d.mentions))}")
    on(f"evidence={_log_bucket(len(ev.evidence))}")
    on(f"fatalities={_log_bucket(ev.fatalities)}")
    on(f"injured={_log_bucket(ev.injured)}")
    if ev.fatalities is not None:
        on("log_fatalities", math.log1p(ev.fatalities) / 5)
    on(f"sources={min(len(ev.sources), 3)}")
    on(f"actor1={'none' if not ev.actor1 else 'unknown' if ev.actor1.startswith('Unidentified') else 'named'}")
    on(f"actor2={'none' if not ev.actor2 else 'civilians' if ev.actor2.startswith('Civilians') else 'named'}")
    on(f"shares={bool(d.shares)}")
    on(f"weapons={bool(f.weapons)}")
    on(f"background_frame={f.background}")
    days = None
    if published is not None and ev.event_date:
        try:
            days = (published - date.fromisoformat(ev.event_date)).days
        except ValueError:
            days = None
    on(f"date_age={bucket(days)}")
    on(f"time_precision={ev.time_precision}")
    # cues in the clause and elsewhere in its sentence
    for c in a.of("cue"):
        name = c.value.get("cue")
        if name not in CUES:
            continue
        inside = f.first <= c.first <= f.last
        on(f"cue_{'clause' if inside else 'sentence'}={name}")
        if inside and c.last < f.triggers[0].first:
            on(f"cue_before={name}")
    for name, value in (article if article is not None else article_features(analyses)).items():
        on(name, value)
    # the clause's words and character n-grams
    tokens = s.tokens[f.first : f.last + 1]
    words = [t.norm for t in tokens if t.kind == "word"]
    for w in words:
        on(f"w={w}", 0.5)
    for w1, w2 in zip(words, words[1:], strict=False):
        on(f"w2={w1} {w2}", 0.5)
    text = " " + " ".join(words) + " "
    grams = [text[i : i + n] for n in CHAR_NGRAMS for i in range(len(text) - n + 1)]
    if grams:
        weight = 1.0 / math.sqrt(len(grams))
        for g in grams:
            on(f"c={g}", weight)
    return out


@lru_cache(maxsize=1 << 17)  # names recur (n-grams, words, flags): each is hashed once per process
def hash_name(name: str) -> int:
    return zlib.crc32(name.encode("utf-8", "surrogatepass")) & (DIM - 1)  # lone surrogates are text too


def hashed(feats: dict[str, float]) -> dict[int, float]:
    out: dict[int, float] = {}
    for name, value in feats.items():
        h = hash_name(name)
        out[h] = out.get(h, 0.0) + value
    return out
