"""Reading the store: filtered linked events, one event with its reports and evidence, statistics, exports."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from marsad.store.db import (
    ARTICLE_COLUMNS,
    FIGURE_COLUMNS,
    JSON_COLUMNS,
    LINKED_COLUMNS,
    REPORT_COLUMNS,
    Store,
    StoreError,
    decode_row,
)

GROUPS = {
    "day": "CAST(event_date AS DATE)", "week": "CAST(date_trunc('week', event_date) AS DATE)",
    "month": "strftime(event_date, '%Y-%m')", "year": "year(event_date)",
    "event_type": "event_type", "sub_event_type": "sub_event_type", "admin1": "admin1", "country": "country",
    "actor1": "actor1", "location": "location",
}


@dataclass
class Filters:
    date_from: date | None = None
    date_to: date | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    actor: str | None = None
    min_fatalities: int | None = None
    min_outlets: int | None = None
    min_confidence: float | None = None
    corroboration: tuple[str, ...] = ()  # grades (marsad.link.corroboration.GRADES)
    statuses: tuple[str, ...] = ()  # review statuses; empty: all but rejected

    def where(self) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        if self.statuses:
            parts.append(f"review_status IN ({', '.join('?' * len(self.statuses))})")
            params.extend(self.statuses)
        else:
            parts.append("review_status <> 'rejected'")
        if self.date_from:
            parts.append("event_date >= ?")
            params.append(self.date_from)
        if self.date_to:
            parts.append("event_date <= ?")
            params.append(self.date_to)
        for column, values in (("event_type", self.event_types), ("sub_event_type", self.sub_event_types),
                               ("admin1", self.admin1), ("country", self.country)):
            if values:
                parts.append(f"lower({column}) IN ({', '.join('?' * len(values))})")
                params.extend(v.lower() for v in values)
        if self.actor:
            parts.append("(actor1 ILIKE ? OR actor2 ILIKE ? OR assoc_actor_1 ILIKE ? OR assoc_actor_2 ILIKE ?)")
            params.extend([f"%{self.actor}%"] * 4)
        if self.min_fatalities is not None:
            parts.append("fatalities >= ?")
            params.append(self.min_fatalities)
        if self.min_outlets is not None:
            parts.append("n_outlets >= ?")
            params.append(self.min_outlets)
        if self.corroboration:
            parts.append(f"corroboration IN ({', '.join('?' * len(self.corroboration))})")
            params.extend(self.corroboration)
        if self.min_confidence is not None:
            parts.append("confidence >= ?")
            params.append(self.min_confidence)
        return (" WHERE " + " AND ".join(parts)) if parts else "", params


def stored_values(store: Store | None, column: str) -> list[str]:
    """The distinct values of a column of the stored linked events (admin1, country): what a filter may name."""
    if store is None or column not in ("admin1", "country"):
        return []
    return [r[0] for r in store.con.execute(f"SELECT DISTINCT {column} FROM events WHERE {column} IS NOT NULL")
            .fetchall()]


def jsonable(d: dict[str, Any]) -> dict[str, Any]:
    """A stored row with its dates and times as ISO strings (for JSON, and for comparison with gold files)."""
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in d.items()}


def fetch(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [decode_row(names, row) for row in cur.fetchall()]


def events(store: Store, filters: Filters, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    where, params = filters.where()
    sql = f"SELECT * FROM events{where} ORDER BY event_date DESC NULLS LAST, event_id"
    if limit:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return fetch(store, sql, params)


def count(store: Store, filters: Filters) -> int:
    where, params = filters.where()
    return store.con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One linked event with its reports, each with its article's title, outlet, URL and evidence."""
    found = fetch(store, "SELECT * FROM events WHERE event_id = ?", [event_id])
    alias = store.con.execute("SELECT event_id FROM event_aliases WHERE old_id = ?", [event_id]).fetchone()
    if not found and alias:  # merged into another event since
        found = fetch(store, "SELECT * FROM events WHERE event_id = ?", [alias[0]])
    if not found:
        found = fetch(store, "SELECT * FROM events WHERE event_id LIKE ? ORDER BY event_id LIMIT 2",
                       [event_id + "%"])
        if len(found) != 1:
            return None
    ev = found[0]
    ev["reports"] = fetch(store, "SELECT r.*, a.title AS article_title, a.url AS article_url, a.doc_id, "
                                  "a.published AS article_published, a.language AS article_language "
                                  "FROM reports r JOIN articles a USING (article_id) "
                                  "WHERE r.link_id = ? ORDER BY r.published NULLS LAST, r.report_id", [ev["event_id"]])
    return ev


