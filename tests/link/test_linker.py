"""Linking rules on hand-made reports: what joins, what must not, and what the linked event says."""

from datetime import date

from marsad.link.linker import compatible, fuse

DOUMA = (33.5711, 36.4028)
HARASTA = (33.5586, 36.3650)  # 3.7 km from Douma
HOMS = (34.7308, 36.7094)


def report(rid, article, day="2018-03-05", place=DOUMA, precision=1, sub="Air/drone strike", actor1=None,
           fatalities=None, admin1="Rural Damascus", outlet="bbc", **kw):
    lat, lon = place if place else (None, None)
    return {"report_id": rid, "article_id": article, "event_type": kw.pop("event_type", "Explosions/Remote violence"),
            "sub_event_type": sub, "event_date": day, "time_precision": kw.pop("time_precision", 1),
            "country": "Syria", "admin1": admin1, "location": kw.pop("location", "Douma"), "latitude": lat,
            "longitude": lon, "geo_precision": precision, "actor1": actor1, "actor2": kw.pop("actor2", None),
            "fatalities": fatalities, "outlet": outlet, "published": day, "sources": kw.pop("sources", []), **kw}


def test_same_town_same_day_from_two_articles_link():
    assert compatible(report("1", "a"), report("2", "b", fatalities=5))


def test_nothing_links_inside_one_article():
    assert not compatible(report("1", "a"), report("2", "a"))


def test_different_days_types_and_far_places_do_not_link():
    assert not compatible(report("1", "a"), report("2", "b", day="2018-03-08"))
    assert not compatible(report("1", "a"), report("2", "b", sub="Armed clash", event_type="Battles"))
    assert not compatible(report("1", "a"), report("2", "b", place=HOMS, admin1="Homs"))
    assert not compatible(report("1", "a", sub="Suicide bomb"), report("2", "b", sub="Air/drone strike"))


def test_air_strike_and_shelling_reports_of_one_event_link():
    assert compatible(report("1", "a"), report("2", "b", sub="Shelling/artillery/missile attack"))


def test_a_week_precise_date_links_within_the_week():
    assert compatible(report("1", "a"), report("2", "b", day="2018-03-09", time_precision=2))
    assert not compatible(report("1", "a"), report("2", "b", day="2018-03-09"))


def test_two_named_perpetrators_that_differ_do_not_link():
    assert not compatible(report("1", "a", actor1="Military Forces of Russia"),
                          report("2", "b", actor1="Military Forces of Israel"))
    assert compatible(report("1", "a", actor1="Military Forces of Russia"),
                      report("2", "b", actor1="Unidentified Armed Group (Syria)"))


def test_a_governorate_level_report_needs_more_agreement():
    gov = report("2", "b", place=(33.52, 36.46), precision=3, location="Rural Damascus", time_precision=2,
                 day="2018-03-07")
    assert not compatible(report("1", "a"), gov)  # the same governorate and week is not enough
    assert compatible(report("1", "a"), gov | {"event_date": "2018-03-05"})  # the same day is
    assert compatible(report("1", "a", fatalities=12), gov | {"fatalities": 12})  # or the same toll
    assert compatible(report("1", "a", actor1="Military Forces of Syria"), gov | {"actor1": "Military Forces of Syria"})
    assert not compatible(report("1", "a", fatalities=12), gov | {"fatalities": 12, "admin1": "Homs"})
    far = gov | {"location": "Eastern Syria", "admin1": None, "latitude": 35.0, "longitude": 40.0}
    assert not compatible(report("1", "a"), far | {"event_date": "2018-03-05"})  # 400 km away


def test_undated_reports_never_link():
    assert not compatible(report("1", "a", day=None), report("2", "b", day=None))


