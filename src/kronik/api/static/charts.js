// Small SVG charts drawn from data: a timeline (rows of marks on a date axis
// plus the dated items of a timeline) and a bar chart of counts over time.
// Text goes in as text nodes; marks are SVG <a> elements, so they are
// focusable, clickable and keyboard operable like any link.

import { s, h, parseDate, fmtDay } from "./dom.js";

const HOUR = 3600e3, DAY = 24 * HOUR;
const STEPS = [
  [HOUR, "hour"], [3 * HOUR, "hour"], [6 * HOUR, "hour"], [12 * HOUR, "hour"],
  [DAY, "day"], [2 * DAY, "day"], [7 * DAY, "day"], [14 * DAY, "day"],
  [30 * DAY, "month", 1], [91 * DAY, "month", 3], [182 * DAY, "month", 6],
  [365 * DAY, "year", 1], [2 * 365 * DAY, "year", 2], [5 * 365 * DAY, "year", 5], [10 * 365 * DAY, "year", 10],
];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Tick positions (ms) and labels for [t0, t1] with at most `max` ticks. */
export function timeTicks(t0, t1, max) {
  const span = Math.max(t1 - t0, 1);
  let step = STEPS[STEPS.length - 1];
  for (const st of STEPS) if (span / st[0] <= max) { step = st; break; }
  const [ms, unit, n] = step;
  const ticks = [];
  const d0 = new Date(t0);
  if (unit === "hour" || unit === "day") {
    const base = Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth(), d0.getUTCDate());
    for (let t = base; t <= t1; t += ms) if (t >= t0) ticks.push(t);
  } else if (unit === "month") {
    let y = d0.getUTCFullYear(), m = Math.floor(d0.getUTCMonth() / n) * n;
    for (let t = Date.UTC(y, m, 1); t <= t1; m += n, t = Date.UTC(y, m, 1)) if (t >= t0) ticks.push(t);
  } else {
    let y = Math.floor(d0.getUTCFullYear() / n) * n;
    for (let t = Date.UTC(y, 0, 1); t <= t1; y += n, t = Date.UTC(y, 0, 1)) if (t >= t0) ticks.push(t);
  }
  const label = (t) => {
    const d = new Date(t);
    if (unit === "hour") {
      const hh = d.getUTCHours();
      return hh === 0 ? `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}` : `${String(hh).padStart(2, "0")}:00`;
    }
    if (unit === "day") return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
    if (unit === "month") return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    return String(d.getUTCFullYear());
  };
  return ticks.map((t) => ({ t, label: label(t) }));
}

function domainOf(times, extraTimes) {
  let t0 = Math.min(...times), t1 = Math.max(...times);
  // timeline dates widen the axis only when they are not far away from the rest
  const reach = Math.max((t1 - t0) * 2, 7 * DAY);
  for (const t of extraTimes) {
    if (t >= t0 - reach && t <= t1 + reach) { t0 = Math.min(t0, t); t1 = Math.max(t1, t); }
  }
  if (t1 - t0 < 2 * HOUR) { t0 -= 12 * HOUR; t1 += 12 * HOUR; }
  const pad = (t1 - t0) * 0.04;
  return [t0 - pad, t1 + pad];
}

function truncate(text, maxChars) {
  const str = String(text || "");
  if (str.length <= maxChars) return str;
  return str.slice(0, Math.max(1, maxChars - 1)).trimEnd() + "…";
}

/**
 * A timeline chart.
 *  rows:  [{label?, href?, marks: [{start, end?, size, href, tip, cls?, title?}]}]
 *         `title` on a mark is drawn next to it (inline labels); row `label` goes in a left column.
 *  dates: [{date, status: "happened"|"scheduled", href, tip}]
 */
function packLanes(marks, x) {
  const ends = [];
  const lanes = [];
  for (const m of [...marks].sort((a, b) => a._a.t - b._a.t)) {
    const x0 = x(m._a.t) - m.size - 2, x1 = Math.max(x(m._b.t), x(m._a.t)) + m.size + 2;
    let i = ends.findIndex((e) => e <= x0);
    if (i < 0) { i = ends.length; ends.push(0); lanes.push({ marks: [] }); }
    ends[i] = x1;
    lanes[i].marks.push({ ...m, title: null });
  }
  return lanes;
}

