"""Score place recognition and resolution against a hand-annotated gold set (gold/geo/ant-places.tsv).

Every place mention of each gold article is annotated (docno, part, character offsets, the right point,
the right entry where a gazetteer has it, the geo_precision it deserves). marsad reads the same articles
with a given gazetteer; a system mention matches a gold one when their spans overlap. Reported:
- detection: recall (gold mentions found) and the false-positive rate (system mentions that are not
  places at all: no gold span overlaps them);
- resolution, on matched mentions with gold coordinates: the exact entry (same GeoNames or WOF id, or for
  admin areas and countries the same kind within 1 km), the share within 10 and 50 km, the median error;
- unresolved: names marsad saw as places but could not place.
Metonyms (دمشق for the government) are scored apart: reading one as a place is counted, not hidden.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from marsad.ingest.readers import utc_marked
from marsad.lang import read_tsv
from marsad.model import Sentence
from marsad.pipeline import parse_published
from marsad.recognise.analysis import analyse
from marsad.recognise.lexicon import lexicon
from marsad.resolve.gazetteer import AREA_KINDS, Gazetteer, distance_km
from marsad.resolve.places import PlaceContext, precision_of, rank_candidates, resolve_article_places
from marsad.text.sentences import split_sentences

AREA_GOLD_KINDS = frozenset({"district", "subdistrict", "region", "countryside", "border", "foreign_region"})


_GROUP_OF = {
    "Syrian towns and villages": "city town village neighbourhood",
    "governorates and districts": "governorate district subdistrict",
    "regions and countrysides": "region countryside border river mountain",
    "sites": "airbase airport crossing camp site",
    "countries": "country",
    "abroad": "foreign_city foreign_region",
}
GROUPS = {kind: group for group, kinds in _GROUP_OF.items() for kind in kinds.split()}


@dataclass(slots=True)
class GoldPlace:
    docno: str
    part: str
    start: int
    end: int
    mention: str
    kind: str
    lat: float | None
    lon: float | None
    wof_id: int | None
    geonames_id: int | None
    precision: int | None
    country: str = ""
    admin1: str = ""


@dataclass(slots=True)
class SystemPlace:
    part: str
    start: int
    end: int
    text: str
    entry_id: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    kind: str | None
    precision: int | None
    country: str | None = None
    admin1: str | None = None


@dataclass
class Scores:
    gazetteer: str
    articles: int = 0
    gold: int = 0
    gold_placeable: int = 0
    metonyms: int = 0
    metonyms_read_as_places: int = 0
    system: int = 0
    false_positives: int = 0
    found: int = 0
    unresolved: int = 0
    resolved_matched: int = 0
    exact: int = 0
    errors_km: list[float] = field(default_factory=list)
    precision_agree: int = 0
    precision_scored: int = 0
    false_positive_examples: list[str] = field(default_factory=list)
    groups: dict[str, list[int]] = field(default_factory=dict)  # group → [gold, found, exact]
    worst: list[tuple[float, str]] = field(default_factory=list)

    def table(self) -> dict[str, str]:
        within = lambda km: sum(1 for e in self.errors_km if e <= km) / max(1, len(self.errors_km))  # noqa: E731
        return {
            "gazetteer": self.gazetteer,
            "articles / gold mentions": f"{self.articles} / {self.gold} ({self.gold_placeable} with coordinates)",
            "recall (gold mentions found)": f"{self.found / max(1, self.gold - self.metonyms):.1%}",
            "false-positive rate (system mentions not places)": f"{self.false_positives / max(1, self.system):.1%} "
                                                                 f"({self.false_positives} of {self.system})",
            "resolved / unresolved among found": f"{self.resolved_matched} / {self.unresolved}",
            "exact entry": f"{self.exact / max(1, self.resolved_matched):.1%}",
            "within 10 km (places below country level)": f"{within(10):.1%} of {len(self.errors_km)}",
            "within 50 km": f"{within(50):.1%}",
            "median error": f"{statistics.median(self.errors_km):.1f} km" if self.errors_km else "-",
            "geo_precision agrees": f"{self.precision_agree / max(1, self.precision_scored):.1%}",
            "metonyms read as places": f"{self.metonyms_read_as_places} of {self.metonyms}",
            **{f"{name}: found, exact entry": f"{found / max(1, total):.0%}, {exact / max(1, found):.0%} (of {total})"
               for name, (total, found, exact) in sorted(self.groups.items())},
        }


def _num(value: str) -> float | None:
    return float(value) if value.strip() else None


def read_gold(path: Path) -> list[GoldPlace]:
    out = []
    for r in read_tsv(path):
        out.append(GoldPlace(r["docno"], r["part"], int(r["start"]), int(r["end"]), r["mention"], r["kind"],
                             _num(r["lat"]), _num(r["lon"]), int(r["wof_id"]) if r["wof_id"] else None,
                             int(r["geonames_id"]) if r["geonames_id"] else None,
                             int(r["precision"]) if r["precision"] else None, r.get("country", ""),
                             r.get("admin1", "")))
    return out


def system_places(article: dict, gazetteer: Gazetteer) -> list[SystemPlace]:
    """Every place marsad reads in an article, resolved with the article's own context."""
    published: date | None = parse_published(utc_marked(article["pub_time_utc"]) if article.get("pub_time_utc")
                                                else article.get("published"))
    lang = lexicon("ar")
    sentences: list[Sentence] = split_sentences(article.get("title", ""), "title")
    sentences += split_sentences(article["text"], "text", first_index=len(sentences))
    analyses = [analyse(s, lang, gazetteer, published) for s in sentences]
    ctx = PlaceContext()
    resolve_article_places(analyses, ctx)
    out: list[SystemPlace] = []
    for a in analyses:
        toks = a.sentence.tokens
        for m in a.places:
            if m.metonym:
                continue  # read as the government, not as a place
            _, entry, _ = rank_candidates(m, ctx)[0]
            out.append(SystemPlace(a.sentence.part, toks[m.first].start, toks[m.last].end, m.text, entry.id,
                                   entry.latitude, entry.longitude, entry.geonames_id, entry.kind,
                                   precision_of(m, entry), entry.country, entry.admin1))
        for _first, last, text, _why in a.unresolved:
            end = toks[last].end
            out.append(SystemPlace(a.sentence.part, end - len(text), end, text, None, None, None, None, None, None))
    return out


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _exact(s: SystemPlace, g: GoldPlace) -> bool:
    """The same place: the same WOF or GeoNames record; for a country the same country; for a governorate
    the same governorate; for other areas (districts, regions) the same kind of area within 25 km (the
    gold's and the gazetteer's centroids are made differently); for a town without an id, within 2 km."""
    if s.entry_id is None:
        return False
    if g.kind == "country":
        return s.kind == "country" and s.country == g.country
    if g.kind == "governorate":
        return s.kind == "governorate" and s.admin1 == g.admin1
    if g.wof_id is not None and s.entry_id == f"wof:{g.wof_id}":
        return True
    if g.geonames_id is not None and s.geonames_id == g.geonames_id:
        return True
    if g.lat is None or s.lat is None:
        return False
    if g.kind in AREA_GOLD_KINDS:
        return s.kind in AREA_KINDS and distance_km(s.lat, s.lon, g.lat, g.lon) < 25.0
    return s.kind not in AREA_KINDS and distance_km(s.lat, s.lon, g.lat, g.lon) < 2.0


