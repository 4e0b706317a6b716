"""A national legal-document database (the shape of vbpl.vn and its mirrors).

Shape: a search results page (one item per document, linking its detail page, paginated),
and a detail page with a properties table (số hiệu, loại văn bản, nơi/cơ quan ban hành,
người ký, ngày ban hành, ngày hiệu lực, tình trạng, lĩnh vực), the full text when the
database has it, and the original file as an attachment. A page with the full text is the
document; without it, its attachment is, carrying the page's properties.

Saved example pages and their expected output: `corpus/sites/legal_database/`.
"""
from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from . import register
from .base import ATTACHMENT, Adapter, Link, absolute, properties, text_of


@register
class LegalDatabase(Adapter):
    NAME = "legal_database"
    SITE_KIND = "legal database"  # the copies it holds are another publisher's
    DESCRIPTION = "a national legal-document database: search results, detail pages, full text, originals"
    BASE_URL = "https://vbpl.vn/"
    START_PATHS = ["/tim-kiem.html?keyword=OCOP"]

    @staticmethod
    def _card(soup: BeautifulSoup) -> dict[str, Any]:
        return properties(soup.find("table", class_="thuoc-tinh"))

    @staticmethod
    def _full_text(soup: BeautifulSoup) -> str:
        return text_of(soup.find(class_="toan-van"))

    def links(self, url: str, soup: BeautifulSoup) -> list[Link]:
        card = self._card(soup)
        if card:
            if self._full_text(soup):
                return []  # the page is the document; its original adds nothing to read
            return [Link(target, "attachment", {**card, "title": text_of(soup.find("h1"))})
                    for a in soup.find_all("a", href=True)
                    if (target := absolute(url, a["href"])) and ATTACHMENT.search(target)]
        out = [Link(target, "page") for a in soup.select(".search-result .item a.title[href]")
               if (target := absolute(url, a["href"]))]
        out += [Link(target, "page") for a in soup.select(".paging a[href]") if (target := absolute(url, a["href"]))]
        return out

    def document(self, url: str, soup: BeautifulSoup) -> dict[str, Any] | None:
        card = self._card(soup)
        if not card or not self._full_text(soup):
            return None
        return {**card, "title": text_of(soup.find("h1"))}
