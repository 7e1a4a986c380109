"""`marsad ingest | events | event | stats | export | relink`: the collection commands, over marsad.store."""

from __future__ import annotations

import csv
import json
import re
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from marsad.cli.common import MinConfidenceOpt, ModelOpt, _check_published, _fail, app, open_store, use_model
from marsad.ingest.readers import MAX_BYTES

EVENT_FORMATS = ("table", "csv", "acled-csv", "geojson", "parquet", "jsonl", "plover")
DbOption = Annotated[Path | None, typer.Option("--db", help="Database file (default: marsad.duckdb in the data "
                                                            "directory, $MARSAD_DATA_DIR or ~/.local/share/marsad)")]


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        _fail(f"{option} {value!r} is not a date (YYYY-MM-DD)")


def _filters(date_from, date_to, event_type, sub_event_type, admin1, country, actor, min_fatalities, min_outlets,
             status=None, min_confidence=None, store=None, corroboration=None):
    """The query's filters, every value checked (one unknown gets a line naming it and the nearest, exit 2)."""
    from marsad.store import validate

    given = {"from": date_from, "to": date_to, "type": event_type, "sub_type": sub_event_type, "admin1": admin1,
             "country": country, "actor": actor, "min_fatalities": min_fatalities, "min_outlets": min_outlets,
             "min_confidence": min_confidence, "corroboration": corroboration, "status": status}
    try:
        return validate.filters(given, store, validate.cli_name)
    except validate.FilterError as exc:
        if store is not None:
            store.close()
        _fail(str(exc))


FromOpt = Annotated[str | None, typer.Option("--from", help="First event date, YYYY-MM-DD")]
ToOpt = Annotated[str | None, typer.Option("--to", help="Last event date, YYYY-MM-DD")]
TypeOpt = Annotated[list[str] | None, typer.Option("--type", help="ACLED event type (repeatable)")]
SubOpt = Annotated[list[str] | None, typer.Option("--sub-type", help="ACLED sub-event type (repeatable)")]
Admin1Opt = Annotated[list[str] | None, typer.Option("--admin1", help="Governorate, any spelling (repeatable)")]
CountryOpt = Annotated[list[str] | None, typer.Option("--country", help="Country name (repeatable)")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="Part of an actor's name")]
MinFatOpt = Annotated[int | None, typer.Option("--min-fatalities", help="At least this many killed")]
CorrOpt = Annotated[list[str] | None, typer.Option("--corroboration", help="Corroboration grade: confirmed, fair, "
                                                  "'single source', contested (repeatable; docs/STORE.md)")]
MinConfOpt = Annotated[float | None, typer.Option("--min-confidence", min=0.0, max=1.0,
                                                  help="Only events whose confidence is at least this (0-1)")]
