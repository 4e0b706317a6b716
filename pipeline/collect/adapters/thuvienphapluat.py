"""thuvienphapluat.vn, a legal database: its search results, and detail pages with the text.

Shape (`../shared/sites/REAL-STRUCTURES.md`): detail pages
`/van-ban/{Linh-vuc}/{Slug}-{id}.aspx`; the text in
`div#ctl00_Content_ThongTinVB_pnlDocContent > div#divContentDoc.cldivContentDocVn >
div.content1` (fallbacks `#tab1.contentDoc`, `#ctl00_Content_ThongTinVB_divNoiDung`,
`div#toanvancontent`), surrounded by paywall and login noise (the parse stage reads the
container alone). A `.TaiVanBan` block inside the container means the text is not shown
(download only): then the PDF (`#ctl00_Content_ThongTinVB_filePDFHyperLink`) is the
document. Search results (`/page/tim-van-ban.aspx?keyword=`) are followed to the detail
pages. A detail page with neither the text container nor the download block is drift.

Example pages (reconstructed from the documented structure) and their expected output:
`corpus/sites/thuvienphapluat/`.
"""
from __future__ import annotations

import re
import urllib.parse
from typing import Any

from bs4 import BeautifulSoup

from . import register
from .base import Adapter, Drift, Link, absolute, text_of
from .structured import legislation

_DETAIL = re.compile(r"^/van-ban/[^/]+/[^/]+-(\d+)\.aspx$")
TEXT_SELECTORS = ("div#ctl00_Content_ThongTinVB_pnlDocContent div#divContentDoc div.content1",
                  "#tab1.contentDoc", "#ctl00_Content_ThongTinVB_divNoiDung", "div#toanvancontent")
_PDF = "#ctl00_Content_ThongTinVB_filePDFHyperLink"


@register
class ThuVienPhapLuat(Adapter):
    NAME = "thuvienphapluat"
    SITE_KIND = "legal database"
    DESCRIPTION = "thuvienphapluat.vn: search results, detail pages with the text, the PDF where the text is not shown"
    BASE_URL = "https://thuvienphapluat.vn/"
    START_PATHS = ["/page/tim-van-ban.aspx?keyword=OCOP"]

    def links(self, url: str, soup: BeautifulSoup) -> list[Link]:
        if _is_detail(url):
            if _download_only(soup):
                pdf = soup.select_one(f"{_PDF}[href]")
                target = absolute(url, pdf["href"]) if pdf else None
                if target is None:
                    raise Drift("thuvienphapluat detail: download only, no PDF link")
                return [Link(target, "attachment", {**legislation(soup), "title": _title(soup)})]
            return []
        out: list[Link] = []
        for a in soup.find_all("a", href=True):
            target = absolute(url, a["href"])
            if target and (_is_detail(target) or "tim-van-ban.aspx" in target) \
                    and all(link.url != target for link in out):
                out.append(Link(target, "page"))
        return out

    def document(self, url: str, soup: BeautifulSoup) -> dict[str, Any] | None:
        if not _is_detail(url):
            return None
        if _download_only(soup):
            return None  # its PDF is the document
        if _text(soup) is None:
            raise Drift("thuvienphapluat detail: no text container")
        return {"title": _title(soup)} if _title(soup) else {}


def _is_detail(url: str) -> bool:
    return bool(_DETAIL.match(urllib.parse.urlsplit(url).path))


def _text(soup: BeautifulSoup) -> Any:
    for selector in TEXT_SELECTORS:
        found = soup.select_one(selector)
        if found is not None:
            return found
    return None


def _download_only(soup: BeautifulSoup) -> bool:
    container = soup.select_one("div#ctl00_Content_ThongTinVB_pnlDocContent") or _text(soup)
    return container is not None and container.select_one(".TaiVanBan") is not None


def _title(soup: BeautifulSoup) -> str:
    return text_of(soup.find("h1"))