export function timelineChart({ rows, dates = [], width = 800, leftLabels = false, ariaLabel = "Timeline", packAbove = 16 }) {
  const marks = rows.flatMap((r) => r.marks);
  const times = [];
  for (const m of marks) {
    m._a = parseDate(m.start); m._b = parseDate(m.end || m.start) || m._a;
    if (m._a) times.push(m._a.t, m._b.t);
  }
  // a bare date stands for the whole day: drawn at its middle
  const dts = dates.map((d) => ({ ...d, _p: parseDate(d.date) })).filter((d) => d._p)
    .map((d) => (d._p.hasTime || d._p.precision !== "day" ? d : { ...d, _p: { ...d._p, t: d._p.t + DAY / 2 } }));
  if (!times.length && !dts.length) return null;
  const [t0, t1] = domainOf(times.length ? times : dts.map((d) => d._p.t), dts.map((d) => d._p.t));

  const W = Math.max(260, Math.round(width));
  const labelW = leftLabels ? Math.min(180, Math.round(W * 0.26)) : 0;
  const L = labelW + 14, R = W - 18;
  const x = (t) => L + ((t - t0) / (t1 - t0)) * (R - L);
  const clampX = (t) => Math.max(L, Math.min(R, x(t)));
  let rowH = 30;
  if (!leftLabels && rows.length > packAbove) {
    // many rows: pack the marks into as few lanes as keep them apart, without inline titles
    rows = packLanes(marks.filter((m) => m._a), x);
    rowH = 22;
  }
  const top = 10;
  const nRows = rows.length;
  const axisY = top + nRows * rowH + 6;
  const datesY = axisY + 52;
  const H = dts.length ? datesY + 22 : axisY + 30;

  const svg = s("svg", {
    class: "chart timeline-chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H,
    role: "group", "aria-label": ariaLabel,
  });
  svg.appendChild(s("desc", null, `${ariaLabel}: ${marks.length} marks${dts.length ? `, ${dts.length} dated items` : ""}.`));

  const ticks = timeTicks(t0, t1, Math.max(2, Math.floor((R - L) / 84)));
  const grid = s("g", { class: "grid", "aria-hidden": "true" });
  for (const tk of ticks) grid.appendChild(s("line", { x1: x(tk.t), x2: x(tk.t), y1: top - 4, y2: axisY }));
  svg.appendChild(grid);

  rows.forEach((row, i) => {
    const y = top + i * rowH + rowH / 2;
    if (i % 2 === 0) svg.appendChild(s("rect", { class: "row-band", x: 0, y: top + i * rowH, width: W, height: rowH, "aria-hidden": "true" }));
    if (leftLabels && row.label) {
      const lab = s("text", { class: "row-label", x: labelW, y: y + 4, "text-anchor": "end", "data-avail": labelW - 4, "data-full": row.label },
        truncate(row.label, Math.floor(labelW / 6.6)));
      svg.appendChild(row.href ? s("a", { href: row.href, class: "row-link" }, lab) : lab);
    }
    for (const m of row.marks) {
      if (!m._a) continue;
      const xa = x(m._a.t), xb = x(m._b.t);
      const r = m.size;
      const g = s("a", { href: m.href, class: ["mark", m.cls].filter(Boolean).join(" "), "data-tip": m.tip, "aria-label": m.tip.split("\n").join(", ") });
      if (xb - xa > 1) g.appendChild(s("rect", { class: "mark-span", x: xa, y: y - 3, width: xb - xa, height: 6, rx: 3 }));
      g.appendChild(s("circle", { class: "mark-dot", cx: xa, cy: y, r }));
      if (m.title) {
        const room = R - (xb + r + 8);
        const leftRoom = xa - r - 8 - L;
        const right = room >= 140 || room >= leftRoom;
        const avail = right ? room : leftRoom;
        g.appendChild(s("text", {
          class: "mark-label", x: right ? Math.max(xb, xa + r) + 8 : xa - r - 8, y: y + 4, "text-anchor": right ? "start" : "end",
          "data-avail": Math.floor(avail), "data-full": m.title,
        }, truncate(m.title, Math.max(4, Math.floor(avail / 6.4)))));
      }
      svg.appendChild(g);
    }
  });

  // axis
  const axis = s("g", { class: "axis", "aria-hidden": "true" });
  axis.appendChild(s("line", { x1: L, x2: R, y1: axisY, y2: axisY }));
  for (const tk of ticks) {
    axis.appendChild(s("line", { x1: x(tk.t), x2: x(tk.t), y1: axisY, y2: axisY + 5 }));
    axis.appendChild(tickText(x(tk.t), axisY + 18, L, R, tk.label));
  }
  svg.appendChild(axis);

  if (dts.length) {
    svg.appendChild(s("text", { class: "lane-label", x: leftLabels ? 4 : L, y: datesY - 13 }, "Timeline dates"));
    svg.appendChild(s("line", { class: "lane", x1: L, x2: R, y1: datesY, y2: datesY, "aria-hidden": "true" }));
    for (const d of dts) {
      const inside = d._p.t >= t0 && d._p.t <= t1;
      const cx = clampX(d._p.t);
      const sz = 6;
      const shape = inside
        ? s("path", { class: "date-mark", d: `M${cx} ${datesY - sz} L${cx + sz} ${datesY} L${cx} ${datesY + sz} L${cx - sz} ${datesY} Z` })
        : s("path", { class: "date-mark off-axis", d: cx <= L ? `M${cx - 2} ${datesY} L${cx + 8} ${datesY - 6} L${cx + 8} ${datesY + 6} Z` : `M${cx + 2} ${datesY} L${cx - 8} ${datesY - 6} L${cx - 8} ${datesY + 6} Z` });
      svg.appendChild(s("a", {
        href: d.href, class: `date ${d.status === "scheduled" ? "scheduled" : "happened"}`, "data-tip": d.tip,
        "aria-label": d.tip.split("\n").join(", "),
      }, shape));
    }
  }
  return svg;
}

