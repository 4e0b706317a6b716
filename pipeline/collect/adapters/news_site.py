"""A provincial newspaper or news portal (the shape of the provincial "Báo ..." sites).

Shape: a section listing (stories with headline links, paginated) and article pages
(`<article>` with its headline, a dateline or `article:published_time`). An article about
OCOP is a document, with its title and publication time; so is a file it links. Other
articles are read for links only.

Saved example pages and their expected output: `corpus/sites/news_site/`.
"""
from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from extractors.dates import parse_date

from . import register
from .base import ATTACHMENT, Adapter, Link, absolute, text_of
from .generic import about_ocop


@register
class NewsSite(Adapter):
    NAME = "news_site"
    SITE_KIND = "news site"  # the copies it holds are another publisher's
    DESCRIPTION = "a provincial news site: section listings and articles, with publication times"
    BASE_URL = "https://baolangson.vn/"
    START_PATHS = ["/kinh-te/"]

    def links(self, url: str, soup: BeautifulSoup) -> list[Link]:
        article = soup.find("article")
        if article is not None:
            if not about_ocop(text_of(article)):
                return []
            return [Link(target, "attachment", {"attached_to": text_of(article.find("h1"))})
                    for a in article.find_all("a", href=True)
                    if (target := absolute(url, a["href"])) and ATTACHMENT.search(target)]
        out = [Link(target, "page") for a in soup.select(".list-news .story a[href], .paging a[href]")
               if (target := absolute(url, a["href"]))]
        return out

    def document(self, url: str, soup: BeautifulSoup) -> dict[str, Any] | None:
        article = soup.find("article")
        if article is None or not about_ocop(text_of(article)):
            return None
        meta = soup.find("meta", property="article:published_time")
        if meta and meta.get("content"):
            published = meta["content"][:10]
        else:
            published = parse_date(text_of(article.find(class_="date")))
        return {"title": text_of(article.find("h1")), "published": published}
