"""Fixture sites served over real HTTP on 127.0.0.1 by the tests themselves.

`FixtureSite(folder)` serves the static pages of a site in `corpus/sites/<name>/` (by path,
or by query where the folder's `routes.json` says which page a query is), files under
`/files/` or at their own path (mapped to bundled corpus documents or bytes given), a calendar trap under
`/lich/`, and the faults a crawler meets under `/faults/`. Pages can be changed or
removed between two crawls (`site.pages`) to test re-crawls. Nothing here talks to any
address but 127.0.0.1.
"""
from __future__ import annotations

import json
import socket
import struct
import threading
import time
import urllib.parse
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "corpus" / "sites"
CORPUS = ROOT / "corpus" / "documents"

TYPES = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf", ".txt": "text/plain; charset=utf-8",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".doc": "application/msword"}


class FixtureSite:
    def __init__(self, folder: Path, files: dict[str, bytes] | None = None, max_body: int = 1 << 20,
                 port: int = 0) -> None:
        self.folder = folder
        self.pages: dict[str, bytes | None] = {}  # overrides: path → body (None: removed, a 404)
        self.files = files or {}
        self.hits: Counter = Counter()
        self.revalidated = 0  # conditional requests answered 304
        self.requests: list[str] = []
        self.posts: list[dict[str, str]] = []  # the forms POSTed, in order
        self.max_body = max_body
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.requests.append(self.path)
                site.hits[self.path] += 1
                site.handle(self)

            def do_POST(self) -> None:  # noqa: N802 - an ASP.NET postback
                length = int(self.headers.get("Content-Length") or 0)
                form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))
                site.requests.append(f"POST {self.path} {form.get('__EVENTARGUMENT', '')}")
                site.posts.append(form)
                page = site.route(urllib.parse.urlsplit(self.path).path, "", form)
                if page is None:
                    return site.send(self, 404, b"no such postback")
                return site.send(self, 200, (site.folder / page).read_bytes())

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that gave up (a timeout test) breaks the pipe: expected, not news

        self.server = Server(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FixtureSite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- responses
    @staticmethod
    def send(h: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
             content_type: str = "text/html; charset=utf-8") -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(body)

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        parts = urllib.parse.urlsplit(h.path)
        path = parts.path
        if path.startswith("/faults/"):
            return self.fault(h, path[len("/faults/"):])
        if path == "/lich/":
            day = int(urllib.parse.parse_qs(parts.query).get("ngay", ["1"])[0])
            body = (f'<html><body><h1>Lịch công tác ngày {day}</h1><a href="/lich/?ngay={day + 1}">Ngày sau</a> '
                    f'<a href="/lich/?ngay={day - 1}">Ngày trước</a></body></html>')
            return self.send(h, 200, body.encode())
        if path in self.files:  # a file at its own path (`/documents/20182/0/…`, as Liferay serves them)
            return self.send(h, 200, self.files[path], content_type=TYPES.get(Path(path).suffix, "application/pdf"))
        if path.startswith("/files/"):
            name = path[len("/files/"):]
            if name in self.files:
                return self.send(h, 200, self.files[name], content_type=TYPES.get(Path(name).suffix, "application/pdf"))
            return self.send(h, 404, b"not found")
        routed = self.route(path, parts.query)
        if routed in self.pages or path in self.pages:
            body = self.pages[routed if routed in self.pages else path]
            return self.send(h, 404, b"gone") if body is None else self.send(h, 200, body)
        local = self.folder / (routed or path.lstrip("/") or "index.html")
        if local.is_dir():
            local = local / "index.html"
        if local.is_file():
            data = local.read_bytes()
            etag = f'"{hash(data) & 0xffffffff:x}"'
            if h.headers.get("If-None-Match") == etag:
                self.revalidated += 1
                return self.send(h, 304, b"", {"ETag": etag})
            return self.send(h, 200, data, {"ETag": etag, "Set-Cookie": "PHPSESSID=s3cr3t; HttpOnly"},
                             TYPES.get(local.suffix, "text/html; charset=utf-8"))
        return self.send(h, 404, b"not found")

    def route(self, path: str, query: str, form: dict[str, str] | None = None) -> str | None:
        """The saved page a query URL or a POSTed form is (`routes.json` in the site's folder:
        path, the query parameters or form fields it must carry, file), for sites whose pages
        differ by their query or their postback only."""
        routes = self.folder / "routes.json"
        if not routes.is_file():
            return None
        given = form if form is not None else dict(urllib.parse.parse_qsl(query, keep_blank_values=True))
        key = "form" if form is not None else "query"
        matching = [r for r in json.loads(routes.read_text(encoding="utf-8"))
                    if r["path"] == path and key in r and all(given.get(k) == v for k, v in r[key].items())]
        return max(matching, key=lambda r: len(r[key]))["file"] if matching else None

    def fault(self, h: BaseHTTPRequestHandler, name: str) -> None:
        page = "<html><body><article><h1>Tin OCOP</h1><p>Chương trình OCOP.</p></article></body></html>".encode()
        if name == "500":
            return self.send(h, 500, b"server error")
        if name == "429":
            # busy the first time, with a Retry-After the client must honour
            if self.hits[h.path] == 1:
                return self.send(h, 429, b"slow down", {"Retry-After": "1"})
            return self.send(h, 200, page)
        if name == "busy-for-hours":
            # a server that asks to be left alone for two hours
            return self.send(h, 503, b"maintenance", {"Retry-After": "7200"})
        if name == "slow":
            time.sleep(3)
            return self.send(h, 200, page)
        if name == "reset":
            # close with RST: no status line at all
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.connection.close()
            h.close_connection = True
            return None
        if name == "truncated":
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Content-Length", "5000")
            h.end_headers()
            h.wfile.write(page[:50])
            h.wfile.flush()
            h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.connection.close()
            h.close_connection = True
            return None
        if name in ("loop", "loop2"):
            return self.send(h, 302, b"", {"Location": "/faults/loop2" if name == "loop" else "/faults/loop"})
        if name == "offsite":
            return self.send(h, 302, b"", {"Location": "http://offsite.invalid/ocop.html"})
        if name == "huge":
            return self.send(h, 200, b"<html>" + b" " * (self.max_body * 2) + b"</html>")
        return self.send(h, 404, b"no such fault")


def crawl_with_adapter(site: FixtureSite, name: str, db: Path, archive: Path) -> dict:
    """Crawl the running `site` with the adapter `name` pointed at it, into `db` and
    `archive`, as `ocop crawl NAME --base-url` does; returns the crawl's summary."""
    from pipeline.collect import adapters
    from pipeline.collect.crawl import Crawler
    from pipeline.collect.fetch import Fetcher
    from pipeline.collect.state import CrawlState

    adapter = adapters.make(name, site.url + "/")
    fetcher = Fetcher(adapter.domains, rate=50, retries=1, backoff=0.1, allow_private=True)
    state = CrawlState(db)
    try:
        return Crawler(adapter, state, archive, fetcher).run().as_dict()
    finally:
        fetcher.close()
        state.close()
