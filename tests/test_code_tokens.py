"""The site build's code-token simplification (book/_ext/lossbook_site.py, _plain_code_tokens).

Spans styled like the code around them are unwrapped, neighbours styled alike become one span,
and nothing else changes: the text of every block is kept character for character.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))
import lossbook_site  # noqa: E402  (the book's Sphinx extension, beside conf.py's other extensions)

PYGMENTS_CSS = """
html[data-theme="light"] .highlight { background: #fefefe; color: #080808 }
html[data-theme="light"] .highlight .n { color: #080808 }
html[data-theme="light"] .highlight .p { color: #080808 }
html[data-theme="light"] .highlight .k { color: #6730C5 }
html[data-theme="light"] .highlight .s2 { color: #00622F }
html[data-theme="light"] .highlight .si { color: #00622F }
html[data-theme="light"] .highlight .o { color: #00622F; font-weight: bold }
html[data-theme="dark"] .highlight { background: #2b2b2b; color: #F8F8F2 }
html[data-theme="dark"] .highlight .n { color: #F8F8F2 }
html[data-theme="dark"] .highlight .p { color: #ABE338 }
html[data-theme="dark"] .highlight .k { color: #DCC6E0 }
html[data-theme="dark"] .highlight .s2 { color: #ABE338 }
html[data-theme="dark"] .highlight .si { color: #ABE338 }
html[data-theme="dark"] .highlight .o { color: #ABE338; font-weight: bold }
"""
CODE = ('<div class="highlight"><pre><span></span><span class="k">for</span> <span class="n">x</span>'
        '<span class="p">(</span><span class="s2">&quot;a</span><span class="si">{</span>'
        '<span class="o">=</span><span class="si">}</span></pre></div>')
PROSE = '<p><span class="n">not code</span></p>'


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_only_spans_that_change_nothing_go(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "pygments.css").write_text(PYGMENTS_CSS)
    page = tmp_path / "page.html"
    page.write_text(PROSE + CODE)
    rules = lossbook_site._plain_code_tokens([page], tmp_path)
    out = page.read_text()
    assert rules == [".highlight pre { color: inherit; }  /* unwrapped: n */"]
    # n is styled like the block in both modes: unwrapped; p differs in dark mode: kept;
    # s2 and si are alike: one span; o is bold: kept; the empty span goes; prose is untouched.
    assert out == PROSE + (
        '<div class="highlight"><pre><span class="k">for</span> x<span class="p">(</span>'
        '<span class="s2">&quot;a{</span><span class="o">=</span><span class="si">}</span>'
        '</pre></div>')
    assert _text(out) == _text(PROSE + CODE)


def test_no_theme_colours_no_change(tmp_path):
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "pygments.css").write_text(".highlight .n { color: #000 }\n")
    page = tmp_path / "page.html"
    page.write_text(CODE)
    assert lossbook_site._plain_code_tokens([page], tmp_path) == []
    assert page.read_text() == CODE
