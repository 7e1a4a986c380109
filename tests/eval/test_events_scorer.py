"""The event scorer's matching rules, on small hand-made cases."""

from marsad.eval.events import MatchRules, score

DOUMA = {"latitude": 33.5711, "longitude": 36.4027, "admin1": "Rural Damascus", "geo_precision": 1}
HARASTA = {"latitude": 33.5586, "longitude": 36.3652, "admin1": "Rural Damascus", "geo_precision": 1}  # 4 km away
IDLIB_CITY = {"latitude": 35.9306, "longitude": 36.6339, "admin1": "Idleb", "geo_precision": 1}
IDLIB_GOV = {"latitude": 35.7667, "longitude": 36.6667, "admin1": "Idleb", "geo_precision": 3}


def ev(kind="Explosions/Remote violence", sub="Air/drone strike", day="2018-03-04", place=DOUMA, **kw):
    return {"event_type": kind, "sub_event_type": sub, "event_date": day, **place, **kw}


def run(gold_events, pred_events, **rules):
    gold = [{"docno": "a", "events": gold_events, "figures": []}]
    return score(gold, {"a": {"events": pred_events, "figures": []}}, MatchRules(**rules)).summary()


def test_same_type_place_and_date_match():
    s = run([ev(fatalities=5)], [ev(place=HARASTA, fatalities=5)])
    assert (s["tp"], s["fp"], s["fn"]) == (1, 0, 0)
    assert s["place_error_median_km"] > 3 and s["fatalities_exact"] == 1.0


def test_type_place_and_date_each_block_a_match():
    assert run([ev()], [ev(kind="Battles", sub="Armed clash")])["tp"] == 0
    assert run([ev()], [ev(place=IDLIB_CITY)])["tp"] == 0
    assert run([ev()], [ev(day="2018-03-07")])["tp"] == 0
    assert run([ev()], [ev(day="2018-03-05")])["tp"] == 1  # within a day
    assert run([ev()], [ev(day="2018-03-07")], days=3)["tp"] == 1


def test_governorate_level_matches_the_same_governorate_only():
    assert run([ev(place=IDLIB_CITY)], [ev(place=IDLIB_GOV)])["tp"] == 1
    assert run([ev(place=DOUMA)], [ev(place=IDLIB_GOV)])["tp"] == 0


def test_unknown_place_matches_only_when_allowed():
    nowhere = {"latitude": None, "longitude": None, "admin1": None, "geo_precision": None}
    assert run([ev()], [ev(place=nowhere)])["tp"] == 0
    assert run([ev()], [ev(place=nowhere)], unknown_place_matches=True)["tp"] == 1


def test_optional_gold_events_cost_nothing_either_way():
    s = run([ev(optional=True)], [ev()])
    assert (s["tp"], s["fp"], s["fn"]) == (0, 0, 0)
    s = run([ev(optional=True)], [])
    assert (s["tp"], s["fp"], s["fn"]) == (0, 0, 0)


def test_precision_recall_f1_and_greedy_pairing():
    gold = [ev(fatalities=5), ev(sub="Shelling/artillery/missile attack", place=HARASTA)]
    pred = [ev(place=HARASTA), ev(), ev(kind="Battles", sub="Armed clash")]
    s = run(gold, pred)
    assert (s["tp"], s["fp"], s["fn"]) == (2, 1, 0)
    assert abs(s["precision"] - 2 / 3) < 1e-9 and s["recall"] == 1.0
    assert s["sub_event_type_accuracy"] == 0.5  # the closest pairs are taken first


def test_figures_by_kind_and_value():
    gold = [{"docno": "a", "events": [], "figures": [{"kind": "displaced", "value": 300000}]}]
    pred = {"a": {"events": [], "figures": [{"kind": "displaced", "value": 310000}, {"kind": "refugees", "value": 1}]}}
    s = score(gold, pred, MatchRules()).summary()
    assert (s["figure_precision"], s["figure_recall"]) == (0.5, 1.0)


def test_a_date_range_agrees_with_any_day_inside_it():
    last_week = ev(day="2018-03-05", date_end="2018-03-11")
    assert run([last_week], [ev(day="2018-03-08")])["tp"] == 1
    assert run([last_week], [ev(day="2018-03-12")])["tp"] == 1  # a day after its end
    assert run([last_week], [ev(day="2018-03-14")])["tp"] == 0
    assert run([ev(day="2018-03-08")], [last_week])["tp"] == 1  # either side may carry the range


def test_fatalities_exact_over_all_matched_counts_agreeing_nulls():
    s = run([ev(fatalities=5), ev(place=IDLIB_CITY)], [ev(fatalities=4), ev(place=IDLIB_CITY)])
    assert s["fatalities_exact_all"] == 0.5 and s["fatalities_exact"] == 0.0


def test_errors_are_classed_by_what_disagrees():
    aleppo = {"latitude": 36.2, "longitude": 37.15, "admin1": "Aleppo", "geo_precision": 1}

    def text(s, e):
        return [{"part": "text", "start": s, "end": e}]

    gold = [{"docno": "a", "figures": [], "events": [
        ev(evidence=text(0, 50)),  # found, but on another day
        ev(place=IDLIB_CITY, evidence=text(60, 90)),  # found in another town
        ev(kind="Battles", sub="Armed clash", evidence=text(100, 150)),  # coded as a protest
        ev(evidence=text(200, 250), day="2018-03-01"),  # found
    ]}, {"docno": "b", "figures": [], "events": []}]
    pred = {"a": {"figures": [], "events": [
        ev(day="2018-03-09", evidence=text(0, 50)),
        ev(day="2018-03-01", evidence=text(200, 250)),
        ev(kind="Protests", sub="Peaceful protest", evidence=text(120, 130)),
        ev(kind="Protests", sub="Peaceful protest", evidence=text(300, 320)),
        ev(place=aleppo, evidence=text(60, 90)),
    ]}, "b": {"figures": [], "events": [ev()]}}
    r = score(gold, pred, MatchRules())
    assert r.tp == 1
    assert r.miss_classes == ["date", "place", "wrong_type"]
    assert r.false_alarm_classes == ["date", "wrong_type", "not_an_event", "place", "control"]


def test_bootstrap_interval_brackets_the_point_estimate():
    from marsad.eval.events import Report, bootstrap

    r = Report(MatchRules())
    for i in range(40):
        r.per_article[str(i)] = (2, 0, 0) if i % 2 else (0, 1, 1)
    r.tp, r.fp, r.fn = 40, 20, 20
    lo, hi = bootstrap(r, resamples=300)["f1"]
    assert lo < Report.prf(40, 20, 20)[2] < hi and hi - lo < 0.3
    assert bootstrap(r, resamples=300) == bootstrap(r, resamples=300)  # seeded: the same interval every run
