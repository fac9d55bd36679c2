/* lossbook/web/common.js: what the book's live figures (race.js, kl.js) share.
 *
 * Loaded before them on every page (in a browser it defines window.lossbookCommon); under
 * Node.js they require() it. Dependency-free ES2019.
 */
(function (root) {
  "use strict";

  // The book's colours: the same as lossbook.plots.COLORS (tests/test_web_twin.py checks it).
  var COLORS = { mse: "#D55E00", ce: "#0072B2", kl: "#009E73", entropy: "#CC79A7",
    target: "#555555", accent: "#E69F00", neutral: "#56B4E9" };

  var SVGNS = "http://www.w3.org/2000/svg";

  // A new element (in the SVG namespace when svg is true) with attributes, appended to parent.
  function el(tag, attrs, parent, svg) {
    var e = svg ? document.createElementNS(SVGNS, tag) : document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }

  // A short tick label: 4 significant digits, no trailing zeros.
  function fmtg(v) { return isFinite(v) ? String(Number(v.toPrecision(4))) : String(v); }

  // About n round tick positions (steps of 1, 2 or 5 times a power of ten) in [lo, hi].
  function niceTicks(lo, hi, n) {
    var span = hi - lo;
    if (!(span > 0)) return [lo];
    var raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
    var step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag, out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return out;
  }

  // Build Figure in every <div class="lossbook-figure" data-figure="name"> of the page, once
  // the page is parsed; each mount point is filled once.
  function mount(name, Figure) {
    function mountAll() {
      var nodes = document.querySelectorAll('.lossbook-figure[data-figure="' + name + '"]');
      for (var i = 0; i < nodes.length; i++) {
        if (nodes[i].getAttribute("data-mounted")) continue;
        nodes[i].setAttribute("data-mounted", "1");
        nodes[i].lossbookFigure = new Figure(nodes[i]);
      }
    }
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
    else mountAll();
  }

  var api = { COLORS: COLORS, el: el, fmtg: fmtg, niceTicks: niceTicks, mount: mount };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.lossbookCommon = api;
})(typeof window !== "undefined" ? window : this);
