// digits_model.js: the JavaScript twin of lossbook.digits (softmax regression on the digits).
//
// Pure computation, no DOM: the site's digits figure trains with it in the reader's browser,
// and tests/test_digits_twin.py checks it against the Python reference, operation for
// operation (the same mulberry32 draws, the same split, the same standardisation, the same
// full-batch gradient descent). Its docstrings are in lossbook/digits.py; here each function
// names its Python twin.
//
//   z = W x + b,  a = softmax(z),  W is K x d;  "mse": L = 1/2 ||a - y||^2,  "ce": L = -log a_c
//   delta = a - y (ce)  or  a * [(a - y) - <a, a - y>] (mse);  one epoch: W -= lr (1/N) sum delta x^T

export const N_CLASSES = 10;
export const N_FEATURES = 64;

// Mulberry32 (lossbook.digits.Mulberry32): 32 bits of state, each draw a uniform in [0, 1).
export function mulberry32(seed) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // Box-Muller, cosine branch only (Mulberry32.normal).
  const normal = () => {
    const u1 = 1.0 - random();
    const u2 = random();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  };
  return { random, normal };
}

// stratified_split: per class, Fisher-Yates on its ascending indices, the first
// floor(n_k * testFraction + 1/2) to the test set; both index lists ascending.
export function stratifiedSplit(labels, testFraction = 0.2, seed = 0) {
  const rng = mulberry32(seed);
  const isTest = new Uint8Array(labels.length);
  for (let k = 0; k < N_CLASSES; k++) {
    const idx = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === k) idx.push(i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rng.random() * (i + 1));
      const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
    }
    const nTest = Math.floor(idx.length * testFraction + 0.5);
    for (let i = 0; i < nTest; i++) isTest[idx[i]] = 1;
  }
  const train = [], test = [];
  for (let i = 0; i < labels.length; i++) (isTest[i] ? test : train).push(i);
  return { train, test };
}

// load: split, then standardise both sets with the training mean and population sd (sd 0 -> 1).
// pixels is a flat array of rows of N_FEATURES whole numbers (0..16).
export function loadData(pixels, labels, seed = 0, testFraction = 0.2) {
  const d = N_FEATURES;
  const { train, test } = stratifiedSplit(labels, testFraction, seed);
  const mean = new Float64Array(d), sd = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (const i of train) s += pixels[i * d + j];
    mean[j] = s / train.length;
    let v = 0;
    for (const i of train) { const c = pixels[i * d + j] - mean[j]; v += c * c; }
    sd[j] = Math.sqrt(v / train.length) || 1.0;
  }
  const rows = (index) => {
    const X = new Float64Array(index.length * d);
    index.forEach((i, n) => { for (let j = 0; j < d; j++) X[n * d + j] = (pixels[i * d + j] - mean[j]) / sd[j]; });
    return X;
  };
  return {
    Xtrain: rows(train), ytrain: Int32Array.from(train, (i) => labels[i]),
    Xtest: rows(test), ytest: Int32Array.from(test, (i) => labels[i]),
  };
}

// init_params: scale times K*d + K normals from one generator: W row by row, then b.
export function initParams(seed, scale, K = N_CLASSES, d = N_FEATURES) {
  const rng = mulberry32(seed);
  const W = new Float64Array(K * d), b = new Float64Array(K);
  for (let i = 0; i < K * d; i++) W[i] = scale * rng.normal();
  for (let k = 0; k < K; k++) b[k] = scale * rng.normal();
  return { W, b };
}

