"""Dates (issue 11, round 9): a dateline whose day and year are glued together ("Last updated at Jul 282016",
as scraped pages print them) is still the date the report's "Wednesday" is read against. On the real
sentences, cited by docno, with the counter-case."""

from marsad.model import Article
from marsad.pipeline import extract_article


def test_a_glued_dateline_dates_the_weekdays():
    # 1924058046: collected on 2016-07-19, printed "Last updated at Jul 282016": Wednesday is 27 July
    text = ("Last updated at Jul 282016 QAMISHLI Syria A massive bomb blast claimed by the Daesh terror group killed "
            "at least 44 people and wounded dozens on Wednesday in the Kurdish-majority Syrian city of Qamishli.")
    coded = extract_article(Article("t", text, published="2016-07-19", language="en"))
    assert [e.event_date for e in coded.events] == ["2016-07-27"]


def test_a_glued_number_far_from_publication_is_no_dateline():
    # the counter-case: six digits whose "year" lies far from the publication date are no dateline
    text = ("Ref 112009 QAMISHLI Syria A massive bomb blast killed at least 44 people and wounded dozens on Wednesday "
            "in the Kurdish-majority Syrian city of Qamishli.")
    coded = extract_article(Article("t", text, published="2016-07-19", language="en"))
    assert [e.event_date for e in coded.events] == ["2016-07-13"]
