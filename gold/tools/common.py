"""Shared helpers of the gold tools: read the corpora from ../shared, normalise names. No marsad code is used,
so that coding gold never runs the system it will judge."""
from __future__ import annotations

import csv
import json
import re
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
ANT = SHARED / "ant-arabic-news-syria-2018" / "ant_v2.1_syria_articles.jsonl"
FAKES = SHARED / "fakes-syria-news-en" / "FA-KES-Dataset.csv"
DAMASCUS = ZoneInfo("Asia/Damascus")


@cache
def ant_articles() -> dict[str, dict]:
    out = {}
    with ANT.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            utc = datetime.fromisoformat(r["pub_time_utc"]).replace(tzinfo=UTC)
            out[r["docno"]] = dict(docno=r["docno"], corpus="ant", title=r["title"], text=r["text"],
                                   outlet=r["source"], published=r["pub_time_utc"][:10],
                                   published_utc=r["pub_time_utc"],
                                   published_local=utc.astimezone(DAMASCUS).strftime("%Y-%m-%d %H:%M %A (Damascus)"))
    return out


@cache
def fakes_articles() -> dict[str, dict]:
    csv.field_size_limit(10**9)
    out = {}
    with FAKES.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            m, d, y = (int(x) for x in r["date"].split("/"))
            out[r["unit_id"]] = dict(docno=r["unit_id"], corpus="fakes", title=r["article_title"],
                                     text=r["article_content"], outlet=r["source"],
                                     published=f"{y:04d}-{m:02d}-{d:02d}",
                                     published_local=f"FA-KES date {y:04d}-{m:02d}-{d:02d} (look for a dateline)",
                                     fakes_location=r["location"])
    return out


def sealed_docnos() -> set[str]:
    """The articles of the sealed test split (gold/events/splits.tsv): never read while making gold or rules."""
    with (REPO / "gold" / "events" / "splits.tsv").open(encoding="utf-8") as fh:
        return {r["docno"] for r in csv.DictReader(fh, delimiter="\t") if r["split"] == "test"}


def article(docno: str) -> dict:
    docno = str(docno)
    arts = fakes_articles() if docno.isdigit() else ant_articles()
    if docno not in arts:
        raise SystemExit(f"{docno}: no such article in {FAKES if docno.isdigit() else ANT}")
    return arts[docno]


_AR_DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u200c-\u200f\u202a-\u202e]")


def norm_ar(s: str) -> str:
    s = _AR_DIAC.sub("", s)
    s = s.translate(str.maketrans("أإآٱةىکی", "ااااهييي"))
    s = re.sub(r"\s+", " ", s).strip()
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in s.split())


def norm_lat(s: str) -> str:
    s = s.lower().replace("'", "").replace("ʿ", "").replace("’", "")
    s = re.sub(r"\b(al|el|ar|as|ad|ash|at|az|an)[- ]", "", s)
    return re.sub(r"[^a-z0-9]+", "", s)


def norm(s: str) -> str:
    return norm_ar(s) if re.search("[\u0600-\u06ff]", s) else norm_lat(s)


def days_between(a: str, b: str) -> int:
    return (datetime.fromisoformat(a) - datetime.fromisoformat(b)) // timedelta(days=1)
