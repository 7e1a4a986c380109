"""Extraction rules pinned on real sentences of the ANT corpus (../shared), each cited by docno.

Each case codes one line of an article with the article's publication date, as `marsad extract` would.
"""

import pytest

from marsad.model import Article
from marsad.pipeline import extract_article
from tests.conftest import sentence_of


def code(ant, docno, needle):
    row = ant[docno]
    return extract_article(Article(id=docno, text=sentence_of(row["text"], needle), published=row["pub_time_utc"]))


def only_event(doc):
    assert len(doc.events) == 1, [(e.sub_event_type, e.location) for e in doc.events]
    return doc.events[0]


def test_capture_by_state_forces_is_government_regains_territory(ant):
    # "… أن القوات الموالية للحكومة السورية سيطرت على قرية مديرا … في ناحية حرستا …" (SANA, Sunday)
    e = only_event(code(ant, "BB-middleEast-178-20180312", "سيطرت على قرية مديرا"))
    assert (e.event_type, e.sub_event_type) == ("Battles", "Government regains territory")
    assert e.actor1 == "Military Forces of Syria" and e.inter1 == 1
    assert e.event_date == "2018-03-11" and e.date_text == "يوم الأحد" and e.time_precision == 1
    assert e.sources == ["SANA"]
    assert (e.admin1, e.geo_precision) == ("Rural Damascus", 2)  # the sub-district named after Harasta


def test_capture_by_a_non_state_group(ant):
    e = only_event(code(ant, "BB-middleEast-723-20180712", "سيطرت على بلدة حيط"))
    assert e.sub_event_type == "Non-state actor overtakes territory"
    assert e.actor1 == "Islamic State (Syria)"
    assert (e.admin1, e.geo_precision) == ("Dar'a", 3)  # حيط is unknown; "في محافظة درعا" is not
    assert e.sources == ["Syrian Observatory for Human Rights"]


