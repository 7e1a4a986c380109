// The HTTP API: JSON in, JSON out, errors as ApiError carrying the server's {"detail": "..."}.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
    this.detail = detail;
  }
}

const STATUS_WORDS = {
  401: "not authorised: the token is missing or wrong",
  403: "not allowed",
  404: "not found",
  409: "conflict: the event changed meanwhile",
  413: "too large",
  422: "not accepted",
};

let readToken = null;
/** When /api/config says reads need a token, GETs send it too. */
export function setReadToken(token) {
  readToken = token || null;
}

/** URLSearchParams → "?a=1&b=2" ("" when empty). */
export function queryString(params) {
  const s = params.toString();
  return s ? `?${s}` : "";
}

async function parse(response) {
  const type = response.headers.get("Content-Type") || "";
  let body = null;
  if (type.includes("json")) {
    try {
      body = await response.json();
    } catch {
      body = null;
    }
  } else {
    body = await response.text().catch(() => "");
  }
  if (!response.ok) {
    let detail = body && typeof body === "object" && "detail" in body ? body.detail : null;
    if (Array.isArray(detail)) {
      // FastAPI's own validation errors: [{loc: [...], msg: "..."}]
      detail = detail.map((d) => [Array.isArray(d.loc) ? d.loc.join(".") : "", d.msg].filter(Boolean).join(": ")).join("; ");
    } else if (detail !== null && typeof detail !== "string") {
      detail = JSON.stringify(detail);
    }
    const words = STATUS_WORDS[response.status] || `HTTP ${response.status}`;
    throw new ApiError(response.status, detail ? String(detail) : words);
  }
  return body;
}

async function request(method, path, { params, body, token } = {}) {
  const headers = { Accept: "application/json" };
  const auth = token || (method === "GET" ? readToken : null);
  if (auth) headers.Authorization = `Bearer ${auth}`;
  const init = { method, headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path + (params ? queryString(params) : ""), init);
  } catch (err) {
    throw new ApiError(0, `the server did not answer (${err.message})`);
  }
  return parse(response);
}

export const api = {
  config: () => request("GET", "/api/config"),
  facets: () => request("GET", "/api/facets"),
  events: (params) => request("GET", "/api/events", { params }),
  geojson: (params) => request("GET", "/api/events.geojson", { params }),
  daily: (params) => request("GET", "/api/stats/daily", { params }),
  event: (id) => request("GET", `/api/events/${encodeURIComponent(id)}`),
  article: (id) => request("GET", `/api/articles/${encodeURIComponent(id)}`),
  code: (body) => request("POST", "/api/code", { body }),
  confirm: (id, body, token) => request("POST", `/api/events/${encodeURIComponent(id)}/confirm`, { body, token }),
  reject: (id, body, token) => request("POST", `/api/events/${encodeURIComponent(id)}/reject`, { body, token }),
  edit: (id, body, token) => request("PATCH", `/api/events/${encodeURIComponent(id)}`, { body, token }),
  split: (id, body, token) => request("POST", `/api/events/${encodeURIComponent(id)}/split`, { body, token }),
  merge: (body, token) => request("POST", "/api/events/merge", { body, token }),
  alerts: () => request("GET", "/api/alerts"),
  addAlert: (body, token) => request("POST", "/api/alerts", { body, token }),
  removeAlert: (name, token) => request("DELETE", `/api/alerts/${encodeURIComponent(name)}`, { token }),
};

/** True when GETs carry a token (a link alone cannot: downloads go through fetch then). */
export function readsCarryToken() {
  return Boolean(readToken);
}

/** Download an API URL with the token header, saved under a file name. */
export async function downloadWithToken(url, filename) {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${readToken}` } });
  if (!response.ok) await parse(response);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10000);
}

/** Links for downloads: the API URLs with the same filters. */
export function downloadUrl(kind, params) {
  const path = kind === "csv" ? "/api/events.csv" : "/api/events.geojson";
  return path + queryString(params);
}
