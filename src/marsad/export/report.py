"""`marsad report`: a week (or any period) of linked events as one self-contained HTML page — a map, counts by
governorate and type against the period before, a daily timeline, the deadliest and the best corroborated events
with their evidence and sources, the human figures, and what is contested. Everything is inline (SVG, CSS): the
page opens offline, prints, and turns into a PDF with headless Chromium (docs/REPORT.md)."""

from __future__ import annotations

import html
import json
from collections import Counter
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from marsad.store.db import Store
from marsad.store.query import Filters, events, fetch

COLOURS = {"Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
           "Protests": "#2980b9", "Riots": "#16a085", "Strategic developments": "#7f8c8d"}
WORLD = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor" / "countries-50m.json"
TOP = 10


@cache
def _outlines() -> list[list[list[tuple[float, float]]]]:
    """Country outlines (rings of lon/lat points) from the dashboard's Natural Earth TopoJSON; [] if not built."""
    if not WORLD.is_file():
        return []
    topo = json.loads(WORLD.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in indices:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    shapes = []
    for g in topo["objects"]["countries"]["geometries"]:
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g.get("arcs", []) if g["type"] == "MultiPolygon" else []
        shapes.append([ring(r) for poly in polygons for r in poly])
    return shapes


def _map(rows: list[dict[str, Any]], width: int = 640, height: int = 420) -> str:
    """An SVG map of the events' points over country outlines, sized by fatalities, coloured by type."""
    points = [r for r in rows if r.get("latitude") is not None and r.get("longitude") is not None]
    if not points:
        return '<p class="empty">No event in this period has coordinates.</p>'
    lats = [r["latitude"] for r in points]
    lons = [r["longitude"] for r in points]
    pad = 0.6
    west, east = min(lons) - pad, max(lons) + pad
    south, north = min(lats) - pad, max(lats) + pad
    ratio = width / height  # widen the narrower side, so a cluster of towns is drawn with its surroundings
    if (east - west) / (north - south) < ratio:
        grow = ((north - south) * ratio - (east - west)) / 2
        west, east = west - grow, east + grow
    else:
        grow = ((east - west) / ratio - (north - south)) / 2
        south, north = south - grow, north + grow
    scale = min(width / (east - west), height / (north - south))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * scale, (north - lat) * scale

    paths = []
    for shape in _outlines():
        for r in shape:
            if not any(west - 5 <= lo <= east + 5 and south - 5 <= la <= north + 5 for lo, la in r):
                continue
            d = "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in (xy(lo, la) for lo, la in r)) + "Z"
            paths.append(f'<path d="{d}"/>')
    dots = []
    for r in sorted(points, key=lambda r: -(r.get("fatalities") or 0)):
        x, y = xy(r["longitude"], r["latitude"])
        radius = 3 + min(12, (r.get("fatalities") or 0) ** 0.5 * 1.5)
        title = html.escape(f"{r.get('sub_event_type')}, {r.get('location')}, {r.get('event_date')}"
                            + (f": {r['fatalities']} killed" if r.get("fatalities") is not None else ""))
        colour = COLOURS.get(r.get("event_type"), "#333")
        dots.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" fill-opacity="0.75" '
                    f'stroke="#fff" stroke-width="0.8"><title>{title}</title></circle>')
    w, h = (east - west) * scale, (north - south) * scale
    return (f'<svg class="map" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" height="{h:.0f}" role="img" '
            f'aria-label="Map of the period\'s events"><rect width="100%" height="100%" fill="#eef3f7"/>'
            f'<g fill="#fbfaf7" stroke="#9aa5ad" stroke-width="0.7">{"".join(paths)}</g>{"".join(dots)}</svg>')


