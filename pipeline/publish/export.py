"""A spreadsheet of any table or query result: `.xlsx` beside Datasette's JSON and CSV
links, downloaded as a file that Excel and LibreOffice open with Vietnamese intact.

Every text is written as text (a comparator `=` or a symbol `=5` is never read as a
formula), every number as a number, with the column names in bold and a row frozen.
What a page shows is what the file holds: add `_size=max` for up to Datasette's row
limit, or filter first.
"""
from __future__ import annotations

import io
import re
from typing import Any

from datasette.utils.asgi import Response

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_xlsx(datasette: Any, request: Any, columns: list[str], rows: list[Any], table: str | None,
                query_name: str | None, database: str) -> Response:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                                     "strings_to_numbers": False})
    sheet = book.add_worksheet((table or query_name or database)[:31])
    bold = book.add_format({"bold": True})
    for col, name in enumerate(columns):
        sheet.write_string(0, col, str(name), bold)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                sheet.write_boolean(r, col, value)
            elif isinstance(value, int | float):
                sheet.write_number(r, col, value)
            else:
                sheet.write_string(r, col, str(value))
    sheet.freeze_panes(1, 0)
    book.close()
    name = re.sub(r"[^\w.-]+", "-", table or query_name or database).strip("-") or "ocop"
    return Response(out.getvalue(), content_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
