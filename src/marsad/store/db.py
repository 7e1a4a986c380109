"""The store: one embedded DuckDB file holding articles, their reports (events as each article codes them),
figures, and the linked events that reports of one occurrence become.

Each article is written in one transaction together with the relinking it causes, so a killed process
leaves either the whole article or none of it. Ingesting the same article again (the same URL, or the same
normalised text) stores nothing new; a changed article replaces its reports, and the linked events they
touched are recomputed.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import duckdb

from marsad.code.acled import notes
from marsad.link.linker import DATE_WINDOW, WIDE_KM, as_date, compatible, date_precision, fuse, link_score
from marsad.model import Article, CodedArticle
from marsad.pipeline import parse_published
from marsad.text.normalise import normalise

SCHEMA_VERSION = 3  # 2: review columns on events; reviews, audit and link_pins tables; 3: corroboration

EVENT_FIELDS: list[tuple[str, str]] = [
    ("event_date", "DATE"), ("date_end", "DATE"), ("time_precision", "INTEGER"), ("date_text", "VARCHAR"),
    ("disorder_type", "VARCHAR"), ("event_type", "VARCHAR"), ("sub_event_type", "VARCHAR"),
    ("actor1", "VARCHAR"), ("assoc_actor_1", "VARCHAR"), ("actor2", "VARCHAR"), ("assoc_actor_2", "VARCHAR"),
    ("inter1", "INTEGER"), ("inter2", "INTEGER"), ("civilian_targeting", "BOOLEAN"),
    ("country", "VARCHAR"), ("iso", "INTEGER"), ("admin1", "VARCHAR"), ("admin2", "VARCHAR"),
    ("location", "VARCHAR"), ("latitude", "DOUBLE"), ("longitude", "DOUBLE"), ("geo_precision", "INTEGER"),
    ("location_text", "VARCHAR"), ("geonames_id", "BIGINT"),
    ("fatalities", "INTEGER"), ("fatalities_max", "INTEGER"), ("injured", "INTEGER"),
    ("sources", "VARCHAR"), ("notes", "VARCHAR"), ("confidence", "DOUBLE"), ("flags", "VARCHAR"),
]
REPORT_COLUMNS: list[tuple[str, str]] = [
    ("report_id", "VARCHAR PRIMARY KEY"), ("article_id", "VARCHAR NOT NULL"), ("event_id", "VARCHAR"),
    ("link_id", "VARCHAR"), ("outlet", "VARCHAR"), ("published", "DATE"),
    *EVENT_FIELDS, ("geo_reason", "VARCHAR"), ("evidence", "VARCHAR"),
]
# what a person decided about a linked event (marsad.store.review): kept on the event row for filters and exports
REVIEW_COLUMNS: list[tuple[str, str, str]] = [
    ("review_status", "VARCHAR", "'unreviewed'"), ("reviewed_by", "VARCHAR", "NULL"),
    ("reviewed_at", "TIMESTAMP", "NULL"), ("edited_fields", "VARCHAR", "'[]'"),
]
LINKED_COLUMNS: list[tuple[str, str]] = [
    ("event_id", "VARCHAR PRIMARY KEY"), *EVENT_FIELDS,
    ("outlets", "VARCHAR"), ("n_reports", "INTEGER"), ("n_outlets", "INTEGER"), ("n_articles", "INTEGER"),
    ("first_reported", "DATE"), ("updated_at", "TIMESTAMP"),
    *[(n, t) for n, t, _ in REVIEW_COLUMNS],
    ("corroboration", "VARCHAR"), ("independent_reports", "INTEGER"),  # version 3; last, as ALTER TABLE adds them
]
ARTICLE_COLUMNS: list[tuple[str, str]] = [
    ("article_id", "VARCHAR PRIMARY KEY"), ("doc_id", "VARCHAR"), ("url", "VARCHAR"), ("url_key", "VARCHAR"),
    ("source", "VARCHAR"), ("title", "VARCHAR"), ("text", "VARCHAR"), ("published", "VARCHAR"),
    ("published_date", "DATE"), ("language", "VARCHAR"), ("text_hash", "VARCHAR"), ("origin", "VARCHAR"),
    ("n_events", "INTEGER"), ("n_figures", "INTEGER"), ("warnings", "VARCHAR"),
    ("ingested_at", "TIMESTAMP"), ("updated_at", "TIMESTAMP"), ("seq", "BIGINT"),
]
FIGURE_COLUMNS: list[tuple[str, str]] = [
    ("figure_id", "VARCHAR PRIMARY KEY"), ("article_id", "VARCHAR NOT NULL"), ("outlet", "VARCHAR"),
    ("published", "DATE"), ("kind", "VARCHAR"), ("value", "BIGINT"), ("value_max", "BIGINT"),
    ("approximate", "BOOLEAN"), ("qualifier", "VARCHAR"), ("location", "VARCHAR"), ("latitude", "DOUBLE"),
    ("longitude", "DOUBLE"), ("admin1", "VARCHAR"), ("location_text", "VARCHAR"), ("period_start", "DATE"),
    ("period_end", "DATE"), ("parts", "VARCHAR"), ("flags", "VARCHAR"), ("evidence", "VARCHAR"),
]
# a box a little larger than WIDE_KM around a report's point (longitude degrees shrink with latitude)
_LAT_SPAN = WIDE_KM / 100.0
JSON_COLUMNS = frozenset({"sources", "flags", "evidence", "outlets", "parts", "warnings", "edited_fields"})
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_|ref$|ref_src$)")


def _carry_pins(carried: list[tuple], reports: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(new report id, event id) for the new reports that continue a pinned old one: the same type, date and
    place; else the same type and place; else the only report of that type."""
    pins = []
    left = list(carried)
    for keys in ((1, 2, 3), (1, 3), (1,)):
        for r in reports:
            if any(p[0] == r["report_id"] for p in pins):
                continue
            mine = {1: r.get("event_type"), 2: as_date(r.get("event_date")), 3: r.get("location")}
            match = [o for o in left if all(o[k] == mine[k] for k in keys)]
            if len(match) == 1 or (match and keys != (1,)):
                pins.append((r["report_id"], match[0][0]))
                left.remove(match[0])
    return pins


