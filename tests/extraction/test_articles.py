"""Whole articles: title and lead merged, output valid against the shipped JSON Schema, no crash on
a random sample of both corpora (the whole ANT corpus runs in bench/throughput.py)."""

import random

from jsonschema import Draft202012Validator

from marsad.model import Article
from marsad.pipeline import extract_article
from marsad.schema import coded_article_schema

VALIDATOR = Draft202012Validator(coded_article_schema())


def ant_article(row):
    return Article(id=row["docno"], title=row["title"], text=row["text"], published=row["pub_time_utc"],
                   url=row["url"], source=row["source"])


def test_title_and_lead_are_one_event(ant):
    # title: "11 قتيلاً مدنياً في قصف جوي تركي على مدينة عفرين"; lead: "قُتل 11 مدنياً، السبت، في غارة تركية …"
    doc = extract_article(ant_article(ant["AL-internationalNews-511-20180317"]))
    afrin = [e for e in doc.events if e.location_text and "عفرين" in e.location_text
             and e.sub_event_type == "Air/drone strike"]
    saturday = [e for e in afrin if e.event_date == "2018-03-17"]
    assert len(saturday) == 1
    e = saturday[0]
    assert {ev.part for ev in e.evidence} == {"title", "text"}
    assert (e.actor1, e.actor2) == ("Military Forces of Turkey", "Civilians (Syria)")
    assert (e.fatalities, e.event_date, e.inter1, e.civilian_targeting) == (11, "2018-03-17", 8, True)
    friday = [e for e in afrin if e.event_date == "2018-03-16"]  # "وأسفر القصف التركي، الجمعة، عن مقتل 43 …"
    assert [(f.fatalities, f.fatalities_max) for f in friday] == [(16, 43)]  # the lowest account, the highest kept
    for ev in e.evidence:
        source = doc.title if ev.part == "title" else ant["AL-internationalNews-511-20180317"]["text"]
        assert source[ev.start:ev.end] == ev.text


def test_random_ant_articles_are_valid_and_evidence_points_into_the_text(ant):
    rows = random.Random(2018).sample(sorted(ant.values(), key=lambda r: r["docno"]), 150)
    for row in rows:
        doc = extract_article(ant_article(row))
        VALIDATOR.validate(doc.to_dict())
        for item in [*doc.events, *doc.figures]:
            for ev in item.evidence:
                source = row["title"] if ev.part == "title" else row["text"]
                assert source[ev.start:ev.end] == ev.text, row["docno"]


def test_random_fakes_articles_are_valid(fakes):
    rows = random.Random(2016).sample(sorted(fakes.values(), key=lambda r: r["unit_id"]), 60)
    for row in rows:
        month, day, year = row["date"].split("/")
        doc = extract_article(Article(id=row["unit_id"], title=row["article_title"], text=row["article_content"],
                                      published=f"{year}-{int(month):02d}-{int(day):02d}"))
        assert doc.language == "en"
        VALIDATOR.validate(doc.to_dict())


def test_relative_dates_without_publication_date_stay_unresolved():
    doc = extract_article(Article(id="x", text="قتل خمسة مدنيين في غارة جوية على مدينة دوما يوم الأحد."))
    (e,) = doc.events
    assert e.event_date is None and e.date_text == "يوم الأحد" and "relative_date_unresolved" in e.flags
    assert any("no publication date" in w for w in doc.warnings)


def test_publication_dates_in_feed_formats_are_read():
    from marsad.pipeline import parse_published

    assert parse_published("Fri, 02 Mar 2018 18:06:21 +0400").isoformat() == "2018-03-02"
    assert parse_published("2018-03-02T18:06:21").isoformat() == "2018-03-02"
    assert parse_published("March 5, 2018").isoformat() == "2018-03-05"
    assert parse_published("not a date") is None
