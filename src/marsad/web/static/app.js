// marsad's dashboard: a map and timeline of linked events, a table, an event page with review tools,
// and a paste box. Plain ES modules, no framework. The state of every view is in location.hash.
//
// Security: every string from the API is untrusted. Pages are built with js/dom.js (text nodes, an
// attribute allow-list, http(s)-only links); nothing uses innerHTML or HTML strings, Leaflet included.

import { h, fill } from "./js/dom.js";
import { api, ApiError, setReadToken } from "./js/api.js";
import { parseHash, filterParams, hashFor, without } from "./js/state.js";
import { buildFilters, readFilters, writeFilters } from "./js/filters.js";
import { EventMap, leafletReady } from "./js/map.js";
import { Timeline } from "./js/timeline.js";
import { renderTable } from "./js/table.js";
import { renderEvent } from "./js/event.js";
import { renderPaste } from "./js/paste.js";
import { renderAlerts } from "./js/alerts.js";

const $ = (selector) => document.querySelector(selector);
const app = {
  config: { tile_url: null, writes_enabled: true, reads_need_token: false },
  facets: {},
  map: null,
  timeline: null,
  renderId: 0,
  lastList: "#/map", // where "← Back" on the event page goes
  lastMapQuery: null,
  lastDaily: null,
  lastHash: null,
  articles: new Map(),
  flash: null,
};

function setReady(ready) {
  document.body.dataset.ready = ready ? "1" : "0";
}

