"""The evaluation report in Markdown: figures, per-type table, and every miss and false alarm with its
evidence, so a person can see why."""

from __future__ import annotations

from collections import Counter
from typing import Any

from marsad.eval.events import ERROR_CLASSES, EVENT_TYPES
from marsad.eval.run import Evaluation
from marsad.model import Article


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _event_line(e: dict[str, Any]) -> str:
    where = e.get("location") or e.get("location_text") or e.get("admin1") or "?"
    actors = " / ".join(a for a in (e.get("actor1"), e.get("actor2")) if a) or "?"
    toll = f", {e['fatalities']} killed" if e.get("fatalities") is not None else ""
    return f"{e.get('event_date') or '?'} {e.get('sub_event_type') or e.get('event_type')} — {actors} — {where}{toll}"


def _gold_evidence(e: dict[str, Any], article: Article | None) -> str:
    if article is None:
        return ""
    texts = []
    for ev in e.get("evidence", []):
        source = article.title if ev.get("part") == "title" else article.text
        texts.append(source[ev["start"]:ev["end"]])
    return " … ".join(texts)


def markdown(ev: Evaluation, title: str, limit: int = 300) -> str:
    report, articles = ev.report, ev.articles
    s = report.summary()
    interval = " ".join(f"{k} {lo:.1%}–{hi:.1%}" for k, (lo, hi) in ev.intervals.items())
    lines = [f"# {title}", "", f"Split: {ev.split or 'all'}. Matching: {report.rules.describe()}.", "",
             "| | |", "|---|---|",
             f"| articles | {s['articles']} |",
             f"| gold events (+ optional) | {s['gold_events']} (+ {s['optional_gold']}) |",
             f"| predicted events | {s['predicted']} |",
             f"| matched / false alarms / missed | {s['tp']} / {s['fp']} / {s['fn']} |",
             f"| **precision / recall / F1** | **{_pct(s['precision'])} / {_pct(s['recall'])} / {_pct(s['f1'])}** |",
             f"| 95 % interval (bootstrap over articles) | {interval or '-'} |",
             f"| optional gold events found | {report.optional_found} of {s['optional_gold']} |"]
    if s.get("matched"):
        lines += [
            f"| sub-event type right (matched) | {_pct(s['sub_event_type_accuracy'])} |",
            f"| actor1 right / both actors right | {_pct(s['actor1_agreement'])} / {_pct(s['actor_pair_agreement'])} |",
            f"| civilian targeting right | {_pct(s['civilian_targeting_agreement'])} |",
            f"| date exactly right | {_pct(s['date_exact'])} |",
            f"| geo_precision right | {_pct(s['geo_precision_agreement'])} |",
            f"| place error: median / 90th percentile (of {s['place_pairs_with_points']} with points) | "
            f"{s['place_error_median_km']:.1f} km / {s['place_error_p90_km']:.1f} km |"
            if s["place_error_median_km"] is not None else "| place error | - |",
            f"| place within 1 km / 10 km | {_pct(s['place_within_1km'])} / {_pct(s['place_within_10km'])} |",
            f"| fatalities exact (of all matched, no toll on both sides counts) | {_pct(s['fatalities_exact_all'])} |",
            f"| fatalities exact / within range (of {s['fatalities_scored']} with a toll) | "
            f"{_pct(s['fatalities_exact'])} / {_pct(s['fatalities_within_range'])} |"]
    lines += [f"| figures: precision / recall (kind and value within 10 %) | {_pct(s['figure_precision'])} / "
              f"{_pct(s['figure_recall'])} ({s['figures_predicted']} predicted, {s['figures_gold']} gold) |", "",
              "## By event type", "", "| event type | precision | recall | F1 | matched | false alarms | missed |",
              "|---|---|---|---|---|---|---|"]
    for t in EVENT_TYPES:
        c = report.by_type.get(t)
        if not c:
            continue
        p, r, f = report.prf(c["tp"], c["fp"], c["fn"])
        lines.append(f"| {t} | {_pct(p)} | {_pct(r)} | {_pct(f)} | {c['tp']} | {c['fp']} | {c['fn']} |")
    if ev.sealed:
        lines += ["", "The test split is sealed: its errors are not listed, so no rule is written against them.", ""]
        return "\n".join(lines)
    misses, alarms = Counter(report.miss_classes), Counter(report.false_alarm_classes)
    lines += ["", "## Errors by class", "", "| class | missed | false alarms |", "|---|---|---|"]
    for key, label in ERROR_CLASSES.items():
        if misses[key] or alarms[key]:
            lines.append(f"| {label} | {misses[key]} | {alarms[key]} |")
    lines += ["", f"## Missed gold events ({len(report.misses)})", ""]
    for (docno, g), why in list(zip(report.misses, report.miss_classes, strict=True))[:limit]:
        lines.append(f"- `{docno}` [{why}] {_event_line(g)}  \n  > {_gold_evidence(g, articles.get(docno))[:400]}")
    lines += ["", f"## False alarms ({len(report.false_alarms)})", ""]
    for (docno, p), why in list(zip(report.false_alarms, report.false_alarm_classes, strict=True))[:limit]:
        evidence = " … ".join(e["text"] for e in p.get("evidence", []))
        lines.append(f"- `{docno}` [{why}] {_event_line(p)}  \n  > {evidence[:400]}")
    lines += ["", "## Matched pairs that disagree", ""]
    for docno, g, p in report.pairs:
        diffs = [k for k in ("sub_event_type", "actor1", "actor2", "event_date", "fatalities")
                 if g.get(k) != p.get(k)]
        if diffs:
            lines.append(f"- `{docno}` " + "; ".join(f"{k}: gold {g.get(k)!r}, marsad {p.get(k)!r}" for k in diffs))
    return "\n".join(lines) + "\n"
