/* book/_print/print.js: turns the single-page build of the book into the PDF edition.
 *
 * Loaded only by the singlehtml build (book/_ext/lossbook_downloads.py); scripts/build_pdf.py
 * calls it in headless Chromium once the maths has typeset and the live figures have drawn:
 *
 *   lossbookPrint.prepare()     keep only the book's text (no sidebars, buttons or search),
 *                               one section per page (the introduction, each chapter, each
 *                               reference page), headings renumbered so each page's title is
 *                               an <h1>, every <details> (solutions, hidden code) opened, a
 *                               title page and a table of contents whose page numbers are
 *                               filled in later; returns the contents' entries
 *   lossbookPrint.setPages(map) write the page number of each entry (id -> number)
 *
 * The live figures stay what the site's JavaScript drew: the PDF shows each in its default
 * state. Their sliders and buttons are hidden by book/_print/print.css.
 */
(function () {
  "use strict";

  function text(node) { return (node.textContent || "").replace(/\s+/g, " ").trim(); }

  // opts: {title, author, note, introTitle, parts: {docname: caption of its part in _toc.yml}}.
  // A heading's visible title: without its "#" permalink; its section number apart.
  function headingParts(h) {
    var clone = h.cloneNode(true);
    clone.querySelectorAll(".headerlink, mjx-assistive-mml, .katex-mathml").forEach(function (e) { e.remove(); });
    var num = clone.querySelector(".section-number");
    var number = num ? text(num).replace(/\.$/, "") : "";
    if (num) num.remove();
    return { number: number, title: text(clone) };
  }

  // Replace heading h by one of level n (same attributes and children).
  function relevel(h, n) {
    var tag = "H" + Math.max(1, Math.min(6, n));
    if (h.tagName === tag) return h;
    var repl = document.createElement(tag);
    for (var i = 0; i < h.attributes.length; i++) repl.setAttribute(h.attributes[i].name, h.attributes[i].value);
    while (h.firstChild) repl.appendChild(h.firstChild);
    h.replaceWith(repl);
    return repl;
  }

  function el(tag, cls, parent, txt) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (txt) e.textContent = txt;
    if (parent) parent.appendChild(e);
    return e;
  }

  function prepare(opts) {
    opts = opts || {};
    var article = document.querySelector("article.bd-article") || document.querySelector("[role=main]") || document.body;
    var first = article.querySelector("section");
    // The documents: the root page, then each page the toctrees pulled in (in order).
    var docs = [{ section: first, name: "book/intro" }];
    article.querySelectorAll('span[id^="document-"]').forEach(function (span) {
      var sec = span.nextElementSibling;
      if (sec && sec.tagName === "SECTION") docs.push({ section: sec, name: span.id.slice(9), anchor: span });
    });

    var book = el("div", "lb-print");
    // Title page.
    var titlePage = el("section", "lb-title-page", book);
    var bookTitle = opts.title || document.title;
    el("p", "lb-book-title", titlePage, bookTitle);
    var sub = first.querySelector(":scope > p > em");
    if (sub) el("p", "lb-book-subtitle", titlePage, text(sub));
    if (opts.author) el("p", "lb-book-author", titlePage, opts.author);
    if (opts.note) el("p", "lb-book-note", titlePage, opts.note);
    // Contents.
    var toc = el("nav", "lb-toc", book);
    toc.id = "lb-contents";
    el("h1", "", toc, "Contents");
    var list = el("ol", "lb-toc-list", toc);

    var entries = [];
    var lastPart = null;
    docs.forEach(function (doc, i) {
      var sec = doc.section;
      // Pull the toctrees out of the root page: every document becomes a page of its own.
      if (i === 0) sec.querySelectorAll(".toctree-wrapper").forEach(function (w) { w.remove(); });
      var part = (opts.parts || {})[doc.name] || "";
      var wrap = el("section", "lb-doc", book);
      wrap.setAttribute("data-doc", doc.name);
      if (doc.anchor) wrap.appendChild(doc.anchor);
      wrap.appendChild(sec);
      // Renumber headings: the document's title becomes h1.
      var top = sec.querySelector("h1, h2, h3, h4, h5, h6");
      var shift = top ? parseInt(top.tagName.slice(1), 10) - 1 : 0;
      sec.querySelectorAll("h1, h2, h3, h4, h5, h6").forEach(function (h) {
        relevel(h, parseInt(h.tagName.slice(1), 10) - shift);
      });
      if (part !== lastPart && part) {
        var li0 = el("li", "lb-toc-part", list, part);
        li0.setAttribute("role", "presentation");
      }
      lastPart = part;
      // Entries: the document's title and its numbered (h2) sections.
      sec.querySelectorAll("h1, h2").forEach(function (h) {
        // A target of its own in the heading: section ids repeat across pages ("exercises").
        var target = document.createElement("span");
        target.id = "lb-toc-" + entries.length;
        h.insertBefore(target, h.firstChild);
        var parts = headingParts(h);
        if (i === 0 && h.tagName === "H1") {  // the root page's title is the book's title
          parts.title = opts.introTitle || "Introduction";
          h.textContent = parts.title;
          h.insertBefore(target, h.firstChild);
        }
        var level = h.tagName === "H1" ? 1 : 2;
        entries.push({ id: target.id, level: level, number: parts.number, title: parts.title });
        var li = el("li", "lb-toc-" + (level === 1 ? "chapter" : "section"), list);
        var a = el("a", "", li);
        a.href = "#" + target.id;
        if (parts.number) el("span", "lb-toc-number", a, parts.number);
        // The title as typeset (maths included), without the permalink and number.
        var t = el("span", "lb-toc-title", a);
        var clone = h.cloneNode(true);
        clone.querySelectorAll(".headerlink, .section-number, [id]").forEach(function (e) { e.remove(); });
        while (clone.firstChild) t.appendChild(clone.firstChild);
        if (i === 0 && level === 1) t.textContent = parts.title;
        var page = el("span", "lb-toc-page", a);
        page.setAttribute("data-for", target.id);
      });
    });

    // A link into the book stays (#...); one to the web stays; one to another file of the
    // site (e.g. ../downloads/) means nothing on paper, and would print this machine's address.
    book.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!/^(#|https?:|mailto:)/.test(href)) a.removeAttribute("href");
    });
    // Every collapsed block open: solutions (<details>), hidden code, toggles.
    book.querySelectorAll("details").forEach(function (d) { d.open = true; });
    book.querySelectorAll(".toggle-hidden").forEach(function (d) { d.classList.remove("toggle-hidden"); });
    book.querySelectorAll("img[loading]").forEach(function (img) { img.loading = "eager"; });

    // The book replaces the page's chrome: only the article's styling remains.
    article.replaceChildren(book);
    var keep = article;
    while (keep.parentElement && keep !== document.body) {
      var parent = keep.parentElement;
      Array.prototype.slice.call(parent.children).forEach(function (c) {
        if (c !== keep && c.tagName !== "SCRIPT" && c.tagName !== "STYLE" && c.tagName !== "LINK") c.remove();
      });
      keep = parent;
    }
    document.documentElement.classList.add("lb-printing");
    document.documentElement.dataset.mode = "light";
    document.documentElement.dataset.theme = "light";
    return entries;
  }

  function setPages(pages) {
    document.querySelectorAll(".lb-toc-page").forEach(function (span) {
      var n = pages[span.getAttribute("data-for")];
      span.textContent = n == null ? "" : String(n);
    });
  }

  window.lossbookPrint = { prepare: prepare, setPages: setPages };
})();
