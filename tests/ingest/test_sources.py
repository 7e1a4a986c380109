"""Feeds, OPML lists and pages fetched over HTTP from a real local server (127.0.0.1), then ingested."""

import functools
import http.server
import threading

import pytest
from typer.testing import CliRunner

from marsad.cli import app
from marsad.ingest.readers import InputError
from marsad.ingest.sources import fragment_text, read_source
from marsad.store import Store
from marsad.store import query as q

PAGE = """<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>مقتل 12 مدنيا في غارات على دوما</title><meta name="date" content="2018-03-05"></head><body>
<nav>الرئيسية | أخبار | رياضة</nav><article><h1>مقتل 12 مدنيا في غارات على دوما</h1>
<p>قتل 12 مدنيا بينهم أربعة أطفال في غارات جوية استهدفت مدينة دوما في الغوطة الشرقية يوم الاثنين، بحسب ما أفاد
المرصد السوري لحقوق الإنسان.</p>
<p>وقال المرصد إن الطائرات الحربية شنت أكثر من عشرين غارة على المدينة منذ الصباح، فيما أصيب عشرات آخرون بجروح
ونقلوا إلى مستشفيات ميدانية تعاني من نقص حاد في الأدوية والمعدات الطبية.</p>
<p>وتتعرض الغوطة الشرقية المحاصرة لحملة عسكرية واسعة منذ أسابيع، ويعيش فيها نحو 400 ألف شخص.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""

RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>أخبار سوريا</title>
<link>http://{host}/</link><language>ar</language>
<item><title>مقتل 12 مدنيا في غارات على دوما</title><link>http://{host}/douma.html</link>
<guid>douma-1</guid><pubDate>Mon, 05 Mar 2018 18:00:00 GMT</pubDate><description>غارات على دوما</description></item>
<item><title>قصف على حرستا</title><link>http://{host}/missing.html</link><guid>harasta-1</guid>
<pubDate>Mon, 05 Mar 2018 19:00:00 GMT</pubDate>
<description><![CDATA[<p>قتل 3 مدنيين في قصف على مدينة حرستا يوم الاثنين.</p>]]></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Syria news</title>
<entry><title>Air strikes kill 9 in Saraqib</title><id>tag:x,2018:saraqib</id><updated>2018-02-04T10:00:00Z</updated>
<link href="http://{host}/nothing-here.html"/><content type="html">&lt;p&gt;Air strikes killed 9 civilians in the
town of Saraqib in Idlib province on Sunday, the Syrian Observatory for Human Rights said. Rescue workers said
the strikes hit a market in the centre of the town in the morning. {filler}&lt;/p&gt;</content></entry></feed>"""

OPML = """<?xml version="1.0"?><opml version="2.0"><head><title>feeds</title></head><body>
<outline text="Syria"><outline text="ar" type="rss" xmlUrl="http://{host}/feed.rss"/>
<outline text="en" type="rss" xmlUrl="http://{host}/feed.atom"/></outline></body></opml>"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    host = f"127.0.0.1:{httpd.server_address[1]}"
    (root / "douma.html").write_text(PAGE, encoding="utf-8")
    (root / "feed.rss").write_text(RSS.format(host=host), encoding="utf-8")
    (root / "feed.atom").write_text(ATOM.format(host=host, filler="The town had been calm. " * 20), encoding="utf-8")
    (root / "feeds.opml").write_text(OPML.format(host=host), encoding="utf-8")
    (root / "broken.rss").write_text("<rss><channel><item><title>x</title", encoding="utf-8")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://{host}", root
    httpd.shutdown()


def test_a_page_by_url(server):
    base, _ = server
    (art,) = list(read_source(f"{base}/douma.html"))
    assert art.url == f"{base}/douma.html" and "دوما" in art.title and "نحو 400 ألف" in art.text
    assert "الرئيسية" not in art.text  # navigation and footer are not the article


def test_rss_entries_fetch_their_pages_and_keep_a_summary_when_the_page_is_gone(server):
    base, _ = server
    items = list(read_source(f"{base}/feed.rss"))
    articles = [i for i in items if not isinstance(i, InputError)]
    notes = [i for i in items if isinstance(i, InputError)]
    assert [a.id for a in articles] == ["douma-1", "harasta-1"]
    assert "أربعة أطفال" in articles[0].text and articles[0].published == "2018-03-05T18:00:00Z"
    assert articles[0].source == "أخبار سوريا" and articles[0].language == "ar"
    assert articles[1].text == "قتل 3 مدنيين في قصف على مدينة حرستا يوم الاثنين."
    assert len(notes) == 1 and not notes[0].error and "HTTP 404" in notes[0].reason


def test_opml_reads_every_feed_and_bad_sources_are_named(server):
    base, root = server
    items = list(read_source(f"{base}/feeds.opml"))
    titles = [i.title for i in items if not isinstance(i, InputError)]
    assert titles == ["مقتل 12 مدنيا في غارات على دوما", "قصف على حرستا", "Air strikes kill 9 in Saraqib"]
    (missing,) = list(read_source(f"{base}/no-such-feed.rss"))
    assert isinstance(missing, InputError) and missing.error and "HTTP 404" in str(missing)
    (broken,) = list(read_source(str(root / "broken.rss")))
    assert isinstance(broken, InputError) and str(root / "broken.rss") in str(broken)


def test_fragment_text_keeps_paragraphs():
    assert fragment_text("<p>one &amp; two</p><p>three<br>four</p>") == "one & two\nthree\nfour"


def test_ingest_a_feed_by_url_twice_stores_it_once(server, tmp_path):
    base, _ = server
    db = tmp_path / "m.duckdb"
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", f"{base}/feeds.opml", "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "3 new" in first.output
    second = runner.invoke(app, ["ingest", f"{base}/feeds.opml", "--db", str(db)])
    assert second.exit_code == 0 and "0 new" in second.output and "3 already stored" in second.output
    with Store(db, read_only=True) as s:
        assert s.counts()["articles"] == 3
        places = {e["location"] for e in q.events(s, q.Filters())}
    assert {"Duma", "Harasta", "Saraqib"} <= places


def test_an_opml_that_lists_itself_is_reported_not_followed(tmp_path):
    loop = tmp_path / "loop.opml"
    loop.write_text('<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="loop.opml"/></body></opml>',
                    encoding="utf-8")
    (item,) = list(read_source(str(loop)))
    assert isinstance(item, InputError) and "lists itself" in item.reason
