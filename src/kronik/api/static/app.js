// Kronik web UI: a hash-routed single page over the JSON API.
//   #/  #/story/{id}  #/event/{id}  #/article/{id}?p=N  #/search?q=  #/entity/{name}  #/quotes?speaker=  #/upload

import { lang, loadMessages, translateStatic, langHref, t } from "./i18n.js";
import { h, installTooltips } from "./dom.js";
import { api, ApiError } from "./api.js";
import { articlePage } from "./article.js";
import { homePage, storyPage, eventPage, searchPage, entityPage, uploadPage } from "./views.js";
import { quotesPage } from "./quotes.js";

await loadMessages(); // the UI's strings before anything is drawn
translateStatic(document);
if (new URLSearchParams(location.search).has("lang")) history.replaceState(null, "", `${location.pathname}${location.hash}`); // kept in the cookie

const main = document.getElementById("main");
const langSwitch = document.getElementById("lang-switch");
const OTHER = lang === "id" ? "en" : "id";

/** The toggle names the other language in that language ("English" / "Bahasa Indonesia") and keeps the page. */
function updateLangSwitch() {
  langSwitch.textContent = t(`lang.name.${OTHER}`);
  langSwitch.setAttribute("lang", OTHER);
  langSwitch.setAttribute("hreflang", OTHER);
  langSwitch.setAttribute("href", langHref(OTHER));
}
const searchInput = document.getElementById("q");
let generation = 0;

/** The article with ``entity_names`` (identity -> name in its language); without them when they cannot be had. */
async function withEntityNames(art) {
  if (!art.language) return art;
  try {
    return { ...art, entity_names: (await api.entityNames(art.language)).names || {} };
  } catch {
    return art;
  }
}

function parseHash() {
  let raw = location.hash.replace(/^#/, "");
  if (!raw.startsWith("/")) raw = "/";
  const qi = raw.indexOf("?");
  const path = qi >= 0 ? raw.slice(0, qi) : raw;
  const params = new URLSearchParams(qi >= 0 ? raw.slice(qi + 1) : "");
  const parts = path.split("/").filter(Boolean).map((p) => { try { return decodeURIComponent(p); } catch (_) { return p; } });
  return { parts, params };
}

function resolve({ parts, params }) {
  const [head, ...rest] = parts;
  const arg = rest.join("/");
  switch (head) {
    case undefined: return { nav: "stories", load: () => homePage(params) };
    case "story": return { nav: "stories", load: () => storyPage(arg), what: "story" };
    case "event": return { nav: "stories", load: () => eventPage(arg), what: "event" };
    case "article": return { nav: "", load: async () => articlePage(await withEntityNames(await api.article(arg)), params), what: "article" };
    case "search": return { nav: "search", load: () => searchPage(params) };
    case "entity": return { nav: "", load: () => entityPage(arg, params), what: "entity" };
    case "quotes": return { nav: "quotes", load: () => quotesPage(params) };
    case "upload": return { nav: "upload", load: async () => uploadPage() };
    default: return { nav: "", load: async () => { throw new ApiError(404, "There is no such page."); }, what: "page" };
  }
}

function errorView(err, what) {
  const notFound = err instanceof ApiError && err.status === 404;
  // 4xx other than 404: the request itself (a date that is not one, a bad sort) — say what to fix.
  const refused = err instanceof ApiError && err.status >= 400 && err.status < 500 && !notFound;
  const title = notFound ? t(`error.not_found.${what || "page"}`)
    : refused ? t("error.refused") : t("error.failed");
  return {
    title,
    node: h("div", { class: "error-page", role: "alert" },
      h("h1", { tabindex: -1 }, title),
      h("p", null, notFound ? t("error.not_found_detail", { what: t(`what.${what || "page"}`) })
        : (err && err.message) || t("error.not_loaded")),
      h("p", null, h("a", { href: "#/", class: "button" }, t("error.back")), " ",
        notFound ? null : h("button", { type: "button", class: "button", on: { click: () => render() } }, t("error.retry")))),
  };
}

function setNav(active) {
  for (const a of document.querySelectorAll("[data-nav]")) {
    if (a.dataset.nav === active) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

async function render() {
  const gen = ++generation;
  const route = parseHash();
  const { nav, load, what } = resolve(route);
  setNav(nav);
  updateLangSwitch();
  main.setAttribute("aria-busy", "true");
  const loading = setTimeout(() => {
    if (gen === generation) main.replaceChildren(h("div", { class: "loading", role: "status" }, h("span", { class: "spinner", "aria-hidden": "true" }), t("app.loading")));
  }, 120);
  let view;
  try {
    view = await load();
  } catch (err) {
    if (!(err instanceof ApiError)) console.warn(err); // eslint-disable-line no-console
    view = errorView(err, what);
  }
  clearTimeout(loading);
  if (gen !== generation) return; // a newer navigation won
  main.replaceChildren(view.node);
  main.removeAttribute("aria-busy");
  document.title = `${view.title} · Kronik`;
  if (route.parts[0] === "search") searchInput.value = view.query ?? route.params.get("q") ?? "";
  else if (document.activeElement !== searchInput) searchInput.value = "";
  if (view.after) view.after();
  if (!route.params.has("p") && !view.keepScroll) {
    window.scrollTo(0, 0);
    const h1 = main.querySelector("h1");
    if (h1 && document.activeElement !== searchInput) h1.focus({ preventScroll: true });
  }
  main.dataset.ready = String(gen);
  document.documentElement.dataset.route = route.parts[0] || "stories";
}

document.getElementById("search-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const q = searchInput.value.trim();
  location.hash = `#/search?${new URLSearchParams({ q })}`;
});

document.getElementById("skip").addEventListener("click", (e) => {
  e.preventDefault();
  const h1 = main.querySelector("h1") || main;
  h1.focus();
});

installTooltips(document);
window.addEventListener("hashchange", render);
render();
