"""Temporal expressions: find candidate spans with the language's date words, then resolve them.

The language data maps each language's words (Levantine, Egyptian and Maghrebi months, weekdays,
dayparts, ordinals, holidays, durations) onto day, month and year numbers, and the calendar arithmetic
against the publication date is done here: news usage ("الأحد" in a Sunday paper means today; "15 آذار"
without a year is the latest 15 March) differs from dateparser's defaults, and once a span is read
into numbers a parser adds nothing but milliseconds. dateparser reads what has no fixed form: the
publication dates of feeds and pages (`parse_date_string`), cached, never a sentence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from marsad.data import holidays
from marsad.model import Sentence
from marsad.recognise.matcher import Match
from marsad.recognise.numbers import Quantity

# Date words that can carry a date by themselves; the others (في، since, الماضي …) only qualify one.
ANCHORS = frozenset({"month", "hijri_month", "weekday", "relative_day", "relative_week", "relative_month",
                     "relative_year", "ordinal", "holiday", "year_word", "unit"})
_OPENERS = frozenset({"قبل", "in", "في", "during", "since", "منذ"})


@dataclass(slots=True)
class DateMention:
    """A resolved (or unresolvable) temporal expression in a sentence."""

    first: int
    last: int
    text: str
    start: date | None  # the day (or first day of the period)
    end: date | None = None  # last day of a range ("since Christmas", "within two months")
    precision: int | None = None  # 1 day, 2 week, 3 month, 4 year (not an ACLED code: only background)
    relative: bool = False  # needs the publication date
    kind: str = "point"  # point, range, year


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


DEFAULT_TIMEZONE = "Asia/Damascus"
FEW = 6  # "a few days": up to six
_FEW_WORDS = ("a", "few", "several", "بضعه", "بضع", "عده")


def news_timezone() -> ZoneInfo:
    """The zone whose calendar day a timed publication belongs to: "today" in a report of the Syrian war
    means Damascus' day (22:30 UTC is already tomorrow there). MARSAD_TIMEZONE names another (Asia/Aden …)."""
    return _zone(os.environ.get("MARSAD_TIMEZONE", DEFAULT_TIMEZONE))


def local_day(moment: datetime) -> date:
    """The calendar day of a publication time: a time with a zone (UTC or the outlet's) is moved into the
    news zone first; a time without one is taken as already local."""
    return moment.astimezone(news_timezone()).date() if moment.tzinfo is not None else moment.date()


@lru_cache(maxsize=4096)
def parse_date_string(text: str) -> date | None:
    """A date written any way dateparser understands ("Fri, 02 Mar 2018 18:06:21 +0400", "March 5, 2018",
    "٥ آذار ٢٠١٨"): for publication dates that are not ISO. Cached; costs milliseconds per new string."""
    from dateparser import parse

    # Absolute dates only, with day, month and year all written: "12", "2018" or "5 hours ago" must not
    # become a made-up publication day.
    try:
        moment = parsedate_to_datetime(text)  # feeds' RFC 822 dates: the zone they carry moves the day
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None:
        return local_day(moment)
    settings = {"RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True,
                "PARSERS": ["custom-formats", "absolute-time"]}
    found = parse(text, languages=["en", "ar"], settings=settings)
    return found.date() if found is not None else None


def _calendar_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:  # "31 نيسان"
        return None


