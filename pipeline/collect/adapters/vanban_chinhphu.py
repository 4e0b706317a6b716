"""vanban.chinhphu.vn, the Government's documents (ASP.NET WebForms).

Shape (`../shared/sites/REAL-STRUCTURES.md`):

- listing `GET /he-thong-van-ban?classid=1&mode=1`, newest first, filtered by issuer group
  (`orggroupid=3` the Prime Minister, `6` the provinces' people's committees): the grid
  `table#ctrl_{n}_{m}_grvDocument`, a row a document: `td[0] a[href*="docid="] span.code` the
  symbol (with the row's number before it: `66.116/2025/QH15` is row 66, symbol
  `116/2025/QH15`), `td[1] span.issued-date` (DD/MM/YYYY), `td[2] span.substract` the
  abstract, `td[2] div.bl-doc-files div.bl-doc-file a` the attachment;
- paging only by postback: the pager's `javascript:__doPostBack('ctrl_…$grvDocument','Page$2')`
  is a POST of `__EVENTTARGET`, `__EVENTARGUMENT=Page$2` with this page's `__VIEWSTATE` and
  `__EVENTVALIDATION` (the crawler's politeness, cache and archive treat it as any request);
- detail `GET /?pageid=27160&docid={id}&classid=1`: `div#ctrl_…_Content.Content > table`,
  rows `td.col1` label and value ("Số ký hiệu", "Ngày ban hành" DD-MM-YYYY, "Ngày có hiệu
  lực", "Loại văn bản", "Cơ quan ban hành", "Người ký", "Trích yếu", "Tài liệu đính kèm");
  no body text: the document is the attachment, a `.signed.pdf` at datafiles.chinhphu.vn;
- the search page is a JavaScript shell: its `ul.search-result` is empty in the HTML (a page
  with no documents, not drift).

The listing's row states the symbol, date, abstract and attachment; the detail page adds the
type, issuer and signer: the attachment carries both. A listing whose grid has no rows, a
row without its symbol, or a detail page without "Số ký hiệu" is drift.

Pointed at a mirror with `--base-url`, the files are asked of the mirror too (their host
`datafiles.chinhphu.vn` replaced by the mirror's).

Example pages (reconstructed from the documented structure) and their expected output:
`corpus/sites/vanban_chinhphu/`.
"""
from __future__ import annotations

import re
import urllib.parse
from typing import Any

from bs4 import BeautifulSoup

from extractors.vietnamese import fold

from . import register
from .base import Adapter, Drift, Link, absolute, properties, text_of

FILES_HOST = "datafiles.chinhphu.vn"
_ROW_NUMBER = re.compile(r"^\d+\.(?=\d)")  # `66.116/2025/QH15`: row 66
_POSTBACK = re.compile(r"__doPostBack\('([^']+)','([^']*)'\)")
_STATE_FIELDS = ("__VIEWSTATE", "__VIEWSTATEGENERATOR", "__EVENTVALIDATION")


