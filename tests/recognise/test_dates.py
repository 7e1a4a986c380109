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
    ("last week", "en", ("last week", "2018-02-19", None, 2, "point")),
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
