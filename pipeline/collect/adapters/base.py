"""What a site adapter is: where a site's crawl starts, which links to follow, and which
pages are documents (with the metadata the page states). One adapter per site shape, each
in its own module, each with saved example pages and their expected output in
`corpus/sites/<name>/` (served by the tests as a fixture site)."""
from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup

ATTACHMENT = re.compile(r"(?i)\.(?:pdf|docx?)(?:$|[?#])")
SKIP = re.compile(
    r"(?i)^(?:mailto:|javascript:|tel:|#)|\.(?:jpe?g|png|gif|svg|webp|css|js|ico|zip|rar|mp4|mp3)(?:$|\?)"
)


class Drift(Exception):
    """A page that lacks what its adapter expects of it (a listing with no rows, a detail
    page without its symbol label): the site changed its markup. The message names the
    case (`vbpq listing: 0 rows`); the crawl counts it in its summary (`drift`), stores
    nothing from the page and marks nothing removed, so no empty document is kept and no
    real one is lost to a redesign."""


@dataclass
class Link:
    url: str
    kind: str  # "page" (fetched and followed) or "attachment" (a file kept as a document)
    metadata: dict[str, Any] | None = None  # what the linking page states about an attachment
    form: dict[str, str] | None = None  # a page reached by a form's POST (an ASP.NET postback), its fields


@dataclass
class Adapter:
    name: str
    description: str
    start_paths: list[str]
    base_url: str  # the site's address; `ocop crawl NAME --base-url` points it elsewhere (a fixture site)

    @property
    def domains(self) -> list[str]:
        return [urllib.parse.urlsplit(self.base_url).hostname or ""]

    def start_urls(self) -> list[str]:
        return [urllib.parse.urljoin(self.base_url, p) for p in self.start_paths]

    def links(self, url: str, soup: BeautifulSoup) -> list[Link]:
        """The links of a fetched page to follow or store."""
        raise NotImplementedError

    def variant_key(self, url: str) -> str:
        """What URLs count as variants of one page for the crawler's trap guard (a calendar's
        `?date=…` without end): by default the host and path, the query aside. A site whose
        documents differ by their query only (a portlet's `?…_id=`) counts each apart."""
        parts = urllib.parse.urlsplit(url)
        return f"{parts.netloc}{parts.path}"

    def document(self, url: str, soup: BeautifulSoup) -> dict[str, Any] | None:
        """The metadata a document page states, or None when the page is not a document."""
        raise NotImplementedError


def absolute(base: str, href: str | None) -> str | None:
    """A crawlable absolute URL for a link, without its fragment; None for what is not one."""
    if not href or SKIP.search(href.strip()):
        return None
    url = urllib.parse.urljoin(base, href.strip())
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    query = urllib.parse.urlencode(sorted(urllib.parse.parse_qsl(parts.query, keep_blank_values=True)))
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", query, ""))


def text_of(node: Any) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""


# Labels of a properties table (`Số ký hiệu | 1599/QĐ-UBND`), folded, and the field each gives.
PROPERTY_FIELDS = {
    "so ky hieu": "number", "so hieu": "number", "so van ban": "number", "ky hieu": "number",
    "ngay ban hanh": "date", "ngay ky": "date", "co quan ban hanh": "issuer", "noi ban hanh": "issuer",
    "don vi ban hanh": "issuer", "loai van ban": "doc_type", "hinh thuc van ban": "doc_type",
    "nguoi ky": "signer", "trich yeu": "title", "ngay hieu luc": "effective", "ngay co hieu luc": "effective",
    "tinh trang": "status", "tinh trang hieu luc": "status", "linh vuc": "field",
    "so/ki hieu": "number", "so/ky hieu": "number", "so ki hieu": "number", "the loai": "doc_type",
}


def properties(table: Any) -> dict[str, str]:
    """A label/value table as fields (`number`, `date` as ISO, `issuer`, `doc_type`,
    `signer`, `title`, `effective`, `status`, `field`); unknown labels are left out."""
    from extractors.dates import parse_date
    from extractors.vietnamese import fold

    out: dict[str, str] = {}
    if table is None:
        return out
    for row in table.find_all("tr"):
        cells = row.find_all(["th", "td"])
        for label_cell, value_cell in zip(cells[::2], cells[1::2], strict=False):
            label = fold(text_of(label_cell)).strip(" :")
            field = PROPERTY_FIELDS.get(label)
            value = text_of(value_cell)
            if field and value:
                if field in ("date", "effective"):
                    value = parse_date(value) or value
                out[field] = value
    return out
