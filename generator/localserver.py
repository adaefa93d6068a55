"""A quiet static file server on 127.0.0.1, for the benchmarks and the browser tests (never another host)."""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the browser drops connections it no longer needs (BrokenPipe); nothing to report


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1 while the block runs; yields "http://127.0.0.1:PORT"."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    with _Server(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
