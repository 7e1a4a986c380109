"""The stages in order — the only place that knows it: text → recognise → extract → resolve → code.

`extract_article` turns one Article into a CodedArticle (events, figures, warnings).
"""

from __future__ import annotations

import copy
import re
from datetime import date, datetime

from marsad.code.event import code_event, event_id, placeless
from marsad.extraction.casualties import find_statements
from marsad.extraction.events import (
    MASS_TOLL,
    Draft,
    consolidate,
    dated_background,
    fill_context,
    merge,
    split_attackers,
    tolls,
)
from marsad.extraction.figures import is_cumulative, make_figure, several_days, spans_countries
from marsad.extraction.frames import EVENT_KINDS, Frame, build_frames
from marsad.lang import available_languages
from marsad.learn import decider as learned
from marsad.learn.features import Candidate, article_features, clause_text, features
from marsad.model import Article, CodedArticle, Event
from marsad.recognise.analysis import SentenceAnalysis, analyse
from marsad.recognise.dates import local_day, parse_date_string
from marsad.recognise.lexicon import lexicon
from marsad.resolve.gazetteer import Gazetteer
from marsad.resolve.places import PlaceContext, resolve_article_places
from marsad.text.language import identify
from marsad.text.normalise import normalise
from marsad.text.sentences import split_sentences


def default_gazetteer() -> Gazetteer:
    """The gazetteer used when none is passed: the configured default (the built-in one unless
    `marsad gazetteer use` chose another), loaded once per process."""
    from marsad.resolve.registry import open_gazetteer

    return open_gazetteer(None)


FIRST_YEAR, LAST_YEAR = 1900, 2100  # publication dates outside this are placeholders (Go's 0001-01-01), not news


def _plausible(d: date | None) -> date | None:
    return d if d is not None and FIRST_YEAR <= d.year <= LAST_YEAR else None


def parse_iso_date(value: str | None) -> date | None:
    """An ISO date or datetime ("2018-03-05", "2018-03-05T04:33:10", "2018-03-05 04:33+00:00") → the
    (local) day, if it falls between 1900 and 2100."""
    if not value:
        return None
    value = value.strip()
    try:
        return _plausible(local_day(datetime.fromisoformat(value.replace("Z", "+00:00"))))
    except ValueError:
        pass
    try:
        return _plausible(date.fromisoformat(value[:10]))
    except ValueError:
        return None


def parse_published(value: str | None) -> date | None:
    """An article's publication date: ISO, else an absolute date dateparser reads ("Fri, 02 Mar 2018 18:06:21
    +0400"); relative or partial strings ("5 hours ago", "2018") and implausible years give None."""
    if not value or not value.strip():
        return None
    return parse_iso_date(value) or _plausible(parse_date_string(value.strip()))


def extract_article(article: Article, gazetteer: Gazetteer | None = None, language: str | None = None) -> CodedArticle:
    """Code one article: the events it reports and the human figures it gives. A word-for-word copy of an
    article coded moments before (wire stories reprinted by several outlets, an outlet's two sections) gets
    the same coding under its own id, without being read again."""
    if gazetteer is None:  # an empty gazetteer is falsy but is still the user's choice
        gazetteer = default_gazetteer()
    recent = recent_codings(gazetteer)
    key = (article.title, article.text, article.published, language or article.language, learned.selected_name())
    done = recent.get(key)
    if done is not None:
        return _as_copy(done, article)
    coded = _extract(article, gazetteer, language)
    if len(recent) >= RECENT_ARTICLES:
        recent.pop(next(iter(recent)))
    recent[key] = coded
    return _as_copy(coded, article)


def keep_confident(coded: CodedArticle, min_confidence: float | None) -> CodedArticle:
    """Only the events whose confidence reaches the threshold (--min-confidence); a warning counts the rest."""
    if min_confidence is None:
        return coded
    low = [e for e in coded.events if (e.confidence or 0.0) < min_confidence]
    if low:
        coded.events = [e for e in coded.events if (e.confidence or 0.0) >= min_confidence]
        coded.warnings.append(f"{len(low)} events with confidence below {min_confidence:g} not output")
    return coded


RECENT_ARTICLES = 4096  # articles whose coding is kept, so that copies of them are not coded again


def recent_codings(gazetteer: Gazetteer) -> dict[tuple, CodedArticle]:
    """The articles lately coded against this gazetteer, kept on it (as analysis._combined keeps its index),
    so they go when it goes; clear it to code every article afresh."""
    return gazetteer.__dict__.setdefault("_recent_codings", {})


