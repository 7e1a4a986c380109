// The timeline under the map: daily counts by event type as stacked bars, drawn as inline SVG.
// Long ranges are binned into weeks or months so a bar stays at least a few pixels wide.
// Hover (or arrow keys when focused) shows a bin's dates and counts; click or drag sets the date filter.

import { h, svg, fill } from "./dom.js";
import { EVENT_TYPES, colourOf } from "./state.js";

const HEIGHT = 150;
const M = { top: 12, right: 12, bottom: 24, left: 36 };
const DAY = 86400000;

const toDate = (iso) => new Date(`${iso}T00:00:00Z`);
const iso = (d) => d.toISOString().slice(0, 10);

/** Every day from a to b inclusive. */
function daysBetween(a, b) {
  const out = [];
  for (let t = toDate(a).getTime(), end = toDate(b).getTime(); t <= end && out.length < 40000; t += DAY) out.push(iso(new Date(t)));
  return out;
}

/** Bins of days: {start, end, counts: {type: n}, total}. */
function binned(days, series, from, to, width) {
  const index = new Map(days.map((d, i) => [d, i]));
  const first = from || days[0];
  const last = to || days[days.length - 1];
  const all = first && last && first <= last ? daysBetween(first, last) : [];
  const perBin = all.length <= width / 3 ? 1 : all.length <= (width / 3) * 7 ? 7 : 30;
  const types = Object.keys(series);
  const bins = [];
  for (let i = 0; i < all.length; i += perBin) {
    const chunk = all.slice(i, i + perBin);
    const counts = {};
    let total = 0;
    for (const t of types) {
      let n = 0;
      for (const d of chunk) {
        const j = index.get(d);
        if (j !== undefined) n += Number(series[t][j]) || 0;
      }
      if (n) counts[t] = n;
      total += n;
    }
    bins.push({ start: chunk[0], end: chunk[chunk.length - 1], counts, total });
  }
  return { bins, perBin };
}

function niceMax(n) {
  if (n <= 5) return Math.max(1, n);
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return n;
}

export class Timeline {
  /** onRange(from, to) is called when the user picks dates on the timeline. */
  constructor(container, onRange) {
    this.container = container;
    this.onRange = onRange;
    this.bins = [];
    this.cursor = -1;
    this.drag = null;
  }