def test_fused_event_keeps_the_most_precise_place_the_lowest_toll_and_every_source():
    reports = [report("1", "a", place=(33.52, 36.46), precision=2, location="Eastern Ghouta", fatalities=20,
                      sources=["SOHR"], outlet="bbc", time_precision=2),
               report("2", "b", fatalities=24, sources=["Syrian Civil Defence"], outlet="france24",
                      actor1="Military Forces of Syria"),
               report("3", "c", fatalities=20, sources=["SOHR"], outlet="bbc")]
    f = fuse(reports)
    assert (f["location"], f["geo_precision"], f["time_precision"]) == ("Douma", 1, 1)
    assert (f["fatalities"], f["fatalities_max"]) == (20, 24)
    assert f["sources"] == ["SOHR", "Syrian Civil Defence"] and f["outlets"] == ["bbc", "france24"]
    assert (f["n_reports"], f["n_outlets"], f["n_articles"]) == (3, 2, 3)
    assert f["actor1"] == "Military Forces of Syria" and "reports_disagree_on_fatalities" in f["flags"]
    assert "Fatalities reported: 20" in f["notes"]


def test_two_named_towns_are_two_events_even_close_together():
    assert not compatible(report("1", "a"), report("2", "b", place=HARASTA, location="Harasta"))


def test_a_regional_report_cannot_bridge_two_towns():
    """Eastern Ghouta fits Douma and fits Harasta; with complete linkage it joins one of them, and Harasta
    then cannot join Douma's event through it."""
    from marsad.link.linker import compatible as ok

    douma = report("1", "a")
    ghouta = report("2", "b", place=(33.54, 36.43), precision=2, location="Eastern Ghouta")
    harasta = report("3", "c", place=HARASTA, location="Harasta")
    assert ok(douma, ghouta) and ok(ghouta, harasta) and not ok(douma, harasta)
    cluster = [douma, ghouta]
    assert not all(ok(harasta, m) for m in cluster)


def test_compatibility_does_not_depend_on_the_order_of_the_two_reports():
    gov = dict(place=(35.9, 36.6), precision=3, location="Idleb", admin1="Idleb", time_precision=2)
    a = report("1", "a", actor1="Unidentified Armed Group (Syria)", actor2="Hay'at Tahrir al-Sham", **gov)
    b = report("2", "b", day="2018-03-08", actor1="Hay'at Tahrir al-Sham", **gov)
    assert compatible(a, b) == compatible(b, a)


def test_fuse_takes_undated_reports():
    f = fuse([report("1", "a") | {"published": None}, report("2", "b") | {"published": date(2018, 3, 5)}])
    assert f["n_reports"] == 2


def test_reports_of_a_chemical_attack_a_few_days_apart_link_but_daily_strikes_do_not():
    # Douma, 7 April 2018: the reactions of the following days date the attack by their own day; a town is shelled
    # every day, it is gassed once
    gas = dict(sub="Chemical weapon")
    assert compatible(report("1", "a", day="2018-04-07", **gas), report("2", "b", day="2018-04-10", **gas))
    assert not compatible(report("1", "a", day="2018-04-07", **gas), report("2", "b", day="2018-04-16", **gas))
    assert not compatible(report("1", "a", day="2018-04-07"), report("2", "b", day="2018-04-10"))


def test_a_party_s_claim_naming_another_perpetrator_is_the_same_event():
    # SANA: "the attack was staged by Jaysh al-Islam"; the opposition: "the regime's attack" (docs/DESIGN.md)
    regime = report("1", "a", actor1="Military Forces of Syria")
    claim = report("2", "b", actor1="Jaysh al-Islam", flags=["claimed"])
    assert compatible(regime, claim) and compatible(claim, regime)
    assert not compatible(regime, report("3", "c", actor1="Jaysh al-Islam"))


def test_one_article_s_two_accounts_of_a_chemical_attack_dated_apart_are_one():
    gas = dict(sub="Chemical weapon")
    assert compatible(report("1", "a", day="2018-04-07", **gas), report("2", "a", day="2018-04-09", **gas))
    assert not compatible(report("1", "a", day="2018-04-07"), report("2", "a", day="2018-04-07"))  # other types