def stats(store: Store, by: list[str], filters: Filters) -> tuple[list[str], list[tuple]]:
    unknown = [b for b in by if b not in GROUPS]
    if unknown:
        raise ValueError(f"--by {unknown[0]!r} is not one of: {', '.join(GROUPS)}")
    where, params = filters.where()
    keys = [f"{GROUPS[b]} AS {b}" for b in by]
    group = ", ".join(str(i) for i in range(1, len(by) + 1))
    measures = ["count(*) AS events", "sum(fatalities) AS fatalities", "sum(n_reports) AS reports"]
    sql = f"SELECT {', '.join(keys + measures)} FROM events{where}" + (
        f" GROUP BY {group} ORDER BY {group}" if by else "")
    cur = store.con.execute(sql, params)
    return [d[0] for d in cur.description], cur.fetchall()


def _select_for_export(columns: list[tuple[str, str]]) -> str:
    """Columns as Parquet should hold them: JSON lists as lists of strings (evidence as a JSON string)."""
    out = []
    for name, _ in columns:
        if name in JSON_COLUMNS and name not in ("evidence", "parts"):
            out.append(f"from_json({name}, '[\"VARCHAR\"]') AS {name}")
        else:
            out.append(name)
    return ", ".join(out)


def write_parquet(store: Store, path: Path, filters: Filters | None = None) -> int:
    """The filtered linked events as one Parquet file; returns the row count."""
    where, params = (filters or Filters()).where()
    store.con.execute("DROP TABLE IF EXISTS temp.marsad_selection")
    store.con.execute(f"CREATE TEMP TABLE marsad_selection AS SELECT {_select_for_export(LINKED_COLUMNS)} "
                      f"FROM events{where} ORDER BY event_date, event_id", params)
    return _copy(store, "marsad_selection", path)


def _copy(store: Store, table: str, path: Path) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    target = str(path).replace("'", "''")
    store.con.execute(f"COPY {table} TO '{target}' (FORMAT PARQUET, COMPRESSION ZSTD)")
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def export_parquet(store: Store, folder: Path) -> dict[str, int]:
    """Every table as Parquet: events (linked), reports, articles, figures."""
    out = {}
    for table, columns in (("events", LINKED_COLUMNS), ("reports", REPORT_COLUMNS),
                           ("articles", ARTICLE_COLUMNS), ("figures", FIGURE_COLUMNS)):
        store.con.execute("DROP TABLE IF EXISTS temp.marsad_selection")
        store.con.execute(f"CREATE TEMP TABLE marsad_selection AS SELECT {_select_for_export(columns)} FROM {table}")
        out[table] = _copy(store, "marsad_selection", folder / f"{table}.parquet")
    return out


def _sqlite_type(kind: str) -> str:
    kind = kind.split()[0]
    return {"INTEGER": "INTEGER", "BIGINT": "INTEGER", "BOOLEAN": "INTEGER", "DOUBLE": "REAL"}.get(kind, "TEXT")


def export_sqlite(store: Store, path: Path) -> dict[str, int]:
    """A SQLite copy (Datasette opens it): the same tables, dates as ISO text, lists as JSON text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    tmp.unlink(missing_ok=True)
    out = {}
    try:
        db = sqlite3.connect(tmp)
        tables = (("events", LINKED_COLUMNS, "event_id"), ("reports", REPORT_COLUMNS, "report_id"),
                  ("articles", ARTICLE_COLUMNS, "article_id"), ("figures", FIGURE_COLUMNS, "figure_id"))
        for table, columns, pk in tables:
            cols = ", ".join(f"{n} {_sqlite_type(k)}{' PRIMARY KEY' if n == pk else ''}" for n, k in columns)
            db.execute(f"CREATE TABLE {table} ({cols})")
            cur = store.con.execute(f"SELECT {', '.join(n for n, _ in columns)} FROM {table}")
            n = 0
            while rows := cur.fetchmany(5000):
                db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})",
                               [tuple(_sqlite_value(v) for v in row) for row in rows])
                n += len(rows)
            out[table] = n
        for index in ("reports(link_id)", "reports(article_id)", "figures(article_id)", "events(event_date)",
                      "events(admin1)", "events(event_type)"):
            name = "idx_" + index.replace("(", "_").replace(")", "")
            db.execute(f"CREATE INDEX {name} ON {index}")
        db.commit()
        db.close()
        tmp.replace(path)
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"{path}: cannot write the SQLite copy ({exc})") from exc
    return out


def _sqlite_value(v: Any) -> Any:
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v
