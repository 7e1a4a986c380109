"""Score coded events against hand-coded gold (gold/events/FORMAT.md), as `marsad eval` reports them.

Matching (configurable with `MatchRules`): a predicted event matches a gold event of the same article when
- the event type agrees (ACLED's six types; the sub-event type is scored on matched pairs);
- the place agrees: both points within `km` of each other, or — when either side only knows the
  governorate (geo_precision 3) — the same governorate; an event without any place never matches one
  with a place unless `unknown_place_matches` is set;
- the date agrees: within `days` days; an event without a date never matches one with a date unless
  `unknown_date_matches` is set.
Pairs are taken greedily, closest first (place, then date). Gold events marked optional are debatable:
missing one costs no recall, finding one costs no precision (it is neither a hit nor a false alarm).
"""

from __future__ import annotations

import csv
import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from marsad.ingest.readers import utc_marked
from marsad.model import Article
from marsad.pipeline import parse_iso_date
from marsad.resolve.gazetteer import distance_km

PROVINCE_KM = 100.0  # a province-level place abroad agrees with any point this near its seat

EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
               "Strategic developments")


@dataclass(frozen=True)
class MatchRules:
    km: float = 25.0
    days: int = 1
    unknown_place_matches: bool = False
    unknown_date_matches: bool = False

    def describe(self) -> str:
        return (f"same event type; place within {self.km:g} km (or the same governorate when either side is "
                f"coded at governorate level); date within {self.days} day(s); unknown place "
                f"{'matches' if self.unknown_place_matches else 'does not match'} a known one; unknown date "
                f"{'matches' if self.unknown_date_matches else 'does not match'} a known one; when either side "
                f"is coded at country level, the same country")


class GoldError(ValueError):
    """A gold file that cannot be read (the message names the file and line)."""


