// lossbook/web/src/stability.js: the view of the stability explorer (chapter 5): binary and
// softmax cross-entropy at a logit z out to +-1000, computed naively (exp, then log) and stably
// (softplus, log-sum-exp), in float32 and float64, side by side; where the naive way breaks it
// shows inf, nan or 0, and the curves over z mark the breaks. pos_weight and label smoothing
// act on the same small example.
//
// anywidget view: render({model, el}). Model state: "settings" (z, y, pos_weight, smoothing),
// set by the view; "result" (lossbook.live.stability_result), read by the view.
//
// Test hooks (data-testid, inside el): stability (root, data-settings-now), slider-zlog (the
// logit on a signed log10 scale: z = sign(u) 10^|u|), input-z (type a logit), select-y,
// slider-pos_weight, slider-smoothing (+ value-*), preset-overflow-float32,
// preset-underflow-log, preset-fine, stability-plot (role=img, data-version), and the losses
// st-bin-naive-32, st-bin-stable-32, st-bin-naive-64, st-bin-stable-64, st-sm-naive-32,
// st-sm-stable-32, st-sm-naive-64, st-sm-stable-64 (6 significant digits, or inf, nan),
// stability-error, announce.
import { el, plotBox, described, usable, connect, num, fmtg, figureRoot, slider, select, announcer, Panel, legend, newId, text, presetButtons } from "./common.js";
import { RANGES, PRESETS, zOfU } from "./stability_model.js";

const PRESET_LABELS = { "overflow-float32": "z = 100, y = 0: float32 overflows", "underflow-log": "z = \u22121000, y = 1: log 0",
  fine: "z = 2, y = 1: all agree" };
const uOfZ = (z) => (z === 0 ? 0 : Math.sign(z) * Math.log10(Math.abs(z)));
const g6 = (v) => fmtg(v, 6);
const tz = (z) => Math.sign(z) * Math.log10(1 + Math.abs(z)); // the symlog axis
const tl = (v) => Math.log10(1 + Math.max(0, v));                 // log10(1 + L)

