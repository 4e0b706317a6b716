"""Datasette's own table and query pages, for a reader: Vietnamese column headings (the
column's name and its English description stay in the heading's tooltip, and JSON and
CSV keep the names), and the columns a corpus leaves empty in every row not shown."""
from __future__ import annotations

import html
import os
import re
from typing import Any

from markupsafe import Markup

# A column's heading, by its name in a table or a query's result (one name, one meaning).
COLUMN_LABELS = {
    "id": "Mã", "title": "Tên văn bản", "doc_type": "Loại văn bản", "number": "Số, ký hiệu", "date": "Ngày",
    "issuer": "Cơ quan ban hành", "province": "Tỉnh", "kind": "Loại", "year": "Năm",
    "province_2025": "Tỉnh (từ 1/7/2025)", "place": "Địa danh", "signer": "Người ký", "signer_title": "Chức vụ",
    "published": "Đăng lúc", "sources": "Số bản sao", "source_id": "Bản hiển thị", "url": "Địa chỉ (URL)",
    "format": "Định dạng", "pages": "Số trang", "ocr_pages": "Trang đọc bằng OCR", "ocr_confidence": "Độ tin cậy OCR",
    "notes": "Ghi chú", "extracted_at": "Trích xuất lúc", "number_key": "Khoá số hiệu",
    "document_id": "Mã văn bản", "document": "Văn bản", "reading": "Chỉ tiêu", "target": "Chỉ tiêu", "per": "Mỗi",
    "level": "Cấp", "set_by_level": "Cấp đề ra", "district": "Huyện", "commune": "Xã", "value": "Giá trị",
    "value_max": "Đến", "unit": "Đơn vị", "comparator": "So sánh", "subject": "Đối tượng",
    "span_start": "Từ ký tự", "span_end": "Đến ký tự", "cited_document_id": "Văn bản được dẫn chiếu",
    "path": "Tệp", "fetched_at": "Tải lúc", "sha256": "SHA-256", "size_bytes": "Dung lượng (byte)",
    "file_mtime_ns": "Thời điểm sửa tệp (ns)", "text_length": "Số ký tự", "shown": "Bản hiển thị",
    "page_metadata": "Trang nguồn ghi", "extractor_version": "Phiên bản trích xuất", "label": "Nhãn",
    "start": "Từ ký tự", "end": "Đến ký tự", "text": "Văn bản gốc", "name": "Tên", "role": "Vai trò",
    "issuer_id": "Cơ quan", "province_id": "Tỉnh", "news_id": "Tin bài", "how": "Cách nhận ra",
    "field": "Trường", "document_value": "Văn bản ghi", "source_value": "Bản sao ghi", "said_by": "Nơi ghi",
    "reason": "Lý do", "at": "Lúc", "snippet": "Đoạn khớp", "targets": "Số chỉ tiêu", "documents": "Số văn bản",
    "documents_held": "Số văn bản", "years": "Các năm", "depth": "Cấp dẫn chiếu", "source": "Nguồn",
    "source_kind": "Loại nguồn",
}

# A canned query's parameters, by name (the form shows the name where none is given).
PARAMETER_LABELS = {
    "province": "Tỉnh / Province", "year": "Năm / Year", "doc_type": "Loại văn bản / Type",
    "number": "Số, ký hiệu / Symbol", "words": "Chỉ tiêu có các từ / Target words", "q": "Tìm / Search",
}

# Tables whose empty columns are hidden (a corpus with no crawl has no URL or fetch time).
_TRIMMED = ("documents", "sources", "targets")
_EMPTY: dict[tuple[str, int, int, str], list[str]] = {}


def label(column: str) -> str:
    return COLUMN_LABELS.get(column, column)


async def empty_columns(db: Any, table: str) -> list[str]:
    """The columns of `table` with no value in any row, once per version of the file (it is
    served read-only): one pass over the table, not one per page."""
    if table not in _TRIMMED or not db.path:
        return []
    stat = os.stat(db.path)
    version = (db.path, stat.st_size, stat.st_mtime_ns, table)
    if version not in _EMPTY:
        columns = [row[1] for row in (await db.execute(f"PRAGMA table_info([{table}])")).rows]
        if not columns:
            return []
        held = ", ".join(f"max([{c}] IS NOT NULL AND [{c}] != '')" for c in columns)
        row = (await db.execute(f"SELECT {held} FROM [{table}]")).rows[0]
        # An empty table hides nothing: its headings say what it would hold.
        _EMPTY[version] = [c for c, has in zip(columns, row, strict=True) if has == 0]
    return _EMPTY[version]


_QUERY_HEADING = re.compile(r'<th class="col-([\w-]+)" scope="col">(\w+)</th>')
_PARAMETER = re.compile(r'<label for="(qp\d+)">(\w+)</label>')


def label_headings(rendered: str) -> Markup:
    """A query page's headings (`<th ...>province</th>`) and parameters in Vietnamese, the
    name kept as the tooltip: Datasette's query template writes them itself, so its output
    is relabelled."""
    def heading(m: re.Match[str]) -> str:
        name = m[2]
        if name not in COLUMN_LABELS:
            return m[0]
        return (f'<th class="col-{m[1]}" scope="col" data-column="{html.escape(name)}" '
                f'title="{html.escape(name)}">{html.escape(COLUMN_LABELS[name])}</th>')

    def parameter(m: re.Match[str]) -> str:
        name = m[2]
        if name not in PARAMETER_LABELS:
            return m[0]
        return f'<label for="{m[1]}" title="{html.escape(name)}">{html.escape(PARAMETER_LABELS[name])}</label>'
    return Markup(_PARAMETER.sub(parameter, _QUERY_HEADING.sub(heading, str(rendered))))
