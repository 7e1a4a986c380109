"""The store: idempotent ingest, updates that replace events, linking across articles, queries and exports."""

import json
import sqlite3
import subprocess
import sys

import duckdb
import pytest

from marsad.model import Article
from marsad.pipeline import extract_article
from marsad.store import Store, StoreError, validate
from marsad.store import query as q
from marsad.store.db import url_key

DOUMA_BBC = Article("bbc-1", "قتل 12 مدنيا في غارات جوية على مدينة دوما في الغوطة الشرقية يوم الاثنين",
                    title="غارات على دوما", published="2018-03-06", url="https://www.bbc.com/arabic/a1?utm_source=x",
                    source="bbc")
DOUMA_F24 = Article("f24-1", "قتل 14 مدنيا على الأقل في غارات جوية استهدفت مدينة دوما اليوم الاثنين، بحسب المرصد "
                    "السوري لحقوق الإنسان", title="مقتل 14 مدنيا في دوما", published="2018-03-05",
                    url="https://www.france24.com/ar/a2", source="france24")
HARASTA = Article("sky-1", "قتل 3 مدنيين في قصف على مدينة حرستا يوم الاثنين", title="قصف حرستا",
                  published="2018-03-06", url="https://www.skynewsarabia.com/a3", source="skynews")


def put(store, article):
    found = store.find(article)
    if found and found[1] == "unchanged":
        return found[0], "unchanged"
    aid, _ = store.save(article, extract_article(article), article_id=found[0] if found else None)
    return aid, "updated" if found else "new"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "m.duckdb") as s:
        yield s


def test_url_key_ignores_tracking_case_and_slashes():
    assert url_key("https://www.BBC.com/arabic/a1/?utm_source=x#top") == url_key("http://bbc.com/arabic/a1")
    assert url_key("https://bbc.com/a?id=2") != url_key("https://bbc.com/a?id=3")


def test_reports_of_one_event_in_two_outlets_become_one_linked_event(store):
    for a in (DOUMA_BBC, DOUMA_F24, HARASTA):
        put(store, a)
    c = store.counts()
    assert (c["articles"], c["reports"], c["events"]) == (3, 3, 2)
    douma = q.events(store, q.Filters(min_outlets=2))
    assert len(douma) == 1
    e = douma[0]
    assert (e["location"], e["fatalities"], e["fatalities_max"], e["n_reports"]) == ("Duma", 12, 14, 2)
    assert sorted(e["outlets"]) == ["bbc", "france24"] and "Syrian Observatory for Human Rights" in e["sources"]
    full = q.event(store, e["event_id"][:8])
    assert {r["outlet"] for r in full["reports"]} == {"bbc", "france24"}
    assert all(r["evidence"] and r["evidence"][0]["text"] for r in full["reports"])


def test_ingesting_again_stores_nothing_new_and_a_changed_article_replaces_its_events(store):
    put(store, DOUMA_BBC)
    before = store.counts()
    assert put(store, DOUMA_BBC)[1] == "unchanged"
    moved = Article("copy", DOUMA_BBC.text, title=DOUMA_BBC.title, url="https://other.example/copy", source="x")
    assert put(store, moved)[1] == "unchanged"  # the same text under another URL is the same article
    assert store.counts() == before
    changed = Article("bbc-1", DOUMA_BBC.text.replace("12", "15"), title=DOUMA_BBC.title,
                      published=DOUMA_BBC.published, url="http://bbc.com/arabic/a1", source="bbc")
    aid, status = put(store, changed)
    assert status == "updated" and store.counts()["articles"] == 1 and store.counts()["reports"] == 1
    (e,) = q.events(store, q.Filters())
    assert e["fatalities"] == 15


def test_an_update_that_removes_an_event_removes_its_linked_event(store):
    put(store, DOUMA_BBC)
    quiet = Article("bbc-1", "اجتمع وزراء الخارجية في فيينا لبحث الأزمة", title="اجتماع", published="2018-03-06",
                    url=DOUMA_BBC.url, source="bbc")
    put(store, quiet)
    assert store.counts()["events"] == 0 and store.counts()["reports"] == 0


