// The quotes explorer (#/quotes): every stored quote as evidence (speaker, date, outlet, headline, a link to the
// quoted paragraph), filtered by speaker, entity mentioned, story, outlet, dates and text, page by page, with the
// same filters as a CSV or JSONL download (/api/quotes/export).

import { h, route, fmtDate, plural, langAttr } from "./dom.js";
import { t } from "./i18n.js";
import { api } from "./api.js";
import { muted, pager } from "./components.js";

export const QUOTE_FILTERS = ["speaker", "entity", "story", "outlet", "q", "from", "to"];
const LIMIT = 25;

/** A filter's label (message "quotes.filter.<name>"; looked up when drawn, after the catalogue has loaded). */
const label = (name) => t(`quotes.filter.${name}`);

function quoteParams(params) {
  const p = {};
  for (const k of QUOTE_FILTERS) if (params.get(k)) p[k] = params.get(k);
  return p;
}

/** The download of every quote these filters find (no page limit). */
function exportHref(p, format) {
  const q = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(p)) if (v) q.set(k, String(v));
  return `/api/quotes/export?${q}`;
}

function filterForm(p, outlets, people) {
  const text = (name, type = "text", extra = {}) => {
    const id = `quotes-${name}`;
    return h("span", { class: "field" }, h("label", { for: id }, label(name)),
      h("input", { type, id, name, value: p[name] || "", ...extra }));
  };
  const outletSel = h("span", { class: "field" }, h("label", { for: "quotes-outlet" }, label("outlet")),
    h("select", { id: "quotes-outlet", name: "outlet" },
      h("option", { value: "" }, t("home.all_outlets")),
      outlets.map((o) => h("option", { value: o.value, selected: p.outlet === o.value }, `${o.value} (${o.count})`)),
      p.outlet && !outlets.some((o) => o.value === p.outlet) ? h("option", { value: p.outlet, selected: true }, p.outlet) : null));
  const names = h("datalist", { id: "quotes-people" }, people.map((e) => h("option", { value: e.name })));
  const form = h("form", { class: "home-filters quote-filters", id: "quote-filters", "aria-label": t("quotes.filter_form"), on: { submit: (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    const next = {};
    for (const k of QUOTE_FILTERS) { const v = String(fd.get(k) || "").trim(); if (v) next[k] = v; }
    location.hash = route.quotes(next);
  } } },
  text("speaker", "text", { list: "quotes-people", autocomplete: "off" }), names,
  text("entity", "text", { autocomplete: "off" }),
  text("q", "search", { placeholder: t("quotes.in_quote") }),
  outletSel,
  text("from", "date"), text("to", "date"),
  p.story ? h("input", { type: "hidden", name: "story", value: p.story }) : null,
  h("button", { type: "submit", class: "button primary" }, t("home.apply")),
  Object.keys(p).length ? h("a", { href: route.quotes({}), class: "button" }, t("home.clear")) : null);
  return form;
}

function quoteRow(r) {
  const lang = langAttr(r.language);
  const par = Number.isInteger(r.paragraph) ? r.paragraph : null;
  return h("tr", null,
    h("td", { class: "q-text" }, h("blockquote", { lang }, r.text)),
    h("td", { class: "q-speaker" }, r.speaker ? h("a", { href: route.entity(r.speaker) }, r.speaker) : h("span", { class: "muted" }, t("quotes.unattributed"))),
    h("td", { class: "q-date" }, r.published ? h("time", { datetime: r.published }, fmtDate(r.published, { offset: false })) : "–"),
    h("td", { class: "q-outlet" }, r.outlet || "–"),
    h("td", { class: "q-source" },
      h("a", { href: route.article(r.article, par), class: "source-link evidence", lang },
        `${r.headline || t("untitled.article")}${par !== null ? ` ¶${par + 1}` : ""}`),
      r.story ? h("div", { class: "meta" }, h("a", { href: route.quotes({ story: r.story }), title: t("quotes.story_title") }, t("quotes.of_story"))) : null));
}

export async function quotesPage(params) {
  const p = quoteParams(params);
  const offset = Number(params.get("offset") || 0);
  const [res, facets, people, story] = await Promise.all([
    api.quotes({ ...p, limit: LIMIT, offset }),
    api.search({ limit: 0 }).then((r) => r.facets || {}).catch(() => ({})),
    api.entities({ type: "PER", limit: 100 }).then((r) => r.results || []).catch(() => []),
    p.story ? api.story(p.story).catch(() => null) : Promise.resolve(null)]);
  const active = Object.keys(p).map((k) => {
    const rest = { ...p };
    delete rest[k];
    const value = k === "story" ? (story && story.title) || p.story : p[k];
    return h("a", { class: "chip active-filter", href: route.quotes(rest), title: t("filter.remove") },
      `${label(k)}: ${value}`, h("span", { "aria-hidden": "true" }, " ×"));
  });
  const table = res.results.length
    ? h("div", { class: "table-scroll" }, h("table", { class: "quote-table", id: "quote-table" },
      h("caption", { class: "visually-hidden" }, t("quotes.caption")),
      h("thead", null, h("tr", null, ["quotes.col_quote", "quotes.col_speaker", "meta.published", "meta.outlet", "quotes.col_source"].map((key) => h("th", { scope: "col" }, t(key))))),
      h("tbody", null, res.results.map(quoteRow))))
    : h("div", { class: "empty", id: "quotes-empty" }, muted(Object.keys(p).length ? t("quotes.no_match") : t("quotes.none")),
      active.length ? h("p", null, t("quotes.remove_filter"), active) : null);
  const downloads = res.total
    ? h("span", { class: "exports", id: "quote-exports" }, ` · ${t("quotes.download_all")} `,
      h("a", { href: exportHref(p, "csv"), download: "", rel: "nofollow" }, "CSV"), " · ",
      h("a", { href: exportHref(p, "jsonl"), download: "", rel: "nofollow" }, "JSONL"))
    : null;
  const node = h("div", { class: "quotes-page" },
    h("header", { class: "page-head" },
      h("h1", { tabindex: -1 }, t("quotes.title")),
      h("p", { class: "lede" }, t("quotes.lede")),
      h("p", { class: "meta", id: "quote-count" }, plural(res.total, "quote"), Object.keys(p).length ? t("home.match") : "", downloads),
      active.length ? h("div", { class: "chips active-filters" }, active) : null),
    filterForm(p, facets.outlet || [], people),
    table,
    pager(res, (o) => route.quotes({ ...p, offset: o || "" })));
  return { node, title: t("quotes.title") };
}
