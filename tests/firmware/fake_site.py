"""A local HTTP server laid out like MicroPython's download site, for download tests."""

from __future__ import annotations

import http.server
import threading


class FakeSite:
    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.truncate: set[str] = set()      # paths whose body stops half way
        self.requests: list[str] = []
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                site.requests.append(self.path)
                body = site.files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.path in site.truncate:
                    self.wfile.write(body[:len(body) // 2])
                    self.wfile.flush()
                    self.connection.shutdown(2)
                    return
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def board_page(self, board: str, file_names: list[str], files: dict[str, bytes] | None = None) -> None:
        """A board page as the real site writes it: release rows linking /resources/firmware/<name>."""
        rows = "\n".join(
            f'<li><a href="/resources/firmware/{name}">v{name.split("-v", 1)[1].rsplit(".", 1)[0]}'
            f' ({name.split("-")[-2]})</a> .{name.rsplit(".", 1)[1]}</li>'
            for name in file_names)
        self.files[f"/download/{board}/"] = (
            f"<html><head><title>MicroPython - {board}</title></head><body><h1>{board}</h1>"
            f'<a href="/download/">all boards</a><h2>Firmware</h2><ul>{rows}</ul>'
            f'<a href="/resources/firmware/{board}-20200101-v1.12.map">map</a></body></html>').encode()
        for name, data in (files or {}).items():
            self.files[f"/resources/firmware/{name}"] = data
