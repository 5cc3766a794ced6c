// Pages: stories list, story, event, search, entity, upload.

import { h, route, fmtDate, fmtSpan, plural, markedText, langName, langAttr } from "./dom.js";
import { api } from "./api.js";
import { t } from "./i18n.js";
import { articleDiff } from "./diff.js";
import { timelineChart, countsChart, fitLabels } from "./charts.js";
import {
  section, muted, entityGroups, summaryList, quotesBySpeaker, coverage, articleList, pager,
  outletChips, sourceLink, evidenceLink, typeName, typeClass, entityChip,
} from "./components.js";
import { correctionsPanel, showEntity } from "./corrections.js";

// --- stories list (home) -----------------------------------------------------

const HOME_FILTERS = ["sort", "min_articles", "outlet", "language", "from", "to"];

function homeParams(params) {
  const p = {};
  for (const k of HOME_FILTERS) if (params.get(k)) p[k] = params.get(k);
  return p;
}

/** The home page's filter bar: ranking, hide single-article stories, outlet, language, dates (a GET-like form
 *  that rewrites the hash, so every filtered view has an address). */
function homeFilters(p, facets) {
  const select = (name, label, options, value) => {
    const id = `home-${name}`;
    return h("span", { class: "field" }, h("label", { for: id }, label),
      h("select", { id, name }, options.map(([v, t]) => h("option", { value: v, selected: String(value || "") === v }, t))));
  };
  const outlets = (facets.outlet || []).map((f) => [String(f.value), `${f.label || f.value} (${f.count})`]);
  const langs = (facets.language || []).map((f) => [String(f.value), `${langName(f.value)} (${f.count})`]);
  const single = h("input", { type: "checkbox", id: "home-min", name: "min_articles", value: "2", checked: Number(p.min_articles || 0) >= 2 });
  const form = h("form", { class: "home-filters", id: "home-filters", "aria-label": t("home.filters"), on: { submit: (e) => {
    e.preventDefault();
    const fd = new FormData(form);
    const next = {};
    for (const k of HOME_FILTERS) { const v = fd.get(k); if (v) next[k] = String(v); }
    if (next.sort === "recent") delete next.sort;
    location.hash = route.home(next);
  } } },
  select("sort", t("home.rank_by"), [["recent", t("home.newest")], ["coverage", t("home.most_covered")]], p.sort || "recent"),
  select("outlet", t("home.outlet"), [["", t("home.all_outlets")], ...outlets], p.outlet),
  select("language", t("home.language"), [["", t("home.all_languages")], ...langs], p.language),
  h("span", { class: "field" }, h("label", { for: "home-from" }, t("home.from")), h("input", { type: "date", id: "home-from", name: "from", value: p.from || "" })),
  h("span", { class: "field" }, h("label", { for: "home-to" }, t("home.to")), h("input", { type: "date", id: "home-to", name: "to", value: p.to || "" })),
  h("label", { class: "check", for: "home-min" }, single, " ", t("home.hide_single")),
  h("button", { type: "submit", class: "button primary" }, t("home.apply")),
  Object.keys(p).length ? h("a", { href: "#/", class: "button" }, t("home.clear")) : null);
  return form;
}

function storyCard(st) {
  const outlets = st.outlets || [];
  const lead = st.lead;
  return h("li", { class: "story-card" },
    h("h2", null, h("a", { href: route.story(st.id) }, st.title || t("untitled.story"))),
    h("p", { class: "meta" },
      h("span", { class: "span" }, fmtSpan(st.start, st.end) || t("undated")), " · ",
      plural(st.n_events, "event"), " · ", plural(st.n_articles, "article"),
      outlets.length ? [" · ", plural(outlets.length, "outlet")] : null),
    lead ? h("p", { class: "lead" }, h("span", { lang: langAttr(lead.language) }, clip(lead.text, 260)), " ",
      lead.article ? sourceLink(lead, () => lead.outlet) : null) : null,
    outletChips(outlets));
}

/** The biggest events of the store's latest day (most articles, then outlets), above the ranked stories. */
function todayStrip(today) {
  if (!today || !today.day || !(today.results || []).length) return null;
  return h("section", { class: "today", id: "today", "aria-labelledby": "today-h" },
    h("h2", { id: "today-h" }, t("today.title", { day: fmtDate(today.day) })),
    h("p", { class: "meta" }, t("today.lede")),
    h("ol", { class: "today-list" }, today.results.map((ev) => h("li", { class: "today-card" },
      h("h3", null, h("a", { href: route.event(ev.id) }, ev.title || t("untitled.event"))),
      h("p", { class: "meta" }, plural(ev.n_articles, "article"), " · ", plural(ev.n_outlets, "outlet")),
      ev.lead ? h("p", { class: "lead", lang: langAttr(ev.lead.language) }, clip(ev.lead.text, 160)) : null))));
}

export async function homePage(params) {
  const offset = Number(params.get("offset") || 0);
  const limit = 20;
  const p = homeParams(params);
  const [stories, stats, facets, today] = await Promise.all([
    api.stories({ ...p, limit, offset }), api.stats().catch(() => null),
    api.facets().catch(() => ({})),
    offset || Object.keys(p).length ? null : api.today({ limit: 6 }).catch(() => null)]);
  const statLine = stats
    ? h("p", { class: "stats" }, [
      plural(stats.articles, "article"), plural(stats.events, "event"), plural(stats.stories, "story", "stories"), plural(stats.outlets, "outlet"),
    ].join(" · "))
    : null;
  let body;
  if (!stories.results.length && !Object.keys(p).length) {
    body = h("div", { class: "empty" },
      h("p", null, t("home.empty")),
      h("p", null, t("home.empty_how_1"), h("a", { href: "#/upload" }, t("home.upload_page")), t("home.empty_how_2"), h("code", null, "kronik ingest"), "."));
  } else if (!stories.results.length) {
    body = h("div", { class: "empty" }, h("p", null, t("home.no_match")),
      h("p", null, h("a", { href: "#/" }, t("home.show_all")), t("home.widen")));
  } else {
    body = h("ol", { class: "story-list", start: offset + 1 }, stories.results.map(storyCard));
  }
  const how = p.sort === "coverage" ? t("home.how_coverage") : t("home.how_recent");
  const nOn = Object.keys(p).length;
  return {
    title: t("home.title"),
    node: h("div", { class: "home" },
      h("header", { class: "page-head" }, h("h1", { tabindex: -1 }, t("home.title")),
        h("p", { class: "lede" }, `${how} ${t("home.lede")}`), statLine),
      todayStrip(today),
      h("details", { class: "home-filter-box", open: !window.matchMedia("(max-width: 760px)").matches || nOn > 0 },
        h("summary", null, nOn ? t("home.filters_on", { n: nOn }) : t("home.filters")), homeFilters(p, facets)),
      h("p", { class: "meta", id: "story-count" }, `${plural(stories.total, "story", "stories")}${nOn ? t("home.match") : ""}`),
      body,
      pager(stories, (o) => route.home({ ...p, offset: o || "" }))),
  };
}

