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
function checkbox(parent, spec) {
  const id = newId("lb-" + spec.key);
  const wrap = el("div", { class: "lossbook-slider lossbook-toggle" }, parent);
  const input = el("input", { type: "checkbox", id, "data-testid": "toggle-" + spec.key }, wrap);
  text("label", { for: id }, wrap, spec.label);
  input.checked = !!spec.value;
  input.addEventListener("change", () => spec.onInput(input.checked));
  return input;
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

// lossbook/web/src/race_model.js
var LN9 = Math.log(9);
var PRESETS = {
  source: { w0: LN9, b0: 0, x: 1, y: 0.5, eta: 0.2, tol: 1e-3, max_steps: 1e3, learn_bias: false },
  "slowdown-0.6-0.9": { w0: 0.6, b0: 0.9, x: 1, y: 0, eta: 0.15, tol: 1e-3, max_steps: 4e3, learn_bias: true },
  "slowdown-2-2": { w0: 2, b0: 2, x: 1, y: 0, eta: 0.15, tol: 1e-3, max_steps: 4e3, learn_bias: true }
};
var RANGES = {
  w0: [-6, 6, 0.01],
  b0: [-6, 6, 0.01],
  x: [-3, 3, 0.05],
  y: [0, 1, 0.01],
  eta: [0.01, 2, 0.01],
  tol: [-6, -1, 0.5],
  max_steps: [10, 5e3, 10]
};

// lossbook/web/src/race.js
var PRESET_LABELS = {
  source: "source text 2: w = ln 9",
  "slowdown-0.6-0.9": "Nielsen's demo: w = 0.6, b = 0.9",
  "slowdown-2-2": "Nielsen's demo: w = 2, b = 2"
};
var SLIDERS = [
  ["w0", "starting weight w\u2080", (v) => fmtf(v, 2)],
  ["b0", "starting bias b\u2080", (v) => fmtf(v, 2)],
  ["x", "input x", (v) => fmtf(v, 2)],
  ["y", "target y", (v) => fmtf(v, 2)],
  ["eta", "learning rate \u03B7", (v) => fmtf(v, 2)],
  ["tol", "stop when \xBD(a \u2212 y)\xB2 is below", (v) => String(Number((10 ** v).toPrecision(2)))],
  ["max_steps", "at most this many updates", (v) => String(v)]
];
function render({ model, el: host }) {
  const root = figureRoot(host, "race", "The neuron race: MSE against cross-entropy");
  const controls = el("div", { class: "lossbook-controls" }, root);
  const inputs = {};
  const setKey = (k, v) => {
    const s = Object.assign({}, model.get("settings"));
    s[k] = k === "tol" ? Number((10 ** v).toPrecision(12)) : v;
    model.set("settings", s);
    model.save_changes();
  };
  for (const [k, label, show] of SLIDERS) {
    const [min, max, step] = RANGES[k];
    inputs[k] = slider(controls, { key: k, label, min, max, step, value: 0, show, onInput: (v) => setKey(k, v) });
  }
  const bias = checkbox(controls, { key: "learn_bias", label: "learn the bias too", value: false, onInput: (v) => setKey("learn_bias", v) });
  presetButtons(root, model, PRESETS, PRESET_LABELS);
  const fig = plotBox(root, "race");
  legend(root, [
    { color: "var(--lb-c-mse)", label: "MSE" },
    { color: "var(--lb-c-ce)", label: "cross-entropy" },
    { color: "var(--lb-t-target)", label: "target y", dash: "2,2" },
    { color: "var(--lb-c-entropy)", label: "floor H(y) of cross-entropy", dash: "5,3" },
    { color: "var(--lb-t-target)", label: "bias b (dashed, when learned)", dash: "5,3" }
  ]);
  const P = {
    a: new Panel(fig, { title: "output a", xlabel: "iteration t" }),
    loss: new Panel(fig, { title: "loss L", xlabel: "iteration t" }),
    w: new Panel(fig, { title: "weight w (bias b dashed)", xlabel: "iteration t" })
  };
  const target = P.a.line({ stroke: "var(--lb-t-target)", "stroke-dasharray": "2,2", "stroke-width": 1 });
  const floor = P.loss.line({ stroke: "var(--lb-c-entropy)", "stroke-dasharray": "5,3", "stroke-width": 1.2 });
  const lines = {}, marks = {}, cursors = {};
  for (const p in P) cursors[p] = P[p].line({ stroke: "var(--lb-t-target)", "stroke-width": 0.8, "stroke-opacity": 0.6 });
  for (const k of ["mse", "ce"]) {
    for (const p in P) {
      lines[p + k] = P[p].polyline({ stroke: `var(--lb-c-${k})`, "stroke-width": 1.8 });
      marks[p + k] = P[p].circle({ r: 3.2, fill: `var(--lb-c-${k})` });
    }
    lines["b" + k] = P.w.polyline({ stroke: `var(--lb-c-${k})`, "stroke-width": 1.2, "stroke-dasharray": "5,3" });
  }
  const counts = el("p", { class: "lossbook-readout", "data-testid": "race-counts" }, root);
  const player = el("div", { class: "lossbook-buttons lossbook-player" }, root);
  const playBtn = button(player, "\u25B6 play", "play", () => togglePlay());
  button(player, "step +1", "step", () => {
    stop();
    setT(t >= end ? 0 : t + 1);
  });
  button(player, "show all", "reset", () => {
    stop();
    setT(end);
  });
  const tSlider = slider(player, {
    key: "t",
    label: "iteration shown t",
    min: 0,
    max: 1,
    step: 1,
    value: 0,
    show: (v) => String(v),
    onInput: (v) => {
      stop();
      setT(v);
    }
  });
  const state = el("div", { class: "lossbook-readout", "data-testid": "race-state" }, root);
  const error = el("p", { class: "lossbook-error", "data-testid": "race-error", role: "alert" }, root);
  const say = announcer(root);
  let t = 0, end = 0, timer = null, res = null;
  function syncInputs() {
    const s = model.get("settings");
    for (const [k] of SLIDERS) inputs[k].set(k === "tol" ? Math.round(Math.log10(s.tol) * 2) / 2 : s[k]);
    bias.checked = !!s.learn_bias;
    root.setAttribute("data-settings-now", JSON.stringify(s));
  }
  function summary(r, s) {
    const n = (k) => r.runs[k].steps === null ? `not within ${s.max_steps} updates` : `${r.runs[k].steps} updates`;
    return `To \xBD(a \u2212 y)\xB2 below ${fmtg(s.tol)}: MSE needs ${n("mse")}, cross-entropy ${n("ce")}. Cross-entropy's excess over its floor falls below it after ${n("ce-excess")}.`;
  }
  function draw() {
    stop();
    res = model.get("result");
    const s = model.get("settings");
    if (!usable(res, error)) return;
    const { mse, ce } = res.runs;
    end = Math.max(mse.w.length, ce.w.length) - 1;
    const xhi = Math.max(end, 1);
    let top = 0, lo = Infinity, hi = -Infinity;
    for (const run of [mse, ce]) {
      for (let i = 0; i < run.loss.length; i++) {
        top = Math.max(top, run.loss[i]);
        lo = Math.min(lo, run.w[i]);
        hi = Math.max(hi, run.w[i]);
        if (s.learn_bias) {
          lo = Math.min(lo, run.b[i]);
          hi = Math.max(hi, run.b[i]);
        }
      }
    }
    const pad = hi > lo ? 0.08 * (hi - lo) : 0.5;
    P.a.setLimits(0, xhi, -0.02, 1.02, { yticks: [0, 0.25, 0.5, 0.75, 1] });
    P.loss.setLimits(0, xhi, 0, top > 0 ? 1.08 * top : 1);
    P.w.setLimits(0, xhi, lo - pad, hi + pad);
    P.a.hline(target, s.y);
    P.loss.hline(floor, res.floor);
    const c = (k) => {
      const v = res.runs[k].steps;
      return `<b data-testid="count-${k}">${v === null ? "none" : v}</b>`;
    };
    counts.innerHTML = `Updates until \xBD(a \u2212 y)\xB2 &lt; ${fmtg(s.tol)}: <span class="lb-t-mse">MSE ${c("mse")}</span>, <span class="lb-t-ce">cross-entropy ${c("ce")}</span>. Cross-entropy until its excess over the floor, KL(y\u2016a), &lt; ${fmtg(s.tol)}: <span class="lb-t-kl">${c("ce-excess")}</span>. (none = not within ${s.max_steps} updates)`;
    tSlider.input.max = String(xhi);
    const words = summary(res, s);
    setT(end);
    described(fig, say, "Output, loss and weight of the neuron against the iteration, under MSE and cross-entropy.", words);
  }
  function setT(tt) {
    if (!res || res.error) return;
    t = tt;
    tSlider.set(t);
    const s = model.get("settings");
    let rows = "";
    for (const k of ["mse", "ce"]) {
      const run = res.runs[k], n = Math.min(t, run.w.length - 1) + 1, i = n - 1;
      for (const [p, series] of [["a", run.a], ["loss", run.loss], ["w", run.w]]) {
        lines[p + k].setAttribute("points", P[p].points(null, series, n));
        marks[p + k].setAttribute("cx", P[p].px(i).toFixed(1));
        marks[p + k].setAttribute("cy", P[p].pyc(series[i]).toFixed(1));
      }
      lines["b" + k].setAttribute("points", s.learn_bias ? P.w.points(null, run.b, n) : "");
      rows += `<tr class="lb-t-${k}"><th scope="row">${k === "mse" ? "MSE" : "cross-entropy"}</th><td>${i}</td><td>${fmtf(run.a[i], 4)}</td><td>${fmtf(run.loss[i], 4)}</td><td>${fmtg(run.delta[i] * s.x)}</td><td>${fmtg(run.delta[i])}</td></tr>`;
    }
    for (const p in P) P[p].vline(cursors[p], t);
    state.innerHTML = '<table><tr><th></th><th scope="col">t</th><th scope="col">a</th><th scope="col">L</th><th scope="col">\u2202L/\u2202w</th><th scope="col">\u2202L/\u2202b</th></tr>' + rows + "</table>";
    fig.setAttribute("data-version", String(Number(fig.getAttribute("data-version")) + 1));
  }
  function stop() {
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
    playBtn.textContent = "\u25B6 play";
  }
  function togglePlay() {
    if (timer !== null) {
      stop();
      return;
    }
    if (t >= end) setT(0);
    const per = Math.max(1, Math.ceil(end / 120));
    playBtn.textContent = "\u275A\u275A pause";
    timer = setInterval(() => {
      const n = Math.min(end, t + per);
      setT(n);
      if (n >= end) stop();
    }, 33);
  }
  return connect(model, syncInputs, draw, stop);
}
var race_default = { render };
export {
  race_default as default,
  render
};
