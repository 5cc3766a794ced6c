// DOM helpers. Every piece of data reaches the page as a text node or an
// attribute value set with setAttribute: never parsed as HTML.

import { t, has, lang } from "./i18n.js";

const SVG_NS = "http://www.w3.org/2000/svg";

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
  return el;
}

function setAttrs(el, attrs) {
  if (!attrs) return el;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "on") {
      for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    } else if (k === "class") {
      el.setAttribute("class", Array.isArray(v) ? v.filter(Boolean).join(" ") : v);
    } else if (k === "dataset") {
      for (const [dk, dv] of Object.entries(v)) if (dv !== null && dv !== undefined) el.dataset[dk] = String(dv);
    } else if (k === "style") {
      for (const [sk, sv] of Object.entries(v)) el.style.setProperty(sk, String(sv));
    } else if (k === "href") {
      el.setAttribute("href", safeHref(v));
    } else if (k.startsWith("on")) {
      throw new Error("use the `on` map for event handlers");
    } else {
      el.setAttribute(k, v === true ? "" : String(v));
    }
  }
  return el;
}

/** Only same-page hash routes, relative paths and http(s) URLs become link targets. */
export function safeHref(v) {
  const s = String(v);
  if (s.startsWith("#") || s.startsWith("/")) return s;
  try {
    const u = new URL(s);
    if (u.protocol === "http:" || u.protocol === "https:") return u.href;
  } catch (_) { /* not a URL */ }
  return "#/";
}

/** h("a", {href: "#/"}, "text", child, [more]) */
export function h(tag, attrs, ...children) {
  return append(setAttrs(document.createElement(tag), attrs), children);
}

/** The same for SVG elements (attributes are set verbatim with setAttribute). */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "on") for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      else if (k === "href") el.setAttribute("href", safeHref(v));
      else if (k.startsWith("on")) throw new Error("use the `on` map for event handlers");
      else el.setAttribute(k, String(v));
    }
  }
  return append(el, children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Snippet text with [[ ]] markers -> text nodes and <mark> elements. */
export function markedText(snippet) {
  const out = [];
  const str = String(snippet ?? "");
  let i = 0;
  while (i < str.length) {
    const a = str.indexOf("[[", i);
    if (a < 0) { out.push(str.slice(i)); break; }
    const b = str.indexOf("]]", a + 2);
    if (b < 0) { out.push(str.slice(i)); break; }
    if (a > i) out.push(str.slice(i, a));
    out.push(h("mark", null, str.slice(a + 2, b)));
    i = b + 2;
  }
  return out;
}

export const route = {
  story: (id) => `#/story/${encodeURIComponent(id)}`,
  event: (id) => `#/event/${encodeURIComponent(id)}`,
  article: (id, p, extra) => {
    let u = `#/article/${encodeURIComponent(id)}`;
    const q = new URLSearchParams();
    if (p !== undefined && p !== null) q.set("p", String(p));
    if (extra) for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== null) q.set(k, String(v));
    const qs = q.toString();
    return qs ? `${u}?${qs}` : u;
  },
  entity: (name) => `#/entity/${encodeURIComponent(name)}`,
  search: (params) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
    const qs = q.toString();
    return qs ? `#/search?${qs}` : "#/search";
  },
};

// --- dates -------------------------------------------------------------------
// Stored dates are ISO strings with the outlet's own UTC offset (or bare dates).
// The UI shows the wall-clock time the outlet gave, with the offset, and places
// marks on charts by that wall-clock time (so "11:20 WIB" reads as 11:20).

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?/;

export function parseDate(v) {
  if (!v) return null;
  const m = ISO.exec(String(v));
  if (!m) return null;
  const [, y, mo, d, hh, mi, ss, off] = m;
  return {
    t: Date.UTC(+y, mo ? +mo - 1 : 0, d ? +d : 1, hh ? +hh : 0, mi ? +mi : 0, ss ? +ss : 0),
    hasTime: hh !== undefined,
    precision: d ? "day" : mo ? "month" : "year",
    offset: off ? (off === "Z" ? "UTC" : `UTC${off.length === 5 ? off.slice(0, 3) + ":" + off.slice(3) : off}`) : null,
  };
}

/** Month abbreviations of the UI's language (the catalogue's "months"; English when it has none). */
function months() {
  const m = t("months");
  return Array.isArray(m) && m.length === 12 ? m : MONTHS;
}

