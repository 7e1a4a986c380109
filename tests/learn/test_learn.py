"""The learned decision layer: labels from gold, features, the shipped model, confidence, training on a slice."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.learn import decider
from marsad.learn.features import DIM, hash_name, hashed
from marsad.learn.labels import Ceiling, align
from marsad.model import Article
from marsad.pipeline import candidates, extract_article, keep_confident

from ..conftest import ANT, ROOT

EXAMPLE = ROOT / "examples" / "idlib-ar.txt"


def _coded_with(model: str):
    article = Article("idlib", EXAMPLE.read_text(encoding="utf-8"), published="2018-03-06")
    decider.select(model)
    try:
        return extract_article(article)
    finally:
        decider.select(None)


def _event(kind="Battles", lat=35.6, lon=36.7, day="2018-03-05", start=0, end=50, part="text", **kw):
    return {"event_type": kind, "latitude": lat, "longitude": lon, "admin1": "Idlib", "geo_precision": 1,
            "event_date": day, "evidence": [{"part": part, "start": start, "end": end}], **kw}


def test_labels_follow_the_scorers_matching_and_evidence():
    golds = [_event(start=0, end=100),  # found
             _event("Explosions/Remote violence", start=200, end=260),  # a candidate there, of another type
             _event("Protests", start=400, end=450),  # nothing proposed there
             _event("Battles", lat=36.2, lon=37.1, start=500, end=560, optional=True)]  # debatable
    cands = [_event(start=10, end=90),  # the first gold event
             _event(start=20, end=95),  # a second account of it: a duplicate, so no gain
             _event("Battles", start=210, end=250, day="2018-03-05"),  # wrong type at the second's evidence
             _event("Battles", lat=36.2, lon=37.1, start=505, end=550)]  # the optional one
    a = align(golds, cands)
    assert a.labels == [1, 0, 0, None]
    assert a.gold_of == [0, None, None, 3]
    assert a.evidence_of[:3] == [0, 0, 1]
    assert a.uncovered == [1, 2] and a.uncovered_seen == [1]
    ceiling = Ceiling()
    ceiling.add(golds, a)
    assert (ceiling.gold, ceiling.reachable, ceiling.seen_wrong_fields, ceiling.never_proposed) == (3, 1, 1, 1)
    assert "33.3%" in ceiling.lines()[0]


def test_a_wrong_date_or_place_is_a_negative_label():
    golds = [_event()]
    assert align(golds, [_event(day="2018-03-09")]).labels == [0]
    assert align(golds, [_event(lat=33.5, lon=36.3)]).labels == [0]
    assert align(golds, [_event(day="2018-03-06")]).labels == [1]  # within a day, as the scorer allows


def test_features_are_hashed_stably():
    # crc32: the same on every platform, Python and process (str hash() is salted per process)
    assert hash_name("type=Battles") == 217862 < DIM
    assert hashed({"a": 1.0, "b": 2.0}) == {hash_name("a"): 1.0, hash_name("b"): 2.0}


def test_candidates_carry_what_the_rules_know():
    article = Article("idlib", EXAMPLE.read_text(encoding="utf-8"), published="2018-03-06")
    found = candidates(article)
    assert found, "the example reports events"
    names = set().union(*(c.features for c in found))
    assert {"lang=ar", "part=title"} <= names or {"lang=ar", "part=text"} <= names
    assert any(n.startswith("sub=") for n in names) and any(n.startswith("c=") for n in names)
    for c in found:
        assert c.text and c.text in (article.title + "\n" + article.text)
        assert c.drop in (None, "background", "mass_toll", "placeless")
    # the article around it: a lead that reports violence, a report rather than an analysis
    assert "lead_trigger=True" in names and any(n.startswith("trigger_share=") for n in names)
    # the coder's output is the candidates the rules keep
    coded = extract_article(article)
    assert len(coded.events) == sum(1 for c in found if c.drop is None)


def test_the_shipped_model_loads_and_gives_calibrated_confidence():
    model = decider.load(decider.MODELS / decider.CHOICES["fast"])
    assert model.weights.shape == (DIM,) and np.isfinite(model.weights).all()
    meta = model.meta
    for key in ("gold_commit", "seed", "features", "dev", "threshold", "train", "variant"):
        assert key in meta, key
    assert 0 < meta["dev"]["ece"] < 0.2 and 0 < meta["threshold"] < 1
    coded = _coded_with("confidence")
    assert coded.events
    for e in coded.events:
        assert 0 < e.confidence < 1
        if set(e.flags) & decider.FLAGS_THAT_CAP:
            assert e.confidence <= decider.FLAGGED_CAP


def test_confidence_is_never_one_and_lower_for_flagged_events():
    assert decider.confidence(1.0, []) == decider.CAP < 1
    assert decider.confidence(0.999, ["weak_trigger"]) == decider.FLAGGED_CAP
    assert decider.confidence(0.5, ["claimed"]) == 0.5
    assert decider.confidence(0.0, []) > 0


def test_the_model_decides_when_asked_and_the_choice_is_checked():
    coded = _coded_with("fast")
    model = decider.load(decider.MODELS / decider.CHOICES["fast"])
    threshold = min([model.threshold, *model.thresholds.values()])
    assert all(e.confidence >= min(threshold, decider.FLAGGED_CAP) - 0.01 for e in coded.events)
    with pytest.raises(decider.ModelError, match="no-such-model"):
        decider.select("no-such-model")
    broken = ROOT / "pyproject.toml"
    with pytest.raises(decider.ModelError, match="pyproject.toml: not a marsad model file"):
        decider.load(broken)


def test_min_confidence_filters_with_a_warning():
    article = Article("idlib", EXAMPLE.read_text(encoding="utf-8"), published="2018-03-06")
    coded = extract_article(article)
    assert coded.events
    kept = keep_confident(extract_article(article), 0.999)
    assert kept.events == [] and any("confidence below 0.999" in w for w in kept.warnings)
    r = CliRunner().invoke(app, ["extract", str(EXAMPLE), "--published", "2018-03-06", "--format", "jsonl",
                                 "--min-confidence", "0.999"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout.splitlines()[0])["events"] == []
    r = CliRunner().invoke(app, ["extract", str(EXAMPLE), "--model", "nonsense"])
    assert r.exit_code == 2 and "nonsense: no such model" in r.output


@pytest.mark.skipif(not ANT.is_file(), reason="../shared is absent: no gold articles to train on")
def test_training_runs_on_a_small_slice(tmp_path):
    out = tmp_path / "m.npz"
    r = CliRunner().invoke(app, ["train", str(ROOT / "gold/events/ant-events.jsonl"),
                                 str(ROOT / "gold/events/fakes-events.jsonl"), "--limit", "25", "-o", str(out),
                                 "--shared", str(ANT.parents[1])])
    assert r.exit_code == 0, r.output
    assert "recall ceiling" in r.output and "dev ar: rules" in r.output and "expected calibration error" in r.output
    model = decider.load(out)
    assert model.meta["limit"] == 25 and model.meta["seed"] == 20261207
    assert model.meta["train"]["articles"] == 50  # 25 of each gold file's train split
    assert set(model.thresholds) == {"ar", "en"} and "dev ar: threshold on the score" in r.output
    Path(out).unlink()


def test_each_language_keeps_at_its_own_threshold():
    model = decider.load(decider.MODELS / decider.CHOICES["fast"])
    two = replace(model, threshold=0.5, thresholds={"ar": 0.3, "en": 0.7})
    assert two.keeps(0.4, "ar") and not two.keeps(0.4, "en") and not two.keeps(0.4, "fr") and two.keeps(0.5, None)


def test_a_model_file_named_otherwise_is_written_as_npz(tmp_path):
    # `marsad train -o model.json` wrote model.json.npz and then failed to read back model.json
    from marsad.learn import train as t

    path = t.write(tmp_path / "model.json", {"variant": "fast"}, {"w": np.zeros(2)})
    assert path == tmp_path / "model.json.npz" and path.is_file()
    assert t.write(tmp_path / "m.npz", {}, {"w": np.zeros(2)}) == tmp_path / "m.npz"
