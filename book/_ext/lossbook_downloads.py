"""A Sphinx extension for the book's two downloads: the PDF edition and the runnable chapters.

* On the HTML site, every page's download menu (sphinx-book-theme's "Download this page"
  dropdown) gets two entries, first: every chapter as a runnable archive (the notebooks, the
  ``lossbook`` package as a wheel, a requirements.txt), and the whole book as one PDF. The
  theme's own ``.ipynb`` entry stays, with a tooltip saying that the notebook alone needs
  ``lossbook`` and that the archive has it. The links are relative, so they work from disk
  and when served.
* On the single-page build (``--builder singlehtml``), from which ``scripts/build_pdf.py``
  prints the PDF, the print stylesheet and script in ``book/_print/`` are added (and only
  there).

The two files are written into ``_build/html/downloads/`` by ``scripts/build_pdf.py`` and
``scripts/build_download.py`` (``make pdf``, ``make download``), which take their names from
here.
"""

from __future__ import annotations

from pathlib import Path

#: Where the downloads sit inside the built site (``_build/html``), and their names.
DOWNLOADS_DIR = "downloads"
PDF_NAME = "cross-entropy-not-mse.pdf"
ZIP_NAME = "cross-entropy-not-mse-notebooks.zip"

PRINT_DIR = Path(__file__).resolve().parent.parent / "_print"


def _add_print_assets(app) -> None:
    if app.builder.name != "singlehtml":
        return
    app.config.html_static_path = [*app.config.html_static_path, str(PRINT_DIR)]
    app.add_css_file("print.css")
    app.add_js_file("print.js")


def _add_download_entries(app, pagename, templatename, context, doctree) -> None:
    """Add the PDF and the archive to the theme's download dropdown of this page."""
    if app.builder.name != "html":
        return
    groups = [b for b in context.get("header_buttons", []) if b.get("label") == "download-buttons"]
    if not groups:
        return
    pathto = context["pathto"]
    buttons = groups[0]["buttons"]
    for button in buttons:
        if button.get("label") == "download-notebook-button" or button.get("text") == ".ipynb":
            button["tooltip"] = (
                "This notebook alone (it imports the book's lossbook package: "
                "the chapters .zip has it)"
            )
        if button.get("label") == "download-pdf-button":
            button["text"] = "page .pdf"
            button["tooltip"] = "Print this page to PDF"
    buttons[:0] = [
        {
            "type": "link",
            "url": pathto(f"{DOWNLOADS_DIR}/{ZIP_NAME}", 1),
            "text": "chapters .zip",
            "tooltip": "Every chapter as a runnable notebook, with the lossbook package "
            "and a requirements.txt",
            "icon": "fas fa-file-zipper",
            "label": "download-chapters-button",
        },
        {
            "type": "link",
            "url": pathto(f"{DOWNLOADS_DIR}/{PDF_NAME}", 1),
            "text": "book .pdf",
            "tooltip": "The whole book as one PDF",
            "icon": "fas fa-book",
            "label": "download-book-pdf-button",
        },
    ]


def setup(app):
    app.connect("builder-inited", _add_print_assets)
    # After sphinx-book-theme has built its buttons (priority 501).
    app.connect("html-page-context", _add_download_entries, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
