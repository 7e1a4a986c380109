"""The records that flow through marsad's stages: Article in, CodedArticle out.

Field names of Event and Figure follow EVENT-SCHEMA.md (ACLED's export where ACLED has the field).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Article:
    """One news report as read from a source, before any analysis."""

    id: str
    text: str
    title: str = ""
    published: str | None = None  # ISO date or datetime, as given
    language: str | None = None  # ISO 639-1 when known ("ar", "en")
    url: str | None = None
    source: str | None = None  # the outlet that published the report
    origin: str = ""  # file (and line) the article came from, for error messages
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Token:
    """A word, number or punctuation mark with its offsets into its part (title or text)."""

    text: str
    start: int
    end: int
    norm: str  # normalised form (letters unified, diacritics removed, digits ASCII)
    keys: tuple[str, ...]  # lookup keys, most literal first (clitics stripped progressively)
    kind: str  # "word", "num" or "punct"


@dataclass(slots=True)
class Sentence:
    """A sentence of the title or the body, with its tokens."""

    part: str  # "title" or "text"
    start: int
    end: int
    text: str
    tokens: list[Token]
    index: int  # position in the article (title first)
    paragraph: int

    def between(self, a: int, b: int) -> str:
        """The characters between token a's end and token b's start ("-" in "five-year", " " between words)."""
        return self.text[self.tokens[a].end - self.start : self.tokens[b].start - self.start]


@dataclass(slots=True)
class Mention:
    """A span of tokens recognised as something: trigger, actor, place, number, date, cue …"""

    kind: str
    sentence: Sentence
    first: int  # token index in the sentence (inclusive)
    last: int  # token index (inclusive)
    value: Any  # what the lexicon or parser says it is

    @property
    def start(self) -> int:
        return self.sentence.tokens[self.first].start

    @property
    def end(self) -> int:
        return self.sentence.tokens[self.last].end

    @property
    def text(self) -> str:
        s = self.sentence
        return s.text[self.start - s.start : self.end - s.start]


@dataclass(slots=True)
class Evidence:
    text: str
    start: int
    end: int
    part: str = "text"  # "text": offsets into the article text; "title": into the title

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "part": self.part}


@dataclass(slots=True)
class Place:
    """A resolved place: what an event or figure is located at."""

    location: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    iso: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    location_text: str | None = None
    geonames_id: int | None = None
    reason: str | None = None


@dataclass(slots=True)
class Event:
    """One coded event, EVENT-SCHEMA.md's EVENT record."""

    event_id: str = ""
    event_date: str | None = None
    date_end: str | None = None
    time_precision: int | None = None
    date_text: str | None = None
    disorder_type: str = ""
    event_type: str = ""
    sub_event_type: str = ""
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    civilian_targeting: bool = False
    country: str | None = None
    iso: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    location_text: str | None = None
    geonames_id: int | None = None
    geo_reason: str | None = None  # why this place was chosen (or why none could be), for a reviewer
    fatalities: int | None = None
    fatalities_max: int | None = None
    injured: int | None = None
    sources: list[str] = field(default_factory=list)
    notes: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0
    flags: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["evidence"] = [e.to_dict() for e in self.evidence]
        return d


@dataclass(slots=True)
class FigurePart:
    kind: str
    value: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "value": self.value}


@dataclass(slots=True)
class Figure:
    """A human figure that is not a single event (a cumulative toll, the displaced, a population)."""

    kind: str
    value: int
    value_max: int | None = None
    approximate: bool = False
    qualifier: str = "exact"
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    admin1: str | None = None
    location_text: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    parts: list[FigurePart] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["parts"] = [p.to_dict() for p in self.parts]
        d["evidence"] = [e.to_dict() for e in self.evidence]
        return d


@dataclass(slots=True)
class CodedArticle:
    """The output of `marsad extract` for one article."""

    doc_id: str
    language: str | None
    published: str | None
    title: str
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    url: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "language": self.language,
            "published": self.published,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "events": [e.to_dict() for e in self.events],
            "figures": [f.to_dict() for f in self.figures],
            "warnings": list(self.warnings),
        }
