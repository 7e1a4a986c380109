// The alerts view (#alerts): the saved filters, each with its Atom feed, and a form that saves the filters
// of the last map or table view as a new alert (POST /api/alerts, with the operator's token).

import { h, fill } from "./dom.js";
import { api } from "./api.js";
import { MULTI_KEYS } from "./state.js";

const STORE_TOKEN = "marsad.token";

function keepToken(value) {
  try {
    localStorage.setItem(STORE_TOKEN, value);
  } catch {
    // private browsing: the token is asked again next time
  }
}

function tokenValue() {
  try {
    return localStorage.getItem(STORE_TOKEN) || "";
  } catch {
    return "";
  }
}

/** The filter parameters as the API stores them: lists for the repeatable ones, numbers for the numeric. */
function asParams(filters) {
  const out = {};
  for (const [key, value] of filters) {
    if (MULTI_KEYS.has(key)) (out[key] = out[key] || []).push(value);
    else if (["min_fatalities", "min_outlets"].includes(key)) out[key] = Number.parseInt(value, 10);
    else if (key === "min_confidence") out[key] = Number.parseFloat(value);
    else out[key] = value;
  }
  return out;
}

function describe(params) {
  const parts = Object.entries(params).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(", ") : v}`);
  return parts.join(" · ") || "every event";
}

export async function renderAlerts(root, currentFilters, reload) {
  const alerts = await api.alerts();
  const list = alerts.length
    ? h("ul", { class: "alerts" }, alerts.map((a) => h("li", { "data-alert": a.name },
      h("strong", null, a.name), " — ", describe(a.params), " ",
      h("a", { href: `/api/alerts/${encodeURIComponent(a.name)}.atom`, class: "feed" }, "Atom feed"),
      a.webhook ? h("span", { class: "muted" }, ` · webhook ${a.webhook}`) : null,
      " ",
      h("button", { type: "button", class: "secondary", "data-action": "remove-alert", on: { click: async () => {
        try {
          await api.removeAlert(a.name, token.value.trim());
          reload();
        } catch (err) {
          fill(status, h("span", { class: "error", role: "alert" }, err.detail || err.message));
        }
      } } }, "Remove"))))
    : h("p", { class: "muted" }, "No alert yet.");
  const params = asParams(currentFilters);
  const name = h("input", { id: "alert-name", name: "name", type: "text", required: true, pattern: "[A-Za-z0-9_-]{1,64}" });
  const webhook = h("input", { id: "alert-webhook", name: "webhook", type: "url", placeholder: "https://… (optional)" });
  const secret = h("input", { id: "alert-secret", name: "secret", type: "password", autocomplete: "off" });
  const token = h("input", { id: "alert-token", name: "token", type: "password", autocomplete: "off", value: tokenValue() });
  const status = h("p", { class: "status", "aria-live": "polite" });
  const form = h("form", { class: "alert-form" },
    h("h3", null, "Save the current filters as an alert"),
    h("p", { class: "hint" }, `Filters: ${describe(params)} (set them on the map or the table first).`),
    h("div", { class: "field" }, h("label", { for: "alert-name" }, "Name (letters, digits, - and _)"), name),
    h("div", { class: "field" }, h("label", { for: "alert-webhook" }, "Webhook"), webhook),
    h("div", { class: "field" }, h("label", { for: "alert-secret" }, "Webhook secret"), secret),
    h("div", { class: "field" }, h("label", { for: "alert-token" }, "Operator token"), token),
    h("button", { type: "submit", "data-action": "save-alert" }, "Save alert"),
    status);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    keepToken(token.value.trim());
    try {
      await api.addAlert({ name: name.value.trim(), params, webhook: webhook.value.trim() || null,
        secret: secret.value || null }, token.value.trim());
      reload();
    } catch (err) {
      fill(status, h("span", { class: "error", role: "alert" }, err.detail || err.message));
    }
  });
  fill(root, h("h2", null, "Alerts"),
    h("p", { class: "hint" }, "Each alert is a saved filter with an Atom feed of its events (an entry per event, updated as it grows) and, optionally, a signed webhook (docs/ALERTS.md)."),
    list, form);
}
