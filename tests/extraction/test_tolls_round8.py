"""How a number binds to what it counts, written against the fatality disagreements of the English train
articles (issue 11, round 8): each rule on the real sentence, cited by docno, with its counter-case."""

from datetime import date

import pytest

from marsad.extraction.casualties import find_statements
from marsad.model import Article
from marsad.pipeline import default_gazetteer, extract_article
from marsad.recognise.analysis import analyse
from marsad.recognise.lexicon import lexicon
from marsad.text.sentences import split_sentences


def statements(text, lang="en"):
    sentence = split_sentences(text)[0]
    a = analyse(sentence, lexicon(lang), default_gazetteer(), date(2017, 4, 8))
    return [(s.kind, s.value, s.value_max, sorted(s.parts)) for s in find_statements(a)]


@pytest.mark.parametrize("text, total, parts", [
    # 1923102878: the verb comes after the breakdown, and the last part is not the toll
    ("At least 18 civilians including five children and two women were killed in an airstrike on Syrias "
     "northwestern province of Idlib on Saturday the Syrian Observatory for Human Rights reported.",
     18, [("children", 5), ("women", 2)]),
    # 1923848285
    ("Another seven people including four women and two children were killed in raids on Kafr Takharim further "
     "north in the province.", 7, [("children", 2), ("women", 4)]),
    # 1923848148
    ("Fifteen civilians among them 11 children were killed in a barrel bomb attack on the Bab al-Nayrab "
     "neighbourhood.", 15, [("children", 11)]),
])
def test_a_total_before_its_breakdown_counts_what_the_verb_after_it_says(text, total, parts):
    assert statements(text) == [("fatalities", total, None, parts)]


def test_a_breakdown_ends_at_the_next_verb():
    # 1924058203: "dozens more wounded" is the wounded, not a third part of the dead
    text = ("At least 27 civilians including three children were killed and dozens more wounded by raids by Russian "
            "aircraft and regime helicopters on several opposition districts of Aleppo.")
    assert statements(text) == [("fatalities", 27, None, [("children", 3)]), ("injured", 12, None, [])]


def test_a_breakdown_after_the_verb_still_belongs_to_its_total():
    # 1926478960: the counter-case: "were killed among them 4 children and a woman"
    text = ("Six civilians were killed among them 4 children and a woman while eight persons were injured in "
            "terrorist attacks with rocket shells.")
    assert statements(text) == [("fatalities", 6, None, [("children", 4), ("women", 1)]), ("injured", 8, None, [])]


@pytest.mark.parametrize("text, expected", [
    # 1923102952, 1926479074: "from one family" says who the victims were; "a child" after "including" is a part
    ("Three children from one family were killed and five others were wounded on Saturday in an Syrian regime "
     "airstrike on the city of Rastan.", [("fatalities", 3, None, []), ("injured", 5, None, [])]),
    ("Five civilians of one family including a child were killed and dozens injured in Russian airstrikes on the "
     "neighborhood of Tareeq Albab in Aleppo on Monday.", [("fatalities", 5, None, []), ("injured", 12, None, [])]),
    ("قتل خمسة مدنيين من عائلة واحدة بينهم طفلان وأصيب 10 آخرون في غارة على بلدة سراقب.",
     [("fatalities", 5, None, []), ("injured", 10, None, [])]),
])
def test_a_family_counts_nobody(text, expected):
    lang = "ar" if text[0] > "\u0600" else "en"
    assert statements(text, lang) == expected


@pytest.mark.parametrize("text, expected", [
    # 1923848256: "Rebel shelling kills four civilians": "rebel" describes the shelling; no rebel was killed
    ("Rebel shelling kills four civilians in Damascus Monitor", [("fatalities", 4, None, [])]),
    # the counter-cases: a singular victim next to its verb, or with only an auxiliary between
    ("A child was killed by a sniper in the town on Sunday.", [("fatalities", 1, None, [])]),
    ("The shelling killed a woman in the town on Sunday.", [("fatalities", 1, None, [])]),
])
def test_a_singular_victim_stands_next_to_its_verb(text, expected):
    assert statements(text) == expected


