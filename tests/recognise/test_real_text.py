"""Text, number and date reading pinned on real lines of the ANT corpus, each cited by docno."""

from datetime import date

from marsad.extraction.casualties import find_statements
from marsad.model import Article
from marsad.pipeline import default_gazetteer, extract_article
from marsad.recognise.analysis import analyse
from marsad.recognise.lexicon import lexicon
from marsad.text.sentences import split_sentences
from tests.conftest import sentence_of


def analysed(ant, docno, needle):
    row = ant[docno]
    line = sentence_of(row["text"], needle)
    sentence = next(s for s in split_sentences(line) if needle in s.text)
    published = date.fromisoformat(row["pub_time_utc"][:10])
    return analyse(sentence, lexicon("ar"), default_gazetteer(), published)


def figures(ant, docno, needle):
    row = ant[docno]
    doc = extract_article(Article(id=docno, text=sentence_of(row["text"], needle), published=row["pub_time_utc"]))
    return [(f.kind, f.value, f.approximate) for f in doc.figures]


def test_arabic_indic_digits_and_a_month_with_its_year(ant):
    a = analysed(ant, "AL-internationalNews-161-20180222", "أسقطت الجنسية عن ١٥٠")
    assert [q.value for q in a.quantities][0] == 150
    (d,) = a.dates
    assert (d.text, d.start, d.precision) == ("يوليو من عام ٢٠١٧", date(2017, 7, 1), 3)


def test_decimal_millions_and_vague_thousands_are_figures(ant):
    assert figures(ant, "AL-economy-382-20180406", "1.5 مليون لاجئ") == [("refugees", 1_500_000, False)]
    assert ("refugees", 10_000, True) in figures(ant, "AL-internationalNews-1511-20180608", "عشرات الآلاف من اللاجئين")


def test_dual_noun_carries_its_number(ant):
    a = analysed(ant, "BB-middleEast-20-20180214", "اسمي القتيلين")
    assert [(s.kind, s.value) for s in find_statements(a)] == [("fatalities", 2)]


def test_clitic_prefixed_place_names_resolve(ant):
    # "… الذي استهدف بلدة دوما الخاضعة لسيطرة #المعارضة_السورية بريف #دمشق …"
    a = analysed(ant, "AL-internationalNews-836-20180408", "بريف #دمشق")
    names = {(p.text, p.candidates[0].admin1) for p in a.places}
    assert ("دوما", "Rural Damascus") in names


def test_levantine_month_paired_with_the_egyptian_name(ant):
    a = analysed(ant, "AL-culture-248-20180410", "وتحل ذكراها في 13 نيسان/إبريل")
    assert [(d.text, d.start.month, d.start.day) for d in a.dates] == [("13 نيسان/إبريل", 4, 13)]


def test_place_names_that_are_common_words_need_context(ant):
    # "… مما يفتح الباب أمام غيرهما للعودة": opening the door, not the town of al-Bab
    assert not [p for p in analysed(ant, "AL-internationalNews-161-20180222", "يفتح الباب").places if p.text == "الباب"]
    # "… أبرزها مدينة الباب غرباً وجرابلس شمالاً": the town
    bab = [p for p in analysed(ant, "BB-middleEast-288-20180404", "مدينة الباب غرباً").places if p.text == "الباب"]
    assert bab and bab[0].candidates[0].admin1 == "Aleppo"
    # "… النشيد الوطني السوري الحالي "حماة الديار"": the anthem ("guardians of the homeland"), not Hama
    assert not [p for p in analysed(ant, "BB-culture-6-20180214", "حماة الديار").places if p.text == "حماة"]
    # "… بلدة مصياف القريبة من مدينة حماة": the city
    assert any(p.text == "حماة" for p in analysed(ant, "BB-middleEast-850-20180805", "القريبة من مدينة حماة").places)


def test_hamlets_named_like_common_words_are_not_places(ant):
    # "في وقت سابق" and "أكثر من": no village called أكثر here
    a = analysed(ant, "BB-middleEast-139-20180306", "وقتل 719 شخصاً على الأقل")
    assert [p.text for p in a.places] == ["الغوطة الشرقية"]
    assert a.places[0].candidates[0].kind == "region"
