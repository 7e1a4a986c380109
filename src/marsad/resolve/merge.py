"""One place, one entry: joining the records several sources hold of the same village.

UN OCHA lists Syria's communities under its own romanisation and without Arabic; Who's On First and GeoNames
hold many of the same villages with Arabic names and other spellings. A record of a new source is the same
place as an entry already held when both are populated places of one country, their points lie within
MERGE_KM, and one of their names agrees letter for letter once romanisation is folded away (a Latin
skeleton, or an Arabic name's romanisation; joined or apart). The entry held keeps its id and point, gains the
new source's names, P-code and missing fields, and the new record's names point to it. Each held entry takes
at most one new record: two neighbouring communities that share a name stay two places.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace

from marsad.resolve.fuzzy import arabic_skeleton, fold_latin, joined, latin_skeleton, one_edit
from marsad.resolve.gazetteer import Gazetteer, PlaceEntry, distance_km
from marsad.text.normalise import is_arabic_letter, normalise

POPULATED = frozenset({"city", "town", "village", "neighbourhood"})
MERGE_KM = 5.0  # sources put one village's point up to a few km apart (centroid, mosque, crossroads)
CITY_KM = 10.0  # a city's points lie further apart (old town, centre, the city's polygon)
SHORT_KEY = 3  # a skeleton shorter than this (Nawa: n; Hama: hm) joins only within CLOSE_KM
CLOSE_KM = 2.0
NEAR_MISS_KEY = 5  # skeletons this long one consonant apart (Tayyibat al Imam, Tiba Elemam) join within CLOSE_KM
_CELL = 0.1  # degrees: a grid cell is ~10 km, so a place's neighbours are in its cell and the eight around


# Words that tell two villages of one name apart or translate a part of it (Little Sura, As Surah as Saghirah;
# Lower Shyookh, Shuyukh Tahtani; Madiq Castle, Qal'at al Madiq): a name without them is a second key.
QUALIFIERS = frozenset(
    "little small big great upper lower eastern western northern southern east west north south new old castle "
    "saghir saghira saghirah sghir sghira kabir kabira kabirah kebir kbir tahtani tahtaniyeh fawqani fouqani "
    "foqani sharqi gharbi shamali janubi qalat qalaat qala".split())
QUALIFIERS_AR = frozenset(normalise(w) for w in (
    "الصغير الصغيرة صغير صغيرة الكبير الكبيرة كبير كبيرة التحتاني التحتانية تحتاني تحتانية الفوقاني الفوقانية "
    "فوقاني فوقانية الشرقي الشرقية شرقي شرقية الغربي الغربية غربي غربية الشمالي الشمالية شمالي شمالية الجنوبي "
    "الجنوبية جنوبي جنوبية قلعة").split())


def name_keys(name: str) -> set[str]:
    """The romanisation-free forms of a name that two sources share when they spell one place: the whole
    name, and the name without its qualifiers."""
    arabic = is_arabic_letter(name[:1])
    skel = arabic_skeleton(name) if arabic else latin_skeleton(name)
    keys = {joined(skel)}
    if arabic:
        bare = " ".join(w for w in normalise(name).split() if w not in QUALIFIERS_AR)
        keys.add(joined(arabic_skeleton(bare)))
    else:
        bare = " ".join(w for w in fold_latin(name).split() if w not in QUALIFIERS)
        keys.add(joined(latin_skeleton(bare)))
    return {k for k in keys if k}


def _keys_by_id(names: list[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for name, entry_id in names:
        out[entry_id] |= name_keys(name)
    return out


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL), math.floor(lon / _CELL)


def merge(base: Gazetteer, new: Gazetteer, name: str | None = None) -> tuple[Gazetteer, int]:
    """`base` with `new` added, the records of `new` that are places `base` holds joined to them.
    Returns the gazetteer and how many records were joined."""
    base_keys = _keys_by_id(base.names_list)
    new_keys = _keys_by_id(new.names_list)
    grid: dict[tuple[int, int], list[PlaceEntry]] = defaultdict(list)
    for e in base.entries_list:
        if e.kind in POPULATED and e.source != "curated":  # hand-made places (an old city, a camp) absorb nothing
            grid[_cell(e.latitude, e.longitude)].append(e)
    entries = {e.id: e for e in base.entries_list}
    alias: dict[str, str] = {}
    taken: set[str] = set()
    for e in new.entries_list:
        if e.id in entries:
            continue  # the same record again (an import layered twice)
        target = _same_place(e, new_keys.get(e.id, set()), grid, base_keys, taken) if e.kind in POPULATED else None
        if target is None:
            entries[e.id] = e
            continue
        taken.add(target.id)
        alias[e.id] = target.id
        entries[target.id] = _absorb(entries[target.id], e)
    names = list(base.names_list) + [(n, alias.get(i, i)) for n, i in new.names_list]
    return Gazetteer(name or base.name, list(entries.values()), names, merged_meta(new.meta, base.meta)), len(alias)


def merged_meta(new: dict, below: dict) -> dict:
    """The new part's metadata, crediting every source whose places the result holds (sources and licences of
    both) and covering both parts' countries."""
    meta = dict(new)
    for key in ("sources", "licence"):
        meta[key] = "; ".join(dict.fromkeys(x for x in (new.get(key), below.get(key)) if x))
    meta["covers"] = sorted(set(below.get("covers", [])) | set(new.get("covers", [])))
    return meta


def _same_place(e: PlaceEntry, keys: set[str], grid, base_keys: dict[str, set[str]],
                taken: set[str]) -> PlaceEntry | None:
    if not keys:
        return None
    row, col = _cell(e.latitude, e.longitude)
    best: tuple[float, PlaceEntry] | None = None
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            for other in grid.get((row + dr, col + dc), ()):
                if other.id in taken or other.country != e.country or not _compatible(e.kind, other.kind):
                    continue
                d = distance_km(e.latitude, e.longitude, other.latitude, other.longitude)
                if d <= _reach(keys, base_keys.get(other.id, set()), "city" in (e.kind, other.kind)) and (
                        best is None or d < best[0]):
                    best = (d, other)
    return best[1] if best else None


def _compatible(a: str, b: str) -> bool:
    """A town is not a neighbourhood of the city of its name (Aleppo is not its Old City)."""
    return (a == "neighbourhood") == (b == "neighbourhood") or "village" in (a, b)


def _reach(keys: set[str], other_keys: set[str], city: bool) -> float:
    """How far apart two records may lie and still be one place, given how their names agree (0: not at all)."""
    same = keys & other_keys
    if same:
        if max(len(k) for k in same) < SHORT_KEY:
            return CLOSE_KM
        return CITY_KM if city else MERGE_KM
    if any(len(a) >= NEAR_MISS_KEY and one_edit(a, b) for a in keys for b in other_keys):
        return CLOSE_KM
    return 0.0


def _absorb(held: PlaceEntry, record: PlaceEntry) -> PlaceEntry:
    """The entry held, with what the new record knows that it does not."""
    return replace(held, pcode=held.pcode or record.pcode, admin1=held.admin1 or record.admin1,
                   admin2=held.admin2 or record.admin2, name_ar=held.name_ar or record.name_ar,
                   population=max(held.population, record.population),
                   geonames_id=held.geonames_id or record.geonames_id)