/**
 * Once a chart is in the page, shorten each label that carries data-avail/data-full to the
 * width it really has (the first guess above counts characters; this measures the glyphs).
 */
export function fitLabels(svg) {
  for (const t of svg.querySelectorAll("text[data-full]")) {
    const avail = Number(t.getAttribute("data-avail"));
    const full = t.getAttribute("data-full");
    if (!(avail > 0) || typeof t.getComputedTextLength !== "function") continue;
    t.textContent = full;
    if (t.getComputedTextLength() <= avail) continue;
    let lo = 1, hi = full.length;
    while (lo < hi) {  // the longest prefix that fits, with its ellipsis
      const mid = Math.ceil((lo + hi) / 2);
      t.textContent = truncate(full, mid);
      if (t.getComputedTextLength() <= avail) lo = mid; else hi = mid - 1;
    }
    t.textContent = truncate(full, Math.max(1, lo));
  }
}

/** Which bins a span of time is counted in: days, weeks (from Monday) or months. */
function binner(spanDays) {
  if (spanDays <= 120) return { name: "day", start: (t) => t - (t % DAY), next: (t) => t + DAY };
  if (spanDays <= 3 * 365) {
    return {
      name: "week",
      start: (t) => { const d = t - (t % DAY); return d - ((new Date(d).getUTCDay() + 6) % 7) * DAY; },
      next: (t) => t + 7 * DAY,
    };
  }
  return {
    name: "month",
    start: (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); },
    next: (t) => { const d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); },
  };
}