export function render({ model, el: host }) {
  const root = figureRoot(host, "stability", "Cross-entropy computed naively and stably, in float32 and float64");
  const controls = el("div", { class: "lossbook-controls" }, root);
  const set = (patch) => { model.set("settings", Object.assign({}, model.get("settings"), patch)); model.save_changes(); };
  const zlog = slider(controls, { key: "zlog", label: "logit z (a log scale: \u00b11 to \u00b11000)", min: -3, max: 3, step: 0.05, value: 0,
    show: (u) => g6(zOfU(u)), onInput: (u) => set({ z: Number(zOfU(u).toPrecision(12)) }) });
  const zid = newId("lb-z");
  const zwrap = el("div", { class: "lossbook-slider lossbook-select" }, controls);
  text("label", { for: zid }, zwrap, "or type the logit z");
  const ztyped = el("input", { type: "number", id: zid, min: -1000, max: 1000, step: "any", "data-testid": "input-z", class: "lossbook-number" }, zwrap);
  ztyped.addEventListener("change", () => {
    const v = Number(ztyped.value);
    if (ztyped.value !== "" && Number.isFinite(v)) set({ z: Math.max(-1000, Math.min(1000, v)) });
  });
  const ysel = select(controls, { key: "y", label: "binary label y", value: 0, options: [[0, "0 (negative)"], [1, "1 (positive)"]], onInput: (v) => set({ y: Number(v) }) });
  const beta = slider(controls, { key: "pos_weight", label: "weight \u03b2 on positive examples (pos_weight)", min: RANGES.pos_weight[0], max: RANGES.pos_weight[1],
    step: RANGES.pos_weight[2], value: 1, show: (v) => v.toFixed(1), onInput: (v) => set({ pos_weight: v }) });
  const eps = slider(controls, { key: "smoothing", label: "label smoothing \u03b5", min: RANGES.smoothing[0], max: RANGES.smoothing[1],
    step: RANGES.smoothing[2], value: 0, show: (v) => v.toFixed(2), onInput: (v) => set({ smoothing: v }) });
  presetButtons(root, model, PRESETS, PRESET_LABELS);

  const fig = plotBox(root, "stability");
  const ticksZ = [-1000, -100, -10, 0, 10, 100, 1000];
  const panels = {
    binary: new Panel(fig, { w: 280, h: 190, title: "binary cross-entropy", xlabel: "logit z", ylabel: "loss" }),
    softmax: new Panel(fig, { w: 280, h: 190, title: "softmax cross-entropy of (z, 0, \u2212z)", xlabel: "logit z" }),
  };
  legend(root, [{ color: "var(--lb-c-ce)", label: "stable, float64" }, { color: "var(--lb-c-accent)", label: "naive, float64", dash: "6,3" },
    { color: "var(--lb-c-entropy)", label: "naive, float32", dash: "2,2" }, { color: "var(--lb-fg)", label: "\u25b2 inf, \u00d7 nan where the naive way breaks" }]);
  const curves = {}, marks = {}, cursor = {};
  for (const p in panels) {
    const P = panels[p];
    P.setLimits(tz(-1000), tz(1000), 0, tl(3000), { xticks: ticksZ.map(tz), xfmt: (t) => fmtg(Math.sign(t) * (10 ** Math.abs(t) - 1), 3), yticks: [0, 10, 100, 1000].map(tl),
      yfmt: (t) => fmtg(10 ** t - 1, 3) });
    cursor[p] = P.line({ stroke: "var(--lb-t-target)", "stroke-width": 0.8 });
    curves[p] = {
      stable: P.polyline({ stroke: "var(--lb-c-ce)", "stroke-width": 2 }),
      naive64: P.polyline({ stroke: "var(--lb-c-accent)", "stroke-width": 1.6, "stroke-dasharray": "6,3" }),
      naive32: P.polyline({ stroke: "var(--lb-c-entropy)", "stroke-width": 1.6, "stroke-dasharray": "2,2" }),
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
    ysel.value = String(s.y); beta.set(s.pos_weight); eps.set(s.smoothing);
    root.setAttribute("data-settings-now", JSON.stringify(s));
  }

  function draw() {
    const s = model.get("settings"), r = model.get("result");
    if (!usable(r, error)) return;
    const xs = r.grid_z.map((z) => tz(num(z)));
    const curveKey = [s.y, s.pos_weight, s.smoothing].join("|");  // the curves do not depend on z
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
          m += `<text x="${P.px(xs[i]).toFixed(1)}" y="${(P.y1 + dy).toFixed(1)}" text-anchor="middle" fill="var(--lb-t-${color})">${Number.isNaN(n) ? "\u00d7" : "\u25b2"}</text>`;
        });
      }
      marks[p].innerHTML = m;
    }
    drawnCurves = curveKey;
    const C = r.cases, b32 = C.float32.binary, b64 = C.float64.binary, s32 = C.float32.softmax, s64 = C.float64.softmax;
    const cell = (id, v) => `<td data-testid="${id}">${g6(v)}</td>`;
    const row = (name, v32, v64) => `<tr><th scope="row">${name}</th><td>${g6(v32)}</td><td>${g6(v64)}</td></tr>`;
    values.innerHTML =
      `<p>Binary cross-entropy, label y = ${s.y} (smoothed: ${g6(r.y_smooth)}), \u03b2 = ${s.pos_weight.toFixed(1)}:</p>` +
      `<div class="lossbook-scrollbox" tabindex="0" role="region" aria-label="binary cross-entropy, naive and stable"><table>` +
      `<tr><th></th><th scope="col">float32</th><th scope="col">float64</th></tr>` +
      row("naive: e = exp(\u2212z)", b32.naive.e, b64.naive.e) + row("a = 1/(1 + e)", b32.naive.a, b64.naive.a) +
      row("log a", b32.naive.log_a, b64.naive.log_a) + row("log(1 \u2212 a)", b32.naive.log_1ma, b64.naive.log_1ma) +
      `<tr><th scope="row">naive loss</th>${cell("st-bin-naive-32", b32.naive.loss)}${cell("st-bin-naive-64", b64.naive.loss)}</tr>` +
      `<tr><th scope="row" class="lb-t-ce">stable loss (softplus)</th>${cell("st-bin-stable-32", b32.stable.loss)}${cell("st-bin-stable-64", b64.stable.loss)}</tr>` +
      row("stable \u2202L/\u2202z", b32.stable.grad, b64.stable.grad) + `</table></div>` +
      `<p>Softmax cross-entropy of the logits (z, 0, \u2212z), true class 1, smoothing \u03b5 = ${s.smoothing.toFixed(2)}:</p>` +
      `<div class="lossbook-scrollbox" tabindex="0" role="region" aria-label="softmax cross-entropy, naive and stable"><table>` +
      `<tr><th></th><th scope="col">float32</th><th scope="col">float64</th></tr>` +
      row("naive: sum of exp", s32.naive.sum, s64.naive.sum) + row("a of class 1", s32.naive.a[0], s64.naive.a[0]) +
      `<tr><th scope="row">naive loss</th>${cell("st-sm-naive-32", s32.naive.loss)}${cell("st-sm-naive-64", s64.naive.loss)}</tr>` +
      `<tr><th scope="row" class="lb-t-ce">stable loss (log-sum-exp)</th>${cell("st-sm-stable-32", s32.stable.loss)}${cell("st-sm-stable-64", s64.stable.loss)}</tr>` +
      `</table></div>`;
    const words = `At z = ${g6(s.z)}: binary cross-entropy naive ${g6(b32.naive.loss)} in float32 and ${g6(b64.naive.loss)} in float64, ` +
      `stable ${g6(b64.stable.loss)}; softmax cross-entropy naive ${g6(s32.naive.loss)} in float32 and ${g6(s64.naive.loss)} in float64, stable ${g6(s64.stable.loss)}.`;
    described(fig, say, "Binary and softmax cross-entropy over the logit z, computed stably and naively in float32 and float64, with the naive breaks marked. ", words);
  }

  return connect(model, syncInputs, draw);
}

export default { render };
