import pytest

from marsad.recognise.analysis import analyse
from marsad.recognise.lexicon import lexicon
from marsad.recognise.numbers import parse_digits
from marsad.resolve.gazetteer import Gazetteer
from marsad.text.sentences import split_sentences


def NoPlaces() -> Gazetteer:  # noqa: N802 (reads as a class at call sites)
    return Gazetteer("none", [], [])


def quantities(text, lang):
    a = analyse(split_sentences(text)[0], lexicon(lang), NoPlaces(), None)
    return [(q.value, q.value_max, q.qualifier, q.vague) for q in a.quantities]


@pytest.mark.parametrize("text,value", [
    ("1,250", 1250), ("1.250.000", 1250000), ("2.5", 2.5), ("12", 12), ("1,250.5", 1250.5),
])
def test_digit_conventions(text, value):
    assert parse_digits(text) == value


def test_decimal_before_a_scale_word():
    assert quantities("نزح 1.25 مليون شخص و1.250.000 آخرين", "ar")[:2] == [
        (1250000, None, "exact", False), (1250000, None, "exact", False)]
    assert quantities("٢٫٥ مليون نازح", "ar")[0][0] == 2500000


@pytest.mark.parametrize("text,value", [
    ("قتل ثلاثة آلاف وخمسمئة وعشرون شخصا", 3520),
    ("ثلاثة عشر قتيلا", 13),
    ("خمسة وعشرون جريحا", 25),
    ("نحو ألفي شخص", 2000),
    ("مئتا عنصر", 200),
    ("ثلاث مئة وخمسون", 350),
    ("نصف مليون نازح", 500000),
    ("two dozen killed", 24),
    ("a hundred and fifty people", 150),
    ("one hundred twenty-five", 125),
    # words for the thousands, digits for the rest (AL-internationalNews-1415-20180601: Airwars' 6,259)
    ("ما لا يقل عن ستة آلاف و259 مدنيا", 6259),
    ("قتل 3 آلاف و500 شخص", 3500),
    ("two thousand and 40 people", 2040),
])
def test_number_words(text, value):
    lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en"
    assert quantities(text, lang)[0][0] == value


def test_vague_amounts_follow_the_coding_rules():
    assert quantities("مقتل عشرات الآلاف ومئات المدنيين", "ar") == [
        (10000, None, "exact", True), (100, None, "exact", True)]
    assert quantities("dozens were killed and hundreds of thousands fled", "en") == [
        (12, None, "exact", True), (100000, None, "exact", True)]
    assert quantities("several people", "en") == [(None, None, "exact", True)]


def test_ranges():
    assert quantities("قتل ما بين 10 و15 شخصا", "ar")[0][:2] == (10, 15)
    assert quantities("20-25 killed", "en")[0][:2] == (20, 25)
    assert quantities("between 10 and 15 people", "en")[0][:2] == (10, 15)


def test_days_and_years_are_not_counts():
    assert quantities("قتل 5 يوم 4 نيسان 2017", "ar") == [(5, None, "exact", False)]
    assert quantities("on February 25, 2018, 7 were killed", "en") == [(7, None, "exact", False)]


def test_a_vague_thousands_does_not_take_the_next_number():
    assert [v for v, *_ in quantities("قتل آلاف و500 جريح", "ar")] == [1000, 500]


def test_the_number_of_a_list_item_counts_nothing():
    # "1- مقتل 4 مدنيين …": the item's number is not a toll of 1 (a range "3-4" still is one)
    assert [q[0] for q in quantities("1- مقتل 4 مدنيين في قصف على سراقب", "ar")] == [4]
    assert [q[0] for q in quantities("3) Four civilians were killed in Saraqib", "en")] == [4]
    assert quantities("3-4 قتلى في قصف على سراقب", "ar")[0][:2] == (3, 4)
    assert [q[0] for q in quantities("12 killed in Saraqib", "en")] == [12]
