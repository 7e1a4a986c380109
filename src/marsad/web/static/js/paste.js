// The paste box (#paste): code one article without storing it (POST /api/code) and show its events,
// figures and warnings, with the evidence highlighted in the pasted text.

import { h, fill, show, langAttrs } from "./dom.js";
import { api, ApiError } from "./api.js";
import { colourOf, GEO_PRECISION, TIME_PRECISION, flagsInWords } from "./state.js";
import { locate, highlighted } from "./highlight.js";

const MAX_CHARS = 200000;
let form = null; // kept across visits so a pasted text survives a look at the map

function build(root, setReady) {
  const result = h("div", { id: "paste-result", "aria-live": "polite" });
  const text = h("textarea", { name: "text", id: "paste-text", rows: "10", dir: "auto", required: true, spellcheck: "false",
    placeholder: "Paste an article here (Arabic or English)…" });
  form = h(
    "form",
    { class: "paste-form", "aria-labelledby": "paste-title" },
    h("h2", { id: "paste-title" }, "Code an article"),
    h("p", { class: "hint" }, "The article is coded as `marsad extract` would and shown here; nothing is stored."),
    h("div", { class: "field" }, h("label", { for: "paste-text" }, "Article text"), text),
    h("div", { class: "paste-options" },
      h("div", { class: "field grow" }, h("label", { for: "paste-article-title" }, "Title (optional)"),
        h("input", { type: "text", name: "title", id: "paste-article-title", dir: "auto" })),
      h("div", { class: "field" }, h("label", { for: "paste-published" }, "Published"),
        h("input", { type: "date", name: "published", id: "paste-published" }),
        h("p", { class: "hint" }, "Resolves “today”, “on Sunday”…")),
      h("div", { class: "field" }, h("label", { for: "paste-language" }, "Language"),
        h("select", { name: "language", id: "paste-language" },
          h("option", { value: "" }, "auto"), h("option", { value: "ar" }, "Arabic (ar)"), h("option", { value: "en" }, "English (en)")))),
    h("div", { class: "buttons" }, h("button", { type: "submit", class: "primary", "data-action": "code" }, "Code it"),
      h("span", { class: "counter muted", "aria-live": "off" }, "")),
    h("div", { class: "error", role: "alert", hidden: true }),
  );
  const counter = form.querySelector(".counter");
  text.addEventListener("input", () => {
    counter.textContent = text.value ? `${text.value.length.toLocaleString("en")} characters` : "";
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const errorBox = form.querySelector(".error");
    errorBox.hidden = true;
    const body = {
      text: text.value,
      title: form.elements.title.value,
      published: form.elements.published.value || null,
      language: form.elements.language.value || null,
    };
    if (!body.text.trim()) {
      errorBox.hidden = false;
      fill(errorBox, "Paste an article first.");
      text.focus();
      return;
    }
    if (body.text.length > MAX_CHARS) {
      errorBox.hidden = false;
      fill(errorBox, `The text is too long (${body.text.length.toLocaleString("en")} characters; ${MAX_CHARS.toLocaleString("en")} at most).`);
      return;
    }
    const button = form.querySelector("[data-action='code']");
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    setReady(false);
    fill(result, h("p", { class: "muted" }, "Coding…"));
    try {
      const doc = await api.code(body);
      renderResult(result, doc, body);
      result.scrollIntoView({ block: "start" });
    } catch (err) {
      fill(result);
      errorBox.hidden = false;
      fill(errorBox, `${err instanceof ApiError && err.status ? `${err.status}: ` : ""}${err.detail || err.message}`);
    } finally {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      setReady(true);
    }
  });
  fill(root, form, result);
}

export function renderPaste(root, setReady) {
  if (!form || !root.contains(form)) build(root, setReady);
}

function place(e) {
  const name = [e.location, e.admin2, e.admin1, e.country].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(", ");
  const coords = e.latitude !== null && e.latitude !== undefined ? ` (${Number(e.latitude).toFixed(3)}, ${Number(e.longitude).toFixed(3)})` : "";
  const precision = e.geo_precision ? ` — ${GEO_PRECISION[e.geo_precision] || e.geo_precision}` : "";
  return `${name || "—"}${coords}${precision}`;
}

function toll(n, max) {
  if (n === null || n === undefined) return "not stated";
  return max && max !== n ? `${n}–${max}` : String(n);
}

