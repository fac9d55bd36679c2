/* lossbook/web/race.js: the neuron race (MSE against cross-entropy), live in the browser.
 *
 * The web twin of lossbook.widgets.neuron_race. ES2019, needing only common.js (loaded first;
 * required under Node.js). On DOMContentLoaded
 * it mounts into every  <div class="lossbook-figure" data-figure="race" data-settings='{...}'>
 * (data-settings: JSON with any of w0, b0, x, y, eta, tol, max_steps, learn_bias).
 * Under Node.js it exports the numerical core: module.exports = {trainNeuron, ...}.
 *
 * The numerical core mirrors lossbook/neuron.py operation for operation (same sigmoid
 * branches, softplus form, delta, loop order and stop rules), so that its results equal
 * Python's to 1e-9 (tests/test_web_twin.py).
 *
 * Stable hooks for browser tests (data-testid, all inside the mount element):
 *   race                      the figure's root (class lossbook-race)
 *   slider-w0, slider-b0, slider-x, slider-y, slider-eta, slider-max_steps, slider-tol
 *                             the <input type="range"> of each setting (also id-ed, labelled
 *                             by <label for>); set .value and dispatch an "input" event.
 *                             slider-tol holds log10(tol) (-6 ... -1, step 0.5).
 *   value-<name>              the visible value of each slider (an <output>)
 *   toggle-learn_bias         the learn-the-bias checkbox (dispatch "change" or "input")
 *   preset-seed, preset-slowdown-0.6-0.9, preset-slowdown-2-2
 *                             the preset buttons (click)
 *   play, step, reset         the animation buttons: play/pause, one update, back to the end
 *   race-plot                 the <svg> figure; its data-version attribute increases on
 *                             every redraw, and data-series holds the drawn a-history length
 *   race-counts               the counts readout (class lossbook-race-counts); inside it
 *   count-mse, count-ce, count-ce-excess
 *                             the number of updates of each run, or "none" when the stop
 *                             rule did not hold within max_steps
 *   race-state                the readout of t, a, loss and gradients at the shown iteration
 *   race-error                a message when a setting cannot be used (empty otherwise)
 * The root also carries data-settings-now: the JSON of the settings in use, and data-layout:
 * "wide" (three panels in a row) or "stacked" (one above the other, below 560 px).
 */
