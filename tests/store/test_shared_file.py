"""One store file for a running `marsad serve`, a concurrent `marsad ingest` and the read commands: no failed
request, no lost article (docs/STORE.md: each side waits for the other, and lets go of the file between uses)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx

from marsad.store import Store

from ..conftest import ANT, running_server

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "marsad" / "data" / "sample"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _articles(tmp_path: Path, n: int) -> Path:
    """n articles to ingest: ANT's when ../shared is there, else the bundled sample's, each under a new id."""
    rows = []
    if ANT.is_file():
        with ANT.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if "قتل" not in r["text"]:
                    continue  # reports of violence: linked events to serve
                rows.append({"id": r["docno"], "title": r["title"], "text": r["text"],
                             "published": r["pub_time_utc"][:10], "source": r["source"]})
                if len(rows) >= n:
                    break
    else:
        sample = [json.loads(x) for f in sorted(SAMPLE.glob("*.jsonl")) for x in f.read_text().splitlines() if x]
        for i in range(n):
            r = dict(sample[i % len(sample)])
            r["id"] = f"{r.get('id', 'a')}-{i}"
            r["text"] = r["text"] + f"\n\n({i})"  # a different text each time: stored, not skipped as a copy
            rows.append(r)
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_serve_ingest_and_read_commands_share_one_file(tmp_path):
    db = tmp_path / "shared.duckdb"
    with Store(db):
        pass
    with running_server(db) as base:
        assert httpx.get(f"{base}/api/events", timeout=30).status_code == 200  # the server has used the file
        n = 40
        ingest = subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(_articles(tmp_path, n)), "--db",
                                   str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        statuses: list[int] = []
        stop = threading.Event()

        def read() -> None:
            with httpx.Client(timeout=60) as c:
                while not stop.is_set():
                    for path in ("/api/events", "/api/facets", "/api/stats/daily?from=2018-01-01"):
                        statuses.append(c.get(base + path).status_code)

        readers = [threading.Thread(target=read) for _ in range(4)]
        for t in readers:
            t.start()
        # the read commands work while both run
        cli = subprocess.run([sys.executable, "-m", "marsad", "events", "--db", str(db), "--format", "jsonl"],
                             capture_output=True, text=True, timeout=120)
        assert cli.returncode == 0, cli.stderr
        out, err = ingest.communicate(timeout=600)
        stop.set()
        for t in readers:
            t.join()
        assert ingest.returncode == 0, err
        assert statuses and set(statuses) == {200}, sorted(set(statuses))
        stats = subprocess.run([sys.executable, "-m", "marsad", "stats", "--db", str(db), "--format", "json"],
                               capture_output=True, text=True, timeout=120)
        assert stats.returncode == 0, stats.stderr
        assert httpx.get(f"{base}/api/events", timeout=30).json()["total"] > 0
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT count(*) FROM articles").fetchone()[0] == n  # none lost