def _as_copy(coded: CodedArticle, article: Article) -> CodedArticle:
    """The coding of an article under another article's identity (its id, url, source; event ids follow)."""
    out = copy.deepcopy(coded)
    out.doc_id, out.url, out.source = article.id, article.url, article.source
    for e in out.events:
        e.event_id = event_id(out.doc_id, e)
    _dedupe_ids(out.events)
    return out


def candidates(article: Article, gazetteer: Gazetteer | None = None, language: str | None = None) -> list[Candidate]:
    """Every event the rules would propose for an article, coded, with its features and the reason the rules
    alone would drop it — what the learned layer is trained on and decides among."""
    found: list[Candidate] = []
    _extract(article, gazetteer if gazetteer is not None else default_gazetteer(), language, collect=found)
    return found


def _not_coded(d: Draft, why: str) -> str:
    """The warning that says what the rules left out, and why, as the placeless and model warnings do."""
    what = d.cls.sub_event_type.lower()
    words = repr(d.first.sentence.text[:80])
    if why == "background":
        return f"not coded: a {what} dated {d.date.start.isoformat()}, long before publication: history ({words})"
    return f"not coded: a {what} whose toll has no day of its own: a period's or a campaign's dead ({words})"


def _rule_drop(d: Draft, published: date | None) -> str | None:
    if dated_background(d, published):
        return "background"
    return "mass_toll" if _undated_mass_toll(d) else None


def _extract(article: Article, gazetteer: Gazetteer, language: str | None,
             collect: list[Candidate] | None = None) -> CodedArticle:
    published = parse_published(article.published)
    out = CodedArticle(article.id, None, published.isoformat() if published else None, article.title,
                       url=article.url, source=article.source)
    if article.published and published is None:
        out.warnings.append(f"publication date {article.published!r} is not a full calendar date between "
                            f"{FIRST_YEAR} and {LAST_YEAR}: relative dates unresolved")
    if not article.text.strip() and not article.title.strip():
        out.warnings.append("empty article: no text to code")
        return out
    lang = (language or article.language or "").strip().lower().replace("_", "-").split("-")[0]
    lang = lang or identify(f"{article.title}\n{article.text}")
    out.language = lang
    if lang == "und":
        out.warnings.append("too little text to tell its language: no events extracted")
        return out
    if lang not in available_languages():
        out.warnings.append(f"unsupported language {lang!r}: no events extracted (supported: "
                            f"{', '.join(available_languages())})")
        return out
    lex = lexicon(lang)
    sentences = split_sentences(article.title, "title") if article.title else []
    sentences += split_sentences(article.text, "text", first_index=len(sentences))
    analyses = [analyse(s, lex, gazetteer, published) for s in sentences]
    printed = _dateline(analyses)
    if printed is not None and printed != published:
        # "AFP Monday 17 Oct 2016 Air strikes killed …": the date the report prints is what its "Monday" and
        # "yesterday" mean, whatever date the collection gave it
        out.warnings.append(f"relative dates read against the article's dateline {printed.isoformat()}"
                            + (f", not its publication date {published.isoformat()}" if published else ""))
        published = printed
        analyses = [analyse(s, lex, gazetteer, published) for s in sentences]
    _drop_dateline(analyses, printed)
    for a in analyses:
        a.statements = find_statements(a)
    opinion = next((c for a in analyses for c in a.cues("opinion")), None)
    if opinion is not None:
        out.warnings.append("an opinion column, not a news report: the events it mentions are not coded")
        return out
    links = _link_paragraphs(analyses)
    if links:
        out.warnings.append(f"{len(links)} paragraphs are links or headlines of other stories (read also, related "
                            "stories): their events are not coded")
        analyses = [a for a in analyses if a.sentence.part != "text" or a.sentence.paragraph not in links]
    teasers = _teaser_paragraphs(analyses)
    if teasers:
        out.warnings.append(f"{len(teasers)} closing paragraphs summarise other stories (related-story teasers): "
                            "their events are not coded")
        analyses = [a for a in analyses if a.sentence.part != "text" or a.sentence.paragraph not in teasers]
    blocks = _blocks(analyses)
    if len(blocks) > 1:
        out.warnings.append(f"a text of {len(article.text):,} characters read in {len(blocks)} blocks of about "
                            f"{BLOCK_CHARS:,}: reports of one event are joined within a block, not across blocks")
    for block in blocks:
        _code_block(out, block, gazetteer, published, lang, collect)
    if published is None and any("relative_date_unresolved" in e.flags for e in out.events):
        out.warnings.append("no publication date: relative dates ('today', 'اليوم') left unresolved")
    return out


