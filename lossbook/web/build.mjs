// Bundles the live figures with esbuild (npm, in node_modules):
//   node lossbook/web/build.mjs [outdir]        (default: lossbook/web/dist; `make figures`)
// - <outdir>/widget/<figure>.js: one ES module per figure (src/<figure>.js and what it imports),
//   loaded by anywidget as the widget's _esm in JupyterLab (it cannot import sibling files);
// - <outdir>/site/lossbook-figures.js: ONE classic script (IIFE) for the site, src/site.js, which
//   mounts every figure of a page (pages opened from disk cannot load module scripts).
// A figure is any src/*.js that is not common.js, site.js or a *_model.js twin.
// The output is committed; tests/test_web_twin.py rebuilds it and compares it byte for byte.
import { build } from "esbuild";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "src");
const out = process.argv[2] || join(here, "dist");
const figures = readdirSync(src).filter((f) => f.endsWith(".js") && !f.endsWith("_model.js")
  && f !== "common.js" && f !== "site.js").sort();
const common = { bundle: true, target: "es2019", legalComments: "none", logLevel: "warning" };

for (const f of figures) {
  await build({ ...common, entryPoints: [join(src, f)], outfile: join(out, "widget", f), format: "esm" });
}
await build({ ...common, entryPoints: [join(src, "site.js")], outfile: join(out, "site", "lossbook-figures.js"),
  format: "iife", minify: true });
console.log(`built ${figures.length} figure module(s) and the site bundle into ${out}`);
