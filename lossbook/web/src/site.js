// lossbook/web/src/site.js: the site's entry point, bundled into ONE classic script
// (dist/site/lossbook-figures.js, an IIFE: pages opened from disk cannot load modules). It mounts
// every live figure of the page, each view over a LocalModel of its JavaScript twin.
// A new figure is one more line in FIGURES.
import { mountAll, whenNear } from "./common.js";
import * as race from "./race.js";
import * as raceModel from "./race_model.js";
import * as kl from "./kl.js";
import * as klModel from "./kl_model.js";
import * as line from "./line.js";
import * as lineModel from "./line_model.js";
import * as softmax from "./softmax.js";
import * as softmaxModel from "./softmax_model.js";
import * as stability from "./stability.js";
import * as stabilityModel from "./stability_model.js";
import * as digits from "./digits.js";
import * as digitsModel from "./digits_model.js";

// The digits figure trains in the page. Its data, digits-data.js, sits beside this script and
// is loaded (once, as a classic script, which works from disk too) when the reader nears the
// figure, and the training starts then: a reader who never scrolls there downloads nothing and
// spends no time on it.
const HERE = typeof document !== "undefined" && document.currentScript ? document.currentScript.src : "";
let digitsRaw = null, digitsWaiting = null, digitsFailed = "";
function loadDigits(done, fail) {
  if (digitsRaw) { done(digitsRaw); return; }
  if (digitsFailed) { if (fail) fail(digitsFailed); return; }
  if (digitsWaiting) { digitsWaiting.push([done, fail]); return; }
  digitsWaiting = [[done, fail]];
  const s = document.createElement("script");
  s.src = new URL("digits-data.js", HERE || document.baseURI).href;
  s.onload = () => {
    const d = window.lossbookDigitsData;
    digitsRaw = digitsModel.decodeDigits(d.pixels, d.labels);
    for (const [f] of digitsWaiting) f(digitsRaw);
    digitsWaiting = null;
  };
  s.onerror = () => {
    digitsFailed = "could not load the digits data";
    for (const [, f] of digitsWaiting) if (f) f(digitsFailed);
    digitsWaiting = null;
  };
  document.head.appendChild(s);
}

export const FIGURES = {
  race: { render: race.render, defaults: raceModel.DEFAULTS, compute: (st) => ({ result: raceModel.raceResult(st.settings) }) },
  kl: { render: kl.render, defaults: klModel.DEFAULTS, compute: (st) => ({ result: klModel.klResult(st.settings) }) },
  line: { render: line.render, defaults: lineModel.DEFAULTS, compute: (st) => ({ result: lineModel.lineFitResult(st.settings) }) },
  softmax: { render: softmax.render, defaults: softmaxModel.DEFAULTS, compute: (st) => ({ result: softmaxModel.softmaxResult(st.settings) }) },
  stability: { render: stability.render, defaults: stabilityModel.DEFAULTS, compute: (st) => ({ result: stabilityModel.stabilityResult(st.settings) }) },
  digits: { render: digits.render, defaults: digitsModel.DEFAULTS, compute: digitsModel.streamingCompute((done, fail, model) => whenNear(model && model.el, () => loadDigits(done, fail))) },
};

function start() { mountAll(FIGURES); }
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
