"""An event a response cue introduces (issue 11, round 9): "the strikes came in response to an alleged chemical
attack in Douma last Saturday" tells of the chemical attack, with its own day and place: an event of its own, not
the answer's type with the attack's day, place and toll. On the real sentence, cited by docno, with counter-cases."""

from marsad.model import Article
from marsad.pipeline import extract_article


def coded(text, lang="ar"):
    events = extract_article(Article("t", text, published="2018-04-14", language=lang)).events
    return [(e.sub_event_type, e.location, e.event_date) for e in events]


def test_the_answered_event_with_its_own_day_and_place_is_its_own():
    # FR-middleEast-296-20180414: coded as an armed clash in Duma on 7 April with the attack's 40 dead
    text = ("وجاء توجيه هذه الضربات ردا على هجوم كيميائي مفترض في مدينة دوما السبت الماضي، والتي كانت آخر معقل "
            "لفصائل المعارضة قرب دمشق، تسبب بمقتل أكثر من 40 شخصا.")
    assert coded(text) == [("Chemical weapon", "Duma", "2018-04-07")]


def test_an_answer_to_an_unnamed_attack_keeps_its_clause():
    # the counter-cases: "the attack" names no kind; with no day or place of its own the cue only says why
    text = "قصفت المدفعية التركية مواقع للوحدات الكردية في عفرين يوم الجمعة ردا على الهجوم."
    assert [t for t, _, _ in coded(text)] == ["Shelling/artillery/missile attack"]
    text = "Israeli jets struck Iranian positions near Damascus on Thursday in response to rocket fire."
    assert [(t, p) for t, p, _ in coded(text, "en")] == [("Air/drone strike", "Damascus")]


def test_a_counterattack_to_retake_a_town_retakes_nothing_yet():
    # 1923102955: "launched a counterattack to retake Khalasa on Wednesday morning": the counterattack is the event;
    # the retaking is its purpose ("an offensive to retake" was already read so)
    text = "Nusra fighters launched a counterattack to retake Khalasa in Aleppo countryside on Wednesday."
    assert [t for t, _, _ in coded(text, "en")] == ["Armed clash"]
