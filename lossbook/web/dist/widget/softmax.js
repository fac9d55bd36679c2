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

// lossbook/web/src/softmax_model.js
var RANGES = { z: [-6, 6, 0.1], T: [0.2, 5, 0.05], K: [3, 5, 1], target: [1, 5, 1] };
var SRC4_A = [0.8, 0.1, 0.1];
var SRC4_B = [0.8, 0.15, 0.05];
var PRESETS = {
  "source-4-even": { K: 3, z: SRC4_A.map(Math.log).concat([0, 0]), T: 1, target: 1 },
  "source-4-uneven": { K: 3, z: SRC4_B.map(Math.log).concat([0, 0]), T: 1, target: 1 },
  "confident-wrong": { K: 3, z: [-2, 4, 0, 0, 0], T: 1, target: 1 }
};

// lossbook/web/src/softmax.js
var PRESET_LABELS = {
  "source-4-even": "source text 4: a = [0.8, 0.1, 0.1]",
  "source-4-uneven": "source text 4: a = [0.8, 0.15, 0.05]",
  "confident-wrong": "confident and wrong"
};
function render({ model, el: host }) {
  const root = figureRoot(host, "softmax", "Softmax, cross-entropy and MSE, and their gradients at the logits");
  const controls = el("div", { class: "lossbook-controls" }, root);
  const set = (patch) => {
    model.set("settings", Object.assign({}, model.get("settings"), patch));
    model.save_changes();
  };
  const zs = [];
  for (let i = 0; i < 5; i++) {
    zs.push(slider(controls, {
      key: "z" + (i + 1),
      label: `logit z${"\u2081\u2082\u2083\u2084\u2085"[i]} of class ${i + 1}`,
      min: RANGES.z[0],
      max: RANGES.z[1],
      step: RANGES.z[2],
      value: 0,
      show: (v) => fmtf(v, 2),
      onInput: (v) => {
        const z = model.get("settings").z.slice();
        z[i] = v;
        set({ z });
      }
    }));
  }
  const T = slider(controls, {
    key: "T",
    label: "temperature T",
    min: RANGES.T[0],
    max: RANGES.T[1],
    step: RANGES.T[2],
    value: 1,
    show: (v) => fmtf(v, 2),
    onInput: (v) => set({ T: v })
  });
  const K = select(controls, {
    key: "K",
    label: "number of classes K",
    value: 3,
    options: [[3, "3"], [4, "4"], [5, "5"]],
    onInput: (v) => {
      const s = model.get("settings");
      set({ K: Number(v), target: Math.min(s.target, Number(v)) });
    }
  });
  const target = select(controls, {
    key: "target",
    label: "true class",
    value: 1,
    options: [1, 2, 3, 4, 5].map((i) => [i, "class " + i]),
    onInput: (v) => set({ target: Number(v) })
  });
  presetButtons(root, model, PRESETS, PRESET_LABELS);
  const fig = plotBox(root, "softmax");
  const pa = new Panel(fig, { w: 250, h: 190, title: "output a and target y", xlabel: "class", ylabel: "probability" });
  const pg = new Panel(fig, { w: 250, h: 190, title: "gradient \u2202L/\u2202z at each logit", xlabel: "class" });
  legend(root, [
    { color: "var(--lb-c-neutral)", label: "a = softmax(z/T)" },
    { color: "var(--lb-t-target)", label: "target y (outline)" },
    { color: "var(--lb-c-ce)", label: "cross-entropy (a \u2212 y)/T" },
    { color: "var(--lb-c-mse)", label: "MSE J\u1D40(a \u2212 y)/T" }
  ]);
  const bars = { a: [], y: [], gce: [], gmse: [] };
  for (let i = 0; i < 5; i++) {
    bars.a.push(el("rect", { fill: "var(--lb-c-neutral)", stroke: "var(--lb-fg)", "stroke-width": 1 }, pa.layer, true));
    bars.y.push(el("rect", { fill: "none", stroke: "var(--lb-t-target)", "stroke-width": 1.4, "stroke-dasharray": "3,2" }, pa.layer, true));
    bars.gce.push(el("rect", { fill: "var(--lb-c-ce)" }, pg.layer, true));
    bars.gmse.push(el("rect", { fill: "var(--lb-c-mse)" }, pg.layer, true));
  }
  const zero = pg.line({ stroke: "var(--lb-fg)", "stroke-width": 0.8 });
  const values = el("div", { class: "lossbook-readout", "data-testid": "softmax-values" }, root);
  const error = el("p", { class: "lossbook-error", "data-testid": "softmax-error", role: "alert" }, root);
  const say = announcer(root);
  function syncInputs() {
    const s = model.get("settings");
    s.z.forEach((v, i) => {
      zs[i].set(v);
      zs[i].input.parentElement.style.display = i < s.K ? "" : "none";
    });
    T.set(s.T);
    K.value = String(s.K);
    target.value = String(s.target);
    for (const o of target.options) o.disabled = o.hidden = Number(o.value) > s.K;
    root.setAttribute("data-settings-now", JSON.stringify(s));
  }
  function rect(r, p, x0, x1, v0, v1) {
    const ya = p.py(v0), yb = p.py(v1);
    r.setAttribute("x", p.px(x0).toFixed(1));
    r.setAttribute("width", (p.px(x1) - p.px(x0)).toFixed(1));
    r.setAttribute("y", Math.min(ya, yb).toFixed(1));
    r.setAttribute("height", Math.abs(ya - yb).toFixed(1));
  }
  function draw() {
    const s = model.get("settings"), r = model.get("result");
    if (!usable(r, error)) return;
    const n = s.K, ticks = Array.from({ length: n }, (_, i) => i + 1);
    pa.setLimits(0.5, n + 0.5, 0, 1, { xticks: ticks, yticks: [0, 0.25, 0.5, 0.75, 1] });
    const g = r.grad_ce.concat(r.grad_mse).map(num), gm = Math.max(0.05, ...g.map(Math.abs)) * 1.1;
    pg.setLimits(0.5, n + 0.5, -gm, gm, { xticks: ticks });
    pg.hline(zero, 0);
    for (let i = 0; i < 5; i++) {
      const on = i < n, c = i + 1;
      for (const k in bars) bars[k][i].style.display = on ? "" : "none";
      if (!on) continue;
      rect(bars.a[i], pa, c - 0.3, c + 0.3, 0, num(r.a[i]));
      rect(bars.y[i], pa, c - 0.38, c + 0.38, 0, num(r.y[i]));
      rect(bars.gce[i], pg, c - 0.34, c, 0, num(r.grad_ce[i]));
      rect(bars.gmse[i], pg, c, c + 0.34, 0, num(r.grad_mse[i]));
    }
    let rows = "";
    for (let i = 0; i < n; i++) {
      rows += `<tr><th scope="row">class ${i + 1}${i + 1 === s.target ? " (true)" : ""}</th><td data-testid="sm-a-${i + 1}">${fmtf(r.a[i], 4)}</td><td class="lb-t-ce" data-testid="sm-gce-${i + 1}">${fmtf(r.grad_ce[i], 4)}</td><td class="lb-t-mse" data-testid="sm-gmse-${i + 1}">${fmtf(r.grad_mse[i], 4)}</td><td>${fmtf(r.grad_mse_diag[i], 4)}</td><td>${fmtf(r.grad_mse_cross[i], 4)}</td></tr>`;
    }
    values.innerHTML = `<p>Cross-entropy <span class="lb-t-ce">\u2212log a<sub>${s.target}</sub> = <b data-testid="sm-ce">${fmtf(r.ce, 4)}</b></span>; MSE <span class="lb-t-mse">\xBD\u2016a \u2212 y\u2016\xB2 = <b data-testid="sm-mse">${fmtf(r.mse, 4)}</b></span>.</p><div class="lossbook-scrollbox" tabindex="0" role="region" aria-label="the gradient at each logit, a table"><table><tr><th></th><th scope="col">a</th><th scope="col">\u2202CE/\u2202z</th><th scope="col">\u2202MSE/\u2202z</th><th scope="col">MSE: own term</th><th scope="col">MSE: cross terms</th></tr>${rows}</table></div>`;
    const words = `Output a = ${r.a.map((v) => fmtf(v, 4)).join(", ")} for true class ${s.target}: cross-entropy ${fmtf(r.ce, 4)}, MSE ${fmtf(r.mse, 4)}. Gradient at the true logit: cross-entropy ${fmtf(r.grad_ce[s.target - 1], 4)}, MSE ${fmtf(r.grad_mse[s.target - 1], 4)}.`;
    described(fig, say, "Bars of the softmax output against the target, and of the gradient at each logit under cross-entropy and MSE. ", words);
  }
  return connect(model, syncInputs, draw);
}
var softmax_default = { render };
export {
  softmax_default as default,
  render
};
