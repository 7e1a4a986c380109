"""Corroboration grades: reprints and one outlet's second story count once; agreement and source kinds decide."""

from __future__ import annotations

import duckdb
import pytest

from marsad.link.corroboration import grade, independent_groups
from marsad.store import Store, StoreError

WIRE = "Air strikes killed 12 civilians in Maarat al-Numan on Tuesday, the Syrian Observatory said."


def report(outlet, text=WIRE, fatalities=12, sources=("Syrian Observatory for Human Rights",), actor1="Military "
           "Forces of Russia", flags=()):
    return {"outlet": outlet, "evidence": [{"text": text}], "fatalities": fatalities, "sources": list(sources),
            "actor1": actor1, "flags": list(flags)}


def test_reprints_of_one_wire_story_and_an_outlets_second_story_count_once():
    reprints = [report("a"), report("b"), report("c", WIRE + " Rescue workers searched the rubble.")]
    assert len(independent_groups(reprints)) == 1
    assert grade(reprints)[:2] == ("single source", 1)
    same_outlet = [report("a"), report("a", "Twelve people died when jets bombed the market town, activists said.")]
    assert grade(same_outlet)[:2] == ("single source", 1)


def test_independent_agreeing_reports_confirm_and_disagreement_or_party_sources_make_it_fair():
    other = "Russian jets struck the market in Maarat al-Numan, killing twelve people, rescue workers told Reuters."
    assert grade([report("a"), report("b", other)])[:2] == ("confirmed", 2)
    assert grade([report("a"), report("b", other, fatalities=15)])[0] == "fair"
    state = ("SANA",)
    assert grade([report("a", sources=state), report("b", other, sources=state)])[0] == "fair"


def test_a_contested_account_or_different_perpetrators_are_contested():
    other = "Jaish al-Islam shelled the town, killing twelve, state media said."
    assert grade([report("a"), report("b", other, actor1="Jaysh al-Islam")])[0] == "contested"
    assert grade([report("a", flags=("contested",))])[0] == "contested"


def test_stored_events_carry_a_grade_and_an_old_store_is_upgraded(sample_db, tmp_path):
    import shutil

    db = tmp_path / "old.duckdb"
    shutil.copy(sample_db, db)
    with Store(db, read_only=True) as s:
        graded = dict(s.con.execute("SELECT event_id, corroboration FROM events").fetchall())
    assert graded and set(graded.values()) <= {"confirmed", "fair", "single source", "contested"}
    con = duckdb.connect(str(db))  # what a version-2 store looked like
    con.execute("ALTER TABLE events DROP COLUMN corroboration")
    con.execute("ALTER TABLE events DROP COLUMN independent_reports")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    with pytest.raises(StoreError, match="open it once for writing"):
        Store(db, read_only=True)
    with Store(db) as s:  # opening it for writing upgrades it and grades every stored event
        assert dict(s.con.execute("SELECT event_id, corroboration FROM events").fetchall()) == graded
