// book/_static/lossbook-site.js: a display formula, table, code block or output that is wider
// than the column scrolls in its own box. Only then is the box a tab stop (a keyboard can
// scroll it), with a name that says what it holds; a box that fits is not focusable, so no
// formula is in the tab order. (This replaces pydata-sphinx-theme's own pass, which
// book/_ext/lossbook_site.py switches off: it sets the same tabindex, without a name.)
//
// Measuring a box means the page must be laid out, and a chapter holds hundreds of boxes: they
// are measured in idle time after the page has loaded, a few milliseconds at a time, from the
// top, all reads of a slice first and then its writes, so that the page is laid out at most
// once per slice (reading and writing in turn, box by box, lays it out again for every box).
// The pass starts again when the window is resized.
// When a pass is complete, <html> carries data-lossbook-scroll-boxes="measured".
(() => {
  "use strict";
  const KINDS = [
    ["div.math", "Formula"],
    [".pst-scrollable-table-container", "Table"],
    [".cell_output > .output", "Output"],
    [".nboutput > .output_area", "Output"],
    [".jp-RenderedHTMLCommon", "Output"],
    ["pre", "Code"],
  ];
  const SLICE_MS = 8;
  const root = document.documentElement;
  const idle = window.requestIdleCallback
    ? (f) => window.requestIdleCallback(f, { timeout: 500 })
    : (f) => setTimeout(f, 1);
  let pass = 0;

  // [box, its name] for every box, in document order within each kind.
  function boxes() {
    const all = [];
    for (const [selector, kind] of KINDS) {
      document.querySelectorAll(`#main-content ${selector}`).forEach((box, i) => {
        all.push([box, `${kind} ${i + 1}, scrolls sideways`]);
      });
    }
    return all;
  }

  function write(box, name, wide) {
    if (wide) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", name);
      box.dataset.lossbookScroll = "";
    } else if ("lossbookScroll" in box.dataset || box.hasAttribute("tabindex")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      delete box.dataset.lossbookScroll;
    }
  }

  function measure() {
    const mine = ++pass;
    const todo = boxes();
    let next = 0;
    root.dataset.lossbookScrollBoxes = "measuring";
    const slice = () => {
      if (mine !== pass) return;  // a newer pass (after a resize) has started
      const t0 = performance.now();
      const found = [];
      while (next < todo.length && performance.now() - t0 < SLICE_MS) {
        const [box, name] = todo[next++];
        found.push([box, name, box.scrollWidth > box.clientWidth + 1]);
      }
      for (const [box, name, wide] of found) write(box, name, wide);
      if (next < todo.length) idle(slice);
      else root.dataset.lossbookScrollBoxes = "measured";
    };
    idle(slice);
  }

  let timer = null;
  window.addEventListener("resize", () => { clearTimeout(timer); timer = setTimeout(measure, 150); });
  if (document.readyState === "complete") measure();
  else window.addEventListener("load", measure);
})();
