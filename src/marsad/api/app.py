"""marsad's HTTP API (FastAPI) and the dashboard's static files. No business logic here: every route calls
marsad.store.query, marsad.store.review or marsad.pipeline.

Reads are open unless the operator asks for a token on reads too; writes (review actions) always need the
operator's token, and are disabled when none is configured. Request bodies are limited in size; CORS is
closed unless origins are configured.
"""


import csv
import difflib
import hmac
import io
import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Security
from fastapi import Path as PathParam
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from marsad.store import Store, StoreError, validate
from marsad.store import query as q
from marsad.store import review as rv

WEB = Path(__file__).resolve().parents[1] / "web" / "static"
MAX_BODY = 1_000_000  # bytes: an article of a few hundred thousand characters fits
MAX_PAGE = 500
MAX_GEOJSON = 50_000
SORTS = {"event_date": "event_date", "fatalities": "fatalities", "n_reports": "n_reports",
         "corroboration": "corroboration", "n_outlets": "n_outlets", "event_type": "event_type",
         "location": "location", "actor1": "actor1", "review_status": "review_status", "admin1": "admin1"}


class NewAlert(BaseModel):
    """A saved filter: the API's filter parameters by name (lists for the repeatable ones)."""

    name: str = Field(min_length=1, max_length=64)
    params: dict[str, Any] = Field(default_factory=dict)
    webhook: str | None = Field(default=None, max_length=500)
    secret: str | None = Field(default=None, max_length=200)


@dataclass
class Settings:
    db: Path
    token: str | None = None  # writes need it; without one, writes are disabled
    reads_need_token: bool = False
    tile_url: str | None = None
    cors_origins: list[str] = field(default_factory=list)
    max_body: int = MAX_BODY


class _Limit:
    """413 for a body over the limit; 411 for a body sent without its length (chunked), which could not be
    limited before reading it. Plain ASGI, so it costs nothing on requests without a body."""

    def __init__(self, app, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] in ("POST", "PUT", "PATCH"):
            headers = dict(scope["headers"])
            length = headers.get(b"content-length")
            problem = None
            if length is None and headers.get(b"transfer-encoding", b"").lower() == b"chunked":
                problem = (411, "send the body with a Content-Length")
            elif length is not None and (not (length.isascii() and length.isdigit()) or int(length) > self.limit):
                problem = (413, f"request body larger than {self.limit:,} bytes")
            if problem:
                await JSONResponse({"detail": problem[1]}, status_code=problem[0])(scope, receive, send)
                return
        await self.app(scope, receive, send)


# ---- request bodies ---------------------------------------------------------------------------------------
class Action(BaseModel):
    reviewer: str = Field(min_length=1, max_length=100, description="Who does it")
    reason: str | None = Field(default=None, max_length=2000)


class Edit(Action):
    changes: dict[str, Any] = Field(description="Fields to change (see marsad.store.review.EDITABLE)")


class Merge(Action):
    event_ids: list[Annotated[str, PathParam(max_length=64)]] = Field(min_length=2, max_length=50)


class Split(Action):
    report_ids: list[Annotated[str, Field(max_length=200)]] = Field(min_length=1, max_length=500)


class CodeRequest(BaseModel):
    text: str = Field(min_length=1, max_length=500_000)
    title: str = Field(default="", max_length=2000)
    published: str | None = Field(default=None, max_length=40, description="YYYY-MM-DD[THH:MM]")
    language: str | None = Field(default=None, max_length=10, description="ar, en, or null to detect")


