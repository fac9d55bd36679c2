// lossbook/web/src/common.js: what every live figure's view shares.
//
// Colours (the same as lossbook.plots, tested), SVG and HTML helpers, ticks, an accessible
// slider, a settled-change announcer for screen readers, the figure's root element (which
// stops keydown propagation, or JupyterLab 4 takes the arrow keys of native range inputs),
// and LocalModel: the anywidget model API (get, set, on, off, save_changes) over a JavaScript
// twin, so that the same view runs on the site with no kernel. Dependency-free ES2019.

// The book's colours: lossbook.plots.COLORS (lines, bars, marks) ...
export const COLORS = { mse: "#D55E00", ce: "#0072B2", kl: "#009E73", entropy: "#CC79A7",
  target: "#555555", accent: "#E69F00", neutral: "#56B4E9" };
// ... and lossbook.plots.TEXT_COLORS: text in a quantity's colour, passing 4.5:1 in each mode.
export const TEXT_COLORS = {
  light: { mse: "#B14E00", ce: "#0070AE", kl: "#007A59", entropy: "#95587A", target: "#555555",
    accent: "#8F6300", neutral: "#367193" },
  dark: { mse: "#E08842", ce: "#5CA5CE", kl: "#30B08E", entropy: "#D185AF", target: "#9E9E9E",
    accent: "#E69F00", neutral: "#56B4E9" },
};

const SVGNS = "http://www.w3.org/2000/svg";

// A new element (SVG when svg is true) with attributes, appended to parent.
export function el(tag, attrs, parent, svg) {
  const e = svg ? document.createElementNS(SVGNS, tag) : document.createElement(tag);
  if (attrs) for (const k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(e);
  return e;
}

export function text(tag, attrs, parent, content, svg) {
  const e = el(tag, attrs, parent, svg);
  e.textContent = content;
  return e;
}

// Numbers that cannot travel in JSON (inf, -inf, nan) arrive from Python as strings.
export function num(v) {
  if (typeof v === "number") return v;
  if (v === "inf" || v === "Infinity") return Infinity;
  if (v === "-inf" || v === "-Infinity") return -Infinity;
  if (v === "nan" || v === "NaN" || v === null) return NaN;
  return Number(v);
}
export const nums = (a) => a.map(num);

// A short label: 4 significant digits, no trailing zeros; inf, -inf and nan by name.
export function fmtg(v, digits = 4) {
  v = num(v);
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "\u2212inf";
  const s = String(Number(v.toPrecision(digits)));
  return s.replace("-", "\u2212");
}
// Fixed decimals, with the minus sign and the non-finite names.
export function fmtf(v, d) {
  v = num(v);
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "\u2212inf";
  return (Object.is(v, -0) ? 0 : v).toFixed(d).replace("-", "\u2212");
}

// About n round tick positions (steps of 1, 2 or 5 times a power of ten) in [lo, hi].
export function niceTicks(lo, hi, n) {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return [lo];
  const raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
  const step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag, out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}

// The figure's root: class lossbook-fig (the theme's colours, see lossbook.css), the line and
// text colours as CSS custom properties, and keydown stopped here so that JupyterLab's
// notebook shortcuts do not take the arrow keys from the figure's sliders.
export function figureRoot(el0, name, label) {
  el0.textContent = "";
  const root = el("div", { class: "lossbook-fig lossbook-" + name, "data-testid": name, role: "group",
    "aria-label": label }, el0);
  for (const k in COLORS) {
    root.style.setProperty("--lb-c-" + k, COLORS[k]);
    root.style.setProperty("--lb-t-" + k + "-light", TEXT_COLORS.light[k]);
    root.style.setProperty("--lb-t-" + k + "-dark", TEXT_COLORS.dark[k]);
  }
  root.addEventListener("keydown", (e) => e.stopPropagation());
  return root;
}

let uid = 0;
export const newId = (p) => p + "-" + (++uid);

// An accessible slider: a visible label in words, the value shown in its units, and the same
// value as aria-valuetext (a slider on a log10 scale announces "0.001", not "-3").
//   spec: {key, label, min, max, step, value (slider units), show(v) -> text, onInput(v)}
export function slider(parent, spec) {
  const id = newId("lb-" + spec.key);
  const wrap = el("div", { class: "lossbook-slider" }, parent);
  text("label", { for: id }, wrap, spec.label);
  const input = el("input", { type: "range", id, min: spec.min, max: spec.max, step: spec.step,
    "data-testid": "slider-" + spec.key, "data-name": spec.key }, wrap);
  const out = el("output", { for: id, "data-testid": "value-" + spec.key, "aria-hidden": "true" }, wrap);
  const show = spec.show || ((v) => fmtg(v));
  const api = {
    input, output: out,
    set(v) {
      if (Number(input.value) !== v) input.value = String(v);
      const t = show(Number(input.value) === v ? v : Number(input.value));
      out.textContent = t;
      input.setAttribute("aria-valuetext", t);
    },
  };
  input.addEventListener("input", () => { const v = Number(input.value); api.set(v); spec.onInput(v); });
  api.set(spec.value);
  return api;
}

export function checkbox(parent, spec) {
  const id = newId("lb-" + spec.key);
  const wrap = el("div", { class: "lossbook-slider lossbook-toggle" }, parent);
  const input = el("input", { type: "checkbox", id, "data-testid": "toggle-" + spec.key }, wrap);
  text("label", { for: id }, wrap, spec.label);
  input.checked = !!spec.value;
  input.addEventListener("change", () => spec.onInput(input.checked));
  return input;
}

export function select(parent, spec) {
  const id = newId("lb-" + spec.key);
  const wrap = el("div", { class: "lossbook-slider lossbook-select" }, parent);
  text("label", { for: id }, wrap, spec.label);
  const s = el("select", { id, "data-testid": "select-" + spec.key }, wrap);
  for (const [v, t] of spec.options) text("option", { value: v }, s, t);
  s.value = String(spec.value);
  s.addEventListener("change", () => spec.onInput(s.value));
  return s;
}

export function button(parent, label, testid, onClick, cls) {
  const b = text("button", { type: "button", "data-testid": testid, class: cls }, parent, label);
  b.addEventListener("click", onClick);
  return b;
}

// A row of preset buttons (data-testid preset-<name>, labelled by labels[name]): a click sets
// the settings a preset names and recomputes. Returns the row (a figure may add buttons to it).
export function presetButtons(parent, model, presets, labels, groupLabel = "presets") {
  const row = el("div", { class: "lossbook-buttons", role: "group", "aria-label": groupLabel }, parent);
  for (const name in presets) {
    button(row, labels[name], "preset-" + name, () => {
      model.set("settings", Object.assign({}, model.get("settings"), presets[name]));
      model.save_changes();
    }, "lossbook-preset");
  }
  return row;
}

// A polite live region that speaks the figure's result once the reader stops moving a control
// (not once per input event): say(text) waits `wait` ms and speaks only if the text changed.
export function announcer(parent, wait = 700) {
  const region = el("div", { class: "lossbook-sr", "aria-live": "polite", "data-testid": "announce" }, parent);
  let timer = null, last = "";
  return {
    region,
    say(t) {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => { timer = null; if (t !== last) { last = t; region.textContent = t; } }, wait);
    },
  };
}