MinOutOpt = Annotated[int | None, typer.Option("--min-outlets", help="Reported by at least this many outlets")]
StatusOpt = Annotated[list[str] | None, typer.Option("--status", help="Review status: unreviewed, confirmed, edited, "
                                                               "rejected (repeatable; default: all but rejected)")]


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, JSONL, HTML, RSS/Atom, OPML, or URLs")],
    db: DbOption = None,
    gazetteer: Annotated[str | None, typer.Option(help="Gazetteer name or path (default: the configured one)")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date for articles that carry none")] = None,
    lang: Annotated[str, typer.Option(help="auto, or a language code (ar, en)")] = "auto",
    fetch: Annotated[bool, typer.Option("--fetch/--no-fetch", help="Fetch the page of a feed entry that has "
                                                                    "only a summary")] = True,
    recode: Annotated[bool, typer.Option(help="Code again articles already stored (after an upgrade)")] = False,
    max_bytes: Annotated[int, typer.Option(help="Largest file, page or JSONL line read, in bytes")] = MAX_BYTES,
    model: ModelOpt = None,
    min_confidence: MinConfidenceOpt = None,
) -> None:
    """Code articles and store them, linking reports of one event across articles into one record."""
    from marsad.resolve.registry import open_gazetteer
    from marsad.store.ingest import ingest as run

    _check_published(published)
    use_model(model)
    try:
        gaz = open_gazetteer(gazetteer)
    except (FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
    from marsad.store import StoreError

    store = open_store(db, read_only=False, share=True)
    try:
        with _progress() as tell:
            summary = run(sources, store, gaz, published=published, language=None if lang == "auto" else lang,
                          fetch_pages=fetch, recode=recode, max_bytes=max_bytes, progress=tell,
                          min_confidence=min_confidence)
        typer.echo(summary.line(store), err=True)
        if summary.touched:
            from marsad.store.alerts import deliver

            for alert, n, outcome in deliver(store):  # webhook alerts: what this ingest added or changed
                if n:
                    typer.echo(f"alert {alert}: {n} event(s), {outcome}", err=True)
    except StoreError as exc:  # the file stayed locked by another process past the wait: what is stored stays
        _fail(str(exc))
    finally:
        store.close()
    if summary.failed:
        raise typer.Exit(2)


class _progress:
    """A live bar on a terminal; on a pipe or a log, one line per 100 articles. Errors always go to stderr."""

    def __enter__(self):
        self.done = 0
        self.counts: dict[str, int] = {}
        self.live = sys.stderr.isatty()
        if self.live:
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                transient=True)
            self.bar.start()
            self.task = self.bar.add_task("starting")
        return self.tell

    def tell(self, status: str, message: str | None) -> None:
        if message:
            if self.live:
                self.bar.console.print(message, markup=False, highlight=False)
            else:
                print(message, file=sys.stderr, flush=True)
        if status in ("failed", "note"):
            return
        self.done += 1
        self.counts[status] = self.counts.get(status, 0) + 1
        text = f"{self.done:,} articles: " + ", ".join(f"{v:,} {k}" for k, v in sorted(self.counts.items()))
        if self.live:
            self.bar.update(self.task, description=text)
        elif self.done % 100 == 0:
            print(f"ingested {text}", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self.live:
            self.bar.stop()


@app.command()
def events(
    date_from: FromOpt = None, date_to: ToOpt = None, event_type: TypeOpt = None, sub_event_type: SubOpt = None,
    admin1: Admin1Opt = None, country: CountryOpt = None, actor: ActorOpt = None, min_fatalities: MinFatOpt = None,
    min_outlets: MinOutOpt = None, status: StatusOpt = None, min_confidence: MinConfOpt = None,
    corroboration: CorrOpt = None,
    fmt: Annotated[str, typer.Option("--format", help=f"One of: {', '.join(EVENT_FORMATS)}")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here (parquet needs it)")] = None,
    limit: Annotated[int, typer.Option(help="At most this many (0: all; default: 50 for the table, all otherwise)",
                                       show_default=False)] = -1,
    db: DbOption = None,
) -> None:
    """Linked events in the store, filtered, as a table, CSV, ACLED CSV, GeoJSON, Parquet or JSONL."""
    from marsad.store import query

    if fmt not in EVENT_FORMATS:
        _fail(f"--format {fmt!r} is not one of: {', '.join(EVENT_FORMATS)}")
    if fmt == "parquet" and output is None:
        _fail("--format parquet needs --output FILE.parquet")
    store = open_store(db, read_only=True)
    f = _filters(date_from, date_to, event_type, sub_event_type, admin1, country, actor, min_fatalities, min_outlets,
                 status, min_confidence, store=store, corroboration=corroboration)
    try:
        if fmt == "parquet":
            n = query.write_parquet(store, output, f)
            typer.echo(f"{n:,} linked events -> {output}", err=True)
            return
        if limit < 0:
            limit = 50 if fmt == "table" else 0
        rows = query.events(store, f, limit=limit or None)
        total = query.count(store, f)
    finally:
        store.close()
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        _write_events(rows, fmt, out, total)
    finally:
        if output:
            out.close()



def _write_events(rows: list[dict[str, Any]], fmt: str, out, total: int) -> None:
    import time

    from marsad.export.formats import ACLED_COLUMNS, LINKED_EXTRA_COLUMNS, acled_linked_row
    from marsad.store import query
    from marsad.store.db import LINKED_COLUMNS

    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{len(rows):,} of {total:,} linked events")
        for col in ("event", "date", "type", "actors", "place", "killed", "reports", "outlets", "corroboration"):
            table.add_column(col, overflow="fold")
        for r in rows:
            killed = "" if r["fatalities"] is None else str(r["fatalities"]) + (
                f"–{r['fatalities_max']}" if r.get("fatalities_max") else "")
            actors = " / ".join(a for a in (r["actor1"], r["actor2"]) if a)
            place = (r["location"] or "") + (f", {r['admin1']}" if r["admin1"] and r["admin1"] != r["location"] else "")
            table.add_row(r["event_id"], str(r["event_date"] or ""), r["sub_event_type"], actors, place,
                          killed, str(r["n_reports"]), str(r["n_outlets"]),
                          f"{r.get('corroboration') or ''} ({r.get('independent_reports') or 0})")
        Console(file=out, width=160 if not out.isatty() else None).print(table)
    elif fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(query.jsonable(r), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=[n for n, _ in LINKED_COLUMNS])
        w.writeheader()
        for r in rows:
            w.writerow({k: (";".join(v) if isinstance(v, list) else v) for k, v in r.items()})
    elif fmt == "acled-csv":
        stamp = int(time.time())
        w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + LINKED_EXTRA_COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow(acled_linked_row(r, stamp))
    elif fmt == "plover":
        from marsad.export.plover import plover_record

        for r in rows:
            record = plover_record(query.jsonable(r)) | {"outlets": r.get("outlets") or [],
                                                         "n_reports": r.get("n_reports")}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    elif fmt == "geojson":
        feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                  "properties": query.jsonable(r)} for r in rows if r["latitude"] is not None]
        json.dump({"type": "FeatureCollection", "features": feats}, out, ensure_ascii=False)
        out.write("\n")