function binLabel(name, t) {
  if (name === "day") return fmtDay(t);
  if (name === "week") return `Week of ${fmtDay(t)}`;
  const d = new Date(t);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** Tick label anchored so that it stays inside [L, R]. */
function tickText(xp, y, L, R, label) {
  const anchor = xp - L < 22 ? "start" : R - xp < 22 ? "end" : "middle";
  return s("text", { x: xp, y, "text-anchor": anchor }, label);
}

/** Bars of counts per date: [{date, count}] -> SVG (days, weeks or months, by the span). */
export function countsChart(points, { width = 600, height = 150, label = "Mentions over time", unit = "mention" } = {}) {
  const pts = points.map((p) => ({ ...p, _p: parseDate(p.date) })).filter((p) => p._p);
  if (!pts.length) return null;
  pts.sort((a, b) => a._p.t - b._p.t);
  const bin = binner((pts[pts.length - 1]._p.t - pts[0]._p.t) / DAY);
  const bins = new Map();
  for (const p of pts) {
    const b = bin.start(p._p.t);
    bins.set(b, (bins.get(b) || 0) + (Number(p.count) || 0));
  }
  const keys = [...bins.keys()].sort((a, b) => a - b);
  let t0 = keys[0], t1 = bin.next(keys[keys.length - 1]);
  const minSpan = 5 * (bin.next(t0) - t0);
  if (t1 - t0 < minSpan) { const mid = (t0 + t1) / 2; t0 = mid - minSpan / 2; t1 = mid + minSpan / 2; }
  const W = Math.max(280, Math.round(width)), H = height;
  const L = 34, R = W - 12, T = 10, B = H - 26;
  const x = (t) => L + ((t - t0) / (t1 - t0)) * (R - L);
  const max = Math.max(...bins.values(), 1);
  const y = (v) => B - (v / max) * (B - T);
  const svg = s("svg", { class: "chart counts-chart", viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: "group", "aria-label": label });
  svg.appendChild(s("desc", null, `${label} per ${bin.name}: ${keys.length} ${bin.name}s with mentions, at most ${max}.`));
  const axis = s("g", { class: "axis", "aria-hidden": "true" });
  axis.appendChild(s("line", { x1: L, x2: R, y1: B, y2: B }));
  axis.appendChild(s("line", { class: "grid-h", x1: L, x2: R, y1: T, y2: T }));
  axis.appendChild(s("text", { x: L - 6, y: T + 4, "text-anchor": "end" }, String(max)));
  axis.appendChild(s("text", { x: L - 6, y: B + 4, "text-anchor": "end" }, "0"));
  for (const tk of timeTicks(t0, t1, Math.max(2, Math.floor((R - L) / 80)))) {
    axis.appendChild(s("line", { x1: x(tk.t), x2: x(tk.t), y1: B, y2: B + 4 }));
    axis.appendChild(tickText(x(tk.t), B + 17, L, R, tk.label));
  }
  svg.appendChild(axis);
  for (const b of keys) {
    const n = bins.get(b);
    const xa = x(b), xb = x(bin.next(b));
    const bw = Math.max(3, Math.min(40, xb - xa - 2));
    const cx = (xa + xb) / 2;
    const tipText = `${binLabel(bin.name, b)}\n${n} ${n === 1 ? unit : unit + "s"}`;
    svg.appendChild(s("rect", {
      class: "bar", x: cx - bw / 2, y: y(n), width: bw, height: Math.max(1, B - y(n)), rx: 2,
      tabindex: 0, role: "img", "data-tip": tipText, "aria-label": tipText.replace("\n", ": "), "data-date": new Date(b).toISOString().slice(0, 10), "data-count": n,
    }));
  }
  return svg;
}

/** Horizontal bars in HTML (outlet coverage): [{label, count, href?}] */
export function barList(items, { unit = "article" } = {}) {
  const max = Math.max(1, ...items.map((i) => i.count));
  return h("ul", { class: "bar-list" }, items.map((it) => {
    const bar = h("span", { class: "bar-fill", "aria-hidden": "true" });
    bar.style.width = `${Math.max(2, (100 * it.count) / max)}%`;
    return h("li", null,
      h("span", { class: "bar-label" }, it.href ? h("a", { href: it.href }, it.label) : it.label),
      h("span", { class: "bar-track" }, bar),
      h("span", { class: "bar-count", "aria-label": `${it.count} ${it.count === 1 ? unit : unit + "s"}` }, String(it.count)));
  }));
}