(function (root) {
  "use strict";

  var LN9 = Math.log(9.0);
  var common = typeof module !== "undefined" && module.exports ? require("./common.js") : root.lossbookCommon;
  var COLORS = common.COLORS, el = common.el, fmtg = common.fmtg, niceTicks = common.niceTicks;
  var DEFAULTS = { w0: LN9, b0: 0.0, x: 1.0, y: 0.5, eta: 0.2, tol: 1e-3, max_steps: 1000, learn_bias: false };
  var PRESETS = {
    "seed": { label: "source text: w = ln 9", s: DEFAULTS },
    "slowdown-0.6-0.9": { label: "slow start w=0.6, b=0.9",
      s: { w0: 0.6, b0: 0.9, x: 1.0, y: 0.0, eta: 0.15, tol: 1e-3, max_steps: 4000, learn_bias: true } },
    "slowdown-2-2": { label: "slow start w=2, b=2",
      s: { w0: 2.0, b0: 2.0, x: 1.0, y: 0.0, eta: 0.15, tol: 1e-3, max_steps: 4000, learn_bias: true } }
  };
  // name: [min, max, step, label]; the same ranges as lossbook.widgets.RACE_RANGES.
  var RANGES = {
    w0: [-6, 6, 0.01, "initial weight w0"],
    b0: [-6, 6, 0.01, "initial bias b0"],
    x: [-3, 3, 0.05, "input x"],
    y: [0, 1, 0.01, "target y"],
    eta: [0.01, 2, 0.01, "learning rate eta"],
    max_steps: [10, 5000, 10, "max_steps"],
    tol: [-6, -1, 0.5, "tol (log10)"]
  };
  var KEYS = ["w0", "b0", "x", "y", "eta", "tol", "max_steps", "learn_bias"];

  // --- the numerical core: lossbook/neuron.py, line for line ------------------------------

  function sigmoid(z) {
    if (z >= 0) return 1.0 / (1.0 + Math.exp(-z));
    var e = Math.exp(z);
    return e / (1.0 + e);
  }

  function softplus(z) {
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  function lossValue(loss, z, y) {
    if (loss === "mse") { var d = sigmoid(z) - y; return 0.5 * (d * d); }
    return softplus(z) - y * z;
  }

  function lossFloor(loss, y) {
    if (loss === "mse" || y === 0.0 || y === 1.0) return 0.0;
    return -(y * Math.log(y) + (1.0 - y) * Math.log1p(-y));
  }

  function delta(loss, a, y) {
    if (loss === "mse") return (a - y) * a * (1.0 - a);
    return a - y;
  }

  function check(name, v, lo, hi) {
    if (typeof v !== "number" || !isFinite(v)) throw new Error(name + " must be a finite number, got " + v);
    if (lo !== undefined && v < lo) throw new Error(name + " must be at least " + lo + ", got " + v);
    if (hi !== undefined && v > hi) throw new Error(name + " must be at most " + hi + ", got " + v);
    return v;
  }

  /* trainNeuron(loss, {w, b, x, y, eta, tol, maxSteps, learnBias, stop}) -> {steps, w, b, a, loss}
   * Exactly lossbook.neuron.train_neuron: steps is null when the rule never held. */
  function trainNeuron(loss, o) {
    o = o || {};
    var w = check("w", o.w === undefined ? LN9 : o.w);
    var b = check("b", o.b === undefined ? 0.0 : o.b);
    var x = check("x", o.x === undefined ? 1.0 : o.x);
    var y = check("y", o.y === undefined ? 0.5 : o.y, 0, 1);
    var eta = check("eta", o.eta === undefined ? 0.2 : o.eta, 0);
    var tol = check("tol", o.tol === undefined ? 1e-3 : o.tol, 0);
    var maxSteps = o.maxSteps === undefined ? 10000 : o.maxSteps;
    var learnBias = !!o.learnBias;
    var stop = o.stop || "squared_error";
    if (loss !== "mse" && loss !== "ce") throw new Error("loss must be 'mse' or 'ce'");
    if (stop !== "squared_error" && stop !== "excess") throw new Error("stop must be 'squared_error' or 'excess'");
    if (eta === 0 || tol === 0) throw new Error("eta and tol must be positive");
    if (!Number.isInteger(maxSteps) || maxSteps < 0) throw new Error("max_steps must be a non-negative integer");
    var floor = lossFloor(loss, y);
    var run = { loss_name: loss, steps: null, w: [], b: [], a: [], loss: [] };
    for (var step = 0; step <= maxSteps; step++) {
      var z = w * x + b;
      var a = sigmoid(z);
      var value = lossValue(loss, z, y);
      run.w.push(w); run.b.push(b); run.a.push(a); run.loss.push(value);
      var gap;
      if (stop === "squared_error") { var g = a - y; gap = 0.5 * (g * g); } else { gap = value - floor; }
      if (gap < tol) { run.steps = step; break; }
      if (step === maxSteps) break;
      var d = delta(loss, a, y);
      w -= eta * d * x;
      if (learnBias) b -= eta * d;
    }
    return run;
  }

  /* The three runs the figure shows, from one settings object (the widget's keys). */
  function race(s) {
    var o = { w: s.w0, b: s.b0, x: s.x, y: s.y, eta: s.eta, tol: s.tol, maxSteps: s.max_steps, learnBias: s.learn_bias };
    var ex = Object.assign({}, o, { stop: "excess" });
    return { mse: trainNeuron("mse", o), ce: trainNeuron("ce", o), "ce-excess": trainNeuron("ce", ex) };
  }

  // --- the figure -------------------------------------------------------------------------

  var uid = 0;

  function fmt(v, d) { return isFinite(v) ? v.toFixed(d) : String(v); }
  function tolFromExp(e) { return Number(Math.pow(10, e).toPrecision(12)); }


  // A panel: a frame in SVG user units, with linear scales and reusable tick labels.
  var PW = 230, PH = 150, PAD = { l: 42, r: 8, t: 22, b: 30 };
  function Panel(svg, i, title) {
    var g = el("g", { transform: "translate(" + (i * PW) + ",0)" }, svg, true);
    this.g = g;
    this.x0 = PAD.l; this.x1 = PW - PAD.r; this.y0 = PH - PAD.b; this.y1 = PAD.t;
    el("rect", { x: this.x0, y: this.y1, width: this.x1 - this.x0, height: this.y0 - this.y1, class: "lb-frame" }, g, true);
    var t = el("text", { x: (this.x0 + this.x1) / 2, y: 14, "text-anchor": "middle", class: "lb-title" }, g, true);
    t.textContent = title;
    var xl = el("text", { x: (this.x0 + this.x1) / 2, y: PH - 4, "text-anchor": "middle", class: "lb-label" }, g, true);
    xl.textContent = "iteration t";
    this.grid = el("g", { class: "lb-grid" }, g, true);
    this.ticks = el("g", { class: "lb-ticks" }, g, true);
    this.layer = el("g", {}, g, true);
  }
  Panel.prototype.setLimits = function (xlo, xhi, ylo, yhi) {
    this.xlo = xlo; this.xhi = xhi; this.ylo = ylo; this.yhi = yhi;
    this.sx = (this.x1 - this.x0) / (xhi - xlo); this.sy = (this.y0 - this.y1) / (yhi - ylo);
    var html = "", grid = "", self = this;
    niceTicks(xlo, xhi, 4).forEach(function (v) {
      var px = self.px(v).toFixed(1);
      html += '<text x="' + px + '" y="' + (self.y0 + 11) + '" text-anchor="middle">' + fmtg(v) + "</text>";
    });
    niceTicks(ylo, yhi, 4).forEach(function (v) {
      var py = self.py(v).toFixed(1);
      html += '<text x="' + (self.x0 - 3) + '" y="' + (+py + 3) + '" text-anchor="end">' + fmtg(v) + "</text>";
      grid += '<line x1="' + self.x0 + '" x2="' + self.x1 + '" y1="' + py + '" y2="' + py + '"></line>';
    });
    this.ticks.innerHTML = html;
    this.grid.innerHTML = grid;
  };
  Panel.prototype.px = function (v) { return this.x0 + (v - this.xlo) * this.sx; };
  Panel.prototype.py = function (v) { return this.y0 - (v - this.ylo) * this.sy; };
  // polyline points of series[0..n), thinned to at most ~2 points per user unit
  Panel.prototype.points = function (series, n) {
    var every = Math.max(1, Math.floor(n / 400)), s = "";
    for (var i = 0; i < n; i += every) s += this.px(i).toFixed(1) + "," + this.py(series[i]).toFixed(1) + " ";
    if ((n - 1) % every !== 0 && n > 0) s += this.px(n - 1).toFixed(1) + "," + this.py(series[n - 1]).toFixed(1);
    return s;
  };

  function Race(mount) {
    var self = this;
    var given = {};
    try { given = JSON.parse(mount.getAttribute("data-settings") || "{}"); } catch (e) { given = {}; }
    this.s = Object.assign({}, DEFAULTS);
    KEYS.forEach(function (k) { if (given[k] !== undefined) self.s[k] = given[k]; });
    this.id = "lbrace" + (++uid);
    mount.innerHTML = "";
    var box = el("div", { class: "lossbook-race", "data-testid": "race" }, mount);
    this.box = box;
    var controls = el("div", { class: "lossbook-controls lossbook-race-controls" }, box);
    this.inputs = {}; this.outputs = {};
    Object.keys(RANGES).forEach(function (k) {
      var r = RANGES[k], id = self.id + "-" + k;
      var wrap = el("div", { class: "lossbook-slider" }, controls);
      var lab = el("label", { for: id }, wrap);
      lab.textContent = k === "tol" ? "tol" : k;
      lab.title = r[3];
      var inp = el("input", { type: "range", id: id, min: r[0], max: r[1], step: r[2], "data-testid": "slider-" + k,
        "data-name": k, "aria-label": r[3] }, wrap);
      var out = el("output", { for: id, "data-testid": "value-" + k }, wrap);
      inp.addEventListener("input", function () { self.fromInput(k); });
      self.inputs[k] = inp; self.outputs[k] = out;
    });
    var cwrap = el("div", { class: "lossbook-slider lossbook-toggle" }, controls);
    var cb = el("input", { type: "checkbox", id: this.id + "-learn_bias", "data-testid": "toggle-learn_bias", "data-name": "learn_bias" }, cwrap);
    var cl = el("label", { for: this.id + "-learn_bias" }, cwrap);
    cl.textContent = "learn_bias";
    var onToggle = function () { if (self.s.learn_bias !== cb.checked) { self.s.learn_bias = cb.checked; self.update(); } };
    cb.addEventListener("change", onToggle);
    cb.addEventListener("input", onToggle);
    this.inputs.learn_bias = cb;

    var presets = el("div", { class: "lossbook-buttons lossbook-race-presets" }, box);
    Object.keys(PRESETS).forEach(function (name) {
      var btn = el("button", { type: "button", "data-testid": "preset-" + name, class: "lossbook-preset" }, presets);
      btn.textContent = PRESETS[name].label;
      btn.addEventListener("click", function () { self.s = Object.assign({}, PRESETS[name].s); self.update(); });
    });
    var anim = el("div", { class: "lossbook-buttons lossbook-race-player" }, box);
    this.playBtn = el("button", { type: "button", "data-testid": "play" }, anim);
    this.playBtn.textContent = "\u25B6 play";
    var stepBtn = el("button", { type: "button", "data-testid": "step" }, anim);
    stepBtn.textContent = "step +1";
    var resetBtn = el("button", { type: "button", "data-testid": "reset" }, anim);
    resetBtn.textContent = "show all";
    this.playBtn.addEventListener("click", function () { self.togglePlay(); });
    stepBtn.addEventListener("click", function () { self.stop(); self.setT(self.t >= self.end ? 0 : self.t + 1); });
    resetBtn.addEventListener("click", function () { self.stop(); self.setT(self.end); });

    var W = 3 * PW, H = PH + 18;
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, class: "lossbook-plot lossbook-race-plot", "data-testid": "race-plot",
      role: "img", "aria-label": "output, loss and weight against iteration, MSE and cross-entropy", "data-version": "0",
      preserveAspectRatio: "xMidYMid meet" }, box, true);
    this.svg = svg;
    var plotG = el("g", { transform: "translate(0,18)" }, svg, true);
    this.plotG = plotG;
    var legend = el("g", { class: "lb-legend" }, svg, true);
    this.legendItems = [["MSE", COLORS.mse, ""], ["cross-entropy", COLORS.ce, ""], ["target y", COLORS.target, "2,2"], ["CE floor H(y)", COLORS.entropy, "5,3"]]
      .map(function (it) {
        var line = el("line", { x2: 18, stroke: it[1], "stroke-width": 2, "stroke-dasharray": it[2] }, legend, true);
        var t = el("text", {}, legend, true); t.textContent = it[0];
        return [line, t];
      });
    this.panels = { a: new Panel(plotG, 0, "output a"), loss: new Panel(plotG, 1, "loss L"), w: new Panel(plotG, 2, "weight w (bias b dashed)") };
    this.lines = {}; this.marks = {}; this.cursorLines = {};
    var pa = this.panels;
    this.target = el("line", { stroke: COLORS.target, "stroke-dasharray": "2,2", "stroke-width": 1 }, pa.a.layer, true);
    this.floor = el("line", { stroke: COLORS.entropy, "stroke-dasharray": "5,3", "stroke-width": 1 }, pa.loss.layer, true);
    ["a", "loss", "w"].forEach(function (p) {
      self.cursorLines[p] = el("line", { stroke: COLORS.target, "stroke-width": 0.8, opacity: 0.6 }, pa[p].layer, true);
      ["mse", "ce"].forEach(function (k) {
        self.lines[p + k] = el("polyline", { fill: "none", stroke: COLORS[k], "stroke-width": 1.8, "data-series": p + "-" + k, "stroke-linejoin": "round" }, pa[p].layer, true);
      });
    });
    ["mse", "ce"].forEach(function (k) {
      self.lines["b" + k] = el("polyline", { fill: "none", stroke: COLORS[k], "stroke-width": 1.2, "stroke-dasharray": "4,3" }, pa.w.layer, true);
    });
    ["a", "loss", "w"].forEach(function (p) {
      ["mse", "ce"].forEach(function (k) { self.marks[p + k] = el("circle", { r: 3.5, fill: COLORS[k] }, pa[p].layer, true); });
    });

    this.counts = el("div", { class: "lossbook-readout lossbook-race-counts", "data-testid": "race-counts", "aria-live": "polite" }, box);
    this.state = el("div", { class: "lossbook-readout lossbook-race-state", "data-testid": "race-state" }, box);
    this.error = el("div", { class: "lossbook-error lossbook-race-error", "data-testid": "race-error" }, box);
    this.version = 0; this.timer = null; this.t = 0; this.end = 0;
    this.narrow = null;
    this.layout();
    if (typeof ResizeObserver !== "undefined") new ResizeObserver(function () { self.layout(); }).observe(box);
    this.update();
  }

  // Three panels side by side, or stacked when the figure is narrower than NARROW pixels
  // (a phone), so that every panel keeps a readable size.
  var NARROW = 560;
  Race.prototype.layout = function () {
    var width = this.box.clientWidth, narrow = width > 0 && width < NARROW;
    if (narrow === this.narrow) return;
    this.narrow = narrow;
    var top = narrow ? 34 : 18, pa = this.panels;
    ["a", "loss", "w"].forEach(function (p, i) {
      pa[p].g.setAttribute("transform", narrow ? "translate(0," + (i * PH) + ")" : "translate(" + (i * PW) + ",0)");
    });
    this.plotG.setAttribute("transform", "translate(0," + top + ")");
    this.legendItems.forEach(function (item, i) {
      var x = narrow ? 8 + (i % 2) * 112 : 150 + i * 120, y = narrow ? 8 + Math.floor(i / 2) * 14 : 8;
      item[0].setAttribute("transform", "translate(" + x + "," + y + ")");
      item[1].setAttribute("x", x + 22); item[1].setAttribute("y", y + 4);
    });
    this.svg.setAttribute("viewBox", narrow ? "0 0 " + PW + " " + (3 * PH + top) : "0 0 " + (3 * PW) + " " + (PH + top));
    this.box.setAttribute("data-layout", narrow ? "stacked" : "wide");
  };

  Race.prototype.fromInput = function (k) {
    var v = Number(this.inputs[k].value);
    this.s[k] = k === "tol" ? tolFromExp(v) : v;
    this.update();
  };

  Race.prototype.syncInputs = function () {
    var s = this.s, self = this;
    Object.keys(RANGES).forEach(function (k) {
      var want = k === "tol" ? String(Math.log10(s.tol)) : String(s[k]);
      if (self.inputs[k].value !== want && Number(self.inputs[k].value) !== (k === "tol" ? Math.log10(s.tol) : s[k])) self.inputs[k].value = want;
      self.outputs[k].textContent = k === "tol" ? s.tol.toExponential(1) : k === "max_steps" ? String(s[k]) : s[k].toFixed(3);
    });
    this.inputs.learn_bias.checked = !!s.learn_bias;
    this.box.setAttribute("data-settings-now", JSON.stringify(KEYS.reduce(function (o, k) { o[k] = s[k]; return o; }, {})));
  };

  Race.prototype.update = function () {
    this.stop();
    this.syncInputs();
    var runs;
    try { runs = race(this.s); } catch (e) { this.error.textContent = e.message; return; }
    this.error.textContent = "";
    this.runs = runs;
    var mse = runs.mse, ce = runs.ce, s = this.s, pa = this.panels;
    this.end = Math.max(mse.w.length, ce.w.length) - 1;
    var xhi = Math.max(this.end, 1);
    var top = 0, lo = Infinity, hi = -Infinity, i, k, r;
    [mse, ce].forEach(function (run) {
      for (i = 0; i < run.loss.length; i++) {
        if (run.loss[i] > top) top = run.loss[i];
        if (run.w[i] < lo) lo = run.w[i]; if (run.w[i] > hi) hi = run.w[i];
        if (s.learn_bias) { if (run.b[i] < lo) lo = run.b[i]; if (run.b[i] > hi) hi = run.b[i]; }
      }
    });
    var pad = hi > lo ? 0.08 * (hi - lo) : 0.5;
    pa.a.setLimits(0, xhi, -0.02, 1.02);
    pa.loss.setLimits(0, xhi, 0, top > 0 ? 1.08 * top : 1);
    pa.w.setLimits(0, xhi, lo - pad, hi + pad);
    var yT = pa.a.py(s.y), fl = pa.loss.py(lossFloor("ce", s.y));
    this.target.setAttribute("x1", pa.a.x0); this.target.setAttribute("x2", pa.a.x1);
    this.target.setAttribute("y1", yT); this.target.setAttribute("y2", yT);
    this.floor.setAttribute("x1", pa.loss.x0); this.floor.setAttribute("x2", pa.loss.x1);
    this.floor.setAttribute("y1", fl); this.floor.setAttribute("y2", fl);
    var self = this;
    function count(key) {
      var n = runs[key].steps;
      return '<b data-testid="count-' + key + '">' + (n === null ? "none" : n) + "</b>";
    }
    this.counts.innerHTML = "Updates until \u00BD(a \u2212 y)\u00B2 &lt; tol: " +
      '<span style="color:' + COLORS.mse + '">MSE ' + count("mse") + "</span>, " +
      '<span style="color:' + COLORS.ce + '">cross-entropy ' + count("ce") + "</span>. " +
      "Cross-entropy until its excess over the floor, KL(y\u2016a), &lt; tol: " +
      '<span style="color:' + COLORS.kl + '">' + count("ce-excess") + "</span>. " +
      "(none = not within max_steps = " + s.max_steps + ")";
    this.svg.setAttribute("data-series", String(mse.a.length));
    this.setT(this.end);
  };

  // Draw the curves up to iteration t (all of them when t = end), the markers and readouts at t.
  Race.prototype.setT = function (t) {
    if (!this.runs) return;
    this.t = t;
    var pa = this.panels, runs = this.runs, s = this.s, self = this, rows = "";
    ["mse", "ce"].forEach(function (k) {
      var run = runs[k], n = Math.min(t, run.w.length - 1) + 1, i = n - 1;
      self.lines["a" + k].setAttribute("points", pa.a.points(run.a, n));
      self.lines["loss" + k].setAttribute("points", pa.loss.points(run.loss, n));
      self.lines["w" + k].setAttribute("points", pa.w.points(run.w, n));
      self.lines["b" + k].setAttribute("points", s.learn_bias ? pa.w.points(run.b, n) : "");
      [["a", run.a], ["loss", run.loss], ["w", run.w]].forEach(function (p) {
        var c = self.marks[p[0] + k];
        c.setAttribute("cx", pa[p[0]].px(i).toFixed(1)); c.setAttribute("cy", pa[p[0]].py(p[1][i]).toFixed(1));
      });
      var d = delta(k, run.a[i], s.y);
      rows += '<tr style="color:' + COLORS[k] + '"><td>' + (k === "mse" ? "MSE" : "cross-entropy") + "</td><td>" + i +
        "</td><td>" + fmt(run.a[i], 4) + "</td><td>" + fmt(run.loss[i], 4) + "</td><td>" + fmtg(d * s.x) + "</td><td>" + fmtg(d) + "</td></tr>";
    });
    ["a", "loss", "w"].forEach(function (p) {
      var c = self.cursorLines[p], x = pa[p].px(t).toFixed(1);
      c.setAttribute("x1", x); c.setAttribute("x2", x); c.setAttribute("y1", pa[p].y1); c.setAttribute("y2", pa[p].y0);
    });
    this.state.innerHTML = "<table><tr><th></th><th>t</th><th>a</th><th>L</th><th>\u2202L/\u2202w</th><th>\u2202L/\u2202b</th></tr>" + rows + "</table>";
    this.svg.setAttribute("data-version", String(++this.version));
  };

  Race.prototype.stop = function () {
    if (this.timer !== null) { clearInterval(this.timer); this.timer = null; }
    if (this.playBtn) this.playBtn.textContent = "\u25B6 play";
  };

  // Play: the descent from t = 0 to the end in about 4 seconds (at least one update a frame).
  Race.prototype.togglePlay = function () {
    if (this.timer !== null) { this.stop(); return; }
    var self = this;
    if (this.t >= this.end) this.setT(0);
    var per = Math.max(1, Math.ceil(this.end / 120));
    this.playBtn.textContent = "\u275A\u275A pause";
    this.timer = setInterval(function () {
      var t = Math.min(self.end, self.t + per);
      self.setT(t);
      if (t >= self.end) self.stop();
    }, 33);
  };


  var api = { trainNeuron: trainNeuron, race: race, sigmoid: sigmoid, softplus: softplus, lossValue: lossValue,
    lossFloor: lossFloor, delta: delta, LN9: LN9, DEFAULTS: DEFAULTS, PRESETS: PRESETS, RANGES: RANGES,
    Race: Race };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else common.mount("race", Race);
})(typeof window !== "undefined" ? window : this);
