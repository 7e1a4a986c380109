"""Readers: files (txt, html, jsonl) and stdin into Articles; every problem becomes an InputError that
names the file (and line) and says why, so a batch goes on past one bad input."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from marsad.model import Article
from marsad.text.normalise import arabic_share

MAX_BYTES = 10 * 1024 * 1024  # one text or HTML file, or one JSONL line
ID_FIELDS = ("id", "doc_id", "docno", "unit_id")
TEXT_FIELDS = ("text", "body", "content", "article_content")
TITLE_FIELDS = ("title", "headline", "article_title")
PUBLISHED_FIELDS = ("published", "pub_time_utc", "published_at", "date", "pub_date")
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}


@dataclass(slots=True)
class InputError:
    """A file or record that could not be read (error=True), or was read with something the user should
    know (error=False: a guessed encoding); printed as one line naming the file."""

    origin: str
    reason: str
    error: bool = True

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def notice(origin: str, message: str) -> InputError:
    return InputError(origin, message, error=False)


Item = Article | InputError


def decode(data: bytes, origin: str) -> tuple[str | None, str]:
    """(text, encoding) or (None, reason): UTF-8 (with or without BOM), UTF-16 with a BOM or by its
    NUL pattern, and Windows-1256 for Arabic text from older Windows tools."""
    if not data.strip():
        return None, "empty file"
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data:  # UTF-16 without a BOM, or binary
        best = max((_utf16_score(data, enc), enc) for enc in ("utf-16-le", "utf-16-be"))
        if best[0] > 0.9:
            return _strict(data, best[1])
        return None, "binary file (NUL bytes), not text"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1256", errors="replace")  # Windows-1256 maps nearly every byte
        if arabic_share(text) > 0.3 and _looks_textual(text):
            return text, "cp1256"
        return None, f"not UTF-8 text (invalid byte at offset {exc.start}); re-save it as UTF-8"
    if not _looks_textual(text):
        return None, "binary file (control characters), not text"
    return text, "utf-8"


def _utf16_score(data: bytes, encoding: str) -> float:
    """Share of plausible characters (Latin, Arabic, punctuation, spaces) when read as `encoding`."""
    sample = data[: 4000 - (4000 % 2)] if len(data) > 4000 else data[: len(data) - len(data) % 2]
    text = sample.decode(encoding, errors="replace")
    good = sum(1 for ch in text if ch in "\n\r\t" or (" " <= ch < "\u0250") or ("\u0600" <= ch <= "\u06ff")
               or ("\u2000" <= ch <= "\u206f"))
    return good / max(1, len(text))


def _strict(data: bytes, encoding: str) -> tuple[str | None, str]:
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError as exc:
        return None, f"invalid {encoding} at byte {exc.start}"


def _looks_textual(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls <= len(sample) * 0.01


def read_bytes(stream: BinaryIO, origin: str, max_bytes: int) -> tuple[bytes | None, str]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        return None, f"larger than the {max_bytes:,}-byte limit (raise it with --max-bytes)"
    return data, ""


def split_title(text: str) -> tuple[str, str, int]:
    """(title, body, offset of the body): the first line is the title when a blank line follows it."""
    lines = text.split("\n", 2)
    if len(lines) >= 3 and lines[0].strip() and not lines[1].strip() and len(lines[0]) < 300:
        offset = len(lines[0]) + len(lines[1]) + 2
        return lines[0].strip(), lines[2], offset
    return "", text, 0


def text_article(text: str, origin: str, doc_id: str) -> Article:
    title, body, _ = split_title(text.replace("\r\n", "\n").lstrip("\ufeff"))
    return Article(id=doc_id, title=title, text=body, origin=origin)


def html_article(html: str, origin: str, doc_id: str) -> Article | InputError:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None or not (doc.text or "").strip():
        return InputError(origin, "HTML page with no article text found")
    title = (doc.title or "").strip()
    text = doc.text
    if title and text.startswith(title):
        text = text[len(title):].lstrip("\n")
    return Article(id=doc_id, title=title, text=text, published=doc.date, url=doc.url, source=doc.sitename,
                   origin=origin)


def _field(record: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return str(value)
    return None


def _published(record: dict) -> str | None:
    """The publication time; a time in a field named as UTC ("pub_time_utc") without a zone is marked UTC,
    so that it can be turned into the local day (utc_marked)."""
    for name in PUBLISHED_FIELDS:
        value = record.get(name)
        if value not in (None, ""):
            return utc_marked(str(value)) if name.endswith("utc") else str(value)
    return None


def utc_marked(value: str) -> str:
    """"2018-03-02T22:30:00" (known to be UTC) -> "2018-03-02T22:30:00+00:00"; other values unchanged."""
    v = value.strip()
    if len(v) > 10 and v[10] in "T " and not v.endswith("Z") and "+" not in v[10:] and "-" not in v[10:]:
        return v + "+00:00"
    return value


def record_article(record: object, origin: str, fallback_id: str) -> Article | InputError:
    """One JSON object → Article; known aliases (docno, pub_time_utc, article_content) are accepted."""
    if not isinstance(record, dict):
        return InputError(origin, f"expected a JSON object, got {type(record).__name__}")
    text = _field(record, TEXT_FIELDS)
    title = _field(record, TITLE_FIELDS) or ""
    if text is None and not title:
        return InputError(origin, f"no text field (one of: {', '.join(TEXT_FIELDS)})")
    known = set(ID_FIELDS + TEXT_FIELDS + TITLE_FIELDS + PUBLISHED_FIELDS + ("url", "source", "language", "lang"))
    return Article(
        id=_field(record, ID_FIELDS) or fallback_id,
        title=title,
        text=text or "",
        published=_published(record),
        language=_field(record, ("language", "lang")),
        url=_field(record, ("url",)),
        source=_field(record, ("source",)),
        origin=origin,
        extra={k: v for k, v in record.items() if k not in known},
    )


def parse_line(raw: bytes, where: str, fallback_id: str) -> Article | InputError | None:
    """One JSONL line → Article, an InputError naming `where` and the cause, or None for a blank line."""
    if not raw.strip():
        return None
    try:
        line = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(where, f"not UTF-8 (invalid byte at column {exc.start + 1})")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"malformed JSON ({exc.msg} at column {exc.colno})")
    return record_article(record, where, fallback_id)


def read_jsonl(stream: BinaryIO, origin: str, max_bytes: int) -> Iterator[Item]:
    """Articles of a JSONL stream; a bad line is an error with its line number, the rest goes on."""
    for lineno, raw in enumerate(stream, 1):
        where = f"{origin}:{lineno}"
        if len(raw) > max_bytes:
            yield InputError(where, f"line longer than the {max_bytes:,}-byte limit")
            continue
        item = parse_line(raw, where, f"{Path(origin).stem}-{lineno}")
        if item is not None:
            yield item


def read_path(path: str, max_bytes: int = MAX_BYTES) -> Iterator[Item]:
    """Everything in one input: a file of any supported kind, a folder's files, or "-" for stdin."""
    if path == "-":
        yield from _read_stdin(max_bytes)
        return
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.rglob("*") if f.is_file()
                       and not any(part.startswith(".") for part in f.relative_to(p).parts))  # .git/, .DS_Store
        if not files:
            yield InputError(path, "folder holds no files")
        for f in files:
            yield from read_path(str(f), max_bytes)
        return
    if not p.exists():
        yield InputError(path, "no such file")
        return
    try:
        stream = p.open("rb")
    except OSError as exc:
        yield InputError(path, f"cannot open ({exc.strerror})")
        return
    with stream:
        if p.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(stream, path, max_bytes)
            return
        data, why = read_bytes(stream, path, max_bytes)
    if p.suffix.lower() == ".json":
        yield from _read_json(data, why, path)
        return
    yield from _read_document(data, why, path, p.stem, html=p.suffix.lower() in HTML_SUFFIXES)


