"""HTML pages: the main text of a portal page without its navigation, sidebars,
share buttons and comment form; the title and publication time the page states.

The main text comes from trafilatura, a maintained boilerplate remover, unless a site
adapter names the element that holds it (`main_selector`), or trafilatura finds too
little; then our own chrome removal and list of usual article containers decide.
Tables come out as pipe rows either way. Charset comes from the HTTP header, then the
page's own `<meta charset>`, then detection.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from extractors.dates import parse_date

from .common import Parsed, ParseError, cut_page_chrome, decode, repair_vietnamese

# Elements that are never main text.
_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button", "svg",
              "select"]
# class/id words that portals use for chrome around the article.
_CHROME = re.compile(
    r"(?i)(?:^|[-_\s])(?:nav|navbar|menu|sidebar|side-bar|comment|comments|binh-luan|share|social|footer|header|"
    r"breadcrumb|related|tin-lien-quan|widget|banner|advert|ads|quangcao|login|search|toolbar|tags?|print)(?:$|[-_\s])"
)
# Where portals put the article body, most specific first.
_MAIN_SELECTORS = [
    "[itemprop=articleBody]", "article .content", ".article-content", ".content-detail", ".news-content",
    ".detail-content", ".post-content", ".entry-content", "#content-detail", ".vanban-content", "article", "main",
    "#content", ".content",
]
_DATELINE = re.compile(r"(?i)date|time|ngay-dang|publish|created")
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "ul", "ol", "section", "article",
           "blockquote", "pre", "dd", "dt", "figcaption"}
_PIPE_ROW = re.compile(r"^\|.*\|$")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def _charset(data: bytes, content_type: str | None) -> str | None:
    if content_type:
        m = re.search(r"charset=([\w-]+)", content_type, re.I)
        if m:
            return m.group(1)
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _is_chrome(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    names = " ".join([tag.get("id") or "", *(tag.get("class") or [])])
    return bool(names.strip()) and bool(_CHROME.search(names))


def _data_tables(root: Tag) -> None:
    """Write each data table as pipe rows (`| 1 | Huyện Ba Tri | 29 |`), as the PDF parser
    does, so a row stays one line. A table used for page layout (long cells, nested
    tables) is left to the block logic."""
    for table in root.find_all("table"):
        if table.find("table"):
            continue
        rows = [[" ".join(c.get_text(" ").split()) for c in tr.find_all(["td", "th"])] for tr in table.find_all("tr")]
        rows = [r for r in rows if any(r)]
        if len(rows) < 2 or max(len(r) for r in rows) < 2 or any(len(c) > 300 for r in rows for c in r):
            continue
        table.replace_with("\n" + "\n".join("| " + " | ".join(r) + " |" for r in rows) + "\n")


def _block_text(root: Tag) -> str:
    for br in root.find_all("br"):
        br.replace_with("\n")
    _data_tables(root)
    for cell in root.find_all(["td", "th"]):
        cell.append(" | ")
    for block in root.find_all(_BLOCKS):
        block.insert_before("\n")
        block.append("\n")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in root.get_text().split("\n")]
    lines = [line if _PIPE_ROW.match(line) else line.strip(" |") for line in lines]
    return "\n".join(lines)


_MARKDOWN_RULE = re.compile(r"(?m)^\|(?:\s*:?-+:?\s*\|)+[ \t]*\n?")


def _trafilatura_text(html: str) -> str | None:
    """The page's main text by trafilatura, tables as pipe rows; None when it finds less
    than a short article (then the selectors decide)."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_tables=True, include_comments=False, output_format="txt")
    except Exception:  # trafilatura is a helper here: a page it cannot handle falls back
        return None
    if not text or len(text) < 200:
        return None
    lines = []
    for line in _MARKDOWN_RULE.sub("", text).split("\n"):
        line = line.rstrip()
        cells = [c.strip() for c in line.strip("|").split("|")] if _PIPE_ROW.match(line) else []
        if any(len(c) > 200 for c in cells):  # a table used for page layout: its cells are paragraphs
            lines.extend(c for c in cells if c)
        else:
            lines.append(line)
    return "\n".join(lines)


# Legal databases' text containers, by id (a find by id, not a CSS walk): where one holds the
# text it is the text, and the paywall and login noise around it is not (thuvienphapluat.vn's
# `#divContentDoc .content1` and its fallbacks; vbpl.vn's `#toanvancontent`).
_KNOWN_CONTAINERS = (("divContentDoc", "content1"), ("ctl00_Content_ThongTinVB_divNoiDung", None),
                     ("toanvancontent", None))


def _known_container(soup: BeautifulSoup) -> str | None:
    for element_id, inner in _KNOWN_CONTAINERS:
        node = soup.find(id=element_id)
        if node is not None and inner:
            node = node.find(class_=inner)
        if node is not None and len(node.get_text(strip=True)) > 200:
            return f"#{element_id} .{inner}" if inner else f"#{element_id}"
    return None


def parse_html(data: bytes, content_type: str | None = None, main_selector: str | None = None) -> Parsed:
    raw, warnings = decode(data, _charset(data, content_type))
    if "<" not in raw[:2000]:
        raise ParseError("not HTML: no markup in the first 2,000 characters")
    soup = BeautifulSoup(raw, "lxml")
    # find() rather than CSS selectors here: soupsieve walks the tree once per selector,
    # which made it half the cost of a page.
    title = None
    for tag, attrs, attr in (("meta", {"property": "og:title"}, "content"), ("h1", {}, None), ("title", {}, None)):
        node = soup.find(tag, attrs=attrs)
        if node:
            title = (node.get(attr) if attr else node.get_text(" ")) or None
            if title:
                title = re.sub(r"\s+", " ", title).strip()
                break
    published = None
    for tag, attrs, attr in (("meta", {"property": "article:published_time"}, "content"),
                             ("meta", {"name": "pubdate"}, "content"), ("time", {"datetime": True}, "datetime")):
        node = soup.find(tag, attrs=attrs)
        if node and node.get(attr):
            published = node[attr][:19]
            break
    main_selector = main_selector or _known_container(soup)
    boilerplate_free = None if main_selector else _trafilatura_text(raw)
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.parent is not None and tag.name not in ("html", "body") and _is_chrome(tag):
            tag.decompose()
    main = None
    if boilerplate_free is None:  # the containers are looked for only when trafilatura gave up
        for selector in [main_selector] if main_selector else _MAIN_SELECTORS:
            main = soup.select_one(selector)
            if main and len(main.get_text(strip=True)) > 200:
                break
            main = None
        main = main or soup.body or soup
    # The dateline often sits outside the article body; keep it, it dates the text.
    dateline = None
    for node in soup.find_all(attrs={"class": _DATELINE}):
        if node is not main and (main is None or main not in node.parents) and len(node.get_text(strip=True)) < 80:
            dateline = node.get_text(" ", strip=True)
            break
    extracted = boilerplate_free or _block_text(main)
    text, notes, original = repair_vietnamese(extracted)
    warnings += notes
    text, cut = cut_page_chrome(text)  # what the boilerplate remover let through of a comment form
    if cut:
        warnings.append(cut)
    if dateline and dateline not in text[:500]:
        text = f"{dateline}\n\n{text}"
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    if not re.search(r"\w", text):  # nothing, or only punctuation and markup debris
        raise ParseError("no main text found in the HTML page")
    if published is None:
        published = parse_date(text[:300])
    if title:
        title = repair_vietnamese(title)[0]
    return Parsed(text=text, format="html", title=title, published=published, warnings=warnings,
                  original=original)