export function fmtDay(ms) {
  const d = new Date(ms);
  return `${d.getUTCDate()} ${months()[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function pad(n) { return String(n).padStart(2, "0"); }

/** "25 Jan 2021, 11:20 (UTC+07:00)" / "25 Jan 2021" / raw text when unparseable. */
export function fmtDate(v, { offset = true } = {}) {
  if (!v) return "";
  const p = parseDate(v);
  if (!p) return String(v);
  const d = new Date(p.t);
  if (p.precision === "year") return String(d.getUTCFullYear());
  if (p.precision === "month") return `${months()[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  let out = fmtDay(p.t);
  if (p.hasTime) out += `, ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  if (offset && p.hasTime && p.offset) out += ` (${p.offset})`;
  return out;
}

/** A compact date span: "24–27 Jan 2021", "30 Jan – 2 Feb 2021", "25 Jan 2021". */
export function fmtSpan(a, b) {
  const pa = parseDate(a), pb = parseDate(b);
  if (!pa && !pb) return "";
  if (!pa || !pb) return fmtDay((pa || pb).t);
  const da = new Date(pa.t), db = new Date(pb.t);
  const sameDay = fmtDay(pa.t) === fmtDay(pb.t);
  if (sameDay) return fmtDay(pa.t);
  if (da.getUTCFullYear() === db.getUTCFullYear()) {
    if (da.getUTCMonth() === db.getUTCMonth()) {
      return `${da.getUTCDate()}–${db.getUTCDate()} ${months()[db.getUTCMonth()]} ${db.getUTCFullYear()}`;
    }
    return `${da.getUTCDate()} ${months()[da.getUTCMonth()]} – ${fmtDay(pb.t)}`;
  }
  return `${fmtDay(pa.t)} – ${fmtDay(pb.t)}`;
}

/** "3 articles" / "3 artikel": the noun in the UI's language when the catalogue has it ("n.<word>"). */
export function plural(n, one, many) {
  const word = n === 1 ? one : (many || one + "s");
  return `${n} ${has(`n.${word}`) ? t(`n.${word}`) : word}`;
}

// --- tooltip -----------------------------------------------------------------
// One floating tooltip for chart marks and annotated text: elements carry
// data-tip (plain text, shown with textContent) and get it on hover and focus.

let tipEl = null;
let tipOwner = null;

function tip() {
  if (!tipEl) {
    tipEl = h("div", { id: "tooltip", role: "tooltip", class: "tooltip", hidden: true });
    document.body.appendChild(tipEl);
  }
  return tipEl;
}

function showTip(el, x, y) {
  const t = tip();
  const text = el.getAttribute("data-tip");
  if (!text) return;
  tipOwner = el;
  clear(t);
  for (const [i, line] of text.split("\n").entries()) {
    t.appendChild(h("div", { class: i === 0 ? "tip-head" : "tip-line" }, line));
  }
  t.hidden = false;
  el.setAttribute("aria-describedby", "tooltip");
  const r = el.getBoundingClientRect();
  const px = x ?? (r.left + r.width / 2);
  const py = y ?? r.top;
  const tw = t.offsetWidth, th = t.offsetHeight;
  let left = px - tw / 2;
  left = Math.max(8, Math.min(left, document.documentElement.clientWidth - tw - 8));
  let top = (y === undefined ? r.top : py) - th - 10;
  if (top < 8) top = (y === undefined ? r.bottom : py) + 14;
  t.style.left = `${left + window.scrollX}px`;
  t.style.top = `${top + window.scrollY}px`;
}

function hideTip() {
  if (tipOwner) tipOwner.removeAttribute("aria-describedby");
  tipOwner = null;
  if (tipEl) tipEl.hidden = true;
}

export function installTooltips(root = document) {
  root.addEventListener("mouseover", (e) => {
    const el = e.target.closest && e.target.closest("[data-tip]");
    if (el && el !== tipOwner) showTip(el);
    else if (!el && tipOwner) hideTip();
  });
  root.addEventListener("focusin", (e) => {
    const el = e.target.closest && e.target.closest("[data-tip]");
    if (el) showTip(el); else hideTip();
  });
  root.addEventListener("focusout", hideTip);
  root.addEventListener("keydown", (e) => { if (e.key === "Escape") hideTip(); });
  window.addEventListener("hashchange", hideTip);
}

const LANG_NAMES = (() => {
  try { return new Intl.DisplayNames([lang, "en"], { type: "language" }); } catch (_) { return null; }
})();

/** "Indonesian" for "id", "English" for "en" (the browser's own names: nothing fetched); the code if unknown. */
export function langName(code) {
  const c = String(code || "").trim();
  if (!c) return "";
  try { return (LANG_NAMES && LANG_NAMES.of(c)) || c.toUpperCase(); } catch (_) { return c.toUpperCase(); }
}

/** The `lang` attribute for text in language `code` (null when unknown: the text then inherits the page's). */
export function langAttr(code) {
  const c = String(code || "").trim().toLowerCase();
  return /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(c) ? c : null;
}

/** A home-page address with these filters (empty values left out). */
route.home = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "" && v !== false) q.set(k, String(v));
  const qs = q.toString();
  return qs ? `#/?${qs}` : "#/";
};

/** A quotes-explorer address with these filters (empty values left out). */
route.quotes = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const qs = q.toString();
  return qs ? `#/quotes?${qs}` : "#/quotes";
};
