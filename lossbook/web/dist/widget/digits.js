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

// lossbook/web/src/digits_model.js
var PRESETS = {
  standard: { lr_mse: 3.16, lr_ce: 1, scale: 0.01, epochs: 60, trial: 0 },
  saturated: { lr_mse: 10, lr_ce: 10, scale: 1, epochs: 60, trial: 0 },
  shared: { lr_mse: 0.5, lr_ce: 0.5, scale: 0.01, epochs: 60, trial: 0 }
};
var RANGES = { lr_mse: [-2, 3, 0.1], lr_ce: [-2, 3, 0.1], scale: [0, 1.5, 0.01], epochs: [10, 300, 10], trial: [0, 9, 1] };
var LOSSES = ["mse", "ce"];

// lossbook/web/src/digits.js
var NAMES = { mse: "MSE", ce: "cross-entropy" };
var PRESET_LABELS = {
  standard: "standard start, each loss at its tuned rate",
  saturated: "saturated start (scale 1), rate 10 for both",
  shared: "standard start, one shared rate 0.5"
};
var rate = (v) => Number((10 ** v).toPrecision(3));
var SLIDERS = [
  ["lr_mse", "learning rate for MSE", (v) => fmtg(rate(v), 3)],
  ["lr_ce", "learning rate for cross-entropy", (v) => fmtg(rate(v), 3)],
  ["scale", "initial weights: standard deviation", (v) => fmtf(v, 2)],
  ["epochs", "epochs (full-batch updates)", (v) => String(v)],
  ["trial", "trial (another data split and start)", (v) => String(v)]
];
var LOG = /* @__PURE__ */ new Set(["lr_mse", "lr_ce"]);
function render({ model, el: host }) {
  const root = figureRoot(host, "digits", "Digits trained in your browser: MSE against cross-entropy");
  const controls = el("div", { class: "lossbook-controls" }, root);
  const inputs = {};
  const setKey = (k, v) => {
    const s = Object.assign({}, model.get("settings"));
    s[k] = LOG.has(k) ? rate(v) : v;
    model.set("settings", s);
    model.save_changes();
  };
  for (const [k, label, show] of SLIDERS) {
    const [min, max, step] = RANGES[k];
    inputs[k] = slider(controls, { key: k, label, min, max, step, value: 0, show, onInput: (v) => setKey(k, v) });
  }
  presetButtons(root, model, PRESETS, PRESET_LABELS);
  const fig = plotBox(root, "digits");
  fig.classList.add("lossbook-wide");
  legend(root, [
    { color: "var(--lb-c-mse)", label: "MSE" },
    { color: "var(--lb-c-ce)", label: "cross-entropy" },
    { color: "var(--lb-t-target)", label: "test accuracy (solid), training accuracy (dashed)", dash: "5,3" }
  ]);
  const P = {
    loss: new Panel(fig, { w: 300, h: 180, title: "training loss J (each in its own units)", xlabel: "epoch" }),
    acc: new Panel(fig, { w: 300, h: 180, title: "accuracy", xlabel: "epoch" })
  };
  const lines = {};
  for (const k of LOSSES) {
    lines["loss" + k] = P.loss.polyline({ stroke: `var(--lb-c-${k})`, "stroke-width": 1.8 });
    lines["test" + k] = P.acc.polyline({ stroke: `var(--lb-c-${k})`, "stroke-width": 1.8 });
    lines["train" + k] = P.acc.polyline({ stroke: `var(--lb-c-${k})`, "stroke-width": 1.2, "stroke-dasharray": "5,3" });
  }
  const status = el("p", { class: "lossbook-readout", "data-testid": "digits-status" }, root);
  const readout = el("p", { class: "lossbook-readout", "data-testid": "digits-values" }, root);
  const error = el("p", { class: "lossbook-error", "data-testid": "digits-error", role: "alert" }, root);
  const say = announcer(root);
  function syncInputs() {
    const s = model.get("settings");
    for (const [k] of SLIDERS) inputs[k].set(LOG.has(k) ? Math.round(Math.log10(s[k]) * 10) / 10 : s[k]);
    root.setAttribute("data-settings-now", JSON.stringify(s));
  }
  function draw() {
    const s = model.get("settings"), r = model.get("result");
    if (!usable(r, error)) return;
    const E = s.epochs;
    fig.setAttribute("data-done", r.done ? "1" : "0");
    if (!r.runs) {
      status.textContent = "Loading the digits and training\u2026";
      for (const k in lines) lines[k].setAttribute("points", "");
      described(
        fig,
        null,
        "Training loss and accuracy against the epoch for both losses.",
        "Not trained yet."
      );
      return;
    }
    const n = r.epoch.length;
    const logs = {};
    let lo = Infinity, hi = -Infinity;
    for (const k of LOSSES) {
      logs[k] = r.runs[k].loss.slice(0, n).map((v) => Math.log10(num(v)));
      for (const v of logs[k]) if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!(hi > lo)) {
      lo = Number.isFinite(lo) ? lo - 1 : -3;
      hi = lo + 2;
    }
    const ylo = Math.floor(lo), yhi = Math.ceil(hi);
    const yt = [];
    for (let e = ylo; e <= yhi; e++) yt.push(e);
    P.loss.setLimits(0, E, ylo, yhi, { yticks: yt, yfmt: (e) => fmtg(10 ** e) });
    P.acc.setLimits(0, E, 0, 1, { yticks: [0, 0.25, 0.5, 0.75, 1] });
    for (const k of LOSSES) {
      lines["loss" + k].setAttribute("points", P.loss.points(r.epoch, logs[k], n));
      lines["test" + k].setAttribute("points", P.acc.points(r.epoch, r.runs[k].test_accuracy, n));
      lines["train" + k].setAttribute("points", P.acc.points(r.epoch, r.runs[k].train_accuracy, n));
    }
    const last = n - 1;
    const at = (k, key) => fmtf(num(r.runs[k][key][last]), 3);
    status.textContent = r.done ? `Trained: ${E} epochs of full-batch gradient descent.` : `Training: epoch ${last} of ${E}\u2026`;
    readout.innerHTML = LOSSES.map((k) => `<span class="lb-t-${k}">${NAMES[k]}</span> (rate ${fmtg(s["lr_" + k], 3)}): test accuracy <b data-testid="digits-${k}-test">${at(k, "test_accuracy")}</b>, training accuracy <b data-testid="digits-${k}-train">${at(k, "train_accuracy")}</b>`).join("; ") + ".";
    const words = `After ${last} of ${E} epochs from initial weights of standard deviation ${fmtf(s.scale, 2)}: ` + LOSSES.map((k) => `${NAMES[k]} at rate ${fmtg(s["lr_" + k], 3)} reaches test accuracy ${at(k, "test_accuracy")}`).join(", ") + ".";
    described(fig, r.done ? say : null, "Training loss and accuracy against the epoch for both losses.", words);
  }
  return connect(model, syncInputs, draw);
}
var digits_default = { render };
export {
  digits_default as default,
  render
};
