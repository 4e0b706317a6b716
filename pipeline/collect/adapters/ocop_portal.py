"""The national OCOP portal (the shape of ocop.gov.vn): product pages and news.

Shape: a product listing (cards linking product pages), product pages with an information
list (hạng sao, chủ thể, địa chỉ, năm công nhận, nhóm sản phẩm), and a news section. A
product page is a document with the product's facts as metadata; a news article is a
document with its title and publication time.

Saved example pages and their expected output: `corpus/sites/ocop_portal/`.
"""
from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup

from extractors.vietnamese import fold

from . import register
from .base import Adapter, Link, absolute, text_of

_FACTS = {"hang sao": "stars", "chu the": "producer", "dia chi": "address", "nam cong nhan": "year",
          "nhom san pham": "group"}


@register
class OcopPortal(Adapter):
    NAME = "ocop_portal"
    DESCRIPTION = "the national OCOP portal: product pages (stars, producer, place) and news"
    BASE_URL = "https://ocop.gov.vn/"
    START_PATHS = ["/san-pham/"]

    def links(self, url: str, soup: BeautifulSoup) -> list[Link]:
        selectors = ".product-card a[href], .news-links a[href], .news-list a[href], .paging a[href]"
        return [Link(target, "page") for a in soup.select(selectors) if (target := absolute(url, a["href"]))]

    def document(self, url: str, soup: BeautifulSoup) -> dict[str, Any] | None:
        product = soup.find(class_="product-detail")
        if product is not None:
            facts: dict[str, Any] = {"title": text_of(product.find("h1")), "kind": "product"}
            for item in product.select(".product-info li"):
                label, _, value = text_of(item).partition(":")
                field = _FACTS.get(fold(label).strip())
                if field:
                    facts[field] = value.strip()
            if "stars" in facts:
                m = re.search(r"\d", facts["stars"])
                facts["stars"] = int(m.group()) if m else facts["stars"]
            return facts
        news = soup.find(class_="news-detail")
        if news is not None:
            meta = soup.find("meta", property="article:published_time")
            return {"title": text_of(news.find("h1")), "kind": "news",
                    "published": meta["content"][:10] if meta and meta.get("content") else None}
        return None
