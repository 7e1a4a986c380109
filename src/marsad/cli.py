"""The `marsad` command: a thin layer over the library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from marsad.export.formats import FORMATS, writer_for
from marsad.ingest.readers import MAX_BYTES, InputError, read_path

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


def _fail(message: str) -> None:
    typer.echo(f"marsad: {message}", err=True)
    raise typer.Exit(2)


ModelOpt = Annotated[str | None, typer.Option(
    "--model", help="Decision layer: off (rules, hand-set confidence), confidence (rules decide, the model's "
                    "calibrated probability is the confidence), fast or accurate (the model decides too), or a model "
                    "file; default: $MARSAD_MODEL, else confidence (docs/LEARNED.md)")]
MinConfidenceOpt = Annotated[float | None, typer.Option("--min-confidence", min=0.0, max=1.0,
                                                        help="Output only events whose confidence is at least this")]


def require(extra: str, *modules: str) -> None:
    """One line naming the install command, exit 2, when an optional dependency is missing (not a traceback)."""
    import importlib.util

    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        _fail(f"this command needs {', '.join(missing)} (the {extra!r} extra): pip install 'marsad[{extra}]'")


def use_model(name: str | None) -> None:
    """Choose the decision layer for this run (a one-line error names a model that cannot be loaded)."""
    from marsad.learn.decider import ModelError, select

    try:
        select(name)
    except ModelError as exc:
        _fail(str(exc))


def _check_published(value: str | None) -> str | None:
    from marsad.pipeline import parse_iso_date

    if value is not None and parse_iso_date(value) is None:
        _fail(f"--published {value!r} is not a date (use YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
    return value


@app.command()
def extract(
    paths: Annotated[list[str] | None, typer.Argument(help="Files (.txt .html .jsonl), folders, - for stdin")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD[THH:MM]")] = None,
    lang: Annotated[str, typer.Option(help="auto, or a language code (ar, en)")] = "auto",
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(FORMATS)}")] = "json",
    gazetteer: Annotated[str | None, typer.Option(help="Gazetteer name or path (default: builtin)")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout")] = None,
    max_bytes: Annotated[int, typer.Option(help="Largest file (or JSONL line) read, in bytes")] = MAX_BYTES,
    model: ModelOpt = None,
    min_confidence: MinConfidenceOpt = None,
) -> None:
    """Code articles into ACLED-style events and figures (EVENT-SCHEMA.md)."""
    from marsad.lang import available_languages
    from marsad.pipeline import extract_article, keep_confident
    from marsad.resolve.registry import open_gazetteer

    if fmt not in FORMATS:
        _fail(f"--format {fmt!r} is not one of: {', '.join(FORMATS)}")
    if lang != "auto" and lang not in available_languages():
        _fail(f"--lang {lang!r} is not one of: auto, {', '.join(available_languages())}")
    _check_published(published)
    use_model(model)
    try:
        gaz = open_gazetteer(gazetteer)
    except (FileNotFoundError, ValueError) as exc:  # GazetteerFileError is a ValueError
        _fail(str(exc))
    try:
        out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")
    writer = writer_for(fmt, out)
    failed = 0
    try:
        for path in paths or ["-"]:
            for item in read_path(path, max_bytes):
                if isinstance(item, InputError):
                    failed += item.error
                    typer.echo(f"marsad: {item}" if item.error else f"marsad: note: {item}", err=True)
                    continue
                if item.published is None and published is not None:
                    item.published = published
                try:
                    doc = extract_article(item, gazetteer=gaz, language=None if lang == "auto" else lang)
                except Exception as exc:  # one bad article must not stop the batch
                    failed += 1
                    typer.echo(f"marsad: {item.origin}: internal error, article skipped ({type(exc).__name__}: "
                               f"{exc})", err=True)
                    continue
                writer.write(keep_confident(doc, min_confidence))
    finally:
        writer.close()
        if output:
            out.close()
    if failed:
        raise typer.Exit(2)


@app.command()
def lexicon() -> None:
    """Check every language data file and print the size of each lexicon."""
    from marsad.lang import LexiconError, available_languages
    from marsad.recognise.lexicon import lexicon as load

    try:
        for code in available_languages():
            lex = load(code)
            sizes = ", ".join(f"{k} {v}" for k, v in lex.sizes.items())
            typer.echo(f"{code}: {sizes}")
    except LexiconError as exc:
        _fail(str(exc))


@app.command()
def version() -> None:
    """Print marsad's version."""
    from marsad import __version__

    typer.echo(__version__)


