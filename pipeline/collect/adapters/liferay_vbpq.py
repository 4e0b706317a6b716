"""The directives section of a Liferay portal: the VBPQ portlet (`portalvbpqportlet`).

Many provincial and agency portals publish their documents through this one portlet, so
one adapter serves the family, pointed at a portal by its base URL (`ocop crawl
liferay_vbpq --base-url https://portal.example.gov.vn/`); a portal on the variant portlet
(`4_WAR_pointportalvbpqportlet`) is named by a base URL that carries its listing's
`p_p_id`. The shape, as `../shared/sites/REAL-STRUCTURES.md` records it:

- listing: `…/van-ban-quy-pham-phap-luat?p_p_id=4_WAR_portalvbpqportlet&…` paged by
  `_{portlet}_cur=N` (`_delta=N` rows a page); rows `tbody.table-data tr`, the symbol in
  `td.vbpq-sohieuvanban a`, whose link (`_{portlet}_id=` or `_entryId=`, with
  `mvcPath=/html/portlet/list/view_detail.jsp`) is the detail page; `td.vbpq-ngaybanhanh`,
  `td.vbpq-nguoiky`, `td.vbpq-file-dinh-kem`;
- detail: `div.vbpq-detail table`, labels in `td.vbpq-detail-col1` ("Số/Kí hiệu", "Ngày ban
  hành", "Ngày có hiệu lực", "Người ký", "Trích yếu", "Cơ quan ban hành", "Thể loại");
  attachments in the `div.vbpq-attachfile` whose `div.vbpq-tldk` reads "Tài liệu đính
  kèm" (the "Văn bản khác" block lists other documents, not files of this one).

The attachment is the document, carrying its detail page's properties and id; a detail
page with no attachment is itself the document. A listing with no rows, or a detail page
without its symbol label, is drift (the portal changed its markup): reported by name,
never stored as an empty document.

Example pages (reconstructed from the documented structure) and their expected output:
`corpus/sites/liferay_vbpq/`.
"""
from __future__ import annotations

import re
import urllib.parse
from typing import Any

from bs4 import BeautifulSoup

from extractors.vietnamese import fold

from . import register
from .base import Adapter, Drift, Link, absolute, properties, text_of

PORTLET = "4_WAR_portalvbpqportlet"
_PORTLET_PARAM = re.compile(r"^_(4_WAR_\w*vbpq\w*portlet)_")
_LISTING = "/van-ban-quy-pham-phap-luat?p_p_id={portlet}&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view" \
           "&p_p_col_id=column-2&_{portlet}_delta=20&_{portlet}_cur=1"
DETAIL_JSP = "/html/portlet/list/view_detail.jsp"


@register
class LiferayVbpq(Adapter):
    NAME = "liferay_vbpq"
    DESCRIPTION = ("a Liferay portal's directives (the VBPQ portlet: listing, detail pages, attachments); "
                   "point it at a portal with --base-url")
    SITE_KIND = "portal"
    POINT_AT = ("a family: ocop crawl liferay_vbpq --base-url https://PORTAL/ (on the variant portlet, --base-url "
                "its listing's URL, with p_p_id=4_WAR_pointportalvbpqportlet)")
    BASE_URL = "https://www.quangnam.gov.vn/"
    START_PATHS = [_LISTING.format(portlet=PORTLET)]

    def start_urls(self) -> list[str]:
        # a base URL that names its listing (a variant portlet id) is the listing itself
        if "p_p_id=" in urllib.parse.urlsplit(self.base_url).query:
            return [self.base_url]
        return super().start_urls()

    def variant_key(self, url: str) -> str:
        # every listing page and detail page is the one path with its own query; the pager
        # ends (a listing without rows is drift), so no query is a trap here
        return url

    def links(self, url: str, soup: BeautifulSoup) -> list[Link]:
        if _is_detail(url, soup):
            stated = _detail(url, soup)
            return [Link(target, "attachment", stated) for target in _attachments(url, soup)]
        rows = soup.select("tbody.table-data tr")
        if not rows:
            raise Drift("vbpq listing: 0 rows")
        out: list[Link] = []
        for row in rows:
            symbol = row.select_one("td.vbpq-sohieuvanban a[href]")
            target = absolute(url, symbol["href"]) if symbol else None
            if target is None:
                raise Drift("vbpq listing: a row without its symbol link")
            out.append(Link(target, "page"))
        portlet = _portlet_of(url) or PORTLET
        for a in soup.find_all("a", href=True):  # the pager: the listing at another `_cur`
            target = absolute(url, a["href"])
            if target and f"_{portlet}_cur=" in target and DETAIL_JSP not in urllib.parse.unquote(target) \
                    and all(link.url != target for link in out):
                out.append(Link(target, "page"))
        return out

    def document(self, url: str, soup: BeautifulSoup) -> dict[str, Any] | None:
        if not _is_detail(url, soup):
            return None
        stated = _detail(url, soup)
        return None if _attachments(url, soup) else stated


def _portlet_of(url: str) -> str | None:
    for name, _ in urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query, keep_blank_values=True):
        m = _PORTLET_PARAM.match(name)
        if m:
            return m[1]
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    return query.get("p_p_id") if "vbpq" in query.get("p_p_id", "") else None


def _is_detail(url: str, soup: BeautifulSoup) -> bool:
    return DETAIL_JSP in urllib.parse.unquote(url) or soup.select_one("div.vbpq-detail") is not None


def _detail(url: str, soup: BeautifulSoup) -> dict[str, Any]:
    """The detail page's properties, and its id (from its own URL)."""
    table = soup.select_one("div.vbpq-detail table")
    labels = [fold(text_of(td)).strip(" :") for td in table.select("td.vbpq-detail-col1")] if table else []
    if not any(label in ("so/ki hieu", "so/ky hieu", "so ky hieu", "so hieu") for label in labels):
        raise Drift("vbpq detail: no symbol label")
    stated: dict[str, Any] = properties(table)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
    portlet = _portlet_of(url) or PORTLET
    detail_id = query.get(f"_{portlet}_id") or query.get(f"_{portlet}_entryId")
    if detail_id:
        stated["detail_id"] = detail_id
    return stated


def _attachments(url: str, soup: BeautifulSoup) -> list[str]:
    """The files of the block headed "Tài liệu đính kèm" (not those of "Văn bản khác")."""
    out: list[str] = []
    for block in soup.select("div.vbpq-attachfile"):
        heading = block.select_one("div.vbpq-tldk")
        if heading is None or fold(text_of(heading)).strip(" :") != "tai lieu dinh kem":
            continue
        for a in block.find_all("a", href=True):
            target = absolute(url, a["href"])
            if target and target not in out:
                out.append(target)
    return out
