// The event page (#event): every field (precision codes in words, which fields a person edited),
// sources and outlets, each report with its article and the evidence highlighted in place,
// the review tools (confirm, reject, edit, split, merge) and the audit trail.

import { h, fill, show, langAttrs, safeUrl } from "./dom.js";
import { api, ApiError } from "./api.js";
import { colourOf, EVENT_TYPES, SUB_TYPES, GEO_PRECISION, TIME_PRECISION, INTER, flagsInWords } from "./state.js";
import { locate, highlighted, spansByPart } from "./highlight.js";
import { leafletReady, miniMap } from "./map.js";

const STORE_REVIEWER = "marsad.reviewer";
const STORE_TOKEN = "marsad.token";
// the server's limits on edited text (src/marsad/store/review.py)
const TEXT_LIMITS = { actor1: 200, assoc_actor_1: 200, actor2: 200, assoc_actor_2: 200, location: 200, admin1: 100, admin2: 100, notes: 2000 };
const LABELS = {
  event_id: "Event id", event_date: "Date", date_end: "Until", date_text: "Date as written", time_precision: "Date precision",
  disorder_type: "Disorder type", event_type: "Event type", sub_event_type: "Sub-event type",
  actor1: "Actor 1", assoc_actor_1: "Associated with actor 1", inter1: "Actor 1 category",
  actor2: "Actor 2", assoc_actor_2: "Associated with actor 2", inter2: "Actor 2 category",
  civilian_targeting: "Civilians targeted", country: "Country", admin1: "Governorate (admin1)", admin2: "District (admin2)",
  location: "Location", location_text: "Place as written", latitude: "Latitude", longitude: "Longitude",
  geo_precision: "Place precision", fatalities: "Fatalities", fatalities_max: "Fatalities (highest report)",
  injured: "Injured", sources: "Sources cited", outlets: "Outlets", n_reports: "Reports", n_outlets: "Outlets (count)",
  n_articles: "Articles", notes: "Notes", flags: "Flags", confidence: "Confidence", review_status: "Review status",
  reviewed_by: "Reviewed by", reviewed_at: "Reviewed at", edited_fields: "Fields edited by a person",
  first_reported: "First reported", corroboration: "Corroboration", independent_reports: "Independent reports",
};
const GROUPS = [
  ["What and when", ["event_date", "date_end", "date_text", "time_precision", "disorder_type", "event_type", "sub_event_type", "civilian_targeting"]],
  ["Who", ["actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2"]],
  ["Where", ["location", "location_text", "admin2", "admin1", "country", "latitude", "longitude", "geo_precision"]],
  ["Toll", ["fatalities", "fatalities_max", "injured"]],
  ["Sources", ["corroboration", "independent_reports", "sources", "outlets", "n_reports", "n_outlets", "n_articles", "first_reported"]],
  ["Coding", ["notes", "flags", "confidence", "event_id"]],
  ["Review", ["review_status", "reviewed_by", "reviewed_at", "edited_fields"]],
];
const FREE_TEXT = new Set(["actor1", "actor2", "assoc_actor_1", "assoc_actor_2", "location", "location_text", "admin1", "admin2", "notes", "date_text", "sources", "outlets", "country"]);

function storageGet(key) {
  try {
    return localStorage.getItem(key) || "";
  } catch {
    return "";
  }
}
function storageSet(key, value) {
  try {
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  } catch {
    /* private mode: not remembered */
  }
}

/** A field's value in words. */
function describe(field, value, ev) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return "—";
  if (field === "geo_precision") return `${value} — ${GEO_PRECISION[value] || "unknown code"}`;
  if (field === "time_precision") return `${value} — ${TIME_PRECISION[value] || "unknown code"}`;
  if (field === "inter1" || field === "inter2") return `${value} — ${INTER[value] || "unknown code"}`;
  if (field === "confidence" && typeof value === "number") return `${Math.round(value * 100)} %`;
  if (field === "flags" && Array.isArray(value)) return flagsInWords(value);
  if (field === "fatalities" && ev && ev.fatalities_max && ev.fatalities_max !== value) return String(value);
  return show(value);
}

