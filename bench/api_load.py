"""API latency under concurrent load on loopback: a real `marsad serve` process, many client threads.

    python bench/api_load.py [--db FILE] [--concurrency 16] [--requests 3000] [--limit N]

Without --db, the first N (default all) ANT articles are ingested into a fresh database first. The mix of
requests is what the dashboard sends: event lists with filters, one event with its reports, the daily
series, GeoJSON of a governorate, facets. Prints p50/p95/p99 per kind and overall, and requests/s.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from corpora import ANT  # noqa: E402 (bench/ is on sys.path when run as a script)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """A real `marsad serve` on a free loopback port, answering: (process, base URL)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "marsad", "serve", "--db", str(db), "--port", str(port), *args],
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/api/config", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("server did not start")


def build(db: Path, limit: int) -> None:
    from marsad.cli.store import SAMPLE
    from marsad.resolve.registry import open_gazetteer
    from marsad.store import Store
    from marsad.store.ingest import ingest

    source = ANT if ANT.is_file() else SAMPLE
    if limit and source == ANT:
        subset = db.with_suffix(".jsonl")
        with ANT.open(encoding="utf-8") as fh, subset.open("w", encoding="utf-8") as out:
            for i, line in enumerate(fh):
                if i >= limit:
                    break
                out.write(line)
        source = subset
    with Store(db) as s:
        print(ingest([str(source)], s, open_gazetteer(None)).line(s))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db")
    ap.add_argument("--concurrency", type=int, default=16)
    ap.add_argument("--requests", type=int, default=3000)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp(prefix="marsad-load-")) / "load.duckdb"
    if not db.exists():
        build(db, args.limit)
    server, base = start_server(db)
    try:
        ids = [e["event_id"] for e in httpx.get(f"{base}/api/events", params={"page_size": 200}).json()["items"]]
        admin1 = httpx.get(f"{base}/api/facets").json()["admin1"] or [None]
        total = httpx.get(f"{base}/api/events", params={"page_size": 1}).json()["total"]
        print(f"server on {base}: {total:,} linked events in {db}")
        rng = random.Random(7)
        kinds = {
            "events, filtered page": lambda: ("/api/events", {"admin1": rng.choice(admin1), "page_size": 50,
                                                              "type": "Explosions/Remote violence"}),
            "events, first page": lambda: ("/api/events", {"page_size": 50}),
            "one event + reports": lambda: (f"/api/events/{rng.choice(ids)}", {}),
            "daily series": lambda: ("/api/stats/daily", {}),
            "geojson of a governorate": lambda: ("/api/events.geojson", {"admin1": rng.choice(admin1)}),
            "facets": lambda: ("/api/facets", {}),
        }
        plan = [rng.choice(list(kinds)) for _ in range(args.requests)]
        times: dict[str, list[float]] = {k: [] for k in kinds}
        errors = []
        cursor = iter(range(len(plan)))
        lock = threading.Lock()

        def worker():
            with httpx.Client(base_url=base, timeout=30) as c:
                while True:
                    with lock:
                        i = next(cursor, None)
                    if i is None:
                        return
                    kind = plan[i]
                    path, params = kinds[kind]()
                    t = time.perf_counter()
                    r = c.get(path, params=params)
                    dt = (time.perf_counter() - t) * 1000
                    with lock:
                        times[kind].append(dt)
                        if r.status_code != 200:
                            errors.append((path, r.status_code))

        started = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
        every = sorted(x for v in times.values() for x in v)

        def pct(values, p):
            return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")

        print(f"{len(every):,} requests, {args.concurrency} concurrent clients, {wall:.1f} s: "
              f"{len(every) / wall:,.0f} requests/s; errors: {len(errors)}")
        print("| request | n | p50 ms | p95 ms | p99 ms |")
        print("|---|---|---|---|---|")
        for kind, values in times.items():
            v = sorted(values)
            print(f"| {kind} | {len(v)} | {statistics.median(v):.1f} | {pct(v, 95):.1f} | {pct(v, 99):.1f} |")
        print(f"| all | {len(every)} | {statistics.median(every):.1f} | {pct(every, 95):.1f} | {pct(every, 99):.1f} |")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
