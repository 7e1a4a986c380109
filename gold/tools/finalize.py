"""Check a coder's raw gold file and turn its quoted evidence into character offsets.

    python gold/tools/finalize.py RAW.jsonl OUT.jsonl

RAW is the gold format (gold/events/FORMAT.md) except that each evidence item may quote the article instead of
giving offsets: {"part": "text", "quote": "words copied exactly from the article"} (add "occurrence": 2 for the
second place the words appear). OUT holds offsets only, so no article text enters the repository. Every error
is printed with its line and the run fails; fix RAW and run again.
"""
from __future__ import annotations

import json
import re
import sys
from datetime import date

from common import REPO, article

SUB_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
FIGURE_KINDS = {"fatalities", "injured", "displaced", "refugees", "returned", "evacuated", "detained",
                "population", "besieged"}
QUALIFIERS = {"exact", "at_least", "more_than", "about", "up_to"}
FLAGS = {"claimed", "contested"}
DATA = REPO / "src" / "marsad" / "data"


def _col(path, col):
    rows = [ln.rstrip("\n").split("\t") for ln in path.open(encoding="utf-8") if ln.strip() and ln[0] != "#"]
    i = rows[0].index(col)
    return rows[1:], i


def _names():
    rows, i = _col(DATA / "actors.tsv", "actor")
    actors = {r[i] for r in rows}
    rows, i = _col(DATA / "countries.tsv", "name")
    countries = {r[i] for r in rows}
    rows, i = _col(DATA / "admin_sy.tsv", "name")
    govs = {r[i] for r in rows if r[0] == "governorate"}
    return actors, countries, govs


ACTORS, COUNTRIES, GOVERNORATES = _names()


def _span(a: dict, ev: dict, where: str, errors: list[str]) -> dict | None:
    part = ev.get("part", "text")
    if part not in ("title", "text"):
        errors.append(f"{where}: part must be title or text")
        return None
    field = a[part]
    if "quote" not in ev:
        s, e = ev.get("start"), ev.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(field)):
            errors.append(f"{where}: needs a quote, or start < end inside the {part}")
            return None
        return {"part": part, "start": s, "end": e}
    quote = ev["quote"].strip()
    # tolerate differences of white space (no-break spaces, line breaks) between the quote and the article
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    found = list(re.finditer(pattern, field))
    n = ev.get("occurrence", 1)
    if len(found) < n:
        errors.append(f"{where}: quote not found in the {part}: {quote[:60]!r}")
        return None
    m = found[n - 1]
    return {"part": part, "start": m.start(), "end": m.end()}


