"""Dates (issue 11, round 8): when a campaign began is not the day of an event of it; each rule on the real
sentence, cited by docno, with its counter-case."""

from marsad.model import Article
from marsad.pipeline import extract_article
from tests.conftest import coded_places


def test_the_start_of_a_campaign_is_not_the_day_of_its_clash():
    # BB-middleEast-124-20180302: "… in the framework of the Olive Branch operation, which Turkey began last
    # January": the clash reported on 2 March is not history from January
    text = ("أعلن الجيش التركي مقتل ثمانية من جنوده في اشتباكات بمدينة عفرين شمالي سوريا.\n"
            "وأصيب 13 آخرون خلال المواجهات، وهي في إطار عملية \"غصن الزيتون\" التي بدأتها تركيا في يناير/كانون "
            "الثاني الماضي.")
    events = extract_article(Article("t", text, title="مقتل 8 جنود أتراك في اشتباكات بمنطقة عفرين السورية",
                                      published="2018-03-02T01:13:59+00:00", language="ar")).events
    assert [(e.sub_event_type, e.event_date[:7], e.fatalities) for e in events] == [("Armed clash", "2018-03", 8)]


def test_the_fighting_that_began_on_a_day_keeps_that_day():
    # 1923848310: the counter-case: "the fighting that began on Thursday" is the event's own day
    text = ("The Syrian Observatory for Human Rights said 45 opposition fighters and 43 regime forces had been killed "
            "in the fighting that began on Thursday near Tal al-Jabiyeh in Daraa province.")
    events = extract_article(Article("t", text, published="2014-04-26", language="en")).events
    assert events and all(e.event_date == "2014-04-24" for e in events)


def test_mar_is_march_in_a_dateline():
    # 1923848318: "… NGO AFP Monday 17 Mar 2014 Six people were killed … Monday": the printed dateline says
    # which Monday (the collection dated the article 11 March)
    text = ("Car bomb kills six in Syrias Homs NGO AFP Monday 17 Mar 2014 Six people were killed and 20 wounded Monday "
            "by a car bomb in a Homs district a monitoring group said.")
    events = extract_article(Article("t", text, published="2014-03-11", language="en")).events
    assert [e.event_date for e in events] == ["2014-03-17"]


def test_history_the_rules_leave_out_is_said():
    # an account dated by its context long before publication is history: not coded, and the output says so
    text = ("On 4 April 2017 the army launched an offensive in Idlib province. Government forces shelled the town of "
            "Saraqeb killing 12 people.")
    coded = extract_article(Article("t", text, published="2018-03-05", language="en"))
    assert coded.events == []
    assert any(w.startswith("not coded: a shelling/artillery/missile attack dated 2017-04-04") for w in coded.warnings)


def test_fighting_since_this_morning_is_a_report():
    # "تدور معارك عنيفة … منذ صباح اليوم": a span of a day is as good as a day; a campaign's span is not
    text = "تدور معارك عنيفة في محيط بلدة سراقب منذ صباح اليوم."
    assert coded_places(text, "ar", "2018-02-05") == [("Armed clash", "Saraqib")]
    campaign = "تدور معارك في محيط بلدة سراقب منذ بدء الحملة العسكرية في كانون الأول."
    assert coded_places(campaign, "ar", "2018-02-05") == []
