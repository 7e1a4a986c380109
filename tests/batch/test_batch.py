"""`marsad batch` on a real local Dask cluster: the same coding as `marsad extract`, rejects kept, re-runs
skipping finished pieces, gzip and Parquet inputs, `marsad load` equal to `marsad ingest`, and a worker killed
mid-job with no article lost or coded twice."""

import gzip
import itertools
import json
import os
import signal
import threading
import time

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from dask.distributed import Client, LocalCluster

from marsad.batch.load import load
from marsad.batch.run import run_batch
from marsad.cli.store import SAMPLE
from marsad.ingest.readers import InputError, read_path
from marsad.pipeline import extract_article
from marsad.resolve.registry import open_gazetteer
from marsad.store import Store
from marsad.store.ingest import ingest

from ..conftest import ANT


def _articles(n):
    """n article records: the ANT corpus when ../shared is here, else the bundled sample under new ids."""
    if ANT.is_file():
        with ANT.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in itertools.islice(fh, n)]
    sample = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    return [r | {"id": f"{r['id']}-{i}", "url": f"{r['url']}?copy={i}"} for i in range(n // len(sample) + 1)
            for r in sample][:n]


def _write(path, records, bad=()):
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        for line in bad:
            fh.write(line + "\n")


def _rows(out, name):
    files = sorted((out / name).glob("month=*/part-*.parquet"))
    return [row for f in files for row in pq.read_table(f).to_pylist()]


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


def test_batch_codes_like_extract_keeps_rejects_and_skips_finished_pieces(tmp_path, client):
    records = _articles(60)
    src = tmp_path / "in.jsonl"
    _write(src, records, bad=["not json", '{"title": ""}'])
    out = tmp_path / "out"
    s = run_batch([str(src)], str(out), client=client, chunk_bytes=40_000)
    assert s.pieces > 3 and s.articles == 60 and s.rejects == 2 and not s.failed_pieces
    events = _rows(out, "events")
    gaz = open_gazetteer(None)
    direct = {}
    for item in read_path(str(src)):
        if not isinstance(item, InputError):
            direct[item.id] = [e.event_id for e in extract_article(item, gazetteer=gaz).events]
    batch = {}
    for row in events:
        batch.setdefault(row["doc_id"], []).append(row["event_id"])
    assert {k: sorted(v) for k, v in batch.items()} == {k: sorted(v) for k, v in direct.items() if v}
    rejects = [json.loads(x) for x in (out / "rejects.jsonl").read_text().splitlines()]
    assert [r["reason"].split(" (")[0] for r in rejects] == ["malformed JSON", "no text field"]
    assert all(str(src) in r["origin"] for r in rejects)
    loads = client.run(lambda: __import__("marsad.batch.worker").batch.worker._gazetteer.cache_info().misses)
    assert all(n <= 1 for n in loads.values()), loads  # the gazetteer is opened once per worker, not per piece
    again = run_batch([str(src)], str(out), client=client, chunk_bytes=40_000)
    assert again.skipped == again.pieces and again.articles == 0
    assert len(_rows(out, "events")) == len(events)  # nothing written twice


def test_gzip_and_parquet_inputs_and_load_equals_ingest(tmp_path, client):
    records = _articles(30)
    gz = tmp_path / "a.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:15])
    pq.write_table(pa.Table.from_pylist(records[15:]), tmp_path / "b.parquet", row_group_size=5)
    out = tmp_path / "out"
    s = run_batch([f"file://{gz}", str(tmp_path / "*.parquet")], str(out), client=client)  # an fsspec URL too
    assert s.pieces == 1 + 3 and s.articles == 30 and s.rejects == 0
    src = tmp_path / "all.jsonl"
    _write(src, records)
    gaz = open_gazetteer(None)
    with Store(tmp_path / "loaded.duckdb") as a, Store(tmp_path / "ingested.duckdb") as b:
        load(str(out), a)
        ingest([str(src)], b, gaz)
        assert a.counts() == b.counts()
        ids = "SELECT event_id, n_reports, fatalities FROM events ORDER BY 1"
        assert a.con.execute(ids).fetchall() == b.con.execute(ids).fetchall()
        again = load(str(out), a)
        assert again.new == 0 and a.counts() == b.counts()


def test_a_worker_killed_mid_job_loses_nothing_and_codes_nothing_twice(tmp_path):
    records = _articles(240)
    src = tmp_path / "in.jsonl"
    _write(src, records)
    out = tmp_path / "out"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        result = {}
        job = threading.Thread(target=lambda: result.update(s=run_batch([str(src)], str(out), client=c,
                                                                          chunk_bytes=20_000)))
        job.start()
        deadline = time.monotonic() + 120
        while not (out / "_done").is_dir() or len(list((out / "_done").glob("*.json"))) < 2:
            assert time.monotonic() < deadline, "no piece finished"
            time.sleep(0.05)
        pids = c.run(os.getpid)
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)  # a worker process dies in the middle of the job
        job.join(timeout=300)
        assert not job.is_alive()
    s = result["s"]
    assert not s.failed_pieces and s.articles == 240
    articles = _rows(out, "articles")
    assert len(articles) == 240 and len({a["doc_id"] for a in articles}) == 240  # none lost, none twice
    done = list((out / "_done").glob("*.json"))
    assert len(done) == s.pieces
    events = _rows(out, "events")
    assert len(events) == len({(e["doc_id"], e["event_id"]) for e in events})


def test_repeated_ids_missing_inputs_and_a_changed_plan(tmp_path, client):
    sample = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    twins = [sample[0] | {"id": "42"}, sample[3] | {"id": "42"}]  # two different articles, one id
    src = tmp_path / "twins.jsonl"
    _write(src, twins)
    out = tmp_path / "out"
    s = run_batch([str(tmp_path / "missing.jsonl"), str(src)], str(out), client=client)
    assert s.articles == 2  # a missing input is a reject, the rest is coded
    assert "missing.jsonl" in (out / "rejects.jsonl").read_text()
    direct = Store(tmp_path / "direct.duckdb")
    ingest([str(src)], direct, open_gazetteer(None))
    with Store(tmp_path / "loaded.duckdb") as loaded:
        load(str(out), loaded)
        assert loaded.counts() == direct.counts()  # each article keeps its own events
    direct.close()
    with pytest.raises(ValueError, match="another --chunk-mb"):
        run_batch([str(src)], str(out), client=client, chunk_bytes=10)