def test_filters_stats_and_relink(store):
    for a in (DOUMA_BBC, DOUMA_F24, HARASTA):
        put(store, a)
    assert len(q.events(store, q.Filters(admin1=validate.admin1(["Damascus countryside", "ريف دمشق"])))) == 2
    assert q.events(store, q.Filters(admin1=validate.admin1(["Idlib"]))) == []
    assert len(q.events(store, q.Filters(sub_event_types=("shelling/artillery/missile attack",)))) == 1
    names, rows = q.stats(store, ["week", "event_type"], q.Filters())
    assert names[:2] == ["week", "event_type"] and sum(r[2] for r in rows) == 2
    with pytest.raises(ValueError):
        q.stats(store, ["weather"], q.Filters())
    ids = sorted(e["event_id"] for e in q.events(store, q.Filters()))
    assert store.relink_all() == 2
    assert sorted(e["event_id"] for e in q.events(store, q.Filters())) == ids


def test_exports_open_in_duckdb_pandas_and_sqlite(store, tmp_path):
    for a in (DOUMA_BBC, DOUMA_F24, HARASTA):
        put(store, a)
    counts = q.export_parquet(store, tmp_path / "out")
    assert counts == {"events": 2, "reports": 3, "articles": 3, "figures": 0}
    import pandas as pd

    df = pd.read_parquet(tmp_path / "out" / "events.parquet")
    assert len(df) == 2 and sorted(df.loc[df.n_outlets == 2, "outlets"].iloc[0]) == ["bbc", "france24"]
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'out' / 'reports.parquet'}'").fetchall() == [(3,)]
    q.export_sqlite(store, tmp_path / "m.sqlite")
    db = sqlite3.connect(tmp_path / "m.sqlite")
    row = db.execute("SELECT outlets, event_date FROM events WHERE n_outlets = 2").fetchone()
    assert sorted(json.loads(row[0])) == ["bbc", "france24"] and row[1] == "2018-03-05"


def test_datasette_serves_the_sqlite_copy(store, tmp_path):
    put(store, DOUMA_BBC)
    q.export_sqlite(store, tmp_path / "m.sqlite")
    code = ("import asyncio, sys\nfrom datasette.app import Datasette\n"
            "async def main():\n    ds = Datasette([sys.argv[1]])\n"
            "    r = await ds.client.get('/m/events.json?_shape=array')\n    print(r.status_code, len(r.json()))\n"
            "asyncio.run(main())\n")
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path / "m.sqlite")], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["200", "1"]


def test_a_file_that_is_not_a_database_is_refused_clearly(tmp_path):
    bad = tmp_path / "x.duckdb"
    bad.write_text("not a database")
    with pytest.raises(StoreError, match=str(bad)):
        Store(bad)
    with pytest.raises(StoreError, match="no database here yet"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_two_versions_of_one_page_in_one_input_settle_on_the_newer(store):
    """A file holding an old and a new version of one URL: the newer wins, whichever comes first, and a
    second run changes nothing (no flip-flop between versions)."""
    old = Article("v1", "قتل 3 مدنيين في قصف على مدينة حرستا يوم الاثنين", title="قصف حرستا", published="2018-03-05",
                  url="https://example.org/harasta", source="x")
    new = Article("v2", "قتل 7 مدنيين في قصف على مدينة حرستا يوم الاثنين", title="قصف حرستا", published="2018-03-06",
                  url="https://example.org/harasta", source="x")
    for order in ((old, new), (new, old)):
        store.con.execute("DELETE FROM articles; DELETE FROM reports; DELETE FROM events")
        for _ in range(2):
            for a in order:
                found = store.find(a)
                if found and found[1] in ("unchanged", "older"):
                    continue
                store.save(a, extract_article(a), article_id=found[0] if found else None)
        (e,) = q.events(store, q.Filters())
        assert e["fatalities"] == 7 and store.counts()["articles"] == 1
        assert store.find(old)[1] == "older" and store.find(new)[1] == "unchanged"


def test_cli_filters_refuse_unknown_values_naming_the_nearest(sample_db):
    from typer.testing import CliRunner

    from marsad.cli import app

    runner = CliRunner()
    for args, needle in ((["--admin1", "Idlibb"], "Idleb"), (["--type", "Airstrike"], "Battles"),
                         (["--sub-type", "Air strike"], "Air/drone strike"), (["--country", "Syrie"], "Syria")):
        r = runner.invoke(app, ["events", "--db", str(sample_db), *args])
        assert r.exit_code == 2 and needle in r.output and "Traceback" not in r.output, (args, r.output)
    r = runner.invoke(app, ["stats", "--by", "admin1", "--db", str(sample_db), "--admin1", "idleb"])
    assert r.exit_code == 0 and "Idleb" in r.output
    with pytest.raises(validate.FilterError, match="nearest: Battles"):
        validate.event_types(["Batles"])
