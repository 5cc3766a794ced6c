// Pieces shared by the story, event, entity and search pages.

import { h, route, fmtDate, plural } from "./dom.js";
import { t, t as tr, has } from "./i18n.js";
import { barList } from "./charts.js";

export const TYPE_NAMES = {
  PER: "Person", PERSON: "Person", ORG: "Organisation", LOC: "Place", GPE: "Place", FAC: "Place",
  EVT: "Event", EVENT: "Event", MISC: "Other", NOR: "Group", PRD: "Product", WOA: "Work",
};
const GROUPS = [["group.people", ["PER", "PERSON"]], ["group.orgs", ["ORG"]], ["group.places", ["LOC", "GPE", "FAC"]]];

/** An entity type in words, in the UI's language (message "type.<name>", e.g. "type.Person"). */
export function typeName(t) {
  const en = TYPE_NAMES[String(t || "").toUpperCase()] || (t ? String(t) : "Entity");
  return has(`type.${en}`) ? tr(`type.${en}`) : en;
}

export function typeClass(t) {
  const u = String(t || "").toUpperCase();
  if (u === "PER" || u === "PERSON") return "per";
  if (u === "ORG") return "org";
  if (u === "LOC" || u === "GPE" || u === "FAC") return "loc";
  return "misc";
}

export function section(title, body, { id, extra, level = "h2" } = {}) {
  return h("section", { class: "panel", id, "aria-labelledby": id ? `${id}-h` : null },
    h("div", { class: "panel-head" }, h(level, { id: id ? `${id}-h` : null }, title), extra || null),
    body);
}

export function muted(text) {
  return h("p", { class: "muted" }, text);
}

export function entityChip(e) {
  return h("a", { class: ["chip", `ent-${typeClass(e.type)}`], href: route.entity(e.name), title: typeName(e.type) },
    h("span", { class: "chip-name" }, e.name),
    e.count !== undefined ? h("span", { class: "chip-count", "aria-label": `${e.count} mentions` }, String(e.count)) : null);
}

/** Entities grouped into people / organisations / places (then others). */
export function entityGroups(entities) {
  if (!entities || !entities.length) return muted(t("none.entities"));
  const used = new Set();
  const blocks = [];
  for (const [label, types] of GROUPS) {
    const items = entities.filter((e) => types.includes(String(e.type || "").toUpperCase()));
    items.forEach((e) => used.add(e));
    if (items.length) blocks.push(h("div", { class: "ent-group" }, h("h3", null, t(label)), h("div", { class: "chips" }, items.map(entityChip))));
  }
  const rest = entities.filter((e) => !used.has(e));
  if (rest.length) blocks.push(h("div", { class: "ent-group" }, h("h3", null, t("group.other")), h("div", { class: "chips" }, rest.map(entityChip))));
  return h("div", { class: "ent-groups" }, blocks);
}

/** Source link for an item that carries {article, paragraph}. */
export function sourceLink(item, outletOf, extra) {
  const outlet = outletOf ? outletOf(item.article) : null;
  const label = `${outlet || "source"}${item.paragraph !== undefined && item.paragraph !== null ? ` ¶${Number(item.paragraph) + 1}` : ""}`;
  const ex = {};
  if (item.start !== undefined && item.end !== undefined && item.start !== null && item.end !== null) { ex.s = item.start; ex.e = item.end; }
  return h("a", { class: "source-link", href: route.article(item.article, item.paragraph, { ...ex, ...extra }), title: "Open the source paragraph" }, label);
}

/** A quote's source as evidence: outlet, date and headline, linking to the quoted paragraph
 *  ("Detik, 3 May 2024: “Gempa M5,6 …” ¶4"); the plain outlet link when the article is not known here. */
export function evidenceLink(item, article) {
  if (!article || !(article.title || article.published)) return sourceLink(item, () => article && article.outlet);
  const par = item.paragraph !== undefined && item.paragraph !== null ? ` ¶${Number(item.paragraph) + 1}` : "";
  const when = article.published ? fmtDate(article.published, { offset: false }) : null;
  const label = `${[article.outlet, when].filter(Boolean).join(", ")}${article.title ? `: “${clipText(article.title, 70)}”` : ""}${par}`;
  return h("a", { class: "source-link evidence", href: route.article(item.article, item.paragraph), title: "Open the quoted paragraph" }, label);
}

function clipText(text, n) { const str = String(text || ""); return str.length > n ? `${str.slice(0, n - 1).trimEnd()}…` : str; }

export function summaryList(summary, outletOf) {
  if (!summary || !summary.length) return muted(t("none.summary"));
  return h("ul", { class: "summary" }, summary.map((it) =>
    h("li", null, h("span", { class: "summary-text" }, it.text), " ", sourceLink(it, outletOf))));
}

