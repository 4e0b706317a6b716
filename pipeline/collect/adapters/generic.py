"""The generic mode: any portal, with no per-site code. Every same-site link is followed;
a page is kept as a document when it is about OCOP (`OCOP`, `mỗi xã một sản phẩm`, with or
without marks), and so is every PDF/Word attachment linked from such a page or named
for OCOP. Traps (calendars, endless query variants) are bounded by the crawler."""
from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup

from extractors.vietnamese import fold

from .base import ATTACHMENT, Adapter, Link, absolute, text_of

OCOP = re.compile(r"ocop|moi xa mot san pham")
MIN_PROSE = 150  # characters of text outside links: less is a listing or a stub


def about_ocop(text: str) -> bool:
    return bool(OCOP.search(fold(text)))


class Generic(Adapter):
    def links(self, url: str, soup: BeautifulSoup) -> list[Link]:
        relevant = self.document(url, soup) is not None
        out = []
        for a in soup.find_all("a", href=True):
            target = absolute(url, a["href"])
            if target is None:
                continue
            if ATTACHMENT.search(target):
                if relevant or about_ocop(text_of(a) + " " + target):
                    out.append(Link(target, "attachment"))
            else:
                out.append(Link(target, "page"))
        return out

    def document(self, url: str, soup: BeautifulSoup) -> dict[str, Any] | None:
        """A page of prose about OCOP; a listing (mostly links) is not a document."""
        title = text_of(soup.find("h1")) or text_of(soup.find("title"))
        main = soup.find("article") or soup.find("main") or soup.body
        if main is None:
            return None
        prose = text_of(main)
        for a in main.find_all("a"):
            prose = prose.replace(text_of(a), " ", 1)
        if len(" ".join(prose.split())) < MIN_PROSE or not about_ocop(title + " " + prose[:20000]):
            return None
        return {"title": title} if title else {}


def generic(start_url: str) -> Generic:
    import urllib.parse

    parts = urllib.parse.urlsplit(start_url)
    return Generic("generic", "any portal, no per-site code", [start_url], f"{parts.scheme}://{parts.netloc}/")
