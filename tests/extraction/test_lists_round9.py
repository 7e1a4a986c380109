"""Lists that lost their commas (issue 11, round 9): "in Kels Shahroura Sarraf and Hajjar" names four villages,
each its own event (ACLED), as scraped and machine-translated English often prints them. On the real sentences,
cited by docno, with the counter-cases: a city's quarters, a list of governorates, two names."""

import pytest

from marsad.model import Article
from marsad.pipeline import default_gazetteer, extract_article
from marsad.recognise.analysis import analyse
from marsad.recognise.lexicon import lexicon
from marsad.text.sentences import split_sentences


def listed(text):
    [sentence] = split_sentences(text, "text")
    a = analyse(sentence, lexicon("en"), default_gazetteer(), None)
    return [[i.text for i in items] for items in a.lists]


def coded(text):
    events = extract_article(Article("t", text, published="2016-06-16", language="en")).events
    return [(e.location, e.location_text) for e in events]


@pytest.mark.parametrize("text, names", [
    # 1965511181
    ("The Syrian army managed on Thursday to put the terrorists in the line of its fire in Kels Shahroura Sarraf and "
     "Hajjar east of the town of Rabia in Latakia northern countryside.", ["Kels", "Shahroura", "Sarraf", "Hajjar"]),
    # 1962495664: a name runs over its hyphened article and after a generic head
    ("The Syrian fighter jets in several combat flights pounded ISILs strongholds in Tabaret al-Deibeh Abu Hanaya Abu "
     "Hbeilat and al-Hardaneh in the Eastern side of Salamiyah.",
     ["Tabaret al-Deibeh", "Abu Hanaya", "Abu Hbeilat", "al-Hardaneh"]),
    # 1965511213: after a plural kind word
    ("The armys air force carried out intensive sorties targeting hideouts of ISIL terrorists in the villages of Jub "
     "Ghabsheh Eibed Souran Tal Alam Deir Qaq Sarjeh and al-Zaalaneh 30km north east of Aleppo city.",
     ["Jub Ghabsheh", "Eibed", "Souran", "Tal Alam", "Deir Qaq", "Sarjeh", "al-Zaalaneh"]),
    # 1962495719: a direction that begins a name
    ("The Syrian army units pounded the ISILs gathering centers near Tadmur Jazal Western Qasr al-Hayyar and Abu "
     "Kala dam in Eastern Homs on Thursday.", ["Tadmur", "Jazal", "Western Qasr al-Hayyar", "Abu Kala"]),
])
def test_names_listed_without_commas(text, names):
    assert listed(text) == [names]


def test_each_listed_village_is_an_event():
    # 1965511213: one air strike each, the unknown villages at the governorate, flagged unresolved
    text = ("The armys air force hit positions for Jaish al-Fateh and other terrorist organizations in Kafr Zita Jeb "
            "al-Rayan and Kefr Nabbouda in the northern countryside of Hama province on Wednesday.")
    assert [text for _, text in coded(text)] == ["Kafr Zita", "Jeb al-Rayan", "Kefr Nabbouda"]


def test_a_citys_quarters_governorates_and_two_names_are_no_such_list():
    # 1926478925: "rocket shells on Salah-Eddin al-Zahraa and al-Akramiya neighborhoods in the city": one event
    text = ("Terrorists fired rocket shells on Salah-Eddin al-Zahraa and al-Akramiya neighborhoods in Aleppo city on "
            "Saturday evening killing two people.")
    assert listed(text) == []
    # 1926478992: a headline's governorates
    assert listed("A child killed 7 people injured in terrorist attacks in Aleppo Damascus Countryside and "
                  "Quneitra.") == []
    # commas and two names are read as before
    assert listed("Russian jets struck Saraqib and Binnish on Monday.") == []


def test_unknown_listed_towns_lie_in_the_governorate_their_sentence_names():
    # 1926479014: "Activists in eastern Ghouta said that the Assad regime and Russian jets bombed the towns of Housh
    # Salhiya Nishabiya and Otaya": Rural Damascus, not Damascus, the governorate the article names most
    text = ("Bombardment on rebel-held areas in Damascus continues. Activists in Damascus said airstrikes targeted "
            "Qaboun. Activists in eastern Ghouta said that the Assad regime jets bombed the towns of Housh Salhiya "
            "Nishabiya and Otaya in Almarj area on Friday causing civilian casualties.")
    events = extract_article(Article("t", text, published="2017-04-21", language="en")).events
    listed = [e for e in events if e.location_text in ("Housh Salhiya", "Nishabiya", "Otaya")]
    assert len(listed) == 3 and {e.admin1 for e in listed} == {"Rural Damascus"}
