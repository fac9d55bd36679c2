// lossbook/web/src/kl_model.js: the KL explorer's numbers, the JavaScript twin of
// lossbook.live.kl_result (which uses lossbook.losses: entropy, cross_entropy_pq, kl_divergence),
// operation for operation with 0 log 0 = 0, equal to Python's to 1e-9 (tests/test_web_twin.py).
// Pure: no DOM.

export const BASES = { nats: null, bits: 2.0, bans: 10.0 };
export const DEFAULTS = { p: 0.9, q: 0.1, base: "nats" };
export const RANGES = { p: [0, 1, 0.01], q: [0.01, 0.99, 0.01] };

function xlogy(x, y) { return x > 0 ? x * Math.log(y) : 0.0; } // 0 log y = 0
function factor(base) {
  const b = BASES[base];
  if (b === undefined) throw new Error("base must be nats, bits or bans, got " + base);
  return b === null ? 1.0 : Math.log(b);
}
export function entropy(P, base) { return -(xlogy(P[0], P[0]) + xlogy(P[1], P[1])) / factor(base); }
export function crossEntropy(P, Q, base) { return -(xlogy(P[0], Q[0]) + xlogy(P[1], Q[1])) / factor(base); }
export function klDivergence(P, Q, base) {
  return ((xlogy(P[0], P[0]) - xlogy(P[0], Q[0])) + (xlogy(P[1], P[1]) - xlogy(P[1], Q[1]))) / factor(base);
}

// H(p), H(p, q), KL(p||q), KL(q||p) of the coins (p, 1 - p) and (q, 1 - q).
export function klNumbers(p, q, base = "nats") {
  const P = [p, 1.0 - p], Q = [q, 1.0 - q];
  return { hp: entropy(P, base) + 0.0, hpq: crossEntropy(P, Q, base) + 0.0,
    kl_pq: klDivergence(P, Q, base) + 0.0, kl_qp: klDivergence(Q, P, base) + 0.0 };
}

// numpy.linspace(0.005, 0.995, 199): the q grid of the curves (lossbook.live.KL_GRID).
export const GRID = (() => {
  const n = 199, start = 0.005, stop = 0.995, step = (stop - start) / (n - 1), g = [];
  for (let i = 0; i < n; i++) g.push(i * step + start);
  g[n - 1] = stop;
  return g;
})();

export function klCurves(p, base) {
  const out = { hpq: [], kl_pq: [], kl_qp: [] }, P = [p, 1.0 - p];
  for (const g of GRID) {
    const Q = [g, 1.0 - g];
    out.hpq.push(crossEntropy(P, Q, base));
    out.kl_pq.push(klDivergence(P, Q, base));
    out.kl_qp.push(klDivergence(Q, P, base));
  }
  return out;
}

// What the KL figure shows: lossbook.live.kl_result.
export function klResult(s) {
  try {
    for (const k in RANGES) {
      const v = s[k];
      if (typeof v !== "number" || !(v >= RANGES[k][0] && v <= RANGES[k][1])) throw new Error(`${k} must lie in [${RANGES[k][0]}, ${RANGES[k][1]}], got ${v}`);
    }
    factor(s.base);
    return { error: "", numbers: klNumbers(s.p, s.q, s.base), q: GRID, curves: klCurves(s.p, s.base) };
  } catch (e) {
    return { error: e.message, numbers: null, q: GRID, curves: null };
  }
}
