"""The raw archive: every response, as fetched, in WARC files (warcio), the web
archivists' standard. A record is written before the response is parsed; the database
keeps its file and offset, so any document can be re-parsed without a re-fetch and
traced to the exact bytes it came from."""
from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


class Archive:
    """Append-only WARC files in `folder`, one per crawl run (`<run>.warc.gz`)."""

    def __init__(self, folder: Path, run: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{run}.warc.gz"
        self._lock = threading.Lock()

    def write(self, url: str, status: int, headers: dict[str, str], body: bytes, fetched_at: dt.datetime) -> int:
        """Archive one response; returns the record's offset in `self.path`. The body is stored
        decoded (as requests hands it over), so the transfer and content codings are dropped
        from the stored headers and the length set to the stored body's."""
        # Cookies a site sets are session secrets, not provenance: they are not archived.
        kept = [(k, v) for k, v in headers.items()
                if k.lower() not in ("content-encoding", "transfer-encoding", "content-length", "set-cookie")]
        kept.append(("Content-Length", str(len(body))))
        http_headers = StatusAndHeaders(f"{status} {_reason(status)}", kept, protocol="HTTP/1.1")
        with self._lock, open(self.path, "ab") as fh:
            offset = fh.tell()
            writer = WARCWriter(fh, gzip=True)
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http_headers,
                warc_headers_dict={"WARC-Date": fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ")},
            )
            writer.write_record(record)
            fh.flush()
        return offset


def read_record(path: Path, offset: int) -> tuple[str, dict[str, str], bytes]:
    """(URL, HTTP headers, body) of the record at `offset` in a WARC file."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            headers = dict(record.http_headers.headers) if record.http_headers else {}
            return record.rec_headers.get_header("WARC-Target-URI"), headers, record.content_stream().read()
    raise ValueError(f"no WARC record at {path}:{offset}")


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"