// One pass over a data set: logits Z (N x K), softmax A, log-sum-exp; the mean loss and the
// accuracy (right when the true class has the strictly largest logit). With grad, also the
// mean gradients dJ/dW (K x d) and dJ/db (K) (lossbook.digits.gradients).
function pass(loss, W, b, X, y, grad) {
  const K = N_CLASSES, d = N_FEATURES, N = y.length, ce = loss === "ce";
  const z = new Float64Array(K), a = new Float64Array(K), g = new Float64Array(K);
  const gW = grad ? new Float64Array(K * d) : null, gb = grad ? new Float64Array(K) : null;
  let total = 0, right = 0;
  for (let n = 0; n < N; n++) {
    const x = n * d, c = y[n];
    let m = -Infinity;
    for (let k = 0, r = 0; k < K; k++, r += d) {
      let s = 0;
      for (let j = 0; j < d; j++) s += W[r + j] * X[x + j];
      const v = s + b[k];
      z[k] = v;
      if (v > m) m = v;
    }
    let S = 0;
    for (let k = 0; k < K; k++) { const e = Math.exp(z[k] - m); a[k] = e; S += e; }
    let other = -Infinity, dot = 0, sq = 0;
    for (let k = 0; k < K; k++) {
      const ak = a[k] / S, gk = ak - (k === c ? 1 : 0);
      a[k] = ak; g[k] = gk;
      dot += ak * gk;
      sq += gk * gk;
      if (k !== c && z[k] > other) other = z[k];
    }
    total += ce ? m + Math.log(S) - z[c] : 0.5 * sq;
    if (z[c] > other) right++;
    if (grad) {
      for (let k = 0, r = 0; k < K; k++, r += d) {
        const delta = ce ? g[k] : a[k] * (g[k] - dot);
        gb[k] += delta;
        for (let j = 0; j < d; j++) gW[r + j] += delta * X[x + j];
      }
    }
  }
  if (grad) { for (let i = 0; i < K * d; i++) gW[i] /= N; for (let k = 0; k < K; k++) gb[k] /= N; }
  return { loss: total / N, accuracy: right / N, gW, gb };
}

// train: a resumable run of full-batch gradient descent from W0, b0 at rate lr.
// trainer.run(n) makes up to n more epochs and returns the records made (entry 0 is the start,
// as lossbook.digits.History); trainer.done says whether all epochs are made. Chunking lets a
// page train without blocking: run a few epochs per frame.
export function trainer(loss, lr, W0, b0, data, epochs) {
  if (loss !== "mse" && loss !== "ce") throw new Error(`loss must be 'mse' or 'ce', got ${loss}`);
  if (!(lr > 0 && Number.isFinite(lr))) throw new Error(`lr must be positive and finite, got ${lr}`);
  if (!(Number.isInteger(epochs) && epochs >= 0)) throw new Error(`epochs must be a whole number >= 0, got ${epochs}`);
  const W = Float64Array.from(W0), b = Float64Array.from(b0);
  const history = { epoch: [], loss: [], train_accuracy: [], test_accuracy: [] };
  let t = 0;
  const self = {
    history, W, b,
    get done() { return t > epochs; },
    run(n) {
      for (let i = 0; i < n && t <= epochs; i++, t++) {
        const tr = pass(loss, W, b, data.Xtrain, data.ytrain, t < epochs);
        const te = pass(loss, W, b, data.Xtest, data.ytest, false);
        history.epoch.push(t);
        history.loss.push(tr.loss);
        history.train_accuracy.push(tr.accuracy);
        history.test_accuracy.push(te.accuracy);
        if (t < epochs) {
          for (let k = 0; k < W.length; k++) W[k] -= lr * tr.gW[k];
          for (let k = 0; k < b.length; k++) b[k] -= lr * tr.gb[k];
        }
      }
      return self;
    },
  };
  return self;
}

// train: the whole run at once (lossbook.digits.train).
export function train(loss, lr, W0, b0, data, epochs) {
  return trainer(loss, lr, W0, b0, data, epochs).run(epochs + 1).history;
}

// The site ships the 1797 images as one character per pixel (0..16 as "0".."9", "a".."g") and
// one per label; decode them into a Uint8Array of pixels and an Int32Array of labels.
export function decodeDigits(pixelText, labelText) {
  const pixels = new Uint8Array(pixelText.length);
  for (let i = 0; i < pixelText.length; i++) pixels[i] = parseInt(pixelText[i], 17);
  const labels = Int32Array.from(labelText, (ch) => parseInt(ch, 10));
  if (pixels.length !== labels.length * N_FEATURES) throw new Error("digits data: pixel and label counts disagree");
  return { pixels, labels };
}