def main() -> None:
    command(app)(prog_name="marsad")


DATE_OPTIONS = frozenset({"from", "to", "published", "date_from", "date_to"})


def command(typer_app: typer.Typer):
    """The click command of a Typer app, its help tidied: each option's value named as click names it (TEXT,
    INTEGER, FLOAT, PATH, DATE) instead of Python type tags (<str>, <list[str]>), and flags without one."""
    root = typer.main.get_command(typer_app)

    def name(param) -> str | None:
        desc = param.type_descriptor
        if param.name in DATE_OPTIONS:
            return "DATE"
        if desc.is_choice:
            return None  # the choices themselves
        if desc.is_path:
            return "PATH"
        base = desc.annotation
        args = getattr(base, "__args__", None)
        if desc.is_list and args:
            base = args[0]
        if desc.is_ranged:
            return "INTEGER" if "int" in str(desc.ranged_type_name).lower() else "FLOAT"
        return {int: "INTEGER", float: "FLOAT", str: "TEXT", bool: "BOOLEAN"}.get(base, "VALUE")

    def tidy(cmd) -> None:
        helper = cmd.get_help_option(cmd.context_class(cmd)) if hasattr(cmd, "get_help_option") else None
        for param in [*cmd.params, *([helper] if helper is not None else [])]:
            kind = getattr(param, "param_type_name", "")
            if kind == "argument":  # typer shows an argument's type whatever its metavar: name it here
                label = (name(param) or "VALUE") + ("..." if param.nargs != 1 else "")
                param.display_type_rich = lambda ctx, _label=label: _label
            elif kind == "option" and param.metavar is None:
                param.metavar = "" if param.is_flag else name(param)
        for sub in getattr(cmd, "commands", {}).values():
            tidy(sub)

    tidy(root)
    return root


gazetteer_app = typer.Typer(no_args_is_help=True, help="Install, list and choose gazetteers.")
app.add_typer(gazetteer_app, name="gazetteer")


@gazetteer_app.command("import")
def gazetteer_import(
    paths: Annotated[list[Path], typer.Argument(help="The files or folders to import (one format; several "
                                                      "countries' WOF files become one gazetteer)")],
    fmt: Annotated[str, typer.Option("--format", help="wof (CSV or GeoJSON), geonames, opensyria, ocha")],
    alternate_names: Annotated[Path | None, typer.Option(help="GeoNames alternateNamesV2.txt")] = None,
    name: Annotated[str | None, typer.Option(help="Install under this name (default: from the source)")] = None,
    base: Annotated[str | None, typer.Option(help="Layer the import over this installed gazetteer")] = None,
    use: Annotated[bool, typer.Option("--use", help="Make it the default gazetteer")] = False,
) -> None:
    """Import a gazetteer into the data directory (one file, loaded in well under a second)."""
    import time

    from marsad.resolve.importers import GazetteerImportError, run_imports
    from marsad.resolve.registry import install, set_default

    t0 = time.perf_counter()
    failed: list[GazetteerImportError] = []

    def skip(exc: GazetteerImportError) -> None:  # one line for a bad file; the other files are still imported
        failed.append(exc)
        typer.echo(f"marsad: {exc}; skipped", err=True)

    try:
        imported = run_imports(fmt, paths, alternate_names, on_error=skip if len(paths) > 1 else None)
        full, where = install(imported, name, base)
    except (GazetteerImportError, ValueError, FileNotFoundError, OSError) as exc:
        _fail(str(exc))
    if use:
        set_default(full.name)
    joined = full.meta.get("joined", 0)
    typer.echo(f"installed {full.name}: {len(imported):,} places imported"
               + (f" ({joined:,} joined to places already held)" if joined else "")
               + f", {len(full):,} in all, {len(full.names_list):,} names, {time.perf_counter() - t0:.1f} s -> {where}")
    if failed:
        raise typer.Exit(2)


