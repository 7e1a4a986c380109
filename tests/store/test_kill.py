"""Kill -9 in the middle of a large ingest, run it again: nothing duplicated, nothing lost, nothing half-written."""

import itertools
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from marsad.store import Store

from ..conftest import ANT

N = 250


def _ingest(args, env):
    return subprocess.Popen([sys.executable, "-m", "marsad", "ingest", *args], stderr=subprocess.PIPE, text=True,
                            env=env)


def _state(db):
    with Store(db, read_only=True) as s:
        con = s.con
        return {
            "articles": sorted(r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()),
            "reports": sorted(r[0] for r in con.execute("SELECT report_id FROM reports").fetchall()),
            "events": con.execute("SELECT count(*) FROM events").fetchone()[0],
            "orphans": con.execute("SELECT count(*) FROM reports WHERE link_id IS NULL OR link_id NOT IN "
                                   "(SELECT event_id FROM events)").fetchone()[0],
            "report_sum": con.execute("SELECT coalesce(sum(n_reports), 0) FROM events").fetchone()[0],
            "figures": con.execute("SELECT count(*) FROM figures").fetchone()[0],
        }


def test_sigkill_mid_ingest_then_rerun_equals_a_clean_run(tmp_path):
    if not ANT.is_file():
        pytest.skip(f"ANT corpus not found at {ANT} (../shared is absent)")
    src = tmp_path / "ant.jsonl"
    with ANT.open(encoding="utf-8") as fh, src.open("w", encoding="utf-8") as out:
        for line in itertools.islice(fh, N):
            out.write(line)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    killed_db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"

    proc = _ingest([str(src), "--db", str(killed_db)], env)
    seen = []
    deadline = time.monotonic() + 300
    for line in proc.stderr:
        seen.append(line)
        if line.startswith("ingested 100 articles"):
            time.sleep(0.3)  # well inside an article's transaction or between two: either must be safe
            proc.send_signal(signal.SIGKILL)
            break
        assert time.monotonic() < deadline, "ingest made no progress"
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "".join(seen)

    partial = _state(killed_db)
    assert 100 <= len(partial["articles"]) < N and partial["orphans"] == 0
    assert partial["report_sum"] == len(partial["reports"])

    rerun = _ingest([str(src), "--db", str(killed_db)], env)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    stored_by_rerun = len(_state(killed_db)["articles"]) - len(partial["articles"])
    assert f": {stored_by_rerun} new, 0 updated" in err, err

    clean = _ingest([str(src), "--db", str(clean_db)], env)
    _, err = clean.communicate(timeout=600)
    assert clean.returncode == 0, err

    after, reference = _state(killed_db), _state(clean_db)
    assert after["orphans"] == 0 and after["report_sum"] == len(after["reports"])
    assert len(set(after["reports"])) == len(after["reports"])
    assert after == reference
    assert len(json.dumps(after)) > 0 and after["events"] > 20
