"""Extraction rules pinned on real English sentences of the FA-KES corpus (../shared), cited by unit_id.

FA-KES gives each article its event date (not its publication date); the tests use it as the date the
article was published, which is how a same-day report reads.
"""

from marsad.model import Article
from marsad.pipeline import extract_article
from marsad.text.sentences import split_sentences


def code(fakes, unit_id, needle):
    row = fakes[unit_id]
    sentence = next(s.text for s in split_sentences(row["article_content"]) if needle in s.text)
    month, day, year = row["date"].split("/")
    return extract_article(Article(id=unit_id, text=sentence, published=f"{year}-{int(month):02d}-{int(day):02d}"))


def test_bomb_blast_with_dead_and_injured(fakes):
    (e,) = code(fakes, "1914947534", "A bomb blast killed six people").events
    assert e.sub_event_type == "Remote explosive/landmine/IED"
    assert (e.fatalities, e.injured) == (6, 32)
    assert e.admin1 == "Aleppo" and e.sources == ["Syrian state television"]


def test_clash_names_both_sides(fakes):
    (e,) = code(fakes, "1914947535", "At least 29 Syrian rebels were killed").events
    assert (e.event_type, e.sub_event_type) == ("Battles", "Armed clash")
    assert (e.actor1, e.actor2) == ("Military Forces of Syria", "Opposition Rebels (Syria)")
    assert (e.inter1, e.inter2) == (1, 2)
    assert e.fatalities == 29


def test_suicide_bombing_in_a_named_city(fakes):
    (e,) = code(fakes, "1914947536", "A suicide bomb blast killed").events
    assert e.sub_event_type == "Suicide bomb" and "suicide" in e.flags
    assert (e.location, e.admin1, e.geo_precision) == ("Al Hasakah", "Al-Hasakeh", 1)
    assert e.event_date == "2016-07-05" and e.date_text == "on Tuesday"
    assert e.sources == ["Syrian Observatory for Human Rights"]


def test_a_country_qualifying_the_strikes_is_the_attacker_not_the_place(fakes):
    # with the next sentence, which names the city: the 22 dead "on Saturday and Sunday" are a two-day figure
    row = fakes["1914947537"]
    first = next(s for s in split_sentences(row["article_content"]) if "U.S. air strikes" in s.text)
    second = next(s for s in split_sentences(row["article_content"]) if s.start > first.start)
    coded = extract_article(Article(id="1914947537", text=f"{first.text} {second.text}", published="2015-07-05"))
    (e,) = coded.events
    assert (e.sub_event_type, e.actor1) == ("Air/drone strike", "Military Forces of the United States")
    assert e.location != "United States" and e.fatalities is None
    assert 22 in {f.value for f in coded.figures if f.kind == "fatalities"}


def test_a_printed_dateline_is_not_the_day_of_the_events_after_it(fakes):
    # 1926478956: "24 November 2016 US-led coalition airstrikes kill at least ten civilians in Raqqa Ten Syrian
    # civilians were killed Wednesday in airstrikes …" (the headline repeated after the dateline, no full stop):
    # the strike was on Wednesday the 23rd, one event, not a second one on the 24th
    row = fakes["1926478956"]
    doc = extract_article(Article(id="1926478956", title=row["article_title"], text=row["article_content"],
                                  published="2016-11-24"))
    strikes = [e for e in doc.events if e.sub_event_type == "Air/drone strike"]
    assert [(e.event_date, e.fatalities) for e in strikes] == [("2016-11-23", 10)]


def test_a_headline_s_governorate_capital_joins_the_body_s_place_in_it(fakes):
    # 1923102861: "Children killed in Syrias Homs by napalm mortar rounds" … "Two children were killed in regime
    # raids targeting the neighbourhood of al-Waer": Homs (city and governorate) stands for the governorate, and
    # the two accounts (the same toll of two) are one event at al-Waer
    row = fakes["1923102861"]
    doc = extract_article(Article(id="1923102861", title=row["article_title"], text=row["article_content"],
                                  published="2016-08-28"))
    syrian = [(e.location, e.fatalities) for e in doc.events if e.actor1 == "Military Forces of Syria"
              and e.fatalities == 2]
    assert syrian == [("Al-Waer", 2)]


def test_towns_listed_after_towns_of_are_each_an_event(fakes):
    # 1926479206: "Airstrikes also targeted the nearby towns of Rastan Talbeesah Ter Maaleh and Zafarana." (FA-KES
    # lost its commas): each town named is an event (ACLED's rule); those the built-in gazetteer lacks stay at
    # the governorate, flagged
    doc = code(fakes, "1926479206", "Airstrikes also targeted the nearby towns of Rastan")
    assert len(doc.events) >= 2 and all("listed_place" in e.flags for e in doc.events)
    assert doc.events[0].location == "Ar Rastan"


def test_the_towns_people_come_from_are_not_where_a_bomb_went_off():
    # as in 1924058078 ("… as thousands of evacuees from the regime-held predominantly Shia towns of Foua and
    # Kefraya waited …"): one bombing with its toll of five, not one in each town the toll divided
    doc = extract_article(Article(id="x", text="A car bomb killed five people on Sunday among evacuees from the "
                                               "besieged towns of Foua and Kefraya near Aleppo.",
                                  published="2017-04-15", language="en"))
    assert [(e.fatalities, "listed_place" in e.flags) for e in doc.events] == [(5, False)]


def test_a_toll_over_several_days_is_a_figure_and_the_fighting_an_event(fakes):
    # 1923848310: "88 dead in two days of clashes in Syrias Daraa Monitor" (GUIDE 8: a toll over several days is a
    # figure, no event carries it)
    doc = extract_article(Article(id="x", text="88 dead in two days of clashes in Syrias Daraa Monitor.",
                                  published="2014-04-26", language="en"))
    assert [(e.sub_event_type, e.fatalities) for e in doc.events] == [("Armed clash", None)]
    assert [(f.kind, f.value) for f in doc.figures] == [("fatalities", 88)]
