"""Soak: a real `marsad serve` under 20 concurrent readers and review writes while `marsad ingest` stores
2,000 articles into the same file; then the server is killed (SIGKILL) in the middle of writes and the file
reopened: every review the server acknowledged and every article the ingest stored must be there.

    python bench/soak.py [--readers 20] [--writers 2] [--articles 2000] [--seconds 120]

Prints p50/p95/p99 per kind of request, the count of 5xx and failed requests, and the checks after the kill.
Figures are printed, never asserted (the same checks run small in tests/store/test_shared_file.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from api_load import start_server  # noqa: E402 (bench/ is on sys.path when run as a script)
from corpora import ANT, missing  # noqa: E402 (bench/ is on sys.path when run as a script)
from marsad.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "marsad" / "data" / "sample"
TOKEN = "soak-token"


def _articles(path: Path, n: int) -> None:
    with ANT.open(encoding="utf-8") as fh, path.open("w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if i >= n:
                break
            r = json.loads(line)
            out.write(json.dumps({"id": r["docno"], "title": r["title"], "text": r["text"],
                                  "published": r["pub_time_utc"][:10], "source": r["source"]},
                                 ensure_ascii=False) + "\n")


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] * 1000 if values else float("nan")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--readers", type=int, default=20)
    ap.add_argument("--writers", type=int, default=2)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seconds", type=float, default=120)
    args = ap.parse_args()
    if not ANT.is_file():
        return missing(ANT)
    work = Path(tempfile.mkdtemp(prefix="marsad-soak-"))
    db = work / "soak.duckdb"
    subprocess.run([sys.executable, "-m", "marsad", "ingest", *map(str, sorted(SAMPLE.glob("*.jsonl"))), "--db",
                    str(db)], check=True, capture_output=True)
    feed = work / "articles.jsonl"
    _articles(feed, args.articles)
    server, base = start_server(db, "--token", TOKEN)
    listed = httpx.get(f"{base}/api/events", params={"page_size": 200}, timeout=60).json()["items"]
    ids = [e["event_id"] for e in listed]
    results: list[tuple[str, float, int]] = []  # kind, seconds, status (0: no answer)
    committed: dict[str, str] = {}  # event id -> the last notes the server acknowledged
    lock = threading.Lock()
    stop = threading.Event()

    def reader(seed: int) -> None:
        rng = random.Random(seed)
        kinds = [("list", "/api/events", {"page_size": 50}), ("filtered", "/api/events", {"admin1": "Idlib"}),
                 ("facets", "/api/facets", {}), ("daily", "/api/stats/daily", {"from": "2018-01-01"}),
                 ("geojson", "/api/events.geojson", {"type": "Battles"}), ("event", None, {})]
        with httpx.Client(timeout=120) as c:
            while not stop.is_set():
                kind, path, params = rng.choice(kinds)
                if path is None:
                    path = f"/api/events/{rng.choice(ids)}"
                t = time.perf_counter()
                try:
                    status = c.get(base + path, params=params).status_code
                except httpx.HTTPError:
                    status = 0
                with lock:
                    results.append((kind, time.perf_counter() - t, status))

    def writer(seed: int, until: threading.Event, part: int, parts: int) -> None:
        rng = random.Random(seed)
        mine = ids[part::parts] or ids  # each writer its own events: acknowledgements arrive in commit order
        n = 0
        with httpx.Client(timeout=120, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
            while not until.is_set():
                n += 1
                event_id = rng.choice(mine)
                notes = f"soak {seed}-{n}"
                t = time.perf_counter()
                try:
                    r = c.patch(f"{base}/api/events/{event_id}", json={"reviewer": "soak", "changes": {"notes": notes}})
                    status = r.status_code
                except httpx.HTTPError:
                    status = 0
                with lock:
                    results.append(("review write", time.perf_counter() - t, status))
                    if status == 200:  # under the id it answers with: an alias of a merged event resolves
                        committed[r.json()["event_id"]] = notes

    started = time.monotonic()
    ingest = subprocess.Popen([sys.executable, "-m", "marsad", "ingest", str(feed), "--db", str(db)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    threads = [threading.Thread(target=reader, args=(i,)) for i in range(args.readers)]
    threads += [threading.Thread(target=writer, args=(1000 + i, stop, i, args.writers)) for i in range(args.writers)]
    for t in threads:
        t.start()
    while time.monotonic() - started < args.seconds or ingest.poll() is None:
        time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    _, ingest_err = ingest.communicate()
    summary = ingest_err.strip().splitlines()[-1] if ingest_err.strip() else ""
    stored = re.search(r"(\d[\d,]*) new", summary)
    print(f"soak            {elapsed:.0f} s: {args.readers} readers, {args.writers} review writers, ingest of "
          f"{args.articles:,} articles into the same file (exit {ingest.returncode})")
    print(f"ingest          {summary}")
    by_kind: dict[str, list[float]] = {}
    for kind, seconds, _status in results:
        by_kind.setdefault(kind, []).append(seconds)
    fives = sum(1 for _, _, st in results if st >= 500)
    failed = sum(1 for _, _, st in results if st == 0 or 400 <= st < 500)
    print(f"requests        {len(results):,} ({len(results) / elapsed:,.0f}/s); 5xx {fives}; other failures {failed}")
    print(f"{'kind':14} {'n':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for kind in sorted(by_kind):
        v = by_kind[kind]
        print(f"{kind:14} {len(v):7,} {_pct(v, .5):8.0f} {_pct(v, .95):8.0f} {_pct(v, .99):8.0f}")
    every = [s for v in by_kind.values() for s in v]
    print(f"{'all':14} {len(every):7,} {_pct(every, .5):8.0f} {_pct(every, .95):8.0f} {_pct(every, .99):8.0f}")
    print(f"mean            {statistics.mean(every) * 1000:.0f} ms")

    # kill -9 in the middle of writes, then reopen the file
    crash = threading.Event()
    writers = [threading.Thread(target=writer, args=(2000 + i, crash, i, 4)) for i in range(4)]
    for t in writers:
        t.start()
    time.sleep(random.Random(7).uniform(1.0, 2.0))
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    crash.set()
    for t in writers:
        t.join()
    try:
        with Store(db, read_only=True) as s:
            reviews = {r[0]: json.loads(r[1] or "{}") for r in s.con.execute(
                "SELECT event_id, changes FROM reviews").fetchall()}
            articles = s.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        opened = "opens clean"
    except Exception as exc:  # noqa: BLE001 (a figure to print, whatever went wrong)
        reviews, articles, opened = {}, -1, f"does NOT open: {exc}"
    def order(notes: str | None) -> tuple[int, int]:  # "soak SEED-N": later phases have larger seeds
        m = re.fullmatch(r"soak (\d+)-(\d+)", notes or "")
        return (int(m.group(1)), int(m.group(2))) if m else (-1, -1)

    # a write the server committed but could not answer before it died is newer than the last acknowledged one:
    # not a loss; a stored value older than the acknowledged one, or none, is
    lost = [e for e, notes in committed.items() if order(reviews.get(e, {}).get("notes")) < order(notes)]
    sample_articles = sum(1 for f in SAMPLE.glob("*.jsonl") for line in f.read_text().splitlines() if line.strip())
    expected = sample_articles + (int(stored.group(1).replace(",", "")) if stored else 0)
    print(f"after kill -9   the file {opened}; events with acknowledged reviews {len(committed)}, of which "
          f"missing or older {len(lost)}; articles {articles:,} (expected {expected:,}: sample {sample_articles} "
          "+ ingest)")
    for e in lost[:5]:
        print(f"  {e}: acknowledged {committed[e]!r}, stored {reviews.get(e, {}).get('notes')!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
