/* lossbook/web/kl.js: entropy, cross-entropy and KL divergence of two coins, live.
 *
 * The web twin of lossbook.widgets.kl_explorer. ES2019, needing only common.js (loaded first;
 * required under Node.js). On DOMContentLoaded
 * it mounts into every  <div class="lossbook-figure" data-figure="kl" data-settings='{...}'>
 * (data-settings: JSON with any of p, q, base; base is "nats", "bits" or "bans").
 * Under Node.js: module.exports = {klNumbers, klCurves, entropy, crossEntropy, klDivergence, ...}.
 * The numbers follow lossbook.losses (entropy, cross_entropy_pq, kl_divergence) operation for
 * operation, with 0 log 0 = 0, so they equal Python's to 1e-9 (tests/test_web_twin.py).
 *
 * Stable hooks for browser tests (data-testid, inside the mount element):
 *   kl                        the root (class lossbook-kl)
 *   slider-p, slider-q        the <input type="range"> sliders (p in [0, 1], q in [0.01, 0.99])
 *   value-p, value-q          their visible values
 *   base                      the <select> of units: nats, bits, bans
 *   kl-plot                   the <svg>; data-version increases on every redraw
 *   kl-values                 the readout; inside it kl-hp, kl-hpq, kl-pq, kl-qp hold
 *                             H(p), H(p, q), KL(p||q), KL(q||p) (4 decimals, or "inf")
 */
