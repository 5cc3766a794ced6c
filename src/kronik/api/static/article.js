// The article page: clean text with entities, quotes and time expressions
// highlighted (spans are character offsets into each paragraph), metadata and
// the boilerplate that was removed.

import { h, route, fmtDate, plural, langAttr, langName } from "./dom.js";
import { typeName, typeClass, section, muted } from "./components.js";
import { api } from "./api.js";
import { t } from "./i18n.js";

const LEVEL = { source: 0, quote: 1, entity: 2, time: 3 };

/** Where a quote sits in its paragraph (quotes carry text, not offsets). */
function locateQuote(par, text) {
  if (!text) return null;
  let i = par.indexOf(text);
  if (i >= 0) return [i, i + text.length];
  const norm = (x) => x.replace(/[“”„«»]/g, '"').replace(/[‘’]/g, "'");
  const np = norm(par), nt = norm(text).trim();
  i = np.indexOf(nt);
  if (i >= 0) return [i, i + nt.length];
  return null;
}

/**
 * Nest annotations into a tree: a span inside another becomes its child; a
 * span crossing another's boundary is dropped (it cannot be drawn nested).
 */
export function nestSpans(len, spans) {
  const sorted = spans
    .filter((a) => Number.isInteger(a.start) && Number.isInteger(a.end) && a.start >= 0 && a.end <= len && a.end > a.start)
    .sort((a, b) => a.start - b.start || b.end - a.end || LEVEL[a.kind] - LEVEL[b.kind]);
  const root = { start: 0, end: len, children: [] };
  const stack = [root];
  for (const a of sorted) {
    while (stack.length > 1 && stack[stack.length - 1].end <= a.start) stack.pop();
    const top = stack[stack.length - 1];
    if (a.end > top.end) continue;
    const node = { ...a, children: [] };
    top.children.push(node);
    stack.push(node);
  }
  return root;
}

function renderNode(text, node, wrap) {
  const out = [];
  let i = node.start;
  for (const c of node.children) {
    if (c.start > i) out.push(text.slice(i, c.start));
    out.push(wrap(c, renderNode(text, c, wrap)));
    i = c.end;
  }
  if (i < node.end) out.push(text.slice(i, node.end));
  return out;
}

function wrapAnnotation(a, children) {
  if (a.kind === "entity") {
    const e = a.data;
    const tip = [`${e.shown || e.canonical || e.text}`, typeName(e.label || e.type)];
    if (e.role) tip.push(`role: ${e.role}`);
    if (e.canonical && (e.shown || e.canonical) !== e.text) tip.push(`written “${e.text}”`);
    return h("a", {
      class: ["ent", `ent-${typeClass(e.label || e.type)}`], href: route.entity(e.canonical || e.text),
      "data-tip": tip.join("\n"), dataset: { type: e.label || e.type },
    }, children);
  }
  if (a.kind === "time") {
    const t = a.data;
    const tip = [t.value ? `${t.value}` : "no resolved value", `${t.type || "time"}: “${t.text}”`];
    return h("span", { class: ["timex", t.value ? null : "unresolved"], tabindex: 0, "data-tip": tip.join("\n"), dataset: { value: t.value } }, children);
  }
  if (a.kind === "quote") {
    const q = a.data;
    return h("q", { class: ["quote", q.direct === false ? "indirect" : null], "data-tip": `${q.speaker || q.speaker_text || "Unattributed"}${q.direct === false ? " (indirect)" : ""}` }, children);
  }
  if (a.kind === "source") return h("mark", { class: "source-span" }, children);
  return h("span", null, children);
}

