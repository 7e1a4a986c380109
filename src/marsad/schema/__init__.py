"""The JSON Schema of `marsad extract --format json` output (one coded article)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMA_FILE = Path(__file__).with_name("coded-article.schema.json")


@cache
def coded_article_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