@gazetteer_app.command("list")
def gazetteer_list() -> None:
    """Installed gazetteers with their sizes, sources and licences (* marks the default)."""
    from marsad.resolve.registry import BUILTIN, default_name, installed, open_gazetteer
    from marsad.resolve.store import GazetteerFileError

    default = default_name()
    for name in [BUILTIN, *installed()]:
        mark = "*" if name == default else " "
        try:
            g = open_gazetteer(name)
        except GazetteerFileError as exc:
            typer.echo(f"{mark} {name}: cannot be used — {exc}")
            continue
        typer.echo(f"{mark} {name}: {len(g):,} places, {len(g.names_list):,} names — {g.description}")
        typer.echo(f"    sources: {g.meta.get('sources', '')}; licence: {g.meta.get('licence', '')}")


@gazetteer_app.command("use")
def gazetteer_use(name: Annotated[str, typer.Argument(help="builtin or an installed gazetteer")]) -> None:
    """Make a gazetteer the default for extract and geocode."""
    from marsad.resolve.registry import set_default

    try:
        set_default(name)
    except ValueError as exc:
        _fail(str(exc))
    typer.echo(f"default gazetteer: {name}")


@app.command()
def geocode(
    name: Annotated[str, typer.Argument(help="A place name as written (Arabic or Latin script), with any "
                                             "descriptor: 'قرية الخليلية', 'the village of Kherbet Musa', "
                                             "'Tal Sinan south of Salamiyah'")],
    admin1: Annotated[str | None, typer.Option(help="The governorate (province) it is in, any spelling: "
                                                    "chooses among same-name places")] = None,
    near: Annotated[str | None, typer.Option(help="A place it is near: chooses among same-name places")] = None,
    country: Annotated[str | None, typer.Option(help="Only places in this country (ISO2 code or name)")] = None,
    gazetteer: Annotated[str | None, typer.Option(help="Gazetteer name or path (default: the configured one)")] = None,
    limit: Annotated[int, typer.Option(help="How many candidates")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output")] = False,
) -> None:
    """Candidates for a place name: exact names, transliterations, romanisations across scripts, near
    misspellings; descriptors (village, قرية, south of …) read and set aside; --admin1/--near choose."""
    import json as _json

    from marsad.resolve.geocoder import geocode as run_geocode
    from marsad.resolve.registry import open_gazetteer

    try:
        gaz = open_gazetteer(gazetteer)
        query, results = run_geocode(gaz, name, admin1=admin1, near=near, country=country, limit=limit)
    except (FileNotFoundError, ValueError) as exc:  # GeocodeError is a ValueError
        _fail(str(exc))
    found = [r.to_dict() for r in results]
    if as_json:
        typer.echo(_json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not found:
        typer.echo(f"no place called {query.name!r} in {gaz.name}")
        raise typer.Exit(1)
    if query.dropped:
        typer.echo(f"looked up {query.name!r} (set aside: {', '.join(query.dropped)})")
    for c in found:
        typer.echo(f"{c['score']:.2f} {c['name']} ({c['name_ar'] or '-'}), {c['kind']}, {c['admin2'] or '-'}, "
                   f"{c['admin1'] or '-'}, {c['country']}  {c['latitude']:.4f},{c['longitude']:.4f}  [{c['id']}"
                   f"{' ' + c['pcode'] if c['pcode'] else ''}]  {c['reason']}")


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
) -> None:
    """Score extraction against hand-coded gold: precision, recall, F1 with 95 % intervals, and the errors."""
    import json as _json

    from marsad.eval.events import ERROR_CLASSES, GoldError, MatchRules
    from marsad.eval.report import markdown
    from marsad.eval.run import default_gold_files, read_predictions
    from marsad.eval.run import evaluate as run_eval
    from marsad.resolve.registry import open_gazetteer

    use_model(model)
    files = gold or default_gold_files()
    if not files:
        _fail("no gold files given and none found in gold/events/ (run from the repository's root or name them)")
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


import marsad.cli_store  # noqa: E402,F401,I001  (registers ingest, events, event, stats, export, relink)
import marsad.cli_batch  # noqa: E402,F401,I001  (registers batch, load)
import marsad.cli_learn  # noqa: E402,F401,I001  (registers train)
