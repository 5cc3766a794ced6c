// The JSON API (see docs/api or /openapi.json). Same origin, no credentials needed.

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail || `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
  }
}

async function request(path, init) {
  let res;
  try {
    res = await fetch(path, { headers: { Accept: "application/json" }, ...init });
  } catch (e) {
    throw new ApiError(0, "The server could not be reached.");
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

export const api = {
  stats: () => request("/api/stats"),
  stories: (p) => request(`/api/stories${qs(p)}`),
  story: (id) => request(`/api/stories/${enc(id)}`),
  events: (p) => request(`/api/events${qs(p)}`),
  event: (id) => request(`/api/events/${enc(id)}`),
  articles: (p) => request(`/api/articles${qs(p)}`),
  article: (id) => request(`/api/articles/${enc(id)}`),
  search: (p) => request(`/api/search${qs(p)}`),
  entities: (p) => request(`/api/entities${qs(p)}`),
  entity: (name) => request(`/api/entities/${enc(name)}`),
  quotes: (p) => request(`/api/quotes${qs(p)}`),
  job: (id) => request(`/api/jobs/${enc(id)}`),
  ingest: (files) => {
    const fd = new FormData();
    for (const f of files) fd.append("files", f, f.name);
    return request("/api/ingest", { method: "POST", body: fd });
  },
  cluster: (reset = false) => request("/api/cluster", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ reset }),
  }),
};
