// lossbook/web/src/site.js: the site's entry point, bundled into ONE classic script
// (dist/site/lossbook-figures.js, an IIFE: pages opened from disk cannot load modules). It mounts
// every live figure of the page, each view over a LocalModel of its JavaScript twin.
// A new figure is one more line in FIGURES.
import { mountAll } from "./common.js";
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

export const FIGURES = {
  race: { render: race.render, defaults: raceModel.DEFAULTS, compute: (st) => ({ result: raceModel.raceResult(st.settings) }) },
  kl: { render: kl.render, defaults: klModel.DEFAULTS, compute: (st) => ({ result: klModel.klResult(st.settings) }) },
  line: { render: line.render, defaults: lineModel.DEFAULTS, compute: (st) => ({ result: lineModel.lineFitResult(st.settings) }) },
  softmax: { render: softmax.render, defaults: softmaxModel.DEFAULTS, compute: (st) => ({ result: softmaxModel.softmaxResult(st.settings) }) },
  stability: { render: stability.render, defaults: stabilityModel.DEFAULTS, compute: (st) => ({ result: stabilityModel.stabilityResult(st.settings) }) },
};

function start() { mountAll(FIGURES); }
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