def check_event(e: dict, a: dict, where: str, errors: list[str], reference: str) -> None:
    et, st = e.get("event_type"), e.get("sub_event_type")
    if et not in SUB_TYPES or st not in SUB_TYPES[et]:
        errors.append(f"{where}: {et!r} / {st!r} is not an ACLED type / sub-type pair")
    for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"):
        for v in (e.get(k) or "").split("; ") if e.get(k) else ():
            m = re.fullmatch(r".+ \((.+)\)", v) or re.fullmatch(r"(?:Military|Police) Forces of (.+)|Government of (.+)", v)
            if v not in ACTORS and not (m and (m.group(1) or m.group(m.lastindex)) in COUNTRIES):
                errors.append(f"{where}: {k} {v!r} is neither in actors.tsv nor 'Group (Country)' nor 'Military Forces of Country'")
    country = e.get("country")
    if country not in COUNTRIES:
        errors.append(f"{where}: country {country!r} is not a countries.tsv name")
    if e.get("admin1") is not None and (country != "Syria" or e["admin1"] not in GOVERNORATES):
        errors.append(f"{where}: admin1 {e['admin1']!r} must be one of admin_sy.tsv's governorates, in Syria only")
    if (e.get("latitude") is None) != (e.get("longitude") is None):
        errors.append(f"{where}: latitude and longitude come in pairs")
    for k in ("geo_precision", "time_precision"):
        if e.get(k) not in (1, 2, 3):
            errors.append(f"{where}: {k} must be 1, 2 or 3")
    for k in ("event_date", "date_end"):
        v = e.get(k)
        if v is None and k == "date_end":
            continue
        try:
            d = date.fromisoformat(v)
        except (TypeError, ValueError):
            errors.append(f"{where}: {k} {v!r} is not an ISO date")
            continue
        if (d - date.fromisoformat(reference)).days > 1:
            errors.append(f"{where}: {k} {v} is after the article's publication or dateline ({reference})")
    if e.get("date_end") and e.get("event_date") and e["date_end"] < e["event_date"]:
        errors.append(f"{where}: date_end before event_date")
    for k in ("fatalities", "fatalities_max", "injured"):
        if e.get(k) is not None and (not isinstance(e[k], int) or e[k] < 0):
            errors.append(f"{where}: {k} must be a whole number or null")
    if e.get("fatalities_max") is not None and (e.get("fatalities") is None or e["fatalities_max"] < e["fatalities"]):
        errors.append(f"{where}: fatalities_max needs fatalities <= it")
    if not isinstance(e.get("civilian_targeting"), bool) or not isinstance(e.get("optional"), bool):
        errors.append(f"{where}: civilian_targeting and optional must be true or false")
    if not set(e.get("flags") or []) <= FLAGS:
        errors.append(f"{where}: flags may only be {sorted(FLAGS)}")
    if not e.get("evidence"):
        errors.append(f"{where}: evidence is required")


def finalize(raw_lines: list[str]) -> tuple[list[dict], list[str]]:
    out, errors, seen = [], [], set()
    for lineno, line in enumerate(raw_lines, 1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {lineno}: malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        docno = str(g.get("docno"))
        if docno in seen:
            errors.append(f"line {lineno}: {docno} appears twice")
        seen.add(docno)
        a = article(docno)
        g["docno"], g["corpus"] = docno, a["corpus"]
        g.setdefault("published", a["published"])
        for k in ("coder", "notes"):
            if not g.get(k):
                errors.append(f"line {lineno} {docno}: '{k}' is required")
        if not str(g.get("notes", "")).startswith(("class=conflict.", "class=other.")):
            errors.append(f"line {lineno} {docno}: notes must start with class=conflict. or class=other.")
        for kind in ("events", "figures"):
            for i, item in enumerate(g.setdefault(kind, [])):
                where = f"line {lineno} {docno} {kind}[{i}]"
                if kind == "events":
                    check_event(item, a, where, errors, g.get("dateline") or a["published"])
                else:
                    if item.get("kind") not in FIGURE_KINDS or not isinstance(item.get("value"), int):
                        errors.append(f"{where}: kind must be one of {sorted(FIGURE_KINDS)} with a whole value")
                    if item.get("qualifier", "exact") not in QUALIFIERS:
                        errors.append(f"{where}: qualifier must be one of {sorted(QUALIFIERS)}")
                spans = [_span(a, ev, f"{where} evidence[{j}]", errors) for j, ev in enumerate(item.get("evidence", []))]
                item["evidence"] = [s for s in spans if s]
        out.append(g)
    return out, errors


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        raise SystemExit(__doc__)
    raw, dest = argv
    with open(raw, encoding="utf-8") as fh:
        out, errors = finalize(fh.read().splitlines())
    if errors:
        print("\n".join(errors), file=sys.stderr)
        raise SystemExit(f"{raw}: {len(errors)} problem(s); nothing written")
    with open(dest, "w", encoding="utf-8") as fh:
        for g in out:
            fh.write(json.dumps(g, ensure_ascii=False) + "\n")
    n_ev = sum(len(g["events"]) for g in out)
    print(f"{raw}: {len(out)} articles, {n_ev} events, {sum(len(g['figures']) for g in out)} figures -> {dest}")


if __name__ == "__main__":
    main(sys.argv[1:])
