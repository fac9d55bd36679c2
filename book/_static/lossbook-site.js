// book/_static/lossbook-site.js: a display formula, table, code block or output that is wider
// than the column scrolls in its own box. Only then is the box a tab stop (a keyboard can
// scroll it), with a name that says what it holds; a box that fits is not focusable, so no
// formula is in the tab order. (This replaces pydata-sphinx-theme's own pass, which
// book/_ext/lossbook_site.py switches off: it sets the same tabindex, without a name.)
//
// A box is measured when the browser lays it out anyway, never by forcing a layout of the
// page: a ResizeObserver reports each box after the layout that sized it. The chapters'
// sections are laid out only when they come near the screen (content-visibility: auto,
// lossbook-site.css), so a box further down is measured when the reader gets there, and again
// whenever its width changes (a turned phone, a resized window). Two things the observer does
// not see are handled here too: the Tab key must not pass over a wide box in a section not yet
// laid out (the first Tab measures every box not yet measured at the present width: that one
// keystroke pays for laying out the whole page, once), and web fonts that finish loading (some
// only once a section is laid out) widen a formula without resizing its box (every box measured
// so far is measured again).
// <html> carries data-lossbook-scroll-boxes="measured" once the boxes on screen are measured.
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
  const root = document.documentElement;
  const names = new Map();     // every box -> its name
  const measured = new Map();  // box -> the state of the page it was measured in (see now())
  let fonts = 0;               // how many times web fonts have finished loading

  const now = () => `${root.clientWidth} ${fonts}`;

  function write(box, wide) {
    if (wide) {
      box.tabIndex = 0;
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", names.get(box));
      box.dataset.lossbookScroll = "";
    } else if ("lossbookScroll" in box.dataset || box.hasAttribute("tabindex")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      delete box.dataset.lossbookScroll;
    }
  }

  // All reads first, then all writes: writing between reads would lay the page out again.
  function measure(boxes) {
    const state = now();
    const wide = boxes.map((box) => box.scrollWidth > box.clientWidth + 1);
    boxes.forEach((box, i) => { write(box, wide[i]); measured.set(box, state); });
  }

  function start() {
    for (const [selector, kind] of KINDS) {
      document.querySelectorAll(`#main-content ${selector}`).forEach((box, i) => {
        names.set(box, `${kind} ${i + 1}, scrolls sideways`);
      });
    }
    const observer = new ResizeObserver((entries) => {
      measure(entries.map((e) => e.target));
      root.dataset.lossbookScrollBoxes = "measured";
    });
    names.forEach((_, box) => observer.observe(box));
    document.fonts.addEventListener("loadingdone", () => {
      fonts += 1;
      measure([...measured.keys()]);
    });
    document.addEventListener("keydown", (event) => {
      if (event.key !== "Tab") return;
      const state = now();
      const stale = [...names.keys()].filter((box) => measured.get(box) !== state);
      if (stale.length) measure(stale);
    }, true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
