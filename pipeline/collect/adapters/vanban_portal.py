"""A provincial portal's "văn bản chỉ đạo điều hành" (directives) section.

Shape: a paginated listing table (số/ký hiệu, ngày ban hành, trích yếu), each row linking
a detail page with a properties table (số ký hiệu, ngày ban hành, loại văn bản, cơ quan
ban hành, người ký, trích yếu) and the document as an attachment (PDF, DOC, DOCX). The
attachment is the document, carrying the properties its page states; a detail page
without an attachment is itself the document (its text is the document's).

Saved example pages and their expected output: `corpus/sites/vanban_portal/`.
"""
from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from . import register
from .base import ATTACHMENT, Adapter, Link, absolute, properties, text_of


@register
class VanbanPortal(Adapter):
    NAME = "vanban_portal"
    DESCRIPTION = "a provincial portal's directives listing, detail pages and attachments"
    BASE_URL = "https://www.bentre.gov.vn/"
    START_PATHS = ["/van-ban/"]

    def _detail_table(self, soup: BeautifulSoup) -> Any:
        for table in soup.find_all("table"):
            if properties(table).get("number"):
                return table
        return None

    def links(self, url: str, soup: BeautifulSoup) -> list[Link]:
        detail = self._detail_table(soup)
        if detail is not None:
            stated = properties(detail)
            return [Link(target, "attachment", stated) for a in detail.find_all("a", href=True)
                    if (target := absolute(url, a["href"])) and ATTACHMENT.search(target)]
        out: list[Link] = []
        for table in soup.find_all("table"):
            for a in table.find_all("a", href=True):
                target = absolute(url, a["href"])
                if target and not ATTACHMENT.search(target) and all(link.url != target for link in out):
                    out.append(Link(target, "page"))
        pager = soup.find(class_="pagination")
        for a in pager.find_all("a", href=True) if pager else []:
            target = absolute(url, a["href"])
            if target and all(link.url != target for link in out):
                out.append(Link(target, "page"))
        return out

    def document(self, url: str, soup: BeautifulSoup) -> dict[str, Any] | None:
        detail = self._detail_table(soup)
        if detail is None or any(ATTACHMENT.search(a["href"]) for a in detail.find_all("a", href=True)):
            return None  # a listing, or a card whose document is its attachment
        stated = properties(detail)
        body = soup.find(class_="noi-dung")
        return {**stated, **({"summary": text_of(body)[:300]} if body else {})}