class StoreError(RuntimeError):
    """The database cannot be opened or written (the message names the file and the cause)."""


def default_db() -> Path:
    from marsad.resolve.registry import data_dir

    return data_dir() / "marsad.duckdb"


def url_key(url: str | None) -> str | None:
    """The same page however it was linked: lower-case host, no fragment, no tracking parameters, no
    trailing slash, http and https alike."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    if not parts.netloc:
        return url.strip()
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k.lower())))
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit(("http", host, parts.path.rstrip("/") or "/", query, ""))


def text_hash(article: Article) -> str:
    """Hash of the normalised title and text: spacing, letter variants, diacritics and digits do not count."""
    return _text_hash(article.title, article.text)


@lru_cache(maxsize=8)  # find() and save() ask for the same article's hash
def _text_hash(title: str, text: str) -> str:
    body = " ".join(normalise(f"{title}\n{text}").split())
    return hashlib.sha1(body.encode("utf-8")).hexdigest()


def _ddl(table: str, columns: list[tuple[str, str]]) -> str:
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(f'{n} {t}' for n, t in columns)})"


def _row(columns: list[tuple[str, str]], values: dict[str, Any]) -> list[Any]:
    out = []
    for name, kind in columns:
        v = values.get(name)
        if name in JSON_COLUMNS:
            v = json.dumps(v if v is not None else [], ensure_ascii=False)
        elif kind == "DATE":
            v = as_date(v)
        out.append(v)
    return out


def decode_row(names: list[str], row: tuple) -> dict[str, Any]:
    d = dict(zip(names, row, strict=True))
    for k in JSON_COLUMNS & d.keys():
        if isinstance(d[k], str):
            d[k] = json.loads(d[k])
    return d


WAIT = 30.0  # seconds a command waits for another process (a server, an ingest) to let go of the file


class Store:
    """An open marsad database. Use as a context manager, or call close().

    DuckDB lets one process write a file, or several read it, never both at once. So that `marsad serve`, a
    cron ingest and the read commands can share one file, every opener waits (up to `wait` seconds, retrying)
    for another process to let go, and a *shared* store (`share=True`: the server, ingest) holds the file only
    while it works: `release()` closes the connection between articles or requests and the next use reopens
    it. docs/STORE.md explains."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False, *, wait: float = WAIT,
                 share: bool = False) -> None:
        self.path = Path(path) if path else default_db()
        self.read_only, self.wait, self.share = read_only, wait, share
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no database here yet (run `marsad ingest` first, or give --db)")
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened = 0.0
        con = self.con
        if not read_only:
            self._create()
        self._check_version()
        if share:
            con.close()
            self._con = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            import time

            self._con = self._connect()
            self._opened = time.monotonic()
        return self._con

    def _connect(self) -> duckdb.DuckDBPyConnection:
        import time

        deadline = time.monotonic() + self.wait
        pause = 0.02
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                return duckdb.connect(str(self.path), read_only=self.read_only)
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise StoreError(f"{self.path}: cannot open the database ({str(exc).splitlines()[0]})") from exc
                if time.monotonic() >= deadline:
                    raise StoreError(f"{self.path}: in use by another process (a marsad server or ingest) for more "
                                     f"than {self.wait:g} s; try again when it is done") from exc
                time.sleep(pause)
                pause = min(pause * 2, 0.05)  # short: the server lets go for 0.1 s at a time (api._Holder.GAP)
            except (duckdb.Error, OSError) as exc:
                raise StoreError(f"{self.path}: cannot open the database ({str(exc).splitlines()[0]})") from exc

    HOLD = 0.5  # seconds a shared store keeps the file once it has it (a turn), before release() lets go

    def release(self) -> None:
        """Let other processes have the file until this store is used again (a shared store only), once this
        turn has lasted HOLD seconds: a busy ingest stores several articles per turn, not one per wait."""
        import time

        if self.share and self._con is not None and time.monotonic() - self._opened >= self.HOLD:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    # schema -------------------------------------------------------------------------------------------------
    def _create(self) -> None:
        c = self.con
        c.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        c.execute("CREATE SEQUENCE IF NOT EXISTS article_seq")
        c.execute(_ddl("articles", ARTICLE_COLUMNS))
        c.execute(_ddl("reports", REPORT_COLUMNS))
        c.execute(_ddl("figures", FIGURE_COLUMNS))
        c.execute(_ddl("events", LINKED_COLUMNS))
        for name, target in (("reports_link", "reports(link_id)"), ("reports_article", "reports(article_id)"),
                             ("figures_article", "figures(article_id)"), ("articles_hash", "articles(text_hash)"),
                             ("articles_url", "articles(url_key)")):
            c.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
        # an event merged into another keeps answering to its old id
        c.execute("CREATE TABLE IF NOT EXISTS event_aliases (old_id VARCHAR PRIMARY KEY, event_id VARCHAR)")
        row = c.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if c.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_name = 'meta'").fetchone() else None
        upgrade = row is not None and int(row[0]) < SCHEMA_VERSION
        if row is not None and int(row[0]) == 1:  # add what version 2 added, keep everything stored
            for name, kind, default in REVIEW_COLUMNS:
                c.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {kind} DEFAULT {default}")
        if row is not None and int(row[0]) <= 2:  # version 3: each linked event's corroboration
            c.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS corroboration VARCHAR")
            c.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS independent_reports INTEGER")
        if upgrade:
            c.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])
        # people's decisions: the current one per event, every action in the audit trail, reports a person
        # placed in an event (merge, split) that linking must leave there
        c.execute("CREATE TABLE IF NOT EXISTS reviews (event_id VARCHAR PRIMARY KEY, status VARCHAR, reviewer VARCHAR, "
                  "reviewed_at TIMESTAMP, changes VARCHAR)")
        c.execute("CREATE SEQUENCE IF NOT EXISTS audit_seq")
        c.execute("CREATE TABLE IF NOT EXISTS audit (audit_id BIGINT PRIMARY KEY, event_id VARCHAR, action VARCHAR, "
                  "reviewer VARCHAR, acted_at TIMESTAMP, reason VARCHAR, changes VARCHAR, before VARCHAR)")
        c.execute("CREATE TABLE IF NOT EXISTS link_pins (report_id VARCHAR PRIMARY KEY, event_id VARCHAR)")
        # saved filters that alert (marsad.store.alerts): an Atom feed each, and optionally a webhook
        c.execute("CREATE TABLE IF NOT EXISTS alerts (name VARCHAR PRIMARY KEY, params VARCHAR, webhook VARCHAR, "
                  "secret VARCHAR, created_at TIMESTAMP, delivered_through TIMESTAMP)")
        # feeds `marsad watch` polls: conditional-request validators, the last poll's outcome, the back-off
        c.execute("CREATE TABLE IF NOT EXISTS feeds (url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, "
                  "last_poll TIMESTAMP, last_status VARCHAR, last_error VARCHAR, failures INTEGER, "
                  "next_poll TIMESTAMP, new_articles INTEGER, total_articles INTEGER)")
        c.execute("CREATE SEQUENCE IF NOT EXISTS delivery_seq")
        c.execute("CREATE TABLE IF NOT EXISTS deliveries (delivery_id BIGINT PRIMARY KEY, alert VARCHAR, "
                  "attempt INTEGER, events INTEGER, status INTEGER, error VARCHAR, attempted_at TIMESTAMP)")
        if not c.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchone():
            c.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        if row is not None and int(row[0]) <= 2:  # grade the events stored before version 3 (reviews kept)
            now = datetime.now()
            for (event_id,) in c.execute("SELECT event_id FROM events").fetchall():
                self._refuse(event_id, now)

    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not a marsad database (no meta table)") from exc
        if row is None or int(row[0]) != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: database schema {row and row[0]} is not the supported {SCHEMA_VERSION} "
                             "(open it once for writing, e.g. `marsad relink --db FILE`, to upgrade it)")

    # articles -----------------------------------------------------------------------------------------------
    def find(self, article: Article) -> tuple[str, str] | None:
        """(article_id, status) of the stored article this one is a version of, or None when it is new.
        "unchanged": this text is stored already (under any URL). "changed": its URL is stored with another
        text and this version is the newer one (published later; at the same or an unknown time, the longer
        text, then the greater hash), so it replaces the stored one. "older": the stored version is the
        newer, so nothing changes. The rule makes a second run of the same input change nothing, even when
        a file holds two versions of one page."""
        h = text_hash(article)
        row = self.con.execute("SELECT article_id, text_hash, published_date, length(title) + length(text) "
                               "FROM articles WHERE text_hash = ? OR url_key = ? ORDER BY text_hash = ? DESC LIMIT 1",
                               [h, url_key(article.url), h]).fetchone()
        if row is None:
            return None
        aid, stored_hash, stored_day, stored_len = row
        if stored_hash == h:
            return aid, "unchanged"
        day = parse_published(article.published)
        mine = (day or stored_day, len(article.title) + len(article.text), h)
        theirs = (stored_day or day, stored_len, stored_hash)
        if mine[0] is None:
            mine, theirs = mine[1:], theirs[1:]
        return aid, "changed" if mine > theirs else "older"

    @staticmethod
    def new_article_id(article: Article) -> str:
        key = url_key(article.url) or "text:" + text_hash(article)
        return "a" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:15]

    def save(self, article: Article, coded: CodedArticle, article_id: str | None = None) -> tuple[str, set[str]]:
        """Store one coded article and relink what it touches, in one transaction. Returns (article_id, the
        linked events created, changed or removed)."""
        aid = article_id or self.new_article_id(article)
        now = datetime.now().replace(microsecond=0)
        c = self.con
        c.execute("BEGIN TRANSACTION")
        try:
            old = c.execute("SELECT ingested_at, seq FROM articles WHERE article_id = ?", [aid]).fetchone()
            seq = old[1] if old else c.execute("SELECT nextval('article_seq')").fetchone()[0]
            touched: set[str] = set()
            carried: list[tuple] = []
            if old:  # an update: its reports leave their linked events, which are recomputed below
                touched = {r[0] for r in c.execute("SELECT DISTINCT link_id FROM reports WHERE article_id = ? "
                                                   "AND link_id IS NOT NULL", [aid]).fetchall()}
                # reports a person placed (a reviewed, merged or split event) hand their place to the new
                # reports of the same event, so the review survives the article's update
                carried = c.execute("SELECT p.event_id, r.event_type, r.event_date, r.location FROM reports r "
                                    "JOIN link_pins p USING (report_id) WHERE r.article_id = ? ORDER BY r.report_id",
                                    [aid]).fetchall()
                c.execute("DELETE FROM link_pins WHERE report_id IN (SELECT report_id FROM reports "
                          "WHERE article_id = ?)", [aid])
                for table in ("reports", "figures", "articles"):
                    c.execute(f"DELETE FROM {table} WHERE article_id = ?", [aid])
            published = as_date(coded.published)
            c.execute(f"INSERT INTO articles VALUES ({', '.join('?' * len(ARTICLE_COLUMNS))})", _row(ARTICLE_COLUMNS, {
                "article_id": aid, "doc_id": article.id, "url": article.url, "url_key": url_key(article.url),
                "source": article.source, "title": article.title, "text": article.text,
                "published": article.published, "published_date": published, "language": coded.language,
                "text_hash": text_hash(article), "origin": article.origin, "n_events": len(coded.events),
                "n_figures": len(coded.figures), "warnings": coded.warnings,
                "ingested_at": old[0] if old else now, "updated_at": now, "seq": seq}))
            reports = []
            for e in coded.events:
                r = e.to_dict() | {"report_id": f"{aid}:{e.event_id}", "article_id": aid, "event_id": e.event_id,
                                   "outlet": article.source, "published": published}
                reports.append(r)
            if reports:
                c.executemany(f"INSERT INTO reports VALUES ({', '.join('?' * len(REPORT_COLUMNS))})",
                              [_row(REPORT_COLUMNS, r) for r in reports])
            figures = [f.to_dict() | {"figure_id": f"{aid}:f{i}", "article_id": aid, "outlet": article.source,
                                      "published": published} for i, f in enumerate(coded.figures, 1)]
            if figures:
                c.executemany(f"INSERT INTO figures VALUES ({', '.join('?' * len(FIGURE_COLUMNS))})",
                              [_row(FIGURE_COLUMNS, f) for f in figures])
            for r in _carry_pins(carried, reports):
                c.execute("INSERT OR REPLACE INTO link_pins VALUES (?, ?)", r)
            for r in sorted(reports, key=lambda r: r["report_id"]):  # the order relink_all uses
                link_id, merged = self._link(r)
                touched |= {link_id} | merged
            for link_id in touched:
                self._refuse(link_id, now)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return aid, touched

    # linking ------------------------------------------------------------------------------------------------
    def _members(self, link_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        if not link_ids:
            return {}
        cur = self.con.execute(f"SELECT * FROM reports WHERE link_id IN ({', '.join('?' * len(link_ids))})", link_ids)
        names = [d[0] for d in cur.description]
        out: dict[str, list[dict[str, Any]]] = {i: [] for i in link_ids}
        for row in cur.fetchall():
            r = decode_row(names, row)
            out[r["link_id"]].append(r)
        return out

    def _link(self, r: dict[str, Any]) -> tuple[str, set[str]]:
        """Attach a stored report to the closest linked event it is compatible with, or start a new one; then
        merge into that event any other it fits with every report of (a new report can show two events to
        be one: complete linkage still holds). Returns (its linked event, linked events merged away)."""
        pin = self.con.execute("SELECT event_id FROM link_pins WHERE report_id = ?", [r["report_id"]]).fetchone()
        if pin:  # a person put this report in this event (a merge or a split): it stays there
            self.con.execute("UPDATE reports SET link_id = ? WHERE report_id = ?", [pin[0], r["report_id"]])
            return pin[0], set()
        day = as_date(r.get("event_date"))
        candidates: list[str] = []
        if day is not None:
            # Only events that could hold a compatible report: a linked event's date and place are those of
            # its most precise report, and every report in it must be compatible with the new one, so its
            # date is within the window of the two precisions and its point within WIDE_KM of the report's.
            tp = date_precision(r)
            pointless = r.get("latitude") is None or r.get("location") == r.get("country")
            lat, lon = r.get("latitude") or 0.0, r.get("longitude") or 0.0
            lon_span = min(180.0, WIDE_KM / (111.32 * max(0.05, math.cos(math.radians(lat)))) * 1.05)
            candidates = [row[0] for row in self.con.execute(
                "SELECT event_id FROM events WHERE event_type = ? AND country IS NOT DISTINCT FROM ? "
                "AND event_date BETWEEN ? AND ? AND abs(date_diff('day', event_date, ?)) <= CASE "
                "greatest(coalesce(time_precision, 2), ?) WHEN 1 THEN ? WHEN 2 THEN ? ELSE ? END "
                "AND (? OR latitude IS NULL OR location = country OR "
                "(abs(latitude - ?) <= ? AND abs(longitude - ?) <= ?))",
                [r.get("event_type"), r.get("country"), day - timedelta(days=31), day + timedelta(days=31), day,
                 tp, DATE_WINDOW[1], DATE_WINDOW[2], DATE_WINDOW[3], pointless, lat, _LAT_SPAN, lon, lon_span],
            ).fetchall()]
        probe = r | {"event_date": day}
        fits = []
        for link_id, members in self._members(candidates).items():
            if members and all(compatible(probe, m) for m in members):
                fits.append((link_score(probe, members), link_id, members))
        fits.sort(key=lambda f: (f[0], f[1]))
        if not fits:
            link_id = self._new_link_id(r["report_id"])
            self.con.execute("UPDATE reports SET link_id = ? WHERE report_id = ?", [link_id, r["report_id"]])
            return link_id, set()
        _, link_id, group = fits[0]
        group = [*group, probe]
        merged: set[str] = set()
        for _, other, members in fits[1:]:
            if self._reviewed(other) or self._reviewed(link_id):
                continue  # a person has looked at one of them (or split them apart): only a person merges
            if all(compatible(a, b) for a in members for b in group):
                group.extend(members)
                merged.add(other)
                self.con.execute("UPDATE reports SET link_id = ? WHERE link_id = ?", [link_id, other])
                self.con.execute("UPDATE event_aliases SET event_id = ? WHERE event_id = ?", [link_id, other])
                self.con.execute("INSERT OR REPLACE INTO event_aliases VALUES (?, ?)", [other, link_id])
        self.con.execute("UPDATE reports SET link_id = ? WHERE report_id = ?", [link_id, r["report_id"]])
        return link_id, merged

    def _reviewed(self, event_id: str) -> bool:
        return bool(self.con.execute("SELECT 1 FROM reviews WHERE event_id = ? UNION ALL SELECT 1 FROM link_pins "
                                     "WHERE event_id = ? LIMIT 1", [event_id, event_id]).fetchone())

    def _new_link_id(self, report_id: str) -> str:
        """Stable for a report that starts an event; never the id of an event other reports still hold."""
        for n in range(100):
            seed = report_id if n == 0 else f"{report_id}#{n}"
            link_id = "ev" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:14]
            if not self.con.execute("SELECT 1 FROM reports WHERE link_id = ? AND report_id <> ? LIMIT 1",
                                    [link_id, report_id]).fetchone():
                return link_id
        raise StoreError(f"{self.path}: cannot make a new event id for {report_id}")

    def _refuse(self, link_id: str, now: datetime) -> None:
        members = self._members([link_id])[link_id]
        self.con.execute("DELETE FROM events WHERE event_id = ?", [link_id])
        if not members:
            return
        fused = fuse(members) | {"event_id": link_id, "updated_at": now}
        review = self.con.execute("SELECT status, reviewer, reviewed_at, changes FROM reviews WHERE event_id = ?",
                                  [link_id]).fetchone()
        if review:  # a person's values win over the machine's, however often the reports are coded again
            changes = json.loads(review[3] or "{}")
            fused |= changes | {"review_status": review[0], "reviewed_by": review[1], "reviewed_at": review[2],
                                "edited_fields": sorted(changes)}
            if changes and "notes" not in changes:  # the sentence follows the reviewed fields
                fused["notes"] = notes(fused.get("sub_event_type") or "", fused.get("actor1"), fused.get("actor2"),
                                       fused.get("location"), fused.get("admin1"),
                                       str(fused["event_date"])[:10] if fused.get("event_date") else None,
                                       fused.get("time_precision"), fused.get("fatalities"), fused.get("sources") or [],
                                       fused.get("flags") or [], fused.get("geo_precision"))
        else:
            fused |= {"review_status": "unreviewed", "edited_fields": []}
        self.con.execute(f"INSERT INTO events VALUES ({', '.join('?' * len(LINKED_COLUMNS))})",
                         _row(LINKED_COLUMNS, fused))

    def relink_all(self) -> int:
        """Link every stored report again from scratch, oldest article first (after a change of rules)."""
        c = self.con
        c.execute("BEGIN TRANSACTION")
        try:
            c.execute("DELETE FROM events")  # aliases stay: an old id a person merged away keeps answering
            c.execute("UPDATE reports SET link_id = NULL")
            cur = c.execute("SELECT r.* FROM reports r JOIN articles a USING (article_id) "
                            "ORDER BY a.seq, r.report_id")
            names = [d[0] for d in cur.description]
            rows = [decode_row(names, row) for row in cur.fetchall()]
            now = datetime.now().replace(microsecond=0)
            for r in rows:
                link_id, merged = self._link(r)
                for gone in merged:
                    self._refuse(gone, now)
                self._refuse(link_id, now)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return c.execute("SELECT count(*) FROM events").fetchone()[0]

    # counts -------------------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "reports", "figures", "events")}
