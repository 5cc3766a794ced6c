// The UI's language: English or Indonesian, chosen with ?lang=en|id (kept in a cookie for a year), else
// the cookie, else the browser's language.  Every UI string comes from messages.json (data: a new
// language is a new block there, no code), looked up with t("key", {vars}); a key missing in the
// chosen language falls back to English, then to the key itself.

export const LANGS = ["en", "id"];
const COOKIE = "kronik_lang";
let catalogue = { en: {} };

function fromCookie() {
  const m = /(?:^|;\s*)kronik_lang=([a-z]{2})/.exec(document.cookie || "");
  return m ? m[1] : null;
}

function choose() {
  const asked = new URLSearchParams(location.search).get("lang");
  if (asked && LANGS.includes(asked)) {
    document.cookie = `${COOKIE}=${asked}; path=/; max-age=31536000; SameSite=Lax`;
    return asked;
  }
  const kept = fromCookie();
  if (kept && LANGS.includes(kept)) return kept;
  return String(navigator.language || "en").toLowerCase().startsWith("id") ? "id" : "en";
}

export const lang = choose();

/** Load the catalogue (same origin, before the first page renders). */
export async function loadMessages() {
  try {
    const res = await fetch("/static/messages.json", { credentials: "same-origin" });
    if (res.ok) catalogue = await res.json();
  } catch (_) { /* the keys' English fallbacks are shown */ }
  document.documentElement.lang = lang;
}

/** The message `key` in the chosen language with {name} placeholders filled from `vars`. */
export function t(key, vars) {
  const msg = (catalogue[lang] && catalogue[lang][key]) ?? (catalogue.en && catalogue.en[key]) ?? key;
  if (!vars || typeof msg !== "string") return msg;
  return msg.replace(/\{(\w+)\}/g, (all, k) => (k in vars ? String(vars[k]) : all));
}

/** Whether the catalogue has `key` (for words that may or may not be translated). */
export function has(key) {
  return Boolean((catalogue[lang] && key in catalogue[lang]) || (catalogue.en && key in catalogue.en));
}

/** Translate the page's static chrome: data-i18n (text), data-i18n-placeholder, data-i18n-label (aria-label). */
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-placeholder]")) el.setAttribute("placeholder", t(el.dataset.i18nPlaceholder));
  for (const el of root.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel));
}

/** The address of this page in another language (the hash route kept). */
export function langHref(code) {
  const q = new URLSearchParams(location.search);
  q.set("lang", code);
  return `${location.pathname}?${q}${location.hash}`;
}
