// lossbook/web/src/line_model.js: the line fit's numbers (chapter 1), the JavaScript twin of
// lossbook.live.line_fit_result, operation for operation (tests/test_web_twin.py). Pure: no DOM.

export const X = [-2.0, -1.0, 0.0, 1.0, 2.0];
export const Y = [-3.0, 0.0, 0.0, 3.0, 4.0];
export const DEFAULTS = { w: 2.0, b: 1.0, eta: 0.1 };
export const RANGES = { w: [-1, 4, 0.05], b: [-2, 3, 0.05], eta: [0.01, 1.2, 0.01] };
export const PRESETS = {
  "source-2-1": { w: 2.0, b: 1.0, eta: 0.1 },
  "source-0-0": { w: 0.0, b: 0.0, eta: 0.1 },
};
export const GRID_N = 31;
export const LEVELS = [0.25, 0.5, 1.0, 2.0, 3.0, 4.5, 6.0, 8.0, 11.0];

// J = 1/(2N) sum r^2, S = sum r^2, dJ/dw, dJ/db at (w, b).
export function lineLosses(w, b) {
  const n = X.length;
  let s = 0.0, gw = 0.0, gb = 0.0;
  for (let i = 0; i < n; i++) {
    const r = w * X[i] + b - Y[i];
    s += r * r; gw += r * X[i]; gb += r;
  }
  return [s / (2 * n), s, gw / n, gb / n];
}

const sum = (a) => a.reduce((t, v) => t + v, 0);

export function lineFitResult(st) {
  try {
    for (const k in RANGES) {
      const v = st[k];
      if (typeof v !== "number" || !(v >= RANGES[k][0] && v <= RANGES[k][1])) throw new Error(`${k} must lie in [${RANGES[k][0]}, ${RANGES[k][1]}], got ${v}`);
    }
    const { w, b, eta } = st, n = X.length;
    const [J, S, gw, gb] = lineLosses(w, b);
    const mx = sum(X) / n, my = sum(Y) / n;
    let sxy = 0, sxx = 0;
    for (let i = 0; i < n; i++) { sxy += (X[i] - mx) * (Y[i] - my); sxx += (X[i] - mx) * (X[i] - mx); }
    const ws = sxy / sxx, bs = my - ws * mx;
    const [Js, Ss] = lineLosses(ws, bs);
    const [wlo, whi] = RANGES.w, [blo, bhi] = RANGES.b, k = GRID_N - 1;
    const gridW = [], gridB = [];
    for (let j = 0; j < GRID_N; j++) gridW.push(wlo + (whi - wlo) * j / k);
    for (let i = 0; i < GRID_N; i++) gridB.push(blo + (bhi - blo) * i / k);
    return {
      error: "", x: X.slice(), y: Y.slice(),
      pred: X.map((x) => w * x + b), resid: X.map((x, i) => w * x + b - Y[i]),
      J, S, grad: { w: gw, b: gb }, next: { w: w - eta * gw, b: b - eta * gb },
      optimum: { w: ws, b: bs, J: Js, S: Ss },
      grid_w: gridW, grid_b: gridB, grid_J: gridB.map((bv) => gridW.map((wv) => lineLosses(wv, bv)[0])),
      levels: LEVELS.slice(),
    };
  } catch (e) {
    return { error: e.message };
  }
}
