// lossbook/web/src/kl.js: the view of the KL explorer (chapter 3): two coins p (the data) and
// q (the model); bars of H(p), H(p, q), KL(p||q), KL(q||p), and the last three as curves over q.
//
// anywidget view: render({model, el}). Model state: "settings" (p, q, base), set by the view;
// "result" (lossbook.live.kl_result: numbers, q grid, curves), read by the view.
//
// Test hooks (data-testid, inside el): kl (root), slider-p, slider-q, value-p, value-q,
// select-base (units), kl-plot (role=img; data-version increases on each redraw), kl-values
// (readout; inside it kl-hp, kl-hpq, kl-pq, kl-qp: 4 decimals or "inf"), kl-error, announce.
import { el, plotBox, described, usable, connect, text, num, fmtg, fmtf, figureRoot, slider, select, announcer, Panel, legend } from "./common.js";
import { RANGES, BASES } from "./kl_model.js";

const NAMES = ["H(p)", "H(p,q)", "KL(p\u2016q)", "KL(q\u2016p)"];
const KEYS = ["hp", "hpq", "kl_pq", "kl_qp"];
const fmt4 = (v) => (Number.isFinite(num(v)) ? fmtf(v, 4) : "inf");

export function render({ model, el: host }) {
  const root = figureRoot(host, "kl", "Entropy, cross-entropy and KL divergence of two coins");
  const controls = el("div", { class: "lossbook-controls" }, root);
  const setKey = (k, v) => {
    model.set("settings", Object.assign({}, model.get("settings"), { [k]: v }));
    model.save_changes();
  };
  const inputs = {
    p: slider(controls, { key: "p", label: "data: probability p of heads", min: RANGES.p[0], max: RANGES.p[1], step: RANGES.p[2],
      value: 0.5, show: (v) => fmtf(v, 2), onInput: (v) => setKey("p", v) }),
    q: slider(controls, { key: "q", label: "model: probability q of heads", min: RANGES.q[0], max: RANGES.q[1], step: RANGES.q[2],
      value: 0.5, show: (v) => fmtf(v, 2), onInput: (v) => setKey("q", v) }),
  };
  const base = select(controls, { key: "base", label: "units", value: "nats",
    options: Object.keys(BASES).map((b) => [b, b]), onInput: (v) => setKey("base", v) });

  const fig = plotBox(root, "kl");
  const bars = new Panel(fig, { w: 240, h: 180, title: "the four numbers", ylabel: "nats" });
  const cur = new Panel(fig, { w: 300, h: 180, title: "as functions of the model's q", xlabel: "model q", ylabel: "nats" });
  legend(root, [{ color: "var(--lb-c-entropy)", label: "H(p)", dash: "2,2" }, { color: "var(--lb-c-ce)", label: "H(p, q)" },
    { color: "var(--lb-c-kl)", label: "KL(p\u2016q)" }, { color: "var(--lb-c-kl)", label: "KL(q\u2016p)", dash: "6,3" }]);
  const colors = ["entropy", "ce", "kl", "kl"];
  const bw = (bars.x1 - bars.x0) / 4, rects = [], labels = [];
  for (let i = 0; i < 4; i++) {
    rects.push(el("rect", { x: (bars.x0 + i * bw + 6).toFixed(1), width: (bw - 12).toFixed(1), fill: `var(--lb-c-${colors[i]})`,
      "fill-opacity": i === 3 ? 0.55 : 1 }, bars.layer, true));
    labels.push(text("text", { x: (bars.x0 + (i + 0.5) * bw).toFixed(1), "text-anchor": "middle", class: "lb-small" }, bars.layer, "", true));
    text("text", { x: (bars.x0 + (i + 0.5) * bw).toFixed(1), y: bars.y0 + 11, "text-anchor": "middle", class: "lb-ticks-text" }, bars.svg, NAMES[i], true);
  }
  const hline = cur.line({ stroke: "var(--lb-c-entropy)", "stroke-dasharray": "2,2", "stroke-width": 1.4 });
  const qline = cur.line({ stroke: "var(--lb-t-target)", "stroke-width": 0.8 });
  const curves = {
    hpq: cur.polyline({ stroke: "var(--lb-c-ce)", "stroke-width": 1.8 }),
    kl_pq: cur.polyline({ stroke: "var(--lb-c-kl)", "stroke-width": 1.8 }),
    kl_qp: cur.polyline({ stroke: "var(--lb-c-kl)", "stroke-width": 1.8, "stroke-dasharray": "6,3" }),
  };
  const dots = [0, 1, 2].map(() => cur.circle({ r: 3.5, fill: "var(--lb-t-target)" }));
  const values = el("p", { class: "lossbook-readout", "data-testid": "kl-values" }, root);
  const error = el("p", { class: "lossbook-error", "data-testid": "kl-error", role: "alert" }, root);
  const say = announcer(root);

  function syncInputs() {
    const s = model.get("settings");
    inputs.p.set(s.p); inputs.q.set(s.q); base.value = s.base;
    root.setAttribute("data-settings-now", JSON.stringify(s));
  }

  function draw() {
    const s = model.get("settings"), r = model.get("result");
    if (!usable(r, error)) return;
    const n = r.numbers, vals = KEYS.map((k) => num(n[k]));
    const finite = vals.filter(Number.isFinite), btop = Math.max(...finite, 1e-9) * 1.25 * 1.15, cap = btop / 1.15;
    bars.setLimits(0, 4, 0, btop, { xticks: [] });
    vals.forEach((v, i) => {
      const y = bars.py(Number.isFinite(v) ? v : cap);
      rects[i].setAttribute("y", y.toFixed(1)); rects[i].setAttribute("height", (bars.y0 - y).toFixed(1));
      labels[i].setAttribute("y", (y - 3).toFixed(1)); labels[i].textContent = Number.isFinite(v) ? v.toFixed(3) : "\u221e";
    });
    const all = [];
    for (const k of ["hpq", "kl_pq"]) for (const v of r.curves[k]) if (Number.isFinite(num(v))) all.push(num(v));
    const div = BASES[s.base] === null ? 1 : Math.log(BASES[s.base]);
    const top = Math.min(Math.max(...all, num(n.hpq), 1e-9) * 1.15, 8.0 / div);
    cur.setLimits(0, 1, 0, top, { xticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    for (const k in curves) curves[k].setAttribute("points", cur.points(r.q, r.curves[k]));
    cur.hline(hline, num(n.hp));
    cur.vline(qline, s.q);
    [n.hpq, n.kl_pq, n.kl_qp].forEach((v, i) => {
      dots[i].setAttribute("cx", cur.px(s.q).toFixed(1));
      dots[i].setAttribute("cy", cur.pyc(Number.isFinite(num(v)) ? num(v) : top * 2).toFixed(1));
    });
    bars.ylabel.textContent = cur.ylabel.textContent = s.base;
    const parts = [["H(p)", "hp", "hp", "entropy"], ["H(p, q)", "hpq", "hpq", "ce"], ["KL(p\u2016q)", "pq", "kl_pq", "kl"], ["KL(q\u2016p)", "qp", "kl_qp", "kl"]];
    values.innerHTML = parts.map(([name, id, k, c]) => `<span class="lb-t-${c}">${name}</span> = <b data-testid="kl-${id}">${fmt4(n[k])}</b>`).join("; ") +
      ` (${s.base}); H(p, q) = H(p) + KL(p\u2016q).`;
    const words = `With p = ${fmtf(s.p, 2)} and q = ${fmtf(s.q, 2)}: H(p) = ${fmt4(n.hp)}, H(p, q) = ${fmt4(n.hpq)}, ` +
      `KL(p\u2016q) = ${fmt4(n.kl_pq)}, KL(q\u2016p) = ${fmt4(n.kl_qp)} ${s.base}.`;
    described(fig, say, "Bars of entropy, cross-entropy and both KL divergences, and the last three as curves over q. ", words);
  }

  return connect(model, syncInputs, draw);
}

export default { render };
