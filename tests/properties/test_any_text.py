"""Property-based: any text at all — random and adversarial Unicode — is coded without an exception, and every
evidence offset slices exactly the text it quotes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.model import Article
from marsad.pipeline import extract_article

# words that make the coder work: triggers, places, numbers, dates, casualty words, in both languages
WORDS = st.sampled_from([
    "قتل", "مقتل", "غارة", "غارات", "جوية", "قصف", "استهدف", "دوما", "حلب", "إدلب", "ريف", "بلدة", "قرية", "مدنيين",
    "مدنيا", "طفلا", "جرح", "في", "على", "و", "يوم", "الأحد", "أمس", "اليوم", "أكثر", "من", "نحو", "بين", "المرصد",
    "السوري", "قوات", "النظام", "داعش", "ألف", "عشرة", "خمسة", "killed", "airstrike", "shelling", "Aleppo",
    "Douma", "Idlib", "civilians", "at", "least", "on", "Sunday", "yesterday", "near", "village", "of", "the",
    "said", "Observatory", "5", "12", "2018", "٣", "١٢", "1,250", "3.5", "2018-03-05", "5/3/2018", ".", "،", ",",
    "؛", ":", "«", "»", '"', "(", ")", "-", "\n", "\n\n", "\t",
])
MARKS = st.sampled_from([
    "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u0301", "\u0300", "\u064b", "\u0651", "\u0670", "\u0640", "\u00a0",
    "\u2028", "\u2029", "\u0085", "\r", "\x00", "\ufffd", "²", "½", "Ⅻ", "𝟕", "٫", "٬",
])
LONE_SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
HUGE_NUMBERS = st.text(alphabet="0123456789", min_size=13, max_size=6000)  # past int()'s 4,300-digit limit too
ANY_CHARS = st.text(min_size=1, max_size=6)
PIECES = st.one_of(WORDS, WORDS, WORDS, MARKS, LONE_SURROGATES, HUGE_NUMBERS, ANY_CHARS)
TEXTS = st.lists(PIECES, min_size=0, max_size=60).map(lambda parts: " ".join(parts))
JOINED = st.lists(PIECES, min_size=0, max_size=60).map(lambda parts: "".join(parts))  # no spaces between


def _check(article: Article) -> None:
    coded = extract_article(article)
    parts = {"text": article.text, "title": article.title}
    for item in [*coded.events, *coded.figures]:
        assert item.evidence, "every event and figure quotes its words"
        for ev in item.evidence:
            assert parts[ev.part][ev.start : ev.end] == ev.text, (ev.part, ev.start, ev.end)
    for e in coded.events:
        assert 0 < e.confidence < 1


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXTS, text=TEXTS, published=st.sampled_from([None, "2018-03-05", "2018-03-05T23:30:00+03:00"]),
       language=st.sampled_from([None, "ar", "en"]))
def test_any_text_is_coded_and_evidence_slices_what_it_quotes(title, text, published, language):
    _check(Article("h", text, title=title, published=published, language=language))


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(text=JOINED, language=st.sampled_from([None, "ar", "en"]))
def test_text_without_spaces_is_coded_too(text, language):
    _check(Article("h", text, published="2018-03-05", language=language))
