"""Attackers named together (issue 11, round 8): an adjective that shares a name's noun, and two nisbas whose
comma was lost; each on the real sentence, cited by docno, with its counter-case."""

from marsad.model import Article
from marsad.pipeline import extract_article
from tests.conftest import coded_places


def attackers(text):
    events = extract_article(Article("t", text, published="2016-04-26", language="en")).events
    return sorted((e.actor1, e.fatalities) for e in events)


def test_an_adjective_joined_to_a_name_shares_its_noun():
    # 1926479104: "airstrikes by the Russian and regime forces": two attackers, the five dead divided
    text = ("Fahd sent a letter of condolence following the death of five rescue workers in airstrikes by the Russian "
            "and regime forces on a center for the group in the town of Al-Atareb on Monday.")
    assert attackers(text) == [("Military Forces of Russia", 2), ("Military Forces of Syria", 3)]


def test_two_nisbas_side_by_side_are_two_attackers():
    # 1924058084: "Syrian Russian air strikes kill 17" (FA-KES lost the comma)
    assert attackers("Syrian Russian air strikes kill 17 in city of Ashara") == [
        ("Military Forces of Russia", 9), ("Military Forces of Syria", 8)]


def test_one_nisba_is_one_attacker():
    assert attackers("Russian air strikes kill 17 in city of Ashara") == [("Military Forces of Russia", 17)]


def test_warplanes_named_with_their_side_fire_rather_than_are_targeted():
    # SK-middleEast-2798-20180708: "واستهدفت الطائرات الحربية السورية الأحياء …": the warplanes after the verb
    # are its subject, not its target
    text = ("واستهدفت الطائرات الحربية السورية الأحياء الواقعة تحت سيطرة الفصائل المعارضة في مدينة درعا الأحد، مما "
            "أسفر عن مقتل مدني.")
    (e,) = extract_article(Article("t", text, published="2018-07-08", language="ar")).events
    assert (e.actor1, e.fatalities) == ("Military Forces of Syria", 1)


def test_a_shot_down_warplane_is_still_the_side_hit():
    # the counter-case: what was shot down belongs to the side hit
    text = "أسقطت فصائل المعارضة طائرة حربية سورية في ريف إدلب الأحد."
    (e,) = extract_article(Article("t", text, published="2018-07-08", language="ar")).events
    assert e.actor2 == "Military Forces of Syria" and e.actor1 != "Military Forces of Syria"


def test_the_country_of_a_dateline_is_no_actor():
    # CN-middleEast-845-20180508: "دبي، الإمارات العربية المتحدة (CNN) --" is where the report was filed
    text = ("دبي، الإمارات العربية المتحدة (CNN) -- تصدت الدفاعات الجوية السورية لصاروخين إسرائيليين استهدفا منطقة "
            "الكسوة الواقعة في ريف دمشق، ودمرتهما، الثلاثاء، وفقا لما ذكرته وكالة الأنباء السورية (سانا).")
    events = extract_article(Article("t", text, published="2018-05-08", language="ar")).events
    assert events and all("United Arab Emirates" not in f"{e.actor1} {e.actor2}" for e in events)


def test_fighting_that_rages_is_a_clash():
    # 1923848318: "Fighting raged further north in Syrias second city Aleppo between rebels and
    # regime loyalists": a weak noun made a report by its verb
    text = "Fighting raged in Aleppo on Monday between rebels and regime loyalists."
    assert coded_places(text, "en", "2016-09-20") == [("Armed clash", "Aleppo")]
    # the counter-case: forces fighting a group in general report no clash
    assert coded_places("The army is fighting IS in the desert, the minister said on Monday.", "en", "2016-09-20") == []


def test_protesters_belong_to_the_country_of_their_protest():
    # BB-middleEast-588-20180606 (Amman), CN-middleEast-1302-20180907 (Basra): "المحتجون", "demonstrators" name
    # no country; the protest's place does. A state's forces abroad keep their own country.
    assert [e.actor1 for e in extract_article(Article("t", "Hundreds of demonstrators rallied in Beirut on Sunday.",
                                                      published="2016-09-20", language="en")).events] == [
        "Protesters (Lebanon)"]
    text = "وتجمع المحتجون خارج مكتب رئيس الوزراء في عمان لليلة الخامسة على التوالي الأحد."
    assert [(e.sub_event_type, e.actor1) for e in extract_article(Article(
        "t", text, published="2018-06-04", language="ar")).events] == [("Peaceful protest", "Protesters (Jordan)")]
    strike = "Syrian warplanes struck the town of Arsal in Lebanon on Sunday."
    assert [e.actor1 for e in extract_article(Article("t", strike, published="2016-09-20", language="en")).events] \
        == ["Military Forces of Syria"]