BLOCK_CHARS = 50_000  # the longest news article of the corpora is 15,000 characters: one block


def _blocks(analyses: list[SentenceAnalysis]) -> list[list[SentenceAnalysis]]:
    """The article's sentences in blocks of whole paragraphs of about BLOCK_CHARS (a longer paragraph is cut
    between sentences), the title in the first. Every block is read as an article of its own, so the work on a
    huge text grows with its length, not with its square; a news article is one block."""
    blocks: list[list[SentenceAnalysis]] = [[]]
    size = 0
    paragraph = None
    for a in analyses:
        s = a.sentence
        new_paragraph = s.part == "text" and s.paragraph != paragraph
        if size >= BLOCK_CHARS and (new_paragraph or size >= 2 * BLOCK_CHARS):
            blocks.append([])
            size = 0
        blocks[-1].append(a)
        size += len(s.text)
        if s.part == "text":
            paragraph = s.paragraph
    return blocks


def _code_block(out: CodedArticle, analyses: list[SentenceAnalysis], gazetteer: Gazetteer, published: date | None,
                lang: str, collect: list[Candidate] | None) -> None:
    """Events and figures of one block of an article (all of a news article), added to `out`."""
    ctx = PlaceContext(governorates=gazetteer.governorates)
    resolve_article_places(analyses, ctx)
    frames: list[Frame] = []
    used: set[int] = set()  # ids of statements that became event tolls
    for a in analyses:
        for f in build_frames(a):
            if is_cumulative(a, f.first, f.last) or spans_countries(a, f.first, f.last):
                continue  # a period's toll, not one event: its numbers become figures
            # "أكثر من 500 ألف مدني" with no period named: no single event kills that many; a figure
            f.statements = [s for s in f.statements if (s.value or 0) <= MAX_EVENT_TOLL]
            if several_days(a, f.first, f.last):
                # "88 dead in two days of clashes", "خلال يومين": the fighting is an event, its toll over several
                # days a figure (GUIDE 8)
                f.statements = [s for s in f.statements if s.kind not in EVENT_KINDS]
            frames.append(f)
    drafts = merge(frames, ctx, published)
    fill_context(drafts, analyses, ctx, published)
    drafts = consolidate(drafts)
    drafts = [x for d in drafts for x in split_attackers(d)]
    decider = learned.active() if collect is None else None
    rules_decide = collect is None and (decider is None or not decider.decides)
    candidates: list[tuple[Draft, Event, str | None]] = []
    for d in drafts:
        drop = _rule_drop(d, published)
        if drop is not None and rules_decide:
            out.warnings.append(_not_coded(d, drop))
            continue  # the rules decide: what they would not code is not coded at all
        event = code_event(d, out.doc_id, published, ctx, analyses)
        candidates.append((d, event, drop or ("placeless" if placeless(event) else None)))
    if collect is not None or decider is not None:
        article = article_features(analyses)
        found = [Candidate(e, features(d, e, analyses, published, drop, i, len(candidates), lang, article), drop,
                           clause_text(d)) for i, (d, e, drop) in enumerate(candidates)]
        if collect is not None:
            collect.extend(found)
        else:
            keep = []
            for (d, e, drop), p in zip(candidates, decider.probabilities(found), strict=True):
                e.confidence = learned.confidence(p, e.flags)
                if decider.decides:
                    drop = None if decider.keeps(p, lang) else drop or "model"
                keep.append((d, e, drop))
            candidates = keep
    for d, event, drop in candidates:
        if drop == "placeless":
            out.warnings.append(f"not coded: a {event.sub_event_type.lower()} with no place below country level "
                                f"and no casualties ({event.evidence[0].text[:80]!r})")
            continue
        if drop is not None:
            if drop == "model":
                out.warnings.append(f"not coded: the decision model doubts this {event.sub_event_type.lower()} "
                                    f"(confidence {event.confidence:.2f}; {event.evidence[0].text[:80]!r})")
            continue
        for f in d.frames + d.mentions:
            if not d.shares:  # a toll divided among several events stays a figure too
                used.update(id(s) for s in f.statements)
        out.events.append(event)
    _dedupe_ids(out.events)
    for a in analyses:
        for s in a.statements:
            if id(s) in used:
                continue
            fig = make_figure(a, s, ctx, published)
            if fig is not None:
                out.figures.append(fig)
            elif s.kind == "casualties" and s.value is not None:
                words = a.sentence.text[:80]
                out.warnings.append(f"killed and injured counted together ({s.value}) in {words!r}: not coded as "
                                    "a figure of either")

