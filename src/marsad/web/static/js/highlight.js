// Evidence highlighted in place: the article's title and text as text nodes, with the evidence ranges of its
// reports wrapped in <mark class="evidence"> (and "current" for the event being viewed).
//
// Offsets come from Python and count code points; JavaScript strings count UTF-16 units. They are the same
// unless the text holds characters outside the BMP (emoji…), which are mapped. An offset that does not
// point at the evidence's own text (an edited article, a bug) falls back to finding that text, and is
// otherwise reported as not found rather than marking the wrong words.

import { h } from "./dom.js";

/** Code point offset → UTF-16 index, for one string. */
function offsetMapper(s) {
  if (!/[\uD800-\uDFFF]/.test(s)) return (i) => i;
  const map = [];
  let u = 0;
  for (const ch of s) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (i) => (i >= 0 && i < map.length ? map[i] : -1);
}

/**
 * Place evidence spans in a string.
 * spans: [{text, start, end, current, eventId, reportId}] (offsets in code points).
 * Returns {ranges: [{start, end, span}], missing: [span]} with UTF-16 ranges.
 */
export function locate(s, spans) {
  const toUnit = offsetMapper(s);
  const ranges = [];
  const missing = [];
  for (const sp of spans) {
    let start = toUnit(Number(sp.start));
    let end = toUnit(Number(sp.end));
    const wanted = typeof sp.text === "string" ? sp.text : null;
    const fits = start >= 0 && end > start && end <= s.length && (wanted === null || s.slice(start, end) === wanted);
    if (!fits) {
      const at = wanted ? s.indexOf(wanted) : -1;
      if (at < 0) {
        missing.push(sp);
        continue;
      }
      start = at;
      end = at + wanted.length;
    }
    ranges.push({ start, end, span: sp });
  }
  return { ranges, missing };
}

/** Text nodes and <mark>s for a string with evidence ranges (overlaps allowed). */
export function highlighted(s, ranges) {
  const cuts = new Set([0, s.length]);
  for (const r of ranges) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    if (a === b) continue;
    const piece = s.slice(a, b);
    const covering = ranges.filter((r) => r.start <= a && r.end >= b);
    if (!covering.length) {
      out.push(document.createTextNode(piece));
      continue;
    }
    const current = covering.some((r) => r.span.current);
    const events = [...new Set(covering.map((r) => r.span.eventId).filter(Boolean))];
    const label = current
      ? "Evidence for this event"
      : events.length
        ? `Evidence for event ${events.join(", ")}`
        : "Evidence";
    out.push(
      h(
        "mark",
        {
          class: current ? "evidence current" : "evidence",
          title: label,
          "data-evidence-event": events.join(" ") || null,
          "data-report-id": [...new Set(covering.map((r) => r.span.reportId).filter(Boolean))].join(" ") || null,
          "data-label": covering.map((r) => r.span.label).filter(Boolean).join(",") || null,
        },
        piece,
      ),
    );
  }
  return out;
}

/**
 * Spans of an article's reports, split by the part they point into.
 * reports: [{report_id, link_id, evidence: [{text, start, end, part}]}]
 */
export function spansByPart(reports, currentEventId, labelOf) {
  const parts = { title: [], text: [] };
  for (const r of reports || []) {
    for (const ev of r.evidence || []) {
      const part = ev.part === "title" ? "title" : "text";
      parts[part].push({
        text: ev.text, start: ev.start, end: ev.end,
        current: currentEventId !== null && r.link_id === currentEventId,
        eventId: r.link_id || r.event_id || null,
        reportId: r.report_id || null,
        label: labelOf ? labelOf(r) : null,
      });
    }
  }
  return parts;
}
