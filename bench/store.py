"""The store at scale: ingest rate of the ANT corpus, linking time as the store grows, query latency.

    python bench/store.py [--limit N] [--sizes 1000,10000,100000] [--query-size 1000000] [--keep DIR]

1. Ingests the ANT corpus (3,954 Arabic articles) into a fresh database with `marsad ingest`'s code:
   articles/s, raw reports (events as each article codes them) and the linked events they become.
2. Linking time as the store grows: stores of 1k, 10k and 100k linked events are made by replaying the
   corpus's reports with dates shifted by 14 days per replay (so replays overlap and linking has real
   candidates to reject); a batch of 300 reports from one more replay, dated into the middle of the store,
   is then linked (in a transaction rolled back afterwards) and the time per report printed.
3. Query latency with 1M linked events (the replayed store, grown further): the queries behind
   `marsad events`, `marsad event`, `marsad stats`, median of 5 runs each, in process.

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from corpora import ANT, missing  # noqa: E402 (bench/ is on sys.path when run as a script)
from marsad.resolve.registry import open_gazetteer
from marsad.store import Store
from marsad.store import query as q
from marsad.store.db import ARTICLE_COLUMNS, LINKED_COLUMNS, REPORT_COLUMNS, decode_row
from marsad.store.ingest import ingest

SHIFT_DAYS = 14


def _replay_select(columns: list[tuple[str, str]], k: str, source: str) -> str:
    """A SELECT over `source` that renames ids and shifts dates for replay number `k` (an SQL expression)."""
    out = []
    for name, _ in columns:
        if name in ("report_id", "article_id", "link_id") or (name == "event_id" and source.endswith("events")):
            out.append(f"{name} || '~' || CAST({k} AS VARCHAR)")
        elif name in ("event_date", "date_end", "published", "first_reported"):
            out.append(f"CAST({name} + INTERVAL ({k} * {SHIFT_DAYS}) DAY AS DATE)")
        else:
            out.append(name)
    return ", ".join(out)


def grow(db: Path, base: Path, target: int) -> int:
    """A store of about `target` linked events made of replays of the base store's events and reports."""
    with Store(db) as s:
        c = s.con
        c.execute(f"ATTACH '{base}' AS base (READ_ONLY)")
        per = c.execute("SELECT count(*) FROM base.events").fetchone()[0]
        replays = max(1, -(-target // per))
        c.execute(f"CREATE TEMP TABLE k AS SELECT range AS k FROM range({replays})")
        c.execute(f"INSERT INTO events SELECT {_replay_select(LINKED_COLUMNS, 'k', 'base.events')} "
                  f"FROM base.events, k")
        c.execute(f"INSERT INTO reports SELECT {_replay_select(REPORT_COLUMNS, 'k', 'base.reports')} "
                  f"FROM base.reports, k")
        # the articles once, as replay 0's (other replays' reports point to articles that do not exist:
        # `event` is timed on a replay-0 event, whose reports join their articles)
        cols = ", ".join("article_id || '~0'" if n == "article_id" else n for n, _ in ARTICLE_COLUMNS)
        c.execute(f"INSERT INTO articles SELECT {cols} FROM base.articles")
        c.execute("DETACH base")
        if target < per:  # a store smaller than the corpus: its first `target` events (by date)
            c.execute(f"DELETE FROM events WHERE event_id NOT IN (SELECT event_id FROM events "
                      f"ORDER BY event_date NULLS LAST, event_id LIMIT {int(target)})")
            c.execute("DELETE FROM reports WHERE link_id NOT IN (SELECT event_id FROM events)")
        return c.execute("SELECT count(*) FROM events").fetchone()[0]


def time_linking(db: Path, base: Path, batch: int = 300) -> tuple[float, float]:
    """ms per report to link `batch` reports of one more replay, dated into the middle of the store."""
    with Store(db) as s:
        c = s.con
        mid = c.execute("SELECT CAST(count(*) / (SELECT count(*) FROM events WHERE event_id NOT LIKE '%~%' "
                        "OR event_id LIKE '%~0') / 2 AS INTEGER) FROM events").fetchone()[0] or 1
        c.execute(f"ATTACH '{base}' AS base (READ_ONLY)")
        cur = c.execute(f"SELECT {_replay_select(REPORT_COLUMNS, str(mid) + ' + 0', 'base.reports')} "
                        f"FROM base.reports WHERE event_date IS NOT NULL ORDER BY report_id LIMIT {batch}")
        names = [n for n, _ in REPORT_COLUMNS]
        rows = [decode_row(names, r) for r in cur.fetchall()]
        c.execute("DETACH base")
        for r in rows:
            r["report_id"] = r["report_id"].replace("~", "~new")
            r["article_id"] = r["article_id"].replace("~", "~new")
            r["link_id"] = None
        c.execute("BEGIN TRANSACTION")
        from marsad.store.db import _row

        c.executemany(f"INSERT INTO reports VALUES ({', '.join('?' * len(REPORT_COLUMNS))})",
                      [_row(REPORT_COLUMNS, r) for r in rows])
        now = datetime.now().replace(microsecond=0)
        joined = 0
        t = time.perf_counter()
        for r in rows:
            link_id, merged = s._link(r)
            joined += c.execute("SELECT count(*) FROM reports WHERE link_id = ?", [link_id]).fetchone()[0] > 1
            for gone in merged:
                s._refuse(gone, now)
            s._refuse(link_id, now)
        elapsed = time.perf_counter() - t
        c.execute("ROLLBACK")
        return elapsed / len(rows) * 1000, joined / len(rows)


def time_queries(db: Path) -> dict[str, tuple[float, int]]:
    out: dict[str, tuple[float, int]] = {}
    with Store(db, read_only=True) as s:
        some = s.con.execute("SELECT event_id FROM events WHERE event_id LIKE '%~0' AND n_reports > 1 "
                             "LIMIT 1").fetchone() or s.con.execute("SELECT event_id FROM events LIMIT 1").fetchone()
        lo, hi = s.con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
        month = q.Filters(date_from=date(2018, 2, 1), date_to=date(2018, 12, 31),
                          admin1=q.admin1_names(["Idlib"]), event_types=("Explosions/Remote violence",))
        cases = {
            "events --from 2018-02-01 --to 2018-12-31 --admin1 Idlib --type …, first 50":
                lambda: q.events(s, month, limit=50),
            "events, same filters, all rows": lambda: q.events(s, month),
            "events, no filter, first 50": lambda: q.events(s, q.Filters(), limit=50),
            "count of events matching the filters": lambda: q.count(s, month),
            "stats --by week --by event_type (all)": lambda: q.stats(s, ["week", "event_type"], q.Filters()),
            "stats --by admin1 --by month, Explosions only": lambda: q.stats(
                s, ["admin1", "month"], q.Filters(event_types=("Explosions/Remote violence",))),
            "event ID (with its reports and articles)": lambda: q.event(s, some[0]),
        }
        for name, fn in cases.items():
            runs = []
            for _ in range(5):
                t = time.perf_counter()
                result = fn()
                runs.append((time.perf_counter() - t) * 1000)
            rows = result if isinstance(result, int) else len(result[1]) if isinstance(result, tuple) else (
                len(result.get("reports", [])) if isinstance(result, dict) else len(result))
            out[name] = (statistics.median(runs), rows)
        out["_range"] = (f"{lo} .. {hi}", 0)
    # the command a user types, as a new process (start-up, imports, opening the file, query, output)
    cmd = [sys.executable, "-m", "marsad", "events", "--db", str(db), "--from", "2018-02-01", "--to", "2018-12-31",
           "--admin1", "Idlib", "--type", "Explosions/Remote violence", "--format", "jsonl"]
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        runs.append((time.perf_counter() - t) * 1000)
    out["`marsad events --from … --admin1 Idlib --type … --format jsonl` (new process)"] = (
        statistics.median(runs), len(done.stdout.splitlines()))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ANT))
    ap.add_argument("--limit", type=int, default=0, help="ingest only the first N articles")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--query-size", type=int, default=1_000_000)
    ap.add_argument("--keep", help="keep the databases in this folder")
    ap.add_argument("--reuse", action="store_true", help="with --keep: use the ingested ant.duckdb already there")
    args = ap.parse_args()
    if not Path(args.corpus).is_file():
        return missing(args.corpus, 2)
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    base = work / "ant.duckdb"
    if not (args.reuse and base.is_file()):
        base.unlink(missing_ok=True)
    source = args.corpus
    if args.limit:
        source = str(work / "subset.jsonl")
        with open(args.corpus, encoding="utf-8") as fh, open(source, "w", encoding="utf-8") as out:
            for i, line in enumerate(fh):
                if i >= args.limit:
                    break
                out.write(line)

    print("## 1. Ingest of the ANT corpus")
    gaz = open_gazetteer(None)
    with Store(base) as s:
        summary = ingest([source], s, gaz)
        print(summary.line(s) + (" (reused: nothing new to code)" if args.reuse else ""))
        c = s.con
        raw = c.execute("SELECT count(*) FROM reports").fetchone()[0]
        linked = c.execute("SELECT count(*) FROM events").fetchone()[0]
        multi = c.execute("SELECT count(*), sum(n_reports) FROM events WHERE n_articles > 1").fetchone()
        outlets = c.execute("SELECT count(*) FROM events WHERE n_outlets > 1").fetchone()[0]
        sizes = c.execute("SELECT n_reports, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()
        top = c.execute("SELECT event_date, sub_event_type, location, n_reports, n_outlets FROM events "
                        "ORDER BY n_reports DESC, event_id LIMIT 5").fetchall()
    rate = summary.read / summary.seconds if summary.seconds else 0
    print(f"ingest rate: {rate:.1f} articles/s ({summary.seconds:.1f} s for {summary.read:,} articles, "
          f"gazetteer loaded before); peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"raw events (reports): {raw:,} -> linked events: {linked:,} ({raw - linked:,} reports merged; "
          f"{multi[0]:,} linked events hold {multi[1] or 0:,} reports from more than one article, {outlets:,} from "
          f"more than one outlet)")
    print("reports per linked event: " + ", ".join(f"{n}: {k:,}" for n, k in sizes))
    print("most reported: " + "; ".join(f"{d} {t} {loc} ({n} reports, {o} outlets)" for d, t, loc, n, o in top))

    print("\n## 2. Linking time as the store grows")
    print("| linked events in store | ms per new report linked | share that joined an existing event |")
    print("|---|---|---|")
    for size in (int(x) for x in args.sizes.split(",")):
        db = work / f"grow-{size}.duckdb"
        db.unlink(missing_ok=True)
        n = grow(db, base, size)
        ms, share = time_linking(db, base)
        print(f"| {n:,} | {ms:.2f} | {share:.0%} |")
        if not args.keep:
            db.unlink(missing_ok=True)

    if not args.query_size:
        return 0
    print(f"\n## 3. Query latency with {args.query_size:,} linked events")
    db = work / "million.duckdb"
    db.unlink(missing_ok=True)
    t = time.perf_counter()
    n = grow(db, base, args.query_size)
    print(f"(store of {n:,} linked events built in {time.perf_counter() - t:.0f} s, "
          f"{db.stat().st_size / 1e6:.0f} MB on disk)")
    res = time_queries(db)
    print(f"event dates {res.pop('_range')[0]}")
    print("| query | median ms | rows |")
    print("|---|---|---|")
    for name, (ms, rows) in res.items():
        print(f"| {name} | {ms:.1f} | {rows:,} |")
    if not args.keep:
        db.unlink(missing_ok=True)
    print(f"\nworking folder: {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
