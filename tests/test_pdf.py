"""The PDF edition (scripts/build_pdf.py, ``make pdf``), read back with poppler's pdftotext.

Uses the PDF that ``make pdf`` built (``_build/html/downloads/``); builds it first when it is
missing or older than the sources it is made from. What is checked, against the sources (the
notebooks, _toc.yml) rather than against the build script's own record where possible:
every page of the book is there, with its title, on a page of its own; the contents list them
with the right page numbers; the computed numbers of chapter 2 are printed; no maths is left
as TeX; every static figure is embedded and every live figure is drawn; every solution is
open; there is a footer on every page and no theme chrome.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from lossbook_downloads import DOWNLOADS_DIR, PDF_NAME  # noqa: E402

PDF = ROOT / "_build" / "html" / DOWNLOADS_DIR / PDF_NAME
MANIFEST = ROOT / "_build" / "pdf" / "manifest.json"
SOURCES = [ROOT / "_toc.yml", ROOT / "_config.yml", *ROOT.glob("notebooks/*.ipynb"),
           *ROOT.glob("book/*.md"), *ROOT.glob("book/_print/*"), *ROOT.glob("lossbook/web/**/*"),
           ROOT / "scripts" / "build_pdf.py"]
TITLE = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]


def norm(text: str) -> str:
    """Whitespace collapsed, typographic quotes and dashes made plain, for comparisons."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2212", "-").replace("\u00ad", "")
    return " ".join(text.split())


def toc_documents() -> list[Path]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]] + [c["file"] for p in toc.get("parts", []) for c in p["chapters"]]
    return [next(ROOT / (n + s) for s in (".ipynb", ".md") if (ROOT / (n + s)).exists())
            for n in names]


def notebooks() -> list:
    return [nbformat.read(p, as_version=4) for p in toc_documents() if p.suffix == ".ipynb"]


def title_of(path: Path) -> str:
    """The page's title: its first '# ' heading, as plain text."""
    if path.suffix == ".ipynb":
        source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells
                           if c.cell_type == "markdown")
    else:
        source = path.read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", source, re.M).group(1)
    return norm(re.sub(r"[*_`]", "", title))


