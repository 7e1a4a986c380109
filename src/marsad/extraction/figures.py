"""Figures: human numbers that are not one event's toll — the displaced, refugees, detainees, besieged,
populations, and cumulative tolls over a period or many places."""

from __future__ import annotations

from datetime import date

from marsad.extraction.casualties import Statement
from marsad.model import Evidence, Figure, FigurePart
from marsad.recognise.analysis import SentenceAnalysis, listed
from marsad.recognise.dates import DateMention
from marsad.resolve.places import PlaceContext, best_mention, to_place

SHORT_RANGE_DAYS = 2  # "منذ أمس", "since yesterday": still one event's account, not a period's toll


def short_span(d: DateMention) -> bool:
    """A span of a day or two ("منذ أمس", "since Monday morning"): one event's account, not a period's."""
    return d.kind == "range" and d.start is not None and d.end is not None \
        and (d.end - d.start).days <= SHORT_RANGE_DAYS


def is_cumulative(a: SentenceAnalysis, lo: int, hi: int) -> bool:
    """A clause about a period ("منذ بدء الحملة", "since 2011", "over the past week"), not one day."""
    short = [d for d in a.dates if short_span(d)]
    in_short = {k for d in short for k in range(d.first, d.last + 1)}
    if any(lo <= c.first <= hi and c.first not in in_short for c in a.cues("period")):
        return True
    return any(lo <= d.first <= hi and d.kind in ("range", "year") and d not in short for d in a.dates)


def several_days(a: SentenceAnalysis, lo: int, hi: int) -> bool:
    """A short span of two days or more in the clause ("خلال يومين", "in two days of clashes", "over the past two
    days"): one account of fighting, but a toll counted over it is not one day's event."""
    if any(lo <= d.first <= hi and d.kind == "range" and d.start and d.end and (d.end - d.start).days >= 2
           for d in a.dates):
        return True
    # "documented 270 civilians killed … during April", "خلال شهر نيسان": a whole month after "during"
    during = [c.last for c in a.cues("during")]
    if any(lo <= d.first <= hi and d.kind == "point" and d.precision == 3
           and any(0 <= d.first - k - 1 <= 1 for k in during) for d in a.dates):
        return True
    # "killed on Thursday and Friday", "يومي الخميس والجمعة": two days named together
    tokens = a.sentence.tokens
    days = sorted((d for d in a.dates if lo <= d.first <= hi and d.kind == "point" and d.precision == 1 and d.start),
                  key=lambda d: d.first)
    for x, y in zip(days, days[1:], strict=False):
        between = tokens[x.last + 1 : y.first]
        if x.start != y.start and all(t.norm in _JOINING for t in between) \
                and (between or tokens[y.first].norm.startswith("و")):
            return True
    # "a two-day offensive" (the hyphen is no token): a number of days qualifying the fighting
    return any(lo <= q.first <= hi and q.value is not None and 2 <= q.value <= 31 and q.last + 1 < len(tokens)
               and tokens[q.last + 1].norm == "day" for q in a.quantities)


_JOINING = frozenset({"and", "و", ",", "،", "on", "to"})


def spans_countries(a: SentenceAnalysis, lo: int, hi: int) -> bool:
    """"يقر بقتل 892 مدنيا في سوريا والعراق", "strikes in Syria and Iraq killed": countries listed together
    as where it happened are many events' ground, so the clause's toll is a figure, not one event's."""
    countries = [p for p in a.places if lo <= p.first <= hi and p.candidates and p.candidates[0].kind == "country"
                 and not (p.qualifier or p.metonym or p.speaker or p.dateline)]
    return any(listed(a.sentence.tokens, x, y) and x.candidates[0].country != y.candidates[0].country
               for x, y in zip(countries, countries[1:], strict=False))


def make_figure(a: SentenceAnalysis, s: Statement, ctx: PlaceContext, published: date | None) -> Figure | None:
    if s.value is None or s.kind == "casualties":
        return None  # killed and injured in one number: not a count of either (the caller notes it)
    fig = Figure(kind=s.kind, value=s.value, value_max=s.value_max, approximate=s.approximate,
                 qualifier=s.qualifier)
    m = best_mention(a.places, s.first)
    if m is not None:
        place = to_place(m, ctx)
        fig.location, fig.admin1, fig.location_text = place.location, place.admin1, m.text
        fig.latitude, fig.longitude = place.latitude, place.longitude
    # The period: a range ("since Christmas", "منذ 2011"), or a "since"/"منذ" clause with a date in it
    # ("منذ بداية الحملة في شباط الماضي"); it runs to publication unless it says otherwise.
    period = [d for d in a.dates if d.kind in ("range", "year") and d.start is not None]
    if not period and a.cues("period", "range_start"):
        period = [d for d in a.dates if d.start is not None]
    if period:
        fig.period_start = period[0].start.isoformat()
        end = period[0].end or published
        fig.period_end = end.isoformat() if end else None
    fig.parts = [FigurePart(kind=k, value=v) for k, v in s.parts]
    if s.parts and sum(v for _, v in s.parts) > s.value:
        fig.flags.append("parts_exceed_total")
    fig.flags.extend(f for f in s.flags if f not in fig.flags)
    sent = a.sentence
    fig.evidence = [Evidence(sent.text, sent.start, sent.end, sent.part)]
    return fig
