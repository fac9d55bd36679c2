// lossbook/web/src/race.js: the view of the neuron race (chapter 2): one sigmoid neuron trained
// under MSE and under cross-entropy from the same start; output a, loss L and weight w against
// the iteration, and how many updates each loss needs under the same stop rule.
//
// anywidget view: render({model, el}). Model state: "settings" (w0, b0, x, y, eta, tol,
// max_steps, learn_bias), set by the view; "result" (lossbook.live.race_result of the settings,
// from the kernel in JupyterLab, from race_model.js on the site), read by the view.
//
// Test hooks (data-testid, inside el): race (root, data-settings-now = settings in use),
// slider-<key> and value-<key> for w0 b0 x y eta tol max_steps (tol's slider is log10 tol) and
// t (the iteration shown), toggle-learn_bias, preset-<name>, play, step, reset, race-plot
// (role=img; data-version increases on each redraw), count-mse, count-ce, count-ce-excess
// (updates, or "none"), race-state, race-error, announce (the live region).
import { el, plotBox, described, usable, connect, fmtg, fmtf, figureRoot, slider, checkbox, button, announcer, Panel, legend, presetButtons } from "./common.js";
import { RANGES, PRESETS } from "./race_model.js";

const PRESET_LABELS = { source: "source text 2: w = ln 9", "slowdown-0.6-0.9": "Nielsen's demo: w = 0.6, b = 0.9",
  "slowdown-2-2": "Nielsen's demo: w = 2, b = 2" };
const SLIDERS = [
  ["w0", "starting weight w\u2080", (v) => fmtf(v, 2)],
  ["b0", "starting bias b\u2080", (v) => fmtf(v, 2)],
  ["x", "input x", (v) => fmtf(v, 2)],
  ["y", "target y", (v) => fmtf(v, 2)],
  ["eta", "learning rate \u03b7", (v) => fmtf(v, 2)],
  ["tol", "stop when \u00bd(a \u2212 y)\u00b2 is below", (v) => String(Number((10 ** v).toPrecision(2)))],
  ["max_steps", "at most this many updates", (v) => String(v)],
];

export function render({ model, el: host }) {
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
  legend(root, [{ color: "var(--lb-c-mse)", label: "MSE" }, { color: "var(--lb-c-ce)", label: "cross-entropy" },
    { color: "var(--lb-t-target)", label: "target y", dash: "2,2" }, { color: "var(--lb-c-entropy)", label: "floor H(y) of cross-entropy", dash: "5,3" },
    { color: "var(--lb-t-target)", label: "bias b (dashed, when learned)", dash: "5,3" }]);
  const P = {
    a: new Panel(fig, { title: "output a", xlabel: "iteration t" }),
    loss: new Panel(fig, { title: "loss L", xlabel: "iteration t" }),
    w: new Panel(fig, { title: "weight w (bias b dashed)", xlabel: "iteration t" }),
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
  const playBtn = button(player, "\u25b6 play", "play", () => togglePlay());
  button(player, "step +1", "step", () => { stop(); setT(t >= end ? 0 : t + 1); });
  button(player, "show all", "reset", () => { stop(); setT(end); });
  const tSlider = slider(player, { key: "t", label: "iteration shown t", min: 0, max: 1, step: 1, value: 0,
    show: (v) => String(v), onInput: (v) => { stop(); setT(v); } });
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
    const n = (k) => (r.runs[k].steps === null ? `not within ${s.max_steps} updates` : `${r.runs[k].steps} updates`);
    return `To \u00bd(a \u2212 y)\u00b2 below ${fmtg(s.tol)}: MSE needs ${n("mse")}, cross-entropy ${n("ce")}. ` +
      `Cross-entropy's excess over its floor falls below it after ${n("ce-excess")}.`;
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
        lo = Math.min(lo, run.w[i]); hi = Math.max(hi, run.w[i]);
        if (s.learn_bias) { lo = Math.min(lo, run.b[i]); hi = Math.max(hi, run.b[i]); }
      }
    }
    const pad = hi > lo ? 0.08 * (hi - lo) : 0.5;
    P.a.setLimits(0, xhi, -0.02, 1.02, { yticks: [0, 0.25, 0.5, 0.75, 1] });
    P.loss.setLimits(0, xhi, 0, top > 0 ? 1.08 * top : 1);
    P.w.setLimits(0, xhi, lo - pad, hi + pad);
    P.a.hline(target, s.y);
    P.loss.hline(floor, res.floor);
    const c = (k) => { const v = res.runs[k].steps; return `<b data-testid="count-${k}">${v === null ? "none" : v}</b>`; };
    counts.innerHTML = `Updates until \u00bd(a \u2212 y)\u00b2 &lt; ${fmtg(s.tol)}: ` +
      `<span class="lb-t-mse">MSE ${c("mse")}</span>, <span class="lb-t-ce">cross-entropy ${c("ce")}</span>. ` +
      `Cross-entropy until its excess over the floor, KL(y\u2016a), &lt; ${fmtg(s.tol)}: <span class="lb-t-kl">${c("ce-excess")}</span>. ` +
      `(none = not within ${s.max_steps} updates)`;
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
      rows += `<tr class="lb-t-${k}"><th scope="row">${k === "mse" ? "MSE" : "cross-entropy"}</th><td>${i}</td>` +
        `<td>${fmtf(run.a[i], 4)}</td><td>${fmtf(run.loss[i], 4)}</td><td>${fmtg(run.delta[i] * s.x)}</td><td>${fmtg(run.delta[i])}</td></tr>`;
    }
    for (const p in P) P[p].vline(cursors[p], t);
    state.innerHTML = "<table><tr><th></th><th scope=\"col\">t</th><th scope=\"col\">a</th><th scope=\"col\">L</th>" +
      "<th scope=\"col\">\u2202L/\u2202w</th><th scope=\"col\">\u2202L/\u2202b</th></tr>" + rows + "</table>";
    fig.setAttribute("data-version", String(Number(fig.getAttribute("data-version")) + 1));
  }

  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    playBtn.textContent = "\u25b6 play";
  }
  // Play: from t = 0 to the end in about 4 seconds.
  function togglePlay() {
    if (timer !== null) { stop(); return; }
    if (t >= end) setT(0);
    const per = Math.max(1, Math.ceil(end / 120));
    playBtn.textContent = "\u275a\u275a pause";
    timer = setInterval(() => { const n = Math.min(end, t + per); setT(n); if (n >= end) stop(); }, 33);
  }

  return connect(model, syncInputs, draw, stop);
}

export default { render };