// The figure's settings, presets and slider ranges: lossbook.live.DIGITS_* (tested equal).
export const DEFAULTS = { lr_mse: 3.16, lr_ce: 1.0, scale: 0.01, epochs: 60, trial: 0 };
export const PRESETS = {
  standard: { lr_mse: 3.16, lr_ce: 1.0, scale: 0.01, epochs: 60, trial: 0 },
  saturated: { lr_mse: 10.0, lr_ce: 10.0, scale: 1.0, epochs: 60, trial: 0 },
  shared: { lr_mse: 0.5, lr_ce: 0.5, scale: 0.01, epochs: 60, trial: 0 },
};
// [min, max, step]; the learning rates' sliders are log10 of the rate.
export const RANGES = { lr_mse: [-2, 3, 0.1], lr_ce: [-2, 3, 0.1], scale: [0, 1.5, 0.01], epochs: [10, 300, 10], trial: [0, 9, 1] };
export const LOSSES = ["mse", "ce"];

// The two runs of a setting, ready to train: trial t splits the data with seed t and draws the
// start from seed 1000 + t (as chapter 4 does).
export function start(settings, raw) {
  const s = Object.assign({}, DEFAULTS, settings);
  const data = loadData(raw.pixels, raw.labels, s.trial);
  const { W, b } = initParams(1000 + s.trial, s.scale);
  const runs = {};
  for (const loss of LOSSES) runs[loss] = trainer(loss, s[`lr_${loss}`], W, b, data, s.epochs);
  return { s, runs };
}

// The figure's result so far (lossbook.live.digits_result when done).
export function resultOf(job) {
  const runs = {};
  let done = true;
  for (const loss of LOSSES) {
    const h = job.runs[loss].history;
    runs[loss] = { loss: h.loss.slice(), train_accuracy: h.train_accuracy.slice(), test_accuracy: h.test_accuracy.slice() };
    done = done && job.runs[loss].done;
  }
  const n = Math.min(...LOSSES.map((l) => job.runs[l].history.epoch.length));
  return { error: "", done, epochs: job.s.epochs, epoch: Array.from({ length: n }, (_, i) => i), runs };
}

// lossbook.live.digits_result: both runs to the end, at once (tests; the site streams instead).
export function digitsResult(settings, raw) {
  const job = start(settings, raw);
  for (const loss of LOSSES) job.runs[loss].run(job.s.epochs + 1);
  return resultOf(job);
}

// The site's compute for a LocalModel: train both runs in slices of about `budget` ms, so the
// page never blocks longer than that, and publish the result after every slice
// (model.set("result", ...), which redraws). A new setting abandons the run in progress.
// getRaw(callback, fail, model) hands over the digits ({pixels, labels}) once they are loaded
// (the site's waits until the reader nears the figure, model.el), or calls fail(message) if
// they cannot be loaded.
export function streamingCompute(getRaw, budget = 16) {
  return (state, model) => {
    const token = {};
    if (model) model.digitsJob = token;
    const settings = state.settings;
    const step = (raw) => {
      if (!model || model.digitsJob !== token) return;
      if (!token.job) {  // the split and the start in a task of their own
        try { token.job = start(settings, raw); } catch (e) { model.set("result", { error: String(e.message || e) }); return; }
        setTimeout(() => step(raw), 0);
        return;
      }
      const job = token.job, t0 = performance.now();
      let i = 0;  // one epoch of one run at a time, so that a slice is short even before the JIT warms up
      do { const run = job.runs[LOSSES[i++ % LOSSES.length]]; if (!run.done) run.run(1); }
      while (performance.now() - t0 < budget && !LOSSES.every((l) => job.runs[l].done));
      const r = resultOf(job);
      model.set("result", r);
      if (!r.done) setTimeout(() => step(raw), 0);
    };
    const fail = (message) => { if (model && model.digitsJob === token) model.set("result", { error: message }); };
    if (model) setTimeout(() => getRaw(step, fail, model), 0);
    return { result: { error: "", done: false, epochs: settings.epochs, epoch: [], runs: null } };
  };
}