def gold_lines(path: Path):
    """(line number, JSON object) for each non-blank line of a gold file; a GoldError names file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read ({exc})") from exc
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{path}:{lineno}: malformed JSON ({exc.msg})") from None
        if not isinstance(record, dict):
            raise GoldError(f"{path}:{lineno}: expected a JSON object")
        yield lineno, record


def read_gold(path: Path) -> list[dict[str, Any]]:
    out = []
    for lineno, record in gold_lines(path):
        if "docno" not in record or "events" not in record:
            raise GoldError(f"{path}:{lineno}: a gold line needs 'docno' and 'events'")
        out.append(record)
    return out


def load_articles(gold: list[dict[str, Any]], shared: Path) -> dict[str, Article]:
    """The gold's articles: inline (title/text) or from the corpora in ../shared by docno."""
    wanted = {g["docno"]: g for g in gold}
    out: dict[str, Article] = {}
    for g in gold:
        if g.get("text") is not None:
            out[g["docno"]] = Article(id=g["docno"], title=g.get("title", ""), text=g["text"],
                                      published=g.get("published"))
    ant = shared / "ant-arabic-news-syria-2018" / "ant_v2.1_syria_articles.jsonl"
    if any(g.get("corpus") == "ant" and g["docno"] not in out for g in gold):
        with ant.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                if r["docno"] in wanted and r["docno"] not in out:
                    out[r["docno"]] = Article(id=r["docno"], title=r["title"], text=r["text"],
                                              published=utc_marked(r["pub_time_utc"]), source=r["source"])
    fakes = shared / "fakes-syria-news-en" / "FA-KES-Dataset.csv"
    if any(g.get("corpus") == "fakes" and g["docno"] not in out for g in gold):
        with fakes.open(encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                g = wanted.get(r["unit_id"])
                if g is not None and r["unit_id"] not in out:
                    out[r["unit_id"]] = Article(id=r["unit_id"], title=r["article_title"], text=r["article_content"],
                                                published=g.get("published"), source=r["source"])
    missing = [d for d in wanted if d not in out]
    if missing:
        raise GoldError(f"articles not found for {len(missing)} gold lines (e.g. {missing[0]}): is ../shared present?")
    return out


def _place_distance(p: dict, g: dict, rules: MatchRules) -> float | None:
    """0..km when the places agree (the distance, 0 for same-governorate matches), None when they do not."""
    has_p = p.get("latitude") is not None or p.get("admin1")
    has_g = g.get("latitude") is not None or g.get("admin1")
    if not has_p or not has_g:
        return 0.0 if (rules.unknown_place_matches or (not has_p and not has_g)) else None
    if _country_level(p) or _country_level(g):
        return 0.0 if _country(p) and _country(p) == _country(g) else None
    if (p.get("geo_precision") == 3 or g.get("geo_precision") == 3 or p.get("latitude") is None
            or g.get("latitude") is None):
        if p.get("admin1") and g.get("admin1"):
            return 0.0 if p["admin1"] == g["admin1"] else None
        # a province abroad, where one side names no admin1 (gold gives admin1 for Syria only): its point
        if p.get("latitude") is not None and g.get("latitude") is not None:
            d = distance_km(p["latitude"], p["longitude"], g["latitude"], g["longitude"])
            return 0.0 if d <= PROVINCE_KM else None
        return 0.0 if _country(p) and _country(p) == _country(g) else None
    d = distance_km(p["latitude"], p["longitude"], g["latitude"], g["longitude"])
    return d if d <= rules.km else None


def _country_level(e: dict) -> bool:
    """Coded at country level: no governorate, and the place is the country itself (or none)."""
    return not e.get("admin1") and e.get("geo_precision") == 3


def _country(e: dict) -> str | None:
    if e.get("country"):
        return e["country"]
    if e.get("admin1") in _syrian_governorates():
        return "Syria"
    return e.get("location") if _country_level(e) else None


@cache
def _syrian_governorates() -> frozenset[str]:
    from marsad.data import table

    return frozenset(r["name"] for r in table("admin_sy.tsv") if r["kind"] == "governorate")


def _date_gap(p: dict, g: dict, rules: MatchRules) -> int | None:
    """Days between the two events' dates; a range (event_date to date_end: "last week") agrees with any
    day inside it, so the gap is the distance between the two spans (0 when they overlap)."""
    dp, dg = parse_iso_date(p.get("event_date")), parse_iso_date(g.get("event_date"))
    if dp is None or dg is None:
        return 0 if (rules.unknown_date_matches or (dp is None and dg is None)) else None
    ep = max(dp, parse_iso_date(p.get("date_end")) or dp)
    eg = max(dg, parse_iso_date(g.get("date_end")) or dg)
    gap = max(0, (dp - eg).days, (dg - ep).days)
    return gap if gap <= rules.days else None


@dataclass
class Report:
    rules: MatchRules
    articles: int = 0
    gold_events: int = 0
    optional: int = 0
    predicted: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    optional_found: int = 0
    by_type: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    pairs: list[tuple[str, dict, dict]] = field(default_factory=list)  # (docno, gold, predicted)
    misses: list[tuple[str, dict]] = field(default_factory=list)
    false_alarms: list[tuple[str, dict]] = field(default_factory=list)
    figure_gold: int = 0
    figure_predicted: int = 0
    figure_hits: int = 0
    per_article: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # docno -> (tp, fp, fn)
    miss_classes: list[str] = field(default_factory=list)  # an error class for each of `misses`
    false_alarm_classes: list[str] = field(default_factory=list)  # … and for each of `false_alarms`
    matched_gold: set[tuple[str, int]] = field(default_factory=set)  # (docno, index of the gold event)

    @staticmethod
    def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def summary(self) -> dict[str, Any]:
        p, r, f = self.prf(self.tp, self.fp, self.fn)
        out: dict[str, Any] = {"articles": self.articles, "gold_events": self.gold_events,
                               "optional_gold": self.optional, "predicted": self.predicted, "tp": self.tp,
                               "fp": self.fp, "fn": self.fn, "precision": p, "recall": r, "f1": f}
        out.update(self._pair_stats())
        fp_, fr, ff = self.prf(self.figure_hits, self.figure_predicted - self.figure_hits,
                               self.figure_gold - self.figure_hits)
        out.update({"figures_gold": self.figure_gold, "figures_predicted": self.figure_predicted,
                    "figure_precision": fp_, "figure_recall": fr, "figure_f1": ff})
        return out

    def _pair_stats(self) -> dict[str, Any]:
        n = len(self.pairs)
        if not n:
            return {}

        def share(test) -> float:
            return sum(1 for _, g, p in self.pairs if test(g, p)) / n

        errors = sorted(distance_km(p["latitude"], p["longitude"], g["latitude"], g["longitude"])
                        for _, g, p in self.pairs if p.get("latitude") is not None and g.get("latitude") is not None)
        with_toll = [(g, p) for _, g, p in self.pairs
                     if g.get("fatalities") is not None or p.get("fatalities") is not None]

        def in_range(g: dict, p: dict) -> bool:
            gv, pv = g.get("fatalities"), p.get("fatalities")
            if gv is None or pv is None:
                return gv == pv
            g_hi, p_hi = g.get("fatalities_max") or gv, p.get("fatalities_max") or pv
            return gv <= p_hi and pv <= g_hi

        return {
            "matched": n,
            "sub_event_type_accuracy": share(lambda g, p: g.get("sub_event_type") == p.get("sub_event_type")),
            "actor1_agreement": share(lambda g, p: g.get("actor1") == p.get("actor1")),
            "actor_pair_agreement": share(lambda g, p: {g.get("actor1"), g.get("actor2")} ==
                                          {p.get("actor1"), p.get("actor2")}),
            "civilian_targeting_agreement": share(lambda g, p: bool(g.get("civilian_targeting")) ==
                                                  bool(p.get("civilian_targeting"))),
            "date_exact": share(lambda g, p: g.get("event_date") == p.get("event_date")),
            "geo_precision_agreement": share(lambda g, p: g.get("geo_precision") == p.get("geo_precision")),
            "place_pairs_with_points": len(errors),
            "place_error_median_km": statistics.median(errors) if errors else None,
            "place_error_p90_km": errors[int(0.9 * (len(errors) - 1))] if errors else None,
            "place_within_1km": sum(1 for e in errors if e <= 1) / len(errors) if errors else None,
            "place_within_10km": sum(1 for e in errors if e <= 10) / len(errors) if errors else None,
            "fatalities_exact_all": share(lambda g, p: g.get("fatalities") == p.get("fatalities")),
            "fatalities_scored": len(with_toll),
            "fatalities_exact": (sum(1 for g, p in with_toll if g.get("fatalities") == p.get("fatalities"))
                                 / len(with_toll)) if with_toll else None,
            "fatalities_within_range": (sum(1 for g, p in with_toll if in_range(g, p)) / len(with_toll))
            if with_toll else None,
        }


def compatible(g: dict, p: dict, rules: MatchRules) -> tuple[float, int] | None:
    """(km, days) when a prediction can match a gold event (same type, place and date agree), else None."""
    if p.get("event_type") != g.get("event_type"):
        return None
    km = _place_distance(p, g, rules)
    days = _date_gap(p, g, rules)
    return None if km is None or days is None else (km, days)


def match(golds: list[dict], preds: list[dict], rules: MatchRules) -> list[tuple[int, int]]:
    """The scorer's pairs (gold index, prediction index) within one article: greedy, closest first."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            fit = compatible(g, p, rules)
            if fit is not None:
                pairs.append((fit[0], fit[1], gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _km, _days, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def score(gold: list[dict[str, Any]], predictions: dict[str, dict[str, Any]], rules: MatchRules) -> Report:
    report = Report(rules)
    for g_article in gold:
        docno = g_article["docno"]
        pred_article = predictions.get(docno, {"events": [], "figures": []})
        golds = g_article.get("events", [])
        preds = pred_article.get("events", [])
        report.articles += 1
        report.gold_events += sum(1 for g in golds if not g.get("optional"))
        report.optional += sum(1 for g in golds if g.get("optional"))
        report.predicted += len(preds)
        tp0, fp0, fn0 = report.tp, report.fp, report.fn
        used_g: set[int] = set()
        used_p: set[int] = set()
        for gi, pi in match(golds, preds, rules):
            used_g.add(gi)
            used_p.add(pi)
            g, p = golds[gi], preds[pi]
            if g.get("optional"):
                report.optional_found += 1
                continue
            report.tp += 1
            report.matched_gold.add((docno, gi))
            report.by_type[g["event_type"]]["tp"] += 1
            report.pairs.append((docno, g, p))
        for gi, g in enumerate(golds):
            if gi not in used_g and not g.get("optional"):
                report.fn += 1
                report.by_type[g.get("event_type", "?")]["fn"] += 1
                report.misses.append((docno, g))
                report.miss_classes.append(miss_class(g, golds, preds, used_p, rules))
        for pi, p in enumerate(preds):
            if pi not in used_p:
                report.fp += 1
                report.by_type[p.get("event_type", "?")]["fp"] += 1
                report.false_alarms.append((docno, p))
                report.false_alarm_classes.append(false_alarm_class(p, golds, used_g, rules))
        report.per_article[docno] = (report.tp - tp0, report.fp - fp0, report.fn - fn0)
        _score_figures(report, g_article.get("figures", []), pred_article.get("figures", []))
    return report


# Error classes (docs/EVALUATION.md): why a gold event was missed or a prediction is a false alarm, told from
# the fields and from the overlap of the two sides' evidence. The numbers are issue 11's classes.
ERROR_CLASSES = {
    "never_coded": "1 events never coded: no prediction from the event's sentences, none compatible",
    "date": "2 dates: the same type and place, another date",
    "several_in_one": "3 several events in one clause: the sentence's prediction went to another gold event",
    "wrong_type": "4 which trigger is the event: the sentence gave another type",
    "duplicate": "5 one event, many accounts: a second prediction for a gold event already matched",
    "not_an_event": "6 not events: nothing in the gold at this evidence",
    "control": "6 not events: an article without any event",
    "place": "8 places: the same type and date, another place",
    "other": "other",
}


def overlaps(a: dict, b: dict) -> bool:
    """Do two events' evidence spans share a character (in the same part: title or text)?"""
    for x in a.get("evidence") or ():
        for y in b.get("evidence") or ():
            if x.get("part", "text") == y.get("part", "text") and x.get("start", 0) < y.get("end", 0) \
                    and y.get("start", 0) < x.get("end", 0):
                return True
    return False


def miss_class(g: dict, golds: list[dict], preds: list[dict], used_p: set[int], rules: MatchRules) -> str:
    same = [p for p in preds if p.get("event_type") == g.get("event_type")]
    if any(_date_gap(p, g, rules) is None and _place_distance(p, g, rules) is not None for p in same):
        return "date"
    if any(_place_distance(p, g, rules) is None and _date_gap(p, g, rules) is not None for p in same):
        return "place"
    if any(pi in used_p and overlaps(p, g) and p.get("event_type") == g.get("event_type")
           for pi, p in enumerate(preds)):
        return "several_in_one"
    if any(overlaps(p, g) for p in preds):
        return "wrong_type"
    return "never_coded"


def false_alarm_class(p: dict, golds: list[dict], used_g: set[int], rules: MatchRules) -> str:
    if not golds:
        return "control"
    same = [(gi, g) for gi, g in enumerate(golds) if g.get("event_type") == p.get("event_type")]
    free = [g for gi, g in same if gi not in used_g]
    if any(_date_gap(p, g, rules) is None and _place_distance(p, g, rules) is not None for g in free):
        return "date"
    if any(_place_distance(p, g, rules) is None and _date_gap(p, g, rules) is not None for g in free):
        return "place"
    if any(gi in used_g and (overlaps(p, g) or (_date_gap(p, g, rules) is not None and
                                                 _place_distance(p, g, rules) is not None)) for gi, g in same):
        return "duplicate"
    if any(overlaps(p, g) for g in golds):
        return "wrong_type"
    return "not_an_event"


def bootstrap(report: Report, resamples: int = 1000, seed: int = 20261207) -> dict[str, tuple[float, float]]:
    """95 % intervals of precision, recall and F1, resampling the articles with replacement (each article's
    matched, false alarms and missed travel together), so a difference inside the noise is not called a gain."""
    import random

    rows = list(report.per_article.values())
    if not rows:
        return {}
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {"precision": [], "recall": [], "f1": []}
    for _ in range(resamples):
        tp = fp = fn = 0
        for _i in range(len(rows)):
            a, b, c = rows[rng.randrange(len(rows))]
            tp, fp, fn = tp + a, fp + b, fn + c
        for k, v in zip(("precision", "recall", "f1"), Report.prf(tp, fp, fn), strict=True):
            samples[k].append(v)
    out = {}
    for k, v in samples.items():
        v.sort()
        out[k] = (v[int(0.025 * (len(v) - 1))], v[int(0.975 * (len(v) - 1))])
    return out


def _score_figures(report: Report, golds: list[dict], preds: list[dict]) -> None:
    """A predicted figure is right when its kind is the gold's and its value within 10 % of it."""
    report.figure_gold += len(golds)
    report.figure_predicted += len(preds)
    used: set[int] = set()
    for g in golds:
        for i, p in enumerate(preds):
            if i in used or p.get("kind") != g.get("kind") or not g.get("value"):
                continue
            if abs((p.get("value") or 0) - g["value"]) <= 0.1 * g["value"]:
                used.add(i)
                report.figure_hits += 1
                break
