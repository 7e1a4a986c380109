"""The dashboard as a person uses it: real headless Chromium (Debian's), a real `marsad serve` on 127.0.0.1.

Screenshots of every step are written to tests/web/screenshots/ for a person to look at.
"""

import json
import shutil
import time
from pathlib import Path

import httpx
import pytest

from marsad.model import Article
from marsad.pipeline import extract_article
from marsad.store import Store

from ..conftest import running_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parent / "screenshots"
TOKEN = "e2e-token"
XSS_TEXT = ('قتل 6 مدنيين في قصف على مدينة سراقب يوم الثلاثاء <script>window.__xss = 1</script> '
            '<img src="x" onerror="window.__xss = 2"> وقال ناشطون إن القصف استهدف سوقا.')


@pytest.fixture(scope="module")
def server(tmp_path_factory, sample_db):
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it: apt-get install chromium)")
    web = Path(__file__).resolve().parents[2] / "src" / "marsad" / "web" / "static" / "vendor"
    if not web.is_dir():
        pytest.skip("the dashboard's libraries are not built (make web)")
    db = tmp_path_factory.mktemp("e2e") / "db.duckdb"
    shutil.copy(sample_db, db)
    with Store(db) as s:  # untrusted markup in an article's title and text
        a = Article("xss-1", XSS_TEXT, title='قصف سراقب <script>window.__xss = 3</script>', published="2018-03-07",
                    url="https://evil.example/x", source="evil-outlet", language="ar")
        s.save(a, extract_article(a))
    with running_server(db, "--token", TOKEN) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    SHOTS.mkdir(exist_ok=True)
    # the page's Content-Security-Policy (no inline or eval'd script) would also stop injected markup from
    # running; the tests turn it off (Playwright evaluates its waits as strings) so that they check the
    # dashboard's own escaping, which must hold without it. The header itself is checked below.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    pg = context.new_page()
    pg.errors = []
    pg.dialogs = []
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def ready(pg):
    pg.wait_for_function("document.body.dataset.ready === '1'", timeout=20_000)


def test_map_timeline_and_filters_drive_the_url(server, page):
    page.goto(server + "/")
    ready(page)
    page.wait_for_selector("#map .leaflet-marker-icon, #map .marker-cluster, #map path.leaflet-interactive")
    assert page.locator("#map path").count() > 50  # Natural Earth outlines, drawn with no tiles
    assert page.locator("#timeline svg rect").count() > 0
    page.screenshot(path=str(SHOTS / "1-map.png"))
    all_bars = page.locator("#timeline svg g.bars rect").count()
    page.goto(server + "/#/map?admin1=Idleb")
    ready(page)
    page.screenshot(path=str(SHOTS / "2-map-idlib.png"))
    idlib_bars = page.locator("#timeline svg g.bars rect").count()
    assert "admin1=Idleb" in page.url and 1 <= idlib_bars < all_bars  # the timeline follows the filter
    assert page.locator("#filters [name='admin1']").input_value() in ("Idleb", "Idlib")
    assert not page.errors, page.errors


def test_table_sort_and_downloads_match_the_filters(server, page):
    page.goto(server + "/#/table?type=Explosions%2FRemote%20violence")
    ready(page)
    rows = page.locator("#table tr[data-event-id]")
    expected = httpx.get(server + "/api/events", params={"type": "Explosions/Remote violence"}).json()["total"]
    assert rows.count() == expected
    csv_link = page.locator("a[href*='/api/events.csv']").first.get_attribute("href")
    assert "Explosions" in csv_link and "type=" in csv_link
    page.screenshot(path=str(SHOTS / "3-table.png"))
    assert not page.errors, page.errors


def test_the_confidence_filter_narrows_the_table(server, page):
    page.goto(server + "/#/table")
    ready(page)
    everything = page.locator("#table tr[data-event-id]").count()
    # a threshold between the events' confidences (they come from the shipped model)
    scores = sorted(e["confidence"] for e in httpx.get(server + "/api/events").json()["items"])
    cut = f"{(scores[0] + scores[-1]) / 2:.3f}".rstrip("0")
    box = page.locator("#filters [name='min_confidence']")
    box.fill(cut)
    box.dispatch_event("change")
    page.wait_for_function(f"location.hash.includes('min_confidence={cut}')", timeout=10_000)
    ready(page)
    expected = httpx.get(server + "/api/events", params={"min_confidence": cut}).json()["total"]
    page.wait_for_function(f"document.querySelectorAll('#table tr[data-event-id]').length === {expected}",
                           timeout=10_000)
    assert 0 < expected < everything
    box.fill("2")  # not a confidence: marked invalid, the filter unchanged
    box.dispatch_event("input")
    page.wait_for_function("document.querySelector(\"#filters [name='min_confidence']\")"
                           ".getAttribute('aria-invalid') === 'true'", timeout=10_000)
    assert not page.errors, page.errors


