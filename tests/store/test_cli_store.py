"""The collection commands end to end: ingest a JSONL file, then events in every format, event, stats, export."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.export.formats import ACLED_COLUMNS

ARTICLES = [
    {"id": "bbc-1", "title": "غارات على دوما", "text": "قتل 12 مدنيا في غارات جوية على مدينة دوما في الغوطة الشرقية "
     "يوم الاثنين", "published": "2018-03-06", "url": "https://www.bbc.com/arabic/a1", "source": "bbc"},
    {"id": "f24-1", "title": "مقتل 14 مدنيا في دوما", "text": "قتل 14 مدنيا على الأقل في غارات جوية استهدفت مدينة دوما "
     "اليوم الاثنين، بحسب المرصد السوري لحقوق الإنسان", "published": "2018-03-05", "url": "https://www.france24.com/ar/a2",
     "source": "france24"},
    {"id": "sky-1", "title": "قصف إدلب", "text": "قتل 5 مدنيين في قصف على مدينة سراقب في ريف إدلب يوم الثلاثاء",
     "published": "2018-03-07", "url": "https://www.skynewsarabia.com/a3", "source": "skynews"},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    src = folder / "articles.jsonl"
    src.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\nnot json\n", encoding="utf-8")
    db = folder / "m.duckdb"
    run = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db)])
    assert run.exit_code == 2  # the bad line fails, the rest is stored
    assert f"{src}:4: malformed JSON" in run.output and "3 new" in run.output
    return db


def invoke(*args):
    run = CliRunner().invoke(app, list(args))
    assert run.exit_code == 0, run.output
    return run.output


def test_events_filters_and_formats(db, tmp_path):
    rows = list(csv.DictReader(io.StringIO(invoke("events", "--db", str(db), "--format", "acled-csv"))))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    douma = next(r for r in rows if r["location"] == "Duma")
    assert douma["n_reports"] == "2" and douma["fatalities"] == "12" and douma["fatalities_max"] == "14"
    assert "Syrian Observatory for Human Rights" in douma["source"]
    idlib = invoke("events", "--db", str(db), "--admin1", "Idlib", "--format", "jsonl").splitlines()
    assert [json.loads(x)["location"] for x in idlib] == ["Saraqib"]
    assert invoke("events", "--db", str(db), "--admin1", "إدلب", "--format", "jsonl").splitlines() == idlib
    dated = invoke("events", "--db", str(db), "--from", "2018-03-06", "--to", "2018-03-31", "--format", "jsonl")
    assert len(dated.splitlines()) == 1
    geo = json.loads(invoke("events", "--db", str(db), "--format", "geojson"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 2
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert 35 < lon < 42 and 32 < lat < 37  # GeoJSON order: longitude, latitude
    table = invoke("events", "--db", str(db), "--min-outlets", "2")
    assert "1 of 1 linked events" in table and "Duma" in table
    out = tmp_path / "e.parquet"
    invoke("events", "--db", str(db), "--format", "parquet", "-o", str(out))
    import pandas as pd

    assert len(pd.read_parquet(out)) == 2


def test_event_stats_and_export(db, tmp_path):
    first = json.loads(invoke("events", "--db", str(db), "--min-outlets", "2", "--format", "jsonl"))
    text = invoke("event", first["event_id"], "--db", str(db))
    assert "bbc" in text and "france24" in text and "> قتل 12 مدنيا" in text
    full = json.loads(invoke("event", first["event_id"][:9], "--db", str(db), "--json"))
    assert len(full["reports"]) == 2 and full["reports"][0]["evidence"]
    stats = json.loads(invoke("stats", "--db", str(db), "--by", "week", "--by", "event_type", "--format", "json"))
    assert stats == [{"week": "2018-03-05", "event_type": "Explosions/Remote violence", "events": 2,
                      "fatalities": 17, "reports": 3}]
    invoke("export", "--db", str(db), "--format", "parquet", "-o", str(tmp_path / "pq"))
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == ["articles.parquet", "events.parquet",
                                                                   "figures.parquet", "reports.parquet"]
    invoke("export", "--db", str(db), "--format", "sqlite", "-o", str(tmp_path))
    assert (tmp_path / "marsad.sqlite").is_file()


def test_bad_requests_get_one_clear_line(db, tmp_path):
    for args, expected in ((["event", "nope", "--db", str(db)], "no linked event 'nope'"),
                           (["events", "--db", str(db), "--from", "March"], "--from 'March' is not a date"),
                           (["events", "--db", str(tmp_path / "none.duckdb")], "no database here yet"),
                           (["stats", "--db", str(db), "--by", "weather"], "--by 'weather' is not one of"),
                           (["events", "--db", str(db), "--format", "parquet"], "needs --output")):
        run = CliRunner().invoke(app, args)
        assert run.exit_code == 2 and expected in run.output, run.output
