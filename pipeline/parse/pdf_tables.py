"""A PDF page that may hold a ruled table, read with pdfplumber.

PDFium reads the text layer (`pdf_layer.py`); a page whose drawing objects look like a
table's rules comes here, where pdfplumber's table finder reads each ruled table and
writes it in its place as one line per row, cells between pipes (`| 1 | Huyện Ba Tri |
29 |`), so a row stays a row for the extractors (the plain text layer would run a header
cell over two lines). The text around the tables is laid out as on any page. Faux-bold
characters printed twice are collapsed (`dedupe_chars`).
"""
from __future__ import annotations

import io

import pdfplumber

from .layout import column_bands, join_wrapped


def open_pdf(data: bytes):  # noqa: ANN201 - a pdfplumber PDF
    return pdfplumber.open(io.BytesIO(data))


def page_text(page) -> str:  # noqa: ANN001 - a pdfplumber page
    """The page's text from top to bottom, each ruled table as pipe rows where it stands."""
    return _page_text(page.dedupe_chars())


def _page_text(page) -> str:  # noqa: ANN001 - a pdfplumber page
    """The page's text from top to bottom, each ruled table as pipe rows where it stands."""
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    parts, top = [], page.bbox[1]
    for table in tables:
        x0, t_top, x1, t_bottom = table.bbox
        if t_top > top:
            parts.append(_flow_text(page.crop((page.bbox[0], top, page.bbox[2], t_top))))
        parts.append("\n".join(_row_line(row) for row in table.extract() if any(row)))
        top = max(top, t_bottom)
    if top < page.bbox[3]:
        parts.append(_flow_text(page.crop((page.bbox[0], top, page.bbox[2], page.bbox[3])) if top > page.bbox[1]
                                else page))
    return "\n".join(p for p in parts if p.strip())


def _flow_text(region) -> str:  # noqa: ANN001 - a pdfplumber page or crop
    """Text in reading order where the region is laid out in two columns side by side
    (the administrative header: body on the left, quốc hiệu and place-date on the right;
    the signature block; a two-column page): each run of such lines is read left column
    first, then right. Lines a paragraph wrapped are joined again."""
    bands = column_bands(region.extract_words(), region.bbox[0], region.bbox[2], tolerance=3, min_gap=12)
    if not any(split for _, _, split in bands):
        return _unwrapped(region)
    x0, _, x1, _ = region.bbox
    out = []
    for top, bottom, split in bands:
        top, bottom = max(top, region.bbox[1]), min(bottom, region.bbox[3])
        if split is None:
            out.append(_unwrapped(region.crop((x0, top, x1, bottom))))
        else:
            for side in (region.crop((x0, top, split, bottom)), region.crop((split, top, x1, bottom))):
                out.append(_side_text(side))
    return "\n".join(t for t in out if t.strip())


def _side_text(side) -> str:  # noqa: ANN001
    """One column of a two-column run: a header or signature block (a few short lines, none
    wrapped) as it is; a column of body text (six lines or more) with its wrapped lines joined."""
    lines = side.extract_text_lines()
    if len(lines) < 6:
        return side.extract_text() or ""
    return "\n".join(join_wrapped([(line["text"], line["x0"], line["x1"]) for line in lines], tolerance=12))


def _unwrapped(region) -> str:  # noqa: ANN001
    """The region's lines, each wrapped paragraph joined into one line."""
    lines = region.extract_text_lines()
    return "\n".join(join_wrapped([(line["text"], line["x0"], line["x1"]) for line in lines], tolerance=12))


def _row_line(row: list[str | None]) -> str:
    return "| " + " | ".join(" ".join((cell or "").split()) for cell in row) + " |"