/** The value each field had before people first edited it (the machine's), from the audit trail. */
function machineValues(audit) {
  const out = {};
  for (const entry of audit || []) {
    if (!entry || entry.action !== "edit") continue;
    const before = entry.before && typeof entry.before === "object" && !Array.isArray(entry.before) ? entry.before : {};
    for (const [field, value] of Object.entries(before)) if (!(field in out)) out[field] = value;
  }
  return out;
}

function fieldList(ev) {
  const edited = new Set(ev.edited_fields || []);
  const before = machineValues(ev.audit);
  return GROUPS.map(([title, fields]) => h(
    "section",
    { class: "field-group" },
    h("h3", null, title),
    h("dl", null, fields.filter((f) => f in ev || f === "event_id").map((f) => {
      const value = ev[f];
      const attrs = { "data-field": f, class: "value" };
      if (FREE_TEXT.has(f)) attrs.dir = "auto";
      const extra = [];
      if (edited.has(f)) {
        extra.push(h("span", { class: "badge edited", title: "A person changed this value" }, "edited"));
        if (f in before) extra.push(h("span", { class: "machine", dir: "auto" }, `machine value: ${describe(f, before[f])}`));
      }
      if (f === "fatalities" && ev.fatalities_max && ev.fatalities_max !== value) {
        extra.push(h("span", { class: "muted" }, ` (reports say ${value ?? "?"}–${ev.fatalities_max})`));
      }
      if (f === "event_type") attrs.style = { "border-left": `4px solid ${colourOf(value)}`, "padding-left": "6px" };
      return h("div", { class: edited.has(f) ? "row edited" : "row" },
        h("dt", null, LABELS[f] || f),
        h("dd", null, h("span", attrs, describe(f, value, ev)), extra));
    })),
  ));
}

function auditTrail(audit) {
  const entries = audit || [];
  return h(
    "section",
    { class: "audit", "data-testid": "audit", "aria-labelledby": "audit-title" },
    h("h3", { id: "audit-title" }, "Audit trail"),
    entries.length
      ? h("ul", { class: "audit-list" }, entries.slice().reverse().map((a) => h(
        "li",
        { "data-audit-action": a.action || null },
        h("p", null, h("strong", null, show(a.action)), " by ", h("span", { dir: "auto" }, show(a.reviewer)), h("time", { datetime: a.at || null }, ` · ${show(a.at)}`)),
        a.reason ? h("p", { class: "reason", dir: "auto" }, `Why: ${a.reason}`) : null,
        changesList(a.changes, a.before),
      )))
      : h("p", { class: "muted" }, "No review yet: these are the machine's values."),
  );
}

/** What an audit entry changed: "field: before → after" for edits, the ids for splits and merges. */
function changesList(changes, before) {
  if (!changes || (typeof changes === "object" && !Object.keys(changes).length)) return null;
  if (typeof changes !== "object" || Array.isArray(changes)) return h("p", { class: "changes", dir: "auto" }, JSON.stringify(changes));
  const was = before && typeof before === "object" && !Array.isArray(before) ? before : {};
  const words = (v) => (Array.isArray(v) ? v.map((x) => (typeof x === "object" && x !== null ? JSON.stringify(x) : String(x))).join(", ")
    : typeof v === "object" && v !== null ? JSON.stringify(v) : show(v));
  return h("ul", { class: "changes" }, Object.entries(changes).map(([field, value]) => h(
    "li",
    { dir: "auto", "data-field-changed": field },
    h("span", { class: "field-name" }, LABELS[field] || field),
    ": ",
    field in was ? [h("del", null, words(was[field])), " → "] : null,
    h("ins", null, words(value)),
  )));
}

