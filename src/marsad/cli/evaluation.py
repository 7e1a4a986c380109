"""`marsad eval | eval-links`: scoring against hand-coded gold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from marsad.cli.common import ModelOpt, _fail, app, use_model


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path] | None, typer.Argument(help="Gold JSONL files (gold/events/FORMAT.md); default: "
                                                           "gold/events/*-events.jsonl")] = None,
    split: Annotated[str, typer.Option(help="all, train, dev or test (gold/events/splits.tsv); test is sealed: "
                                            "figures only")] = "all",
    splits: Annotated[Path | None, typer.Option(help="The splits file (default: splits.tsv beside the gold)")] = None,
    predictions: Annotated[Path | None, typer.Option(help="marsad extract --format jsonl output to score "
                                                             "(default: run extraction now)")] = None,
    report: Annotated[Path | None, typer.Option(help="Write the full Markdown report here (one gold file)")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the figures as JSON here")] = None,
    km: Annotated[float, typer.Option(help="Places agree within this distance")] = 25.0,
    days: Annotated[int, typer.Option(help="Dates agree within this many days")] = 1,
    gazetteer: Annotated[str | None, typer.Option(help="Gazetteer name or path (default: the configured one)")] = None,
    shared: Annotated[Path, typer.Option(help="Folder of the corpora the gold refers to by docno")] = Path(
        "../shared/data"),
    limit: Annotated[int, typer.Option(help="Score only the first N gold articles (0: all)")] = 0,
    resamples: Annotated[int, typer.Option(help="Bootstrap resamples for the 95 % intervals (0: none)")] = 1000,
    model: ModelOpt = None,
    counts: Annotated[bool, typer.Option("--counts", help="Only say how many articles and events each split "
                                                          "holds (nothing is extracted or scored)")] = False,
) -> None:
    """Score extraction against hand-coded gold: precision, recall, F1 with 95 % intervals, and the errors."""
    import json as _json

    from marsad.eval.events import ERROR_CLASSES, GoldError, MatchRules
    from marsad.eval.report import markdown
    from marsad.eval.run import default_gold_files, read_predictions, split_counts
    from marsad.eval.run import evaluate as run_eval
    from marsad.resolve.registry import open_gazetteer

    use_model(model)
    files = gold or default_gold_files()
    if not files:
        _fail("no gold files given and none found in gold/events/ (run from the repository's root or name them)")
    if counts:
        for path in files:
            try:
                table = split_counts(path, splits)
            except (GoldError, OSError) as exc:
                _fail(str(exc))
            for name in sorted(table, key=lambda k: ("train", "dev", "test", "unsplit").index(k)):
                row = table[name]
                typer.echo(f"{path.name} [{name}]: {row['articles']} articles, {row['events']} gold events "
                           f"(+{row['optional']} optional)")
        return
    if report is not None and len(files) > 1:
        _fail("--report writes one gold file's report: name one gold file")
    try:
        predicted = read_predictions(predictions) if predictions is not None else None
        gaz = open_gazetteer(gazetteer) if predicted is None else None
    except (GoldError, FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
    summaries = []
    for path in files:
        try:
            ev = run_eval(path, split=split, splits_file=splits, predictions=predicted, gazetteer=gaz, shared=shared,
                          rules=MatchRules(km=km, days=days), limit=limit, resamples=resamples)
        except (GoldError, OSError) as exc:
            _fail(str(exc))
        s = ev.summary()
        summaries.append(s)
        typer.echo(f"{path.name} [{s['split']}]: {s['articles']} articles, {s['gold_events']} gold events "
                   f"(+{s['optional_gold']} optional), {s['predicted']} predicted")
        typer.echo(f"precision {s['precision']:.1%}  recall {s['recall']:.1%}  F1 {s['f1']:.1%}  "
                   f"(matched {s['tp']}, false alarms {s['fp']}, missed {s['fn']})")
        if ev.intervals:
            typer.echo("95% interval over articles: " + ", ".join(
                f"{k[0].upper() if k != 'f1' else 'F1'} {lo:.1%}-{hi:.1%}" for k, (lo, hi) in ev.intervals.items()))
        if s.get("matched"):
            typer.echo(f"matched: sub-type {s['sub_event_type_accuracy']:.1%}, actor1 {s['actor1_agreement']:.1%}, "
                       f"date {s['date_exact']:.1%}, fatalities exact {s['fatalities_exact_all']:.1%} of matched "
                       f"({s['fatalities_exact'] or 0:.1%} of {s['fatalities_scored']} with a toll)")
        if ev.sealed:
            typer.echo("the test split is sealed: figures only, no errors shown")
        else:
            for name, counts in (("missed", s["miss_classes"]), ("false alarms", s["false_alarm_classes"])):
                typer.echo(f"{name} by class: " + ", ".join(f"{k} {v}" for k, v in sorted(
                    counts.items(), key=lambda kv: ERROR_CLASSES[kv[0]])))
        if report is not None:
            report.write_text(markdown(ev, f"marsad evaluation: {path.name}"), encoding="utf-8")
            typer.echo(f"report: {report}")
    if json_out is not None:
        json_out.write_text(_json.dumps(summaries, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


@app.command("eval-links")
def eval_links(
    gold: Annotated[Path, typer.Argument(help="Gold clusters JSONL (gold/links/README.md)")],
    report: Annotated[Path | None, typer.Option(help="Write the full Markdown report here")] = None,
    km: Annotated[float, typer.Option(help="A report matches a gold mention within this distance")] = 25.0,
    days: Annotated[int, typer.Option(help="… and this many days")] = 1,
    gazetteer: Annotated[str | None, typer.Option(help="Gazetteer name or path (default: the configured one)")] = None,
    shared: Annotated[Path, typer.Option(help="Folder of the corpora the gold refers to")] = Path("../shared/data"),
) -> None:
    """Score cross-article linking: pairwise precision, recall and F1 over hand-made clusters of reports."""
    from marsad.eval.events import GoldError, MatchRules
    from marsad.eval.links import evaluate_links, markdown
    from marsad.resolve.registry import open_gazetteer

    rules = MatchRules(km=km, days=days)
    try:
        gaz = open_gazetteer(gazetteer)
        scores, clusters = evaluate_links(gold, shared, gaz, rules)
    except (GoldError, FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
    typer.echo(f"{gold.name}: {scores.clusters} clusters, {scores.mentions} mentions ({scores.mapped} mapped to "
               f"reports); store {scores.articles} articles, {scores.reports} reports, {scores.linked_events} "
               "linked events")
    typer.echo(f"pairwise precision {scores.precision:.1%}  recall {scores.recall:.1%}  F1 {scores.f1:.1%}  "
               f"(end-to-end recall {scores.end_to_end_recall:.1%}; hard negatives wrongly linked "
               f"{scores.negatives_linked} of {scores.negatives})")
    if report:
        try:
            report.write_text(markdown(scores, clusters, rules), encoding="utf-8")
        except OSError as exc:
            _fail(f"{report}: cannot write ({exc.strerror or exc})")
        typer.echo(f"report: {report}")


