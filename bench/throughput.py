"""Throughput and memory of `marsad extract` on the ANT corpus (3,954 Arabic articles), on one core.

    python bench/throughput.py [--limit N] [--profile] [--corpus PATH] [--model off|confidence|fast|accurate]

Prints articles/s, events and figures produced, peak RSS; --profile adds the top functions by time.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import resource
import sys
import time
from pathlib import Path

from corpora import ANT, missing  # noqa: E402 (bench/ is on sys.path when run as a script)
from marsad.ingest.readers import InputError, read_path
from marsad.pipeline import default_gazetteer, extract_article


def _time_stages() -> dict[str, float]:
    """Wrap the stages the pipeline calls so that their time adds up (measurement only)."""
    from marsad import pipeline

    times: dict[str, float] = {}
    for name in ("identify", "split_sentences", "analyse", "find_statements", "build_frames", "merge",
                 "fill_context", "code_event", "make_figure"):
        original = getattr(pipeline, name)

        def timed(*a, _f=original, _n=name, **kw):
            t = time.perf_counter()
            try:
                return _f(*a, **kw)
            finally:
                times[_n] = times.get(_n, 0.0) + time.perf_counter() - t

        setattr(pipeline, name, timed)
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ANT))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--profile", action="store_true", help="print the 25 functions that take most time")
    ap.add_argument("--stages", action="store_true", help="print the share of time of each pipeline stage")
    ap.add_argument("--out", help="write the coded articles here as JSONL")
    ap.add_argument("--passes", type=int, default=1, help="code the corpus this many times; report each and the best")
    ap.add_argument("--model", default=None, help="decision layer: off, confidence, fast, accurate (default: "
                                                   "marsad's default)")
    args = ap.parse_args()
    from marsad.learn.decider import select, selected_name

    select(args.model)
    if not Path(args.corpus).is_file():
        return missing(args.corpus)
    t0 = time.perf_counter()
    gazetteer = default_gazetteer()
    _ = gazetteer.index
    extract_article(next(a for a in read_path(args.corpus) if not isinstance(a, InputError)), gazetteer)
    warm = time.perf_counter() - t0
    articles = [a for a in read_path(args.corpus) if not isinstance(a, InputError)]
    if args.limit:
        articles = articles[: args.limit]
    chars = sum(len(a.text) + len(a.title) for a in articles)
    profiler = cProfile.Profile() if args.profile else None
    out = open(args.out, "w", encoding="utf-8") if args.out else None  # noqa: SIM115 (closed below)
    stage_times = _time_stages() if args.stages else None
    walls: list[float] = []
    cpus: list[float] = []
    from marsad.pipeline import recent_codings

    for n in range(args.passes):
        events = figures = 0
        recent_codings(gazetteer).clear()  # every pass codes every article (only copies within a pass are reused)
        start, cpu = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        for a in articles:
            doc = extract_article(a, gazetteer)
            events += len(doc.events)
            figures += len(doc.figures)
            if out and n == 0:
                out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        if profiler:
            profiler.disable()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    if out:
        out.close()
    elapsed = min(walls)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus          {args.corpus}")
    print(f"decision layer  {selected_name()}")
    print(f"articles        {len(articles):,} ({chars / 1e6:.1f} M characters)")
    print(f"start-up        {warm:.2f} s (gazetteer of {len(gazetteer):,} places, lexicons, first article)")
    print(f"coding          {elapsed:.2f} s on one core (best of {len(walls)}: "
          f"{', '.join(f'{w:.1f}' for w in walls)} s wall; {', '.join(f'{c:.1f}' for c in cpus)} s CPU)")
    print(f"throughput      {len(articles) / elapsed:,.0f} articles/s  ({chars / elapsed / 1e3:,.0f} k chars/s)"
          f"; by CPU time {len(articles) / min(cpus):,.0f} articles/s; first (cold) pass "
          f"{len(articles) / walls[0]:,.0f} articles/s")
    print(f"events          {events:,}   figures {figures:,}")
    print(f"peak RSS        {rss:,.0f} MB")
    if stage_times is not None:
        total = sum(walls)
        print("time by stage   " + ", ".join(f"{name} {t / total:.0%}" for name, t in
                                           sorted(stage_times.items(), key=lambda kv: -kv[1])))
    if profiler:
        s = io.StringIO()
        pstats.Stats(profiler, stream=s).sort_stats("tottime").print_stats(25)
        print(s.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