  render(data, from, to) {
    const width = Math.max(320, this.container.clientWidth || 900);
    const series = (data && data.series) || {};
    const days = (data && data.days) || [];
    const { bins, perBin } = binned(days, series, from, to, width - M.left - M.right);
    this.bins = bins;
    this.cursor = -1;
    const order = [...EVENT_TYPES.map(([t]) => t), ...Object.keys(series).filter((t) => !EVENT_TYPES.some(([x]) => x === t))];
    const innerW = width - M.left - M.right;
    const innerH = HEIGHT - M.top - M.bottom;
    const max = niceMax(Math.max(0, ...bins.map((b) => b.total)));
    const bw = bins.length ? innerW / bins.length : innerW;
    this.geometry = { bw, innerW };
    const y = (n) => innerH - (n / max) * innerH;
    const unit = perBin === 1 ? "day" : perBin === 7 ? "week" : "30 days";

    const bars = svg("g", { class: "bars", transform: `translate(${M.left},${M.top})` });
    bins.forEach((b, i) => {
      let acc = 0;
      for (const t of order) {
        const n = b.counts[t];
        if (!n) continue;
        const y0 = y(acc + n);
        const hgt = y(acc) - y0;
        acc += n;
        bars.appendChild(svg("rect", {
          x: (i * bw + (bw > 3 ? 0.5 : 0)).toFixed(2), y: y0.toFixed(2),
          width: Math.max(0.8, bw - (bw > 3 ? 1 : 0)).toFixed(2), height: Math.max(0.5, hgt).toFixed(2), fill: colourOf(t),
          "data-day": b.start, "data-type": t, "data-count": n,
        }));
      }
    });

    const axis = svg("g", { class: "axis", transform: `translate(${M.left},${M.top})` },
      svg("line", { x1: 0, x2: innerW, y1: innerH, y2: innerH, stroke: "#9aa5b1" }),
      svg("text", { x: -6, y: 4, "text-anchor": "end" }, String(max)),
      svg("text", { x: -6, y: innerH, "text-anchor": "end" }, "0"),
      svg("line", { x1: 0, x2: innerW, y1: 0, y2: 0, stroke: "#e4e7eb", "stroke-dasharray": "2 3" }),
    );
    // month ticks (or years when the range is long)
    if (bins.length) {
      const first = toDate(bins[0].start);
      const last = toDate(bins[bins.length - 1].end);
      const months = (last.getUTCFullYear() - first.getUTCFullYear()) * 12 + last.getUTCMonth() - first.getUTCMonth();
      const step = months > 36 ? 12 : months > 18 ? 3 : 1;
      const spanDays = (last - first) / DAY + 1;
      // the first tick: the first month start (of a quarter, of a year) on or after the first day
      let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + (first.getUTCDate() === 1 ? 0 : 1), 1));
      while (d.getUTCMonth() % step !== 0) d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
      while (d <= last) {
        const x = ((d - first) / DAY / spanDays) * innerW;
        const label = step === 12
          ? String(d.getUTCFullYear())
          : d.toLocaleDateString("en-GB", { month: "short", year: d.getUTCMonth() === 0 || step > 1 ? "numeric" : undefined, timeZone: "UTC" });
        axis.appendChild(svg("line", { x1: x.toFixed(1), x2: x.toFixed(1), y1: innerH, y2: innerH + 4, stroke: "#9aa5b1" }));
        axis.appendChild(svg("text", { x: x.toFixed(1), y: innerH + 16, "text-anchor": "middle" }, label));
        d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + step, 1));
      }
      if (spanDays < 45) {
        axis.appendChild(svg("text", { x: 0, y: innerH + 16, "text-anchor": "start" }, bins[0].start));
        axis.appendChild(svg("text", { x: innerW, y: innerH + 16, "text-anchor": "end" }, bins[bins.length - 1].end));
      }
    }

    this.highlight = svg("rect", { class: "hover", x: 0, y: 0, width: 0, height: innerH, fill: "#1f2933", opacity: 0.08, transform: `translate(${M.left},${M.top})` });
    this.selection = svg("rect", { class: "selection", x: 0, y: 0, width: 0, height: innerH, fill: "#1565c0", opacity: 0.18, transform: `translate(${M.left},${M.top})` });
    const overlay = svg("rect", { class: "overlay", x: M.left, y: 0, width: innerW, height: HEIGHT, fill: "transparent" });
    this.svg = svg(
      "svg",
      {
        width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, role: "img", tabindex: "0", focusable: "true",
        "aria-label": bins.length
          ? `Events per ${unit} by type, ${bins[0].start} to ${bins[bins.length - 1].end}. Use the arrow keys to read each ${unit}, Enter to filter to it.`
          : "No dated events for these filters.",
      },
      bars, axis, this.highlight, this.selection, overlay,
    );
    this.tip = h("div", { class: "timeline-tip", role: "status", "aria-live": "polite", hidden: true });
    const caption = h(
      "div",
      { class: "timeline-caption" },
      h("span", null, bins.length ? `Events per ${unit} by type (${bins.reduce((s, b) => s + b.total, 0)} dated events). Drag to choose dates.` : "No dated events for these filters."),
    );
    fill(this.container, caption, this.svg, this.tip);
    this.bind(overlay);
  }

  indexAt(clientX) {
    const box = this.svg.getBoundingClientRect();
    const x = clientX - box.left - M.left;
    const i = Math.floor(x / this.geometry.bw);
    return Math.max(0, Math.min(this.bins.length - 1, i));
  }

  show(i) {
    const b = this.bins[i];
    if (!b) return this.hide();
    this.cursor = i;
    const { bw } = this.geometry;
    this.highlight.setAttribute("x", String(i * bw));
    this.highlight.setAttribute("width", String(Math.max(bw, 1)));
    const rows = Object.entries(b.counts).sort((a, c) => c[1] - a[1]);
    fill(
      this.tip,
      h("strong", null, b.start === b.end ? b.start : `${b.start} – ${b.end}`),
      h("span", null, ` · ${b.total} event${b.total === 1 ? "" : "s"}`),
      rows.length
        ? h("ul", null, rows.map(([t, n]) => h("li", null, h("span", { class: "swatch", style: { background: colourOf(t) } }), `${t}: ${n}`)))
        : null,
    );
    this.tip.hidden = false;
    const left = M.left + i * bw + bw / 2;
    const width = this.svg.clientWidth || 900;
    this.tip.style.left = `${Math.min(Math.max(0, left - 110), width - 240)}px`;
  }

  hide() {
    this.highlight.setAttribute("width", "0");
    this.tip.hidden = true;
  }

  select(a, b) {
    const i = Math.min(a, b);
    const j = Math.max(a, b);
    const { bw } = this.geometry;
    this.selection.setAttribute("x", String(i * bw));
    this.selection.setAttribute("width", String((j - i + 1) * bw));
    return [this.bins[i].start, this.bins[j].end];
  }

  bind(overlay) {
    overlay.addEventListener("mousemove", (e) => {
      if (!this.bins.length) return;
      const i = this.indexAt(e.clientX);
      this.show(i);
      if (this.drag !== null) this.select(this.drag, i);
    });
    overlay.addEventListener("mouseleave", () => this.hide());
    overlay.addEventListener("mousedown", (e) => {
      if (!this.bins.length) return;
      e.preventDefault();
      this.drag = this.indexAt(e.clientX);
      this.select(this.drag, this.drag);
      const up = (ev) => {
        window.removeEventListener("mouseup", up);
        if (this.drag === null) return;
        const [from, to] = this.select(this.drag, this.indexAt(ev.clientX));
        this.drag = null;
        this.onRange(from, to);
      };
      window.addEventListener("mouseup", up);
    });
    this.svg.addEventListener("keydown", (e) => {
      if (!this.bins.length) return;
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        e.preventDefault();
        const step = e.key === "ArrowRight" ? 1 : -1;
        this.show(this.cursor < 0 ? (step > 0 ? 0 : this.bins.length - 1) : Math.max(0, Math.min(this.bins.length - 1, this.cursor + step)));
      } else if (e.key === "Home" || e.key === "End") {
        e.preventDefault();
        this.show(e.key === "Home" ? 0 : this.bins.length - 1);
      } else if (e.key === "Enter" && this.cursor >= 0) {
        e.preventDefault();
        const b = this.bins[this.cursor];
        this.onRange(b.start, b.end);
      } else if (e.key === "Escape") {
        this.hide();
      }
    });
    this.svg.addEventListener("blur", () => this.hide());
  }
}