// --- story -------------------------------------------------------------------

function dateKey(v) { return (v && Date.parse(v)) || 0; }

const byTime = (a, b) => (a.published ? 0 : 1) - (b.published ? 0 : 1) || dateKey(a.published) - dateKey(b.published);

function clip(text, n) { const str = String(text || ""); return str.length > n ? str.slice(0, n - 1).trimEnd() + "…" : str; }

function markSize(n) { return 4 + 2.6 * Math.sqrt(Math.max(1, n || 1)); }

/** A timeline date's sentences (`items` in the API contract; the store's timelines call them `sentences`). */
function dateItems(d) {
  return d.items || d.sentences || [];
}

/** The legend entries a timeline needs: "happened" and/or "scheduled". */
function dateKinds(timeline) {
  const kinds = new Set((timeline || []).map((d) => (d.status === "scheduled" ? "scheduled" : "happened")));
  return ["happened", "scheduled"].filter((k) => kinds.has(k));
}

function timelineDates(timeline) {
  return (timeline || []).map((d) => {
    const items = dateItems(d);
    const first = items[0];
    const lines = [`${fmtDate(d.date)}${d.status === "scheduled" ? " · scheduled" : ""}`];
    for (const it of items.slice(0, 2)) lines.push(clip(it.text, 160));
    const span = first && Number.isInteger(first.start) && Number.isInteger(first.end) ? { s: first.start, e: first.end } : undefined;
    return {
      date: d.date, status: d.status,
      href: first && first.article ? route.article(first.article, first.paragraph, span) : "#",
      tip: lines.join("\n"),
    };
  });
}

function timelineList(timeline, outletOf, shown = 12) {
  if (!timeline || !timeline.length) return null;
  const item = (d) => h("li", { class: d.status === "scheduled" ? "scheduled" : "happened" },
    h("time", { datetime: d.date }, fmtDate(d.date)),
    d.status === "scheduled" ? h("span", { class: "badge sched-badge" }, "scheduled") : null,
    h("ul", null, dateItems(d).map((it) => h("li", null, it.text, " ", it.article ? sourceLink(it, outletOf) : null))));
  const list = h("ol", { class: "timeline-list" }, timeline.slice(0, shown).map(item));
  if (timeline.length <= shown) return list;
  const more = h("button", { type: "button", class: "link-button" }, `Show all ${timeline.length} dates`);
  more.addEventListener("click", () => { list.replaceChildren(...timeline.map(item)); more.remove(); });
  return h("div", null, list, more);
}

/** Draws the chart into `holder` at its current width and again when the window is resized. */
function responsiveChart(holder, draw) {
  const paint = () => {
    const w = holder.clientWidth || 800;
    const svg = draw(w);
    holder.replaceChildren(...(svg ? [svg] : []));
    if (svg instanceof SVGElement) fitLabels(svg);
  };
  let last = 0;
  const onResize = () => {
    if (!holder.isConnected) { window.removeEventListener("resize", onResize); return; }
    if (Math.abs(holder.clientWidth - last) < 24) return;
    last = holder.clientWidth;
    paint();
  };
  window.addEventListener("resize", onResize);
  return () => { last = holder.clientWidth; paint(); };
}

const LEGEND = {
  event: ["lg-dot", "event (size: articles)"], article: ["lg-dot", "article"], duplicate: ["lg-dup", "duplicate"],
  happened: ["lg-happened", "happened"], scheduled: ["lg-scheduled", "scheduled"],
};

function chartLegend(...keys) {
  return h("p", { class: "chart-legend" }, keys.filter(Boolean).map((k) =>
    h("span", { class: "lg-item" }, h("span", { class: ["lg", LEGEND[k][0]], "aria-hidden": "true" }), LEGEND[k][1])));
}

/** The story in a few sentences: the lead sentence of each of its largest events (oldest first), each cited. */
function storyBrief(events, evidence, n = 4) {
  const big = [...events].filter((e) => (e.summary || []).length).sort((a, b) => (b.n_articles || 0) - (a.n_articles || 0)).slice(0, n);
  if (!big.length) return muted("No summary yet.");
  big.sort((a, b) => String(a.start || "").localeCompare(String(b.start || "")));
  return h("ul", { class: "summary brief" }, big.map((e) => {
    const it = e.summary[0];
    return h("li", null, h("a", { href: `#ev-${e.id}`, class: "brief-date", dataset: { jump: `ev-${e.id}` } }, fmtSpan(e.start, e.end) || "undated"), " ",
      h("span", { class: "summary-text" }, it.text), " ", evidence(it));
  }));
}

/** Links with `data-jump` move focus to that section of `node` (the hash router owns location.hash, so they
 *  scroll instead of navigating). */
function jumpLinks(node) {
  node.addEventListener("click", (ev) => {
    const a = ev.target.closest("a[data-jump]");
    if (!a) return;
    ev.preventDefault();
    const target = node.querySelector(`#${a.dataset.jump}`);
    if (target) { target.setAttribute("tabindex", "-1"); target.scrollIntoView({ block: "start" }); target.focus({ preventScroll: true }); }
  });
}

/** The story's largest `shown` events (in time order); every event, in time order, on demand. */
function foldedEvents(events, blocks, shown = 6) {
  if (!blocks.length) return muted("No events.");
  if (blocks.length <= shown + 1) return blocks;
  const keep = new Set([...events.keys()].sort((i, j) => (events[j].n_articles || 0) - (events[i].n_articles || 0)).slice(0, shown));
  const box = h("div", { class: "events-folded" }, h("p", { class: "meta" }, `The ${shown} largest of ${events.length} events, in time order.`),
    blocks.filter((_, i) => keep.has(i)));
  const more = h("button", { type: "button", class: "link-button", id: "all-events" }, `Show all ${events.length} events`);
  more.addEventListener("click", () => { box.replaceChildren(...blocks); more.remove(); });
  return [box, more];
}

