// lossbook/web/src/softmax_model.js: the softmax explorer's numbers (chapter 4), the JavaScript
// twin of lossbook.live.softmax_result (softmax and log_softmax as lossbook.losses computes them:
// from u - max u), operation for operation (tests/test_web_twin.py). Pure: no DOM.

export const DEFAULTS = { K: 3, z: [2.0, 1.0, 0.1, 0.0, 0.0], T: 1.0, target: 1 };
export const RANGES = { z: [-6, 6, 0.1], T: [0.2, 5, 0.05], K: [3, 5, 1], target: [1, 5, 1] };
const SRC4_A = [0.8, 0.1, 0.1], SRC4_B = [0.8, 0.15, 0.05];
export const PRESETS = {
  "source-4-even": { K: 3, z: SRC4_A.map(Math.log).concat([0.0, 0.0]), T: 1.0, target: 1 },
  "source-4-uneven": { K: 3, z: SRC4_B.map(Math.log).concat([0.0, 0.0]), T: 1.0, target: 1 },
  "confident-wrong": { K: 3, z: [-2.0, 4.0, 0.0, 0.0, 0.0], T: 1.0, target: 1 },
};

function check(s) {
  const [lo, hi] = RANGES.z;
  if (!Array.isArray(s.z) || s.z.length !== 5 || !s.z.every((v) => typeof v === "number" && v >= lo && v <= hi)) throw new Error(`z must be 5 logits in [${lo}, ${hi}]`);
  if (!(s.T >= RANGES.T[0] && s.T <= RANGES.T[1])) throw new Error(`T must lie in [0.2, 5], got ${s.T}`);
  if (![3, 4, 5].includes(s.K)) throw new Error(`K must be 3, 4 or 5, got ${s.K}`);
  if (!Number.isInteger(s.target) || s.target < 1 || s.target > s.K) throw new Error(`target must be a class 1..K = 1..${s.K}, got ${s.target}`);
}

export function softmaxResult(s) {
  try {
    check(s);
    const K = s.K, T = s.T, k = s.target - 1;
    const u = s.z.slice(0, K).map((v) => v / T);
    const m = Math.max(...u);
    const e = u.map((v) => Math.exp(v - m));
    let sum = 0.0;
    for (const v of e) sum += v;
    const a = e.map((v) => v / sum);
    const ce = -(u[k] - (m + Math.log(sum)));
    const y = a.map((_, i) => (i === k ? 1.0 : 0.0));
    const r = a.map((v, i) => v - y[i]);
    let c = 0.0, mse = 0.0;
    for (let i = 0; i < K; i++) c += a[i] * r[i];
    for (let i = 0; i < K; i++) mse += r[i] * r[i];
    const gMse = a.map((v, i) => v * (r[i] - c) / T);
    const diag = a.map((v, i) => v * (1.0 - v) * r[i] / T);
    return { error: "", a, y, ce, mse: 0.5 * mse, grad_ce: r.map((v) => v / T), grad_mse: gMse,
      grad_mse_diag: diag, grad_mse_cross: gMse.map((g, i) => g - diag[i]) };
  } catch (e) {
    return { error: e.message };
  }
}
