"""`marsad watch`: poll feeds on a schedule and store what is new (docs/WATCH.md).

Each feed is fetched with a conditional request (If-None-Match / If-Modified-Since from its last answer, so an
unchanged feed costs a 304), no host is asked twice within `host_delay` seconds, and a feed that fails — no
answer, an HTTP error, a body that is not a feed — is retried later and later (the interval doubled per
failure, at most a day); one feed's failure never stops the others. The state of every feed is in the store's
`feeds` table (`marsad watch --status`).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from marsad.ingest.readers import MAX_BYTES, InputError
from marsad.ingest.sources import USER_AGENT, fetch, is_url, read_feed

MAX_BACKOFF = timedelta(days=1)


@dataclass
class Poll:
    url: str
    status: str  # "new", "not modified", "failed"
    new_articles: int = 0
    error: str | None = None


def feed_urls(specs: list[str]) -> list[str]:
    """The feeds to watch: feed URLs as given, and every xmlUrl of the OPML files or URLs given."""
    out: list[str] = []
    for spec in specs:
        if spec.lower().endswith(".opml") or (not is_url(spec) and Path(spec).is_file()):
            got = fetch(spec) if is_url(spec) else (Path(spec).read_bytes(), "", spec)
            if isinstance(got, InputError):
                raise ValueError(str(got))
            try:
                root = ET.fromstring(got[0])
            except ET.ParseError as exc:
                raise ValueError(f"{spec}: malformed OPML ({exc})") from None
            if root.tag.lower() != "opml":
                raise ValueError(f"{spec}: not an OPML list of feeds (a feed to watch is given by its URL)")
            for o in root.iter("outline"):
                url = o.get("xmlUrl") or o.get("xmlurl")
                if url:
                    out.append(urljoin(spec, url) if is_url(spec) else url)
        elif is_url(spec):
            out.append(spec)
        else:
            raise ValueError(f"{spec}: not a feed URL or an OPML file")
    return list(dict.fromkeys(out))


def _state(store, url: str) -> dict:
    row = store.con.execute("SELECT etag, last_modified, failures, next_poll, total_articles FROM feeds "
                            "WHERE url = ?", [url]).fetchone()
    if row is None:
        return {"etag": None, "last_modified": None, "failures": 0, "next_poll": None, "total": 0}
    return {"etag": row[0], "last_modified": row[1], "failures": row[2] or 0, "next_poll": row[3],
            "total": row[4] or 0}


def poll(store, gazetteer, urls: list[str], every: timedelta, *, host_delay: float = 1.0, timeout: float = 20.0,
         fetch_pages: bool = False, now=datetime.now, sleep=time.sleep, force: bool = False) -> list[Poll]:
    """One cycle: every feed due (or all, with force) fetched once and its new entries stored."""
    from marsad.store.ingest import ingest_items

    last_hit: dict[str, float] = {}
    results: list[Poll] = []
    for url in urls:
        state = _state(store, url)
        if not force and state["next_poll"] is not None and state["next_poll"] > now():
            continue
        host = urlsplit(url).netloc
        wait = host_delay - (time.monotonic() - last_hit.get(host, -1e9))
        if wait > 0:
            sleep(wait)
        last_hit[host] = time.monotonic()
        headers = {"User-Agent": USER_AGENT}
        if state["etag"]:
            headers["If-None-Match"] = state["etag"]
        if state["last_modified"]:
            headers["If-Modified-Since"] = state["last_modified"]
        etag, modified, error, body, new = state["etag"], state["last_modified"], None, None, 0
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers=headers),  # noqa: S310 (the user's feeds)
                                        timeout=timeout) as r:
                body = r.read(MAX_BYTES + 1)
                etag = r.headers.get("ETag") or etag
                modified = r.headers.get("Last-Modified") or modified
        except urllib.error.HTTPError as exc:
            if exc.code != 304:
                error = f"HTTP {exc.code} {exc.reason}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            error = f"cannot fetch ({getattr(exc, 'reason', exc)})"
        if body is not None and error is None:
            if len(body) > MAX_BYTES:
                error = f"larger than the {MAX_BYTES:,}-byte limit"
            else:
                items = list(read_feed(body, url, url, fetch_pages, MAX_BYTES))
                junk = [i for i in items if isinstance(i, InputError) and i.error]
                articles = [i for i in items if not isinstance(i, InputError)]
                if junk and not articles:
                    error = junk[0].reason
                else:
                    summary = ingest_items(articles, store, gazetteer)
                    new = summary.new + summary.updated
        failures = state["failures"] + 1 if error else 0
        interval = min(every * (2 ** min(failures, 16)), MAX_BACKOFF) if failures else every
        status = "failed" if error else "new" if body is not None else "not modified"
        store.con.execute("INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [url, etag, modified, now(), status, error, failures, now() + interval, new,
                           state["total"] + new])
        store.release()
        results.append(Poll(url, status, new, error))
    return results


def status(store) -> list[dict]:
    rows = store.con.execute("SELECT url, last_poll, last_status, new_articles, total_articles, failures, "
                             "next_poll, last_error FROM feeds ORDER BY url").fetchall()
    names = ("url", "last_poll", "last_status", "new_articles", "total_articles", "failures", "next_poll",
             "last_error")
    return [dict(zip(names, r, strict=True)) for r in rows]