def _parameters(dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _parameters(sub)
    return names


def _known_parameters(request: Request) -> None:
    """A query parameter the endpoint does not take ("limit" where it pages with "page_size") is a 422 naming
    it, not a silent default answer."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _parameters(dependant)
    unknown = [k for k in request.query_params if k not in allowed]
    if unknown:
        near = difflib.get_close_matches(unknown[0], sorted(allowed), n=3, cutoff=0.4)
        hint = f"; nearest: {', '.join(near)}" if near else f" (it takes: {', '.join(sorted(allowed)) or 'none'})"
        raise HTTPException(422, f"unknown query parameter {unknown[0]!r} for {request.url.path}{hint}")


class _Holder:
    """The server's hold on the database file: opened when a request needs it, shared by the requests running
    at the same time, closed when the last one ends, so that `marsad ingest` and the read commands can use the
    file between requests (DuckDB admits one writing process, or readers, at a time; each side waits for the
    other: marsad.store.db.WAIT). An idle file is closed LINGER seconds after the last request. Under steady
    load there may be no moment without a request: after HOLD seconds the hold lets the running requests
    finish, closes the file for GAP seconds (another process waiting for it takes it then), and reopens it for
    the requests that waited."""

    HOLD, GAP = 0.5, 0.1
    LINGER = 0.25  # an idle file is closed this long after the last request (the dashboard asks in bursts)

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cond = threading.Condition()
        self.users = 0
        self.store: Store | None = None
        self.opened = 0.0
        self.draining = False
        self.generation = 0  # bumped by every use: an idle close scheduled before it is stale

    @contextmanager
    def use(self):
        import time

        with self.cond:
            while self.draining:
                self.cond.wait()
            if self.store is not None and time.monotonic() - self.opened > self.HOLD:
                self.draining = True  # let others in: wait for the running requests, then a gap
                while self.users:
                    self.cond.wait()
                self._close()
                time.sleep(self.GAP)
                self.draining = False
                self.cond.notify_all()
            if self.store is None:
                self.store = Store(self.path)
                self.opened = time.monotonic()
            self.users += 1
            self.generation += 1
            store = self.store
        try:
            yield store
        finally:
            with self.cond:
                self.users -= 1
                if self.users == 0:
                    if not self.draining:
                        timer = threading.Timer(self.LINGER, self._idle_close, args=(self.generation,))
                        timer.daemon = True
                        timer.start()
                    self.cond.notify_all()

    def _idle_close(self, generation: int) -> None:
        with self.cond:
            if self.users == 0 and not self.draining and generation == self.generation:
                self._close()

    def _close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def close(self) -> None:
        with self.cond:
            self._close()


def create_app(settings: Settings) -> FastAPI:
    store_path = settings.db
    if not store_path.exists():
        with Store(store_path):
            pass  # an empty database to serve
    lock = threading.Lock()  # one writer at a time; readers use their own cursors
    holder = _Holder(store_path)

    class _Cursor:
        """A Store-like view with its own DuckDB cursor (thread-safe reads)."""

        def __init__(self, parent: Store) -> None:
            self.con = parent.con.cursor()
            self.path = parent.path

    def reader():
        with holder.use() as st:
            cur = _Cursor(st)
            try:
                yield cur
            finally:  # closed before the hold ends: no cursor may keep an old database instance alive in this
                cur.con.close()  # process, or a reopened file would have two (and two writers)

    def check_token(request: Request, needed: bool) -> None:
        if not needed:
            return
        if settings.token is None:
            raise HTTPException(403, "writes are disabled: the server was started without a token (--token)")
        given = request.headers.get("authorization", "")
        if not given.startswith("Bearer ") or not hmac.compare_digest(given[7:].encode(), settings.token.encode()):
            raise HTTPException(401, "a valid token is required (header Authorization: Bearer TOKEN)")

    # declared in the OpenAPI document as an HTTP bearer scheme, so /docs has an Authorize button; the check
    # itself is check_token's (a missing or wrong token: 401, no token configured: 403)
    bearer = HTTPBearer(auto_error=False, scheme_name="token",
                        description="The operator's token (marsad serve --token); needed for review, and for "
                                    "reading too when the server runs with --read-token")

    def write_access(request: Request, _token: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:  # noqa: B008
        check_token(request, True)

    if settings.reads_need_token:
        def read_access(request: Request,
                        _token: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:  # noqa: B008
            check_token(request, True)
    else:
        def read_access(request: Request) -> None:
            check_token(request, False)

    swagger = WEB / "vendor" / "swagger-ui" / "swagger-ui-bundle.js"
    app = FastAPI(title="marsad", version="0.1.0", dependencies=[Depends(_known_parameters)],
                  docs_url=None if swagger.is_file() else "/docs",  # served below from the package: offline
                  description="Coded, geolocated, sourced conflict events from news reports; review by people.")
    app.add_middleware(_Limit, limit=settings.max_body)
    if settings.cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST", "PATCH"],
                           allow_headers=["Authorization", "Content-Type"])

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError):
        # ASCII-escaped: a lone surrogate in the input must not make the error message itself fail (a 500)
        body = json.dumps({"detail": jsonable_encoder(exc.errors(), custom_encoder={bytes: repr})}, default=str)
        return Response(body, status_code=422, media_type="application/json")

    @app.exception_handler(rv.ReviewError)
    async def _review_error(_request: Request, exc: rv.ReviewError):
        return JSONResponse({"detail": str(exc)}, status_code=exc.status)

    @app.exception_handler(StoreError)
    async def _store_error(_request: Request, exc: StoreError):
        return JSONResponse({"detail": str(exc)}, status_code=503)

    def filters(
        date_from: Annotated[date | None, Query(alias="from")] = None,
        date_to: Annotated[date | None, Query(alias="to")] = None,
        type_: Annotated[list[str] | None, Query(alias="type", max_length=100)] = None,
        sub_type: Annotated[list[str] | None, Query(max_length=100)] = None,
        admin1: Annotated[list[str] | None, Query(max_length=100)] = None,
        country: Annotated[list[str] | None, Query(max_length=100)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        min_fatalities: Annotated[int | None, Query(ge=0, le=10**7)] = None,
        min_outlets: Annotated[int | None, Query(ge=0, le=10**4)] = None,
        min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Only events whose (calibrated) "
                                                      "confidence is at least this")] = None,
        status: Annotated[list[str] | None, Query()] = None,
        corroboration: Annotated[list[str] | None, Query(max_length=20, description="Corroboration grades: "
                                                         "confirmed, fair, single source, contested")] = None,
        cur: _Cursor = Depends(reader),  # noqa: B008 (FastAPI's way of declaring a dependency)
    ) -> q.Filters:
        given = {"from": date_from, "to": date_to, "type": type_, "sub_type": sub_type, "admin1": admin1,
                 "country": country, "actor": actor, "min_fatalities": min_fatalities, "min_outlets": min_outlets,
                 "min_confidence": min_confidence, "corroboration": corroboration, "status": status}
        try:
            return validate.filters(given, cur)
        except validate.FilterError as exc:
            raise HTTPException(422, str(exc)) from None

    Filt = Annotated[q.Filters, Depends(filters)]
    Read = Annotated[_Cursor, Depends(reader)]

    @app.get("/api/config", tags=["meta"])
    def config() -> dict[str, Any]:
        return {"tile_url": settings.tile_url, "writes_enabled": settings.token is not None,
                "reads_need_token": settings.reads_need_token}

    @app.get("/api/facets", tags=["events"], dependencies=[Depends(read_access)])
    def facets(s: Read) -> dict[str, Any]:
        def col(sql: str) -> list:
            return [r[0] for r in s.con.execute(sql).fetchall()]

        lo, hi = s.con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
        return {"event_types": col("SELECT DISTINCT event_type FROM events WHERE event_type IS NOT NULL ORDER BY 1"),
                "sub_event_types": col("SELECT DISTINCT sub_event_type FROM events WHERE sub_event_type IS NOT NULL "
                                       "ORDER BY 1"),
                "admin1": col("SELECT DISTINCT admin1 FROM events WHERE admin1 IS NOT NULL ORDER BY 1"),
                "countries": col("SELECT DISTINCT country FROM events WHERE country IS NOT NULL ORDER BY 1"),
                "actors": col("SELECT actor1 FROM events WHERE actor1 IS NOT NULL GROUP BY 1 "
                              "ORDER BY count(*) DESC, 1 LIMIT 200"),
                "date_min": lo.isoformat() if lo else None, "date_max": hi.isoformat() if hi else None,
                "statuses": list(rv.STATUSES)}

    @app.get("/api/events", tags=["events"], dependencies=[Depends(read_access)])
    def list_events(s: Read, f: Filt, page: Annotated[int, Query(ge=1, le=10**6)] = 1,
                    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
                    sort: Annotated[str, Query(max_length=20)] = "-event_date") -> dict[str, Any]:
        column = SORTS.get(sort.lstrip("-"))
        if column is None:
            raise HTTPException(422, f"sort {sort!r} is not one of: {', '.join(SORTS)} (prefix - for descending)")
        order = f"{column} {'DESC' if sort.startswith('-') else 'ASC'} NULLS LAST, event_id"
        where, params = f.where()
        total = s.con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]
        rows = q.fetch(s, f"SELECT * FROM events{where} ORDER BY {order} LIMIT ? OFFSET ?",
                        [*params, page_size, (page - 1) * page_size])
        return {"total": total, "page": page, "page_size": page_size, "items": [q.jsonable(r) for r in rows]}

    @app.get("/api/events.geojson", tags=["events"], dependencies=[Depends(read_access)])
    def events_geojson(s: Read, f: Filt) -> Response:
        rows = q.events(s, f, limit=MAX_GEOJSON)
        feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]},
                  "properties": q.jsonable(r)} for r in rows if r["latitude"] is not None]
        body = json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False)
        return Response(body, media_type="application/geo+json",
                        headers={"Content-Disposition": 'inline; filename="marsad-events.geojson"'})

    @app.get("/api/events.csv", tags=["events"], dependencies=[Depends(read_access)])
    def events_csv(s: Read, f: Filt) -> Response:
        import time

        from marsad.export.formats import ACLED_COLUMNS, LINKED_EXTRA_COLUMNS, acled_linked_row

        out = io.StringIO()
        w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + LINKED_EXTRA_COLUMNS)
        w.writeheader()
        stamp = int(time.time())
        for r in q.events(s, f):
            w.writerow(acled_linked_row(r, stamp))
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="marsad-events.csv"'})

    @app.get("/api/stats/daily", tags=["events"], dependencies=[Depends(read_access)])
    def daily(s: Read, f: Filt) -> dict[str, Any]:
        where, params = f.where()
        rows = s.con.execute(f"SELECT event_date, event_type, count(*) FROM events{where} AND event_date IS NOT NULL "
                             "GROUP BY 1, 2 ORDER BY 1", params).fetchall() if where else []
        days = sorted({r[0] for r in rows})
        if days:
            span = (days[-1] - days[0]).days + 1
            days = [date.fromordinal(days[0].toordinal() + i) for i in range(min(span, 20_000))]
        index = {d: i for i, d in enumerate(days)}
        series: dict[str, list[int]] = {}
        for day, kind, n in rows:
            if day in index:
                series.setdefault(kind, [0] * len(days))[index[day]] = n
        return {"days": [d.isoformat() for d in days], "series": series}

    @app.get("/api/events/{event_id}", tags=["events"], dependencies=[Depends(read_access)])
    def one_event(event_id: Annotated[str, PathParam(max_length=64)], s: Read) -> dict[str, Any]:
        ev = q.event(s, event_id)
        if ev is None:
            raise HTTPException(404, f"no linked event {event_id!r}")
        reports = []
        for r in ev.pop("reports"):
            article = {"article_id": r["article_id"], "title": r.pop("article_title"), "url": r.pop("article_url"),
                       "source": r.get("outlet"), "published": r.pop("article_published"), "doc_id": r.pop("doc_id"),
                       "language": r.pop("article_language")}
            reports.append(q.jsonable(r) | {"article": article})
        return q.jsonable(ev) | {"reports": reports, "audit": rv.audit(s, ev["event_id"])}

    @app.get("/api/articles/{article_id}", tags=["articles"], dependencies=[Depends(read_access)])
    def one_article(article_id: Annotated[str, PathParam(max_length=64)], s: Read) -> dict[str, Any]:
        rows = q.fetch(s, "SELECT article_id, doc_id, title, text, url, source, published, language FROM articles "
                           "WHERE article_id = ?", [article_id])
        if not rows:
            raise HTTPException(404, f"no article {article_id!r}")
        art = rows[0]
        art["reports"] = q.fetch(s, "SELECT report_id, link_id, event_type, sub_event_type, evidence FROM reports "
                                     "WHERE article_id = ? ORDER BY report_id", [article_id])
        art["figures"] = [q.jsonable(f) for f in q.fetch(s, "SELECT * FROM figures WHERE article_id = ?", [article_id])]
        return q.jsonable(art)

    @app.get("/api/figures", tags=["articles"], dependencies=[Depends(read_access)])
    def figures(s: Read, date_from: Annotated[date | None, Query(alias="from")] = None,
                date_to: Annotated[date | None, Query(alias="to")] = None,
                kind: Annotated[str | None, Query(max_length=30)] = None,
                limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> list[dict[str, Any]]:
        parts, params = [], []
        if date_from:
            parts.append("published >= ?")
            params.append(date_from)
        if date_to:
            parts.append("published <= ?")
            params.append(date_to)
        if kind:
            parts.append("kind = ?")
            params.append(kind)
        where = (" WHERE " + " AND ".join(parts)) if parts else ""
        return [q.jsonable(r) for r in q.fetch(s, f"SELECT * FROM figures{where} ORDER BY published DESC NULLS LAST, "
                                              f"figure_id LIMIT ?", [*params, limit])]

    @app.post("/api/code", tags=["coding"], dependencies=[Depends(read_access)])
    def code(body: CodeRequest) -> dict[str, Any]:
        from marsad.lang import available_languages
        from marsad.model import Article
        from marsad.pipeline import extract_article, parse_iso_date

        if body.language is not None and body.language not in available_languages():
            raise HTTPException(422, f"language {body.language!r} is not one of: {', '.join(available_languages())}")
        if body.published and parse_iso_date(body.published) is None:
            raise HTTPException(422, f"published {body.published!r} is not a date (YYYY-MM-DD[THH:MM])")
        doc = extract_article(Article("pasted", body.text, title=body.title, published=body.published,
                                      language=body.language), language=body.language)
        return doc.to_dict()

    # ---- review (writes) ----------------------------------------------------------------------------------
    def write(fn, *args):
        with lock, holder.use() as st:
            return q.jsonable(fn(st, *args))

    @app.post("/api/events/{event_id}/confirm", tags=["review"], dependencies=[Depends(write_access)])
    def confirm(event_id: Annotated[str, PathParam(max_length=64)], body: Action) -> dict[str, Any]:
        return write(rv.confirm, event_id, body.reviewer, body.reason)

    @app.patch("/api/events/{event_id}", tags=["review"], dependencies=[Depends(write_access)])
    def edit(event_id: Annotated[str, PathParam(max_length=64)], body: Edit) -> dict[str, Any]:
        return write(rv.edit, event_id, body.changes, body.reviewer, body.reason)

    @app.post("/api/events/{event_id}/reject", tags=["review"], dependencies=[Depends(write_access)])
    def reject(event_id: Annotated[str, PathParam(max_length=64)], body: Action) -> dict[str, Any]:
        return write(rv.reject, event_id, body.reviewer, body.reason)

    @app.post("/api/events/merge", tags=["review"], dependencies=[Depends(write_access)])
    def merge(body: Merge) -> dict[str, Any]:
        return write(rv.merge, body.event_ids, body.reviewer, body.reason)

    @app.post("/api/events/{event_id}/split", tags=["review"], dependencies=[Depends(write_access)])
    def split(event_id: Annotated[str, PathParam(max_length=64)], body: Split) -> dict[str, Any]:
        return write(rv.split, event_id, body.report_ids, body.reviewer, body.reason)

    @app.get("/api/events/{event_id}/audit", tags=["review"], dependencies=[Depends(read_access)])
    def audit(event_id: Annotated[str, PathParam(max_length=64)], s: Read) -> list[dict[str, Any]]:
        return rv.audit(s, event_id)

    # ---- alerts --------------------------------------------------------------------------------------------
    @app.get("/api/alerts", tags=["alerts"], dependencies=[Depends(read_access)])
    def alerts_list(s: Read) -> list[dict[str, Any]]:
        from marsad.store import alerts

        return [q.jsonable(a) for a in alerts.listed(s)]

    @app.post("/api/alerts", tags=["alerts"], dependencies=[Depends(write_access)])
    def alerts_add(body: NewAlert) -> dict[str, Any]:
        from marsad.store import alerts

        with lock, holder.use() as st:
            try:
                alerts.add(st, body.name, body.params, body.webhook, body.secret)
            except alerts.AlertError as exc:
                raise HTTPException(422, str(exc)) from None
        return {"name": body.name, "feed": f"/api/alerts/{body.name}.atom"}

    @app.delete("/api/alerts/{name}", tags=["alerts"], dependencies=[Depends(write_access)])
    def alerts_remove(name: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
        from marsad.store import alerts

        with lock, holder.use() as st:
            try:
                alerts.remove(st, name)
            except alerts.AlertError as exc:
                raise HTTPException(404, str(exc)) from None
        return {"removed": name}

    @app.get("/api/alerts/{name}.atom", tags=["alerts"], dependencies=[Depends(read_access)],
             response_class=Response)
    def alert_feed(name: Annotated[str, PathParam(max_length=64)], s: Read, request: Request) -> Response:
        from marsad.store import alerts

        try:
            body = alerts.atom(s, name, str(request.base_url).rstrip("/"))
        except alerts.AlertError as exc:
            raise HTTPException(404, str(exc)) from None
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    # ---- the dashboard ------------------------------------------------------------------------------------
    if (WEB / "index.html").is_file():
        app.mount("/static", StaticFiles(directory=WEB), name="static")

        @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
        def index() -> FileResponse:
            return FileResponse(WEB / "index.html", headers={"Content-Security-Policy": _CSP})

    if swagger.is_file():
        @app.get("/docs", include_in_schema=False)
        def docs() -> Response:
            from fastapi.openapi.docs import get_swagger_ui_html

            return get_swagger_ui_html(openapi_url="/openapi.json", title="marsad API",
                                       swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                       swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                       swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png")

    app.state.close = holder.close
    return app


# no inline script, no remote code: article text cannot run even if it reached the page as markup
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


