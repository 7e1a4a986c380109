"""PLOVER records and CAMEO root codes: every ACLED sub-event type has its stated equivalent."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.export.plover import CAMEO_ROOTS, MAPPING, PLOVER_CATEGORIES, PLOVER_MODES, plover_record
from marsad.store.review import ACLED_TYPES

from ..conftest import ROOT

SUB_TYPES = [(t, s) for t, subs in ACLED_TYPES.items() for s in subs]


@pytest.mark.parametrize(("event_type", "sub"), SUB_TYPES)
def test_every_acled_sub_type_has_its_plover_and_cameo_equivalent(event_type, sub):
    eq = MAPPING[sub]
    assert eq.plover is None or eq.plover in PLOVER_CATEGORIES
    assert eq.mode is None or eq.mode in PLOVER_MODES[eq.plover], (sub, eq)
    assert eq.cameo is None or eq.cameo in CAMEO_ROOTS
    assert (eq.plover is None) == (eq.cameo is None)  # no equivalent in either, or one in both
    if event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        assert eq.cameo in ("18", "19", "20") and eq.plover in ("FIGHT", "ASSAULT")
    if event_type == "Protests" and sub != "Excessive force against protesters":
        assert (eq.plover, eq.cameo) == ("PROTEST", "14")


def test_the_table_names_each_sub_type_once_and_only_acleds():
    assert set(MAPPING) == {s for _, s in SUB_TYPES}
    assert MAPPING["Arrests"][:2] == ("COERCE", "arrest") and MAPPING["Arrests"].cameo == "17"
    assert MAPPING["Suicide bomb"][:2] == ("ASSAULT", "suicide-attack") and MAPPING["Chemical weapon"].cameo == "20"
    assert MAPPING["Violent demonstration"][:2] == ("PROTEST", "riot")


def test_two_sided_violence_has_only_sources_and_one_sided_a_recipient():
    clash = plover_record({"event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "A", "actor2": "B",
                           "event_date": "2018-03-05", "fatalities": 3})
    assert clash["source"] == ["A", "B"] and clash["recipient"] == [] and clash["dead"] == 3
    attack = plover_record({"event_type": "Violence against civilians", "sub_event_type": "Abduction/forced "
                            "disappearance", "actor1": "A", "actor2": "Civilians (Syria)"})
    assert attack["source"] == ["A"] and attack["recipient"] == ["Civilians (Syria)"] and attack["mode"] == ["abduct"]
    assert attack["cameo_root"] == "18" and attack["event_type"] == "ASSAULT"


def test_plover_output_and_cameo_columns_from_the_cli(sample_db):
    example = str(ROOT / "examples" / "idlib-ar.txt")
    r = CliRunner().invoke(app, ["extract", example, "--published", "2018-03-06", "--format", "plover"])
    assert r.exit_code == 0, r.output
    records = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    assert records and all(rec["event_type"] in (*PLOVER_CATEGORIES, None) and "event_loc" in rec for rec in records)
    assert any(rec["acled"]["sub_event_type"] == "Air/drone strike" and rec["cameo_root"] == "19" for rec in records)
    r = CliRunner().invoke(app, ["extract", example, "--published", "2018-03-06", "--format", "acled-csv"])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and all(row["cameo_root"] == (MAPPING[row["sub_event_type"]].cameo or "") for row in rows)
    r = CliRunner().invoke(app, ["events", "--db", str(sample_db), "--format", "plover"])
    assert r.exit_code == 0, r.output
    stored = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    assert len(stored) == 9 and all("n_reports" in rec for rec in stored)
