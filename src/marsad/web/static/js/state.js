// The view's state lives in location.hash, so every view can be shared as a URL:
//   #/map?from=2018-02-01&type=Battles      #/table?admin1=Idlib&sort=-fatalities&page=2
//   #/event/ev3f2a…                          #/paste

/** ACLED's six event types, in legend order, with their colours. */
export const EVENT_TYPES = [
  ["Battles", "#c62828"],
  ["Explosions/Remote violence", "#ef6c00"],
  ["Violence against civilians", "#6a1b9a"],
  ["Protests", "#2e7d32"],
  ["Riots", "#a1887f"],
  ["Strategic developments", "#1565c0"],
];
export const TYPE_COLOUR = Object.fromEntries(EVENT_TYPES);
export const OTHER_COLOUR = "#607d8b";
export const colourOf = (type) => TYPE_COLOUR[type] || OTHER_COLOUR;

/** ACLED's sub-event types of each event type (for the edit form's check). */
export const SUB_TYPES = {
  Battles: ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": [
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade",
  ],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  Protests: ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  Riots: ["Violent demonstration", "Mob violence"],
  "Strategic developments": [
    "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use", "Headquarters or base established",
    "Looting/property destruction", "Non-violent transfer of territory", "Other",
  ],
};

export const GEO_PRECISION = {
  1: "the named town or site",
  2: "near it, or part of a district/region",
  3: "a region or governorate only",
};
export const TIME_PRECISION = { 1: "the day", 2: "the week", 3: "the month" };
export const INTER = {
  1: "state forces", 2: "rebel group", 3: "political militia", 4: "identity militia", 5: "rioters",
  6: "protesters", 7: "civilians", 8: "external/other forces",
};
// flags that change how far an event can be trusted, in words (the others are shown as written)
export const FLAG_WORDS = {
  claimed: "claimed: only a party to the conflict names who did it; the report does not confirm it",
  contested: "contested: the sides blame each other",
  unknown_perpetrator: "the report does not say who did it",
  attackers_named_together: "one of several attackers named together (one event each)",
  toll_divided: "a toll given for several places or attackers, divided evenly among them",
  location_unresolved: "a place the gazetteer does not know: coded to the wider area",
  weak_trigger: "told with a weak word (an event only with more in the clause)",
};

/** Flags in words: the known ones explained, the rest as written. */
export function flagsInWords(flags) {
  return (flags || []).map((f) => FLAG_WORDS[f] || f).join("; ");
}

export const STATUSES = ["unreviewed", "confirmed", "edited", "rejected"];
export const DEFAULT_STATUSES = ["unreviewed", "confirmed", "edited"]; // the API's default: all but rejected

/** Query parameters that filter events (shared by the map, timeline, table and downloads). */
export const FILTER_KEYS = ["from", "to", "type", "sub_type", "admin1", "country", "actor", "min_fatalities",
  "min_outlets", "min_confidence", "status", "corroboration"];
export const MULTI_KEYS = new Set(["type", "sub_type", "admin1", "country", "status", "corroboration"]);

/** Parse the hash into {view, id, params}. Unknown views fall back to the map. */
export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#/, "");
  const [path, query = ""] = raw.split(/\?(.*)/s);
  const parts = path.split("/").filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  const params = new URLSearchParams(query);
  const view = parts[0] || "map";
  if (view === "event" && parts[1]) return { view, id: parts[1], params };
  if (["map", "table", "paste", "alerts"].includes(view)) return { view, params };
  return { view: "map", params };
}

/** Only the filter parameters of a URLSearchParams, in a stable order, empty values dropped. */
export function filterParams(params) {
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    for (const value of params.getAll(key)) if (value !== "") out.append(key, value);
  }
  // the default status selection is the API's default: keep URLs short
  const statuses = out.getAll("status");
  if (statuses.length && sameSet(statuses, DEFAULT_STATUSES)) out.delete("status");
  return out;
}

export function sameSet(a, b) {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** "#/map?…" for a view and its parameters. */
export function hashFor(view, params) {
  const s = params ? params.toString() : "";
  return `#/${view}${s ? `?${s}` : ""}`;
}

/** Parameters without some keys (e.g. the timeline ignores paging). */
export function without(params, ...keys) {
  const out = new URLSearchParams(params);
  for (const k of keys) out.delete(k);
  return out;
}