@pytest.fixture(scope="module")
def pdf() -> Path:
    newest = max(p.stat().st_mtime for p in SOURCES if p.exists())
    if not PDF.exists() or not MANIFEST.exists() or PDF.stat().st_mtime < newest:
        done = subprocess.run([sys.executable, "scripts/build_pdf.py"], cwd=ROOT,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return PDF


@pytest.fixture(scope="module")
def pages(pdf) -> list[str]:
    """The text of each page (pdftotext, in reading order)."""
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext is missing: make pdf installs poppler-utils"
    out = subprocess.run([tool, "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")[:-1]


def footer(n: int, count: int) -> str:
    return f"{norm(TITLE)} · {n} / {count}"


@pytest.fixture(scope="module")
def manifest(pdf) -> dict:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def body(pages) -> str:
    """The book's text, without the footers (which would split sentences across sheets)."""
    return " ".join(norm(t).replace(footer(n, len(pages)), "") for n, t in enumerate(pages, 1))


@pytest.fixture(scope="module")
def prose(pdf, pages) -> str:
    """The same in reading order: the layout mode (``body``) keeps code output's columns, but
    puts the pieces of a tall formula (a superscript, a numerator) on lines of their own, in the
    middle of sentences; prose is compared with this one."""
    out = subprocess.run([shutil.which("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    flow = out.split("\f")[:-1]
    assert len(flow) == len(pages)
    return " ".join(norm(t).replace(footer(n, len(flow)), "") for n, t in enumerate(flow, 1))


def first_page_of(title: str, pages: list[str], after: int) -> int | None:
    """The first page (from 1) after page ``after`` that opens with the title (maybe numbered)."""
    heading = re.compile(r"(\d+\.? )?" + re.escape(title))
    for i in range(after, len(pages)):
        if heading.match(norm(pages[i])):
            return i + 1
    return None


def test_page_count_and_footer(pages, manifest):
    info = subprocess.run(["pdfinfo", str(PDF)], capture_output=True, text=True, check=True).stdout
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert count == len(pages) == manifest["pages"]
    # A title page, the contents, then each page of the book on sheets of its own.
    assert len(toc_documents()) + 2 <= count <= 600, count
    for n, text in enumerate(pages, start=1):
        assert footer(n, count) in norm(text), f"page {n}: no footer with its number"


def test_no_page_is_blank(pages):
    """A page with nothing but its footer (and no image) is a layout fault: e.g. a scroll box."""
    listed = subprocess.run(["pdfimages", "-list", str(PDF)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    with_images = {int(line.split()[0]) for line in listed if line.split()}
    blank = [n for n, text in enumerate(pages, start=1)
             if n not in with_images and not norm(text).replace(footer(n, len(pages)), "").strip()]
    assert not blank, f"pages with nothing on them but the footer: {blank}"


def test_every_page_of_the_book_starts_a_sheet_and_the_contents_give_its_number(pages):
    intro = first_page_of("Introduction", pages, 1)
    assert intro and norm(pages[1]).startswith("Contents"), "no contents on page 2"
    contents = norm(" ".join(pages[1:intro - 1]))
    last = 1
    for path in toc_documents():
        title = title_of(path) if path != toc_documents()[0] else "Introduction"
        found = first_page_of(title, pages, last)
        assert found, f"{path.relative_to(ROOT)}: its title {title!r} heads no page after page {last}"
        # The contents entry: the title, then its page number (which stays on the title's first
        # line when a long title wraps, so it may come inside the extracted title).
        words = [re.escape(w) for w in title.split()]
        entry = re.search(r" (?:(\d+) )?".join(words) + r"(?: (\d+)(?= |$))?", contents)
        numbers = [g for g in entry.groups() if g] if entry else []
        assert numbers == [str(found)], (
            f"the contents give {numbers or 'no page'} for {title!r}, which starts page {found}")
        last = found


def test_sections_are_numbered_and_listed(pages, manifest):
    sections = [e for e in manifest["contents"] if e["level"] == 2 and e["number"]]
    assert len(sections) >= 20, "the chapters' sections should be numbered (1.1, 1.2, ...)"
    for e in sections:
        head = norm(pages[e["page"] - 1])
        assert f"{e['number']}. " in head, f"section {e['number']} not on page {e['page']}"


def test_computed_numbers_of_chapter_two_are_printed(body):
    """Every printed line of chapter 2 that reports 287 (MSE) or 53 (cross-entropy) updates."""
    nb = nbformat.read(ROOT / "notebooks" / "02_neuron_race.ipynb", as_version=4)
    lines = [norm(line) for c in nb.cells if c.cell_type == "code" for o in c.outputs
             if o.output_type == "stream" for line in o.text.splitlines()
             if re.search(r"\b(287|53)\b", line)]
    assert any("287" in x for x in lines) and any("53" in x for x in lines)
    missing = [x for x in lines if x not in body]
    assert not missing, f"outputs of chapter 2 not in the PDF: {missing}"


def test_no_raw_tex(body):
    """TeX delimiters and commands may appear only as often as code and its outputs print them."""
    code = norm(" ".join(
        c.source + " " + " ".join(o.get("text", "") + o.get("data", {}).get("text/plain", "")
                                  for o in c.get("outputs", []))
        for nb in notebooks() for c in nb.cells if c.cell_type == "code"))
    for pattern in (r"\frac", "$$", r"\(", r"\)", r"\[", r"\begin{", r"\sum", r"\mathbf"):
        assert body.count(pattern) <= code.count(pattern), (
            f"{pattern!r} appears {body.count(pattern)} times in the PDF but only "
            f"{code.count(pattern)} times in code: maths left untypeset")


def test_every_static_figure_is_embedded(pdf, body):
    images = {o.data["image/png"] for nb in notebooks() for c in nb.cells if c.cell_type == "code"
              for o in c.outputs if "image/png" in o.get("data", {})}
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    rasters = [line for line in listed if line.split() and line.split()[2] == "image"
               and int(line.split()[3]) > 64 and int(line.split()[4]) > 64]
    assert len(images) >= 10 and len(rasters) >= len(images), (
        f"{len(images)} figures in the notebooks, {len(rasters)} raster images in the PDF")
    captions = [c.metadata["mystnb"]["figure"]["caption"] for nb in notebooks() for c in nb.cells
                if c.metadata.get("mystnb", {}).get("figure", {}).get("caption")]
    missing = [cap for cap in captions if norm(re.sub(r"[*_`$]", "", cap))[:60] not in body]
    assert not missing, f"figure captions not in the PDF: {missing}"


def test_every_live_figure_is_drawn(manifest, body):
    from bs4 import BeautifulSoup

    single = (ROOT / "_build" / "pdf" / "_build" / "singlehtml" / "book" / "intro.html")
    soup = BeautifulSoup(single.read_text(encoding="utf-8"), "html.parser")
    mounts = [m["data-figure"] for m in soup.select(".lossbook-figure[data-figure]")]
    drawn = manifest["live_figures"]
    assert mounts and [f["figure"] for f in drawn] == mounts
    for f in drawn:
        labels = [norm(t) for t in f["text"] if len(norm(t)) >= 4]
        assert labels, f"live figure {f['figure']} drew no labelled SVG"
        missing = [t for t in labels if t not in body]
        assert not missing, f"live figure {f['figure']}: drawn text not in the PDF: {missing}"


def test_solutions_are_open(prose):
    solutions = [c.source for nb in notebooks() for c in nb.cells
                 if c.cell_type == "markdown" and c.source.lstrip().startswith("<details")]
    assert solutions, "no solutions found in the notebooks"
    missing = []
    for src in solutions:
        # Runs of six or more plain words (maths, markup and code cut out): at least one must
        # be in the PDF (a closed <details> prints none). Line breaks around tall maths may
        # split a run in the extracted text, hence "one of them".
        runs = re.findall(r"(?:[A-Za-z,;:']+ ){5,}[A-Za-z,;:']+",
                          re.sub(r"\$[^$]*\$|<[^>]+>|`[^`]*`|[*_]|\[|\]\([^)]*\)", "  ", src))
        if runs and not any(norm(r) in prose for r in runs):
            missing.append(norm(max(runs, key=len))[:80])
    assert not missing, f"solutions not printed (closed?): {missing}"


def test_no_theme_chrome(body):
    for chrome in ("Skip to main content", "Show code cell source", "Hide code cell source",
                   "Ctrl+K", "Toggle navigation", "Back to top", "Click to show"):
        assert chrome not in body, f"theme chrome in the PDF: {chrome!r}"


def test_links_point_into_the_book_or_to_the_web(pdf):
    """No link of the PDF leads to the machine that printed it (127.0.0.1, a file path)."""
    from pypdf import PdfReader

    internal = external = 0
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if uri:
                external += 1
                assert uri.startswith(("https:", "http:", "mailto:")) and not re.search(
                    r"//(127\.0\.0\.1|localhost)[:/]", uri), f"link to the build machine: {uri}"
            elif "/Dest" in annot:
                internal += 1
    assert internal >= 50, f"only {internal} links inside the book (contents, cross-references)"