/** One report: how this article codes the event, and the article with its evidence in place. */
function reportCard(r, index, ev, splitting) {
  const art = r.article || {};
  const dirs = langAttrs(art.language);
  const url = safeUrl(art.url);
  const articleBox = h("div", { class: "article", "data-article-id": r.article_id || null }, h("p", { class: "muted" }, "Loading the article…"));
  const summary = [
    ["Type", [r.event_type, r.sub_event_type].filter(Boolean).join(" — ")],
    ["Date", r.event_date ? `${r.event_date}${r.time_precision ? ` (${TIME_PRECISION[r.time_precision] || r.time_precision})` : ""}` : null],
    ["Place", [r.location, r.admin1].filter(Boolean).join(", ") + (r.geo_precision ? ` (${GEO_PRECISION[r.geo_precision] || r.geo_precision})` : "")],
    ["Actors", [r.actor1, r.actor2].filter(Boolean).join(" vs ")],
    ["Fatalities", r.fatalities === null || r.fatalities === undefined ? null : `${r.fatalities}${r.fatalities_max && r.fatalities_max !== r.fatalities ? `–${r.fatalities_max}` : ""}`],
    ["Injured", r.injured],
    ["Sources", r.sources],
  ];
  return h(
    "article",
    { class: "report", "data-report-id": r.report_id, "aria-label": `Report ${index + 1}` },
    h(
      "header",
      null,
      splitting
        ? h("label", { class: "split-pick" }, h("input", { type: "checkbox", name: "report_ids", value: r.report_id }), " move to a new event")
        : null,
      h("h3", null, `Report ${index + 1}: `, h("span", { dir: "auto" }, show(r.outlet || art.source)), r.published || art.published ? h("span", { class: "muted" }, ` · published ${show(r.published || art.published)}`) : null),
      h("p", { class: "article-title", ...dirs }, url ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, show(art.title)) : show(art.title)),
    ),
    h("dl", { class: "report-summary" }, summary.map(([k, v]) => h("div", null, h("dt", null, k), h("dd", { dir: "auto" }, show(v)))),
      r.geo_reason ? h("div", { class: "wide" }, h("dt", null, "Why this place"), h("dd", { dir: "auto" }, r.geo_reason)) : null),
    articleBox,
  );
}

/** Fill an article box: title and text with every report's evidence marked, this event's as current. */
function renderArticle(box, article, eventId) {
  const dirs = langAttrs(article.language);
  const parts = spansByPart(article.reports, eventId);
  const title = typeof article.title === "string" ? article.title : "";
  const body = typeof article.text === "string" ? article.text : "";
  const t = locate(title, parts.title);
  const x = locate(body, parts.text);
  // evidence filed under the wrong part: look in the other one
  const t2 = locate(title, x.missing);
  const x2 = locate(body, t.missing);
  const titleRanges = [...t.ranges, ...t2.ranges];
  const textRanges = [...x.ranges, ...x2.ranges];
  const missing = [...t2.missing, ...x2.missing];
  const others = [...parts.title, ...parts.text].some((s) => !s.current);
  const textEl = h("div", { class: "article-text", ...dirs, tabindex: "0", "aria-label": "Article text" }, highlighted(body, textRanges));
  fill(
    box,
    h("p", { class: "article-legend muted" },
      h("mark", { class: "evidence current sample" }, "this event"),
      others ? [" ", h("mark", { class: "evidence sample" }, "other events in this article")] : null,
      ` · language: ${show(article.language)}`),
    title ? h("h4", { class: "article-heading", ...dirs }, highlighted(title, titleRanges)) : null,
    textEl,
    missing.length
      ? h("div", { class: "missing" }, h("p", null, "Evidence not found in the stored text:"),
        h("ul", null, missing.map((m) => h("li", { ...dirs, class: m.current ? "current" : null }, show(m.text)))))
      : null,
  );
  // scroll the text box (not the page) to this event's first evidence
  const first = textEl.querySelector("mark.evidence.current");
  if (first) textEl.scrollTop = Math.max(0, first.offsetTop - textEl.offsetTop - 40);
}

