// book/_ext/trim_css.mjs: the theme's stylesheets, trimmed to the rules the built site can use.
//
//     node book/_ext/trim_css.mjs SITE_DIR STYLESHEET...      (paths relative to SITE_DIR)
//
// Run by book/_ext/lossbook_site.py after the build. PurgeCSS (npm, pinned in package.json)
// keeps a rule when every class, id, tag and attribute of its selector occurs in a page of the
// site or in one of its scripts (which add classes such as "show" or "dropdown-menu-dark" at
// run time), and drops the rest; keyframes, font faces and custom properties all stay. Each
// stylesheet is rewritten in place; prints "name: before -> after bytes" for each.
import { writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { PurgeCSS } from "purgecss";

const [site, ...sheets] = process.argv.slice(2);
if (!site || sheets.length === 0) {
  console.error("usage: node trim_css.mjs SITE_DIR STYLESHEET...");
  process.exit(2);
}

function files(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files(path, out);
    else if (/\.(html|js)$/.test(name)) out.push(path);
  }
  return out;
}

// A pseudo-class or pseudo-element never occurs in the content: it counts as present, so a
// selector made of one alone (the theme's focus ring, `:focus-visible {...}`) stays, and one
// such as `.btn:hover` stays when `.btn` occurs. Names a script builds from parts (Bootstrap's
// `bs-tooltip-${placement}`, its popper placements) never occur whole: kept by pattern.
const SAFELIST = {
  standard: [/^::?[-\w]+$/],
  greedy: [/^bs-tooltip-/, /^tooltip/, /^bs-popover-/, /^popover/, /data-bs-popper/],
};

const content = files(site).filter((f) => !relative(site, f).startsWith("_sources"));
const results = await new PurgeCSS().purge({
  content,
  css: sheets.map((s) => join(site, s)),
  safelist: SAFELIST,
});
for (const r of results) {
  const before = statSync(r.file).size;
  writeFileSync(r.file, r.css);
  console.log(`${relative(site, r.file)}: ${before} -> ${Buffer.byteLength(r.css)} bytes`);
}
