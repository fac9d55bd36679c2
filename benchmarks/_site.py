"""What the site benchmarks share: their arguments, and the built site served on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def arguments(argv: list[str]) -> tuple[Path, Path | None]:
    """``[HTML_DIR] [--json OUT] [--gzip]`` -> (the built site, default _build/html; the JSON
    file or None). ``--gzip`` (read by :func:`served`'s caller) is removed from the list."""
    argv = [a for a in argv if a != "--gzip"]
    out = None
    if "--json" in argv:
        out = Path(argv[argv.index("--json") + 1])
        argv = [a for a in argv if a not in ("--json", str(out))]
    return (Path(argv[0]).resolve() if argv else ROOT / "_build" / "html"), out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    # Keep connections open between requests (HTTP/1.1), as every real host does; HTTP/1.0's
    # new connection per file would cost a simulated phone a round trip for each one.
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass


COMPRESSED = (".html", ".css", ".js", ".svg", ".json", ".txt")


class _Gzip(_Quiet):
    """Text files gzipped when the browser accepts it, as static hosts (GitHub Pages) send them."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def served(html: Path, compress: bool = False):
    """Serve ``html`` on 127.0.0.1 and a free port (text gzipped if ``compress``); yield its
    base URL (ending in '/')."""
    handler = _Gzip if compress else _Quiet
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(handler, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
