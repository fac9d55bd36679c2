"""A Sphinx extension for the book's site: load MathJax on every page.

Sphinx adds MathJax only to pages whose body has math, but the sidebar lists every chapter's
title on every page, and some titles hold math (e.g. "w = ln 9"). Loading the (local) MathJax
everywhere typesets those titles on the search page and the index too.
"""


def setup(app):
    app.set_html_assets_policy("always")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