def _shift_months(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


def _hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    try:
        from hijridate import Hijri

        return Hijri(year, month, day).to_gregorian()
    except (ImportError, ValueError, OverflowError):
        return None


def _easter(year: int) -> date:
    from dateutil.easter import easter

    return easter(year)


def holiday_date(key: str, year: int) -> date | None:
    """The Gregorian date of a holiday in a given Gregorian year (first occurrence in that year)."""
    row = holidays().get(key)
    if row is None:
        return None
    if row["calendar"] == "gregorian":
        return date(year, int(row["month"]), int(row["day"]))
    if row["calendar"] == "easter":
        return _easter(year)
    # Hijri holidays: the Hijri year that has this holiday inside the Gregorian year.
    for hyear in (year - 579, year - 578, year - 580):
        found = _hijri_to_gregorian(hyear, int(row["month"]), int(row["day"]))
        if found is not None and found.year == year:
            return found
    return None


def _weekday_on_or_before(base: date, weekday: int, strictly: bool) -> date:
    delta = (base.weekday() - weekday) % 7
    if delta == 0 and strictly:
        delta = 7
    return base - timedelta(days=delta)


def _digits(text: str, most: int) -> bool:
    """ASCII digits only, at most `most` of them: a day or a year, and never a 100,000-digit number for int()."""
    return 0 < len(text) <= most and text.isascii() and text.isdigit()


def _year_at(tokens, k: int) -> int | None:
    if k < len(tokens) and tokens[k].kind == "num" and _digits(tokens[k].norm, 4):
        value = int(tokens[k].norm)
        if 1900 <= value <= 2100:
            return value
    return None


GLUED_YEARS = 2  # a day and year written together ("Apr 052017") is a dateline only near publication


class _Reader:
    """Walks one sentence's tokens, reading date expressions."""

    def __init__(self, sentence: Sentence, matches: list[Match], quantities: list[Quantity], published: date | None):
        self.s = sentence
        self.toks = sentence.tokens
        self.words: dict[int, list[Match]] = {}
        for m in matches:
            if m.kind == "date":
                self.words.setdefault(m.first, []).append(m)
        self.quantities = {q.first: q for q in quantities}
        self.published = published

    def word(self, k: int, *kinds: str) -> Match | None:
        for m in self.words.get(k, ()):
            if m.value["kind"] in kinds:
                return m
        return None

    def day_number(self, k: int) -> tuple[int, int] | None:
        """(day, last token) for a day of the month written in digits or as an ordinal."""
        if k < len(self.toks) and self.toks[k].kind == "num" and _digits(self.toks[k].norm, 2):
            value = int(self.toks[k].norm)
            if 1 <= value <= 31:
                return value, k
        m = self.word(k, "ordinal")
        if m is not None:
            return int(m.value["value"]), m.last
        return None

    def _day_and_year(self, k: int) -> tuple[int, int, int] | None:
        """(day, year, token) of one token of five or six digits that is a day and a year written together."""
        if k >= len(self.toks) or self.toks[k].kind != "num" or not _digits(self.toks[k].norm, 6) or \
                len(self.toks[k].norm) < 5:
            return None
        text = self.toks[k].norm
        day, year = int(text[:-4]), int(text[-4:])
        near = self.published is None or abs(year - self.published.year) <= GLUED_YEARS
        return (day, year, k) if 1 <= day <= 31 and 1900 <= year <= 2100 and near else None

    def skip(self, k: int, *norms: str) -> int:
        while k < len(self.toks) and (self.toks[k].norm in norms or self.toks[k].text in (",", "،")):
            k += 1
        return k

    def text(self, first: int, last: int) -> str:
        s = self.s
        return s.text[self.toks[first].start - s.start : self.toks[last].end - s.start]

    def mention(self, first: int, last: int, start: date | None, precision: int | None, **kw) -> DateMention:
        return DateMention(first, last, self.text(first, last), start, precision=precision, **kw)

    # --- patterns -------------------------------------------------------------------------------
    def absolute(self, k: int) -> DateMention | None:
        """[day] [of] month [,] [year word] [year] | month day[,] year (English)."""
        first = k
        day = self.day_number(k)
        if day is not None:
            k = self.skip(day[1] + 1, "من", "of", "the")
        month = self.word(k, "month", "hijri_month")
        if month is None:
            return None
        end = month.last
        pair = self.word(end + 2, "month") if end + 1 < len(self.toks) and self.toks[end + 1].text == "/" else None
        if pair is not None and pair.value["value"] == month.value["value"]:
            end = pair.last  # "نيسان/أبريل": the Levantine and the Egyptian name side by side
        if day is None:  # "February 25, 2018"
            glued = self._day_and_year(self.skip(end + 1))
            if glued is not None:  # "Apr 052017": the comma of "Apr 05, 2017" lost in a scraped text
                try:
                    return self.mention(first, glued[2], date(glued[1], int(month.value["value"]), glued[0]), 1)
                except ValueError:
                    return None
            day = self.day_number(self.skip(end + 1))
            if day is not None and day[1] > end:
                end = day[1]
        j = self.skip(end + 1, "من", "of")  # "يوليو من عام 2017"
        if self.word(j, "year_word"):
            j = self.skip(j + 1)
        year = _year_at(self.toks, j)
        if year is not None:
            end = j
        hijri = month.value["kind"] == "hijri_month"
        if hijri:
            if day is None or year is None:
                return None  # "رمضان" alone is a season, not a date
            found = _hijri_to_gregorian(year, int(month.value["value"]), day[0])
            return self.mention(first, end, found, 1 if found else None)
        month_no = int(month.value["value"])
        if day is None and year is None and not self._month_context(first):
            return None  # "may", "march", "مارس" as words, not dates
        if day is not None and year is not None:
            try:
                return self.mention(first, end, date(year, month_no, day[0]), 1)
            except ValueError:
                return None
        if year is None and self.published is None:
            return self.mention(first, end, None, None, relative=True)
        precision = 1 if day is not None else 3
        if year is not None:
            found = _calendar_date(year, month_no, day[0] if day else 1)
        else:  # no year: the latest such date not after publication (a day's slack for time zones)
            found = _calendar_date(self.published.year, month_no, day[0] if day else 1)
            if found is not None and found > self.published + timedelta(days=1):
                found = _calendar_date(self.published.year - 1, month_no, day[0] if day else 1)
        return self.mention(first, end, found, precision if found else None, relative=year is None)

    def _month_context(self, k: int) -> bool:
        """A month name alone is a date only after a word that introduces one (في مارس, in March)."""
        return k > 0 and self.word(k - 1, "month_context") is not None

    def weekday(self, k: int) -> DateMention | None:
        first = k
        while self.word(k, "daypart"):
            k = self.word(k, "daypart").last + 1
        m = self.word(k, "weekday")
        if m is None:
            return None
        last = m.last
        strictly = False
        nxt = self.word(last + 1, "past")
        if nxt is not None:
            strictly, last = True, nxt.last
        elif last + 1 < len(self.toks) and self.toks[last + 1].norm == "last":
            strictly, last = True, last + 1
        if first > 0 and self.toks[first - 1].norm in ("last", "past"):
            strictly, first = True, first - 1
        explicit = self.absolute(self.skip(last + 1, "the"))
        if explicit is not None:  # "الأحد 25 شباط", "Sunday, February 25": the date decides
            explicit.first, explicit.text = first, self.text(first, explicit.last)
            return explicit
        if self.published is None:
            return self.mention(first, last, None, None, relative=True)
        found = _weekday_on_or_before(self.published, int(m.value["value"]), strictly)
        return self.mention(first, last, found, 1, relative=True)

    def relative_day(self, k: int) -> DateMention | None:
        first = k
        while self.word(k, "daypart") and not self.word(k, "relative_day"):
            k = self.word(k, "daypart").last + 1
        m = self.word(k, "relative_day", "relative_week", "relative_month", "relative_year")
        if m is None:
            return None
        if self.published is None:
            return self.mention(first, m.last, None, None, relative=True)
        kind, offset = m.value["kind"], int(m.value["value"])
        if kind == "relative_day":
            if offset == 0 and self.word(m.last + 1, "ordinal"):
                return None  # "لليوم الثاني على التوالي": for the second day running, not today
            return self.mention(first, m.last, self.published + timedelta(days=offset), 1, relative=True)
        p = self.published
        # a span, not a made-up day: "last week" is its Monday to its Sunday (this week: up to publication)
        if kind == "relative_week":
            found, precision = p - timedelta(days=p.weekday()) + timedelta(weeks=offset), 2
            end = found + timedelta(days=6)
        elif kind == "relative_month":
            found, precision = _shift_months(p, offset), 3
            end = _shift_months(p, offset + 1) - timedelta(days=1)
        else:
            found, precision = date(p.year + offset, 1, 1), 4
            end = date(p.year + offset, 12, 31)
        return self.mention(first, m.last, found, precision, relative=True, end=min(end, p))

    def holiday(self, k: int) -> DateMention | None:
        m = self.word(k, "holiday")
        if m is None:
            return None
        year = _year_at(self.toks, self.skip(m.last + 1))
        last = self.skip(m.last + 1) if year else m.last
        if year is None:
            if self.published is None:
                return self.mention(k, m.last, None, None, relative=True)
            found = holiday_date(m.value["value"], self.published.year)
            if found is not None and found > self.published:
                found = holiday_date(m.value["value"], self.published.year - 1)
        else:
            found = holiday_date(m.value["value"], year)
        return self.mention(k, last, found, 1 if found else None, relative=year is None)

    def year(self, k: int) -> DateMention | None:
        """عام 2013 / in 2013 / أواخر 2017 / صيف 2012: a year, to recognise background, never an event date."""
        if not (self.word(k, "year_word", "month_context") or self.toks[k].norm in ("in", "في", "during")):
            return None
        j = self.skip(k + 1)
        year = _year_at(self.toks, j)
        if year is None:
            return None
        return self.mention(k, j, date(year, 1, 1), 4, kind="year")

    def duration(self, k: int) -> tuple[int, int, int] | None:
        """(days, precision, last token) for "three days", "يومين", "two weeks", "الأيام" (no number: 1)."""
        q = self.quantities.get(k)
        j = q.last + 1 if q is not None else k
        j = self.skip(j, "the", "past", "last", "الماضيه", "الماضي")
        unit = self.word(j, "unit")
        if unit is None:
            return None
        per = int(unit.value["value"])
        count = q.value if (q is not None and q.value) else 1
        days = per * count
        if q is None and unit.value.get("plural") and per:
            days = per * FEW  # "قبل أيام", "days ago": a few of them, not one
        if days > 36500:
            return None  # "قبل 2000 عام": history, not a date we can place
        precision = 1 if days < 7 else 2 if days < 28 else 3 if days < 365 else 4
        return days, precision, unit.last

    def ranged(self, k: int) -> DateMention | None:
        """منذ/since + date or duration; خلال/within/over + [the past] duration; N units ago."""
        cue = self.word(k, "range_start", "range_end")
        if cue is not None:
            j = self.skip(cue.last + 1, "the", "past", "last")
            past = self.word(j, "past")
            if past is not None:
                j = past.last + 1
            inner = self.absolute(j) or self.holiday(j) or self.weekday(j) or self.relative_day(j)
            if inner is not None and cue.value["kind"] == "range_start":
                if self.published is None and inner.start is None:
                    return self.mention(k, inner.last, None, None, relative=True, kind="range")
                return self.mention(k, inner.last, inner.start, inner.precision, kind="range",
                                    end=self.published, relative=inner.relative)
            year = _year_at(self.toks, j)
            if year is not None and cue.value["kind"] == "range_start":
                return self.mention(k, j, date(year, 1, 1), 4, kind="year")
            dur = self.duration(j)
            if dur is None:
                return None
            days, precision, last = dur
            tail = self.word(last + 1, "past")
            if tail is not None:
                last = tail.last
            if self.published is None:
                return self.mention(k, last, None, None, relative=True, kind="range")
            start = self.published - timedelta(days=days)
            if cue.value["kind"] == "range_start" and days <= 31:  # منذ يومين: two days ago
                return self._ago(k, last, days, precision, j)
            return self.mention(k, last, start, precision, relative=True, kind="range", end=self.published)
        if self.toks[k].norm in ("في", "in") and self.published is not None:
            dur = self.duration(k + 1)
            if dur is not None and dur[0] >= 2:  # "ألف قتيل في أسبوعين", "in two days": a period
                days, precision, last = dur
                return self.mention(k, last, self.published - timedelta(days=days), precision, relative=True,
                                    kind="range", end=self.published)
        if self.toks[k].norm == "قبل":
            at = self.skip(k + 1, *_FEW_WORDS)
            dur = self.duration(at)
            if dur is not None and self.published is not None:
                days, precision, last = dur
                return self._ago(k, last, days, precision, at)
        unit = self.word(k, "unit")
        past = self.word(k + 1, "past") if unit is not None else None
        if unit is not None and past is not None and int(unit.value["value"]) >= 7 and self.published is not None:
            # "الأسابيع الماضية", "the past months" (no number): a period of several units up to publication
            days = int(unit.value["value"]) * 3
            precision = 2 if days < 28 else 3 if days < 365 else 4
            return self.mention(k, past.last, self.published - timedelta(days=days), precision, relative=True,
                                kind="range", end=self.published)
        at = self.skip(k, *_FEW_WORDS)  # "a few days ago", "several weeks ago", "days ago"
        dur = self.duration(at) if at in self.quantities or self.word(at, "unit") else None
        if dur is not None and self.word(dur[2] + 1, "ago") is not None:
            days, precision, last = dur
            last += 1
            if self.published is None:
                return self.mention(k, last, None, None, relative=True)
            return self._ago(k, last, days, precision, at)
        return None

    def _ago(self, first: int, last: int, days: int, precision: int, unit_at: int) -> DateMention:
        """N units before publication; "a few days ago" (no number) is the span from FEW units before
        publication to one unit before, at week precision, since no day is said."""
        start = self.published - timedelta(days=days)
        q = self.quantities.get(unit_at)
        unit = self.word(self.skip(unit_at, "the", "past", "last", "الماضيه", "الماضي"), "unit")
        if q is None and unit is not None and unit.value.get("plural"):
            per = int(unit.value["value"])
            return self.mention(first, last, start, max(precision, 2), relative=True,
                                end=self.published - timedelta(days=per))
        return self.mention(first, last, start, precision, relative=True)


def find_dates(sentence: Sentence, matches: list[Match], quantities: list[Quantity],
               published: date | None) -> list[DateMention]:
    """All temporal expressions of a sentence, left to right, without overlaps."""
    reader = _Reader(sentence, matches, quantities, published)
    toks = sentence.tokens
    # Only positions where an expression can start: date words, numbers, and "قبل"/"in" before a number.
    starts = set(reader.words) | set(reader.quantities) | {k for k, t in enumerate(toks) if t.kind == "num"}
    starts |= {k for k, t in enumerate(toks[:-1]) if t.norm in _OPENERS and (
        toks[k + 1].kind == "num" or k + 1 in reader.words or k + 1 in reader.quantities
        or toks[k + 1].norm in _FEW_WORDS)}
    out: list[DateMention] = []
    taken_until = -1
    for k in sorted(starts):
        if k <= taken_until:
            continue
        found = (reader.ranged(k) or reader.absolute(k) or reader.weekday(k) or reader.relative_day(k)
                 or reader.holiday(k) or reader.year(k))
        if found is not None:
            out.append(found)
            taken_until = found.last
    return out


def date_token_indices(sentence: Sentence, matches: list[Match]) -> set[int]:
    """Tokens that belong to date words or years, so the number reader leaves them alone."""
    taken: set[int] = set()
    toks = sentence.tokens
    for m in matches:
        if m.kind == "date" and m.value["kind"] in ("month", "hijri_month", "weekday", "ordinal", "holiday",
                                                     "relative_day", "relative_week", "relative_month",
                                                     "relative_year"):
            taken.update(range(m.first, m.last + 1))
            for k in (m.first - 1, m.first - 2, m.last + 1, m.last + 2):  # the day and year around a month
                if m.value["kind"] in ("month", "hijri_month") and 0 <= k < len(toks) and toks[k].kind == "num":
                    taken.add(k)
        if m.kind == "date" and m.value["kind"] == "year_word":
            k = m.last + 1
            if k < len(toks) and _year_at(toks, k):
                taken.add(k)
    for k, t in enumerate(toks):
        if t.kind == "num" and _year_at(toks, k) and k > 0 and toks[k - 1].norm in ("in", "since", "منذ", "في"):
            taken.add(k)
    return taken
