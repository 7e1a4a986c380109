"""One `marsad watch` cycle over N local feeds (a feed server on 127.0.0.1, each feed 20 ANT articles), then a
second cycle where every feed answers 304. Prints seconds, articles/s and peak memory; never asserts.

    python bench/watch.py [--feeds 50] [--items 20]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from corpora import ANT, missing  # noqa: E402 (bench/ is on sys.path when run as a script)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--feeds", type=int, default=50)
    ap.add_argument("--items", type=int, default=20)
    args = ap.parse_args()
    if not ANT.is_file():
        return missing(ANT)
    rows = [json.loads(line) for _, line in zip(range(args.feeds * args.items), ANT.open(encoding="utf-8"),
                                                strict=False)]
    feeds = {}
    for f in range(args.feeds):
        items = "".join(f"<item><title>{escape(r['title'])}</title><link>http://feed{f}.example/{r['docno']}</link>"
                        f"<guid>{r['docno']}</guid><description>{escape(r['text'])}</description></item>"
                        for r in rows[f * args.items:(f + 1) * args.items])
        feeds[f"/feed{f}.xml"] = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>feed {f}</title>"
                                  f"{items}</channel></rss>").encode()

    class Server(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.headers.get("If-None-Match") == '"1"':
                self.send_response(304)
                self.end_headers()
                return
            body = feeds[self.path]
            self.send_response(200)
            self.send_header("ETag", '"1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    urls = [f"http://127.0.0.1:{server.server_port}{p}" for p in feeds]
    from marsad.ingest.watch import poll
    from marsad.pipeline import default_gazetteer
    from marsad.store import Store

    gaz = default_gazetteer()
    with Store(Path(tempfile.mkdtemp()) / "watch.duckdb", share=True) as store:
        for label in ("first cycle (every feed new)", "second cycle (every feed 304)"):
            start = time.perf_counter()
            results = poll(store, gaz, urls, timedelta(minutes=15), host_delay=0, force=True)
            seconds = time.perf_counter() - start
            new = sum(p.new_articles for p in results)
            print(f"{label:32} {len(results)} feeds, {new:,} new articles, {seconds:6.2f} s"
                  + (f" ({new / seconds:,.0f} articles/s)" if new else ""))
    server.shutdown()
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
