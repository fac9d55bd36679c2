"""What the site benchmarks share: their arguments, and the built site served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def arguments(argv: list[str]) -> tuple[Path, Path | None]:
    """``[HTML_DIR] [--json OUT]`` -> (the built site, default _build/html; the JSON file or None)."""
    out = None
    if "--json" in argv:
        out = Path(argv[argv.index("--json") + 1])
        argv = [a for a in argv if a not in ("--json", str(out))]
    return (Path(argv[0]).resolve() if argv else ROOT / "_build" / "html"), out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(html: Path):
    """Serve ``html`` on 127.0.0.1 and a free port; yield its base URL (ending in '/')."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(_Quiet, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