(function (root) {
  "use strict";

  var common = typeof module !== "undefined" && module.exports ? require("./common.js") : root.lossbookCommon;
  var COLORS = common.COLORS, el = common.el, fmtg = common.fmtg, niceTicks = common.niceTicks;
  var BASES = { nats: null, bits: 2.0, bans: 10.0 };
  var DEFAULTS = { p: 0.9, q: 0.1, base: "nats" };

  // --- numbers: lossbook/losses.py -------------------------------------------------------

  function xlogy(x, y) { return x > 0 ? x * Math.log(y) : 0.0; }  // 0 log y = 0
  function factor(base) {
    var b = BASES[base];
    if (b === undefined) throw new Error("base must be nats, bits or bans, got " + base);
    return b === null ? 1.0 : Math.log(b);
  }
  function entropy(P, base) { return -(xlogy(P[0], P[0]) + xlogy(P[1], P[1])) / factor(base); }
  function crossEntropy(P, Q, base) { return -(xlogy(P[0], Q[0]) + xlogy(P[1], Q[1])) / factor(base); }
  function klDivergence(P, Q, base) {
    return ((xlogy(P[0], P[0]) - xlogy(P[0], Q[0])) + (xlogy(P[1], P[1]) - xlogy(P[1], Q[1]))) / factor(base);
  }

  /* H(p), H(p,q), KL(p||q), KL(q||p) for the coins (p, 1-p) and (q, 1-q): lossbook.widgets.kl_numbers. */
  function klNumbers(p, q, base) {
    base = base || "nats";
    var P = [p, 1.0 - p], Q = [q, 1.0 - q];
    return { hp: entropy(P, base) + 0.0, hpq: crossEntropy(P, Q, base) + 0.0,
      kl_pq: klDivergence(P, Q, base) + 0.0, kl_qp: klDivergence(Q, P, base) + 0.0 };
  }

  // numpy.linspace(0.005, 0.995, 199): the grid of q for the curves (lossbook.widgets.KL_GRID)
  var GRID = (function () {
    var n = 199, start = 0.005, stop = 0.995, step = (stop - start) / (n - 1), g = [];
    for (var i = 0; i < n; i++) g.push(i * step + start);
    g[n - 1] = stop;
    return g;
  })();

  function klCurves(p, base) {
    var out = { q: GRID, hpq: [], kl_pq: [], kl_qp: [] }, P = [p, 1.0 - p];
    for (var i = 0; i < GRID.length; i++) {
      var Q = [GRID[i], 1.0 - GRID[i]];
      out.hpq.push(crossEntropy(P, Q, base));
      out.kl_pq.push(klDivergence(P, Q, base));
      out.kl_qp.push(klDivergence(Q, P, base));
    }
    return out;
  }

  // --- the figure --------------------------------------------------------------------------

  var uid = 0;
  function fmt4(v) { return isFinite(v) ? v.toFixed(4) : "inf"; }

  var H = 180, BAR = { x0: 40, x1: 250, y0: 150, y1: 16 }, CUR = { x0: 310, x1: 680, y0: 150, y1: 16 };
  var NAMES = ["H(p)", "H(p,q)", "KL(p\u2016q)", "KL(q\u2016p)"];

  function KL(mount) {
    var self = this, given = {};
    try { given = JSON.parse(mount.getAttribute("data-settings") || "{}"); } catch (e) { given = {}; }
    this.s = Object.assign({}, DEFAULTS);
    ["p", "q", "base"].forEach(function (k) { if (given[k] !== undefined) self.s[k] = given[k]; });
    this.id = "lbkl" + (++uid);
    mount.innerHTML = "";
    var box = el("div", { class: "lossbook-kl", "data-testid": "kl" }, mount);
    var controls = el("div", { class: "lossbook-controls lossbook-kl-controls" }, box);
    this.inputs = {}; this.outputs = {};
    [["p", 0, 1, "p: probability of the first outcome under the data"], ["q", 0.01, 0.99, "q: probability of the first outcome under the model"]]
      .forEach(function (r) {
        var k = r[0], id = self.id + "-" + k, wrap = el("div", { class: "lossbook-slider" }, controls);
        var lab = el("label", { for: id, title: r[3] }, wrap); lab.textContent = k;
        var inp = el("input", { type: "range", id: id, min: r[1], max: r[2], step: 0.01, "data-testid": "slider-" + k, "aria-label": r[3] }, wrap);
        var out = el("output", { for: id, "data-testid": "value-" + k }, wrap);
        inp.value = String(self.s[k]);
        inp.addEventListener("input", function () { self.s[k] = Number(inp.value); self.update(); });
        self.inputs[k] = inp; self.outputs[k] = out;
      });
    var bwrap = el("div", { class: "lossbook-slider" }, controls);
    var blab = el("label", { for: this.id + "-base" }, bwrap); blab.textContent = "units";
    var sel = el("select", { id: this.id + "-base", "data-testid": "base" }, bwrap);
    Object.keys(BASES).forEach(function (b) { var o = el("option", { value: b }, sel); o.textContent = b; });
    sel.value = this.s.base;
    sel.addEventListener("change", function () { self.s.base = sel.value; self.update(); });
    this.sel = sel;

    // On a narrow screen the two panels keep a readable size and the figure scrolls sideways.
    var scroller = el("div", { class: "lossbook-scroll" }, box);
    var svg = el("svg", { viewBox: "0 0 690 " + H, class: "lossbook-plot lossbook-kl-plot", "data-testid": "kl-plot", "data-version": "0",
      role: "img", "aria-label": "entropy, cross-entropy and KL divergences as bars and as curves over q" }, scroller, true);
    this.svg = svg;
    [BAR, CUR].forEach(function (f) { el("rect", { x: f.x0, y: f.y1, width: f.x1 - f.x0, height: f.y0 - f.y1, class: "lb-frame" }, svg, true); });
    this.grid = el("g", { class: "lb-grid" }, svg, true);
    this.ticks = el("g", { class: "lb-ticks" }, svg, true);
    var colors = [COLORS.entropy, COLORS.ce, COLORS.kl, COLORS.kl];
    this.bars = []; this.barText = [];
    var bw = (BAR.x1 - BAR.x0) / 4;
    for (var i = 0; i < 4; i++) {
      this.bars.push(el("rect", { x: BAR.x0 + i * bw + 6, width: bw - 12, fill: colors[i], opacity: i === 3 ? 0.6 : 1 }, svg, true));
      this.barText.push(el("text", { x: BAR.x0 + (i + 0.5) * bw, "text-anchor": "middle", class: "lb-small" }, svg, true));
      var nm = el("text", { x: BAR.x0 + (i + 0.5) * bw, y: BAR.y0 + 13, "text-anchor": "middle", class: "lb-label" }, svg, true);
      nm.textContent = NAMES[i];
    }
    var xl = el("text", { x: (CUR.x0 + CUR.x1) / 2, y: H - 4, "text-anchor": "middle", class: "lb-label" }, svg, true);
    xl.textContent = "model q";
    this.unitLabels = [el("text", { x: 10, y: 90, transform: "rotate(-90 10 90)", "text-anchor": "middle", class: "lb-label" }, svg, true),
      el("text", { x: 278, y: 90, transform: "rotate(-90 278 90)", "text-anchor": "middle", class: "lb-label" }, svg, true)];
    this.hline = el("line", { stroke: COLORS.entropy, "stroke-dasharray": "2,2", "stroke-width": 1.2 }, svg, true);
    this.qline = el("line", { stroke: COLORS.target, "stroke-width": 0.8 }, svg, true);
    this.curves = {
      hpq: el("polyline", { fill: "none", stroke: COLORS.ce, "stroke-width": 1.8 }, svg, true),
      kl_pq: el("polyline", { fill: "none", stroke: COLORS.kl, "stroke-width": 1.8 }, svg, true),
      kl_qp: el("polyline", { fill: "none", stroke: COLORS.kl, "stroke-width": 1.8, "stroke-dasharray": "6,3" }, svg, true)
    };
    this.dots = [0, 1, 2].map(function () { return el("circle", { r: 3.5, fill: COLORS.target }, svg, true); });
    var legend = el("g", { class: "lb-legend" }, svg, true);
    [["H(p,q)", COLORS.ce, ""], ["KL(p\u2016q)", COLORS.kl, ""], ["KL(q\u2016p)", COLORS.kl, "6,3"], ["H(p)", COLORS.entropy, "2,2"]]
      .forEach(function (it, j) {
        var x = CUR.x1 - 170 + (j % 2) * 85, y = CUR.y1 + 12 + Math.floor(j / 2) * 14;
        el("line", { x1: x, x2: x + 16, y1: y - 4, y2: y - 4, stroke: it[1], "stroke-width": 2, "stroke-dasharray": it[2] }, legend, true);
        var t = el("text", { x: x + 20, y: y }, legend, true); t.textContent = it[0];
      });
    this.values = el("div", { class: "lossbook-readout lossbook-kl-values", "data-testid": "kl-values", "aria-live": "polite" }, box);
    this.version = 0;
    this.update();
  }

  KL.prototype.update = function () {
    var s = this.s, self = this;
    this.outputs.p.textContent = s.p.toFixed(2); this.outputs.q.textContent = s.q.toFixed(2);
    if (Number(this.inputs.p.value) !== s.p) this.inputs.p.value = String(s.p);
    if (Number(this.inputs.q.value) !== s.q) this.inputs.q.value = String(s.q);
    this.sel.value = s.base;
    var nums = klNumbers(s.p, s.q, s.base), cur = klCurves(s.p, s.base);
    var vals = [nums.hp, nums.hpq, nums.kl_pq, nums.kl_qp];
    // bars
    var finite = vals.filter(isFinite), btop = Math.max.apply(null, finite.concat([1e-9])) * 1.25 * 1.15;
    var by = function (v) { return BAR.y0 - v / btop * (BAR.y0 - BAR.y1); };
    var cap = btop / 1.15;
    var grid = "", ticks = "";
    niceTicks(0, btop, 4).forEach(function (v) {
      var y = by(v).toFixed(1);
      grid += '<line x1="' + BAR.x0 + '" x2="' + BAR.x1 + '" y1="' + y + '" y2="' + y + '"></line>';
      ticks += '<text x="' + (BAR.x0 - 3) + '" y="' + (+y + 3) + '" text-anchor="end">' + fmtg(v) + "</text>";
    });
    vals.forEach(function (v, i) {
      var h = isFinite(v) ? v : cap, y = by(h);
      self.bars[i].setAttribute("y", y.toFixed(1)); self.bars[i].setAttribute("height", (BAR.y0 - y).toFixed(1));
      self.barText[i].setAttribute("y", (y - 3).toFixed(1)); self.barText[i].textContent = isFinite(v) ? v.toFixed(3) : "\u221E";
    });
    // curves
    var all = [];
    cur.hpq.concat(cur.kl_pq).forEach(function (v) { if (isFinite(v)) all.push(v); });
    var top = Math.min(Math.max.apply(null, all.concat([nums.hpq, 1e-9])) * 1.15, 8.0 / factor(s.base));
    var cx = function (q) { return CUR.x0 + q * (CUR.x1 - CUR.x0); };
    var cy = function (v) { return CUR.y0 - Math.min(v, top * 1.02) / top * (CUR.y0 - CUR.y1); };
    niceTicks(0, top, 4).forEach(function (v) {
      var y = cy(v).toFixed(1);
      grid += '<line x1="' + CUR.x0 + '" x2="' + CUR.x1 + '" y1="' + y + '" y2="' + y + '"></line>';
      ticks += '<text x="' + (CUR.x0 - 3) + '" y="' + (+y + 3) + '" text-anchor="end">' + fmtg(v) + "</text>";
    });
    [0, 0.2, 0.4, 0.6, 0.8, 1].forEach(function (q) {
      ticks += '<text x="' + cx(q).toFixed(1) + '" y="' + (CUR.y0 + 12) + '" text-anchor="middle">' + q + "</text>";
    });
    this.grid.innerHTML = grid; this.ticks.innerHTML = ticks;
    Object.keys(this.curves).forEach(function (k) {
      var pts = "", ys = cur[k];
      for (var i = 0; i < ys.length; i++) if (isFinite(ys[i])) pts += cx(cur.q[i]).toFixed(1) + "," + cy(ys[i]).toFixed(1) + " ";
      self.curves[k].setAttribute("points", pts);
    });
    var hy = cy(nums.hp).toFixed(1), qx = cx(s.q).toFixed(1);
    this.hline.setAttribute("x1", CUR.x0); this.hline.setAttribute("x2", CUR.x1);
    this.hline.setAttribute("y1", hy); this.hline.setAttribute("y2", hy);
    this.qline.setAttribute("x1", qx); this.qline.setAttribute("x2", qx);
    this.qline.setAttribute("y1", CUR.y1); this.qline.setAttribute("y2", CUR.y0);
    [nums.hpq, nums.kl_pq, nums.kl_qp].forEach(function (v, i) {
      self.dots[i].setAttribute("cx", qx); self.dots[i].setAttribute("cy", cy(isFinite(v) ? v : top * 2).toFixed(1));
    });
    this.unitLabels.forEach(function (t) { t.textContent = s.base; });
    var parts = [["H(p)", "hp", "hp"], ["H(p, q)", "hpq", "hpq"], ["KL(p\u2016q)", "pq", "kl_pq"], ["KL(q\u2016p)", "qp", "kl_qp"]]
      .map(function (r) { return r[0] + ' = <b data-testid="kl-' + r[1] + '">' + fmt4(nums[r[2]]) + "</b>"; });
    this.values.innerHTML = parts.join("; ") + " (" + s.base + "); H(p, q) = H(p) + KL(p\u2016q).";
    this.svg.setAttribute("data-version", String(++this.version));
  };


  var api = { klNumbers: klNumbers, klCurves: klCurves, entropy: entropy, crossEntropy: crossEntropy,
    klDivergence: klDivergence, GRID: GRID, BASES: BASES, DEFAULTS: DEFAULTS, KL: KL };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else common.mount("kl", KL);
})(typeof window !== "undefined" ? window : this);