/** An event's summary: the first `shown` sentences, the rest behind a disclosure. */
function foldedSummary(summary, outletOf, shown) {
  if (!summary || summary.length <= shown + 1) return summaryList(summary, outletOf);
  return h("div", null, summaryList(summary.slice(0, shown), outletOf),
    h("details", { class: "more-summary" }, h("summary", null, `${summary.length - shown} more sentences`), summaryList(summary.slice(shown), outletOf)));
}

/** Articles with near-copies folded under their original (a copy whose original is elsewhere stays a row). */
function foldedArticles(articles, eventTitles, shown = 12) {
  const ids = new Set(articles.map((a) => a.id));
  const copies = new Map();
  for (const a of articles) {
    if (a.duplicate_of && ids.has(a.duplicate_of)) {
      if (!copies.has(a.duplicate_of)) copies.set(a.duplicate_of, []);
      copies.get(a.duplicate_of).push(a);
    }
  }
  const originals = articles.filter((a) => !(a.duplicate_of && ids.has(a.duplicate_of)));
  const nCopies = articles.length - originals.length;
  const row = (a) => {
    const list = articleList([a], { eventTitles, showEvent: true });
    const cs = copies.get(a.id) || [];
    if (cs.length) {
      list.firstChild.appendChild(h("details", { class: "copies" },
        h("summary", null, `${plural(cs.length, "copy", "copies")}: ${[...new Set(cs.map((c) => c.outlet || "unknown outlet"))].join(", ")}`),
        articleList(cs)));
    }
    return list.firstChild;
  };
  const ul = h("ul", { class: "article-list folded" }, originals.slice(0, shown).map(row));
  const parts = [nCopies ? h("p", { class: "meta" }, `${plural(originals.length, "original article")}; ${plural(nCopies, "near-copy", "near-copies")} folded under their original.`) : null, ul];
  if (originals.length > shown) {
    const more = h("button", { type: "button", class: "link-button" }, `Show all ${originals.length} articles`);
    more.addEventListener("click", () => { ul.replaceChildren(...originals.map(row)); more.remove(); });
    parts.push(more);
  }
  return h("div", null, parts);
}

/** Downloads of the story: its articles (the export endpoint with ?story=) and its quotes. */
function storyExports(st) {
  const link = (href, label) => h("a", { href, download: "", rel: "nofollow", class: "button" }, label);
  const enc = encodeURIComponent(st.id);
  return h("div", null,
    h("p", null, `Take the story out: its ${plural(st.n_articles, "article")} and its quotes with their sources.`),
    h("p", { class: "exports" },
      link(`/api/export?story=${enc}&format=csv`, "Articles (CSV)"), " ", link(`/api/export?story=${enc}&format=json`, "Articles (JSON)"), " ",
      link(`/api/quotes/export?story=${enc}&format=csv`, "Quotes (CSV)"), " ", link(`/api/quotes/export?story=${enc}&format=jsonl`, "Quotes (JSONL)")),
    h("p", null, "Follow it in a feed reader: ", h("a", { href: `/api/stories/${enc}/atom`, type: "application/atom+xml", id: "story-feed" }, "Atom feed of its newest articles"),
      " · ", h("a", { href: route.quotes({ story: st.id }) }, "its quotes in the quotes explorer")));
}

export async function storyPage(id) {
  const st = await api.story(id);
  const arts = new Map((st.articles || []).map((a) => [a.id, a]));
  const outletOf = (aid) => (arts.get(aid) || {}).outlet;
  const articles = [...(st.articles || [])].sort(byTime);
  const events = [...(st.events || [])].sort((a, b) => String(a.start || "").localeCompare(String(b.start || "")));
  const eventTitles = new Map(events.map((e) => [e.id, e.title || "(untitled event)"]));

  const holder = h("div", { class: "chart-holder", id: "story-timeline" });
  const paint = responsiveChart(holder, (w) => timelineChart({
    width: w, ariaLabel: "Story timeline",
    rows: events.map((e) => ({
      marks: [{
        start: e.start, end: e.end, size: markSize(e.n_articles), href: route.event(e.id), title: e.title || "(untitled event)",
        tip: `${e.title || "(untitled event)"}\n${fmtSpan(e.start, e.end) || "undated"} · ${plural(e.n_articles, "article")}`,
      }],
    })),
    dates: timelineDates(st.timeline),
  }) || muted("No dated events to draw."));

  const evidence = (src) => evidenceLink(src, arts.get(src.article));
  const eventBlocks = events.map((e) => h("article", { class: "event-block", id: `ev-${e.id}` },
    h("h3", null, h("a", { href: route.event(e.id) }, e.title || "(untitled event)")),
    h("p", { class: "meta" }, fmtSpan(e.start, e.end) || "undated", " · ", plural(e.n_articles, "article"),
      (e.outlets || []).length ? [" · ", (e.outlets || []).map((o) => o.name).join(", ")] : null),
    foldedSummary(e.summary, outletOf, 2)));

  const nArticles = articles.length;
  const jumps = [["brief", t("story.brief")], ["timeline", t("sec.timeline")], ["events", t("story.events_n", { n: events.length })], ["quotes", t("sec.quotes")],
    ["entities", t("story.people")], ["coverage", t("story.coverage")], ["articles", t("sec.articles_n", { n: nArticles })], ["export", t("story.export")]];
  const node = h("div", { class: "story-page" },
    h("header", { class: "page-head" },
      h("p", { class: "kicker" }, t("story.kicker")),
      h("h1", { tabindex: -1 }, st.title || "(untitled story)"),
      h("p", { class: "meta" }, fmtSpan(st.start, st.end) || "undated", " · ", plural(st.n_events, "event"), " · ",
        plural(st.n_articles, "article"), (st.coverage || []).length ? [" · ", plural(st.coverage.length, "outlet")] : null)),
    h("nav", { class: "jump-links", "aria-label": t("story.sections") },
      h("ul", null, jumps.map(([id, label]) => h("li", null, h("a", { href: `#${id}`, dataset: { jump: id } }, label))))),
    section(t("story.brief"), storyBrief(events, evidence), { id: "brief" }),
    section(t("sec.timeline"), [holder, chartLegend("event", ...dateKinds(st.timeline)),
      timelineList(st.timeline, outletOf, 6)], { id: "timeline" }),
    h("div", { class: "two-col" },
      h("div", { class: "col-main" },
        section(t("sec.events"), foldedEvents(events, eventBlocks), { id: "events" }),
        section(t("sec.quotes"), quotesBySpeaker(st.quotes_by_speaker, outletOf, { open: 2, perSpeaker: 3, evidence, speakers: 6 }), { id: "quotes" })),
      h("div", { class: "col-side" },
        section(t("sec.entities"), entityGroups(st.entities), { id: "entities" }),
        section(t("sec.coverage"), coverage(st.coverage), { id: "coverage" }))),
    section(t("sec.articles_n", { n: nArticles }), foldedArticles(articles, eventTitles), { id: "articles" }),
    section(t("story.export"), storyExports(st), { id: "export" }));
  jumpLinks(node);
  return { node, title: st.title || "Story", after: paint };
}