def _read_document(data: bytes | None, why: str, origin: str, doc_id: str, html: bool) -> Iterator[Item]:
    if data is None:
        yield InputError(origin, why)
        return
    text, encoding = decode(data, origin)
    if text is None:
        yield InputError(origin, encoding)
        return
    if encoding == "cp1256":
        yield notice(origin, "read as Windows-1256 (not UTF-8)")
    if html or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        yield html_article(text, origin, doc_id)
    else:
        yield text_article(text, origin, doc_id)


def _read_json(data: bytes | None, why: str, origin: str) -> Iterator[Item]:
    """A .json file: one article record, or a list of them."""
    if data is None:
        yield InputError(origin, why)
        return
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield InputError(origin, f"not UTF-8 (invalid byte at offset {exc.start})")
        return
    except json.JSONDecodeError as exc:
        yield InputError(origin, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    records = value if isinstance(value, list) else [value]
    stem = Path(origin).stem
    for i, record in enumerate(records, 1):
        where = f"{origin}[{i}]" if isinstance(value, list) else origin
        yield record_article(record, where, f"{stem}-{i}" if isinstance(value, list) else stem)


def _read_stdin(max_bytes: int) -> Iterator[Item]:
    data, why = read_bytes(sys.stdin.buffer, "<stdin>", max_bytes * 100)
    if data is not None and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if data is not None and data.lstrip()[:1] == b"{":
        import io

        yield from read_jsonl(io.BytesIO(data), "<stdin>", max_bytes)
        return
    yield from _read_document(data, why, "<stdin>", "stdin", html=False)