/** Show one view's section, hide the others; the filters are shown with the map and the table. */
function showView(view) {
  for (const section of document.querySelectorAll("main > section[data-view]")) section.hidden = section.dataset.view !== view;
  $("#filters").hidden = !(view === "map" || view === "table");
  document.body.dataset.view = view;
  for (const a of document.querySelectorAll("nav.main a")) {
    if (a.dataset.nav === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

function errorBox(err) {
  const status = err instanceof ApiError && err.status ? ` (${err.status})` : "";
  return h("div", { class: "error", role: "alert" }, `Could not load${status}: ${err.detail || err.message || String(err)}`);
}

/** Go to a hash; a flash message is shown by the next page. */
function navigate(hash, flash) {
  app.flash = flash || null;
  if (location.hash === hash) route();
  else location.hash = hash;
}

/** Filters changed in the form or on the timeline: the URL follows, then the view. */
function filtersChanged(params) {
  const { view } = parseHash();
  const target = hashFor(view === "table" ? "table" : "map", params);
  history.replaceState(null, "", target);
  route();
}

async function renderMapView(params, isCurrent) {
  const filters = filterParams(params);
  const key = filters.toString();
  const summary = $("#map-summary");
  if (!leafletReady()) {
    fill($("#map"), h("p", { class: "error" }, "The map library is missing: run `npm ci && npm run build` in web/."));
  } else if (!app.map) {
    app.map = new EventMap($("#map"), app.config);
  } else {
    app.map.refresh();
  }
  if (!app.timeline) {
    app.timeline = new Timeline($("#timeline"), (from, to) => {
      const next = readFilters();
      next.set("from", from);
      next.set("to", to);
      writeFilters(next);
      filtersChanged(filterParams(next));
    });
  }
  if (key === app.lastMapQuery) return; // same data already drawn (back from an event page)
  fill(summary, "Loading…");
  const count = new URLSearchParams(filters);
  count.set("page_size", "1");
  const [geo, daily, list] = await Promise.all([api.geojson(filters), api.daily(filters), api.events(count)]);
  if (!isCurrent()) return;
  const drawn = app.map ? app.map.show(geo) : 0;
  app.lastDaily = [daily, filters.get("from"), filters.get("to")];
  app.timeline.render(...app.lastDaily);
  const total = Number(list.total) || 0;
  const dates = filters.get("from") || filters.get("to");
  fill(
    summary,
    h("strong", null, `${total.toLocaleString("en")} linked event${total === 1 ? "" : "s"}`),
    ` match · ${drawn.toLocaleString("en")} on the map`,
    total > drawn ? ` (${(total - drawn).toLocaleString("en")} without coordinates)` : "",
    dates ? h("button", { type: "button", class: "link", "data-action": "clear-dates", on: { click: clearDates } }, "Clear dates") : null,
    h("a", { href: hashFor("table", filters), class: "to-table" }, "See them in the table →"),
  );
  app.lastMapQuery = key;
}

function clearDates() {
  const next = without(readFilters(), "from", "to");
  writeFilters(next);
  filtersChanged(next);
}

/** Render the view the hash names. Only the latest call may set the ready flag. */
async function route() {
  const id = ++app.renderId;
  const isCurrent = () => id === app.renderId;
  setReady(false);
  delete document.body.dataset.error;
  const { view, id: eventId, params } = parseHash();
  if (view !== "map" && location.hash !== app.lastHash) window.scrollTo(0, 0); // a reload keeps its place
  app.lastHash = location.hash;
  showView(view);
  const flash = app.flash;
  app.flash = null;
  try {
    if (view === "map" || view === "table") {
      writeFilters(params);
      app.lastList = location.hash || "#/map";
      if (view === "map") await renderMapView(params, isCurrent);
      else await renderTable($("#table"), params, (hash) => navigate(hash), isCurrent);
      document.title = `${view === "map" ? "Map" : "Table"} · marsad`;
    } else if (view === "event") {
      fill($("#event"), h("p", { class: "muted" }, "Loading the event…"));
      await renderEvent($("#event"), eventId, {
        config: app.config,
        facets: app.facets,
        backHref: app.lastList,
        isCurrent,
        navigate,
        reload: (msg) => {
          app.lastMapQuery = null; // the map must show the change
          app.articles.clear();
          navigate(location.hash, msg);
        },
        article: (articleId) => {
          if (!app.articles.has(articleId)) {
            const p = api.article(articleId);
            app.articles.set(articleId, p);
            p.catch(() => app.articles.delete(articleId));
          }
          return app.articles.get(articleId);
        },
      }, flash);
      document.title = `Event ${eventId} · marsad`;
    } else if (view === "paste") {
      renderPaste($("#paste"), setReady);
      document.title = "Code an article · marsad";
    } else if (view === "alerts") {
      await renderAlerts($("#alerts"), filterParams(parseHash(app.lastList || "#/map").params), () => route());
      document.title = "Alerts · marsad";
    }
  } catch (err) {
    if (!isCurrent()) return;
    console.error(err);
    const target = { map: "#map-summary", table: "#table", event: "#event", paste: "#paste-result", alerts: "#alerts" }[view];
    fill($(target), errorBox(err));
    document.body.dataset.error = err.detail || err.message || String(err);
  }
  if (isCurrent()) setReady(true);
}

/** Nav links keep the current filters when switching between the map and the table. */
function bindNav() {
  for (const a of document.querySelectorAll("nav.main a")) {
    a.addEventListener("click", (e) => {
      const target = a.dataset.nav;
      if (target !== "map" && target !== "table") return;
      const { view, params } = parseHash();
      const filters = view === "map" || view === "table" ? filterParams(params) : filterParams(parseHash(app.lastList).params);
      if (!filters.toString()) return; // the plain link is right
      e.preventDefault();
      navigate(hashFor(target, filters));
    });
  }
}

/** A server that needs a token for reads: ask for it once, remember it as the review page does. */
function askForReadToken(reason) {
  const input = h("input", { id: "read-token", type: "password", autocomplete: "off", name: "read_token" });
  const form = h(
    "form",
    { class: "token-form", on: { submit: (e) => {
      e.preventDefault();
      try {
        localStorage.setItem("marsad.token", input.value.trim());
      } catch {
        /* no storage: the token lasts for this page only */
      }
      setReadToken(input.value.trim());
      location.reload();
    } } },
    h("label", { for: "read-token" }, reason, " Token: "), input, " ", h("button", { type: "submit", class: "primary" }, "Use this token"),
  );
  fill($("#banner"), form);
  $("#banner").hidden = false;
}

async function start() {
  setReady(false);
  bindNav();
  try {
    app.config = { ...app.config, ...((await api.config()) || {}) };
  } catch (err) {
    fill($("#banner"), errorBox(err));
    $("#banner").hidden = false;
  }
  if (app.config.reads_need_token) {
    let stored = "";
    try {
      stored = localStorage.getItem("marsad.token") || "";
    } catch {
      /* no storage */
    }
    setReadToken(stored);
  }
  try {
    app.facets = (await api.facets()) || {};
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) askForReadToken("This server needs a token to read its events.");
    else {
      fill($("#banner"), errorBox(err));
      $("#banner").hidden = false;
    }
  }
  buildFilters($("#filters"), app.facets, filtersChanged);
  window.addEventListener("hashchange", route);
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      if (document.body.dataset.view === "map" && app.timeline && app.lastDaily) {
        app.timeline.render(...app.lastDaily);
        if (app.map) app.map.refresh();
      }
    }, 300);
  });
  await route();
}

start();
