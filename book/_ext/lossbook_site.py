"""The book's own Sphinx extension: what the published site needs beyond Jupyter Book's defaults.

* **Maths at build time.** ``sphinxcontrib.katex`` renders every formula to HTML + MathML while
  the book is built (``katex_prerender``), with the npm ``katex`` in ``node_modules`` run by
  ``node``: pages load one small stylesheet and the few fonts they use, no maths script, and no
  formula is a tab stop. A KaTeX parse error fails the build (``-W``). The fonts are cut down to
  the characters the formulas draw (:func:`_subset_katex_fonts`).
* **Solutions hidden.** Each exercise's solution (the ``<details><summary>Solution</summary>``
  markdown cell and the code cells tagged ``solution`` after it) becomes ONE collapsed block,
  "Solution to Exercise N.k": its prose, code and output are hidden until the reader opens it.
* **Page titles.** A title holding maths shows as plain text in the browser tab (the home page's
  tab shows the book's title once: book/_templates/layout.html).
* **Only what is loaded.** After the build, the icon font script (1.5 MB) is replaced by a tiny
  stylesheet holding just the icons the pages use, and every file under ``_static`` that no page
  references (MathJax, source maps, unused theme assets) is deleted.
* **Nothing blocks the first paint but the styles.** Every script is deferred, the theme's
  stylesheet keeps only the rules the site's pages and scripts can use (:func:`_trim_theme_css`),
  and the theme's scan of every code block at load (which lays the whole page out, block by
  block) is left to book/_static/lossbook-site.js, which does it in idle time. Code tokens that
  Pygments colours like the code around them lose their spans (:func:`_plain_code_tokens`):
  fewer elements for a phone to style and lay out.
"""

from __future__ import annotations

import html
import html.parser as html_parser
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
KATEX_DIST = ROOT / "node_modules" / "katex" / "dist"
#: Where the KaTeX stylesheet and fonts go in the built site (under _static).
KATEX_STATIC = "katex"
#: Generated after the build: the icons the pages use, and the book's text colours.
BUILT_CSS = "lossbook-built.css"


# --- maths ---------------------------------------------------------------------------------
def _configure_katex(app: Sphinx, config) -> None:
    """Render maths with the npm KaTeX at build time (sphinxcontrib.katex's prerender mode).

    sphinxcontrib.katex starts ``node katex-server.js --katex <path>`` and ``require()``s the
    KaTeX given by ``katex_js_path`` (an absolute path is accepted); we point it at
    node_modules/katex (package.json pins it) so the HTML and the stylesheet come from the same
    KaTeX. ``katex_css_path`` names the stylesheet that :func:`_finish` copies into _static.
    """
    script = KATEX_DIST / "katex.min.js"
    if not script.exists():
        raise RuntimeError(f"{script.relative_to(ROOT)} is missing: run `npm ci` (make node)")
    config.katex_prerender = True
    config.katex_js_path = str(script)
    config.katex_css_path = f"{KATEX_STATIC}/katex.min.css"
    config.html_math_renderer = "katex"
    _patch_katex_server()


def _start_server_process(cls, rundir: Path, timeout: float):
    """sphinxcontrib.katex's start of its node server, without its race.

    Upstream (0.9.11) connects as soon as the socket FILE exists, which node creates at bind(),
    before listen(): on a busy machine the connect is refused and the build dies
    (ConnectionRefusedError). Here the connect is retried until the server listens, the
    server's exit or the timeout.
    """
    path = rundir / "katex.sock"
    process = subprocess.Popen(cls.build_command(socket=path), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, cwd=rundir)
    deadline = time.monotonic() + timeout
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(str(path))
            return process, sock
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise cls.timeout_error(timeout) from None
            time.sleep(0.01)


def _patch_katex_server() -> None:
    from sphinxcontrib import katex

    katex.STARTUP_TIMEOUT = 60.0  # node's start on a loaded 2-core machine
    katex.KaTeXServer.start_server_process = classmethod(_start_server_process)