MIN_TEASERS = 2  # one unrelated closing paragraph may be the story's own end; two in a row are a block
HEADLINE_TOKENS = 20  # an embedded headline is one short line
MIN_HEADLINES = 2  # one short unpunctuated line is a subheading; two or more in a row are a block of links
_STOPS = frozenset(".!;:…؛")  # how a sentence of the story's own prose ends (a headline may end in "?")
_LABEL_ENDS = frozenset(":|-–—»>.…")  # "اقرأ:" and CNN's "شاهد.. "


def _link_paragraphs(analyses: list[SentenceAnalysis]) -> set[int]:
    """Paragraphs that point to other stories: one opening with a link label ("للمزيد:", "اقرأ أيضا", "Read
    more:"; a label alone on its line links the next paragraph), and blocks of embedded headlines — two or more
    consecutive one-line paragraphs after the lead, short, without the full stop the article's own prose
    ends with, none opening with a reporting verb or a list number. Only in articles whose paragraphs mostly
    end with a stop (texts that lost their punctuation give no such signal)."""
    paragraphs: dict[int, list[SentenceAnalysis]] = {}
    for a in analyses:
        if a.sentence.part == "text":
            paragraphs.setdefault(a.sentence.paragraph, []).append(a)
    order = sorted(paragraphs)
    out: set[int] = set()
    for k, p in enumerate(order):
        first = paragraphs[p][0]
        label = next((c for c in first.cues("link") if c.first == 0), None)
        if label is None:
            continue
        tokens = first.sentence.tokens
        rest = [tk for tk in tokens[label.last + 1:] if tk.text not in _LABEL_ENDS]
        if label.last == 0 and rest and tokens[1].text not in _LABEL_ENDS:
            continue  # "Related fighting broke out": a one-word label needs its colon, or a line of its own
        out.add(p)
        if not rest and len(paragraphs[p]) == 1 and k + 1 < len(order):
            out.add(order[k + 1])
    if len(order) < 4:
        return out
    ends = [_last_char(paragraphs[p][-1].sentence.text) for p in order]
    if sum(c in _STOPS or c in "?؟" for c in ends) * 2 < len(order):
        return out
    run: list[int] = []
    for k, p in enumerate(order + [None]):
        if p is not None and k > 0 and _headline(paragraphs[p]):
            run.append(p)
            continue
        if len(run) >= MIN_HEADLINES:
            out.update(run)
        run = []
    return out


def _headline(sentences: list[SentenceAnalysis]) -> bool:
    if len(sentences) != 1:
        return False
    a = sentences[0]
    tokens = a.sentence.tokens
    if len(tokens) > HEADLINE_TOKENS or _last_char(a.sentence.text) in _STOPS:
        return False
    if tokens[0].text[:1].isdigit() or tokens[0].text in ("-", "–", "•", "*"):
        return False  # an item of a numbered or bulleted list belongs to the story
    return not any(c.first <= 1 for c in a.cues("source_cue"))  # "وأوضح التلفزيون: …" is the story's prose


def _last_char(text: str) -> str:
    stripped = text.rstrip(" \t\"'”’»)]")
    return stripped[-1:] if stripped else ""


def _teaser_paragraphs(analyses: list[SentenceAnalysis]) -> set[int]:
    """Paragraphs that close an article with summaries of other stories (news sites append "related" items:
    one sentence each, about places and actors the title and lead never name): their events are another
    article's. Walks back from the last paragraph; at least MIN_TEASERS in a row."""
    paragraphs: dict[int, list[SentenceAnalysis]] = {}
    for a in analyses:
        if a.sentence.part == "text":
            paragraphs.setdefault(a.sentence.paragraph, []).append(a)
    if len(paragraphs) < MIN_TEASERS + 2:
        return set()
    first = min(paragraphs)
    lead = [a for a in analyses if a.sentence.part == "title" or a.sentence.paragraph == first]
    topic = _topic(lead)
    if not topic:
        return set()
    block: list[int] = []
    for p in sorted(paragraphs, reverse=True)[:-2]:
        sentences = paragraphs[p]
        own = _topic(sentences)
        if len(sentences) > 1 or own & topic or not own:
            break
        block.append(p)
    return set(block) if len(block) >= MIN_TEASERS else set()


