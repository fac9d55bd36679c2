// lossbook/web/src/line.js: the view of the line fit (chapter 1): the line y = w x + b through
// the source text's five points with its residuals; the book's loss J = 1/(2N) sum r^2 and the
// source text's plain sum of squares; J's contours over (w, b) with the current point, the
// descent direction -grad J and the least-squares optimum; a gradient-descent step button.
//
// anywidget view: render({model, el}). Model state: "settings" (w, b, eta), set by the view;
// "result" (lossbook.live.line_fit_result), read by the view.
//
// Test hooks (data-testid, inside el): line (root, data-settings-now), slider-w, slider-b,
// slider-eta (+ value-*), preset-source-2-1, preset-source-0-0, step (one gradient-descent step),
// line-plot (role=img, data-version), line-J, line-S, line-gw, line-gb (4 decimals),
// line-error, announce.
import { el, plotBox, described, usable, connect, num, fmtf, figureRoot, slider, button, announcer, Panel, legend, contourPath, presetButtons } from "./common.js";
import { RANGES, PRESETS } from "./line_model.js";

const PRESET_LABELS = { "source-2-1": "source text 2: w = 2, b = 1", "source-0-0": "source text 2: w = 0, b = 0" };

export function render({ model, el: host }) {
  const root = figureRoot(host, "line", "Fitting a line: the loss and its gradient");
  const controls = el("div", { class: "lossbook-controls" }, root);
  const set = (patch) => { model.set("settings", Object.assign({}, model.get("settings"), patch)); model.save_changes(); };
  const inputs = {
    w: slider(controls, { key: "w", label: "slope w", min: RANGES.w[0], max: RANGES.w[1], step: RANGES.w[2], value: 0, show: (v) => fmtf(v, 2), onInput: (v) => set({ w: v }) }),
    b: slider(controls, { key: "b", label: "intercept b", min: RANGES.b[0], max: RANGES.b[1], step: RANGES.b[2], value: 0, show: (v) => fmtf(v, 2), onInput: (v) => set({ b: v }) }),
    eta: slider(controls, { key: "eta", label: "learning rate \u03b7 (for a step)", min: RANGES.eta[0], max: RANGES.eta[1], step: RANGES.eta[2], value: 0, show: (v) => fmtf(v, 2), onInput: (v) => set({ eta: v }) }),
  };
  const buttons = presetButtons(root, model, PRESETS, PRESET_LABELS, "presets and steps");
  button(buttons, "one gradient-descent step", "step", () => {
    const r = model.get("result");
    if (!r || r.error) return;
    const w = num(r.next.w), b = num(r.next.b);
    if (!(w >= RANGES.w[0] && w <= RANGES.w[1] && b >= RANGES.b[0] && b <= RANGES.b[1])) {
      error.textContent = "That step would leave the plotted range: the learning rate is too large (J's curvature allows \u03b7 < 1).";
      return;
    }
    set({ w, b });
  });

  const fig = plotBox(root, "line");
  const data = new Panel(fig, { w: 260, h: 200, title: "the points and the line", xlabel: "x", ylabel: "y" });
  const surf = new Panel(fig, { w: 260, h: 200, title: "J over (w, b)", xlabel: "slope w", ylabel: "intercept b" });
  legend(root, [{ color: "var(--lb-c-mse)", label: "residuals w x + b \u2212 y" }, { color: "var(--lb-fg)", label: "the line and its (w, b)" },
    { color: "var(--lb-t-target)", label: "contours of J, \u2212\u2207J arrow" }]);
  data.setLimits(-3, 3, -5, 7, { xticks: [-2, -1, 0, 1, 2], yticks: [-4, -2, 0, 2, 4, 6] });
  const resid = data.layer.appendChild(el("path", { stroke: "var(--lb-c-mse)", "stroke-width": 1.6, fill: "none" }, null, true));
  // no cross-entropy here (the loss is MSE): the line is drawn in the text colour, not CE blue
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
    if (drawnGrid !== gridKey) {   // the surface is the same for every setting: draw it once
      surf.setLimits(r.grid_w[0], r.grid_w[r.grid_w.length - 1], r.grid_b[0], r.grid_b[r.grid_b.length - 1]);
      contours.setAttribute("d", r.levels.map((lv) => contourPath(surf, r.grid_w, r.grid_b, r.grid_J, lv)).join(""));
      opt.setAttribute("cx", surf.px(r.optimum.w).toFixed(1)); opt.setAttribute("cy", surf.py(r.optimum.b).toFixed(1));
      drawnGrid = gridKey;
    }
    const hx = surf.px(s.w), hy = surf.py(s.b);
    here.setAttribute("cx", hx.toFixed(1)); here.setAttribute("cy", hy.toFixed(1));
    // -grad J, drawn at 0.6 parameter units per unit of gradient (at most 1.5 units long)
    const gw = num(r.grad.w), gb = num(r.grad.b), g = Math.hypot(gw, gb), sc = g > 0 ? Math.min(0.6, 1.5 / g) : 0;
    const ex = surf.px(s.w - sc * gw), ey = surf.py(s.b - sc * gb), ang = Math.atan2(ey - hy, ex - hx);
    const head = (a) => `L${(ex - 6 * Math.cos(ang + a)).toFixed(1)},${(ey - 6 * Math.sin(ang + a)).toFixed(1)}`;
    arrow.setAttribute("d", g > 1e-12 ? `M${hx.toFixed(1)},${hy.toFixed(1)}L${ex.toFixed(1)},${ey.toFixed(1)}${head(0.45)}M${ex.toFixed(1)},${ey.toFixed(1)}${head(-0.45)}` : "");
    values.innerHTML = `The book's loss J = <span class="lb-t-mse">1/(2N) \u03a3(wx + b \u2212 y)\u00b2 = <b data-testid="line-J">${fmtf(r.J, 4)}</b></span>; ` +
      `the source text's plain sum \u03a3(wx + b \u2212 y)\u00b2 = <b data-testid="line-S">${fmtf(r.S, 4)}</b>. ` +
      `Gradient: \u2202J/\u2202w = <b data-testid="line-gw">${fmtf(r.grad.w, 4)}</b>, \u2202J/\u2202b = <b data-testid="line-gb">${fmtf(r.grad.b, 4)}</b>. ` +
      `Least squares: w = ${fmtf(r.optimum.w, 2)}, b = ${fmtf(r.optimum.b, 2)}, J = ${fmtf(r.optimum.J, 4)}.`;
    const words = `At w = ${fmtf(s.w, 2)}, b = ${fmtf(s.b, 2)}: J = ${fmtf(r.J, 4)}, sum of squares ${fmtf(r.S, 4)}, ` +
      `gradient ${fmtf(r.grad.w, 4)} in w and ${fmtf(r.grad.b, 4)} in b.`;
    described(fig, say, "The five points with the line and its residuals, and the contours of J over w and b with the current point. ", words);
  }

  return connect(model, syncInputs, draw);
}

export default { render };