@register
class VanbanChinhphu(Adapter):
    NAME = "vanban_chinhphu"
    SITE_KIND = "legal database"  # the Government's own registry of every ministry's and province's documents
    DESCRIPTION = ("vanban.chinhphu.vn: the listing by issuer group (postback paging), detail pages, "
                   "the signed PDFs")
    BASE_URL = "https://vanban.chinhphu.vn/"
    START_PATHS = ["/he-thong-van-ban?classid=1&mode=1&orggroupid=3",   # the Prime Minister
                   "/he-thong-van-ban?classid=1&mode=1&orggroupid=6"]   # the provinces

    @property
    def domains(self) -> list[str]:
        return [*super().domains, *([FILES_HOST] if self._real_site else [])]

    @property
    def _real_site(self) -> bool:
        return urllib.parse.urlsplit(self.base_url).hostname == urllib.parse.urlsplit(self.BASE_URL).hostname

    def variant_key(self, url: str) -> str:
        return url  # details differ by `docid`, listings by their filters; paging ends (0 rows is drift)

    def links(self, url: str, soup: BeautifulSoup) -> list[Link]:
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        if "docid" in query:
            stated = _detail(soup)
            stated["docid"] = query["docid"]
            return [Link(self._file(target), "attachment", stated) for target in _attachments(url, soup)]
        if soup.select_one("ul.search-result") is not None:
            return []  # the search page: a JavaScript shell, its results drawn in the browser
        grid = soup.select_one("table[id$='_grvDocument']")
        rows = [tr for tr in grid.find_all("tr") if tr.select_one("td")] if grid else []
        documents = [tr for tr in rows if tr.select_one("a[href*='docid=']")]
        if not documents:
            raise Drift("chinhphu listing: 0 rows")
        out: list[Link] = []
        for tr in documents:
            row = _row(tr)
            detail = absolute(url, tr.select_one("a[href*='docid=']")["href"])
            if detail:
                out.append(Link(detail, "page"))
            if row.get("attachment"):
                out.append(Link(self._file(absolute(url, row.pop("attachment")) or ""), "attachment", row))
        form = {name: field.get("value", "") for name in _STATE_FIELDS
                if (field := soup.find("input", attrs={"name": name})) is not None}
        pages = set()
        for a in grid.find_all("a", href=True):
            found = _POSTBACK.search(a["href"])
            if found and found[2].startswith("Page$") and found[2] not in pages:
                pages.add(found[2])
                out.append(Link(url, "page", form={**form, "__EVENTTARGET": found[1], "__EVENTARGUMENT": found[2]}))
        return [link for link in out if link.url]

    def document(self, url: str, soup: BeautifulSoup) -> dict[str, Any] | None:
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))
        if "docid" not in query:
            return None
        stated = _detail(soup)
        return None if _attachments(url, soup) else {**stated, "docid": query["docid"]}

    def _file(self, url: str) -> str:
        """A file's URL; on a mirror, the mirror's copy of datafiles.chinhphu.vn's file."""
        parts = urllib.parse.urlsplit(url)
        if parts.hostname == FILES_HOST and not self._real_site:
            return urllib.parse.urljoin(self.base_url, parts.path)
        return url


def _row(tr: Any) -> dict[str, Any]:
    """A listing row's symbol (its row number taken off), date, abstract and attachment."""
    from extractors.dates import parse_date

    code = tr.select_one("span.code")
    if code is None:
        raise Drift("chinhphu listing: a row without its symbol")
    row: dict[str, Any] = {"number": _ROW_NUMBER.sub("", text_of(code))}
    issued = text_of(tr.select_one("span.issued-date"))
    if issued:
        row["date"] = parse_date(issued) or issued
    abstract = text_of(tr.select_one("span.substract"))
    if abstract:
        row["title"] = abstract
    attachment = tr.select_one("div.bl-doc-files div.bl-doc-file a[href]")
    if attachment is not None:
        row["attachment"] = attachment["href"]
    link = tr.select_one("a[href*='docid=']")
    docid = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(link["href"]).query)).get("docid") if link else None
    if docid:
        row["docid"] = docid
    return row


def _detail_table(soup: BeautifulSoup) -> Any:
    content = soup.select_one("div[id$='_Content'].Content")
    return content.find("table") if content is not None else None


def _detail(soup: BeautifulSoup) -> dict[str, Any]:
    table = _detail_table(soup)
    labels = [fold(text_of(td)).strip(" :") for td in table.select("td.col1")] if table else []
    if "so ky hieu" not in labels:
        raise Drift("chinhphu detail: no symbol label")
    return properties(table)


def _attachments(url: str, soup: BeautifulSoup) -> list[str]:
    """The files of the "Tài liệu đính kèm" row."""
    table = _detail_table(soup)
    for label in table.select("td.col1") if table else []:
        if fold(text_of(label)).strip(" :") == "tai lieu dinh kem":
            value = label.find_next_sibling("td")
            return [t for a in value.find_all("a", href=True) if (t := absolute(url, a["href"]))] if value else []
    return []
