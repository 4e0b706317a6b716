"""PDFs made from a known text, and the character error rate of reading them back.

Used by `generate.py` for the bundled corpus, by the tests (PDFs of the shared gold
texts, made at test time, never stored) and by `make bench`:

    text_pdf(text)                   one column, lines wrapped as a word processor would
    official_pdf(left, right, body)  the administrative layout: a two-column header (body
                                     and symbol on the left, quốc hiệu and place-date on
                                     the right), a running header and page numbers
    scanned_pdf(pdf)                 every page rendered to an image (optionally turned a
                                     little and speckled), then put back into a PDF with
                                     no text layer, as a scanner would
    cer(read, truth)                 character error rate, spacing and rule lines aside

Needs fpdf2 and the DejaVu fonts (Debian's fonts-dejavu-core); scans need pypdfium2 and
Pillow (both come with pdfplumber).
"""
from __future__ import annotations

import datetime as dt
import io
import random
import time
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_CREATED = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # same bytes on every run


def _new_pdf(running_header: str | None = None, page_numbers: bool = False):  # noqa: ANN202 - an FPDF
    from fpdf import FPDF

    class _Pdf(FPDF):
        def header(self) -> None:
            if running_header and self.page_no() > 1:
                self.set_font("DejaVu", size=8)
                self.cell(0, 5, running_header, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(2)
                self.set_font("DejaVu", size=11)

        def footer(self) -> None:
            if page_numbers:
                self.set_y(-15)
                self.set_font("DejaVu", size=9)
                self.cell(0, 10, str(self.page_no()), align="C")
                self.set_font("DejaVu", size=11)

    pdf = _Pdf(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_font("DejaVu", size=11)
    pdf.set_creation_date(_CREATED)
    return pdf


def _write_lines(pdf, text: str, table: list[list[str]] | None = None) -> None:  # noqa: ANN001
    """Each line of `text` as a wrapped paragraph; `@@TABLE@@` marks where `table` goes."""
    before, _, after = text.partition("@@TABLE@@")
    for chunk in (before, after):
        for line in chunk.strip("\n").split("\n"):
            if line.strip():
                pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
            else:
                pdf.ln(4)
        if table and chunk is before:
            pdf.ln(2)
            widths = (12, 70, 90) if len(table[0]) == 3 else None
            with pdf.table(col_widths=widths, text_align="LEFT") as grid:
                for row in table:
                    cells = grid.row()
                    for cell in row:
                        cells.cell(cell)
            pdf.ln(2)


def text_pdf(text: str, title: str | None = None) -> bytes:
    """`text` in one column, each line a paragraph wrapped to the page width."""
    pdf = _new_pdf()
    pdf.set_title(title or text.strip().split("\n", 1)[0][:200])
    pdf.add_page()
    _write_lines(pdf, text)
    return bytes(pdf.output())


def official_pdf(left: list[str], right: list[str], body: str, table: list[list[str]] | None = None,
                 running_header: str | None = None) -> bytes:
    """An administrative document: the header in two columns side by side, then `body`
    (with `@@TABLE@@` where `table` goes), a running header from page 2, page numbers."""
    pdf = _new_pdf(running_header, page_numbers=True)
    pdf.set_title(body.strip().split("\n", 1)[0][:200])
    pdf.add_page()
    top = pdf.get_y()
    for column, x, width in ((left, pdf.l_margin, 70), (right, pdf.l_margin + 78, 112)):
        pdf.set_xy(x, top)
        for line in column:
            pdf.set_x(x)
            pdf.multi_cell(width, 6, line, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_xy(pdf.l_margin, top + 6 * max(len(left), len(right)) + 6)
    _write_lines(pdf, body, table)
    return bytes(pdf.output())


def two_column_pdf(title: str, dateline: str, paragraphs: list[str]) -> bytes:
    """A bulletin page: the headline and dateline across the page, the article in two
    columns (a reader reads the left column down, then the right)."""
    pdf = _new_pdf()
    pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", size=14)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    pdf.multi_cell(0, 6, dateline, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("DejaVu", size=11)
    with pdf.text_columns(ncols=2, gutter=10, text_align="LEFT", line_height=1.4, balance=True,
                          l_margin=pdf.l_margin, r_margin=pdf.r_margin) as cols:
        for paragraph in paragraphs:
            cols.write(paragraph + "\n")
    return bytes(pdf.output())


def scanned_pdf(data: bytes, *, dpi: int = 200, turn: float = 0.0, speckle: float = 0.0, seed: int = 0,
                text_layer: str | None = None) -> bytes:
    """The PDF as a scanner would return it: each page an image (grey, JPEG), turned by
    `turn` degrees and with a share `speckle` of its pixels flipped, and no text layer —
    or, with `text_layer`, an invisible one holding that text on the first page (as a
    scanner's own bad OCR, or a font with no Unicode map, leaves)."""
    import pypdfium2
    from PIL import Image

    rng = random.Random(seed)
    pages = []
    doc = pypdfium2.PdfDocument(data)
    try:
        for page in doc:
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            if turn:
                image = image.rotate(turn, resample=Image.BICUBIC, expand=False, fillcolor=255)
            if speckle:
                pixels = image.load()
                for _ in range(int(image.width * image.height * speckle)):
                    x, y = rng.randrange(image.width), rng.randrange(image.height)
                    pixels[x, y] = 255 - pixels[x, y]
            pages.append(image)
    finally:
        doc.close()
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=dpi, save_all=True, append_images=pages[1:], quality=70,
                  creationDate=time.gmtime(_CREATED.timestamp()), modDate=time.gmtime(_CREATED.timestamp()))
    if text_layer is None:
        return out.getvalue()
    pdf = _new_pdf()
    for n, image in enumerate(pages):
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=pdf.w, h=pdf.h)
        if n == 0:
            pdf.text_mode = "INVISIBLE"
            pdf.set_xy(pdf.l_margin, pdf.t_margin)
            pdf.multi_cell(0, 6, text_layer)
            pdf.text_mode = "FILL"
    return bytes(pdf.output())