def test_auxiliaries_do_not_hold_a_number_from_its_verb():
    # 1962495711: "one child has been killed and 7 people have been injured": the 7 are the injured
    text = ("Due to terrorist attacks with rocket shells and explosive rounds on al-Mazzeh area in Damascus city one "
            "child has been killed and 7 people have been injured on Monday.")
    assert statements(text) == [("fatalities", 1, None, []), ("injured", 7, None, [])]


def test_a_dateline_is_not_a_range():
    # 1965511208: "10-03-2016 … Kills 140 Terrorists": no toll of 3 to 2016
    text = "10-03-2016 Syrian Army Advances in Aleppo Kills 140 Terrorists in Hama & Homs ."
    assert statements(text) == [("fatalities", 140, None, [])]
    assert statements("Between 10-15 people were killed in the strike.") == [("fatalities", 10, 15, [])]


def test_a_list_of_counts_before_one_verb():
    # 1924058188: "22 children 6 teachers killed" (the comma lost): both counts are the killed
    assert statements("22 children 6 teachers killed in Russian Syrian airstrikes near schools in Idlib") == [
        ("fatalities", 22, None, []), ("fatalities", 6, None, [])]
    # the counter-case: a verb of its own for the second count
    assert statements("The strike killed 5 civilians and 3 fighters were wounded.") == [
        ("fatalities", 5, None, []), ("injured", 3, None, [])]


@pytest.mark.parametrize("dateline", ["21-03-2016", "2016/03/21", "03.07.2015"])
def test_a_date_in_figures_counts_nobody(dateline):
    # 1965511207: "21-03-2016 Syrian Army Kills 30 ISIL Terrorists": not 3 killed
    text = f"{dateline} Syrian Army Kills 30 ISIL Terrorists in Aleppo Northern Countryside."
    assert statements(text) == [("fatalities", 30, None, [])]


@pytest.mark.parametrize("text, lang", [
    # 1923102901, 1924058099: who some of the dead were, not a smaller account of the toll
    ("The Syrian Observatory for Human Rights said at least 14 of the dead were rebels.", "en"),
    # 1923102950
    ("Of those killed six were children.", "en"),
    ("وقال المرصد إن 14 من القتلى من المقاتلين.", "ar"),
])
def test_a_part_of_the_dead_is_not_another_account(text, lang):
    assert statements(text, lang) == []


def test_the_share_of_one_attack_in_a_toll_stays_its_toll():
    # 1923848189: the counter-case: "fifteen of the dead … came in the barrel bomb strike" is that strike's toll
    text = ("Fifteen of the dead among them four of the children came in the barrel bomb strike on a rebel-held "
            "district of the divided northern city the Syrian Observatory for Human Rights said.")
    assert statements(text) == [("fatalities", 15, None, [("children", 4)])]


@pytest.mark.parametrize("text, lang, toll", [
    # 1923102962: "killed on Thursday and Friday": a two-day toll is a figure (GUIDE 8), the fighting an event
    ("At least 128 troops and militia were killed on Thursday and Friday as the army battled to restore control of "
     "the road to Deir Ezzor the Observatory said.", "en", 128),
    # 1923848279: "in a two-day opposition offensive"
    ("Syria's regime and rebels were locked in fierce fighting Sunday on Aleppo's western edges where 38 civilians "
     "have been killed in a two-day opposition offensive.", "en", 38),
    ("قتل 20 عنصرا من قوات النظام يومي الخميس والجمعة في اشتباكات مع المعارضة في ريف حماة.", "ar", 20),
])
def test_a_toll_over_two_named_days_is_a_figure(text, lang, toll):
    coded = extract_article(Article("t", text, published="2016-09-17", language=lang))
    assert coded.events and all(e.fatalities is None for e in coded.events)
    assert toll in {f.value for f in coded.figures if f.kind == "fatalities"}


