// lossbook/web/src/race_model.js: the neuron race's numbers, the JavaScript twin of
// lossbook.live.race_result (and of lossbook.neuron.train_neuron, which it mirrors operation for
// operation: the same sigmoid branches, softplus form, delta, loop order and stop rules), so
// that its results equal Python's to 1e-9 (tests/test_web_twin.py). Pure: no DOM.

export const LN9 = Math.log(9.0);
export const DEFAULTS = { w0: LN9, b0: 0.0, x: 1.0, y: 0.5, eta: 0.2, tol: 1e-3, max_steps: 1000, learn_bias: false };
// The same as lossbook.live.RACE_PRESETS (tested).
export const PRESETS = {
  source: { w0: LN9, b0: 0.0, x: 1.0, y: 0.5, eta: 0.2, tol: 1e-3, max_steps: 1000, learn_bias: false },
  "slowdown-0.6-0.9": { w0: 0.6, b0: 0.9, x: 1.0, y: 0.0, eta: 0.15, tol: 1e-3, max_steps: 4000, learn_bias: true },
  "slowdown-2-2": { w0: 2.0, b0: 2.0, x: 1.0, y: 0.0, eta: 0.15, tol: 1e-3, max_steps: 4000, learn_bias: true },
};
// [min, max, step] per setting, lossbook.live.RACE_RANGES (tested); tol's slider is log10(tol).
export const RANGES = {
  w0: [-6, 6, 0.01], b0: [-6, 6, 0.01], x: [-3, 3, 0.05], y: [0, 1, 0.01], eta: [0.01, 2, 0.01],
  tol: [-6, -1, 0.5], max_steps: [10, 5000, 10],
};

export function sigmoid(z) {
  if (z >= 0) return 1.0 / (1.0 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1.0 + e);
}
export function softplus(z) { return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z))); }
export function lossValue(loss, z, y) {
  if (loss === "mse") { const d = sigmoid(z) - y; return 0.5 * (d * d); }
  return softplus(z) - y * z;
}
export function lossFloor(loss, y) {
  if (loss === "mse" || y === 0.0 || y === 1.0) return 0.0;
  return -(y * Math.log(y) + (1.0 - y) * Math.log1p(-y));
}
export function delta(loss, a, y) { return loss === "mse" ? (a - y) * a * (1.0 - a) : a - y; }

function check(name, v, lo, hi) {
  if (typeof v !== "number" || !Number.isFinite(v)) throw new Error(`${name} must be finite, got ${v}`);
  if (lo !== undefined && v < lo) throw new Error(`${name} must be at least ${lo}, got ${v}`);
  if (hi !== undefined && v > hi) throw new Error(`${name} must be at most ${hi}, got ${v}`);
  return v;
}

// trainNeuron(loss, {w, b, x, y, eta, tol, maxSteps, learnBias, stop}) -> {steps, w, b, a, loss}:
// lossbook.neuron.train_neuron; steps is null when the stop rule never held.
export function trainNeuron(loss, o = {}) {
  let w = check("w", o.w === undefined ? LN9 : o.w);
  let b = check("b", o.b === undefined ? 0.0 : o.b);
  const x = check("x", o.x === undefined ? 1.0 : o.x);
  const y = check("y", o.y === undefined ? 0.5 : o.y, 0, 1);
  const eta = check("eta", o.eta === undefined ? 0.2 : o.eta, 0);
  const tol = check("tol", o.tol === undefined ? 1e-3 : o.tol, 0);
  const maxSteps = o.maxSteps === undefined ? 10000 : o.maxSteps;
  const stop = o.stop || "squared_error";
  if (loss !== "mse" && loss !== "ce") throw new Error("loss must be 'mse' or 'ce'");
  if (stop !== "squared_error" && stop !== "excess") throw new Error("stop must be 'squared_error' or 'excess'");
  if (eta === 0 || tol === 0) throw new Error("eta and tol must be positive");
  if (!Number.isInteger(maxSteps) || maxSteps < 0) throw new Error("max_steps must be a non-negative integer");
  const floor = lossFloor(loss, y);
  const run = { steps: null, w: [], b: [], a: [], loss: [] };
  for (let step = 0; step <= maxSteps; step++) {
    const z = w * x + b, a = sigmoid(z), value = lossValue(loss, z, y);
    run.w.push(w); run.b.push(b); run.a.push(a); run.loss.push(value);
    let gap;
    if (stop === "squared_error") { const g = a - y; gap = 0.5 * (g * g); } else gap = value - floor;
    if (gap < tol) { run.steps = step; break; }
    if (step === maxSteps) break;
    const d = delta(loss, a, y);
    w -= eta * d * x;
    if (o.learnBias) b -= eta * d;
  }
  return run;
}

// What the race figure shows for one settings object: lossbook.live.race_result.
//   {error, floor, runs: {mse: {steps, w, b, a, loss, delta}, ce: {...}, "ce-excess": {steps}}}
export function raceResult(s) {
  try {
    for (const k in RANGES) {
      const [lo, hi] = k === "tol" ? [10 ** RANGES.tol[0], 10 ** RANGES.tol[1]] : RANGES[k];
      check(k, s[k], lo, hi);
    }
    const o = { w: s.w0, b: s.b0, x: s.x, y: s.y, eta: s.eta, tol: s.tol, maxSteps: s.max_steps, learnBias: !!s.learn_bias };
    const runs = {};
    for (const k of ["mse", "ce"]) {
      const r = trainNeuron(k, o);
      r.delta = r.a.map((a) => delta(k, a, s.y));
      runs[k] = r;
    }
    runs["ce-excess"] = { steps: trainNeuron("ce", Object.assign({}, o, { stop: "excess" })).steps };
    return { error: "", floor: lossFloor("ce", s.y), runs };
  } catch (e) {
    return { error: e.message, floor: 0, runs: null };
  }
}