// A plotting panel: one <svg> with a viewBox, linear scales, a frame, grid and tick labels.
// Panels sit in a flex row that wraps (lossbook.css), so they stack on a phone.
export class Panel {
  constructor(parent, o) {
    this.w = o.w || 240; this.h = o.h || 170;
    const pad = Object.assign({ l: 44, r: 10, t: 20, b: 32 }, o.pad || {});
    this.svg = el("svg", { viewBox: `0 0 ${this.w} ${this.h}`, class: "lossbook-panel", "aria-hidden": "true",
      "data-testid": o.testid, focusable: "false", style: `flex-basis: ${this.w}px; max-width: min(100%, ${Math.round(this.w * 1.45)}px)` }, parent, true);
    this.x0 = pad.l; this.x1 = this.w - pad.r; this.y0 = this.h - pad.b; this.y1 = pad.t;
    el("rect", { x: this.x0, y: this.y1, width: this.x1 - this.x0, height: this.y0 - this.y1, class: "lb-frame" }, this.svg, true);
    if (o.title) text("text", { x: (this.x0 + this.x1) / 2, y: 13, "text-anchor": "middle", class: "lb-title" }, this.svg, o.title, true);
    if (o.xlabel) this.xlabel = text("text", { x: (this.x0 + this.x1) / 2, y: this.h - 3, "text-anchor": "middle", class: "lb-label" }, this.svg, o.xlabel, true);
    if (o.ylabel !== undefined) {
      const cy = (this.y0 + this.y1) / 2;
      this.ylabel = text("text", { x: 10, y: cy, transform: `rotate(-90 10 ${cy})`, "text-anchor": "middle", class: "lb-label" }, this.svg, o.ylabel, true);
    }
    this.grid = el("g", { class: "lb-grid" }, this.svg, true);
    this.ticks = el("g", { class: "lb-ticks" }, this.svg, true);
    this.layer = el("g", {}, this.svg, true);
    this.setLimits(0, 1, 0, 1);
  }
  setLimits(xlo, xhi, ylo, yhi, o = {}) {
    this.xlo = xlo; this.xhi = xhi; this.ylo = ylo; this.yhi = yhi;
    this.sx = (this.x1 - this.x0) / (xhi - xlo); this.sy = (this.y0 - this.y1) / (yhi - ylo);
    let ticks = "", grid = "";
    const xt = o.xticks || niceTicks(xlo, xhi, o.nx || 4), yt = o.yticks || niceTicks(ylo, yhi, o.ny || 4);
    const xf = o.xfmt || fmtg, yf = o.yfmt || fmtg;
    for (const v of xt) {
      const px = this.px(v).toFixed(1);
      ticks += `<text x="${px}" y="${this.y0 + 11}" text-anchor="middle">${xf(v)}</text>`;
      if (o.xgrid) grid += `<line x1="${px}" x2="${px}" y1="${this.y1}" y2="${this.y0}"></line>`;
    }
    for (const v of yt) {
      const py = this.py(v).toFixed(1);
      ticks += `<text x="${this.x0 - 3}" y="${(+py + 3).toFixed(1)}" text-anchor="end">${yf(v)}</text>`;
      grid += `<line x1="${this.x0}" x2="${this.x1}" y1="${py}" y2="${py}"></line>`;
    }
    this.ticks.innerHTML = ticks;
    this.grid.innerHTML = grid;
  }
  px(v) { return this.x0 + (v - this.xlo) * this.sx; }
  py(v) { return this.y0 - (v - this.ylo) * this.sy; }
  // Clamp a y to the frame (with a little room), for points off the chart.
  pyc(v) { return Math.max(this.y1 - 4, Math.min(this.y0 + 4, this.py(v))); }
  // Polyline points of (xs[i], ys[i]) for i < n (xs null: x = i), thinned to about 400 points;
  // non-finite values break nothing (they are skipped).
  points(xs, ys, n) {
    n = n === undefined ? ys.length : n;
    const every = Math.max(1, Math.floor(n / 400));
    let s = "";
    const add = (i) => {
      const y = num(ys[i]), x = xs ? num(xs[i]) : i;
      if (Number.isFinite(y)) s += this.px(x).toFixed(1) + "," + this.pyc(y).toFixed(1) + " ";
    };
    for (let i = 0; i < n; i += every) add(i);
    if (n > 0 && (n - 1) % every !== 0) add(n - 1);
    return s;
  }
  line(attrs) { return el("line", attrs, this.layer, true); }
  polyline(attrs) { return el("polyline", Object.assign({ fill: "none" }, attrs), this.layer, true); }
  circle(attrs) { return el("circle", attrs, this.layer, true); }
  setLine(l, x1, y1, x2, y2) {
    l.setAttribute("x1", x1.toFixed ? x1.toFixed(1) : x1); l.setAttribute("y1", y1.toFixed ? y1.toFixed(1) : y1);
    l.setAttribute("x2", x2.toFixed ? x2.toFixed(1) : x2); l.setAttribute("y2", y2.toFixed ? y2.toFixed(1) : y2);
  }
  hline(l, y) { const py = this.py(y); this.setLine(l, this.x0, py, this.x1, py); l.style.display = Number.isFinite(py) ? "" : "none"; }
  vline(l, x) { const px = this.px(x); this.setLine(l, px, this.y1, px, this.y0); }
}