def _copy_katex(outdir: Path) -> None:
    """KaTeX's stylesheet (font-display: swap, woff2 only) and its woff2 fonts, into _static.

    Every browser that runs the site reads woff2, so the woff/ttf fallbacks are dropped; a
    browser downloads a font only when a formula uses it.
    """
    dest = outdir / "_static" / KATEX_STATIC
    (dest / "fonts").mkdir(parents=True, exist_ok=True)
    css = (KATEX_DIST / "katex-swap.min.css").read_text(encoding="utf-8")
    css = re.sub(r',url\(fonts/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)', "", css)
    (dest / "katex.min.css").write_text(css, encoding="utf-8")
    for font in (KATEX_DIST / "fonts").glob("*.woff2"):
        shutil.copyfile(font, dest / "fonts" / font.name)


class _FormulaText(html_parser.HTMLParser):
    """The characters drawn in formulas: the text inside KaTeX's ``katex-html`` elements."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.inside: list[bool] = []
        self.chars: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            classes = (dict(attrs).get("class") or "").split()
            self.inside.append(bool(self.inside and self.inside[-1]) or "katex-html" in classes)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.inside:
            self.inside.pop()

    def handle_data(self, data):
        if self.inside and self.inside[-1]:
            self.chars.update(data)


def _subset_katex_fonts(pages: list[Path], outdir: Path) -> None:
    """Cut each KaTeX font down to the characters the book's formulas draw (fontTools).

    KaTeX's fonts cover all of TeX's symbols; the book's formulas draw about 120 characters.
    Every font keeps every one of them that it has (a font a formula uses therefore has its
    glyphs, whichever font KaTeX's stylesheet picks), and drops its hinting, which high-density
    screens ignore: the eight fonts chapter 4 loads go from 138 kB to 49 kB. The formulas'
    metrics come from KaTeX's tables at build time, not from the font files, so nothing moves.
    tests/browser/test_site.py checks that every formula is drawn by the same fonts, glyph for
    glyph, as with KaTeX's own.
    """
    try:
        import brotli  # noqa: F401  (fontTools writes woff2 with it)
        from fontTools import subset
    except ImportError as missing:
        logger.warning("KaTeX fonts not subset: %s (requirements.txt)", missing)
        return
    reader = _FormulaText()
    for page in pages:
        reader.feed(page.read_text(encoding="utf-8"))
    # and the space: HarfBuzz draws the zero-width characters KaTeX inserts (U+200B) with it
    text = "".join(sorted(reader.chars | {" "}))
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.hinting = False
    options.notdef_outline = True
    for path in sorted((outdir / "_static" / KATEX_STATIC / "fonts").glob("*.woff2")):
        font = subset.load_font(str(path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=text)
        subsetter.subset(font)
        subset.save_font(font, str(path), options)


#: KaTeX (throwOnError: false) draws a formula it cannot parse as this span, in red.
KATEX_ERROR = re.compile(r'<span class="katex-error"[^>]*title="([^"]*)"[^>]*>(.*?)</span>', re.S)


def _katex_errors(pages: list[Path], outdir: Path) -> None:
    """Warn (an error under -W) for every formula that KaTeX could not parse."""
    for page in pages:
        for title, tex in KATEX_ERROR.findall(page.read_text(encoding="utf-8")):
            logger.warning("KaTeX cannot render %r in %s: %s", html.unescape(tex),
                           page.relative_to(outdir), html.unescape(title))


# --- solutions -----------------------------------------------------------------------------
SOLUTION_OPEN = re.compile(r"^\s*<details>\s*<summary>\s*Solution\s*</summary>\s*$")
EXERCISE = re.compile(r"^Exercise (\d+\.\d+)\.?$")


def _is_raw_html(node: nodes.Node, pattern: str | re.Pattern) -> bool:
    if not (isinstance(node, nodes.raw) and node.get("format") == "html"):
        return False
    text = node.astext()
    return bool(pattern.match(text)) if isinstance(pattern, re.Pattern) else text.strip() == pattern


def _is_solution_cell(node: nodes.Node) -> bool:
    return (isinstance(node, nodes.container) and node.get("nb_element") == "cell_code"
            and "tag_solution" in node["classes"])


class CollapseSolutions(SphinxPostTransform):
    """One collapsed block per solution: the markdown part and the code cells tagged solution.

    myst-nb renders a markdown cell as its plain content (no wrapper, no tags), so the markdown
    part is found by its raw HTML: ``<details><summary>Solution</summary>`` ... ``</details>``.
    The code cells that follow it and carry the tag ``solution`` move inside the block, and
    lose their own "Show code cell source" toggle (``hide_mode``): one control per solution.
    Runs before myst-nb's HideInputCells (priority 199).
    """

    default_priority = 190
    formats = ("html",)

    def run(self, **kwargs) -> None:
        exercise = None
        for node in list(self.document.findall()):
            if isinstance(node, nodes.strong):
                found = EXERCISE.match(node.astext().strip())
                if found:
                    exercise = found.group(1)
            if _is_raw_html(node, SOLUTION_OPEN) and node.parent is not None:
                self._collapse(node, exercise)

    def _collapse(self, start: nodes.raw, exercise: str | None) -> None:
        parent = start.parent
        i = parent.index(start)
        end = next((j for j in range(i + 1, len(parent)) if _is_raw_html(parent[j], "</details>")),
                   None)
        if end is None:
            logger.warning("a Solution block has no closing </details>", location=start)
            return
        k = end + 1
        while k < len(parent) and _is_solution_cell(parent[k]):
            parent[k].attributes.pop("hide_mode", None)
            k += 1
        title = f"Solution to Exercise {exercise}" if exercise else "Solution"
        label = html.escape(title)
        start.children = [nodes.Text(
            f'<details class="lossbook-solution">\n<summary>{label}</summary>\n'
            '<div class="lossbook-solution-body">\n')]
        closing = parent[end]
        parent.remove(closing)  # the cells move up by one; the last one ends at k - 1
        parent.insert(k - 1, nodes.raw("", "</div>\n</details>\n", format="html"))


# --- titles --------------------------------------------------------------------------------
def _plain_title(app: Sphinx, docname: str) -> str | None:
    """A document's title as plain text: a formula shows as its TeX without backslashes/braces."""
    title = app.env.titles.get(docname)
    if title is None:
        return None
    parts = []
    for node in title.findall(nodes.Text):
        text = node.astext()
        if isinstance(node.parent, nodes.math):
            text = re.sub(r"\\([A-Za-z]+)\s*", r"\1 ", text).replace("{", "").replace("}", "")
            text = re.sub(r"\s+", " ", text).strip()
        parts.append(text)
    return "".join(parts).strip()


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    title = context.get("title") or ""
    if doctree is not None and 'class="katex' in title:
        # The rendered title holds KaTeX's HTML, which the browser tab would show as a jumble
        # of its MathML and HTML text: keep the section number, the rest as plain text.
        number = re.match(r'\s*<span class="section-number">([^<]*)</span>', title)
        plain = _plain_title(app, pagename) or ""
        context["title"] = html.escape((number.group(1) if number else "") + plain)


# --- scripts: none blocks the first paint ------------------------------------------------
def _defer_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Every script file of the page runs after parsing (``defer``), in document order.

    The page's small inline scripts set ``DOCUMENTATION_OPTIONS`` fields (pydata-sphinx-theme),
    which documentation_options.js defines: they become ``type="module"`` scripts, which the
    browser also runs after parsing, in the same ordered list as the deferred files. The
    colour-scheme snippet at the top of the page (book/_templates/layout.html, not a script file
    of the context) stays as it is: it must run before anything is styled. The search page is
    left as it is: its own inline script calls doctools.js and searchtools.js as the page is
    parsed.
    """
    scripts = context.get("script_files")
    if pagename == "search" or not isinstance(scripts, list):
        return
    for i, js in enumerate(scripts):
        attributes = dict(js.attributes)
        if js.filename:
            if "async" in attributes or "defer" in attributes or attributes.get("type") == "module":
                continue
            attributes["defer"] = "defer"
        elif "DOCUMENTATION_OPTIONS" in attributes.get("body", ""):
            attributes["type"] = "module"
        else:
            continue
        scripts[i] = _JavaScript(js.filename, priority=js.priority, **attributes)


#: pydata-sphinx-theme 0.17's addTabStopsToScrollableElements, started at load: it reads every
#: <pre>'s and output's scroll width and writes its tabindex in one loop (a layout of the page
#: per block: 0.3-0.9 s of a phone's main thread on a chapter), again on every resize and every
#: change in the article (each redraw of a live figure). lossbook-site.js does the same job in
#: idle time and names the boxes it makes tab stops.
THEME_TAB_STOPS = re.compile(r'"complete"===document\.readyState\?(\w+)\(\):'
                             r'window\.addEventListener\("load",\1\)')


def _drop_theme_tab_stops(outdir: Path) -> None:
    script = outdir / "_static" / "scripts" / "pydata-sphinx-theme.js"
    if not script.exists():
        return
    source = script.read_text(encoding="utf-8")
    patched, found = THEME_TAB_STOPS.subn("void 0", source)
    if found != 1:
        logger.warning("pydata-sphinx-theme.js: the start of addTabStopsToScrollableElements "
                       "was not found (a new theme version?): check book/_ext/lossbook_site.py")
        return
    script.write_text(patched, encoding="utf-8")


# --- the theme's stylesheets, trimmed ------------------------------------------------------
#: The stylesheets every page loads before it can paint, and which mostly style what this site
#: does not have (Bootstrap's components, other builders' markup): 390 kB, 58 kB gzipped.
TRIMMED_CSS = ("_static/styles/pydata-sphinx-theme.css", "_static/styles/sphinx-book-theme.css",
               "_static/basic.css", "_static/mystnb.*.css")
#: Where the untrimmed copies go (outside the site): tests/browser/test_site.py checks that
#: every page's elements get the same computed style from the trimmed stylesheets.
UNTRIMMED_DIR = "untrimmed-css"


def _trim_theme_css(outdir: Path) -> None:
    """Keep only the rules the site's pages and scripts can use (book/_ext/trim_css.mjs)."""
    sheets = sorted({p.relative_to(outdir).as_posix() for pattern in TRIMMED_CSS
                     for p in outdir.glob(pattern)})
    keep = outdir.parent / UNTRIMMED_DIR
    shutil.rmtree(keep, ignore_errors=True)
    for sheet in sheets:
        (keep / sheet).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(outdir / sheet, keep / sheet)
    done = subprocess.run(["node", str(Path(__file__).with_name("trim_css.mjs")), str(outdir),
                           *sheets], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        logger.warning("trimming the theme's stylesheets failed: %s", done.stderr.strip())
        return
    logger.info(done.stdout.strip())


# --- code: the token spans that change nothing ----------------------------------------------
PYGMENTS_RULE = re.compile(r'html\[data-theme="(light|dark)"\] \.highlight(?: \.([\w-]+))? \{([^}]*)\}')
HIGHLIGHTED = re.compile(r'(<div class="highlight"><pre>)(.*?)(</pre>)', re.S)


def _plain_code_tokens(pages: list[Path], outdir: Path) -> list[str]:
    """Drop the code-token spans that change nothing a reader sees.

    Pygments wraps every token of a code cell in a span (``<span class="n">x</span>``): about
    7,000 elements a chapter, as many as its formulas. In the theme's colours (pygments.css):

    * names, punctuation and whitespace (``n``, ``p``, ``w``, ...) have no rule but the block's
      own text colour, in light and in dark mode: those spans go and their text stays. The code
      box's ``pre`` is given the block's colour (the theme sets it on ``.highlight`` but colours
      ``pre`` like prose), so the unwrapped text keeps the colour it had;
    * neighbouring tokens styled alike (a string's prefix, quotes, ``{`` and escapes) become one
      span, the first one's;
    * the empty ``<span></span>`` Pygments puts at the start of every block goes.

    Every element fewer is less for a phone to style and lay out before it can paint. The rule
    returned names the unwrapped classes; tests/browser/test_site.py checks that each is styled
    exactly like the code around it.
    """
    css = outdir / "_static" / "pygments.css"
    if not css.exists():
        return []
    block_color: dict[str, str] = {}  # theme -> the code block's text colour
    rules: dict[str, dict[str, str]] = {}  # token class -> theme -> its declarations
    for theme, token, body in PYGMENTS_RULE.findall(css.read_text(encoding="utf-8")):
        if token:
            rules.setdefault(token, {})[theme] = " ".join(body.split()).rstrip(";")
        elif found := re.search(r"(?:^|;)\s*color:\s*([^;]+?)\s*(?:;|$)", body):
            block_color[theme] = found.group(1)
    if set(block_color) != {"light", "dark"}:
        return []
    style = {token: (by_theme.get("light"), by_theme.get("dark"))
             for token, by_theme in rules.items() if set(by_theme) == {"light", "dark"}}
    plain = sorted(t for t, s in style.items()
                   if s == tuple(f"color: {block_color[m]}" for m in ("light", "dark")))
    unwrap = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(map(re.escape, plain)))
    piece = re.compile(r'<span class="([\w-]+)">([^<]*)</span>|[^<]+|<[^>]*>')

    def simplify(code: str) -> str:
        code = code.replace("<span></span>", "")
        if plain:
            code = unwrap.sub(r"\1", code)
        out: list[str] = []
        last = None  # the style of the span that ends `out`, if it does
        for found in piece.finditer(code):
            token, text = found.group(1), found.group(2)
            if token is not None and last is not None and style.get(token) == last:
                out[-1] = out[-1][:-len("</span>")] + text + "</span>"
                continue
            out.append(found.group(0))
            last = style.get(token) if token is not None else None
        return "".join(out)

    for page in pages:
        text = page.read_text(encoding="utf-8")
        new = HIGHLIGHTED.sub(lambda m: m.group(1) + simplify(m.group(2)) + m.group(3), text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return [f".highlight pre {{ color: inherit; }}  /* unwrapped: {' '.join(plain)} */"]


# --- after the build: icons, unused files --------------------------------------------------
ICON_CLASS = re.compile(r"\bfa-(?!solid\b|regular\b|brands\b|lg\b|fw\b)([a-z0-9-]+)")
FONTAWESOME_TAG = re.compile(r'\s*<(?:script|link)[^>]*fontawesome[^>]*>(?:</script>)?')


def _text_colors(pages: list[Path]) -> list[str]:
    """Text in a book colour passes contrast in both modes: its light or dark text variant.

    A page may colour words like a figure's lines (``<span style="color:#D55E00">``, which
    JupyterLab shows as written). On the site the line colour becomes the quantity's text
    colour from :data:`lossbook.plots.TEXT_COLORS` (4.5:1 or more against the page in light and
    dark mode), through a class: the hue stays, the contrast passes.
    """
    from lossbook.plots import COLORS, TEXT_COLORS

    names = {value.lower(): name for name, value in COLORS.items()}
    style = re.compile(r'<span style="color:\s*(#[0-9A-Fa-f]{6});?">')

    def to_class(found: re.Match) -> str:
        name = names.get(found.group(1).lower())
        return f'<span class="lossbook-text-{name}">' if name else found.group(0)

    for page in pages:
        text = page.read_text(encoding="utf-8")
        new = style.sub(to_class, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    rules = []
    for name in COLORS:
        rules.append(f'.lossbook-text-{name} {{ color: {TEXT_COLORS["light"][name]}; }}')
        rules.append(f'html[data-theme="dark"] .lossbook-text-{name} '
                     f'{{ color: {TEXT_COLORS["dark"][name]}; }}')
    return rules


def _icons_css(pages: list[Path], outdir: Path) -> list[str]:
    """Replace fontawesome.js (1.5 MB) by CSS masks of the icons the pages use, and drop its tags.

    The icon shapes are read from the theme's own fontawesome.js (Font Awesome Free, icons
    under CC BY 4.0) and drawn with ``currentColor``, so they follow the text colour (dark
    mode). A page that uses an icon the script does not define fails the build.
    """
    script = outdir / "_static" / "scripts" / "fontawesome.js"
    if not script.exists():
        return []
    source = script.read_text(encoding="utf-8")
    used = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        used.update(ICON_CLASS.findall(text))
        page.write_text(FONTAWESOME_TAG.sub("", text), encoding="utf-8")
    rules = [
        # :where() adds no specificity: the theme's own rules that show or hide an icon win.
        ':where(.fa-solid, .fa-regular, .fa-brands, .fas, .far, .fab) { display: inline-block; }',
        '.fa-solid, .fa-regular, .fa-brands, .fas, .far, .fab { width: 1.15em; height: 1em;'
        ' vertical-align: -0.125em; background-color: currentColor;'
        ' -webkit-mask: var(--lb-icon) center / contain no-repeat;'
        ' mask: var(--lb-icon) center / contain no-repeat; }',
        ".fa-lg { font-size: 1.25em; }",
        # The theme's stylesheet would also draw each icon as a glyph of its icon web font
        # (vendor/fontawesome, 156 kB to download): the masks replace the glyphs.
        ':is(.fa-solid, .fa-regular, .fa-brands, .fas, .far, .fab)::before { content: none !important; }',
    ]
    for name in sorted(used):
        found = re.search(r'(?:"%s"|[{,]%s):\[(\d+),(\d+),\[[^\]]*\],"[0-9a-f]*","([^"]+)"\]'
                          % (re.escape(name), re.escape(name)), source)
        if not found:
            logger.warning("icon fa-%s is used but not in the theme's fontawesome.js", name)
            continue
        width, height, path = found.groups()
        svg = (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'>"
               f"<path d='{path}'/></svg>")
        rules.append(f'.fa-{name} {{ --lb-icon: url("data:image/svg+xml,{svg}"); }}')
    return rules


REF = re.compile(r'(?:href|src|content)="([^"#?]+)(?:[?#][^"]*)?"')
CSS_URL = re.compile(r'(?:url\(|@import\s+)(["\']?)(?!data:)([^)"\'?#;\s]+)')
JS_IMPORT = re.compile(r'''(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.{1,2}/[^"']+)["']''')
#: Files that a page's scripts fetch without naming them in the HTML.
FETCHED_BY_SCRIPTS = {"_static/documentation_options.js", "_static/language_data.js",
                      "_static/searchtools.js", "_static/sphinx_highlight.js",
                      # the digits figure loads its data beside lossbook-figures.js (site.js)
                      "_static/digits-data.js"}


GLYPH_RULE = re.compile(r'(?:\.fa-[a-z0-9-]+:(?:before|after),?)+\{content:"[^"]*"\}')


def _drop_glyph_rules(outdir: Path) -> None:
    """The theme's stylesheet maps ~1,400 icon names to glyphs of the icon font (86 kB of its
    397 kB); the icons are masks now (:func:`_icons_css`), so those rules go."""
    css = outdir / "_static" / "styles" / "pydata-sphinx-theme.css"
    if css.exists():
        css.write_text(GLYPH_RULE.sub("", css.read_text(encoding="utf-8")), encoding="utf-8")


#: Referenced, never loaded: the icon web font (the icons are CSS masks, see _icons_css).
NEVER_LOADED = ("_static/vendor/fontawesome/",)


def _prune_static(pages: list[Path], outdir: Path) -> None:
    """Delete every file under _static that no page (nor a stylesheet it loads) references."""
    static = outdir / "_static"
    keep: set[Path] = {(outdir / f).resolve() for f in FETCHED_BY_SCRIPTS}
    for page in pages:
        for ref in REF.findall(page.read_text(encoding="utf-8")):
            if "://" not in ref:
                keep.add((page.parent / html.unescape(ref)).resolve())
    for css in [p for p in keep if p.suffix == ".css" and p.exists()]:
        for _, ref in CSS_URL.findall(css.read_text(encoding="utf-8")):
            keep.add((css.parent / ref).resolve())
    # ES modules import their siblings: follow relative imports, transitively.
    todo = [p for p in keep if p.suffix in (".js", ".mjs") and p.exists()]
    while todo:
        module = todo.pop()
        for ref in JS_IMPORT.findall(module.read_text(encoding="utf-8")):
            target = (module.parent / ref).resolve()
            if target not in keep and target.exists():
                keep.add(target)
                todo.append(target)
    for path in sorted(static.rglob("*"), reverse=True):
        never = path.relative_to(outdir).as_posix().startswith(NEVER_LOADED)
        if path.is_file() and (never or path.resolve() not in keep):
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


NOTEBOOK_IMG = re.compile(r'<img (?![^>]*\bloading=)([^>]*\bsrc="[^"]*_images/)')


def _lazy_images(pages: list[Path]) -> None:
    """Notebook figures load when a reader scrolls near them (``loading="lazy"``), so a cold
    load of a chapter fetches only the figures in view. Their width and height are in the tag
    (``lossbook.plots``), so nothing shifts when they arrive."""
    for page in pages:
        text = page.read_text(encoding="utf-8")
        lazy = NOTEBOOK_IMG.sub(r'<img loading="lazy" decoding="async" \1', text)
        if lazy != text:
            page.write_text(lazy, encoding="utf-8")


def _finish(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    pages = sorted(p for p in outdir.rglob("*.html") if "_static" not in p.parts)
    _copy_katex(outdir)
    _katex_errors(pages, outdir)
    _subset_katex_fonts(pages, outdir)
    rules = _icons_css(pages, outdir) + _text_colors(pages) + _plain_code_tokens(pages, outdir)
    (outdir / "_static" / BUILT_CSS).write_text("\n".join(rules) + "\n", encoding="utf-8")
    _drop_glyph_rules(outdir)
    # Only the published site is pruned. The single-page build (the PDF's print build,
    # scripts/build_pdf.py) writes its page with links relative to the site root, which this
    # pruning cannot follow, and is never published.
    if app.builder.name == "html":
        _lazy_images(pages)  # the print build needs every image at once
        _drop_theme_tab_stops(outdir)
        _prune_static(pages, outdir)
        _trim_theme_css(outdir)  # after pruning: the scripts it reads are the ones shipped


def setup(app: Sphinx) -> dict:
    app.connect("config-inited", _configure_katex)
    app.add_post_transform(CollapseSolutions)
    app.connect("html-page-context", _page_context)
    app.connect("html-page-context", _defer_scripts, priority=900)  # after the theme's own
    app.add_css_file(BUILT_CSS)
    app.add_css_file("lossbook-site.css")
    app.add_js_file("lossbook-site.js", defer="defer")
    # The last build-finished handler: after sphinxcontrib.katex has cleaned up.
    app.connect("build-finished", _finish, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
