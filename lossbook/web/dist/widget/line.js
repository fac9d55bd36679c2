// lossbook/web/src/common.js
var COLORS = {
  mse: "#D55E00",
  ce: "#0072B2",
  kl: "#009E73",
  entropy: "#CC79A7",
  target: "#555555",
  accent: "#E69F00",
  neutral: "#56B4E9"
};
var TEXT_COLORS = {
  light: {
    mse: "#B14E00",
    ce: "#0070AE",
    kl: "#007A59",
    entropy: "#95587A",
    target: "#555555",
    accent: "#8F6300",
    neutral: "#367193"
  },
  dark: {
    mse: "#E08842",
    ce: "#5CA5CE",
    kl: "#30B08E",
    entropy: "#D185AF",
    target: "#9E9E9E",
    accent: "#E69F00",
    neutral: "#56B4E9"
  }
};
var SVGNS = "http://www.w3.org/2000/svg";
function el(tag, attrs, parent, svg) {
  const e = svg ? document.createElementNS(SVGNS, tag) : document.createElement(tag);
  if (attrs) {
    for (const k in attrs) if (attrs[k] !== void 0 && attrs[k] !== null) e.setAttribute(k, attrs[k]);
  }
  if (parent) parent.appendChild(e);
  return e;
}
function text(tag, attrs, parent, content, svg) {
  const e = el(tag, attrs, parent, svg);
  e.textContent = content;
  return e;
}
function num(v) {
  if (typeof v === "number") return v;
  if (v === "inf" || v === "Infinity") return Infinity;
  if (v === "-inf" || v === "-Infinity") return -Infinity;
  if (v === "nan" || v === "NaN" || v === null) return NaN;
  return Number(v);
}
function fmtg(v, digits = 4) {
  v = num(v);
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "\u2212inf";
  const s = String(Number(v.toPrecision(digits)));
  return s.replace("-", "\u2212");
}
function fmtf(v, d) {
  v = num(v);
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "\u2212inf";
  return (Object.is(v, -0) ? 0 : v).toFixed(d).replace("-", "\u2212");
}
function niceTicks(lo, hi, n) {
  const span = hi - lo;
  if (!(span > 0) || !Number.isFinite(span)) return [lo];
  const raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
  const step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag, out = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return out;
}
function figureRoot(el0, name, label) {
  el0.textContent = "";
  const root = el("div", {
    class: "lossbook-fig lossbook-" + name,
    "data-testid": name,
    role: "group",
    "aria-label": label
  }, el0);
  for (const k in COLORS) {
    root.style.setProperty("--lb-c-" + k, COLORS[k]);
    root.style.setProperty("--lb-t-" + k + "-light", TEXT_COLORS.light[k]);
    root.style.setProperty("--lb-t-" + k + "-dark", TEXT_COLORS.dark[k]);
  }
  root.addEventListener("keydown", (e) => e.stopPropagation());
  return root;
}
var uid = 0;
var newId = (p) => p + "-" + ++uid;
function slider(parent, spec) {
  const id = newId("lb-" + spec.key);
  const wrap = el("div", { class: "lossbook-slider" }, parent);
  text("label", { for: id }, wrap, spec.label);
  const input = el("input", {
    type: "range",
    id,
    min: spec.min,
    max: spec.max,
    step: spec.step,
    "data-testid": "slider-" + spec.key,
    "data-name": spec.key
  }, wrap);
  const out = el("output", { for: id, "data-testid": "value-" + spec.key, "aria-hidden": "true" }, wrap);
  const show = spec.show || ((v) => fmtg(v));
  const api = {
    input,
    output: out,
    set(v) {
      if (Number(input.value) !== v) input.value = String(v);
      const t = show(Number(input.value) === v ? v : Number(input.value));
      out.textContent = t;
      input.setAttribute("aria-valuetext", t);
    }
  };
  input.addEventListener("input", () => {
    const v = Number(input.value);
    api.set(v);
    spec.onInput(v);
  });
  api.set(spec.value);
  return api;
}
function button(parent, label, testid, onClick, cls) {
  const b = text("button", { type: "button", "data-testid": testid, class: cls }, parent, label);
  b.addEventListener("click", onClick);
  return b;
}
function presetButtons(parent, model, presets, labels, groupLabel = "presets") {
  const row = el("div", { class: "lossbook-buttons", role: "group", "aria-label": groupLabel }, parent);
  for (const name in presets) {
    button(row, labels[name], "preset-" + name, () => {
      model.set("settings", Object.assign({}, model.get("settings"), presets[name]));
      model.save_changes();
    }, "lossbook-preset");
  }
  return row;
}
function announcer(parent, wait = 700) {
  const region = el("div", { class: "lossbook-sr", "aria-live": "polite", "data-testid": "announce" }, parent);
  let timer = null, last = "";
  return {
    region,
    say(t) {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        if (t !== last) {
          last = t;
          region.textContent = t;
        }
      }, wait);
    }
  };
}
var Panel = class {
  constructor(parent, o) {
    this.w = o.w || 240;
    this.h = o.h || 170;
    const pad = Object.assign({ l: 44, r: 10, t: 20, b: 32 }, o.pad || {});
    this.svg = el("svg", {
      viewBox: `0 0 ${this.w} ${this.h}`,
      class: "lossbook-panel",
      "aria-hidden": "true",
      "data-testid": o.testid,
      focusable: "false",
      style: `flex-basis: ${this.w}px; max-width: min(100%, ${Math.round(this.w * 1.45)}px)`
    }, parent, true);
    this.x0 = pad.l;
    this.x1 = this.w - pad.r;
    this.y0 = this.h - pad.b;
    this.y1 = pad.t;
    el("rect", { x: this.x0, y: this.y1, width: this.x1 - this.x0, height: this.y0 - this.y1, class: "lb-frame" }, this.svg, true);
    if (o.title) text("text", { x: (this.x0 + this.x1) / 2, y: 13, "text-anchor": "middle", class: "lb-title" }, this.svg, o.title, true);
    if (o.xlabel) this.xlabel = text("text", { x: (this.x0 + this.x1) / 2, y: this.h - 3, "text-anchor": "middle", class: "lb-label" }, this.svg, o.xlabel, true);
    if (o.ylabel !== void 0) {
      const cy = (this.y0 + this.y1) / 2;
      this.ylabel = text("text", { x: 10, y: cy, transform: `rotate(-90 10 ${cy})`, "text-anchor": "middle", class: "lb-label" }, this.svg, o.ylabel, true);
    }
    this.grid = el("g", { class: "lb-grid" }, this.svg, true);
    this.ticks = el("g", { class: "lb-ticks" }, this.svg, true);
    this.layer = el("g", {}, this.svg, true);
    this.setLimits(0, 1, 0, 1);
  }
  setLimits(xlo, xhi, ylo, yhi, o = {}) {
    this.xlo = xlo;
    this.xhi = xhi;
    this.ylo = ylo;
    this.yhi = yhi;
    this.sx = (this.x1 - this.x0) / (xhi - xlo);
    this.sy = (this.y0 - this.y1) / (yhi - ylo);
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
  px(v) {
    return this.x0 + (v - this.xlo) * this.sx;
  }
  py(v) {
    return this.y0 - (v - this.ylo) * this.sy;
  }
  // Clamp a y to the frame (with a little room), for points off the chart.
  pyc(v) {
    return Math.max(this.y1 - 4, Math.min(this.y0 + 4, this.py(v)));
  }
  // Polyline points of (xs[i], ys[i]) for i < n (xs null: x = i), thinned to about 400 points;
  // non-finite values break nothing (they are skipped).
  points(xs, ys, n) {
    n = n === void 0 ? ys.length : n;
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
  line(attrs) {
    return el("line", attrs, this.layer, true);
  }
  polyline(attrs) {
    return el("polyline", Object.assign({ fill: "none" }, attrs), this.layer, true);
  }
  circle(attrs) {
    return el("circle", attrs, this.layer, true);
  }
  setLine(l, x1, y1, x2, y2) {
    l.setAttribute("x1", x1.toFixed ? x1.toFixed(1) : x1);
    l.setAttribute("y1", y1.toFixed ? y1.toFixed(1) : y1);
    l.setAttribute("x2", x2.toFixed ? x2.toFixed(1) : x2);
    l.setAttribute("y2", y2.toFixed ? y2.toFixed(1) : y2);
  }
  hline(l, y) {
    const py = this.py(y);
    this.setLine(l, this.x0, py, this.x1, py);
    l.style.display = Number.isFinite(py) ? "" : "none";
  }
  vline(l, x) {
    const px = this.px(x);
    this.setLine(l, px, this.y1, px, this.y0);
  }
};
function plotBox(root, name) {
  return el("div", { class: "lossbook-panels", role: "img", "data-testid": name + "-plot", "data-version": "0" }, root);
}
function described(fig, say, description, words) {
  fig.setAttribute("aria-label", description + " " + words);
  if (say) say.say(words);
  fig.setAttribute("data-version", String(Number(fig.getAttribute("data-version") || 0) + 1));
}
function usable(result, error) {
  const ok = !!result && !result.error;
  error.textContent = result && result.error ? result.error : "";
  return ok;
}
function connect(model, syncInputs, draw, stop) {
  model.on("change:settings", syncInputs);
  model.on("change:result", draw);
  syncInputs();
  draw();
  return () => {
    if (stop) stop();
    model.off("change:settings", syncInputs);
    model.off("change:result", draw);
  };
}
function legend(parent, items) {
  const ul = el("ul", { class: "lossbook-legend", "aria-hidden": "true" }, parent);
  for (const it of items) {
    const li = el("li", {}, ul);
    const s = el("svg", { width: 22, height: 10, viewBox: "0 0 22 10" }, li, true);
    el("line", { x1: 1, x2: 21, y1: 5, y2: 5, stroke: it.color, "stroke-width": 2.5, "stroke-dasharray": it.dash || null }, s, true);
    text("span", {}, li, it.label);
  }
  return ul;
}
function contourPath(panel, xs, ys, Z, level) {
  let d = "";
  const P = (x, y) => panel.px(x).toFixed(1) + "," + panel.py(y).toFixed(1);
  const lerp = (a, b, za, zb) => a + (b - a) * (level - za) / (zb - za);
  for (let i = 0; i + 1 < ys.length; i++) {
    for (let j = 0; j + 1 < xs.length; j++) {
      const z00 = Z[i][j], z01 = Z[i][j + 1], z10 = Z[i + 1][j], z11 = Z[i + 1][j + 1];
      const pts = [];
      if (z00 < level !== z01 < level) pts.push(P(lerp(xs[j], xs[j + 1], z00, z01), ys[i]));
      if (z01 < level !== z11 < level) pts.push(P(xs[j + 1], lerp(ys[i], ys[i + 1], z01, z11)));
      if (z11 < level !== z10 < level) pts.push(P(lerp(xs[j], xs[j + 1], z10, z11), ys[i + 1]));
      if (z10 < level !== z00 < level) pts.push(P(xs[j], lerp(ys[i], ys[i + 1], z00, z10)));
      for (let k = 0; k + 1 < pts.length; k += 2) d += "M" + pts[k] + "L" + pts[k + 1];
    }
  }
  return d;
}

// lossbook/web/src/line_model.js
var RANGES = { w: [-1, 4, 0.05], b: [-2, 3, 0.05], eta: [0.01, 1.2, 0.01] };
var PRESETS = {
  "source-2-1": { w: 2, b: 1, eta: 0.1 },
  "source-0-0": { w: 0, b: 0, eta: 0.1 }
};

// lossbook/web/src/line.js
var PRESET_LABELS = { "source-2-1": "source text 2: w = 2, b = 1", "source-0-0": "source text 2: w = 0, b = 0" };
function render({ model, el: host }) {
  const root = figureRoot(host, "line", "Fitting a line: the loss and its gradient");
  const controls = el("div", { class: "lossbook-controls" }, root);
  const set = (patch) => {
    model.set("settings", Object.assign({}, model.get("settings"), patch));
    model.save_changes();
  };
  const inputs = {
    w: slider(controls, { key: "w", label: "slope w", min: RANGES.w[0], max: RANGES.w[1], step: RANGES.w[2], value: 0, show: (v) => fmtf(v, 2), onInput: (v) => set({ w: v }) }),
    b: slider(controls, { key: "b", label: "intercept b", min: RANGES.b[0], max: RANGES.b[1], step: RANGES.b[2], value: 0, show: (v) => fmtf(v, 2), onInput: (v) => set({ b: v }) }),
    eta: slider(controls, { key: "eta", label: "learning rate \u03B7 (for a step)", min: RANGES.eta[0], max: RANGES.eta[1], step: RANGES.eta[2], value: 0, show: (v) => fmtf(v, 2), onInput: (v) => set({ eta: v }) })
  };
  const buttons = presetButtons(root, model, PRESETS, PRESET_LABELS, "presets and steps");
  button(buttons, "one gradient-descent step", "step", () => {
    const r = model.get("result");
    if (!r || r.error) return;
    const w = num(r.next.w), b = num(r.next.b);
    if (!(w >= RANGES.w[0] && w <= RANGES.w[1] && b >= RANGES.b[0] && b <= RANGES.b[1])) {
      error.textContent = "That step would leave the plotted range: the learning rate is too large (J's curvature allows \u03B7 < 1).";
      return;
    }
    set({ w, b });
  });
  const fig = plotBox(root, "line");
  const data = new Panel(fig, { w: 260, h: 200, title: "the points and the line", xlabel: "x", ylabel: "y" });
  const surf = new Panel(fig, { w: 260, h: 200, title: "J over (w, b)", xlabel: "slope w", ylabel: "intercept b" });
  legend(root, [
    { color: "var(--lb-c-mse)", label: "residuals w x + b \u2212 y" },
    { color: "var(--lb-fg)", label: "the line and its (w, b)" },
    { color: "var(--lb-t-target)", label: "contours of J, \u2212\u2207J arrow" }
  ]);
  data.setLimits(-3, 3, -5, 7, { xticks: [-2, -1, 0, 1, 2], yticks: [-4, -2, 0, 2, 4, 6] });
  const resid = data.layer.appendChild(el("path", { stroke: "var(--lb-c-mse)", "stroke-width": 1.6, fill: "none" }, null, true));
  const line = data.line({ stroke: "var(--lb-fg)", "stroke-width": 2 });
  const dots = [];
  const contours = el("path", { stroke: "var(--lb-t-target)", "stroke-width": 0.8, fill: "none", "stroke-opacity": 0.7 }, surf.layer, true);
  const opt = surf.circle({ r: 3, fill: "none", stroke: "var(--lb-t-target)", "stroke-width": 1.2 });
  const arrow = el("path", { stroke: "var(--lb-c-mse)", "stroke-width": 1.8, fill: "none" }, surf.layer, true);
  const here = surf.circle({ r: 4, fill: "var(--lb-fg)" });
  const values = el("p", { class: "lossbook-readout", "data-testid": "line-values" }, root);
  const error = el("p", { class: "lossbook-error", "data-testid": "line-error", role: "alert" }, root);
  const say = announcer(root);
  let drawnGrid = null;
  function syncInputs() {
    const s = model.get("settings");
    for (const k in inputs) inputs[k].set(s[k]);
    root.setAttribute("data-settings-now", JSON.stringify(s));
  }
  function draw() {
    const s = model.get("settings"), r = model.get("result");
    if (!usable(r, error)) return;
    if (dots.length === 0) r.x.forEach((x, i) => dots.push(data.circle({ cx: data.px(x).toFixed(1), cy: data.py(r.y[i]).toFixed(1), r: 3.5, fill: "var(--lb-fg)" })));
    data.setLine(line, data.px(-3), data.pyc(s.w * -3 + s.b), data.px(3), data.pyc(s.w * 3 + s.b));
    resid.setAttribute("d", r.x.map((x, i) => `M${data.px(x).toFixed(1)},${data.pyc(r.y[i]).toFixed(1)}V${data.pyc(num(r.pred[i])).toFixed(1)}`).join(""));
    const gridKey = [r.grid_w[0], r.grid_w.length, r.grid_b[0], r.grid_b.length, r.levels.join()].join(";");
    if (drawnGrid !== gridKey) {
      surf.setLimits(r.grid_w[0], r.grid_w[r.grid_w.length - 1], r.grid_b[0], r.grid_b[r.grid_b.length - 1]);
      contours.setAttribute("d", r.levels.map((lv) => contourPath(surf, r.grid_w, r.grid_b, r.grid_J, lv)).join(""));
      opt.setAttribute("cx", surf.px(r.optimum.w).toFixed(1));
      opt.setAttribute("cy", surf.py(r.optimum.b).toFixed(1));
      drawnGrid = gridKey;
    }
    const hx = surf.px(s.w), hy = surf.py(s.b);
    here.setAttribute("cx", hx.toFixed(1));
    here.setAttribute("cy", hy.toFixed(1));
    const gw = num(r.grad.w), gb = num(r.grad.b), g = Math.hypot(gw, gb), sc = g > 0 ? Math.min(0.6, 1.5 / g) : 0;
    const ex = surf.px(s.w - sc * gw), ey = surf.py(s.b - sc * gb), ang = Math.atan2(ey - hy, ex - hx);
    const head = (a) => `L${(ex - 6 * Math.cos(ang + a)).toFixed(1)},${(ey - 6 * Math.sin(ang + a)).toFixed(1)}`;
    arrow.setAttribute("d", g > 1e-12 ? `M${hx.toFixed(1)},${hy.toFixed(1)}L${ex.toFixed(1)},${ey.toFixed(1)}${head(0.45)}M${ex.toFixed(1)},${ey.toFixed(1)}${head(-0.45)}` : "");
    values.innerHTML = `The book's loss J = <span class="lb-t-mse">1/(2N) \u03A3(wx + b \u2212 y)\xB2 = <b data-testid="line-J">${fmtf(r.J, 4)}</b></span>; the source text's plain sum \u03A3(wx + b \u2212 y)\xB2 = <b data-testid="line-S">${fmtf(r.S, 4)}</b>. Gradient: \u2202J/\u2202w = <b data-testid="line-gw">${fmtf(r.grad.w, 4)}</b>, \u2202J/\u2202b = <b data-testid="line-gb">${fmtf(r.grad.b, 4)}</b>. Least squares: w = ${fmtf(r.optimum.w, 2)}, b = ${fmtf(r.optimum.b, 2)}, J = ${fmtf(r.optimum.J, 4)}.`;
    const words = `At w = ${fmtf(s.w, 2)}, b = ${fmtf(s.b, 2)}: J = ${fmtf(r.J, 4)}, sum of squares ${fmtf(r.S, 4)}, gradient ${fmtf(r.grad.w, 4)} in w and ${fmtf(r.grad.b, 4)} in b.`;
    described(fig, say, "The five points with the line and its residuals, and the contours of J over w and b with the current point. ", words);
  }
  return connect(model, syncInputs, draw);
}
var line_default = { render };
export {
  line_default as default,
  render
};
