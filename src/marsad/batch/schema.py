"""The batch output's Parquet schemas: EVENT-SCHEMA.md's EVENT and FIGURE, one row each, with the article's
metadata (doc_id, url, outlet, published, language) on every row; and the articles themselves."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pyarrow as pa

from marsad.model import Article, CodedArticle, Event, Figure

_EVIDENCE = pa.list_(pa.struct([("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
                                ("part", pa.string())]))
_TYPES = {"int | None": pa.int64(), "float | None": pa.float64(), "str | None": pa.string(), "str": pa.string(),
          "bool": pa.bool_(), "float": pa.float64(), "int": pa.int64(), "list[str]": pa.list_(pa.string())}
META = [("doc_id", pa.string()), ("url", pa.string()), ("outlet", pa.string()), ("published", pa.string()),
        ("language", pa.string()), ("task", pa.string()), ("origin", pa.string())]


def _schema(cls, special: dict[str, pa.DataType]) -> pa.Schema:
    cols = []
    for f in fields(cls):
        kind = special.get(f.name) or _TYPES.get(str(f.type))
        if kind is None:
            raise TypeError(f"no Parquet type for {cls.__name__}.{f.name}: {f.type}")
        cols.append((f.name, kind))
    return pa.schema(META + cols)


EVENT_SCHEMA = _schema(Event, {"evidence": _EVIDENCE})
FIGURE_SCHEMA = _schema(Figure, {"evidence": _EVIDENCE, "parts": pa.list_(pa.struct([("kind", pa.string()),
                                                                                     ("value", pa.int64())]))})
ARTICLE_SCHEMA = pa.schema([("doc_id", pa.string()), ("title", pa.string()), ("text", pa.string()),
                            ("published", pa.string()), ("language", pa.string()), ("published_date", pa.string()),
                            ("url", pa.string()),
                            ("source", pa.string()), ("origin", pa.string()), ("task", pa.string())])


def _meta(doc: CodedArticle, article: Article, task: str) -> dict[str, Any]:
    return {"doc_id": doc.doc_id, "url": article.url, "outlet": article.source, "published": doc.published,
            "language": doc.language, "task": task, "origin": article.origin}


def event_rows(doc: CodedArticle, article: Article, task: str) -> list[dict[str, Any]]:
    return [_meta(doc, article, task) | e.to_dict() for e in doc.events]


def figure_rows(doc: CodedArticle, article: Article, task: str) -> list[dict[str, Any]]:
    return [_meta(doc, article, task) | f.to_dict() for f in doc.figures]
