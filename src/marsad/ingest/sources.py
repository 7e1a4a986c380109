"""Sources beyond single files: web pages and feeds by URL, RSS/Atom feeds (feedparser), OPML lists of feeds,
and folders that mix them with articles. Every problem is an InputError naming the source; the rest goes on.

A feed entry often carries only a summary: when it is short and the entry links to a page, the page is
fetched and its article text extracted (trafilatura), unless fetching is turned off.
"""

from __future__ import annotations

import html as htmllib
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from marsad.ingest.readers import MAX_BYTES, InputError, Item, decode, html_article, notice, read_path
from marsad.model import Article

FEED_SUFFIXES = {".rss", ".atom", ".rdf", ".xml"}
OPML_SUFFIXES = {".opml"}
FULL_TEXT_MIN = 600  # an entry shorter than this (characters) is a summary: fetch the page it links to
USER_AGENT = "marsad/0.1 (conflict event coder; +https://pypi.org/project/marsad/)"
TIMEOUT = 20.0
_BLOCK = re.compile(r"(?i)<\s*(br|/p|/div|/li|/h[1-6]|/tr|/blockquote)\b[^>]*>")


def is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


def fetch(url: str, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT) -> tuple[bytes, str, str] | InputError:
    """(body, content type, final URL) of a page, or why not."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (http/https only: is_url)
            body = resp.read(max_bytes + 1)
            ctype = resp.headers.get("Content-Type", "")
            final = resp.geturl()
    except urllib.error.HTTPError as exc:
        return InputError(url, f"HTTP {exc.code} {exc.reason}")
    except urllib.error.URLError as exc:
        return InputError(url, f"cannot fetch ({exc.reason})")
    except (TimeoutError, OSError) as exc:
        return InputError(url, f"cannot fetch ({exc})")
    if len(body) > max_bytes:
        return InputError(url, f"larger than the {max_bytes:,}-byte limit (raise it with --max-bytes)")
    return body, ctype, final


def _kind(data: bytes, ctype: str) -> str:
    """"opml", "feed" or "page", from the content type and the first bytes."""
    head = data[:2000].lstrip().lower()
    if b"<opml" in head:
        return "opml"
    if any(t in ctype for t in ("rss", "atom")) or re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head):
        return "feed"
    return "page"


def fragment_text(value: str) -> str:
    """Plain text of an HTML fragment (a feed's summary or content), paragraphs kept as lines."""
    if "<" not in value:
        return htmllib.unescape(value).strip()
    import lxml.html

    marked = _BLOCK.sub(lambda m: m.group(0) + "\n", value)
    try:
        text = lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    except Exception:  # lxml raises several kinds on broken markup; fall back to dropping tags
        text = re.sub(r"<[^>]+>", " ", marked)
    lines = [" ".join(line.split()) for line in htmllib.unescape(text).split("\n")]
    return "\n".join(line for line in lines if line)


def _entry_time(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:  # a UTC struct_time
            return "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*t[:6])
    return entry.get("published") or entry.get("updated")


def read_feed(data: bytes, origin: str, base_url: str | None, fetch_pages: bool, max_bytes: int) -> Iterator[Item]:
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = getattr(parsed, "bozo_exception", None)
        yield InputError(origin, f"not a readable feed ({why})" if why else "feed with no entries")
        return
    source = (parsed.feed.get("title") or "").strip() or (urlsplit(base_url).netloc if base_url else None)
    language = parsed.feed.get("language")
    for i, entry in enumerate(parsed.entries, 1):
        where = f"{origin}#{i}"
        link = entry.get("link")
        if link and base_url:
            link = urljoin(base_url, link)
        content = entry.get("content")
        body = content[0].get("value", "") if content else entry.get("summary", "")
        text = fragment_text(body or "")
        title = fragment_text(entry.get("title", ""))
        article = Article(id=entry.get("id") or link or where, title=title, text=text,
                          published=_entry_time(entry), language=language, url=link, source=source, origin=where)
        if fetch_pages and link and is_url(link) and len(text) < FULL_TEXT_MIN:
            page = _page(link, where, max_bytes)
            if isinstance(page, InputError):
                yield notice(where, f"kept the feed's summary: the page {page.reason}")
            elif len(page.text) > len(text):
                article.text = page.text
                article.title = article.title or page.title
                article.published = article.published or page.published
        if not (article.text.strip() or article.title.strip()):
            yield InputError(where, "feed entry with no title or text")
            continue
        yield article


def _page(url: str, origin: str, max_bytes: int) -> Item:
    got = fetch(url, max_bytes)
    if isinstance(got, InputError):
        return got
    data, ctype, final = got
    return _page_from(data, ctype, origin, final)


MAX_OPML_DEPTH = 3  # an OPML may list OPMLs, a few levels deep


def read_opml(data: bytes, origin: str, base: str | None, fetch_pages: bool, max_bytes: int,
              seen: frozenset[str] = frozenset()) -> Iterator[Item]:
    """Each feed an OPML list names (outline xmlUrl), fetched or read in turn; a list already being read (a
    loop) or nested too deep is reported, not followed."""
    seen = seen | {origin}
    if len(seen) > MAX_OPML_DEPTH:
        yield InputError(origin, f"OPML lists nested more than {MAX_OPML_DEPTH} deep: not followed")
        return
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        yield InputError(origin, f"malformed OPML ({exc})")
        return
    feeds = [o.get("xmlUrl") or o.get("xmlurl") for o in root.iter("outline")]
    feeds = [f for f in feeds if f]
    if not feeds:
        yield InputError(origin, "OPML lists no feeds (no outline with xmlUrl)")
        return
    for feed in feeds:
        if is_url(feed):
            target = feed
        elif base is not None and is_url(base):
            target = urljoin(base, feed)
        else:
            target = str((Path(feed) if Path(feed).is_absolute() or base is None else Path(base).parent / feed)
                         .resolve())
        if target in seen or (not is_url(target) and str(Path(origin).resolve()) == target):
            yield InputError(origin, f"lists itself or a list that lists it ({feed}): not followed")
            continue
        yield from read_source(target, fetch_pages, max_bytes, seen)


def read_source(spec: str, fetch_pages: bool = True, max_bytes: int = MAX_BYTES,
                seen: frozenset[str] = frozenset()) -> Iterator[Item]:
    """Articles from a URL (page, feed or OPML), a feed or OPML file, a folder, or any file read_path reads."""
    if is_url(spec):
        got = fetch(spec, max_bytes)
        if isinstance(got, InputError):
            yield got
            return
        data, ctype, final = got
        kind = _kind(data, ctype)
        if kind == "opml":
            yield from read_opml(data, spec, final, fetch_pages, max_bytes, seen)
        elif kind == "feed":
            yield from read_feed(data, spec, final, fetch_pages, max_bytes)
        else:
            yield _page_from(data, ctype, spec, final)
        return
    p = Path(spec)
    if spec != "-" and p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file()
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))
        if not files:
            yield InputError(spec, "folder holds no files")
        for f in files:
            yield from read_source(str(f), fetch_pages, max_bytes)
        return
    suffix = p.suffix.lower()
    if spec != "-" and p.is_file() and (suffix in FEED_SUFFIXES | OPML_SUFFIXES):
        try:
            data = p.read_bytes()[: max_bytes + 1]
        except OSError as exc:
            yield InputError(spec, f"cannot open ({exc.strerror})")
            return
        if len(data) > max_bytes:
            yield InputError(spec, f"larger than the {max_bytes:,}-byte limit (raise it with --max-bytes)")
            return
        kind = _kind(data, "")
        if kind == "opml":
            yield from read_opml(data, str(p.resolve()), spec, fetch_pages, max_bytes, seen)
            return
        if kind == "feed":
            yield from read_feed(data, spec, None, fetch_pages, max_bytes)
            return
    yield from read_path(spec, max_bytes)


def _page_from(data: bytes, ctype: str, origin: str, final: str) -> Item:
    m = re.search(r"charset=([\w-]+)", ctype)
    text = None
    if m:
        try:
            text = data.decode(m.group(1))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text, why = decode(data, origin)
        if text is None:
            return InputError(origin, why)
    art = html_article(text, origin, final)
    if isinstance(art, Article):
        art.url = art.url or final
    return art