def test_the_api_docs_work_offline_and_offer_to_authorize(server, page):
    asked = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(server + "/docs")
    page.wait_for_selector("button.authorize", timeout=20_000)  # the bearer token the OpenAPI document declares
    page.wait_for_selector("[data-path=\"/api/events\"]", timeout=20_000)  # the routes are listed
    page.screenshot(path=str(SHOTS / "9-api-docs.png"))
    assert asked and all(u.startswith(server) or u.startswith("data:") for u in asked), asked
    assert not page.errors, page.errors


def test_the_corroboration_filter_and_column(server, page):
    expected = httpx.get(server + "/api/events", params={"corroboration": "single source"}).json()["total"]
    page.goto(server + "/#/table?corroboration=single%20source")
    ready(page)
    page.wait_for_function(f"document.querySelectorAll('#table tr[data-event-id]').length === {expected}",
                           timeout=10_000)
    assert expected > 0
    assert page.locator("#filters input[name='corroboration'][value='single source']").is_checked()
    assert page.locator("#table .grade-single-source").count() == expected
    page.screenshot(path=str(SHOTS / "10-corroboration.png"))
    assert not page.errors, page.errors


def _idlib_event(server):
    return httpx.get(server + "/api/events", params={"admin1": "Idleb", "type": "Explosions/Remote violence",
                                                     "min_fatalities": 10}).json()["items"][0]


def test_event_page_highlights_evidence_right_to_left(server, page):
    ev = _idlib_event(server)
    page.goto(f"{server}/#/event/{ev['event_id']}")
    ready(page)
    page.wait_for_selector("mark.evidence.current")
    marks = page.locator("mark.evidence.current")
    assert marks.count() >= 3  # one per report at least (three outlets)
    full = httpx.get(f"{server}/api/events/{ev['event_id']}").json()
    texts = {e["text"] for r in full["reports"] for e in r["evidence"]}
    shown = {marks.nth(i).text_content() for i in range(marks.count())}
    assert shown & texts
    arabic = page.locator("[dir='rtl'] mark.evidence.current")
    assert arabic.count() >= 2  # the two Arabic reports render right to left
    assert page.locator("[data-field='fatalities']").first.text_content().strip().startswith("12")
    page.screenshot(path=str(SHOTS / "4-event.png"))
    marks.first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "4b-evidence.png"))
    assert not page.errors, page.errors


def test_review_an_event_and_see_it_persist(server, page):
    ev = _idlib_event(server)
    page.goto(f"{server}/#/event/{ev['event_id']}")
    ready(page)
    page.fill("#reviewer", "amal")
    page.fill("#token", TOKEN)
    page.fill("#reason", "SOHR raised the toll the next day")
    page.click("[data-action='edit']")
    page.fill("#edit-form [name='fatalities']", "15")
    page.click("#edit-form [data-action='save-edit']")
    page.wait_for_function("(document.querySelector('[data-testid=review-status]') || {textContent: ''})"
                           ".textContent.toLowerCase().includes('edited')", timeout=20_000)
    page.screenshot(path=str(SHOTS / "5-edited.png"), full_page=True)
    page.reload()
    ready(page)
    assert "edited" in page.locator("[data-testid='review-status']").text_content().lower()
    assert page.locator("[data-field='fatalities']").first.text_content().strip().startswith("15")
    audit = page.locator("[data-testid='audit']").text_content()
    assert "amal" in audit and "SOHR raised the toll" in audit
    stored = httpx.get(f"{server}/api/events/{ev['event_id']}").json()
    assert (stored["fatalities"], stored["review_status"], stored["reviewed_by"]) == (15, "edited", "amal")
    assert not page.errors, page.errors


def test_untrusted_article_markup_never_runs(server, page):
    hits = httpx.get(server + "/api/events", params={"actor": "", "admin1": "Idleb", "from": "2018-03-06",
                                                     "to": "2018-03-08"}).json()["items"]
    ev = next(e for e in hits if e["location"] == "Saraqib")
    page.goto(f"{server}/#/event/{ev['event_id']}")
    ready(page)
    page.wait_for_selector("mark.evidence.current")
    page.goto(f"{server}/#/table?admin1=Idleb")
    ready(page)
    page.goto(f"{server}/#/map")
    ready(page)
    page.goto(f"{server}/#/event/{ev['event_id']}")
    ready(page)
    time.sleep(0.5)
    assert page.evaluate("window.__xss") is None
    assert not page.dialogs
    assert page.locator("#event script, #event img[src='x']").count() == 0
    assert "<script>" in page.locator("#event").text_content()  # shown as text, not run
    page.locator("mark.evidence.current").first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "6-untrusted.png"))