/** The event page. ctx: {config, navigate, isCurrent}. */
export async function renderEvent(root, id, ctx, flash) {
  const ev = await api.event(id);
  if (!ctx.isCurrent()) return;
  if (ev.event_id && ev.event_id !== id) {
    // an old id (merged since) or a prefix: show the event under its own id
    history.replaceState(null, "", `#/event/${encodeURIComponent(ev.event_id)}`);
  }
  const reports = ev.reports || [];
  const state = { splitting: false };
  const writes = ctx.config ? ctx.config.writes_enabled !== false : true;

  const title = h("h2", { class: "event-title" },
    h("span", { class: "swatch big", style: { background: colourOf(ev.event_type) } }),
    show(ev.event_type), ev.sub_event_type ? h("span", { class: "sub" }, ` — ${ev.sub_event_type}`) : null);
  const place = [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ");
  const lede = h("p", { class: "lede" },
    h("strong", null, show(ev.event_date)), " · ", h("span", { dir: "auto" }, place || "place unknown"), " · ",
    ev.fatalities === null || ev.fatalities === undefined ? "toll not reported" : `${ev.fatalities} killed`, " · ",
    `${reports.length || ev.n_reports || 0} report(s) from ${ev.n_outlets ?? 0} outlet(s)`);
  const status = h("span", { class: `status status-${ev.review_status}`, "data-testid": "review-status" }, show(ev.review_status));

  const message = h("div", { class: "message", role: "status", "aria-live": "polite", "data-testid": "review-message" });
  const error = h("div", { class: "error", role: "alert", "data-testid": "review-error", hidden: true });
  const say = (text, link) => {
    error.hidden = true;
    fill(message, text, link || null);
  };
  const fail = (err) => {
    fill(message);
    error.hidden = false;
    const code = err instanceof ApiError && err.status ? `${err.status}: ` : "";
    const text = `${code}${err.detail || err.message}`;
    fill(error, text);
    // the edit form shows the server's answer next to its own checks
    const formErrors = editBox.hidden ? null : editBox.querySelector(".form-errors");
    if (formErrors) fill(formErrors, `The server did not accept the edit: ${text}`);
    (formErrors || error).scrollIntoView({ block: "nearest" });
  };
  if (flash) say(flash.text, flash.link);

  const reviewer = h("input", { id: "reviewer", name: "reviewer", type: "text", autocomplete: "name", value: storageGet(STORE_REVIEWER), required: true, dir: "auto" });
  const token = h("input", { id: "token", name: "token", type: "password", autocomplete: "off", value: storageGet(STORE_TOKEN) });
  reviewer.addEventListener("change", () => storageSet(STORE_REVIEWER, reviewer.value.trim()));
  token.addEventListener("change", () => storageSet(STORE_TOKEN, token.value.trim()));
  const reason = h("textarea", { id: "reason", name: "reason", rows: "2", dir: "auto", placeholder: "Why (required to reject)" });
  const mergeWith = h("input", { id: "merge-with", name: "merge_with", type: "text", autocomplete: "off", placeholder: "ev…", spellcheck: "false" });

  const editBox = h("div", { class: "edit-box", hidden: true });
  const reportsBox = h("div", { class: "reports" });

  const who = () => {
    const name = reviewer.value.trim();
    storageSet(STORE_REVIEWER, name);
    storageSet(STORE_TOKEN, token.value.trim());
    if (!name) {
      fail(new Error("Write your name as reviewer first."));
      reviewer.focus();
      return null;
    }
    return { reviewer: name, reason: reason.value.trim() };
  };
  const reload = (text, link) => ctx.reload({ text, link });
  const run = async (button, work) => {
    const buttons = root.querySelectorAll(".review-actions button");
    buttons.forEach((b) => { b.disabled = true; });
    button.setAttribute("aria-busy", "true");
    say("Sending…");
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      buttons.forEach((b) => { b.disabled = !writes; });
      button.removeAttribute("aria-busy");
    }
  };

  const actions = {
    confirm: (b) => {
      const body = who();
      if (body) run(b, async () => {
        await api.confirm(ev.event_id, body, token.value.trim());
        reload(`Confirmed by ${body.reviewer}.`);
      });
    },
    reject: (b) => {
      const body = who();
      if (!body) return;
      if (!body.reason) {
        const answer = window.prompt("Why reject this event? (required)");
        if (answer && answer.trim()) {
          body.reason = answer.trim();
          reason.value = body.reason;
        } else {
          fail(new Error("A reason is required to reject: write it in “Reason”."));
          reason.focus();
          return;
        }
      }
      run(b, async () => {
        await api.reject(ev.event_id, body, token.value.trim());
        reload(`Rejected by ${body.reviewer}.`);
      });
    },
    edit: () => {
      editBox.hidden = !editBox.hidden;
      if (!editBox.hidden) {
        fill(editBox, editForm(ev, ctx.facets, async (changes, form) => {
          const body = who();
          if (!body) return;
          const submit = form.querySelector("[data-action='save-edit']");
          await run(submit, async () => {
            await api.edit(ev.event_id, { ...body, changes }, token.value.trim());
            reload(`Edited by ${body.reviewer}: ${Object.keys(changes).join(", ")}.`);
          });
        }, () => { editBox.hidden = true; }));
        editBox.querySelector("input, select, textarea").focus();
      }
    },
    split: (b) => {
      if (!state.splitting) {
        state.splitting = true;
        renderReports();
        say("Tick the reports that are another event, then press Split again.");
        return;
      }
      const ids = [...reportsBox.querySelectorAll("input[name='report_ids']:checked")].map((i) => i.value);
      if (!ids.length) {
        fail(new Error("Tick at least one report to move to a new event."));
        return;
      }
      if (ids.length === reports.length) {
        fail(new Error("Leave at least one report in this event."));
        return;
      }
      const body = who();
      if (body) run(b, async () => {
        const out = await api.split(ev.event_id, { ...body, report_ids: ids }, token.value.trim());
        const newId = out && out.event_id;
        reload(`Split by ${body.reviewer}: ${ids.length} report(s) moved to `,
          newId ? h("a", { href: `#/event/${encodeURIComponent(newId)}`, "data-testid": "new-event" }, newId) : "a new event");
      });
    },
    merge: (b) => {
      let other = mergeWith.value.trim();
      if (!other) {
        const answer = window.prompt("Merge with which event? (its id, ev…)");
        other = answer ? answer.trim() : "";
        mergeWith.value = other;
      }
      if (!other) {
        fail(new Error("Write the other event's id in “Merge with” first."));
        mergeWith.focus();
        return;
      }
      if (other === ev.event_id) {
        fail(new Error("That is this event's own id."));
        return;
      }
      const body = who();
      if (body) run(b, async () => {
        const out = await api.merge({ ...body, event_ids: [ev.event_id, other] }, token.value.trim());
        const merged = out && out.event_id;
        if (merged && merged !== ev.event_id) ctx.navigate(`#/event/${encodeURIComponent(merged)}`, { text: `Merged by ${body.reviewer} into this event.` });
        else reload(`Merged ${other} into this event (by ${body.reviewer}).`);
      });
    },
  };

  const buttons = [
    ["confirm", "Confirm", "The event is right as coded"],
    ["edit", "Edit…", "Correct some fields"],
    ["reject", "Reject", "Not an event (a reason is required)"],
    ["split", "Split…", "Some reports are another event"],
    ["merge", "Merge", "This and another event are one"],
  ].map(([action, label, hint]) => h("button", {
    type: "button", "data-action": action, title: hint, class: action === "reject" ? "danger" : action === "confirm" ? "primary" : null,
    disabled: !writes || (action === "split" && reports.length < 2),
    on: { click: (e) => actions[action](e.currentTarget) },
  }, label));

  const review = h(
    "section",
    { class: "review", "aria-labelledby": "review-title" },
    h("h3", { id: "review-title" }, "Review ", status),
    ev.reviewed_by ? h("p", { class: "muted" }, "Last reviewed by ", h("span", { dir: "auto" }, ev.reviewed_by), ev.reviewed_at ? ` · ${ev.reviewed_at}` : "") : null,
    (ev.edited_fields || []).length
      ? h("p", { class: "edited-note", "data-testid": "edited-fields" }, "Changed by a person: ",
        ev.edited_fields.map((f) => LABELS[f] || f).join(", "), ". Other fields are the machine's.")
      : null,
    writes ? null : h("p", { class: "notice" }, "This server is read-only: reviewing is turned off (start it with a token to review)."),
    h("form", { class: "review-form", "aria-label": "Reviewer", hidden: !writes, on: { submit: (e) => e.preventDefault() } },
      h("div", { class: "who" },
        h("div", { class: "field" }, h("label", { for: "reviewer" }, "Reviewer"), reviewer),
        h("div", { class: "field" }, h("label", { for: "token" }, "Token"), token)),
      h("div", { class: "field" }, h("label", { for: "reason" }, "Reason"), reason),
      h("div", { class: "field" }, h("label", { for: "merge-with" }, "Merge with (event id)"), mergeWith),
      h("div", { class: "review-actions" }, buttons)),
    message, error, editBox,
  );

  function renderReports() {
    fill(reportsBox,
      h("h2", null, `Reports (${reports.length})`),
      state.splitting ? h("p", { class: "notice" }, "Tick the reports to move into a new event, then press “Split…” again.") : null,
      reports.length ? null : h("p", { class: "muted" }, "No reports stored for this event."),
      reports.map((r, i) => reportCard(r, i, ev, state.splitting)));
    return Promise.all(reports.map(async (r) => {
      const box = reportsBox.querySelector(`article[data-report-id="${CSS.escape(String(r.report_id))}"] .article`);
      if (!r.article_id) {
        fill(box, h("p", { class: "muted" }, "No article stored for this report."));
        return;
      }
      try {
        const article = await ctx.article(r.article_id);
        if (box.isConnected) renderArticle(box, article, ev.event_id);
      } catch (err) {
        fill(box, h("p", { class: "error" }, `The article could not be loaded: ${err.detail || err.message}`));
      }
    }));
  }

  const mapBox = h("div", { class: "mini-map", "aria-label": "Where the event took place" });
  fill(
    root,
    h("header", { class: "event-head" },
      h("p", { class: "back" }, h("a", { href: ctx.backHref || "#/map" }, "← Back")),
      title, lede),
    h("div", { class: "event-grid" },
      h("div", { class: "event-fields" }, fieldList(ev)),
      h("div", { class: "event-side" }, review, mapBox, auditTrail(ev.audit))),
    reportsBox,
  );
  if (leafletReady()) {
    try {
      miniMap(mapBox, ev, ctx.config);
    } catch (err) {
      console.warn(err);
    }
  } else mapBox.hidden = true;
  await renderReports();
}

