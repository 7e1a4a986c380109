from datetime import date

import pytest

from marsad.recognise.analysis import analyse
from marsad.recognise.dates import holiday_date
from marsad.recognise.lexicon import lexicon
from marsad.text.sentences import split_sentences
from tests.recognise.test_numbers import NoPlaces

SUNDAY = date(2018, 3, 4)


def dates(text, lang, published=SUNDAY):
    a = analyse(split_sentences(text)[0], lexicon(lang), NoPlaces(), published)
    return [(d.text, d.start and d.start.isoformat(), d.end and d.end.isoformat(), d.precision, d.kind)
            for d in a.dates]


@pytest.mark.parametrize("text,lang,expected", [
    ("قتل 5 يوم الأحد", "ar", ("يوم الأحد", "2018-03-04", None, 1, "point")),
    ("قتل 3 مساء السبت الماضي", "ar", ("مساء السبت الماضي", "2018-03-03", None, 1, "point")),
    ("وصل الأحد الماضي", "ar", ("الأحد الماضي", "2018-02-25", None, 1, "point")),
    ("في الرابع من أبريل عام 2017 قتل", "ar", ("الرابع من أبريل عام 2017", "2017-04-04", None, 1, "point")),
    ("في 4 نيسان 2017", "ar", ("4 نيسان 2017", "2017-04-04", None, 1, "point")),
    ("في 15 كانون الثاني الماضي", "ar", ("15 كانون الثاني", "2018-01-15", None, 1, "point")),
    ("منذ عيد الميلاد", "ar", ("منذ عيد الميلاد", "2017-12-25", "2018-03-04", 1, "range")),
    ("خلال الشهرين الماضيين", "ar", ("خلال الشهرين الماضيين", "2018-01-03", "2018-03-04", 3, "range")),
    ("منذ يومين", "ar", ("منذ يومين", "2018-03-02", None, 1, "point")),
    ("أمس", "ar", ("أمس", "2018-03-03", None, 1, "point")),
    ("On Sunday, February 25, 2018", "en", ("On Sunday, February 25, 2018", "2018-02-25", None, 1, "point")),
    ("since Christmas", "en", ("since Christmas", "2017-12-25", "2018-03-04", 1, "range")),
    ("within two months", "en", ("within two months", "2018-01-03", "2018-03-04", 3, "range")),
    ("3 days ago", "en", ("3 days ago", "2018-03-01", None, 1, "point")),
    ("last week", "en", ("last week", "2018-02-19", "2018-02-25", 2, "point")),
    # spans, not a made-up day (issue 11): a few days ago, last week, this week, last month
    ("قتل 5 قبل أيام", "ar", ("قبل أيام", "2018-02-26", "2018-03-03", 2, "point")),
    ("قتل 5 قبل بضعة أيام", "ar", ("قبل بضعة أيام", "2018-02-26", "2018-03-03", 2, "point")),
    ("killed a few days ago", "en", ("a few days ago", "2018-02-26", "2018-03-03", 2, "point")),
    ("two days ago", "en", ("two days ago", "2018-03-02", None, 1, "point")),
    ("الأسبوع الماضي", "ar", ("الأسبوع الماضي", "2018-02-19", "2018-02-25", 2, "point")),
    ("this week", "en", ("this week", "2018-02-26", "2018-03-04", 2, "point")),
    ("الشهر الماضي", "ar", ("الشهر الماضي", "2018-02-01", "2018-02-28", 3, "point")),
    ("ألف قتيل في أسبوعين", "ar", ("في أسبوعين", "2018-02-18", "2018-03-04", 2, "range")),  # a period
    ("in March 2017", "en", ("March 2017", "2017-03-01", None, 3, "point")),
    ("منذ 2011", "ar", ("منذ 2011", "2011-01-01", None, 4, "year")),
])
def test_date_expressions(text, lang, expected):
    assert expected in dates(text, lang)


def test_month_names_that_are_words_need_a_number():
    assert dates("The UN may send aid", "en") == []
    assert dates("they march on", "en") == []


def test_without_publication_date_relative_dates_stay_unresolved():
    found = dates("قتل 5 يوم الأحد", "ar", published=None)
    assert found == [("يوم الأحد", None, None, None, "point")]
    assert dates("في 4 نيسان 2017", "ar", published=None)[0][1] == "2017-04-04"


def test_holidays():
    assert holiday_date("eid_al_fitr", 2018) == date(2018, 6, 15)
    assert holiday_date("eid_al_adha", 2018) == date(2018, 8, 21)
    assert holiday_date("easter", 2018) == date(2018, 4, 1)


def test_levantine_and_egyptian_month_side_by_side():
    found = dates("في الرابع من نيسان/أبريل 2017 قتل", "ar", published=date(2018, 6, 13))
    assert found == [("الرابع من نيسان/أبريل 2017", "2017-04-04", None, 1, "point")]


@pytest.mark.parametrize("published,day", [
    ("2018-03-02T22:30:00+00:00", "2018-03-03"),  # 00:30 in Damascus: already the next day
    ("2018-03-02T20:30:00Z", "2018-03-02"),
    ("Fri, 02 Mar 2018 23:36:21 +0400", "2018-03-02"),  # 21:36 in Damascus
    ("2018-03-02T22:30:00", "2018-03-02"),  # no zone: taken as local
    ("2018-03-02", "2018-03-02"),
])
def test_a_timed_publication_is_dated_by_the_day_in_damascus(published, day):
    from marsad.pipeline import parse_published

    assert parse_published(published).isoformat() == day


def test_the_news_zone_can_be_changed(monkeypatch):
    from marsad.pipeline import parse_published

    monkeypatch.setenv("MARSAD_TIMEZONE", "America/New_York")
    assert parse_published("2018-03-02T02:30:00+00:00").isoformat() == "2018-03-01"


def test_a_utc_field_without_a_zone_is_read_as_utc():
    from marsad.ingest.readers import record_article

    a = record_article({"docno": "x", "text": "t", "pub_time_utc": "2018-03-02T22:30:00"}, "f", "x")
    assert a.published == "2018-03-02T22:30:00+00:00"
    assert record_article({"id": "x", "text": "t", "published": "2018-03-02T22:30:00"}, "f", "x").published == \
        "2018-03-02T22:30:00"
