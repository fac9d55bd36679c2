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
function select(parent, spec) {
  const id = newId("lb-" + spec.key);
  const wrap = el("div", { class: "lossbook-slider lossbook-select" }, parent);
  text("label", { for: id }, wrap, spec.label);
  const s = el("select", { id, "data-testid": "select-" + spec.key }, wrap);
  for (const [v, t] of spec.options) text("option", { value: v }, s, t);
  s.value = String(spec.value);
  s.addEventListener("change", () => spec.onInput(s.value));
  return s;
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

// lossbook/web/src/stability_model.js
var RANGES = { z: [-1e3, 1e3, 0], y: [0, 1, 1], pos_weight: [0.1, 10, 0.1], smoothing: [0, 0.5, 0.01] };
var PRESETS = {
  "overflow-float32": { z: 100, y: 0, pos_weight: 1, smoothing: 0 },
  "underflow-log": { z: -1e3, y: 1, pos_weight: 1, smoothing: 0 },
  fine: { z: 2, y: 1, pos_weight: 1, smoothing: 0 }
};
var GRID_U = Array.from({ length: 121 }, (_, i) => Number((-3 + 0.05 * i).toFixed(10)));
var zOfU = (u) => u === 0 ? 0 : Math.sign(u) * 10 ** Math.abs(u);

// lossbook/web/src/stability.js
var PRESET_LABELS = {
  "overflow-float32": "z = 100, y = 0: float32 overflows",
  "underflow-log": "z = \u22121000, y = 1: log 0",
  fine: "z = 2, y = 1: all agree"
};
var uOfZ = (z) => z === 0 ? 0 : Math.sign(z) * Math.log10(Math.abs(z));
var g6 = (v) => fmtg(v, 6);
var tz = (z) => Math.sign(z) * Math.log10(1 + Math.abs(z));
var tl = (v) => Math.log10(1 + Math.max(0, v));
function render({ model, el: host }) {
  const root = figureRoot(host, "stability", "Cross-entropy computed naively and stably, in float32 and float64");
  const controls = el("div", { class: "lossbook-controls" }, root);
  const set = (patch) => {
    model.set("settings", Object.assign({}, model.get("settings"), patch));
    model.save_changes();
  };
  const zlog = slider(controls, {
    key: "zlog",
    label: "logit z (a log scale: \xB11 to \xB11000)",
    min: -3,
    max: 3,
    step: 0.05,
    value: 0,
    show: (u) => g6(zOfU(u)),
    onInput: (u) => set({ z: Number(zOfU(u).toPrecision(12)) })
  });
  const zid = newId("lb-z");
  const zwrap = el("div", { class: "lossbook-slider lossbook-select" }, controls);
  text("label", { for: zid }, zwrap, "or type the logit z");
  const ztyped = el("input", { type: "number", id: zid, min: -1e3, max: 1e3, step: "any", "data-testid": "input-z", class: "lossbook-number" }, zwrap);
  ztyped.addEventListener("change", () => {
    const v = Number(ztyped.value);
    if (ztyped.value !== "" && Number.isFinite(v)) set({ z: Math.max(-1e3, Math.min(1e3, v)) });
  });
  const ysel = select(controls, { key: "y", label: "binary label y", value: 0, options: [[0, "0 (negative)"], [1, "1 (positive)"]], onInput: (v) => set({ y: Number(v) }) });
  const beta = slider(controls, {
    key: "pos_weight",
    label: "weight \u03B2 on positive examples (pos_weight)",
    min: RANGES.pos_weight[0],
    max: RANGES.pos_weight[1],
    step: RANGES.pos_weight[2],
    value: 1,
    show: (v) => v.toFixed(1),
    onInput: (v) => set({ pos_weight: v })
  });
  const eps = slider(controls, {
    key: "smoothing",
    label: "label smoothing \u03B5",
    min: RANGES.smoothing[0],
    max: RANGES.smoothing[1],
    step: RANGES.smoothing[2],
    value: 0,
    show: (v) => v.toFixed(2),
    onInput: (v) => set({ smoothing: v })
  });
  presetButtons(root, model, PRESETS, PRESET_LABELS);
  const fig = plotBox(root, "stability");
  const ticksZ = [-1e3, -100, -10, 0, 10, 100, 1e3];
  const panels = {
    binary: new Panel(fig, { w: 280, h: 190, title: "binary cross-entropy", xlabel: "logit z", ylabel: "loss" }),
    softmax: new Panel(fig, { w: 280, h: 190, title: "softmax cross-entropy of (z, 0, \u2212z)", xlabel: "logit z" })
  };
  legend(root, [
    { color: "var(--lb-c-ce)", label: "stable, float64" },
    { color: "var(--lb-c-accent)", label: "naive, float64", dash: "6,3" },
    { color: "var(--lb-c-entropy)", label: "naive, float32", dash: "2,2" },
    { color: "var(--lb-fg)", label: "\u25B2 inf, \xD7 nan where the naive way breaks" }
  ]);
  const curves = {}, marks = {}, cursor = {};
  for (const p in panels) {
    const P = panels[p];
    P.setLimits(tz(-1e3), tz(1e3), 0, tl(3e3), {
      xticks: ticksZ.map(tz),
      xfmt: (t) => fmtg(Math.sign(t) * (10 ** Math.abs(t) - 1), 3),
      yticks: [0, 10, 100, 1e3].map(tl),
      yfmt: (t) => fmtg(10 ** t - 1, 3)
    });
    cursor[p] = P.line({ stroke: "var(--lb-t-target)", "stroke-width": 0.8 });
    curves[p] = {
      stable: P.polyline({ stroke: "var(--lb-c-ce)", "stroke-width": 2 }),
      naive64: P.polyline({ stroke: "var(--lb-c-accent)", "stroke-width": 1.6, "stroke-dasharray": "6,3" }),
      naive32: P.polyline({ stroke: "var(--lb-c-entropy)", "stroke-width": 1.6, "stroke-dasharray": "2,2" })
    };
    marks[p] = el("g", { class: "lb-small" }, P.layer, true);
  }
  const values = el("div", { class: "lossbook-readout", "data-testid": "stability-values" }, root);
  const error = el("p", { class: "lossbook-error", "data-testid": "stability-error", role: "alert" }, root);
  const say = announcer(root);
  let drawnCurves = "";
  function syncInputs() {
    const s = model.get("settings");
    zlog.set(Math.round(uOfZ(s.z) * 20) / 20);
    zlog.output.textContent = g6(s.z);
    zlog.input.setAttribute("aria-valuetext", g6(s.z));
    if (document.activeElement !== ztyped) ztyped.value = String(s.z);
    ysel.value = String(s.y);
    beta.set(s.pos_weight);
    eps.set(s.smoothing);
    root.setAttribute("data-settings-now", JSON.stringify(s));
  }
  function draw() {
    const s = model.get("settings"), r = model.get("result");
    if (!usable(r, error)) return;
    const xs = r.grid_z.map((z) => tz(num(z)));
    const curveKey = [s.y, s.pos_weight, s.smoothing].join("|");
    for (const p in panels) {
      panels[p].vline(cursor[p], tz(s.z));
      if (curveKey === drawnCurves) continue;
      const P = panels[p], c = r.curves;
      const pts = (ys) => P.points(xs, ys.map((v) => tl(num(v))));
      curves[p].stable.setAttribute("points", pts(c.float64[p + "_stable"]));
      curves[p].naive64.setAttribute("points", pts(c.float64[p + "_naive"]));
      curves[p].naive32.setAttribute("points", pts(c.float32[p + "_naive"]));
      let m = "";
      for (const [d, dy, color] of [["float64", 8, "accent"], ["float32", 16, "entropy"]]) {
        c[d][p + "_naive"].forEach((v, i) => {
          const n = num(v);
          if (Number.isFinite(n)) return;
          m += `<text x="${P.px(xs[i]).toFixed(1)}" y="${(P.y1 + dy).toFixed(1)}" text-anchor="middle" fill="var(--lb-t-${color})">${Number.isNaN(n) ? "\xD7" : "\u25B2"}</text>`;
        });
      }
      marks[p].innerHTML = m;
    }
    drawnCurves = curveKey;
    const C = r.cases, b32 = C.float32.binary, b64 = C.float64.binary, s32 = C.float32.softmax, s64 = C.float64.softmax;
    const cell = (id, v) => `<td data-testid="${id}">${g6(v)}</td>`;
    const row = (name, v32, v64) => `<tr><th scope="row">${name}</th><td>${g6(v32)}</td><td>${g6(v64)}</td></tr>`;
    values.innerHTML = `<p>Binary cross-entropy, label y = ${s.y} (smoothed: ${g6(r.y_smooth)}), \u03B2 = ${s.pos_weight.toFixed(1)}:</p><div class="lossbook-scrollbox" tabindex="0" role="region" aria-label="binary cross-entropy, naive and stable"><table><tr><th></th><th scope="col">float32</th><th scope="col">float64</th></tr>` + row("naive: e = exp(\u2212z)", b32.naive.e, b64.naive.e) + row("a = 1/(1 + e)", b32.naive.a, b64.naive.a) + row("log a", b32.naive.log_a, b64.naive.log_a) + row("log(1 \u2212 a)", b32.naive.log_1ma, b64.naive.log_1ma) + `<tr><th scope="row">naive loss</th>${cell("st-bin-naive-32", b32.naive.loss)}${cell("st-bin-naive-64", b64.naive.loss)}</tr><tr><th scope="row" class="lb-t-ce">stable loss (softplus)</th>${cell("st-bin-stable-32", b32.stable.loss)}${cell("st-bin-stable-64", b64.stable.loss)}</tr>` + row("stable \u2202L/\u2202z", b32.stable.grad, b64.stable.grad) + `</table></div><p>Softmax cross-entropy of the logits (z, 0, \u2212z), true class 1, smoothing \u03B5 = ${s.smoothing.toFixed(2)}:</p><div class="lossbook-scrollbox" tabindex="0" role="region" aria-label="softmax cross-entropy, naive and stable"><table><tr><th></th><th scope="col">float32</th><th scope="col">float64</th></tr>` + row("naive: sum of exp", s32.naive.sum, s64.naive.sum) + row("a of class 1", s32.naive.a[0], s64.naive.a[0]) + `<tr><th scope="row">naive loss</th>${cell("st-sm-naive-32", s32.naive.loss)}${cell("st-sm-naive-64", s64.naive.loss)}</tr><tr><th scope="row" class="lb-t-ce">stable loss (log-sum-exp)</th>${cell("st-sm-stable-32", s32.stable.loss)}${cell("st-sm-stable-64", s64.stable.loss)}</tr></table></div>`;
    const words = `At z = ${g6(s.z)}: binary cross-entropy naive ${g6(b32.naive.loss)} in float32 and ${g6(b64.naive.loss)} in float64, stable ${g6(b64.stable.loss)}; softmax cross-entropy naive ${g6(s32.naive.loss)} in float32 and ${g6(s64.naive.loss)} in float64, stable ${g6(s64.stable.loss)}.`;
    described(fig, say, "Binary and softmax cross-entropy over the logit z, computed stably and naively in float32 and float64, with the naive breaks marked. ", words);
  }
  return connect(model, syncInputs, draw);
}
var stability_default = { render };
export {
  stability_default as default,
  render
};