def test_car_bomb_is_remote_explosive_and_an_unknown_village_is_reported_not_replaced(ant):
    # "ومقره بريطانيا" is where the monitor sits, not where the bomb went off
    e = only_event(code(ant, "BB-middleEast-718-20180710", "بسيارة مفخخة"))
    assert (e.event_type, e.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert e.fatalities == 14 and e.actor2 == "Military Forces of Syria"
    assert e.location is None and e.location_text == "قرية زينون" and "location_unresolved" in e.flags
    assert "unknown_perpetrator" in e.flags and e.actor1.startswith("Unidentified Armed Group")


def test_suicide_car_bomb_is_a_suicide_bomb(ant):
    e = only_event(code(ant, "BB-middleEast-911-20180902", "انتحاريا شن هجوما"))
    assert e.sub_event_type == "Suicide bomb" and "suicide" in e.flags
    assert (e.location, e.country, e.geo_precision) == ("Mogadishu", "Somalia", 1)  # a capital: built in


def test_tolls_with_parts_and_at_least(ant):
    e = only_event(code(ant, "BB-middleEast-1039-20180923", "بينهم 12 جنديا وطفل واحد"))
    assert (e.fatalities, e.injured) == (25, 25)
    e = only_event(code(ant, "BB-middleEast-1040-20180922", "استعراض عسكري بمدينة الأهواز"))
    assert (e.fatalities, e.injured) == (29, 57) and "approximate_injured" in e.flags
    assert e.actor1 == "Unidentified Armed Group (Iran)" and e.country == "Iran"


def test_a_toll_over_weeks_is_a_figure_not_an_event(ant):
    doc = code(ant, "BB-middleEast-139-20180306", "وقتل 719 شخصاً على الأقل")
    assert doc.events == []
    (fig,) = doc.figures
    assert (fig.kind, fig.value, fig.qualifier) == ("fatalities", 719, "at_least")
    assert fig.period_start is not None and fig.period_end == "2018-03-06"


def test_intercepted_drone_is_disrupted_weapons_use(ant):
    e = only_event(code(ant, "SK-middleEast-3427-20180816", "45 طائرة بدون طيار"))
    assert (e.event_type, e.sub_event_type) == ("Strategic developments", "Disrupted weapons use")
    assert e.actor1 == "Military Forces of Russia" and e.admin1 == "Lattakia"


def test_two_strikes_in_one_sentence_are_two_events(ant):
    # "… عشرة منهم جراء غارات روسية وسورية على ريف درعا الشرقي، بينما قتل سبعة آخرون جراء غارات روسية على بلدة
    # الطيبة": the Russian and Syrian strikes on the countryside are one event per attacker (ACLED), and the
    # Russian strikes on al-Tayba another. The built-in gazetteer holds only the Jordanian and Israeli al-Tayba:
    # the town stays unresolved and is coded where the clause places it, "south-east of the city of Daraa"
    doc = code(ant, "FR-internationalNews-2040-20180628", "ووثق المرصد الأربعاء مقتل 17 مدنيا")
    assert [(e.sub_event_type, e.actor1, e.location_text) for e in doc.events] == [
        ("Air/drone strike", "Military Forces of Russia", "ريف درعا الشرقي"),
        ("Air/drone strike", "Military Forces of Syria", "ريف درعا الشرقي"),
        ("Air/drone strike", "Military Forces of Russia", "جنوب شرق مدينة درعا")]
    tayba = doc.events[2]
    assert (tayba.country, tayba.geo_precision) == ("Syria", 2) and "location_unresolved" in tayba.flags
    assert "'الطيبة' names a place the gazetteer does not hold" in tayba.geo_reason
    assert doc.events[0].actor2 == "Civilians (Syria)" and doc.events[0].civilian_targeting
    assert {e.event_date for e in doc.events} == {"2018-06-27"}  # الأربعاء, for all
    assert all("attackers_named_together" in e.flags for e in doc.events[:2])
    assert doc.events[2].fatalities == 7


def test_accusation_with_a_date_and_toll(ant):
    e = only_event(code(ant, "AL-internationalNews-931-20180415", "بشن ضربة جوية استهدفت"))
    assert (e.sub_event_type, e.actor1, e.event_date, e.fatalities) == (
        "Air/drone strike", "Military Forces of Israel", "2018-04-09", 14)
    assert e.inter1 == 8  # a foreign state's forces acting in Syria
    assert (e.admin1, e.geo_precision) == ("Homs", 3)


@pytest.mark.parametrize("docno,needle,why", [
    ("AL-internationalNews-251-20180227", "وأسقطت أحدث مسودة", "a draft that drops a clause is not a downed drone"),
    ("AL-internationalNews-387-20180307", "واغتيل الحريري", "2005: background, not news"),
    ("AL-sport-1165-20180407", "اعترض طريقها", "a defender intercepting the ball"),
    ("BB-internationalNews-24-20180214", "هدد الرئيس الفرنسي", "a threat"),
    ("BB-internationalNews-24-20180214", "ونفت الحكومة السورية", "a denial"),
    ("AL-internationalNews-905-20180413", "هددت #إيران", "a threat to respond"),
    ("AL-internationalNews-1144-20180513", "تظاهرات محتملة", "possible protests"),
    ("BB-middleEast-727-20180713", "في ديسمبر/ كانون الأول الماضي", "last December: background"),
])
def test_not_events(ant, docno, needle, why):
    assert code(ant, docno, needle).events == [], why


def test_clash_between_two_named_sides_and_the_sponsor_is_neither_side_nor_place(ant):
    # "… اشتباكات لليوم الثاني على التوالي بين عناصر من الجبهة الوطنية للتحرير المدعومة من تركيا، وعناصر
    # من هيئة تحرير الشام قرب المنطقة "منزوعة السلاح" المفترضة في شمال غرب سوريا."
    e = only_event(code(ant, "BB-middleEast-1066-20181006", "لليوم الثاني على التوالي"))
    assert e.sub_event_type == "Armed clash"
    assert (e.actor1, e.actor2) == ("National Liberation Front", "Hay'at Tahrir al-Sham")
    assert (e.inter1, e.inter2) == (2, 2)
    assert e.country == "Syria" and e.geo_precision == 3  # "شمال غرب سوريا", not Turkey
    assert e.date_text is None and "date_from_publication" in e.flags  # "لليوم الثاني" is not "today"
    assert e.sources == ["AFP", "Syrian Observatory for Human Rights"]