/** The same words carried by several outlets: one quote with all its sources. */
function mergeQuotes(quotes) {
  const byText = new Map();
  for (const q of quotes) {
    const key = String(q.text || "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    if (!byText.has(key)) byText.set(key, { ...q, sources: [] });
    byText.get(key).sources.push(q);
  }
  return [...byText.values()];
}

/** Who said what: quotes grouped by speaker, each speaker a disclosure. */
export function quotesBySpeaker(groups, outletOf, { open = 3, perSpeaker = 4, evidence = null, speakers = Infinity } = {}) {
  if (!groups || !groups.length) return muted(t("none.quotes"));
  const box = h("div", { class: "speakers" });
  const block = (g, i) => {
    const quotes = mergeQuotes(g.quotes || []);
    const list = h("ul", { class: "quotes" });
    const renderQuotes = (n) => {
      while (list.firstChild) list.removeChild(list.firstChild);
      for (const q of quotes.slice(0, n)) {
        list.appendChild(h("li", null,
          h("blockquote", null, q.text),
          h("div", { class: "quote-meta" }, q.verb ? h("span", { class: "verb" }, q.verb) : null,
            q.sources.map((src) => (evidence ? evidence(src) : sourceLink(src, outletOf))))));
      }
      if (quotes.length > n) {
        list.appendChild(h("li", { class: "more" }, h("button", { type: "button", class: "link-button", on: { click: () => renderQuotes(quotes.length) } },
          t("more.n", { n: quotes.length - n }))));
      }
    };
    renderQuotes(perSpeaker);
    const known = g.speaker && !String(g.speaker).startsWith("(");
    const det = h("details", { class: "speaker", open: i < open },
      h("summary", null,
        h("span", { class: "speaker-name" }, g.speaker || t("unattributed")),
        h("span", { class: "count" }, plural(g.count ?? quotes.length, "quote"))),
      known ? h("p", { class: "speaker-link" }, h("a", { href: route.entity(g.speaker) }, t("speaker.about", { name: g.speaker }))) : null,
      list);
    return det;
  };
  box.append(...groups.slice(0, speakers).map(block));
  if (groups.length > speakers) {
    const rest = groups.slice(speakers);
    const more = h("button", { type: "button", class: "link-button", id: "more-speakers" },
      `${plural(rest.length, "more speaker")}: ${rest.slice(0, 4).map((g) => g.speaker).join(", ")}${rest.length > 4 ? ", …" : ""}`);
    more.addEventListener("click", () => { more.replaceWith(...rest.map((g, i) => block(g, speakers + i))); });
    box.append(more);
  }
  return box;
}

export function coverage(items) {
  if (!items || !items.length) return muted(t("none.coverage"));
  return barList(items.map((c) => ({ label: c.outlet || c.name || "(unknown outlet)", count: c.count, href: route.search({ outlet: c.outlet || c.name }) })));
}

export function articleList(articles, { eventTitles, showEvent = false } = {}) {
  if (!articles || !articles.length) return muted(t("event.no_articles"));
  const byId = new Map(articles.map((a) => [a.id, a]));
  return h("ul", { class: "article-list" }, articles.map((a) => {
    const meta = [
      a.outlet ? h("span", { class: "outlet" }, a.outlet) : null,
      a.published ? h("time", { datetime: a.published }, fmtDate(a.published, { offset: false })) : null,
      showEvent && a.event ? h("a", { href: route.event(a.event), class: "event-ref" }, (eventTitles && eventTitles.get(a.event)) || "event") : null,
    ].filter(Boolean);
    return h("li", { class: a.duplicate_of ? "dup" : null },
      h("a", { href: route.article(a.id), class: "article-title" }, a.title || "(untitled)"),
      a.duplicate_of ? h("span", { class: "badge dup-badge", title: "A near-duplicate of another stored article" }, "duplicate") : null,
      h("div", { class: "meta" }, meta.flatMap((m, i) => (i ? [" · ", m] : [m]))),
      a.duplicate_of ? h("div", { class: "meta" }, "Same as ", h("a", { href: route.article(a.duplicate_of) },
        (byId && byId.get(a.duplicate_of) && byId.get(a.duplicate_of).title) ? `the original: “${clipText(byId.get(a.duplicate_of).title, 60)}”` : "the original article")) : null);
  }));
}

export function pager({ total, limit, offset }, hrefFor) {
  if (!total || total <= limit) return null;
  const page = Math.floor(offset / limit) + 1, pages = Math.ceil(total / limit);
  const prev = offset > 0 ? h("a", { href: hrefFor(Math.max(0, offset - limit)), rel: "prev", class: "button" }, t("pager.prev")) : h("span", { class: "button disabled", "aria-disabled": "true" }, t("pager.prev"));
  const next = offset + limit < total ? h("a", { href: hrefFor(offset + limit), rel: "next", class: "button" }, t("pager.next")) : h("span", { class: "button disabled", "aria-disabled": "true" }, t("pager.next"));
  return h("nav", { class: "pager", "aria-label": t("pager.label") }, prev, h("span", { class: "page-info" }, t("pager.info", { page, pages })), next);
}

export function outletChips(outlets, max = 4) {
  if (!outlets || !outlets.length) return null;
  const shown = outlets.slice(0, max);
  return h("span", { class: "outlets" },
    shown.map((o) => h("span", { class: "outlet-chip" }, o.name || "(unknown)", o.count > 1 ? h("span", { class: "x" }, ` ×${o.count}`) : null)),
    outlets.length > max ? h("span", { class: "outlet-chip more" }, `+${outlets.length - max} more`) : null);
}