export function annotatedParagraph(text, index, art, extra = []) {
  const spans = [...extra];
  // an entity is linked by its one identity and named as the article's language names it (entity_names,
  // added by app.js from /api/entity-names/<language>)
  const shown = art.entity_names || {};
  for (const e of art.entities || []) if (e.paragraph === index) spans.push({ kind: "entity", start: e.start, end: e.end, data: { ...e, shown: shown[e.canonical] } });
  for (const t of art.times || []) if (t.paragraph === index) spans.push({ kind: "time", start: t.start, end: t.end, data: t });
  for (const q of art.quotes || []) {
    if (q.paragraph !== index) continue;
    const at = Number.isInteger(q.start) && Number.isInteger(q.end) ? [q.start, q.end] : locateQuote(text, q.text);
    if (at) spans.push({ kind: "quote", start: at[0], end: at[1], data: q });
  }
  // The source span a link asked for wins: an annotation crossing its boundary is not drawn
  // (nestSpans would otherwise drop the source span, the one thing the reader came to see).
  const sources = spans.filter((a) => a.kind === "source");
  const crosses = (a, b) => a.start < b.end && b.start < a.end
    && !(a.start >= b.start && a.end <= b.end) && !(b.start >= a.start && b.end <= a.end);
  const drawn = sources.length ? spans.filter((a) => a.kind === "source" || !sources.some((s) => crosses(a, s))) : spans;
  return renderNode(text, nestSpans(text.length, drawn), wrapAnnotation);
}

function metaRow(label, value) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return null;
  return [h("dt", null, label), h("dd", null, value)];
}

function metadata(a) {
  let urlNode = null;
  if (a.url) {
    let ok = false;
    try { ok = ["http:", "https:"].includes(new URL(a.url).protocol); } catch (_) { ok = false; }
    urlNode = ok ? h("a", { href: a.url, rel: "noopener noreferrer nofollow", target: "_blank", class: "url" }, a.url) : h("span", { class: "url" }, a.url);
  }
  const published = a.published
    ? [h("time", { datetime: a.published }, fmtDate(a.published)), a.published_basis === "inferred" ? h("span", { class: "badge", title: "Not stated on the page: inferred" }, "inferred") : null]
    : null;
  return h("dl", { class: "meta-list" },
    metaRow(t("meta.outlet"), a.outlet ? h("a", { href: route.search({ outlet: a.outlet }) }, a.outlet) : null),
    metaRow(t("meta.published"), published),
    metaRow(t("meta.authors"), (a.authors || []).join(", ")),
    metaRow(t("meta.dateline"), a.dateline),
    metaRow(t("meta.wires"), (a.wire_sources || []).join(", ")),
    metaRow(t("meta.language"), a.language ? langName(a.language) : null),
    metaRow(t("meta.url"), urlNode),
    metaRow(t("meta.source"), h("span", { class: "source-path" }, a.source)),
    // descriptive link texts: where each link goes, named by its title once known (nameLinks)
    metaRow(t("meta.event"), a.event ? h("a", { href: route.event(a.event), id: "meta-event" }, t("article.event_link")) : null),
    metaRow(t("meta.story"), a.story ? h("a", { href: route.story(a.story), id: "meta-story" }, t("article.story_link")) : null),
    metaRow(t("meta.duplicate_of"), a.duplicate_of ? h("a", { href: route.article(a.duplicate_of), id: "meta-original" }, t("article.original_link")) : null),
    metaRow(t("meta.id"), h("code", null, a.id)));
}

function removedPanel(a) {
  const removed = a.removed || [];
  const box = h("div", { id: "removed", class: "removed", hidden: true },
    removed.length
      ? h("ol", { class: "removed-list" }, removed.map((r) =>
        h("li", null, h("span", { class: "reason" }, r.reason || "removed"), h("span", { class: "removed-text" }, r.text))))
      : muted("Nothing was removed."));
  const btn = h("button", { type: "button", class: "button", id: "toggle-removed", "aria-expanded": "false", "aria-controls": "removed" },
    `Show removed boilerplate (${removed.length})`);
  btn.addEventListener("click", () => {
    const open = box.hidden;
    box.hidden = !open;
    btn.setAttribute("aria-expanded", String(open));
    btn.textContent = `${open ? "Hide" : "Show"} removed boilerplate (${removed.length})`;
  });
  return h("div", { class: "removed-wrap" }, btn, box);
}