// --- event -------------------------------------------------------------------

/** One article per outlet (its earliest original; its earliest copy if it has only copies), at most `max`. */
function perOutlet(articles, max = 12) {
  const pick = new Map();
  for (const a of [...articles].sort(byTime)) {
    const k = a.outlet || "";
    const cur = pick.get(k);
    if (!cur || (cur.duplicate_of && !a.duplicate_of)) pick.set(k, a);
  }
  return [...pick.values()].slice(0, max);
}

/** How each outlet covered the event, side by side: outlet, headline, lead, its quotes. */
function perspectives(full, total) {
  if (!full.length) return muted(t("event.no_articles"));
  const card = (a) => {
    const lang = langAttr(a.language);
    const lead = (a.paragraphs || []).find((p) => String(p).trim().length > 40) || (a.paragraphs || [])[0] || "";
    const quotes = (a.quotes || []).slice(0, 2);
    return h("article", { class: "perspective" },
      h("h3", null, a.outlet || t("unknown_outlet")),
      h("p", { class: "persp-title" }, h("a", { href: route.article(a.id), lang }, a.title || t("untitled.article"))),
      h("p", { class: "meta" }, a.published ? fmtDate(a.published, { offset: false }) : t("undated"),
        a.duplicate_of ? [" · ", h("span", { class: "badge dup-badge" }, t("event.near_copy"))] : null),
      lead ? h("p", { class: "persp-lead", lang }, clip(lead, 320)) : null,
      quotes.length ? h("ul", { class: "persp-quotes" }, quotes.map((q) => h("li", null,
        h("q", { lang }, clip(q.text, 200)), " ", h("span", { class: "meta" }, `— ${q.speaker || q.speaker_text || t("unattributed")}`)))) : null);
  };
  return h("div", null,
    h("p", { class: "meta" }, t("event.perspectives_lede", { shown: full.length, total })),
    h("div", { class: "perspectives", id: "perspectives-grid" }, full.map(card)));
}

/** Each near-copy of the event with, on demand, what it changed from its original (a word-level diff). */
function copyDiffs(articles) {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const copies = articles.filter((a) => a.duplicate_of).slice(0, 30);
  if (!copies.length) return muted(t("diff.none"));
  return h("div", { class: "copy-diffs" }, copies.map((c) => {
    const orig = byId.get(c.duplicate_of);
    const body = h("div", { class: "diff-body", "aria-live": "polite" }, h("p", { class: "meta" }, t("app.loading")));
    const det = h("details", { class: "diff", dataset: { copy: c.id } },
      h("summary", null, t("diff.summary", { outlet: c.outlet || t("unknown_outlet"), original: (orig && orig.outlet) || t("diff.its_original") })),
      body);
    let loaded = false;
    det.addEventListener("toggle", async () => {
      if (!det.open || loaded) return;
      loaded = true;
      try {
        const [a, b] = await Promise.all([api.article(c.duplicate_of), api.article(c.id)]);
        const d = articleDiff(a, b);
        const lang = langAttr(b.language);
        body.replaceChildren(
          h("p", { class: "meta diff-stats" }, t("diff.stats", { removed: d.removed, added: d.added, same: d.same, total: d.total }), " ",
            h("a", { href: route.article(a.id) }, t("diff.open_original", { outlet: a.outlet || t("unknown_outlet") })), " · ",
            h("a", { href: route.article(b.id) }, t("diff.open_copy", { outlet: b.outlet || t("unknown_outlet") }))),
          h("p", { class: "diff-legend meta" }, h("del", null, t("diff.legend_removed")), " ", h("ins", null, t("diff.legend_added"))),
          d.headline ? h("div", { class: "diff-headline" }, h("h4", null, t("diff.headline")), h("div", { lang }, d.headline)) : null,
          d.removed || d.added ? h("div", { class: "diff-text", lang }, d.nodes) : h("p", null, t("diff.identical")));
        det.dataset.ready = "1";
      } catch (err) {
        body.replaceChildren(h("p", { class: "error" }, t("diff.failed", { why: err.message })));
        det.dataset.ready = "1";
      }
    });
    return det;
  }));
}

