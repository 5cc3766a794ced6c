// Corrections of an entity on its page: change its type, merge it into another name, split an alias off it,
// and take any of these back.  They are kept by the server as curated overrides (POST/DELETE /api/corrections,
// a write: the server's write permission) and hold for every later ingest and corpus pass.

import { h, route, fmtDate } from "./dom.js";
import { api } from "./api.js";
import { typeName } from "./components.js";
import { t } from "./i18n.js";

const TYPES = ["PER", "ORG", "LOC", "MISC"];

function describe(c, name) {
  if (c.action === "type") return t("fix.type_set", { type: typeName(c.value) });
  if (c.action === "merge") return c.value === name ? t("fix.merged_here", { name: c.name }) : t("fix.merged_into", { name: c.value });
  return c.value === name ? t("fix.split_here", { name: c.name }) : t("fix.split_from", { name: c.value });
}

/** The corrections in force for this entity, each with its date, note and an undo button. */
function inForce(list, name, status, reload) {
  if (!list.length) return h("p", { class: "muted", id: "corrections-none" }, t("fix.none"));
  return h("ul", { class: "corrections-list", id: "corrections-list" }, list.map((c) => {
    const undo = h("button", { type: "button", class: "link-button", dataset: { correction: c.id } }, t("fix.undo"));
    undo.addEventListener("click", async () => {
      undo.disabled = true;
      status.textContent = t("fix.undoing");
      try {
        await api.uncorrect(c.id);
        reload(c.action === "unmerge" && c.value !== name ? c.value : name);
      } catch (err) {
        status.textContent = t("fix.undo_failed", { why: err.message });
        undo.disabled = false;
      }
    });
    return h("li", { class: "correction", dataset: { action: c.action } },
      h("span", { class: "badge curated-badge" }, t("entity.curated")), " ", describe(c, name),
      c.created_at ? h("span", { class: "muted" }, ` · ${fmtDate(c.created_at, { offset: false })}`) : null,
      c.note ? h("span", { class: "muted" }, ` · ${c.note}`) : null, " ", undo);
  }));
}

/** The panel: corrections in force and the three forms.  `reload(name)` shows that entity's page again. */
export function correctionsPanel(e, reload) {
  const status = h("p", { class: "correction-status", id: "correction-status", role: "status", "aria-live": "polite" });
  const c = e.corrections || {};
  const list = [c.type, c.merged_into, ...(c.merged_from || []), ...(c.split_off || []), ...(c.split_from || [])].filter(Boolean);
  const send = async (body, next, busy) => {
    busy.disabled = true;
    status.textContent = t("fix.saving");
    try {
      const r = await api.correct(body);
      status.textContent = t("fix.saved", { mentions: r.changed.mentions, quotes: r.changed.quotes });
      reload(next);
    } catch (err) {
      status.textContent = t("fix.not_saved", { why: err.message });
      busy.disabled = false;
    }
  };

  const typeSel = h("select", { id: "fix-type", name: "type" }, TYPES.map((ty) => h("option", { value: ty, selected: String(e.type).toUpperCase() === ty }, typeName(ty))));
  const typeBtn = h("button", { type: "submit", class: "button" }, t("fix.set_type"));
  const typeForm = h("form", { class: "fix-form", id: "fix-type-form", on: { submit: (ev) => {
    ev.preventDefault();
    send({ action: "type", name: e.name, value: typeSel.value }, e.name, typeBtn);
  } } }, h("label", { for: "fix-type" }, t("fix.type")), typeSel, typeBtn);

  const target = h("input", { type: "text", id: "fix-merge", name: "merge", list: "fix-merge-names", autocomplete: "off", required: true, placeholder: t("fix.merge_placeholder") });
  const names = h("datalist", { id: "fix-merge-names" });
  target.addEventListener("input", async () => {
    const q = target.value.trim();
    if (q.length < 2) return;
    try {
      const r = await api.entities({ q, limit: 12 });
      names.replaceChildren(...r.results.filter((x) => x.name !== e.name).map((x) => h("option", { value: x.name }, `${typeName(x.type)}, ${x.count}`)));
    } catch (_) { /* suggestions only */ }
  });
  const mergeBtn = h("button", { type: "submit", class: "button" }, t("fix.merge"));
  const mergeForm = h("form", { class: "fix-form", id: "fix-merge-form", on: { submit: (ev) => {
    ev.preventDefault();
    const into = target.value.trim();
    if (into) send({ action: "merge", name: e.name, value: into }, into, mergeBtn);
  } } }, h("label", { for: "fix-merge" }, t("fix.same_as")), target, names, mergeBtn);

  const aliases = e.aliases || [];
  const aliasSel = h("select", { id: "fix-split", name: "split" }, aliases.map((a) => h("option", { value: a }, a)));
  const splitBtn = h("button", { type: "submit", class: "button" }, t("fix.split"));
  const splitForm = aliases.length ? h("form", { class: "fix-form", id: "fix-split-form", on: { submit: (ev) => {
    ev.preventDefault();
    send({ action: "unmerge", name: aliasSel.value, value: e.name }, e.name, splitBtn);
  } } }, h("label", { for: "fix-split" }, t("fix.not_this")), aliasSel, splitBtn) : null;

  return h("div", { class: "corrections" },
    inForce(list, e.name, status, reload),
    h("details", { class: "fix-forms" },
      h("summary", null, t("fix.summary")),
      h("p", { class: "muted" }, `${t("fix.kept")} `,
        h("a", { href: route.search({ entity: e.name }) }, t("fix.its_articles")), ` ${t("fix.show_corrected")}`),
      typeForm, mergeForm, splitForm),
    status);
}

/** Show an entity's page again (also when it is the page already shown: the hash then does not change). */
export function showEntity(name) {
  const next = route.entity(name);
  if (location.hash === next) window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = next;
}
