// The filter form (#filters): built from /api/facets, kept in step with the URL.
// Its inputs are named after the API's query parameters, so the form's values are the query.

import { h, fill } from "./dom.js";
import { EVENT_TYPES, STATUSES, DEFAULT_STATUSES, MULTI_KEYS, FILTER_KEYS, colourOf, filterParams } from "./state.js";

let form = null;
let onChange = () => {};
let typingTimer = null;

function field(label, input, hint) {
  const id = input.id || `f-${input.getAttribute("name")}`;
  input.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), input, hint ? h("p", { class: "hint" }, hint) : null);
}

function checkboxGroup(legend, name, options, describe) {
  return h(
    "fieldset",
    { class: `checks checks-${name}` },
    h("legend", null, legend),
    options.map((value) =>
      h(
        "label",
        { class: "check" },
        h("input", { type: "checkbox", name, value }),
        describe ? describe(value) : null,
        h("span", null, value),
      ),
    ),
  );
}

function multiSelect(name, values, size) {
  return h(
    "select",
    { name, multiple: true, size: String(Math.min(size, Math.max(values.length, 2))) },
    values.map((v) => h("option", { value: v }, v)),
  );
}

/** Build the form inside the #filters element. */
export function buildFilters(container, facets, changed) {
  onChange = changed;
  const types = [...EVENT_TYPES.map(([t]) => t)];
  for (const t of facets.event_types || []) if (!types.includes(t)) types.push(t);
  const statuses = facets.statuses && facets.statuses.length ? facets.statuses : STATUSES;

  const from = h("input", { type: "date", name: "from", min: facets.date_min, max: facets.date_max });
  const to = h("input", { type: "date", name: "to", min: facets.date_min, max: facets.date_max });
  const actors = h("datalist", { id: "actor-names" }, (facets.actors || []).map((a) => h("option", { value: a })));

  form = h(
    "form",
    { class: "filter-form", "aria-label": "Filters", on: { submit: (e) => e.preventDefault() } },
    h("h2", null, "Filters"),
    h(
      "div",
      { class: "dates" },
      field("From", from),
      field("To", to),
    ),
    facets.date_min ? h("p", { class: "hint" }, `Events from ${facets.date_min} to ${facets.date_max}.`) : null,
    checkboxGroup("Event type", "type", types, (t) => h("span", { class: "swatch", style: { background: colourOf(t) }, "aria-hidden": "true" })),
    field("Actor (part of a name)", h("input", { type: "search", name: "actor", list: "actor-names", autocomplete: "off" })),
    actors,
    field("Governorate", multiSelect("admin1", facets.admin1 || [], 8), "Ctrl/⌘-click to choose several."),
    h(
      "div",
      { class: "numbers" },
      field("Min. fatalities", h("input", { type: "number", name: "min_fatalities", min: "0", step: "1", inputmode: "numeric" })),
      field("Min. outlets", h("input", { type: "number", name: "min_outlets", min: "1", step: "1", inputmode: "numeric" })),
      field("Min. confidence", h("input", { type: "number", name: "min_confidence", min: "0", max: "1", step: "0.05", inputmode: "decimal" })),
    ),
    checkboxGroup("Review status", "status", statuses),
    checkboxGroup("Corroboration", "corroboration", ["confirmed", "fair", "single source", "contested"]),
    h(
      "details",
      { class: "more" },
      h("summary", null, "More filters"),
      field("Sub-event type", multiSelect("sub_type", facets.sub_event_types || [], 8)),
      field("Country", multiSelect("country", facets.countries || [], 5)),
    ),
    h("button", { type: "button", class: "secondary", "data-action": "reset-filters", on: { click: reset } }, "Reset filters"),
  );

  form.addEventListener("change", (e) => {
    if (e.target.name === "actor") return; // handled on input, debounced
    emit();
  });
  form.addEventListener("input", (e) => {
    if (e.target.name !== "actor" && e.target.type !== "number") return;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(emit, 450);
  });
  fill(container, form);
}

function emit() {
  clearTimeout(typingTimer);
  if (!validNumbers()) return;
  onChange(readFilters());
}

function validNumbers() {
  let ok = true;
  for (const name of ["min_fatalities", "min_outlets", "min_confidence"]) {
    const input = form.elements[name];
    const pattern = name === "min_confidence" ? /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/ : /^\d+$/;
    const bad = input.value !== "" && !pattern.test(input.value);
    input.setAttribute("aria-invalid", bad ? "true" : "false");
    if (bad) ok = false;
  }
  return ok;
}

function reset() {
  writeFilters(new URLSearchParams());
  emit();
}

/** The form's values as query parameters. */
export function readFilters() {
  const params = new URLSearchParams();
  if (!form) return params;
  for (const key of FILTER_KEYS) {
    const els = form.querySelectorAll(`[name="${key}"]`);
    for (const el of els) {
      if (el.type === "checkbox") {
        if (el.checked) params.append(key, el.value);
      } else if (el.tagName === "SELECT") {
        for (const opt of el.selectedOptions) params.append(key, opt.value);
      } else if (el.value.trim() !== "") {
        params.append(key, el.value.trim());
      }
    }
  }
  // every type ticked is the same as none: no type filter
  const typeBoxes = form.querySelectorAll('input[name="type"]');
  if (params.getAll("type").length === typeBoxes.length) params.delete("type");
  return filterParams(params);
}

/** Put the URL's filter values into the form (values the facets do not list are added, so they show). */
export function writeFilters(params) {
  if (!form) return;
  for (const key of FILTER_KEYS) {
    const values = params.getAll(key);
    const els = form.querySelectorAll(`[name="${key}"]`);
    if (key === "status" && values.length === 0) values.push(...DEFAULT_STATUSES);
    for (const el of els) {
      if (el.type === "checkbox") el.checked = values.includes(el.value);
      else if (el.tagName === "SELECT") {
        for (const v of values) {
          if (![...el.options].some((o) => o.value === v)) el.appendChild(h("option", { value: v }, v));
        }
        for (const opt of el.options) opt.selected = values.includes(opt.value);
      } else el.value = MULTI_KEYS.has(key) ? values.join(",") : values[0] || "";
    }
  }
  validNumbers();
}