export async function eventPage(id) {
  const ev = await api.event(id);
  const chosen = perOutlet(ev.articles || []);
  const full = (await Promise.all(chosen.map((a) => api.article(a.id).catch(() => null)))).filter(Boolean);
  const nOutlets = new Set((ev.articles || []).map((a) => a.outlet || "")).size;
  const arts = new Map((ev.articles || []).map((a) => [a.id, a]));
  const outletOf = (aid) => (arts.get(aid) || {}).outlet;
  const byOutlet = new Map();
  for (const a of ev.articles || []) {
    const k = a.outlet || "(unknown outlet)";
    if (!byOutlet.has(k)) byOutlet.set(k, []);
    byOutlet.get(k).push(a);
  }
  const holder = h("div", { class: "chart-holder", id: "event-timeline" });
  const paint = responsiveChart(holder, (w) => timelineChart({
    width: w, leftLabels: true, ariaLabel: "Event timeline: articles by outlet",
    rows: [...byOutlet.entries()].map(([outlet, list]) => ({
      label: outlet,
      marks: list.filter((a) => a.published).map((a) => ({
        start: a.published, size: 6, href: route.article(a.id), cls: a.duplicate_of ? "dup" : null,
        tip: `${a.title || "(untitled)"}\n${outlet} · ${fmtDate(a.published)}${a.duplicate_of ? " · duplicate" : ""}`,
      })),
    })),
    dates: timelineDates(ev.timeline),
  }) || muted("No dated articles to draw."));

  const storyLink = ev.story ? h("a", { href: route.story(ev.story), class: "back" }, t("event.part_of_story")) : null;
  const node = h("div", { class: "event-page" },
    h("header", { class: "page-head" },
      h("p", { class: "kicker" }, t("event.kicker"), storyLink ? [" · ", storyLink] : null),
      h("h1", { tabindex: -1 }, ev.title || "(untitled event)"),
      h("p", { class: "meta" }, fmtSpan(ev.start, ev.end) || "undated", " · ", plural(ev.n_articles ?? (ev.articles || []).length, "article"), " · ",
        plural((ev.coverage || []).length, "outlet"))),
    h("div", { class: "two-col" },
      h("div", { class: "col-main" },
        section(t("sec.summary"), summaryList(ev.summary, outletOf), { id: "summary" }),
        section(t("sec.timeline"), [holder, chartLegend("article", (ev.articles || []).some((a) => a.duplicate_of) ? "duplicate" : null, ...dateKinds(ev.timeline)),
          timelineList(ev.timeline, outletOf)], { id: "timeline" }),
        section(t("sec.quotes"), quotesBySpeaker(ev.quotes_by_speaker, outletOf, { evidence: (src) => evidenceLink(src, arts.get(src.article)) }), { id: "quotes" })),
      h("div", { class: "col-side" },
        section(t("sec.entities"), entityGroups(ev.entities), { id: "entities" }),
        section(t("sec.coverage"), coverage(ev.coverage), { id: "coverage" }))),
    section(t("event.perspectives"), perspectives(full, nOutlets), { id: "perspectives" }),
    section(t("event.copies"), copyDiffs(ev.articles || []), { id: "copies" }),
    section(t("sec.articles_n", { n: (ev.articles || []).length }), articleList([...(ev.articles || [])].sort(byTime)), { id: "articles" }));

  if (ev.story) {
    api.story(ev.story).then((st) => { if (st && st.title && storyLink) storyLink.textContent = t("event.story_link", { title: st.title }); }).catch(() => {});
  }
  return { node, title: ev.title || "Event", after: paint };
}

// --- search ------------------------------------------------------------------

const FILTERS = ["outlet", "language", "story", "entity", "speaker", "event", "from", "to"];

/** Hits with the same title and snippet (syndicated copies) folded into their first: `copies` lists the rest. */
function collapseCopies(hits) {
  const key = (r) => `${String(r.title || "").trim().toLowerCase()}\u0000${String(r.snippet || "").trim().toLowerCase()}`;
  const firstOf = new Map();
  const out = [];
  for (const r of hits) {
    const k = key(r);
    if (firstOf.has(k)) firstOf.get(k).copies.push(r);
    else { const item = { ...r, copies: [] }; firstOf.set(k, item); out.push(item); }
  }
  return out;
}

function searchHit(r, storyLabels) {
  const title = r.story_title || storyLabels.get(r.story);
  const lang = langAttr(r.language);
  return h("li", { class: "result" },
    h("h2", null, h("a", { href: route.article(r.id), lang }, r.title || t("search.untitled"))),
    h("p", { class: "meta" }, [r.outlet, r.published ? fmtDate(r.published, { offset: false }) : null, r.language ? langName(r.language) : null].filter(Boolean).join(" · "),
      r.story ? [" · ", h("a", { href: route.story(r.story), title: title || null }, title ? t("search.story_link", { title: clip(title, 60) }) : t("search.open_story"))] : null),
    r.snippet ? h("p", { class: "snippet", lang }, markedText(r.snippet)) : null,
    r.copies.length ? h("p", { class: "meta copies" }, `${plural(r.copies.length, "more copy", "more copies")}: `,
      r.copies.flatMap((c, i) => [i ? ", " : null, h("a", { href: route.article(c.id) }, `${c.outlet || t("search.copy")}${c.published ? ` (${fmtDate(c.published, { offset: false })})` : ""}`)])) : null);
}

/** The page's hits as one ranked list, or grouped under their stories (in order of each story's best hit). */
function searchResults(hits, byStory, storyLabels, offset = 0) {
  if (!byStory) return h("ol", { class: "results", start: offset + 1 }, hits.map((r) => searchHit(r, storyLabels)));
  const groups = new Map();
  for (const r of hits) {
    const k = r.story || "";
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(r);
  }
  return h("div", { class: "results grouped" }, [...groups.entries()].map(([sid, list]) => h("section", { class: "story-group" },
    h("h2", null, sid ? h("a", { href: route.story(sid) }, list[0].story_title || storyLabels.get(sid) || t("untitled.story")) : t("search.no_story"),
      h("span", { class: "count" }, ` ${plural(list.length, "hit")}`)),
    h("ol", { class: "results" }, list.map((r) => searchHit(r, storyLabels))))));
}

function syntaxHelp() {
  const ex = (q, what) => h("li", null, h("a", { href: route.search({ q }) }, h("code", null, q)), ` ${what}`);
  return h("div", { class: "syntax-help" }, h("p", null, t("search.syntax")),
    h("ul", null, ex("gempa", t("search.syntax_word")), ex("\"harga beras\"", t("search.syntax_phrase")),
      ex("banjir OR longsor", t("search.syntax_or")), ex("pemilu -sengketa", t("search.syntax_not")), ex("korup*", t("search.syntax_prefix"))));
}

// Labels are message keys (looked up when drawn: the catalogue loads after the modules).
const SEARCH_SORTS = [["relevance", "search.sort_relevance"], ["newest", "search.sort_newest"], ["oldest", "search.sort_oldest"]];

/** The order of the hits as links (each an address of its own): best match, newest or oldest first. */
function sortLinks(p, href) {
  const current = p.sort || "relevance";
  return h("span", { class: "sort-links", id: "search-sort" }, t("search.sort"), SEARCH_SORTS.flatMap(([v, key], i) => [i ? " · " : null,
    v === current ? h("strong", { "aria-current": "true", dataset: { sort: v } }, t(key))
      : h("a", { href: href({ sort: v === "relevance" ? "" : v }), dataset: { sort: v } }, t(key))]));
}

