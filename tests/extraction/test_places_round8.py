"""Places (issue 11, round 8): a capital after an attack word but in another clause is its government; an
outlet's name after a headline's bar is no place. Each on the real sentence, cited by docno, with its
counter-case."""

from marsad.model import Article
from marsad.pipeline import extract_article


def places(text, lang="en", title=""):
    events = extract_article(Article("t", text, title=title, published="2016-09-21", language=lang)).events
    return [e.location for e in events]


def test_a_capital_that_denies_is_its_government():
    # 1924058094: "… responsible for the strike but Moscow has denied involvement": no air strike in Moscow
    text = ("US officials believe Russian aircraft were responsible for the strike but Moscow has denied involvement "
            "and the Russian Defense Ministry said on Wednesday that a US Predator drone was in the area when the "
            "convoy was attacked.")
    assert "Moscow" not in places(text)


def test_a_capital_an_attack_is_on_is_the_place():
    # the counter-cases: "strikes on Damascus", "غارات على دمشق", "push for Damascus"
    assert places("Russian warplanes launched strikes on Damascus on Monday killing 5.") == ["Damascus"]
    assert places("شنت طائرات إسرائيلية غارات على دمشق الاثنين.", "ar") == ["Damascus"]


def test_the_outlet_after_a_headlines_bar_is_no_place():
    # 1924058065: "Syrian government push for Damascus rebel enclave kills at least 23 | Jordan Times": the
    # clash is not in Jordan (and "push for Damascus" is an attack on it, so Damascus stays the place)
    title = "Syrian government offensive on rebel enclave kills at least 23 | Jordan Times"
    assert "Jordan" not in places("", title=title)
    found = places("", title="Syrian government push for Damascus rebel enclave kills at least 23 | Jordan Times")
    assert found == ["Damascus"]
