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

// lossbook/web/src/kl_model.js
var BASES = { nats: null, bits: 2, bans: 10 };
var RANGES = { p: [0, 1, 0.01], q: [0.01, 0.99, 0.01] };
var GRID = (() => {
  const n = 199, start = 5e-3, stop = 0.995, step = (stop - start) / (n - 1), g = [];
  for (let i = 0; i < n; i++) g.push(i * step + start);
  g[n - 1] = stop;
  return g;
})();

// lossbook/web/src/kl.js
var NAMES = ["H(p)", "H(p,q)", "KL(p\u2016q)", "KL(q\u2016p)"];
var KEYS = ["hp", "hpq", "kl_pq", "kl_qp"];
var fmt4 = (v) => Number.isFinite(num(v)) ? fmtf(v, 4) : "inf";
function render({ model, el: host }) {
  const root = figureRoot(host, "kl", "Entropy, cross-entropy and KL divergence of two coins");
  const controls = el("div", { class: "lossbook-controls" }, root);
  const setKey = (k, v) => {
    model.set("settings", Object.assign({}, model.get("settings"), { [k]: v }));
    model.save_changes();
  };
  const inputs = {
    p: slider(controls, {
      key: "p",
      label: "data: probability p of heads",
      min: RANGES.p[0],
      max: RANGES.p[1],
      step: RANGES.p[2],
      value: 0.5,
      show: (v) => fmtf(v, 2),
      onInput: (v) => setKey("p", v)
    }),
    q: slider(controls, {
      key: "q",
      label: "model: probability q of heads",
      min: RANGES.q[0],
      max: RANGES.q[1],
      step: RANGES.q[2],
      value: 0.5,
      show: (v) => fmtf(v, 2),
      onInput: (v) => setKey("q", v)
    })
  };
  const base = select(controls, {
    key: "base",
    label: "units",
    value: "nats",
    options: Object.keys(BASES).map((b) => [b, b]),
    onInput: (v) => setKey("base", v)
  });
  const fig = plotBox(root, "kl");
  const bars = new Panel(fig, { w: 240, h: 180, title: "the four numbers", ylabel: "nats" });
  const cur = new Panel(fig, { w: 300, h: 180, title: "as functions of the model's q", xlabel: "model q", ylabel: "nats" });
  legend(root, [
    { color: "var(--lb-c-entropy)", label: "H(p)", dash: "2,2" },
    { color: "var(--lb-c-ce)", label: "H(p, q)" },
    { color: "var(--lb-c-kl)", label: "KL(p\u2016q)" },
    { color: "var(--lb-c-kl)", label: "KL(q\u2016p)", dash: "6,3" }
  ]);
  const colors = ["entropy", "ce", "kl", "kl"];
  const bw = (bars.x1 - bars.x0) / 4, rects = [], labels = [];
  for (let i = 0; i < 4; i++) {
    rects.push(el("rect", {
      x: (bars.x0 + i * bw + 6).toFixed(1),
      width: (bw - 12).toFixed(1),
      fill: `var(--lb-c-${colors[i]})`,
      "fill-opacity": i === 3 ? 0.55 : 1
    }, bars.layer, true));
    labels.push(text("text", { x: (bars.x0 + (i + 0.5) * bw).toFixed(1), "text-anchor": "middle", class: "lb-small" }, bars.layer, "", true));
    text("text", { x: (bars.x0 + (i + 0.5) * bw).toFixed(1), y: bars.y0 + 11, "text-anchor": "middle", class: "lb-ticks-text" }, bars.svg, NAMES[i], true);
  }
  const hline = cur.line({ stroke: "var(--lb-c-entropy)", "stroke-dasharray": "2,2", "stroke-width": 1.4 });
  const qline = cur.line({ stroke: "var(--lb-t-target)", "stroke-width": 0.8 });
  const curves = {
    hpq: cur.polyline({ stroke: "var(--lb-c-ce)", "stroke-width": 1.8 }),
    kl_pq: cur.polyline({ stroke: "var(--lb-c-kl)", "stroke-width": 1.8 }),
    kl_qp: cur.polyline({ stroke: "var(--lb-c-kl)", "stroke-width": 1.8, "stroke-dasharray": "6,3" })
  };
  const dots = [0, 1, 2].map(() => cur.circle({ r: 3.5, fill: "var(--lb-t-target)" }));
  const values = el("p", { class: "lossbook-readout", "data-testid": "kl-values" }, root);
  const error = el("p", { class: "lossbook-error", "data-testid": "kl-error", role: "alert" }, root);
  const say = announcer(root);
  function syncInputs() {
    const s = model.get("settings");
    inputs.p.set(s.p);
    inputs.q.set(s.q);
    base.value = s.base;
    root.setAttribute("data-settings-now", JSON.stringify(s));
  }
  function draw() {
    const s = model.get("settings"), r = model.get("result");
    if (!usable(r, error)) return;
    const n = r.numbers, vals = KEYS.map((k) => num(n[k]));
    const finite = vals.filter(Number.isFinite), btop = Math.max(...finite, 1e-9) * 1.25 * 1.15, cap = btop / 1.15;
    bars.setLimits(0, 4, 0, btop, { xticks: [] });
    vals.forEach((v, i) => {
      const y = bars.py(Number.isFinite(v) ? v : cap);
      rects[i].setAttribute("y", y.toFixed(1));
      rects[i].setAttribute("height", (bars.y0 - y).toFixed(1));
      labels[i].setAttribute("y", (y - 3).toFixed(1));
      labels[i].textContent = Number.isFinite(v) ? v.toFixed(3) : "\u221E";
    });
    const all = [];
    for (const k of ["hpq", "kl_pq"]) for (const v of r.curves[k]) if (Number.isFinite(num(v))) all.push(num(v));
    const div = BASES[s.base] === null ? 1 : Math.log(BASES[s.base]);
    const top = Math.min(Math.max(...all, num(n.hpq), 1e-9) * 1.15, 8 / div);
    cur.setLimits(0, 1, 0, top, { xticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    for (const k in curves) curves[k].setAttribute("points", cur.points(r.q, r.curves[k]));
    cur.hline(hline, num(n.hp));
    cur.vline(qline, s.q);
    [n.hpq, n.kl_pq, n.kl_qp].forEach((v, i) => {
      dots[i].setAttribute("cx", cur.px(s.q).toFixed(1));
      dots[i].setAttribute("cy", cur.pyc(Number.isFinite(num(v)) ? num(v) : top * 2).toFixed(1));
    });
    bars.ylabel.textContent = cur.ylabel.textContent = s.base;
    const parts = [["H(p)", "hp", "hp", "entropy"], ["H(p, q)", "hpq", "hpq", "ce"], ["KL(p\u2016q)", "pq", "kl_pq", "kl"], ["KL(q\u2016p)", "qp", "kl_qp", "kl"]];
    values.innerHTML = parts.map(([name, id, k, c]) => `<span class="lb-t-${c}">${name}</span> = <b data-testid="kl-${id}">${fmt4(n[k])}</b>`).join("; ") + ` (${s.base}); H(p, q) = H(p) + KL(p\u2016q).`;
    const words = `With p = ${fmtf(s.p, 2)} and q = ${fmtf(s.q, 2)}: H(p) = ${fmt4(n.hp)}, H(p, q) = ${fmt4(n.hpq)}, KL(p\u2016q) = ${fmt4(n.kl_pq)}, KL(q\u2016p) = ${fmt4(n.kl_qp)} ${s.base}.`;
    described(fig, say, "Bars of entropy, cross-entropy and both KL divergences, and the last three as curves over q. ", words);
  }
  return connect(model, syncInputs, draw);
}
var kl_default = { render };
export {
  kl_default as default,
  render
};