function searchParams(params) {
  const p = { q: params.get("q") || "" };
  for (const k of FILTERS) if (params.get(k)) p[k] = params.get(k);
  if (params.get("group") === "story") p.group = "story";
  if (SEARCH_SORTS.some(([v]) => v !== "relevance" && v === params.get("sort"))) p.sort = params.get("sort");
  p.offset = Number(params.get("offset") || 0);
  return p;
}

export async function searchPage(params) {
  const p = searchParams(params);
  const limit = 20;
  const { group: _group, ...query } = p;
  const res = await api.search({ ...query, limit });
  const href = (changes) => {
    const next = { ...p, ...changes };
    if (!("offset" in changes)) delete next.offset;
    if (next.offset === 0) delete next.offset;
    return route.search(next);
  };
  const facets = res.facets || {};
  const storyLabels = new Map((facets.story || []).map((f) => [f.value, f.label]));

  const facetLabel = (key, f) => {
    if (key === "language") return langName(f.value);
    if (key === "story") return f.label || t("untitled.story");
    return f.label || f.value;
  };
  const facetBlock = (key, title) => {
    const items = facets[key] || [];
    if (!items.length) return null;
    return h("div", { class: "facet", dataset: { facet: key } },
      h("h3", null, title),
      h("ul", null, items.map((f) => {
        const active = p[key] === f.value;
        return h("li", null, h("a", {
          href: href({ [key]: active ? "" : f.value }), class: ["facet-link", active ? "active" : null], "aria-current": active ? "true" : null,
        }, h("span", { class: "facet-label", title: f.label || f.value }, facetLabel(key, f)), h("span", { class: "count" }, String(f.count))));
      })));
  };

  const active = FILTERS.filter((k) => p[k]).map((k) =>
    h("a", { class: "chip active-filter", href: href({ [k]: "" }), title: t("filter.remove") },
      `${t(`search.filter.${k}`)}: ${k === "story" ? storyLabels.get(p[k]) || p[k] : p[k]}`, h("span", { "aria-hidden": "true" }, " ×")));

  const from = h("input", { type: "date", name: "from", id: "from", value: p.from || "" });
  const to = h("input", { type: "date", name: "to", id: "to", value: p.to || "" });
  const dateForm = h("form", { class: "date-form", on: { submit: (e) => {
    e.preventDefault();
    location.hash = href({ from: from.value, to: to.value });
  } } },
  h("h3", null, t("meta.published")),
  h("label", { for: "from" }, t("home.from")), from,
  h("label", { for: "to" }, t("home.to")), to,
  h("button", { type: "submit", class: "button" }, t("search.apply_dates")));

  const results = res.results.length ? searchResults(collapseCopies(res.results), p.group === "story", storyLabels, p.offset)
    : h("div", { class: "empty", id: "search-empty" },
      h("p", null, p.q ? t(active.length ? "search.nothing_filtered" : "search.nothing", { q: p.q }) : t("search.type_above")),
      active.length ? h("p", null, t("search.try_removing"), active) : null,
      p.q ? syntaxHelp() : null);
  const groupToggle = res.results.length > 1
    ? h("a", { href: href({ group: p.group === "story" ? "" : "story" }), class: "group-toggle", id: "group-toggle" },
      p.group === "story" ? t("search.ungroup") : t("search.group"))
    : null;
  const exportHref = (format) => {
    const q = new URLSearchParams({ format });
    for (const [k, v] of Object.entries(p)) if (k !== "offset" && v) q.set(k, String(v));
    return `/api/export?${q}`;
  };
  const feedHref = () => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(p)) if (!["offset", "group", "sort"].includes(k) && v) q.set(k, String(v));
    return `/api/search/atom${q.toString() ? `?${q}` : ""}`;
  };
  const exports = res.total
    ? h("span", { class: "exports" }, ` · ${t("search.download")} `, [["jsonl", "JSONL"], ["csv", "CSV"], ["parquet", "Parquet"]].flatMap(([f, label], i) =>
      [i ? " · " : null, h("a", { href: exportHref(f), download: "", rel: "nofollow" }, label)]),
    " · ", h("a", { href: feedHref(), type: "application/atom+xml", id: "search-feed", title: t("search.feed_title") }, t("search.feed")))
    : null;
  const node = h("div", { class: "search-page" },
    h("header", { class: "page-head" },
      h("h1", { tabindex: -1 }, p.q ? [t("search.heading"), h("span", { class: "q" }, p.q)] : t("search.articles")),
      h("p", { class: "meta", id: "result-count" }, plural(res.total, "result"), exports,
        groupToggle ? [" · ", groupToggle] : null, res.total > 1 ? [" · ", sortLinks(p, href)] : null),
      active.length ? h("div", { class: "chips active-filters" }, active) : null),
    h("div", { class: "search-grid" },
      h("aside", { class: "facets", "aria-label": t("search.filters") },
        h("details", { class: "facets-box", open: !window.matchMedia("(max-width: 760px)").matches },
          h("summary", null, active.length ? t("search.filters_on", { n: active.length }) : t("search.filters")),
          facetBlock("outlet", t("home.outlet")), facetBlock("language", t("home.language")), facetBlock("story", t("meta.story")), facetBlock("entity", t("search.entity")),
          dateForm)),
      h("div", { class: "search-results" }, results, pager(res, (o) => href({ offset: o })))));
  return { node, title: p.q ? `${t("search.heading")}${p.q}` : t("nav.search"), query: p.q };
}

// --- entity ------------------------------------------------------------------

/** An entity's quotes, newest first, ten a page (the page is the address's `qo`), each citing outlet, date and
 *  headline; the quotes explorer holds all of them, and the quotes that mention the entity. */
function entityQuotes(page, name, qo) {
  const item = (q) => h("li", null, h("blockquote", { lang: langAttr(q.language) }, q.text),
    h("div", { class: "quote-meta" }, evidenceLink(q, { title: q.headline, outlet: q.outlet, published: q.published })));
  const links = h("p", { class: "meta", id: "entity-quote-links" },
    page.total ? [h("a", { href: route.quotes({ speaker: name }) }, t("entity.all_quotes", { n: plural(page.total, "quote"), name })), " · "] : null,
    h("a", { href: route.quotes({ entity: name }) }, t("entity.quotes_mentioning", { name })));
  if (!page.results.length) return [muted(t("entity.no_quotes")), links];
  const here = (o) => `${route.entity(name)}${o ? `?qo=${o}` : ""}`;
  return [h("ul", { class: "quotes" }, page.results.map(item)), pager(page, here), links];
}