/** The edit form: current values, client-side checks, only the changed fields sent. */
function editForm(ev, facets, submit, cancel) {
  const value = (f) => (ev[f] === null || ev[f] === undefined ? "" : String(ev[f]));
  const types = EVENT_TYPES.map(([t]) => t);
  const options = (values, current, blank) => [
    blank ? h("option", { value: "" }, "—") : null,
    ...values.map((v) => h("option", { value: String(v), selected: String(v) === current }, typeof v === "number" ? `${v}` : v)),
  ];
  const subTypes = () => SUB_TYPES[form.elements.event_type.value] || [];
  const subSelect = h("select", { name: "sub_event_type", id: "edit-sub_event_type" });
  const fillSubs = (current) => {
    const list = subTypes();
    const values = list.includes(current) || !current ? list : [current, ...list];
    fill(subSelect, options(values, current, true));
  };
  const input = (name, attrs) => h("input", { name, id: `edit-${name}`, value: value(name), ...attrs });
  const row = (name, control, hint) => h("div", { class: "field", "data-edit-field": name },
    h("label", { for: control.id || `edit-${name}` }, LABELS[name] || name), control, hint ? h("p", { class: "hint" }, hint) : null);

  const form = h("form", { class: "edit-form", id: "edit-form", novalidate: true, "aria-label": "Edit the event" },
    h("h3", null, "Edit the event"),
    h("p", { class: "hint" }, "Only the fields you change are sent. The reason above is recorded with the edit."),
    h("div", { class: "edit-grid" },
      row("event_date", input("event_date", { type: "date" })),
      row("time_precision", h("select", { name: "time_precision", id: "edit-time_precision" },
        options([1, 2, 3], value("time_precision"), true).map((o) => {
          if (o && o.value) o.textContent = `${o.value} — ${TIME_PRECISION[o.value]}`;
          return o;
        }))),
      row("event_type", h("select", { name: "event_type", id: "edit-event_type" },
        options(types.includes(ev.event_type) || !ev.event_type ? types : [ev.event_type, ...types], value("event_type"), !ev.event_type))),
      row("sub_event_type", subSelect),
      row("actor1", input("actor1", { type: "text", list: "edit-actors", dir: "auto", maxlength: "200" })),
      row("actor2", input("actor2", { type: "text", list: "edit-actors", dir: "auto", maxlength: "200" })),
      row("assoc_actor_1", input("assoc_actor_1", { type: "text", list: "edit-actors", dir: "auto", maxlength: "200" })),
      row("assoc_actor_2", input("assoc_actor_2", { type: "text", list: "edit-actors", dir: "auto", maxlength: "200" })),
      row("location", input("location", { type: "text", dir: "auto", maxlength: "200" })),
      row("admin2", input("admin2", { type: "text", dir: "auto", maxlength: "100" })),
      row("admin1", input("admin1", { type: "text", list: "edit-admin1", dir: "auto", maxlength: "100" })),
      row("latitude", input("latitude", { type: "number", step: "any", min: "-90", max: "90" })),
      row("longitude", input("longitude", { type: "number", step: "any", min: "-180", max: "180" })),
      row("geo_precision", h("select", { name: "geo_precision", id: "edit-geo_precision" },
        options([1, 2, 3], value("geo_precision"), true).map((o) => {
          if (o && o.value) o.textContent = `${o.value} — ${GEO_PRECISION[o.value]}`;
          return o;
        }))),
      row("fatalities", input("fatalities", { type: "number", min: "0", step: "1", inputmode: "numeric" }), "Empty: not reported."),
      row("injured", input("injured", { type: "number", min: "0", step: "1", inputmode: "numeric" })),
      row("civilian_targeting", h("select", { name: "civilian_targeting", id: "edit-civilian_targeting" },
        h("option", { value: "", selected: ev.civilian_targeting === null || ev.civilian_targeting === undefined }, "—"),
        h("option", { value: "true", selected: ev.civilian_targeting === true }, "yes"),
        h("option", { value: "false", selected: ev.civilian_targeting === false }, "no"))),
    ),
    row("notes", h("textarea", { name: "notes", id: "edit-notes", rows: "3", dir: "auto", maxlength: "2000" }, value("notes"))),
    h("datalist", { id: "edit-actors" }, ((facets && facets.actors) || []).map((a) => h("option", { value: a }))),
    h("datalist", { id: "edit-admin1" }, ((facets && facets.admin1) || []).map((a) => h("option", { value: a }))),
    h("div", { class: "form-errors", role: "alert", "data-testid": "edit-errors" }),
    h("div", { class: "buttons" },
      h("button", { type: "submit", class: "primary", "data-action": "save-edit" }, "Save changes"),
      h("button", { type: "button", "data-action": "cancel-edit", on: { click: cancel } }, "Cancel")),
  );
  fillSubs(value("sub_event_type"));
  form.elements.event_type.addEventListener("change", () => fillSubs(""));

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const errorsBox = form.querySelector(".form-errors");
    const { changes, errors } = readEdit(form, ev);
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    if (errors.length) {
      for (const [name] of errors) if (form.elements[name]) form.elements[name].setAttribute("aria-invalid", "true");
      fill(errorsBox, h("ul", null, errors.map(([, msg]) => h("li", null, msg))));
      form.elements[errors[0][0]]?.focus();
      return;
    }
    if (!Object.keys(changes).length) {
      fill(errorsBox, "Nothing changed.");
      return;
    }
    fill(errorsBox);
    submit(changes, form);
  });
  return form;
}