def paste_and_code(server: str, page, article: str, shown: str) -> str:
    """Paste an article published 2018-03-06 into the paste box, code it, wait until `shown` appears in the
    result, and return the result's text."""
    page.goto(server + "/#/paste")
    ready(page)
    page.fill("#paste textarea[name='text']", article)
    page.locator("#paste [name='published']").fill("2018-03-06")
    page.click("#paste [data-action='code']")
    page.wait_for_function("document.querySelector('#paste-result') && "
                           f"document.querySelector('#paste-result').textContent.includes('{shown}')", timeout=20_000)
    return page.locator("#paste-result").text_content()


def test_paste_an_article_and_see_it_coded(server, page):
    text = paste_and_code(server, page, "Air strikes killed 7 civilians in the town of Saraqib in Idlib province on "
                                        "Monday, the Syrian Observatory for Human Rights said.", "Saraqib")
    assert "7" in text and "Air/drone strike" in text
    page.screenshot(path=str(SHOTS / "7-paste.png"), full_page=True)
    assert not page.errors, page.errors


def test_no_request_leaves_the_machine(server, page):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    page.goto(server + "/")
    ready(page)
    assert not outside, outside
    assert json.loads(httpx.get(server + "/api/config").text)["tile_url"] is None


def test_the_page_forbids_inline_and_remote_script(server):
    csp = httpx.get(server + "/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_a_claimed_perpetrator_is_said_in_words(server, page):
    text = paste_and_code(server, page, "اتهمت المعارضة قوات النظام بقصف بلدة سراقب يوم الاثنين ما أدى إلى مقتل 7 "
                                        "مدنيين", "claimed")
    assert "only a party to the conflict names who did it" in text and "Military Forces of Syria" in text
    assert not page.errors, page.errors


def test_the_weekly_report_is_self_contained_and_prints(sample_db, tmp_path, browser):
    from typer.testing import CliRunner

    from marsad.cli import app

    page_path, pdf = tmp_path / "week.html", tmp_path / "week.pdf"
    r = CliRunner().invoke(app, ["report", "--from", "2018-03-05", "--to", "2018-03-11", "-o", str(page_path),
                                 "--pdf", str(pdf), "--db", str(sample_db)])
    assert r.exit_code == 0, r.output
    assert pdf.read_bytes()[:5] == b"%PDF-"
    context = browser.new_context(viewport={"width": 1100, "height": 1400}, offline=True)
    pg = context.new_page()
    errors, asked = [], []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda q: asked.append(q.url))
    pg.goto(page_path.as_uri())
    pg.screenshot(path=str(SHOTS / "11-weekly-report.png"), full_page=True)
    with Store(sample_db, read_only=True) as s:
        located = s.con.execute("SELECT count(*) FROM events WHERE event_date BETWEEN '2018-03-05' AND '2018-03-11' "
                                "AND latitude IS NOT NULL AND review_status <> 'rejected'").fetchone()[0]
    assert pg.locator("svg.map circle").count() == located > 0
    assert pg.locator("svg.map path").count() > 0  # country outlines
    assert pg.locator("svg.timeline rect").count() > 0 and pg.locator("section.event").count() > 0
    assert pg.locator("img").count() == 0  # nothing to break: every picture is inline SVG
    assert all(u.startswith("file:") for u in asked) and not errors
    context.close()


def test_alerts_are_made_and_removed_from_the_dashboard(server, page):
    import feedparser

    page.goto(server + "/#/table?admin1=Idleb")
    ready(page)
    page.click("nav.main a[data-nav='alerts']")
    page.wait_for_selector("form.alert-form")
    ready(page)
    assert "admin1: Idleb" in page.locator("form.alert-form .hint").inner_text()
    page.fill("#alert-name", "idlib-watch")
    page.fill("#alert-token", TOKEN)
    page.click("button[data-action='save-alert']")
    page.wait_for_selector("li[data-alert='idlib-watch'] a.feed")
    page.screenshot(path=str(SHOTS / "12-alerts.png"))
    href = page.locator("li[data-alert='idlib-watch'] a.feed").get_attribute("href")
    feed = feedparser.parse(httpx.get(server + href).content)
    expected = httpx.get(server + "/api/events", params={"admin1": "Idleb"}).json()["total"]
    assert not feed.bozo and len(feed.entries) == expected > 0
    page.click("li[data-alert='idlib-watch'] button[data-action='remove-alert']")
    page.wait_for_function("!document.querySelector(\"li[data-alert='idlib-watch']\")", timeout=10_000)
    assert httpx.get(server + href).status_code == 404
    assert not page.errors, page.errors