@app.command()
def event(
    event_id: Annotated[str, typer.Argument(help="A linked event's id (or an unambiguous prefix)")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of text")] = False,
    db: DbOption = None,
) -> None:
    """One linked event: its fields, every report and outlet behind it, and the evidence sentences."""
    from marsad.store import query

    store = open_store(db, read_only=True)
    try:
        ev = query.event(store, event_id)
    finally:
        store.close()
    if ev is None:
        _fail(f"no linked event {event_id!r} (or the prefix is ambiguous)")
    if as_json:
        ev["reports"] = [query.jsonable(r) for r in ev["reports"]]
        typer.echo(json.dumps(query.jsonable(ev), ensure_ascii=False, indent=2))
        return
    killed = "unknown" if ev["fatalities"] is None else str(ev["fatalities"]) + (
        f" (up to {ev['fatalities_max']})" if ev.get("fatalities_max") else "")
    lines = [f"{ev['event_id']}  {ev['event_date']} (time precision {ev['time_precision']})",
             f"{ev['event_type']} / {ev['sub_event_type']}",
             f"actors: {ev['actor1'] or '-'}  vs  {ev['actor2'] or '-'}",
             f"place: {ev['location'] or '-'}, {ev['admin1'] or '-'}, {ev['country'] or '-'} "
             f"({ev['latitude']}, {ev['longitude']}; geo precision {ev['geo_precision']})",
             f"killed: {killed}; injured: {ev['injured'] if ev['injured'] is not None else 'unknown'}",
             f"reports: {ev['n_reports']} in {ev['n_articles']} articles from {ev['n_outlets']} outlets "
             f"({', '.join(ev['outlets'] or []) or 'unknown'}); sources cited: {', '.join(ev['sources']) or 'none'}",
             f"flags: {', '.join(ev['flags']) or 'none'}", ev["notes"], ""]
    for i, r in enumerate(ev["reports"], 1):
        lines.append(f"[{i}] {r['outlet'] or 'unknown outlet'}, published {r['published'] or '?'}: "
                     f"{r['article_title'] or r['doc_id']}")
        if r["article_url"]:
            lines.append(f"    {r['article_url']}")
        lines.append(f"    says: {r['event_date']} · {r['sub_event_type']} · {r['location'] or '-'} · killed "
                     f"{r['fatalities'] if r['fatalities'] is not None else '?'}")
        for ev_ in r["evidence"]:
            lines.append(f"    > {ev_['text']}")
    typer.echo("\n".join(lines))


@app.command()
def stats(
    by: Annotated[list[str] | None, typer.Option("--by", help="day, week, month, year, event_type, sub_event_type, "
                                                        "admin1, country, actor1, location (repeatable)")] = None,
    date_from: FromOpt = None, date_to: ToOpt = None, event_type: TypeOpt = None, sub_event_type: SubOpt = None,
    admin1: Admin1Opt = None, country: CountryOpt = None, actor: ActorOpt = None, min_fatalities: MinFatOpt = None,
    min_outlets: MinOutOpt = None, min_confidence: MinConfOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
    db: DbOption = None,
) -> None:
    """Counts of linked events (and their fatalities and reports), grouped."""
    from marsad.store import query

    store = open_store(db, read_only=True)
    f = _filters(date_from, date_to, event_type, sub_event_type, admin1, country, actor, min_fatalities, min_outlets,
                 min_confidence=min_confidence, store=store)
    try:
        names, rows = query.stats(store, by or [], f)
    except ValueError as exc:
        _fail(str(exc))
    finally:
        store.close()
    rows = [tuple(v.isoformat() if isinstance(v, date) else v for v in row) for row in rows]
    if fmt == "json":
        typer.echo(json.dumps([dict(zip(names, r, strict=True)) for r in rows], ensure_ascii=False, indent=1))
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(names)
        w.writerows(rows)
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table()
        for n in names:
            table.add_column(n, justify="right" if n in ("events", "fatalities", "reports") else "left")
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        Console(width=160 if not sys.stdout.isatty() else None).print(table)
    else:
        _fail(f"--format {fmt!r} is not one of: table, csv, json")


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder (parquet) or file (sqlite)")],
    fmt: Annotated[str, typer.Option("--format", help="parquet (a file per table) or sqlite (Datasette)")] = "parquet",
    db: DbOption = None,
) -> None:
    """The whole store: Parquet files (events, reports, articles, figures) or one SQLite file for Datasette."""
    from marsad.store import StoreError, query

    store = open_store(db, read_only=True)
    try:
        if fmt == "parquet":
            counts = query.export_parquet(store, output)
        elif fmt == "sqlite":
            target = output / "marsad.sqlite" if output.is_dir() else output
            counts = query.export_sqlite(store, target)
            output = target
        else:
            _fail(f"--format {fmt!r} is not one of: parquet, sqlite")
    except StoreError as exc:
        _fail(str(exc))
    finally:
        store.close()
    typer.echo(", ".join(f"{n:,} {t}" for t, n in counts.items()) + f" -> {output}", err=True)