// The container of a figure's panels: described as one image (role img, aria-label set by
// described()), data-testid "<name>-plot", data-version 0.
export function plotBox(root, name) {
  return el("div", { class: "lossbook-panels", role: "img", "data-testid": name + "-plot", "data-version": "0" }, root);
}

// The end of every view's draw: the plot's description states the result (aria-label), the live
// region says it once the reader stops (no announcer, no announcement: a figure still
// computing passes null), and data-version counts the redraw (for tests).
export function described(fig, say, description, words) {
  fig.setAttribute("aria-label", description + " " + words);
  if (say) say.say(words);
  fig.setAttribute("data-version", String(Number(fig.getAttribute("data-version") || 0) + 1));
}

// A result the view can draw: false (and its message shown in `error`) when it is missing or
// carries an error.
export function usable(result, error) {
  const ok = !!result && !result.error;
  error.textContent = result && result.error ? result.error : "";
  return ok;
}

// Wire a view to its model: sync the controls on "change:settings", redraw on "change:result",
// do both now; return the cleanup that anywidget calls when the view is removed.
export function connect(model, syncInputs, draw, stop) {
  model.on("change:settings", syncInputs);
  model.on("change:result", draw);
  syncInputs();
  draw();
  return () => { if (stop) stop(); model.off("change:settings", syncInputs); model.off("change:result", draw); };
}

// A legend row in HTML (colour swatch + name), under or above the panels.
export function legend(parent, items) {
  const ul = el("ul", { class: "lossbook-legend", "aria-hidden": "true" }, parent);
  for (const it of items) {
    const li = el("li", {}, ul);
    const s = el("svg", { width: 22, height: 10, viewBox: "0 0 22 10" }, li, true);
    el("line", { x1: 1, x2: 21, y1: 5, y2: 5, stroke: it.color, "stroke-width": 2.5, "stroke-dasharray": it.dash || null }, s, true);
    text("span", {}, li, it.label);
  }
  return ul;
}