/** The changed fields as the API wants them, and what is wrong with the form. */
export function readEdit(form, ev) {
  const changes = {};
  const errors = [];
  const raw = (name) => form.elements[name].value.trim();
  const same = (a, b) => (a === null || a === undefined ? null : a) === (b === null || b === undefined ? null : b);
  const put = (name, v) => {
    if (!same(v, ev[name])) changes[name] = v;
  };

  const date = raw("event_date");
  if (date) {
    const d = new Date(`${date}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) errors.push(["event_date", "The date is not a real calendar date."]);
    else if (d.getTime() > Date.now() + 86400000) errors.push(["event_date", "The date is in the future."]);
    else put("event_date", date);
  } else if (ev.event_date) errors.push(["event_date", "An event needs a date (it cannot be removed)."]);

  for (const name of ["time_precision", "geo_precision"]) {
    const v = raw(name);
    if (v) put(name, Number(v));
    else if (ev[name] !== null && ev[name] !== undefined) errors.push([name, `${LABELS[name]} cannot be removed.`]);
  }

  const type = raw("event_type");
  const sub = raw("sub_event_type");
  const typeChanged = !same(type || null, ev.event_type) || !same(sub || null, ev.sub_event_type);
  if (!type) {
    if (ev.event_type) errors.push(["event_type", "Choose an event type."]);
  } else put("event_type", type);
  if (typeChanged && type) {
    // ACLED's pairs; an unchanged pair is left alone even when it is not one of them
    if (!sub) errors.push(["sub_event_type", "Choose a sub-event type."]);
    else if (SUB_TYPES[type] && !SUB_TYPES[type].includes(sub)) errors.push(["sub_event_type", `“${sub}” is not a sub-event type of ${type}.`]);
    else put("sub_event_type", sub);
  }

  for (const [name, limit] of Object.entries(TEXT_LIMITS)) {
    const v = raw(name);
    if (v.length > limit) errors.push([name, `${LABELS[name]} is too long (${limit.toLocaleString("en")} characters at most).`]);
    else put(name, v === "" ? null : v);
  }
  if ("actor1" in changes && changes.actor1 === null) errors.push(["actor1", "Actor 1 cannot be empty: every event has a first actor."]);

  const lat = raw("latitude");
  const lon = raw("longitude");
  if ((lat === "") !== (lon === "")) errors.push([lat === "" ? "latitude" : "longitude", "Give both latitude and longitude, or neither."]);
  else if (lat !== "") {
    const la = Number(lat);
    const lo = Number(lon);
    if (!Number.isFinite(la) || la < -90 || la > 90) errors.push(["latitude", "Latitude must be a number from -90 to 90."]);
    else if (!Number.isFinite(lo) || lo < -180 || lo > 180) errors.push(["longitude", "Longitude must be a number from -180 to 180."]);
    else {
      if (!same(la, ev.latitude)) changes.latitude = la;
      if (!same(lo, ev.longitude)) changes.longitude = lo;
    }
  } else {
    put("latitude", null);
    put("longitude", null);
  }

  for (const name of ["fatalities", "injured"]) {
    const v = raw(name);
    if (v === "") put(name, null);
    else if (!/^\d+$/.test(v)) errors.push([name, `${LABELS[name]} must be a whole number, 0 or more (empty: not reported).`]);
    else if (Number(v) > 1000000) errors.push([name, `${LABELS[name]}: more than 1,000,000 in one event cannot be right.`]);
    else put(name, Number(v));
  }

  const civ = raw("civilian_targeting");
  put("civilian_targeting", civ === "" ? null : civ === "true");
  return { changes, errors };
}
