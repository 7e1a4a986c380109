"""The cases a user reported (issue 11), each fixed by a general rule and pinned on the real article of the
ANT corpus (../shared), cited by docno."""

from marsad.model import Article
from marsad.pipeline import extract_article


def code_article(ant, docno):
    row = ant[docno]
    return extract_article(Article(id=docno, title=row["title"], text=row["text"], published=row["pub_time_utc"],
                                   source=row["source"]))


def test_a_word_that_spells_a_far_town_once_a_clitic_is_off_is_not_that_town(ant):
    # "… التي أعلنت عنها بنوك كبرى …": بنوك is "banks", not ب + Nuuk (Greenland); the article is about markets
    doc = code_article(ant, "AL-economy-448-20180415")
    assert not [e for e in doc.events if e.country == "Greenland"]
    assert not [f for f in doc.figures if f.location == "Nuuk"]


def test_a_coalitions_cumulative_toll_is_a_figure_not_a_strike(ant):
    # title "التحالف الدولي يقر بقتل 892 مدنياً في سوريا والعراق"; Airwars: "ستة آلاف و259 مدنيا قتلوا بيد التحالف"
    doc = code_article(ant, "AL-internationalNews-1415-20180601")
    assert not [e for e in doc.events if e.fatalities in (259, 892, 6259)]
    assert {6259, 892} <= {f.value for f in doc.figures if f.kind == "fatalities"}


def test_a_siege_s_dead_told_in_passing_are_a_figure_not_an_air_strike(ant):
    # "وخلفت الانتفاضة أكثر من 1100 قتيل … قبل أن تسحق القوات التمرد … بالهجمات البرية والغارات الجوية" (Marawi)
    doc = code_article(ant, "AL-internationalNews-103-20180219")
    assert not [e for e in doc.events if e.event_type == "Explosions/Remote violence"]
    assert 1100 in {f.value for f in doc.figures if f.kind == "fatalities"}


def test_an_opinion_column_is_not_a_report_of_events(ant):
    # a column on the Bin Laden films: "تلوح جثة بن لادن …", ending "جميع المقالات المنشورة تمثل رأي كتابها فقط"
    doc = code_article(ant, "AL-culture-69-20121011")
    assert doc.events == [] and any("opinion" in w for w in doc.warnings)


def test_a_body_named_in_passing_is_not_an_event():
    doc = extract_article(Article(id="x", text="في السينما الأميركية تلوح جثة بن لادن بصفتها إنجازا.",
                                  published="2012-10-11"))
    assert doc.events == []
