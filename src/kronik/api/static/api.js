// The JSON API (see docs/api or /openapi.json), same origin.
//
// Every request carries the X-Kronik-Request header: the server refuses writes without it (or a bearer
// token), which a page on another site cannot add without a CORS preflight the server refuses.  When the
// server answers 401 (a token is needed: a shared server), the user is asked for it once; it is kept for
// this tab only (sessionStorage) and sent as "Authorization: Bearer ...", never in a URL.

import { h } from "./dom.js";

const TOKEN_KEY = "kronik-token";

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
  }
}

function storedToken() {
  try { return sessionStorage.getItem(TOKEN_KEY) || ""; } catch (_) { return ""; }
}

function keepToken(token) {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
  } catch (_) { /* storage disabled: asked again next time */ }
}

/** Ask for the server's token in a modal dialog; resolves to the token, or "" when cancelled. */
export function askToken(reason) {
  return new Promise((resolve) => {
    const input = h("input", { type: "password", id: "token-input", autocomplete: "current-password", required: true });
    const ok = h("button", { type: "submit", class: "button primary", id: "token-ok", value: "ok" }, "Use token");
    const cancel = h("button", { type: "button", class: "button", id: "token-cancel" }, "Cancel");
    const form = h("form", { method: "dialog" },
      h("h2", null, "Token needed"),
      h("p", null, reason || "This server needs a token for this."),
      h("p", null, h("label", { for: "token-input" }, "Token"), " ", input),
      h("p", null, ok, " ", cancel));
    const dialog = h("dialog", { id: "token-dialog", class: "token-dialog" }, form);
    const done = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    cancel.addEventListener("click", () => done(""));
    form.addEventListener("submit", (e) => { e.preventDefault(); done(input.value.trim()); });
    dialog.addEventListener("cancel", () => done(""));
    document.body.appendChild(dialog);
    dialog.showModal();
    input.focus();
  });
}

async function request(path, init, retried = false) {
  const headers = { Accept: "application/json", "X-Kronik-Request": "1", ...((init && init.headers) || {}) };
  const token = storedToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, { ...init, headers, credentials: "same-origin" });
  } catch (e) {
    throw new ApiError(0, "The server could not be reached.");
  }
  if (res.status === 401 && !retried) {
    keepToken("");
    const given = await askToken(token ? "The token was not accepted; enter it again." : "This server needs a token for this.");
    if (given) {
      keepToken(given);
      return request(path, init, true);
    }
  }
  let body = null;
  const text = await res.text();
  if (text) {
    try { body = JSON.parse(text); } catch (_) { body = null; }
  }
  if (!res.ok) {
    let detail = body && body.detail;
    if (Array.isArray(detail)) detail = detail.map((d) => d.msg || JSON.stringify(d)).join("; ");
    throw new ApiError(res.status, typeof detail === "string" ? detail : `HTTP ${res.status}`);
  }
  return body;
}

function qs(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === "") continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

const enc = encodeURIComponent;

// mapping: { fields: { role: column }, dateOrder: "auto" | "DMY" | "MDY" } (the upload page's choices).
function addMapping(fd, mapping) {
  if (!mapping) return;
  for (const [role, column] of Object.entries(mapping.fields || {})) {
    if (column) fd.append("field", `${role}=${column}`);
  }
  if (mapping.dateOrder && mapping.dateOrder !== "auto") fd.append("date_order", mapping.dateOrder);
}

export const api = {
  stats: () => request("/api/stats"),
  stories: (p) => request(`/api/stories${qs(p)}`),
  today: (p) => request(`/api/today${qs(p)}`),
  facets: () => request("/api/facets"),
  story: (id) => request(`/api/stories/${enc(id)}`),
  events: (p) => request(`/api/events${qs(p)}`),
  event: (id) => request(`/api/events/${enc(id)}`),
  articles: (p) => request(`/api/articles${qs(p)}`),
  article: (id) => request(`/api/articles/${enc(id)}`),
  search: (p) => request(`/api/search${qs(p)}`),
  entities: (p) => request(`/api/entities${qs(p)}`),
  entity: (name) => request(`/api/entities/${enc(name)}`),
  entityNames: (lang) => request(`/api/entity-names/${enc(lang)}`),
  quotes: (p) => request(`/api/quotes${qs(p)}`),
  // Curated corrections of entities (writes: the server's write permission, like uploads).
  corrections: (p) => request(`/api/corrections${qs(p)}`),
  correct: (body) => request("/api/corrections", {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
  }),
  uncorrect: (id) => request(`/api/corrections/${enc(String(id))}`, { method: "DELETE" }),
  job: (id) => request(`/api/jobs/${enc(id)}`),
  ingest: (files, mapping) => {
    const fd = new FormData();
    for (const f of files) fd.append("files", f, f.name);
    addMapping(fd, mapping);
    return request("/api/ingest", { method: "POST", body: fd });
  },
  // How a file will be read (columns, date order and its evidence, first records), before anything is stored.
  inspect: (file, mapping) => {
    const fd = new FormData();
    fd.append("file", file, file.name);
    addMapping(fd, mapping);
    return request("/api/inspect", { method: "POST", body: fd });
  },
  cluster: (reset = false) => request("/api/cluster", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ reset }),
  }),
};
