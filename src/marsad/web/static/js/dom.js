// Building the page from untrusted data, safely.
//
// Every string that comes from the API (article text, titles, actor names, notes, outlets…) is untrusted.
// This module is the only place that creates elements: text always goes in through text nodes, attributes
// through setAttribute on a short allow-list, links only to http(s) URLs or to the app's own #/ routes.
// Nothing here (or anywhere in the app) uses innerHTML, outerHTML, insertAdjacentHTML or document.write.

const SAFE_ATTRIBUTES = new Set([
  "id", "class", "name", "type", "value", "for", "title", "lang", "dir", "role", "tabindex", "placeholder",
  "min", "max", "step", "size", "rows", "cols", "list", "autocomplete", "spellcheck", "inputmode", "pattern",
  "colspan", "rowspan", "scope", "download", "target", "rel", "hidden", "disabled", "checked", "selected",
  "multiple", "required", "readonly", "open", "maxlength", "width", "height", "viewBox", "x", "y", "x1", "x2",
  "y1", "y2", "fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "text-anchor", "transform",
  "dominant-baseline", "focusable", "datetime", "start", "novalidate", "accept-charset",
]);

const SVG_NS = "http://www.w3.org/2000/svg";

/** The URL if it is an absolute http(s) URL, else null (javascript:, data:, relative paths… are refused). */
export function safeUrl(url) {
  if (typeof url !== "string") return null;
  const u = url.trim();
  return /^https?:\/\/[^\s]+$/i.test(u) ? u : null;
}

function setAttributes(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "dataset") {
      for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) el.dataset[k] = String(v);
    } else if (key === "text") {
      el.textContent = String(value);
    } else if (key === "href") {
      // the app's own routes and API downloads, or an absolute http(s) link; anything else is dropped
      const href = String(value);
      if (/^#\//.test(href) || /^\/api\//.test(href)) el.setAttribute("href", href);
      else {
        const ok = safeUrl(href);
        if (ok) el.setAttribute("href", ok);
      }
    } else if (key === "style") {
      for (const [prop, v] of Object.entries(value)) el.style.setProperty(prop, String(v));
    } else if (key === "on") {
      for (const [event, handler] of Object.entries(value)) el.addEventListener(event, handler);
    } else if (key.startsWith("aria-") || key.startsWith("data-") || SAFE_ATTRIBUTES.has(key)) {
      el.setAttribute(key, value === true ? "" : String(value));
    } else {
      throw new Error(`dom: attribute ${key} is not allowed`);
    }
  }
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** h("p", {class: "x"}, "text", h("b", null, name)) — children are nodes or strings (always as text). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

/** The same for SVG elements. */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

/** Replace a node's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** dir/lang attributes for text in a known language ("ar" → right to left), or dir="auto" when unknown. */
export function langAttrs(language) {
  const lang = typeof language === "string" ? language.toLowerCase() : "";
  if (lang === "ar" || lang.startsWith("ar-")) return { lang: "ar", dir: "rtl" };
  if (/^[a-z]{2,3}(-[a-z0-9]+)*$/.test(lang)) return { lang, dir: "ltr" };
  return { dir: "auto" };
}

/** A value for display: null/undefined/"" become an em dash. */
export function show(value) {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.join("; ") : "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}
