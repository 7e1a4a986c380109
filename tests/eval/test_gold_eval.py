"""`marsad eval` on the repository's hand-coded gold sets (a fast subset; the full run is in the README and
docs/EVALUATION.md). The floors are far below today's figures: they catch a pipeline that stopped finding
events or a scorer that stopped matching them, not small movements."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data"


@pytest.mark.parametrize("gold,floor", [("ant-events.jsonl", 20.0), ("fakes-events.jsonl", 25.0)])
def test_eval_runs_on_a_gold_subset_and_writes_the_report(gold, floor, tmp_path):
    if not SHARED.is_dir():
        pytest.skip(f"the gold's article texts are read from {SHARED} (../shared is absent)")
    report = tmp_path / "report.md"
    run = subprocess.run([sys.executable, "-m", "marsad", "eval", str(ROOT / "gold" / "events" / gold),
                          "--limit", "20", "--report", str(report), "--shared", str(SHARED)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    p, r, f1 = map(float, re.search(r"precision ([\d.]+)%\s+recall ([\d.]+)%\s+F1 ([\d.]+)%", run.stdout).groups())
    assert f1 >= floor and p > 0 and r > 0, run.stdout
    text = report.read_text(encoding="utf-8")
    assert text.startswith(f"# marsad evaluation: {gold}")
    for section in ("## By event type", "## Missed gold events", "## False alarms", "## Matched pairs that disagree"):
        assert section in text
    for metric in ("sub-event type right", "actor1 right", "date exactly right", "place error: median",
                   "fatalities exact / within range", "figures: precision / recall"):
        assert metric in text
    # every miss and false alarm quotes its evidence so a person can see why
    for section in ("## Missed gold events", "## False alarms"):
        entries = text.split(section)[1].split("\n## ")[0].split("\n- `")[1:]
        assert entries and all("\n  > " in e for e in entries), section


def test_eval_says_which_file_is_wrong(tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"docno": "x", "corpus": "ant"}\nnot json\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "marsad", "eval", str(bad)], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode != 0 and str(bad) in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_eval_links_on_a_subset_of_the_cluster_gold(tmp_path):
    if not SHARED.is_dir():
        pytest.skip(f"the gold's article texts are read from {SHARED} (../shared is absent)")
    lines = (ROOT / "gold" / "links" / "ant-clusters.jsonl").read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "clusters.jsonl"
    subset.write_text("\n".join(lines[:12]) + "\n", encoding="utf-8")
    report = tmp_path / "links.md"
    run = subprocess.run([sys.executable, "-m", "marsad", "eval-links", str(subset), "--report", str(report),
                          "--shared", str(SHARED)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    p, r = map(float, re.search(r"pairwise precision ([\d.]+)%\s+recall ([\d.]+)%", run.stdout).groups())
    assert p >= 50 and r >= 20, run.stdout  # far below today's figures: catches linking that stopped working
    text = report.read_text(encoding="utf-8")
    assert "## Gold pairs not linked" in text and "## Linked but different events" in text


def _inline_gold(tmp_path):
    """Two articles with inline text (a user's own gold) and a splits file putting one in dev, one in test."""
    import json

    strike = {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
              "event_date": "2018-03-04", "latitude": 33.5711, "longitude": 36.4027, "admin1": "Rural Damascus",
              "geo_precision": 1, "country": "Syria", "fatalities": 5, "optional": False,
              "evidence": [{"part": "text", "start": 0, "end": 40}]}
    lines = [{"docno": "d1", "title": "", "text": "قتل 5 مدنيين في غارة جوية على مدينة دوما يوم الأحد",
              "published": "2018-03-05", "events": [strike], "figures": []},
             {"docno": "t1", "title": "", "text": "قتل 5 مدنيين في غارة جوية على مدينة دوما يوم الأحد",
              "published": "2018-03-05", "events": [strike], "figures": []}]
    gold = tmp_path / "mine-events.jsonl"
    gold.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    (tmp_path / "splits.tsv").write_text("docno\tsplit\nd1\tdev\nt1\ttest\n", encoding="utf-8")
    return gold


def test_eval_scores_one_split_and_keeps_the_test_split_sealed(tmp_path):
    gold = _inline_gold(tmp_path)
    dev = subprocess.run([sys.executable, "-m", "marsad", "eval", str(gold), "--split", "dev", "--report",
                          str(tmp_path / "dev.md")], capture_output=True, text=True, timeout=120)
    assert dev.returncode == 0, dev.stderr
    assert "[dev]: 1 articles" in dev.stdout and "95% interval over articles" in dev.stdout
    assert "missed by class" in dev.stdout and "## Errors by class" in (tmp_path / "dev.md").read_text("utf-8")
    test = subprocess.run([sys.executable, "-m", "marsad", "eval", str(gold), "--split", "test", "--report",
                           str(tmp_path / "test.md")], capture_output=True, text=True, timeout=120)
    assert test.returncode == 0, test.stderr
    assert "[test]: 1 articles" in test.stdout and "sealed" in test.stdout and "by class" not in test.stdout
    text = (tmp_path / "test.md").read_text("utf-8")
    assert "## Missed gold events" not in text and "## False alarms" not in text and "sealed" in text


def test_eval_names_a_bad_split(tmp_path):
    gold = _inline_gold(tmp_path)
    run = subprocess.run([sys.executable, "-m", "marsad", "eval", str(gold), "--split", "validation"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and "validation" in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_eval_counts_the_splits_without_scoring(tmp_path):
    gold = _inline_gold(tmp_path)
    with gold.open("a", encoding="utf-8") as fh:  # a third article the splits file does not name
        fh.write('{"docno": "x1", "title": "", "text": "لا شيء", "published": "2018-03-05", "events": [], '
                 '"figures": []}\n')
    run = subprocess.run([sys.executable, "-m", "marsad", "eval", str(gold), "--counts"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["mine-events.jsonl [dev]: 1 articles, 1 gold events (+0 optional)",
                                       "mine-events.jsonl [test]: 1 articles, 1 gold events (+0 optional)",
                                       "mine-events.jsonl [unsplit]: 1 articles, 0 gold events (+0 optional)"]


def test_eval_counts_names_a_bad_gold_file_in_one_line(tmp_path):
    bad = tmp_path / "bad-events.jsonl"
    bad.write_text("{bad\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "marsad", "eval", str(bad), "--counts"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "bad-events.jsonl:1" in run.stderr and "splits" not in run.stderr
