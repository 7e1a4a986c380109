// The map of linked events: Natural Earth outlines (no internet needed), an optional tile layer,
// points coloured by event type and sized by fatalities, clustered when dense.
// Popups, tooltips, the legend and cluster icons are DOM nodes built with dom.js, never HTML strings.

import { h, show, safeUrl } from "./dom.js";
import { EVENT_TYPES, colourOf, OTHER_COLOUR } from "./state.js";

const SYRIA = [[32.3, 35.6], [37.4, 42.5]];
let outlines = null; // Promise of a GeoJSON FeatureCollection, loaded once

/** Natural Earth country outlines (TopoJSON shipped in /static/vendor, turned into GeoJSON). */
export function loadOutlines() {
  if (!outlines) {
    outlines = fetch("/static/vendor/countries-50m.json")
      .then((r) => {
        if (!r.ok) throw new Error(`outlines: HTTP ${r.status}`);
        return r.json();
      })
      .then((topo) => window.topojson.feature(topo, topo.objects.countries))
      .catch((err) => {
        console.warn("marsad: country outlines not available", err);
        outlines = null;
        return null;
      });
  }
  return outlines;
}

export function leafletReady() {
  return typeof window.L !== "undefined" && typeof window.L.markerClusterGroup === "function" && typeof window.topojson !== "undefined";
}

/** Marker radius in pixels: area grows with the toll (sqrt scale); unknown tolls are small. */
export function radiusFor(fatalities) {
  if (fatalities === null || fatalities === undefined || !Number.isFinite(Number(fatalities))) return 4;
  return Math.min(34, 5 + 2.4 * Math.sqrt(Math.max(0, Number(fatalities))));
}

function baseLayers(map, config) {
  map.createPane("outlines");
  map.getPane("outlines").style.zIndex = 250; // above tiles (200), below markers (400+)
  const tileUrl = config && safeUrl(config.tile_url);
  if (tileUrl) {
    window.L.tileLayer(tileUrl, { maxZoom: 18, attribution: "Map tiles as configured on this server" }).addTo(map);
    map.getContainer().classList.add("has-tiles");
  }
  loadOutlines().then((geo) => {
    if (!geo) return;
    window.L.geoJSON(geo, {
      pane: "outlines",
      interactive: false,
      style: () => ({
        color: "#7b8794", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: tileUrl ? 0 : 1,
      }),
    }).addTo(map);
  });
  map.attributionControl.addAttribution("Outlines: Natural Earth");
}

function popupFor(p) {
  const actors = [p.actor1, p.actor2].filter(Boolean);
  const place = [p.location, p.admin1, p.country].filter(Boolean).join(", ");
  const toll = p.fatalities === null || p.fatalities === undefined
    ? "toll not reported"
    : `${p.fatalities}${p.fatalities_max && p.fatalities_max !== p.fatalities ? `–${p.fatalities_max}` : ""} killed`;
  return h(
    "div",
    { class: "popup" },
    h("p", { class: "popup-type" }, h("span", { class: "swatch", style: { background: colourOf(p.event_type) } }), show(p.event_type)),
    p.sub_event_type ? h("p", { class: "muted" }, p.sub_event_type) : null,
    h("p", null, h("strong", null, show(p.event_date)), " · ", h("span", { dir: "auto" }, place || "—")),
    actors.length ? h("p", { dir: "auto" }, actors.join(" vs ")) : null,
    h("p", null, toll, ` · ${p.n_reports ?? 0} report(s), ${p.n_outlets ?? 0} outlet(s)`),
    h("p", { class: "muted" }, `Review: ${show(p.review_status)}`),
    h("a", { href: `#/event/${encodeURIComponent(p.event_id)}`, class: "popup-link" }, "Open event →"),
  );
}

function clusterIcon(cluster) {
  const markers = cluster.getAllChildMarkers();
  const counts = new Map();
  for (const m of markers) counts.set(m.options.eventType, (counts.get(m.options.eventType) || 0) + 1);
  const stops = [];
  let acc = 0;
  const order = [...EVENT_TYPES.map(([t]) => t), ...[...counts.keys()].filter((t) => !EVENT_TYPES.some(([x]) => x === t))];
  for (const t of order) {
    const n = counts.get(t);
    if (!n) continue;
    const start = (acc / markers.length) * 360;
    acc += n;
    const end = (acc / markers.length) * 360;
    stops.push(`${colourOf(t)} ${start.toFixed(1)}deg ${end.toFixed(1)}deg`);
  }
  const size = Math.round(30 + Math.min(26, 6 * Math.log10(markers.length)));
  const el = h(
    "div",
    { class: "cluster", style: { background: `conic-gradient(${stops.join(", ")})`, width: `${size}px`, height: `${size}px` } },
    h("span", null, String(cluster.getChildCount())),
  );
  return window.L.divIcon({ html: el, className: "cluster-icon", iconSize: window.L.point(size, size) });
}

