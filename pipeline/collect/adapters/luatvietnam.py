"""luatvietnam.vn, a legal database whose pages state their document in structured data.

Shape (`../shared/sites/REAL-STRUCTURES.md`): detail pages
`/{linh-vuc}/{slug}-{docId}-d1.html`, whose head carries schema.org JSON-LD (an `@graph` with
a `Legislation`: `legislationIdentifier` the symbol, `legislationType`,
`legislationPassedBy` the issuer, `datePublished`, `dateModified`, `keywords`), and whose
`<body data-ctrl="doc" data-act="detail" data-id=… data-xc-dk=SYMBOL data-xc-tp=TYPE>`
says it again. A detail page is the document, carrying that metadata; listings (a field's
page, search results) are followed to the detail pages they link. A detail page with no
structured data at all is drift.

Example pages (reconstructed from the documented structure) and their expected output:
`corpus/sites/luatvietnam/`.
"""
from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup

from . import register
from .base import Adapter, Drift, Link, absolute
from .structured import legislation

_DETAIL = re.compile(r"-(\d+)-d1\.html$")


@register
class LuatVietnam(Adapter):
    NAME = "luatvietnam"
    SITE_KIND = "legal database"
    DESCRIPTION = "luatvietnam.vn: listings to detail pages, the document's metadata from their JSON-LD"
    BASE_URL = "https://luatvietnam.vn/"
    START_PATHS = ["/nong-nghiep.html"]

    def links(self, url: str, soup: BeautifulSoup) -> list[Link]:
        if _DETAIL.search(url.split("?", 1)[0]):
            return []  # the document itself; its related links are other listings' business
        out: list[Link] = []
        for a in soup.find_all("a", href=True):
            target = absolute(url, a["href"])
            if target and (_DETAIL.search(target.split("?", 1)[0]) or "page=" in target) \
                    and all(link.url != target for link in out):
                out.append(Link(target, "page"))
        return out

    def document(self, url: str, soup: BeautifulSoup) -> dict[str, Any] | None:
        found = _DETAIL.search(url.split("?", 1)[0])
        if not found:
            return None
        stated = legislation(soup)
        body = soup.body or {}
        for attribute, field in (("data-xc-dk", "number"), ("data-xc-tp", "doc_type")):
            value = " ".join((body.get(attribute) or "").split()) if hasattr(body, "get") else ""
            if value:
                stated.setdefault(field, value)
        if "number" not in stated:
            raise Drift("luatvietnam detail: no structured data")
        stated["doc_id"] = found[1]
        return stated
