// What a near-copy changed from its original, word by word.  Paragraphs are matched first (equal ones
// are skipped cheaply: wire copies keep most paragraphs as they are), then each run of changed
// paragraphs is diffed word by word.  Rendered with <del>/<ins> plus hidden "removed:"/"added:" words,
// so the change is announced by screen readers and visible without colour (struck through, underlined).

import { h } from "./dom.js";
import { t } from "./i18n.js";

const MAX_CELLS = 4_000_000; // a longer run is shown as removed and added paragraphs, not word by word

/** Longest-common-subsequence edit script of two token lists: [op, token] with op "=", "-" or "+". */
export function diffTokens(a, b, same = (x, y) => x === y) {
  let pre = 0;
  while (pre < a.length && pre < b.length && same(a[pre], b[pre])) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && same(a[a.length - 1 - suf], b[b.length - 1 - suf])) suf++;
  const A = a.slice(pre, a.length - suf), B = b.slice(pre, b.length - suf);
  const out = a.slice(0, pre).map((x) => ["=", x]);
  if ((A.length + 1) * (B.length + 1) > MAX_CELLS) {
    out.push(...A.map((x) => ["-", x]), ...B.map((x) => ["+", x]));
  } else {
    const n = A.length, m = B.length, w = m + 1;
    const L = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        L[i * w + j] = same(A[i], B[j]) ? L[(i + 1) * w + j + 1] + 1 : Math.max(L[(i + 1) * w + j], L[i * w + j + 1]);
      }
    }
    let i = 0, j = 0;
    while (i < n && j < m) {
      if (same(A[i], B[j])) { out.push(["=", A[i]]); i++; j++; }
      else if (L[(i + 1) * w + j] >= L[i * w + j + 1]) out.push(["-", A[i++]]);
      else out.push(["+", B[j++]]);
    }
    while (i < n) out.push(["-", A[i++]]);
    while (j < m) out.push(["+", B[j++]]);
  }
  for (const x of a.slice(a.length - suf)) out.push(["=", x]);
  return out;
}

const PARA = "\u00b6"; // joins the paragraphs of a changed run: a line break where it is kept
const words = (text) => String(text || "").match(/\S+/g) || [];

/** One line of word-level changes: equal words as text, changed runs as <del>/<ins>. */
function wordLine(ops, tag = "p") {
  const el = h(tag, { class: "diff-line" });
  let run = null;
  for (const [op, w] of ops) {
    if (run && run.op !== op) { el.append(...mark(run)); run = null; }
    if (op === "=") { el.append(w === PARA ? h("br") : `${w} `); continue; }
    if (!run) run = { op, words: [] };
    run.words.push(w);
  }
  if (run) el.append(...mark(run));
  return el;
}

function mark(run) {
  const del = run.op === "-";
  return [h(del ? "del" : "ins", null, h("span", { class: "visually-hidden" }, `${t(del ? "diff.removed" : "diff.added")} `),
    run.words.join(" ")), " "];
}

/** Counts of a paragraph-level script: words removed and added, paragraphs unchanged. */
function tally(ops) {
  let removed = 0, added = 0;
  for (const [op, w] of ops) { if (op === "-") removed++; else if (op === "+") added++; void w; }
  return { removed, added };
}

/** The diff of a copy against its original: {headline, paragraphs: [node], removed, added, same, total}. */
export function articleDiff(original, copy, { context = 1 } = {}) {
  const pa = original.paragraphs || [], pb = copy.paragraphs || [];
  const norm = (p) => String(p || "").replace(/\s+/g, " ").trim();
  const script = diffTokens(pa.map(norm), pb.map(norm));
  const blocks = []; // {kind: "same", text} | {kind: "changed", ops}
  let removedP = [], addedP = [];
  const flush = () => {
    if (!removedP.length && !addedP.length) return;
    blocks.push({ kind: "changed", ops: diffTokens(words(removedP.join(` ${PARA} `)), words(addedP.join(` ${PARA} `))) });
    removedP = []; addedP = [];
  };
  for (const [op, p] of script) {
    if (op === "=") { flush(); blocks.push({ kind: "same", text: p }); } else if (op === "-") removedP.push(p); else addedP.push(p);
  }
  flush();
  let removed = 0, added = 0;
  for (const b of blocks) if (b.kind === "changed") { const c = tally(b.ops); removed += c.removed; added += c.added; }
  const same = blocks.filter((b) => b.kind === "same").length;
  // changed blocks with `context` unchanged paragraphs around them; longer unchanged runs folded to a note
  const keep = blocks.map((b, i) => b.kind === "changed" || blocks.slice(Math.max(0, i - context), i + context + 1).some((x) => x.kind === "changed"));
  const nodes = [];
  let skipped = 0;
  const note = () => { if (skipped) nodes.push(h("p", { class: "diff-skip" }, t("diff.unchanged", { n: skipped }))); skipped = 0; };
  blocks.forEach((b, i) => {
    if (!keep[i]) { skipped++; return; }
    note();
    nodes.push(b.kind === "same" ? h("p", { class: "diff-line diff-same" }, b.text) : wordLine(b.ops));
  });
  note();
  const headline = norm(original.title) === norm(copy.title) ? null
    : wordLine(diffTokens(words(original.title), words(copy.title)), "p");
  return { headline, nodes, removed, added, same, total: pb.length };
}
