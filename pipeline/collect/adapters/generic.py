"""The generic mode: any portal, with no per-site code. Every same-site link is followed;
a page is kept as a document when it is about OCOP (`OCOP`, `mỗi xã một sản phẩm`, with or
without marks), and so is every PDF/Word attachment linked from such a page or named
for OCOP. A SharePoint list's item page (`/Lists/{List}/DispForm.aspx?ID=`) about OCOP is a
document page, and its attachments (`/Lists/{List}/Attachments/{ID}/`) are followed. Traps
(calendars, endless query variants) are bounded by the crawler."""
from __future__ import annotations

import re
import urllib.parse
from typing import Any

from bs4 import BeautifulSoup

from extractors.vietnamese import fold

from .base import ATTACHMENT, Adapter, Link, absolute, properties, text_of

OCOP = re.compile(r"ocop|moi xa mot san pham")
MIN_PROSE = 150  # characters of text outside links: less is a listing or a stub


def about_ocop(text: str) -> bool:
    return bool(OCOP.search(fold(text)))


# A SharePoint list's item (`…/Lists/VanBan/DispForm.aspx?ID=12`) and its attachments
# (`…/Lists/VanBan/Attachments/12/…`): some provincial departments publish documents so.
SHAREPOINT_ITEM = re.compile(r"(?i)/Lists/([^/]+)/DispForm\.aspx$")
SHAREPOINT_ATTACHMENT = re.compile(r"(?i)/Lists/[^/]+/Attachments/\d+/")


class Generic(Adapter):
    def variant_key(self, url: str) -> str:
        # each item of a SharePoint list is its own page, though all share DispForm.aspx
        if SHAREPOINT_ITEM.search(urllib.parse.urlsplit(url).path):
            return url
        return super().variant_key(url)

    def links(self, url: str, soup: BeautifulSoup) -> list[Link]:
        relevant = self.document(url, soup) is not None
        out = []
        for a in soup.find_all("a", href=True):
            target = absolute(url, a["href"])
            if target is None:
                continue
            if ATTACHMENT.search(target) or SHAREPOINT_ATTACHMENT.search(target):
                if relevant or about_ocop(text_of(a) + " " + target):
                    out.append(Link(target, "attachment"))
            else:
                out.append(Link(target, "page"))
        return out

    def document(self, url: str, soup: BeautifulSoup) -> dict[str, Any] | None:
        """A page of prose about OCOP; a listing (mostly links) is not a document. A
        SharePoint list item about OCOP is one however short, with what its form states."""
        title = text_of(soup.find("h1")) or text_of(soup.find("title"))
        parts = urllib.parse.urlsplit(url)
        item = SHAREPOINT_ITEM.search(parts.path)
        if item:
            form = soup.find("table", class_="ms-formtable") or soup.find("table")
            if not about_ocop(title + " " + text_of(form)):
                return None
            stated = properties(form)
            query = {k.lower(): v for k, v in urllib.parse.parse_qsl(parts.query)}
            return {**stated, "list": item[1], **({"item_id": query["id"]} if "id" in query else {})}
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
    parts = urllib.parse.urlsplit(start_url)
    return Generic("generic", "any portal, no per-site code", [start_url], f"{parts.scheme}://{parts.netloc}/")