def _topic(analyses: list[SentenceAnalysis]) -> set[str]:
    """What a passage is about: the countries and governorates of its places, and its named actors."""
    out: set[str] = set()
    for a in analyses:
        for m in a.places:
            out.update(c.country for c in m.candidates[:1])
            out.update(c.admin1 for c in m.candidates[:1] if c.admin1)
        out.update(m.value["actor"] for m in a.of("actor") if m.value.get("form") == "name")
    return out


DATELINE_CHARS = 250  # a dateline sits at the head of the text ("Wed 05 Apr 2017", "AFP Monday 17 Oct 2016")
_NOT_DATELINE = frozenset(normalise(w) for w in ("on", "in", "since", "until", "by", "from", "في", "منذ", "حتى", "يوم",
                                                  "بتاريخ"))  # as tokens' normalised forms


_NUMERIC_DATELINE = re.compile(r"\s*(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)\d\d)\b")


def _numeric_dateline(text: str) -> date | None:
    """"01-06-2016 3 Civilians Killed …": a numeric date opening the text, day first as most of the world writes
    it (month first only when the second number cannot be a month)."""
    m = _NUMERIC_DATELINE.match(text)
    if m is None:
        return None
    a, b, year = (int(x) for x in m.groups())
    day, month = (b, a) if b > 12 else (a, b)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _dateline(analyses: list[SentenceAnalysis]) -> date | None:
    """The full date (day, month and year written) a report prints at the head of its text, unless a
    preposition makes it an event's date ("on 5 April 2017")."""
    head = next((a.sentence for a in analyses if a.sentence.part == "text"), None)
    if head is not None and head.start == 0 and (numeric := _numeric_dateline(head.text)) is not None:
        return numeric
    found = _dateline_mention(analyses)
    return found[1].start if found is not None else None


def _drop_dateline(analyses: list[SentenceAnalysis], printed: date | None) -> None:
    """"24 November 2016 US-led coalition airstrikes kill ten civilians in Raqqa. Ten were killed Wednesday …":
    the printed dateline is when the report appeared, not the day of the events its first sentence tells (which
    take their own day, or the publication's). Only the mention that is the dateline (not an event's own date
    when a numeric dateline came first: "01-06-2016 Five killed … Tuesday 31 May 2016")."""
    found = _dateline_mention(analyses)
    if found is not None and printed is not None and found[1].start == printed:
        found[0].dates.remove(found[1])


def _dateline_mention(analyses: list[SentenceAnalysis]):
    """(the sentence, its date mention) of a printed dateline, or None."""
    for a in analyses:
        if a.sentence.part != "text":
            continue
        if a.sentence.start > DATELINE_CHARS:
            return None
        for d in a.dates:
            if d.start is None or d.relative or d.kind != "point" or d.precision != 1:
                continue
            tokens = a.sentence.tokens
            if a.sentence.start + (tokens[d.first].start - a.sentence.start) > DATELINE_CHARS:
                return None
            year = str(d.start.year)
            if not any(t.kind == "num" and (t.text == year or len(t.text) in (5, 6) and t.text.endswith(year))
                       for t in tokens[d.first : d.last + 1]):
                continue  # the year must be written (or glued to its day: "Last updated at Jul 282016")
            if tokens[d.first].norm in _NOT_DATELINE or (d.first > 0 and tokens[d.first - 1].norm in _NOT_DATELINE):
                return None  # "توفيت يوم الاثنين 23 يوليو 2018", "on 5 April 2017": an event's date
            return a, d
    return None


# The largest tolls ACLED records for single events are in the low thousands (Ghouta, August 2013: about
# 1,400); a larger number in an event's clause is a war's or a year's total, coded as a figure.
MAX_EVENT_TOLL = 5000


def _undated_mass_toll(d: Draft) -> bool:
    """"وخلفت الانتفاضة أكثر من 1100 قتيل": an event whose tolls add up to a mass toll with no day of its own
    is a siege's, a campaign's or a year's dead told in passing (events.merge already takes such a toll out of
    a single clause; this catches one summed over several)."""
    fatalities = tolls(d)[0]
    own_date = d.date is not None and d.date_from == "clause"
    return fatalities is not None and fatalities >= MASS_TOLL and not own_date


def _dedupe_ids(events: list[Event]) -> None:
    seen: dict[str, int] = {}
    for e in events:
        if e.event_id in seen:
            seen[e.event_id] += 1
            e.event_id = f"{e.event_id}-{seen[e.event_id]}"
        else:
            seen[e.event_id] = 0
