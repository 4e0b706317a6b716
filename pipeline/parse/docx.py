"""Word files: `.docx` with python-docx, legacy `.doc` with Debian's antiword.

Paragraphs and tables come in document order. A data table is written as pipe rows
(`| 1 | Huyện Ba Tri | 29 |`), as for PDF and HTML; a table used for layout — the
two-column administrative header or signature block, drawn as a borderless table in most
Word files — is written cell by cell, left column first, so the header reads as it does
in a PDF.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from .common import Parsed, ParseError, repair_vietnamese

DOC_TIMEOUT = 60  # seconds for antiword on one file
_LAYOUT_MARKERS = ("CỘNG HÒA XÃ HỘI", "CỘNG HOÀ XÃ HỘI", "Độc lập", "Nơi nhận", "Số:")


def parse_docx(data: bytes, content_type: str | None = None) -> Parsed:
    import docx
    from docx.table import Table

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ParseError("not a .docx: the file is not a zip package (a legacy .doc renamed?)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises several kinds on a broken package
        raise ParseError(f"corrupt .docx: {type(err).__name__}: {err}") from err
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_lines(block))
        else:
            lines.append(block.text)
    extracted = "\n".join(lines)
    text, notes, original = repair_vietnamese(extracted)
    if not text:
        raise ParseError("no text in the .docx")
    title = document.core_properties.title or text.split("\n", 1)[0][:300]
    return Parsed(text=text, format="docx", title=title, original=original, warnings=notes)


def _table_lines(table) -> list[str]:  # noqa: ANN001 - a python-docx Table
    rows = [list(row.cells) for row in table.rows]
    texts = [[cell.text for cell in row] for row in rows]
    if any(marker in cell for row in texts for cell in row for marker in _LAYOUT_MARKERS):
        out, seen = [], set()
        for col in range(max(len(r) for r in rows)):
            for row in rows:
                # a merged cell is the same cell in each row or column it spans: take it once
                if col < len(row) and id(row[col]._tc) not in seen:
                    seen.add(id(row[col]._tc))
                    out.extend(line for line in row[col].text.split("\n") if line.strip())
        return out
    return ["| " + " | ".join(" ".join(cell.split()) for cell in row) + " |" for row in texts if any(row)]


def parse_doc(data: bytes, content_type: str | None = None) -> Parsed:
    if not data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ParseError("not a legacy .doc: the file is not an OLE2 compound document")
    if shutil.which("antiword") is None:
        raise ParseError("a legacy .doc needs antiword to be read (Debian: apt-get install antiword)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "document.doc"
        path.write_bytes(data)
        try:
            done = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)], capture_output=True,
                                  timeout=DOC_TIMEOUT, check=False)
        except subprocess.TimeoutExpired as err:
            raise ParseError(f"antiword gave up after {DOC_TIMEOUT} s") from err
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ParseError(f"antiword cannot read the .doc: {reason[-1] if reason else 'exit ' + str(done.returncode)}")
    extracted = done.stdout.decode("utf-8", "replace")
    text, notes, original = repair_vietnamese(extracted)
    if not text:
        raise ParseError("no text in the .doc")
    return Parsed(text=text, format="doc", title=text.split("\n", 1)[0][:300], original=original, warnings=notes)
