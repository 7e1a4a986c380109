"""Agreement between two coders of the same articles, with the scorer's own matching (marsad.eval.events).

    python gold/tools/agreement.py FIRST.jsonl SECOND.jsonl [--report agreement.md]

Each coder's required events are scored against the other's gold (optional events cost nothing, as in
`marsad eval`); the event F1 of both directions and their mean are printed, with fatalities agreement on the
matched pairs (exact, and null on both sides counting as agreement). This tool imports the scorer only: it
runs no extraction.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from marsad.eval.events import MatchRules, read_gold, score


def load(path: Path) -> dict[str, dict]:
    return {str(g["docno"]): g for g in read_gold(path)}


def as_predictions(lines: dict[str, dict]) -> dict[str, dict]:
    return {d: {"events": [e for e in g["events"] if not e.get("optional")], "figures": g.get("figures", [])}
            for d, g in lines.items()}


def compare(first: dict[str, dict], second: dict[str, dict]) -> dict:
    common = sorted(set(first) & set(second))
    if not common:
        raise SystemExit("the two files share no article")
    out = {"articles": len(common)}
    for name, gold, other in (("first_as_gold", first, second), ("second_as_gold", second, first)):
        r = score([gold[d] for d in common], as_predictions({d: other[d] for d in common}), MatchRules())
        s = r.summary()
        out[name] = {k: s.get(k) for k in ("gold_events", "predicted", "tp", "fp", "fn", "precision", "recall", "f1",
                                           "fatalities_exact_all", "fatalities_exact", "fatalities_scored",
                                           "sub_event_type_accuracy", "actor1_agreement", "date_exact")}
        out[name]["disagreements"] = ([("missed", d, e) for d, e in r.misses] +
                                      [("extra", d, e) for d, e in r.false_alarms])
    out["mean_f1"] = (out["first_as_gold"]["f1"] + out["second_as_gold"]["f1"]) / 2
    classes = [(d, first[d]["notes"].split(".")[0], second[d]["notes"].split(".")[0]) for d in common]
    out["class_agreement"] = sum(1 for _, a, b in classes if a == b) / len(common)
    return out


def _line(e: dict) -> str:
    return (f"{e.get('event_date')} {e.get('sub_event_type')} — {e.get('actor1')} / {e.get('actor2')} — "
            f"{e.get('location')} — {e.get('fatalities')} killed")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("first", type=Path)
    ap.add_argument("second", type=Path)
    ap.add_argument("--report", type=Path)
    args = ap.parse_args()
    res = compare(load(args.first), load(args.second))
    for name in ("first_as_gold", "second_as_gold"):
        s = res[name]
        print(f"{name}: {s['gold_events']} gold, {s['predicted']} other; P {s['precision']:.1%} R {s['recall']:.1%} "
              f"F1 {s['f1']:.1%}; matched {s['tp']}: fatalities exact {s['fatalities_exact_all']:.1%} of matched "
              f"({(s['fatalities_exact'] or 0):.1%} of {s['fatalities_scored']} with a toll), sub-type "
              f"{s['sub_event_type_accuracy']:.1%}, actor1 {s['actor1_agreement']:.1%}, date {s['date_exact']:.1%}")
    print(f"mean event F1 {res['mean_f1']:.1%}; article class agreement {res['class_agreement']:.1%} "
          f"({res['articles']} articles)")
    if args.report:
        lines = ["# Disagreements (first coder as gold)", ""]
        for kind, d, e in res["first_as_gold"]["disagreements"]:
            lines.append(f"- `{d}` {'only the first coder' if kind == 'missed' else 'only the second coder'}: {_line(e)}")
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