def score(gold: list[GoldPlace], articles: dict[str, dict], gazetteer: Gazetteer) -> Scores:
    sc = Scores(gazetteer.name)
    by_doc: dict[str, list[GoldPlace]] = defaultdict(list)
    for g in gold:
        by_doc[g.docno].append(g)
    for docno, golds in by_doc.items():
        article = articles[docno]
        sc.articles += 1
        sys_places = system_places(article, gazetteer)
        sc.gold += len(golds)
        sc.gold_placeable += sum(1 for g in golds if g.lat is not None)
        sc.metonyms += sum(1 for g in golds if g.kind == "metonym")
        sc.system += len(sys_places)
        for s in sys_places:
            hits = [g for g in golds if g.part == s.part and _overlaps(s.start, s.end, g.start, g.end)]
            if not hits:
                sc.false_positives += 1
                if len(sc.false_positive_examples) < 40:
                    sc.false_positive_examples.append(f"{docno} {s.part}:{s.start} {s.text!r} → {s.entry_id}")
            elif all(g.kind == "metonym" for g in hits):
                sc.metonyms_read_as_places += 1
        for g in golds:
            if g.kind == "metonym":
                continue
            group = sc.groups.setdefault(GROUPS.get(g.kind, "other"), [0, 0, 0])
            group[0] += 1
            hits = [s for s in sys_places if s.part == g.part and _overlaps(s.start, s.end, g.start, g.end)]
            if not hits:
                continue
            sc.found += 1
            group[1] += 1
            s = max(hits, key=lambda s: min(s.end, g.end) - max(s.start, g.start))
            if s.entry_id is None:
                sc.unresolved += 1
                continue
            if g.lat is None:
                continue
            sc.resolved_matched += 1
            exact = _exact(s, g)
            sc.exact += exact
            group[2] += exact
            if g.kind != "country":  # a country's point is a convention (capital or centroid), not an answer
                err = distance_km(s.lat, s.lon, g.lat, g.lon)
                sc.errors_km.append(err)
                sc.worst.append((err, f"{docno} {g.mention!r} ({g.kind}) → {s.entry_id} {s.kind} ({err:.0f} km)"))
            if g.precision is not None:
                sc.precision_scored += 1
                sc.precision_agree += s.precision == g.precision
    sc.worst.sort(reverse=True)
    return sc
