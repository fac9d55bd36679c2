// lossbook/web/src/softmax.js: the view of the softmax explorer (chapter 4): logits z_1..z_K, a
// temperature T and the true class; bars of the output a = softmax(z / T) against the one-hot
// target y; cross-entropy and MSE; and the gradient at each logit under both: (a - y)/T for
// cross-entropy, J^T (a - y)/T (with its cross terms) for MSE.
//
// anywidget view: render({model, el}). Model state: "settings" (K, z [5 logits], T, target),
// set by the view; "result" (lossbook.live.softmax_result), read by the view.
//
// Test hooks (data-testid, inside el): softmax (root, data-settings-now), slider-z1 ... slider-z5
// (only the first K shown), slider-T (+ value-*), select-K, select-target (class 1..K),
// preset-source-4-even, preset-source-4-uneven, preset-confident-wrong, softmax-plot (role=img,
// data-version), sm-ce, sm-mse, and per class i = 1..K: sm-a-i, sm-gce-i, sm-gmse-i (4 decimals),
// softmax-error, announce.
import { el, plotBox, described, usable, connect, num, fmtf, figureRoot, slider, select, announcer, Panel, legend, presetButtons } from "./common.js";
import { RANGES, PRESETS } from "./softmax_model.js";

const PRESET_LABELS = { "source-4-even": "source text 4: a = [0.8, 0.1, 0.1]",
  "source-4-uneven": "source text 4: a = [0.8, 0.15, 0.05]", "confident-wrong": "confident and wrong" };

export function render({ model, el: host }) {
  const root = figureRoot(host, "softmax", "Softmax, cross-entropy and MSE, and their gradients at the logits");
  const controls = el("div", { class: "lossbook-controls" }, root);
  const set = (patch) => { model.set("settings", Object.assign({}, model.get("settings"), patch)); model.save_changes(); };
  const zs = [];
  for (let i = 0; i < 5; i++) {
    zs.push(slider(controls, { key: "z" + (i + 1), label: `logit z${"\u2081\u2082\u2083\u2084\u2085"[i]} of class ${i + 1}`, min: RANGES.z[0], max: RANGES.z[1], step: RANGES.z[2],
      value: 0, show: (v) => fmtf(v, 2), onInput: (v) => { const z = model.get("settings").z.slice(); z[i] = v; set({ z }); } }));
  }
  const T = slider(controls, { key: "T", label: "temperature T", min: RANGES.T[0], max: RANGES.T[1], step: RANGES.T[2], value: 1,
    show: (v) => fmtf(v, 2), onInput: (v) => set({ T: v }) });
  const K = select(controls, { key: "K", label: "number of classes K", value: 3, options: [[3, "3"], [4, "4"], [5, "5"]],
    onInput: (v) => { const s = model.get("settings"); set({ K: Number(v), target: Math.min(s.target, Number(v)) }); } });
  const target = select(controls, { key: "target", label: "true class", value: 1, options: [1, 2, 3, 4, 5].map((i) => [i, "class " + i]),
    onInput: (v) => set({ target: Number(v) }) });
  presetButtons(root, model, PRESETS, PRESET_LABELS);

  const fig = plotBox(root, "softmax");
  const pa = new Panel(fig, { w: 250, h: 190, title: "output a and target y", xlabel: "class", ylabel: "probability" });
  const pg = new Panel(fig, { w: 250, h: 190, title: "gradient \u2202L/\u2202z at each logit", xlabel: "class" });
  legend(root, [{ color: "var(--lb-c-neutral)", label: "a = softmax(z/T)" }, { color: "var(--lb-t-target)", label: "target y (outline)" },
    { color: "var(--lb-c-ce)", label: "cross-entropy (a \u2212 y)/T" }, { color: "var(--lb-c-mse)", label: "MSE J\u1d40(a \u2212 y)/T" }]);
  const bars = { a: [], y: [], gce: [], gmse: [] };
  for (let i = 0; i < 5; i++) {
    // the light blue fill is 2.3:1 on white: the outline in the text colour carries the 3:1 (WCAG 1.4.11)
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
    s.z.forEach((v, i) => { zs[i].set(v); zs[i].input.parentElement.style.display = i < s.K ? "" : "none"; });
    T.set(s.T); K.value = String(s.K); target.value = String(s.target);
    for (const o of target.options) o.disabled = o.hidden = Number(o.value) > s.K;
    root.setAttribute("data-settings-now", JSON.stringify(s));
  }

  function rect(r, p, x0, x1, v0, v1) {
    const ya = p.py(v0), yb = p.py(v1);
    r.setAttribute("x", p.px(x0).toFixed(1)); r.setAttribute("width", (p.px(x1) - p.px(x0)).toFixed(1));
    r.setAttribute("y", Math.min(ya, yb).toFixed(1)); r.setAttribute("height", Math.abs(ya - yb).toFixed(1));
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
      rows += `<tr><th scope="row">class ${i + 1}${i + 1 === s.target ? " (true)" : ""}</th><td data-testid="sm-a-${i + 1}">${fmtf(r.a[i], 4)}</td>` +
        `<td class="lb-t-ce" data-testid="sm-gce-${i + 1}">${fmtf(r.grad_ce[i], 4)}</td><td class="lb-t-mse" data-testid="sm-gmse-${i + 1}">${fmtf(r.grad_mse[i], 4)}</td>` +
        `<td>${fmtf(r.grad_mse_diag[i], 4)}</td><td>${fmtf(r.grad_mse_cross[i], 4)}</td></tr>`;
    }
    values.innerHTML = `<p>Cross-entropy <span class="lb-t-ce">\u2212log a<sub>${s.target}</sub> = <b data-testid="sm-ce">${fmtf(r.ce, 4)}</b></span>; ` +
      `MSE <span class="lb-t-mse">\u00bd\u2016a \u2212 y\u2016\u00b2 = <b data-testid="sm-mse">${fmtf(r.mse, 4)}</b></span>.</p>` +
      `<div class="lossbook-scrollbox" tabindex="0" role="region" aria-label="the gradient at each logit, a table"><table><tr><th></th><th scope="col">a</th><th scope="col">\u2202CE/\u2202z</th><th scope="col">\u2202MSE/\u2202z</th>` +
      `<th scope="col">MSE: own term</th><th scope="col">MSE: cross terms</th></tr>${rows}</table></div>`;
    const words = `Output a = ${r.a.map((v) => fmtf(v, 4)).join(", ")} for true class ${s.target}: cross-entropy ${fmtf(r.ce, 4)}, MSE ${fmtf(r.mse, 4)}. ` +
      `Gradient at the true logit: cross-entropy ${fmtf(r.grad_ce[s.target - 1], 4)}, MSE ${fmtf(r.grad_mse[s.target - 1], 4)}.`;
    described(fig, say, "Bars of the softmax output against the target, and of the gradient at each logit under cross-entropy and MSE. ", words);
  }

  return connect(model, syncInputs, draw);
}

export default { render };