def test_one_day_keeps_its_toll():
    found = extract_article(Article("t", "Air strikes on Thursday killed 12 people in Saraqeb.",
                                    published="2016-09-17", language="en")).events
    assert [e.fatalities for e in found] == [12]


@pytest.mark.parametrize("text, lang, toll", [
    # 1926479136: the update replaces the earlier figure (GUIDE 8), it is not a second source
    ("Death toll from terrorist rocket attacks in Aleppo rises to 8. The death toll from the terrorist groups rocket "
     "attacks on Salah Eddin neighborhood in Aleppo city rose to 8 civilians in addition to 12 injured a source at "
     "Aleppo Police Command told SANA late on Tuesday. The source earlier put the death toll at 5 civilians while 9 "
     "other people were reported injured.", "en", 8),
    # BB-internationalNews-253-20180330: "the sources had at first said five soldiers were killed"
    ("أفادت مصادر أمنية تركية الجمعة بمقتل ستة من عناصر الأمن في هجوم شنه مسلحو حزب العمال الكردستاني بالقرب من "
     "قاعدة عسكرية في ولاية سيعرت جنوب شرقي تركيا. وكانت المصادر في البداية قد قالت إن خمسة جنود قد قتلوا.", "ar", 6),
])
def test_an_update_or_a_later_account_outranks_the_earlier_figure(text, lang, toll):
    found = extract_article(Article("t", text, published="2016-08-16", language=lang)).events
    assert [e.fatalities for e in found] == [toll]


def test_two_sources_keep_the_lower_figure():
    # the counter-case: two sources, neither an update nor superseded: the conservative figure (GUIDE 8)
    text = ("Air strikes killed 12 people in the town of Saraqeb on Tuesday the Observatory said. Local activists "
            "said 15 people were killed in the strikes on Saraqeb.")
    (e,) = extract_article(Article("t", text, published="2016-08-16", language="en")).events
    assert (e.fatalities, e.fatalities_max) == (12, 15)


@pytest.mark.parametrize("text, lang, expected", [
    # the next victims of the same verb, after it: both counts are the killed
    ("The strike killed 5 civilians and 3 fighters in the town.", "en", [5, 3]),
    ("أسفرت الغارة عن مقتل 5 مدنيين و3 عناصر من الفصائل في البلدة.", "ar", [5, 3]),
    # 1923848179: "killed two women and their seven children"
    ("It also said a coalition raid on the northern city of Manbij killed two women and their seven children.", "en",
     [2, 7]),
    # SK-middleEast-414-20180319: a dual noun carries its own number
    ("قتل 15 طفلا وامرأتان في غارة جوية استهدفت مساء الاثنين مدرسة كانوا يحتمون بها.", "ar", [15, 2]),
    # 1924058058: "30 regime soldiers": the side stands between the number and its noun
    ("The Syrian Observatory for Human Rights said 30 regime soldiers and 39 rebel fighters had been killed in "
     "battles around Al Maleh.", "en", [30, 39]),
    # the counter-case: "regime and rebel fighters" is one count, "rebel" qualifies the fighters
    ("At least 70 regime and rebel fighters have been killed in 24 hours in a government assault.", "en", [70]),
])
def test_the_next_item_of_a_list_of_victims_shares_the_verb(text, lang, expected):
    assert [v for kind, v, _, _ in statements(text, lang) if kind == "fatalities"] == expected


def test_the_running_total_of_a_campaign_is_no_update_of_the_event():
    # SK-middleEast-2798-20180708: "the toll of the military operation rose thereby to 162": not this strike's toll
    text = ("واستهدفت الطائرات الحربية السورية الأحياء الواقعة تحت سيطرة الفصائل المعارضة في مدينة درعا الأحد، مما "
            "أسفر عن مقتل مدني. وارتفعت بذلك حصيلة قتلى العملية العسكرية في محافظة درعا إلى 162 مدنيا.")
    (e,) = extract_article(Article("t", text, published="2018-07-08", language="ar")).events
    assert e.fatalities == 1