/** The entity's name in the other languages (one identity across languages), when it differs. */
function otherNames(e) {
  const other = Object.entries(e.names || {}).filter(([, n]) => n !== e.name);
  return other.length ? h("p", { class: "names" }, t("entity.other_languages"), other.map(([code, n]) => h("span", { lang: langAttr(code) }, `${n} (${code})`)).flatMap((x, i) => (i ? [", ", x] : [x]))) : null;
}

/** The merge correction that took this name away, if one did. */
async function mergedInto(name) {
  try {
    const r = await api.corrections({ name });
    return (r.results || []).find((c) => c.action === "merge" && c.name === name) || null;
  } catch (_) { return null; }
}

function corrected(e) {
  const c = e.corrections || {};
  return Boolean(c.type || c.merged_into || (c.merged_from || []).length || (c.split_off || []).length || (c.split_from || []).length);
}

export async function entityPage(name, params) {
  const qo = Math.max(0, Number((params && params.get("qo")) || 0) || 0);
  let e, said;
  try {
    [e, said] = await Promise.all([api.entity(name), api.quotes({ speaker: name, limit: 10, offset: qo })]);
  } catch (err) {
    const moved = err.status === 404 ? await mergedInto(name) : null;
    if (!moved) throw err;
    return {
      title: name,
      node: h("div", { class: "entity-page" }, h("h1", { tabindex: -1 }, name),
        h("p", { id: "merged-into" }, h("span", { class: "badge curated-badge" }, t("entity.curated")), ` ${t("entity.merged_into", { name })} `,
          h("a", { href: route.entity(moved.value) }, moved.value), moved.note ? ` (${moved.note})` : "", ". "),
        h("div", { class: "corrections" }, h("p", null, t("entity.undo_merge_on"), h("a", { href: route.entity(moved.value) }, t("entity.page_of", { name: moved.value })), "."))),
    };
  }
  const holder = h("div", { class: "chart-holder small", id: "mentions-chart" });
  const paint = responsiveChart(holder, (w) => countsChart(e.mentions_over_time || [], { width: w }) || muted(t("entity.no_dated")));
  const node = h("div", { class: "entity-page" },
    h("header", { class: "page-head" },
      h("p", { class: "kicker" }, h("span", { class: ["type-badge", `ent-${typeClass(e.type)}`] }, typeName(e.type)),
        corrected(e) ? [" ", h("a", { class: "badge curated-badge", href: "#corrections", dataset: { jump: "corrections" }, title: t("entity.curated_title") }, t("entity.curated"))] : null),
      h("h1", { tabindex: -1 }, e.name),
      h("p", { class: "meta" }, plural(e.count || 0, "mention"), " · ", plural((e.articles || []).length, "article"),
        " · ", h("a", { href: route.search({ entity: e.name }) }, t("entity.search_articles"))),
      (e.aliases || []).length ? h("p", { class: "aliases" }, t("entity.aliases"), e.aliases.join(", ")) : null,
      otherNames(e)),
    section(t("entity.mentions_over_time"), holder, { id: "mentions" }),
    h("div", { class: "two-col" },
      h("div", { class: "col-main" },
        section(t("entity.quotes_n", { n: said.total }), entityQuotes(said, e.name, qo), { id: "quotes" }),
        section(t("sec.articles_n", { n: (e.articles || []).length }), articleList(e.articles), { id: "articles" })),
      h("div", { class: "col-side" },
        section(t("entity.related"), (e.related || []).length ? h("div", { class: "chips" }, e.related.map(entityChip)) : muted(t("entity.no_related")), { id: "related" }),
        section(t("entity.corrections"), correctionsPanel(e, showEntity), { id: "corrections" }))));
  jumpLinks(node);
  if (qo) {  // a page of quotes asked for: show it, not the top of the page
    const after = () => { paint(); const q = node.querySelector("#quotes"); if (q) q.scrollIntoView({ block: "start" }); };
    return { node, title: e.name, after, keepScroll: true };
  }
  return { node, title: e.name, after: paint };
}

// --- upload ------------------------------------------------------------------

export function uploadPage() {
  const input = h("input", { type: "file", id: "files", name: "files", multiple: true });
  const status = h("div", { class: "job", id: "job", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "button primary", id: "upload-btn" }, t("upload.submit"));
  const clusterOut = h("p", { id: "cluster-result", "aria-live": "polite" });
  const reset = h("input", { type: "checkbox", id: "reset" });
  const clusterBtn = h("button", { type: "button", class: "button", id: "cluster-btn" }, t("upload.recluster"));
  clusterBtn.addEventListener("click", async () => {
    clusterBtn.disabled = true;
    clusterOut.textContent = t("upload.clustering");
    try {
      const r = await api.cluster(reset.checked);
      clusterOut.replaceChildren(`${t("upload.clustered", { articles: plural(r.articles, "article"), events: plural(r.events, "event"), stories: plural(r.stories, "story", "stories") })} `,
        h("a", { href: "#/" }, t("upload.see_stories")));
    } catch (err) {
      clusterOut.textContent = t("upload.cluster_failed", { why: err.message });
    } finally {
      clusterBtn.disabled = false;
    }
  });

  // Preview: how an export will be read, with its column mapping and date order editable before ingesting.
  const preview = h("div", { class: "preview", id: "preview", "aria-live": "polite" });
  const mapping = { fields: {}, dateOrder: "auto" };
  const refresh = async () => {
    const files = [...(input.files || [])];
    if (files.length !== 1) { preview.replaceChildren(); return; }
    preview.replaceChildren(h("p", null, t("upload.reading", { file: files[0].name })));
    try {
      const rep = await api.inspect(files[0], mapping);
      preview.replaceChildren(previewView(rep, mapping, refresh));
    } catch (err) {
      preview.replaceChildren(h("p", { class: "error" }, t("upload.preview_failed", { why: err.message })));
    }
  };
  input.addEventListener("change", () => { mapping.fields = {}; mapping.dateOrder = "auto"; refresh(); });

  const form = h("form", { class: "upload-form", on: { submit: async (e) => {
    e.preventDefault();
    const files = [...(input.files || [])];
    if (!files.length) { status.replaceChildren(h("p", { class: "error" }, t("upload.choose_first"))); return; }
    submit.disabled = true;
    status.replaceChildren(h("p", null, t("upload.uploading", { n: plural(files.length, "file") })));
    try {
      const { job } = await api.ingest(files, files.length === 1 ? mapping : null);
      await pollJob(job, status);
    } catch (err) {
      status.replaceChildren(h("p", { class: "error" }, t("upload.failed", { why: err.message })));
    } finally {
      submit.disabled = false;
    }
  } } },
  h("label", { for: "files" }, t("upload.files_label")),
  input, preview, submit);

  const node = h("div", { class: "upload-page" },
    h("header", { class: "page-head" }, h("h1", { tabindex: -1 }, t("upload.title")),
      h("p", { class: "lede" }, t("upload.lede"))),
    section(t("upload.ingest"), [form, status], { id: "ingest" }),
    section(t("upload.clustering_title"), [
      h("p", null, t("upload.clustering_lede")),
      h("p", null, h("label", { class: "check" }, reset, ` ${t("upload.from_scratch")}`)),
      clusterBtn, clusterOut], { id: "clustering" }));
  return { node, title: t("upload.title") };
}