function renderResult(box, doc, body) {
  const dirs = langAttrs(doc.language || body.language);
  const events = doc.events || [];
  const figures = doc.figures || [];
  const warnings = doc.warnings || [];

  // the pasted text with every event's and figure's evidence marked, labelled E1…, F1…
  const spans = { title: [], text: [] };
  events.forEach((e, i) => (e.evidence || []).forEach((ev) => spans[ev.part === "title" ? "title" : "text"].push({ ...ev, label: `E${i + 1}`, current: true })));
  figures.forEach((f, i) => (f.evidence || []).forEach((ev) => spans[ev.part === "title" ? "title" : "text"].push({ ...ev, label: `F${i + 1}` })));
  const t = locate(body.title || "", spans.title);
  const x = locate(body.text, [...spans.text, ...t.missing]);

  const eventCards = events.map((e, i) => h(
    "article",
    { class: "coded-event", "data-label": `E${i + 1}`, style: { "border-left-color": colourOf(e.event_type) } },
    h("h4", null, `E${i + 1} · `, show(e.event_type), e.sub_event_type ? h("span", { class: "sub" }, ` — ${e.sub_event_type}`) : null),
    h("dl", null,
      item("Date", e.event_date ? `${e.event_date}${e.time_precision ? ` (${TIME_PRECISION[e.time_precision] || e.time_precision})` : ""}` : `unresolved${e.date_text ? ` (“${e.date_text}”)` : ""}`, "event_date"),
      item("Place", place(e), "location"),
      item("Actors", [e.actor1, e.actor2].filter(Boolean).join(" vs ") || "—", "actors"),
      item("Fatalities", toll(e.fatalities, e.fatalities_max), "fatalities"),
      e.injured !== null && e.injured !== undefined ? item("Injured", String(e.injured), "injured") : null,
      item("Sources", show(e.sources), "sources"),
      (e.flags || []).length ? item("Flags", flagsInWords(e.flags), "flags") : null,
      item("Confidence", typeof e.confidence === "number" ? `${Math.round(e.confidence * 100)} %` : "—", "confidence"),
      e.notes ? item("Notes", e.notes, "notes") : null),
    h("div", { class: "evidence-list" }, h("p", { class: "muted" }, "Evidence"),
      (e.evidence || []).map((ev) => h("blockquote", { ...dirs }, show(ev.text)))),
  ));

  const figureRows = figures.map((f, i) => h("tr", null,
    h("td", null, `F${i + 1}`),
    h("td", null, show(f.kind)),
    h("td", { class: "num" }, `${f.approximate ? "≈ " : ""}${toll(f.value, f.value_max)}`),
    h("td", null, show(f.qualifier)),
    h("td", { dir: "auto" }, show(f.location)),
    h("td", null, f.period_start || f.period_end ? `${show(f.period_start)} – ${show(f.period_end)}` : "—"),
    h("td", { ...dirs }, (f.evidence || []).map((ev) => ev.text).join(" … ") || "—"),
  ));

  fill(
    box,
    h("h3", null, `Result: ${events.length} event(s), ${figures.length} figure(s)`,
      h("span", { class: "muted" }, ` · language ${show(doc.language)}${doc.published ? ` · published ${doc.published}` : ""}`)),
    warnings.length
      ? h("div", { class: "warnings", "data-testid": "warnings" }, h("h4", null, "Warnings"), h("ul", null, warnings.map((w) => h("li", { dir: "auto" }, show(w)))))
      : null,
    h("div", { class: "paste-grid" },
      h("div", null,
        h("h4", null, "Events"),
        events.length ? eventCards : h("p", { class: "muted" }, "No event found in this text.")),
      h("div", null,
        h("h4", null, "The text, with the evidence marked"),
        h("p", { class: "article-legend muted" }, h("mark", { class: "evidence current sample" }, "events"), " ",
          h("mark", { class: "evidence sample" }, "figures"), " · point at an event to see its evidence"),
        body.title ? h("p", { class: "article-heading", ...dirs }, highlighted(body.title, t.ranges)) : null,
        h("div", { class: "article-text", ...dirs, tabindex: "0" }, highlighted(body.text, x.ranges)))),
    h("h4", null, "Figures"),
    figures.length
      ? h("div", { class: "table-scroll" }, h("table", { class: "figures" },
        h("thead", null, h("tr", null, ["", "Kind", "Value", "Qualifier", "Place", "Period", "Evidence"].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", null, figureRows)))
      : h("p", { class: "muted" }, "No figures."),
  );
  // pointing at an event card shows its evidence in the text
  for (const card of box.querySelectorAll(".coded-event")) {
    const label = card.dataset.label;
    const toggle = (on) => () => {
      for (const m of box.querySelectorAll("mark.evidence")) {
        if ((m.dataset.label || "").split(",").includes(label)) m.classList.toggle("focus", on);
      }
    };
    card.addEventListener("mouseenter", toggle(true));
    card.addEventListener("mouseleave", toggle(false));
  }
}

function item(label, value, field) {
  return h("div", null, h("dt", null, label), h("dd", { dir: "auto", "data-field": field }, value));
}
