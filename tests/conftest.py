"""Shared fixtures: the real corpora in ../shared (tests that need them skip with a reason when absent)."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from functools import cache
from pathlib import Path

import pytest

# Tests never touch the user's data directory (installed gazetteers, the built-in gazetteer's cache).
os.environ.setdefault("MARSAD_DATA_DIR", tempfile.mkdtemp(prefix="marsad-test-data-"))

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
ANT = SHARED / "ant-arabic-news-syria-2018" / "ant_v2.1_syria_articles.jsonl"
FAKES = SHARED / "fakes-syria-news-en" / "FA-KES-Dataset.csv"


@cache
def _ant() -> dict[str, dict]:
    with ANT.open(encoding="utf-8") as fh:
        return {r["docno"]: r for r in map(json.loads, fh)}


@cache
def _fakes() -> dict[str, dict]:
    with FAKES.open(encoding="utf-8", newline="") as fh:
        return {r["unit_id"]: r for r in csv.DictReader(fh)}


@pytest.fixture(scope="session")
def ant():
    if not ANT.is_file():
        pytest.skip(f"ANT corpus not found at {ANT} (../shared is absent)")
    return _ant()


@pytest.fixture(scope="session")
def fakes():
    if not FAKES.is_file():
        pytest.skip(f"FA-KES corpus not found at {FAKES} (../shared is absent)")
    return _fakes()


def coded_places(text: str, lang: str, published: str) -> list[tuple[str, str | None]]:
    """(sub-event type, place) of each event marsad codes in a text."""
    from marsad.model import Article
    from marsad.pipeline import extract_article

    return [(e.sub_event_type, e.location)
            for e in extract_article(Article("t", text, published=published, language=lang)).events]


def sentence_of(text: str, needle: str) -> str:
    """The line of a corpus article that contains `needle` (tests quote real sentences by docno)."""
    for line in text.split("\n"):
        if needle in line:
            return line
    raise AssertionError(f"{needle!r} not in the article")


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """The bundled sample articles (marsad serve --demo's) coded and stored once per session."""
    from marsad.cli.store import SAMPLE
    from marsad.resolve.registry import open_gazetteer
    from marsad.store import Store
    from marsad.store.ingest import ingest

    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    with Store(path) as s:
        summary = ingest([str(SAMPLE)], s, open_gazetteer(None))
    assert summary.failed == 0 and summary.new == 13
    return path


@contextlib.contextmanager
def running_server(db, *args: str):
    """A real `marsad serve --db DB ARGS` on a free port of 127.0.0.1, ready: yields its base URL."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port), *args],
                            stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(f"{base}/api/config", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            proc.kill()
            pytest.fail("server did not start: " + proc.stderr.read())
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture
def db(sample_db, tmp_path):
    """A fresh copy of the sample store per test: review actions and alerts change it."""
    import shutil

    copy = tmp_path / "db.duckdb"
    shutil.copy(sample_db, copy)
    return copy