// The mappable columns; their labels are message keys "role.<role>".
const ROLES = ["title", "text", "date", "url", "outlet", "author"];

/** The preview of one file: format, column mapping (editable), date order (editable) and the first records. */
function previewView(rep, mapping, refresh) {
  if (rep.problem) return h("p", { class: "error" }, `${rep.file}: ${rep.problem.reason}: ${rep.problem.detail}`);
  const head = h("p", null, `${rep.file}: ${rep.format}, ${rep.encoding}, ${plural(rep.records, "record")}` +
    (rep.articles !== undefined ? ` → ${plural(rep.articles, "article")}` +
      (rep.duplicate_listings ? ` ${t("upload.duplicate_listings", { n: plural(rep.duplicate_listings, "listing") })}` : "") +
      (rep.problem_count ? `, ${plural(rep.problem_count, "problem")}` : "") : ""));
  const parts = [head];
  if (rep.columns) {
    const rows = ROLES.map((role) => {
      const id = `map-${role}`;
      const select = h("select", { id, name: id },
        h("option", { value: "" }, t("upload.none")),
        rep.columns.seen.map((c) => h("option", { value: c, selected: rep.columns.mapping[role] === c }, c)));
      select.addEventListener("change", () => { mapping.fields[role] = select.value; refresh(); });
      return h("tr", null, h("th", { scope: "row" }, h("label", { for: id }, t(`role.${role}`))), h("td", null, select));
    });
    parts.push(h("table", { class: "mapping", id: "mapping" },
      h("caption", null, t("upload.columns")), h("tbody", null, rows)));
    if (rep.date && rep.date.column) {
      const order = h("select", { id: "date-order", name: "date-order" },
        [["auto", "upload.order_auto"], ["DMY", "upload.order_dmy"], ["MDY", "upload.order_mdy"]].map(([v, key]) =>
          h("option", { value: v, selected: mapping.dateOrder === v }, t(key))));
      order.addEventListener("change", () => { mapping.dateOrder = order.value; refresh(); });
      parts.push(h("p", null, h("label", { for: "date-order" }, t("upload.date_order")), order, " ",
        h("span", { class: "muted", id: "date-evidence" }, `${(rep.date.samples || []).slice(0, 2).join(", ")} → ${rep.date.evidence || t("upload.as_written")}`)));
    }
  }
  for (const w of rep.warnings || []) parts.push(h("p", { class: "warning" }, t("upload.warning", { what: w })));
  for (const p of (rep.problems || []).slice(0, 5)) parts.push(h("p", { class: "error" }, `${p.source}: ${p.reason}: ${p.detail}`));
  const recs = rep.preview || [];
  if (recs.length) {
    parts.push(h("table", { class: "preview-records", id: "preview-records" },
      h("caption", null, t("upload.first_records")),
      h("thead", null, h("tr", null, ["upload.col_title", "meta.published", "meta.outlet", "upload.col_lead"].map((key) => h("th", { scope: "col" }, t(key))))),
      h("tbody", null, recs.map((r) => h("tr", null,
        h("td", null, r.title || "–"),
        h("td", null, r.published ? `${r.published}${r.published_basis === "ambiguous" ? ` ${t("upload.order_unsure")}` : ""}` : "–"),
        h("td", null, r.outlet || "–"),
        h("td", { lang: r.language || "id" }, (r.lead || r.error || "").slice(0, 160)))))));
  }
  return h("div", null, parts);
}

// A job's state in words: message keys "job.<state>" (an unknown state is shown as the server names it).
const STATES = ["queued", "running", "done", "failed"];

async function pollJob(id, status) {
  const bar = h("progress", { id: "job-progress", max: 1, value: 0 });
  const label = h("p", { class: "job-label" });
  const problems = h("div", { class: "problems" });
  status.replaceChildren(bar, label, problems);
  for (;;) {
    const j = await api.job(id);
    const total = j.total || 0;
    bar.max = Math.max(total, 1);
    bar.value = j.done || 0;
    bar.setAttribute("aria-valuetext", t("job.of", { done: j.done || 0, total }));
    label.textContent = t("job.progress", { state: STATES.includes(j.state) ? t(`job.${j.state}`) : j.state, done: j.done || 0, total, articles: plural(j.articles || 0, "article") });
    label.dataset.state = j.state;
    if ((j.problems || []).length) {
      problems.replaceChildren(h("h3", null, t("job.problems_n", { n: j.problems.length })),
        h("table", { class: "problems-table" },
          h("thead", null, h("tr", null, h("th", { scope: "col" }, t("job.file")), h("th", { scope: "col" }, t("job.reason")), h("th", { scope: "col" }, t("job.detail")))),
          h("tbody", null, j.problems.map((p) => h("tr", null, h("td", null, p.source), h("td", null, p.reason), h("td", null, p.detail || ""))))));
    }
    if (j.state === "done" || j.state === "failed") {
      status.classList.toggle("failed", j.state === "failed");
      if (j.state === "done") status.appendChild(h("p", { class: "ok" }, `${t("job.finished")} `, h("a", { href: "#/" }, t("upload.see_stories")), "."));
      return j;
    }
    await new Promise((r) => setTimeout(r, 400));
  }
}