def _timeline(rows: list[dict[str, Any]], first: date, last: date) -> str:
    days = [(first + timedelta(days=i)) for i in range((last - first).days + 1)]
    counts = {d: Counter() for d in days}
    for r in rows:
        d = r.get("event_date")
        if isinstance(d, date) and d in counts:
            counts[d][r.get("event_type")] += 1
    top = max((sum(c.values()) for c in counts.values()), default=0) or 1
    bar_w, height = max(8, 560 // max(1, len(days))), 140
    parts = []
    for i, d in enumerate(days):
        y = height
        for t, n in counts[d].most_common():
            h = n / top * (height - 20)
            y -= h
            parts.append(f'<rect x="{i * bar_w + 1}" y="{y:.1f}" width="{bar_w - 2}" height="{h:.1f}" '
                         f'fill="{COLOURS.get(t, "#333")}"><title>{d}: {n} {html.escape(str(t))}</title></rect>')
        if len(days) <= 14 or i % 7 == 0:
            parts.append(f'<text x="{i * bar_w + bar_w / 2}" y="{height + 14}" text-anchor="middle">{d:%d %b}</text>')
    return (f'<svg class="timeline" viewBox="0 0 {len(days) * bar_w} {height + 20}" width="{len(days) * bar_w}" '
            f'height="{height + 20}" role="img" aria-label="Events per day">{"".join(parts)}</svg>')


def _count_table(now: Counter, before: Counter, label: str) -> str:
    keys = sorted(set(now) | set(before), key=lambda k: (-now[k], str(k)))
    rows = "".join(f"<tr><td>{html.escape(str(k or '—'))}</td><td>{now[k]}</td><td>{before[k]}</td>"
                   f"<td>{now[k] - before[k]:+d}</td></tr>" for k in keys)
    return (f"<table><thead><tr><th>{label}</th><th>this period</th><th>period before</th><th>change</th></tr>"
            f"</thead><tbody>{rows or '<tr><td colspan=4>none</td></tr>'}</tbody></table>")


def _event_block(store: Store, r: dict[str, Any]) -> str:
    evidence = fetch(store, "SELECT evidence, outlet FROM reports WHERE link_id = ? ORDER BY published",
                     [r["event_id"]])
    quotes = []
    for rep in evidence[:3]:
        text = " … ".join(ev.get("text", "") for ev in (rep.get("evidence") or [])[:2])
        quotes.append(f'<blockquote dir="auto">{html.escape(text)}<cite>{html.escape(rep.get("outlet") or "")}'
                      f"</cite></blockquote>")
    killed = f"{r['fatalities']} killed" if r.get("fatalities") is not None else "toll unknown"
    return (f'<section class="event"><h3>{html.escape(str(r.get("sub_event_type")))} — '
            f'{html.escape(str(r.get("location") or r.get("country")))}, {r.get("event_date")}: {killed}</h3>'
            f'<p>{html.escape(r.get("actor1") or "")}{" vs " + html.escape(r["actor2"]) if r.get("actor2") else ""}'
            f' · {html.escape(r.get("corroboration") or "ungraded")} ({r.get("independent_reports") or 0} independent '
            f'report(s)) · sources: {html.escape(", ".join(r.get("sources") or []) or "none cited")}</p>'
            f'{"".join(quotes)}</section>')


CSS = """body{font:14px/1.45 system-ui,sans-serif;max-width:980px;margin:24px auto;color:#222;padding:0 16px}
h1{font-size:24px;margin:0}h2{font-size:18px;border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:28px}
h3{font-size:15px;margin:14px 0 4px}table{border-collapse:collapse;margin:8px 0;min-width:420px}
td,th{border-bottom:1px solid #eee;padding:3px 10px;text-align:left}td+td,th+th{text-align:right}
.grid{display:flex;gap:24px;flex-wrap:wrap}blockquote{margin:6px 0 6px 12px;color:#444;border-left:3px solid #ccc;
padding-left:8px}cite{display:block;font-size:12px;color:#777}.legend span{display:inline-block;margin-right:12px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:5px;margin-right:4px}text{font-size:10px}
.meta{color:#666}@media print{h2{break-after:avoid}.event{break-inside:avoid}}"""


def _figures_table(rows: str) -> str:
    if not rows:
        return "<p>No figures reported.</p>"
    return ("<table><thead><tr><th>figure</th><th>number</th><th>place</th><th>reported</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def build(store: Store, first: date, last: date, base: Filters | None = None) -> str:
    """The report's HTML for [first, last] (and the same length before it, for comparison)."""
    base = base or Filters()
    span = (last - first).days + 1
    now_f = Filters(**{**base.__dict__, "date_from": first, "date_to": last})
    before_f = Filters(**{**base.__dict__, "date_from": first - timedelta(days=span),
                          "date_to": first - timedelta(days=1)})
    rows, previous = events(store, now_f), events(store, before_f)
    deadliest = sorted([r for r in rows if r.get("fatalities")], key=lambda r: -r["fatalities"])[:TOP]
    rank = {"confirmed": 0, "fair": 1, "contested": 2, "single source": 3}
    best = sorted(rows, key=lambda r: (rank.get(r.get("corroboration") or "", 9), -(r.get("independent_reports")
                                                                                     or 0)))[:TOP]
    contested = [r for r in rows if r.get("corroboration") == "contested" or "contested" in (r.get("flags") or [])]
    figures = fetch(store, "SELECT kind, value, value_max, location, admin1, published, qualifier FROM figures "
                           "WHERE published BETWEEN ? AND ? AND kind IN ('displaced', 'refugees', 'returned', "
                           "'evacuated', 'besieged') ORDER BY value DESC LIMIT 15", [first, last])
    killed = sum(r.get("fatalities") or 0 for r in rows)
    legend = "".join(f'<span><i style="background:{c}"></i>{html.escape(t)}</span>' for t, c in COLOURS.items())
    where = f" — {', '.join(base.admin1)}" if base.admin1 else ""
    fig_rows = "".join(f"<tr><td>{html.escape(f['kind'])}</td><td>{f['value']:,}</td>"
                       f"<td>{html.escape(str(f.get('location') or f.get('admin1') or ''))}</td>"
                       f"<td>{f['published']}</td></tr>" for f in figures)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>marsad report {first} to {last}{html.escape(where)}</title><style>{CSS}</style></head><body>
<h1>Conflict events, {first:%d %B %Y} to {last:%d %B %Y}{html.escape(where)}</h1>
<p class="meta">{len(rows)} linked events ({len(previous)} in the {span} days before), {killed} people reported killed.
Coded automatically by marsad from news reports; each event's corroboration says how far to trust it.</p>
<h2>Map</h2><div class="legend">{legend}</div>{_map(rows)}
<h2>Day by day</h2>{_timeline(rows, first, last)}
<h2>Counts</h2><div class="grid">
{_count_table(Counter(r.get("admin1") for r in rows), Counter(r.get("admin1") for r in previous), "governorate")}
{_count_table(Counter(r.get("event_type") for r in rows), Counter(r.get("event_type") for r in previous), "type")}
</div>
<h2>The deadliest events</h2>{"".join(_event_block(store, r) for r in deadliest) or "<p>None with a toll.</p>"}
<h2>The best corroborated events</h2>{"".join(_event_block(store, r) for r in best) or "<p>None.</p>"}
<h2>People displaced and returning</h2>{_figures_table(fig_rows)}
<h2>Contested</h2>{"".join(_event_block(store, r) for r in contested) or "<p>Nothing flagged contested.</p>"}
</body></html>"""
