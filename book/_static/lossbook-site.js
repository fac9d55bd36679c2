// book/_static/lossbook-site.js: a display formula, table or output that is wider than the
// column scrolls in its own box. Only then is the box a tab stop (a keyboard can scroll it),
// with a name that says what it holds; a box that fits is not focusable, so no formula is in
// the tab order. Re-checked when the window is resized. (pydata-sphinx-theme sets tabindex on
// tables, <pre> and outputs the same way, without a name.)
(() => {
  "use strict";
  const KINDS = [
    ["div.math", "Formula"],
    [".pst-scrollable-table-container", "Table"],
    [".cell_output > .output", "Output"],
    ["pre", "Code"],
  ];
  function update() {
    for (const [selector, kind] of KINDS) {
      document.querySelectorAll(`#main-content ${selector}`).forEach((box, i) => {
        const wide = box.scrollWidth > box.clientWidth + 1;
        if (wide) {
          box.tabIndex = 0;
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", `${kind} ${i + 1}, scrolls sideways`);
          box.dataset.lossbookScroll = "";
        } else if ("lossbookScroll" in box.dataset || selector === "div.math") {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
          delete box.dataset.lossbookScroll;
        }
      });
    }
  }
  let timer = null;
  const later = () => { clearTimeout(timer); timer = setTimeout(update, 150); };
  window.addEventListener("resize", later);
  window.addEventListener("load", update);
  if (document.readyState !== "loading") update();
  else document.addEventListener("DOMContentLoaded", update);
})();
