// lossbook/web/src/stability_model.js: the stability explorer's numbers (chapter 5), the
// JavaScript twin of lossbook.live.stability_result. Float32 is emulated by rounding every
// operation's result with Math.fround (exact for + - * /, which float64 rounds correctly before
// the second rounding; exp, log and log1p may differ from numpy's float32 functions by a unit
// in the last place, so tests compare float32 values in ulps). Pure: no DOM.

export const DEFAULTS = { z: 100.0, y: 0, pos_weight: 1.0, smoothing: 0.0 };
export const RANGES = { z: [-1000, 1000, 0], y: [0, 1, 1], pos_weight: [0.1, 10, 0.1], smoothing: [0, 0.5, 0.01] };
export const PRESETS = {
  "overflow-float32": { z: 100.0, y: 0, pos_weight: 1.0, smoothing: 0.0 },
  "underflow-log": { z: -1000.0, y: 1, pos_weight: 1.0, smoothing: 0.0 },
  fine: { z: 2.0, y: 1, pos_weight: 1.0, smoothing: 0.0 },
};
export const GRID_U = Array.from({ length: 121 }, (_, i) => Number((-3 + 0.05 * i).toFixed(10)));
export const zOfU = (u) => (u === 0 ? 0.0 : Math.sign(u) * 10 ** Math.abs(u));
const ROUND = { float32: Math.fround, float64: (v) => v };

function binary(z, y, beta, R) {
  const one = R(1.0), zt = R(z), yt = R(y), bt = R(beta);
  const e = R(Math.exp(-zt));
  const a = R(one / R(one + e));
  const logA = R(Math.log(a)), log1mA = R(Math.log(R(one - a)));
  const naive = -R(R(R(bt * yt) * logA) + R(R(one - yt) * log1mA));
  const softplus = (v) => R(Math.max(v, R(0.0)) + R(Math.log1p(R(Math.exp(-Math.abs(v))))));
  const sigmoid = (v) => {
    if (v >= 0) return R(one / R(one + R(Math.exp(-v))));
    const ev = R(Math.exp(v));
    return R(ev / R(one + ev));
  };
  const spPos = softplus(zt), spNeg = softplus(-zt);
  const stable = R(R(R(one - yt) * spPos) + R(R(bt * yt) * spNeg));
  const grad = R(R(R(one - yt) * sigmoid(zt)) - R(R(bt * yt) * sigmoid(-zt)));
  return { naive: { e, a, log_a: logA, log_1ma: log1mA, loss: naive },
    stable: { softplus_z: spPos, softplus_neg_z: spNeg, loss: stable, grad } };
}

function softmax3(z, eps, R) {
  const zt = R(z), one = R(1.0), third = R(R(eps) / R(3.0));
  const u = [zt, R(0.0), -zt];
  const y = [R(R(one - R(eps)) + third), third, third];
  const ex = u.map((v) => R(Math.exp(v)));
  const total = R(R(ex[0] + ex[1]) + ex[2]);
  const a = ex.map((v) => R(v / total));
  const t = a.map((v, i) => R(y[i] * R(Math.log(v))));
  const naive = -R(R(t[0] + t[1]) + t[2]);
  const m = Math.max(...u);
  const lse = R(m + R(Math.log(R(R(R(Math.exp(R(u[0] - m))) + R(Math.exp(R(u[1] - m)))) + R(Math.exp(R(u[2] - m)))))));
  const s = u.map((v, i) => R(y[i] * R(v - lse)));
  const stable = -R(R(s[0] + s[1]) + s[2]);
  return { naive: { exp: ex, sum: total, a, loss: naive }, stable: { logsumexp: lse, loss: stable } };
}

// The curves over z do not depend on z: computed once per (y, pos_weight, smoothing, dtype).
const curveCache = new Map();
function curvesOf(y, beta, eps, name) {
  const key = [y, beta, eps, name].join("|");
  let c = curveCache.get(key);
  if (c) return c;
  const R = ROUND[name];
  c = { binary_naive: [], binary_stable: [], softmax_naive: [], softmax_stable: [] };
  for (const u of GRID_U) {
    const g = zOfU(u), b = binary(g, y, beta, R), sm = softmax3(g, eps, R);
    c.binary_naive.push(b.naive.loss); c.binary_stable.push(b.stable.loss);
    c.softmax_naive.push(sm.naive.loss); c.softmax_stable.push(sm.stable.loss);
  }
  if (curveCache.size > 64) curveCache.clear();
  curveCache.set(key, c);
  return c;
}

export function stabilityResult(s) {
  try {
    for (const k of ["z", "pos_weight", "smoothing"]) {
      const v = s[k];
      if (typeof v !== "number" || !(v >= RANGES[k][0] && v <= RANGES[k][1])) throw new Error(`${k} must lie in [${RANGES[k][0]}, ${RANGES[k][1]}], got ${v}`);
    }
    if (s.y !== 0 && s.y !== 1) throw new Error(`y must be 0 or 1, got ${s.y}`);
    const z = s.z, eps = s.smoothing, beta = s.pos_weight, y = s.y * (1.0 - eps) + 0.5 * eps;
    const grid = GRID_U.map(zOfU);
    const out = { error: "", z, y_smooth: y, cases: {}, curves: {}, grid_z: grid };
    for (const name of ["float32", "float64"]) {
      const R = ROUND[name];
      out.cases[name] = { binary: binary(z, y, beta, R), softmax: softmax3(z, eps, R) };
      out.curves[name] = curvesOf(y, beta, eps, name);
    }
    return out;
  } catch (e) {
    return { error: e.message };
  }
}
