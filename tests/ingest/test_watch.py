"""`marsad watch` against a local feed server: feeds that change, answer 304, vanish, time out, fail with a 500
or return junk — each recorded, none stopping the others, failing ones backed off."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from typer.testing import CliRunner

from marsad.cli import app
from marsad.ingest.watch import poll, status
from marsad.pipeline import default_gazetteer
from marsad.store import Store

ITEM = ("<item><title>{title}</title><link>http://news.example/{n}</link><guid>n{n}</guid>"
        "<pubDate>Mon, 05 Mar 2018 10:00:00 GMT</pubDate><description>{text}</description></item>")
TEXTS = ["قتل 5 مدنيين في غارة جوية على مدينة دوما يوم الأحد بحسب المرصد السوري لحقوق الإنسان.",
         "قتل 3 مدنيين في قصف مدفعي على بلدة سراقب يوم الاثنين بحسب الدفاع المدني."]


class Feeds(BaseHTTPRequestHandler):
    items = 1
    hits: dict[str, int] = {}
    conditional: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = self.path
        Feeds.hits[path] = Feeds.hits.get(path, 0) + 1
        if path == "/news.xml":
            etag = f'"v{Feeds.items}"'
            if self.headers.get("If-None-Match") == etag:
                Feeds.conditional.append(etag)
                self.send_response(304)
                self.end_headers()
                return
            body = ("<?xml version='1.0'?><rss version='2.0'><channel><title>Local news</title>"
                    + "".join(ITEM.format(title=f"خبر {i}", n=i, text=TEXTS[i % 2]) for i in range(Feeds.items))
                    + "</channel></rss>").encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", formatdate(usegmt=True))
            self.end_headers()
            self.wfile.write(body)
        elif path == "/junk.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(b"<rss><channel><item><title>broken")
        elif path == "/error.xml":
            self.send_response(500)
            self.end_headers()
        elif path == "/slow.xml":
            time.sleep(2)
            self.send_response(200)
            self.end_headers()
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


def test_watching_feeds_that_change_vanish_time_out_fail_or_are_junk(tmp_path):
    Feeds.items, Feeds.hits, Feeds.conditional = 1, {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Feeds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    urls = [f"{base}/{name}" for name in ("news.xml", "gone.xml", "slow.xml", "error.xml", "junk.xml")]
    db = tmp_path / "w.duckdb"
    gaz = default_gazetteer()
    clock = [datetime(2026, 12, 7, 12, 0)]
    try:
        with Store(db, share=True) as store:
            first = {p.url.rsplit("/", 1)[1]: p for p in poll(store, gaz, urls, timedelta(minutes=15), host_delay=0,
                                                              timeout=0.5, now=lambda: clock[0])}
            assert first["news.xml"].status == "new" and first["news.xml"].new_articles == 1
            for name, why in (("gone.xml", "404"), ("error.xml", "500"), ("slow.xml", "cannot fetch"),
                              ("junk.xml", "")):
                assert first[name].status == "failed" and why in (first[name].error or ""), (name, first[name])
            # 15 minutes later: the news feed is asked conditionally (304); failing feeds wait longer
            clock[0] += timedelta(minutes=16)
            second = {p.url.rsplit("/", 1)[1]: p for p in poll(store, gaz, urls, timedelta(minutes=15),
                                                               host_delay=0, timeout=0.5, now=lambda: clock[0])}
            assert second["news.xml"].status == "not modified" and Feeds.conditional == ['"v1"']
            assert "gone.xml" not in second  # backed off: 30 minutes after one failure
            # the feed changes: only the new entry is stored
            Feeds.items = 2
            clock[0] += timedelta(minutes=16)
            third = {p.url.rsplit("/", 1)[1]: p for p in poll(store, gaz, urls, timedelta(minutes=15), host_delay=0,
                                                              timeout=0.5, now=lambda: clock[0])}
            assert third["news.xml"].status == "new" and third["news.xml"].new_articles == 1
            assert third["gone.xml"].status == "failed"
            rows = {r["url"].rsplit("/", 1)[1]: r for r in status(store)}
            assert rows["news.xml"]["total_articles"] == 2 and rows["news.xml"]["failures"] == 0
            assert rows["gone.xml"]["failures"] == 2 and rows["gone.xml"]["next_poll"] - clock[0] == timedelta(hours=1)
            assert store.con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        r = CliRunner().invoke(app, ["watch", "--status", "--db", str(db)])
        assert r.exit_code == 0 and "news.xml: new" in r.output and "404" in r.output
        opml = tmp_path / "feeds.opml"
        opml.write_text(f'<opml version="2.0"><body><outline xmlUrl="{base}/news.xml"/>'
                        f'<outline xmlUrl="{base}/error.xml"/></body></opml>', encoding="utf-8")
        r = CliRunner().invoke(app, ["watch", str(opml), "--once", "--db", str(tmp_path / "o.duckdb"),
                                     "--host-delay", "0"])
        assert r.exit_code == 0, r.output
        assert "news.xml: new, 2 new article(s)" in r.output and "error.xml: failed (HTTP 500" in r.output
    finally:
        server.shutdown()
