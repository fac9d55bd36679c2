// lossbook/web/src/digits.js: the view of the digits figure (chapter 4): softmax regression on
// scikit-learn's handwritten digits, trained full-batch under MSE and under cross-entropy from
// the same start, each at its own learning rate; the training loss and the accuracies against
// the epoch, and the final accuracies.
//
// anywidget view: render({model, el}). Model state: "settings" (lr_mse, lr_ce, scale, epochs,
// trial), set by the view; "result" (lossbook.live.digits_result: per loss the training loss J
// and the train and test accuracy at every epoch; "done" false while a run streams in on the
// site), read by the view.
//
// Test hooks (data-testid, inside el): digits (root, data-settings-now), slider-<key> and
// value-<key> for lr_mse lr_ce (log10 sliders) scale epochs trial, preset-<name>, digits-plot
// (role=img; data-version increases on each redraw; data-done "1" when both runs are complete),
// digits-status, digits-mse-test, digits-ce-test, digits-mse-train, digits-ce-train (3 decimals),
// digits-error, announce.
import { el, num, fmtg, fmtf, figureRoot, slider, announcer, Panel, legend, plotBox, usable, described, connect, presetButtons } from "./common.js";
import { RANGES, PRESETS, LOSSES } from "./digits_model.js";

const NAMES = { mse: "MSE", ce: "cross-entropy" };
const PRESET_LABELS = { standard: "standard start, each loss at its tuned rate",
  saturated: "saturated start (scale 1), rate 10 for both", shared: "standard start, one shared rate 0.5" };
const rate = (v) => Number((10 ** v).toPrecision(3));
const SLIDERS = [
  ["lr_mse", "learning rate for MSE", (v) => fmtg(rate(v), 3)],
  ["lr_ce", "learning rate for cross-entropy", (v) => fmtg(rate(v), 3)],
  ["scale", "initial weights: standard deviation", (v) => fmtf(v, 2)],
  ["epochs", "epochs (full-batch updates)", (v) => String(v)],
  ["trial", "trial (another data split and start)", (v) => String(v)],
];
const LOG = new Set(["lr_mse", "lr_ce"]);

export function render({ model, el: host }) {
  const root = figureRoot(host, "digits", "Digits trained in your browser: MSE against cross-entropy");
  const controls = el("div", { class: "lossbook-controls" }, root);
  const inputs = {};
  const setKey = (k, v) => {
    const s = Object.assign({}, model.get("settings"));
    s[k] = LOG.has(k) ? rate(v) : v;
    model.set("settings", s);
    model.save_changes();
  };
  for (const [k, label, show] of SLIDERS) {
    const [min, max, step] = RANGES[k];
    inputs[k] = slider(controls, { key: k, label, min, max, step, value: 0, show, onInput: (v) => setKey(k, v) });
  }
  presetButtons(root, model, PRESETS, PRESET_LABELS);

  const fig = plotBox(root, "digits");
  fig.classList.add("lossbook-wide");
  legend(root, [{ color: "var(--lb-c-mse)", label: "MSE" }, { color: "var(--lb-c-ce)", label: "cross-entropy" },
    { color: "var(--lb-t-target)", label: "test accuracy (solid), training accuracy (dashed)", dash: "5,3" }]);
  const P = {
    loss: new Panel(fig, { w: 300, h: 180, title: "training loss J (each in its own units)", xlabel: "epoch" }),
    acc: new Panel(fig, { w: 300, h: 180, title: "accuracy", xlabel: "epoch" }),
  };
  const lines = {};
  for (const k of LOSSES) {
    lines["loss" + k] = P.loss.polyline({ stroke: `var(--lb-c-${k})`, "stroke-width": 1.8 });
    lines["test" + k] = P.acc.polyline({ stroke: `var(--lb-c-${k})`, "stroke-width": 1.8 });
    lines["train" + k] = P.acc.polyline({ stroke: `var(--lb-c-${k})`, "stroke-width": 1.2, "stroke-dasharray": "5,3" });
  }
  const status = el("p", { class: "lossbook-readout", "data-testid": "digits-status" }, root);
  const readout = el("p", { class: "lossbook-readout", "data-testid": "digits-values" }, root);
  const error = el("p", { class: "lossbook-error", "data-testid": "digits-error", role: "alert" }, root);
  const say = announcer(root);

  function syncInputs() {
    const s = model.get("settings");
    for (const [k] of SLIDERS) inputs[k].set(LOG.has(k) ? Math.round(Math.log10(s[k]) * 10) / 10 : s[k]);
    root.setAttribute("data-settings-now", JSON.stringify(s));
  }

  function draw() {
    const s = model.get("settings"), r = model.get("result");
    if (!usable(r, error)) return;
    const E = s.epochs;
    fig.setAttribute("data-done", r.done ? "1" : "0");
    if (!r.runs) {
      status.textContent = "Loading the digits and training\u2026";
      for (const k in lines) lines[k].setAttribute("points", "");
      described(fig, null, "Training loss and accuracy against the epoch for both losses.",
        "Not trained yet.");
      return;
    }
    const n = r.epoch.length;
    // Loss panel: log10 of J, so both losses' falls show whatever their scale.
    const logs = {};
    let lo = Infinity, hi = -Infinity;
    for (const k of LOSSES) {
      logs[k] = r.runs[k].loss.slice(0, n).map((v) => Math.log10(num(v)));
      for (const v of logs[k]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
    if (!(hi > lo)) { lo = Number.isFinite(lo) ? lo - 1 : -3; hi = lo + 2; }
    const ylo = Math.floor(lo), yhi = Math.ceil(hi);
    const yt = []; for (let e = ylo; e <= yhi; e++) yt.push(e);
    P.loss.setLimits(0, E, ylo, yhi, { yticks: yt, yfmt: (e) => fmtg(10 ** e) });
    P.acc.setLimits(0, E, 0, 1, { yticks: [0, 0.25, 0.5, 0.75, 1] });
    for (const k of LOSSES) {
      lines["loss" + k].setAttribute("points", P.loss.points(r.epoch, logs[k], n));
      lines["test" + k].setAttribute("points", P.acc.points(r.epoch, r.runs[k].test_accuracy, n));
      lines["train" + k].setAttribute("points", P.acc.points(r.epoch, r.runs[k].train_accuracy, n));
    }
    const last = n - 1;
    const at = (k, key) => fmtf(num(r.runs[k][key][last]), 3);
    status.textContent = r.done ? `Trained: ${E} epochs of full-batch gradient descent.` : `Training: epoch ${last} of ${E}\u2026`;
    readout.innerHTML = LOSSES.map((k) => `<span class="lb-t-${k}">${NAMES[k]}</span> (rate ${fmtg(s["lr_" + k], 3)}): ` +
      `test accuracy <b data-testid="digits-${k}-test">${at(k, "test_accuracy")}</b>, ` +
      `training accuracy <b data-testid="digits-${k}-train">${at(k, "train_accuracy")}</b>`).join("; ") + ".";
    const words = `After ${last} of ${E} epochs from initial weights of standard deviation ${fmtf(s.scale, 2)}: ` +
      LOSSES.map((k) => `${NAMES[k]} at rate ${fmtg(s["lr_" + k], 3)} reaches test accuracy ${at(k, "test_accuracy")}`).join(", ") + ".";
    // announced once the runs are complete, not at every streamed epoch
    described(fig, r.done ? say : null, "Training loss and accuracy against the epoch for both losses.", words);
  }

  return connect(model, syncInputs, draw);
}

export default { render };