@app.command()
def relink(db: DbOption = None) -> None:
    """Link every stored report again from scratch (after an upgrade that changed the linking rules)."""
    store = open_store(db, read_only=False)
    try:
        n = store.relink_all()
        typer.echo(f"{n:,} linked events from {store.counts()['reports']:,} reports", err=True)
    finally:
        store.close()


SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample" / "articles.jsonl"


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    token: Annotated[str | None, typer.Option(envvar="MARSAD_TOKEN", help="Token for review actions (writes); "
                                              "without one, writes are disabled ($MARSAD_TOKEN)")] = None,
    read_token: Annotated[bool, typer.Option("--read-token", help="Require the token for reads too")] = False,
    demo: Annotated[bool, typer.Option(help="First ingest the bundled sample articles (into demo.duckdb)")] = False,
    tile_url: Annotated[str | None, typer.Option(help="Map tiles, e.g. https://tile.example/{z}/{x}/{y}.png")] = None,
    cors_origin: Annotated[list[str] | None, typer.Option(help="Allow this browser origin (repeatable)")] = None,
) -> None:
    """The dashboard and HTTP API at http://HOST:PORT (API documentation at /docs)."""
    import secrets

    import uvicorn

    from marsad.api.app import WEB, Settings, create_app
    from marsad.store import default_db

    path = db or default_db()
    if demo:
        from marsad.resolve.registry import open_gazetteer
        from marsad.store.ingest import ingest as run

        path = db or default_db().with_name("demo.duckdb")
        store = open_store(path, read_only=False)
        try:
            summary = run([str(SAMPLE)], store, open_gazetteer(None))
            typer.echo(summary.line(store), err=True)
        finally:
            store.close()
        if token is None:
            token = secrets.token_urlsafe(12)
            typer.echo(f"demo review token (paste it in the event page to confirm, edit or reject): {token}", err=True)
    if not (WEB / "vendor").is_dir():
        typer.echo("marsad: note: the dashboard's libraries are not built (run `make web`); the API works", err=True)
    try:
        app_ = create_app(Settings(db=path, token=token, reads_need_token=read_token, tile_url=tile_url,
                                   cors_origins=list(cor_origin for cor_origin in cors_origin or [])))
    except Exception as exc:  # a locked or foreign database file
        _fail(str(exc))
    typer.echo(f"marsad: serving {path} at http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app_, host=host, port=port, log_level="warning")


def _interval(value: str) -> timedelta:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value)
    if not m or float(m.group(1)) <= 0:
        _fail(f"--every {value!r} is not an interval (900, 90s, 15m, 2h, 1d)")
    return timedelta(seconds=float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)])