function legend() {
  return h("p", { class: "legend", "aria-label": "Highlight legend" },
    h("span", { class: "ent ent-per" }, "person"), " ",
    h("span", { class: "ent ent-org" }, "organisation"), " ",
    h("span", { class: "ent ent-loc" }, "place"), " ",
    h("span", { class: "timex" }, "time (hover for its value)"), " ",
    h("q", { class: "quote" }, "quote"));
}

/** Give the event and original-article links their titles (fetched after the page is drawn). */
function nameLinks(page, a) {
  const set = (id, text) => { const el = page.querySelector(`#${id}`); if (el && text) el.textContent = text; };
  if (a.event) api.event(a.event).then((ev) => set("meta-event", t("article.event_named", { title: ev.title || t("untitled.event") }))).catch(() => {});
  if (a.duplicate_of) {
    api.article(a.duplicate_of).then((o) => set("meta-original", `${o.outlet ? `${o.outlet}: ` : ""}“${o.title || "(untitled article)"}”`)).catch(() => {});
  }
}

export function articlePage(a, params) {
  const target = params.has("p") ? Number(params.get("p")) : null;
  const s0 = params.has("s") ? Number(params.get("s")) : null, e0 = params.has("e") ? Number(params.get("e")) : null;
  const paragraphs = a.paragraphs || [];
  const lang = langAttr(a.language);  // screen readers and hyphenation read Indonesian text as Indonesian
  const body = h("div", { class: "article-body", lang }, paragraphs.length
    ? paragraphs.map((p, i) => {
      const extra = i === target && Number.isInteger(s0) && Number.isInteger(e0) ? [{ kind: "source", start: s0, end: e0 }] : [];
      const speakers = (a.quotes || []).filter((q) => q.paragraph === i).map((q) => q.speaker || q.speaker_text).filter(Boolean);
      return h("p", { id: `p${i}`, class: ["para", i === target ? "highlight" : null], dataset: { index: i }, tabindex: i === target ? -1 : null },
        h("a", { class: "para-no", href: route.article(a.id, i), "aria-label": `Paragraph ${i + 1}` }, String(i + 1)),
        annotatedParagraph(p, i, a, extra),
        speakers.length ? h("span", { class: "para-speakers" }, `— ${[...new Set(speakers)].join(", ")}`) : null);
    })
    : muted(t("article.no_body")));

  const counts = [plural((a.entities || []).length, "entity", "entities"), plural((a.quotes || []).length, "quote"), plural((a.times || []).length, "time expression")];
  const page = h("article", { class: "article-page" },
    h("header", { class: "page-head" },
      h("p", { class: "kicker" }, a.outlet || t("unknown_outlet"), a.published ? ` · ${fmtDate(a.published, { offset: false })}` : ""),
      h("h1", { tabindex: -1, lang: a.title ? lang : null }, a.title || "(untitled article)"),
      a.duplicate_of ? h("p", { class: "notice" }, t("article.dup_1"), h("a", { href: route.article(a.duplicate_of) }, t("article.dup_link")), ".") : null),
    h("div", { class: "article-grid" },
      h("div", { class: "article-main" }, legend(), body, removedPanel(a)),
      h("aside", { class: "article-side" },
        section(t("article.details"), metadata(a), { id: "meta" }),
        section(t("article.annotations"), h("p", { class: "muted" }, counts.join(" · ")), { id: "ann" }))));
  return { node: page, title: a.title || "Article", after: () => {
    nameLinks(page, a);
    if (target !== null) {
      const el = document.getElementById(`p${target}`);
      if (el) { el.scrollIntoView({ block: "center" }); el.focus({ preventScroll: true }); }
    }
  } };
}