// --- on the site: the anywidget model API over a JavaScript twin ---------------------------

// LocalModel(state, compute): get/set/on/off/save_changes like anywidget's model. set() stores a
// value and fires "change:<key>" at once (as Backbone does in JupyterLab); save_changes() runs
// compute(state, model) -> {key: value} (the twin, standing in for the kernel) and fires
// "change:<key>" for what it returns; a twin that streams (the digits) may later set() more
// results on the model it is given. So a view cannot tell it from a kernel-backed model.
export class LocalModel {
  // el: the figure's mount point, when the model has one (a compute may wait until the reader
  // nears it: whenNear).
  constructor(state, compute, el) {
    this.state = Object.assign({}, state);
    this.compute = compute;
    this.el = el || null;
    this.handlers = {};
    Object.assign(this.state, compute(this.state, this));
  }
  get(k) { return this.state[k]; }
  set(k, v) { this.state[k] = v; this.emit("change:" + k); }
  on(ev, f) { (this.handlers[ev] = this.handlers[ev] || []).push(f); }
  off(ev, f) {
    if (!ev) { this.handlers = {}; return; }
    this.handlers[ev] = f ? (this.handlers[ev] || []).filter((g) => g !== f) : [];
  }
  emit(ev) { for (const f of (this.handlers[ev] || []).slice()) f(); }
  save_changes() {
    const out = this.compute(this.state, this);
    for (const k in out) { this.state[k] = out[k]; this.emit("change:" + k); }
  }
}

// Call f once, when el comes within a screen's height of the viewport (at once where the browser
// cannot tell, or without el): work that only the figure needs, not the page's first paint.
// Once el has been near, later calls run f at once.
export function whenNear(el, f) {
  if (!el || el.lossbookNear || typeof IntersectionObserver === "undefined") { f(); return; }
  const seen = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) { seen.disconnect(); el.lossbookNear = true; f(); }
  }, { rootMargin: "100% 0px" });
  seen.observe(el);
}

// Mount every figure of a page: each <div class="lossbook-figure" data-figure="NAME"
// data-settings='{...}'> (a notebook output's text/html) gets the view of figures[NAME] over a
// LocalModel of its twin. figures: {NAME: {render, compute, defaults}}.
export function mountAll(figures, doc) {
  doc = doc || document;
  for (const node of doc.querySelectorAll(".lossbook-figure[data-figure]")) {
    const fig = figures[node.getAttribute("data-figure")];
    if (!fig || node.getAttribute("data-mounted")) continue;
    node.setAttribute("data-mounted", "1");
    // the fallback text shown where no JavaScript runs (lossbook/widgets.py mount_html)
    for (const old of node.querySelectorAll(".lossbook-fallback")) old.remove();
    let given = {};
    try { given = JSON.parse(node.getAttribute("data-settings") || "{}"); } catch (e) { given = {}; }
    const settings = Object.assign({}, fig.defaults, given);
    const model = new LocalModel({ settings }, fig.compute, node);
    node.lossbookModel = model;
    fig.render({ model, el: node });
  }
}

// The SVG path of the contour Z = level (marching squares with linear interpolation) of a grid
// Z[i][j] at (xs[j], ys[i]), in a panel's coordinates.
export function contourPath(panel, xs, ys, Z, level) {
  let d = "";
  const P = (x, y) => panel.px(x).toFixed(1) + "," + panel.py(y).toFixed(1);
  const lerp = (a, b, za, zb) => a + (b - a) * (level - za) / (zb - za);
  for (let i = 0; i + 1 < ys.length; i++) {
    for (let j = 0; j + 1 < xs.length; j++) {
      const z00 = Z[i][j], z01 = Z[i][j + 1], z10 = Z[i + 1][j], z11 = Z[i + 1][j + 1];
      const pts = [];
      if ((z00 < level) !== (z01 < level)) pts.push(P(lerp(xs[j], xs[j + 1], z00, z01), ys[i]));
      if ((z01 < level) !== (z11 < level)) pts.push(P(xs[j + 1], lerp(ys[i], ys[i + 1], z01, z11)));
      if ((z11 < level) !== (z10 < level)) pts.push(P(lerp(xs[j], xs[j + 1], z10, z11), ys[i + 1]));
      if ((z10 < level) !== (z00 < level)) pts.push(P(xs[j], lerp(ys[i], ys[i + 1], z00, z10)));
      for (let k = 0; k + 1 < pts.length; k += 2) d += "M" + pts[k] + "L" + pts[k + 1];
    }
  }
  return d;
}