@app.command()
def watch(
    sources: Annotated[list[str] | None, typer.Argument(help="Feed URLs and OPML files or URLs")] = None,
    every: Annotated[str, typer.Option(help="How often each feed is polled: 900, 90s, 15m, 2h")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One polling cycle, then exit (for cron)")] = False,
    show_status: Annotated[bool, typer.Option("--status", help="Each watched feed's last poll, new articles and "
                                                              "last error, then exit")] = False,
    host_delay: Annotated[float, typer.Option(help="Seconds between two requests to one host")] = 1.0,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a feed to answer")] = 20.0,
    fetch: Annotated[bool, typer.Option("--fetch/--no-fetch", help="Fetch the page of an entry that has only a "
                                                                    "summary")] = False,
    gazetteer: Annotated[str | None, typer.Option(help="Gazetteer name or path (default: the configured one)")] = None,
    db: DbOption = None,
) -> None:
    """Poll feeds on a schedule and store what is new: conditional requests, a delay per host, failing feeds
    retried later and later, none stopping the others (docs/WATCH.md)."""
    import time as _time

    from marsad.ingest.watch import feed_urls, poll, status
    from marsad.resolve.registry import open_gazetteer

    if show_status:
        store = open_store(db, read_only=True)
        try:
            for f in status(store):
                typer.echo(f"{f['url']}: {f['last_status']} at {f['last_poll']:%Y-%m-%d %H:%M:%S}, "
                           f"{f['new_articles']} new ({f['total_articles']} in all), next {f['next_poll']:%H:%M:%S}"
                           + (f"; failures {f['failures']}: {f['last_error']}" if f["failures"] else ""))
        finally:
            store.close()
        return
    interval = _interval(every)
    try:
        urls = feed_urls(sources or [])
    except (OSError, ValueError) as exc:
        _fail(str(exc))
    if not urls:
        _fail("no feeds to watch: give feed URLs or an OPML file")
    gaz = open_gazetteer(gazetteer)
    store = open_store(db, read_only=False, share=True)
    try:
        while True:
            for p in poll(store, gaz, urls, interval, host_delay=host_delay, timeout=timeout, fetch_pages=fetch):
                typer.echo(f"{p.url}: {p.status}" + (f", {p.new_articles} new article(s)" if p.new_articles else "")
                           + (f" ({p.error})" if p.error else ""), err=True)
            if once:
                break
            _time.sleep(min(interval.total_seconds(), 60))
    except KeyboardInterrupt:
        pass
    finally:
        store.close()


@app.command()
def report(
    date_from: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD")],
    date_to: Annotated[str, typer.Option("--to", help="Last day, YYYY-MM-DD")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write")],
    admin1: Admin1Opt = None, country: CountryOpt = None, event_type: TypeOpt = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Also print it to this PDF (headless Chromium)")] = None,
    db: DbOption = None,
) -> None:
    """A self-contained page on a period: map, counts against the period before, timeline, the deadliest and
    best corroborated events with their evidence, the displaced, what is contested (docs/REPORT.md)."""
    import shutil
    import subprocess

    from marsad.export.report import build

    first, last = _day(date_from, "--from"), _day(date_to, "--to")
    if last < first:
        _fail("--to is before --from")
    store = open_store(db, read_only=True)
    try:
        f = _filters(None, None, event_type, None, admin1, country, None, None, None, store=store)
        page = build(store, first, last, f)
    finally:
        store.close()
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as exc:
        _fail(f"{output}: cannot write ({exc.strerror or exc})")
    typer.echo(f"report: {output}", err=True)
    if pdf is not None:
        browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        if browser is None:
            _fail("--pdf needs Chromium (apt-get install chromium); the HTML report is written")
        done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                               f"--print-to-pdf={pdf.resolve()}", output.resolve().as_uri()],
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0 or not pdf.is_file():
            _fail(f"{pdf}: Chromium could not print the report ({(done.stderr or '').strip().splitlines()[-1:]})")
        typer.echo(f"pdf: {pdf}", err=True)
