"""`marsad batch` throughput on Dask: the ANT corpus replicated to N articles, coded with 1 and then 2 workers
of a LocalCluster on this machine; articles/s, the speed-up, and each worker's peak memory.

    python bench/batch.py [--articles 100000] [--workers 1,2] [--keep DIR]

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from dask.distributed import Client, LocalCluster

from corpora import ANT, missing  # noqa: E402 (bench/ is on sys.path when run as a script)
from marsad.batch.run import run_batch


def replicate(n: int, path: Path) -> None:
    base = [json.loads(line) for line in ANT.open(encoding="utf-8")]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            r = base[i % len(base)]
            copy = i // len(base)
            out.write(json.dumps(r | {"docno": f"{r['docno']}~{copy}"}, ensure_ascii=False) + "\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--keep")
    args = ap.parse_args()
    if not ANT.is_file():
        return missing(ANT, 2)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="marsad-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    src = work / "archive.jsonl"
    if not src.exists():
        t = time.perf_counter()
        replicate(args.articles, src)
        print(f"replicated ANT to {args.articles:,} articles ({src.stat().st_size / 1e6:.0f} MB) in "
              f"{time.perf_counter() - t:.0f} s")
    results = {}
    for n in (int(x) for x in args.workers.split(",")):
        out = work / f"out-{n}"
        shutil.rmtree(out, ignore_errors=True)
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                          memory_limit="4GiB") as cluster, Client(cluster) as client:
            peak: dict[str, int] = {}
            stop = threading.Event()

            def watch(stop=stop, peak=peak, client=client):
                while not stop.is_set():
                    for addr, w in client.scheduler_info(n_workers=-1)["workers"].items():
                        peak[addr] = max(peak.get(addr, 0), w.get("metrics", {}).get("memory", 0))
                    time.sleep(0.5)

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
            s = run_batch([str(src)], str(out), client=client)
            stop.set()
            watcher.join()
        rate = s.articles / s.seconds
        results[n] = rate
        print(f"{n} worker(s): {s.line()}")
        print(f"  {rate:,.1f} articles/s; peak memory per worker: "
              + ", ".join(f"{v / 2**20:,.0f} MB" for v in sorted(peak.values())))
    if 1 in results and len(results) > 1:
        for n, rate in results.items():
            if n != 1:
                print(f"speed-up with {n} workers: {rate / results[1]:.2f}x")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
