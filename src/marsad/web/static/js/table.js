// The table view (#table): one row per linked event, sortable by the columns the API sorts on,
// paged, with download links for exactly the filtered events.

import { h, fill, show } from "./dom.js";
import { api, downloadUrl, downloadWithToken, readsCarryToken } from "./api.js";
import { colourOf, filterParams, hashFor } from "./state.js";

// column → the API's sort key; numbers and dates sort descending on the first click, words ascending
const COLUMNS = [
  { label: "Date", sort: "event_date", desc: true, cell: (e) => h("a", { href: `#/event/${encodeURIComponent(e.event_id)}` }, show(e.event_date)) },
  { label: "Type", sort: "event_type", cell: (e) => h("span", null, h("span", { class: "swatch", style: { background: colourOf(e.event_type) } }), show(e.event_type), e.sub_event_type ? h("span", { class: "sub" }, e.sub_event_type) : null) },
  { label: "Actors", sort: "actor1", cell: (e) => h("span", { dir: "auto" }, [e.actor1, e.actor2].filter(Boolean).join(" vs ") || "—") },
  { label: "Place", sort: "location", cell: (e) => h("span", { dir: "auto" }, [e.location, e.admin1].filter(Boolean).join(", ") || show(e.country)) },
  { label: "Fatalities", sort: "fatalities", desc: true, num: true, cell: (e) => fatalities(e) },
  { label: "Reports", sort: "n_reports", desc: true, num: true, cell: (e) => show(e.n_reports) },
  { label: "Outlets", sort: "n_outlets", desc: true, num: true, cell: (e) => show(e.n_outlets) },
  { label: "Corroboration", sort: "corroboration", cell: (e) => h("span", { class: `grade grade-${(e.corroboration || "").replace(/ /g, "-")}`, title: `${e.independent_reports ?? 0} independent report(s)` }, show(e.corroboration)) },
  { label: "Review status", sort: "review_status", cell: (e) => h("span", { class: `status status-${e.review_status}` }, show(e.review_status)) },
];
const PAGE_SIZES = ["25", "50", "100", "200"];

function fatalities(e) {
  if (e.fatalities === null || e.fatalities === undefined) return "—";
  return e.fatalities_max && e.fatalities_max !== e.fatalities ? `${e.fatalities}–${e.fatalities_max}` : String(e.fatalities);
}

/** Render the table view for the URL's parameters; navigate(params) changes the URL. */
export async function renderTable(root, params, navigate, isCurrent) {
  const filters = filterParams(params);
  const sort = params.get("sort") || "-event_date";
  const page = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
  const pageSize = PAGE_SIZES.includes(params.get("page_size")) ? params.get("page_size") : "50";

  const query = new URLSearchParams(filters);
  query.set("sort", sort);
  query.set("page", String(page));
  query.set("page_size", pageSize);
  const data = await api.events(query);
  if (!isCurrent()) return;

  const go = (changes) => {
    const next = new URLSearchParams(filters);
    const merged = { sort, page: String(page), page_size: pageSize, ...changes };
    if (merged.sort !== "-event_date") next.set("sort", merged.sort);
    if (merged.page !== "1") next.set("page", merged.page);
    if (merged.page_size !== "50") next.set("page_size", merged.page_size);
    navigate(hashFor("table", next));
  };

  const head = h("tr", null, COLUMNS.map((c) => {
    if (!c.sort) return h("th", { scope: "col", class: c.num ? "num" : null }, c.label);
    const active = sort.replace(/^-/, "") === c.sort;
    const desc = sort.startsWith("-");
    const first = c.desc ? `-${c.sort}` : c.sort;
    const next = active ? (desc ? c.sort : `-${c.sort}`) : first;
    return h(
      "th",
      { scope: "col", class: c.num ? "num" : null, "aria-sort": active ? (desc ? "descending" : "ascending") : "none" },
      h("button", { type: "button", class: "sort", "data-sort": c.sort, title: `Sort by ${c.label.toLowerCase()}`, on: { click: () => go({ sort: next, page: "1" }) } },
        c.label, h("span", { class: "arrow", "aria-hidden": "true" }, active ? (desc ? " ▼" : " ▲") : " ↕")),
    );
  }));

  const rows = (data.items || []).map((e) => h(
    "tr",
    { "data-event-id": e.event_id, class: `row status-${e.review_status}` },
    COLUMNS.map((c) => h("td", { class: c.num ? "num" : null }, c.cell(e))),
  ));

  const total = Number(data.total) || 0;
  const pages = Math.max(1, Math.ceil(total / Number(pageSize)));
  const first = total ? (page - 1) * Number(pageSize) + 1 : 0;
  const last = Math.min(total, page * Number(pageSize));
  const pager = h(
    "nav",
    { class: "pager", "aria-label": "Pages" },
    h("button", { type: "button", "data-action": "prev-page", disabled: page <= 1, on: { click: () => go({ page: String(page - 1) }) } }, "← Previous"),
    h("span", { "data-testid": "page-info" }, total ? `${first}–${last} of ${total} events · page ${page} of ${pages}` : "No events match these filters."),
    h("button", { type: "button", "data-action": "next-page", disabled: page >= pages, on: { click: () => go({ page: String(page + 1) }) } }, "Next →"),
    h("label", { class: "page-size" }, "Rows per page ",
      h("select", { name: "page_size", on: { change: (ev) => go({ page_size: ev.target.value, page: "1" }) } },
        PAGE_SIZES.map((s) => h("option", { value: s, selected: s === pageSize }, s)))),
  );

  const link = (kind, name, label, testid) => {
    const url = downloadUrl(kind, filters);
    const a = h("a", { href: url, download: name, "data-testid": testid, class: "button" }, label);
    // a server that needs a token for reads: a plain link cannot send it, so fetch and save
    a.addEventListener("click", (e) => {
      if (!readsCarryToken()) return;
      e.preventDefault();
      downloadWithToken(url, name).catch((err) => window.alert(`The download failed: ${err.detail || err.message}`));
    });
    return a;
  };
  const downloads = h(
    "div",
    { class: "downloads" },
    link("csv", "marsad-events.csv", "Download CSV", "download-csv"),
    link("geojson", "marsad-events.geojson", "Download GeoJSON", "download-geojson"),
    h("span", { class: "hint" }, "ACLED columns; exactly the filtered events."),
  );

  fill(
    root,
    h("div", { class: "table-top" }, h("h2", null, "Linked events"), downloads),
    h("div", { class: "table-scroll" },
      h("table", { class: "events" }, h("caption", { class: "visually-hidden" }, "Linked events matching the filters"), h("thead", null, head), h("tbody", null, rows))),
    pager,
  );
  if (page > pages && total) go({ page: String(pages) });
}