function legend() {
  const control = window.L.control({ position: "bottomright" });
  control.onAdd = () => {
    const sizes = [1, 10, 50].map((n) => {
      const r = radiusFor(n);
      return h("span", { class: "size-key" }, h("span", { class: "dot", style: { width: `${2 * r}px`, height: `${2 * r}px` } }), String(n));
    });
    const el = h(
      "div",
      { class: "legend", "data-testid": "legend" },
      h("h3", null, "Event type"),
      h("ul", null, EVENT_TYPES.map(([t, c]) => h("li", null, h("span", { class: "swatch", style: { background: c } }), t))),
      h("h3", null, "Fatalities"),
      h("div", { class: "sizes" }, sizes,
        h("span", { class: "size-key" }, h("span", { class: "dot unknown", style: { width: "8px", height: "8px" } }), "unknown")),
    );
    window.L.DomEvent.disableClickPropagation(el);
    return el;
  };
  return control;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Bounds of the bulk of the points: a few mis-geocoded events on other continents should not make the
 * first view the whole world. Points far from the median (beyond 5 median absolute deviations, at least 3°)
 * are left out, unless that would leave out half of them.
 */
export function coreBounds(latlngs) {
  const L = window.L;
  const all = L.latLngBounds(latlngs);
  if (latlngs.length < 10) return all;
  const lats = latlngs.map((p) => p.lat);
  const lngs = latlngs.map((p) => p.lng);
  const mLat = median(lats);
  const mLng = median(lngs);
  const rLat = Math.max(3, 5 * median(lats.map((x) => Math.abs(x - mLat))));
  const rLng = Math.max(3, 5 * median(lngs.map((x) => Math.abs(x - mLng))));
  const core = latlngs.filter((p) => Math.abs(p.lat - mLat) <= rLat && Math.abs(p.lng - mLng) <= rLng);
  return core.length >= latlngs.length / 2 ? L.latLngBounds(core) : all;
}

/** The main map. */
export class EventMap {
  constructor(container, config) {
    this.container = container;
    this.fitted = false;
    const L = window.L;
    this.map = L.map(container, { zoomSnap: 0.5, minZoom: 2, maxZoom: 18, worldCopyJump: true }).fitBounds(SYRIA);
    baseLayers(this.map, config);
    this.cluster = L.markerClusterGroup({
      maxClusterRadius: 40,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      disableClusteringAtZoom: 12,
      chunkedLoading: true,
      iconCreateFunction: clusterIcon,
    });
    this.map.addLayer(this.cluster);
    legend().addTo(this.map);
    const fit = L.control({ position: "topleft" });
    fit.onAdd = () => {
      const b = h("button", { type: "button", class: "map-button", title: "Fit the map to the events (most of them, when a few are far away)", "data-action": "fit",
        on: { click: () => this.fit() } }, "Fit");
      L.DomEvent.disableClickPropagation(b);
      return b;
    };
    fit.addTo(this.map);
  }

  /** Show a FeatureCollection of events; returns the number of points drawn. */
  show(collection) {
    const L = window.L;
    this.cluster.clearLayers();
    const markers = [];
    for (const f of (collection && collection.features) || []) {
      const coords = f && f.geometry && f.geometry.coordinates;
      if (!Array.isArray(coords)) continue;
      const [lon, lat] = coords.map(Number);
      if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
      const p = f.properties || {};
      const unknown = p.fatalities === null || p.fatalities === undefined;
      const m = L.circleMarker([lat, lon], {
        radius: radiusFor(p.fatalities),
        color: unknown ? "#37474f" : "#ffffff",
        weight: unknown ? 1 : 1.2,
        dashArray: unknown ? "2 2" : null,
        fillColor: colourOf(p.event_type) || OTHER_COLOUR,
        fillOpacity: 0.85,
        eventType: p.event_type,
      });
      m.bindPopup(() => popupFor(p), { maxWidth: 320 });
      m.bindTooltip(() => h("span", null, `${show(p.event_date)} · ${show(p.event_type)}`), { direction: "top" });
      markers.push(m);
    }
    this.cluster.addLayers(markers);
    this.bounds = markers.length ? coreBounds(markers.map((m) => m.getLatLng())) : null;
    if (!this.fitted) {
      this.fit();
      this.fitted = true;
    }
    return markers.length;
  }

  fit() {
    if (this.bounds && this.bounds.isValid()) this.map.fitBounds(this.bounds.pad(0.08), { maxZoom: 10 });
    else this.map.fitBounds(SYRIA);
  }

  /** Leaflet needs to know when its container was hidden and is shown again. */
  refresh() {
    this.map.invalidateSize();
  }
}

/** A small static map of one event (on the event page). */
export function miniMap(container, event, config) {
  const L = window.L;
  const lat = Number(event.latitude);
  const lon = Number(event.longitude);
  const map = L.map(container, { minZoom: 2, maxZoom: 18, scrollWheelZoom: false });
  baseLayers(map, config);
  if (Number.isFinite(lat) && Number.isFinite(lon) && event.latitude !== null && event.longitude !== null) {
    const zoom = event.geo_precision === 3 ? 6 : event.geo_precision === 2 ? 7 : 8;
    map.setView([lat, lon], zoom);
    L.circleMarker([lat, lon], {
      radius: radiusFor(event.fatalities), color: "#fff", weight: 1.5, fillColor: colourOf(event.event_type), fillOpacity: 0.9,
    }).addTo(map);
  } else {
    map.fitBounds(SYRIA);
  }
  return map;
}
