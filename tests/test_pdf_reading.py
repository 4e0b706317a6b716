"""PDFs read back faithfully: text layers, the two-column header, wrapped lines, legacy
fonts, scans (OCR) and gibberish text layers. Measured as character error rate (CER)
against the text each PDF was made from (`corpus/pdf_maker.py`)."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, GOLD_DEV, needs_shared

sys.path.insert(0, str(CORPUS.parent))
from pdf_maker import official_pdf, scanned_pdf, text_pdf  # noqa: E402

from extractors import extract  # noqa: E402
from pipeline.bench.cer import cer  # noqa: E402
from pipeline.evaluate import score  # noqa: E402
from pipeline.parse import parse_bytes, parse_file  # noqa: E402

TRUTH = CORPUS.parent / "truth"
needs_ocr = pytest.mark.skipif(shutil.which("tesseract") is None,
                               reason="tesseract is not installed (scripts/dev.sh installs it with apt-get)")

LEFT = ["ỦY BAN NHÂN DÂN", "TỈNH BẾN TRE", "Số: 303/KH-UBND"]
RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Bến Tre, ngày 13 tháng 4 năm 2023"]
BODY = ("KẾ HOẠCH\nThực hiện Chương trình mỗi xã một sản phẩm giai đoạn 2023-2025\n"
        "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ phê duyệt Chương trình mỗi xã "
        "một sản phẩm giai đoạn 2021-2025 và các văn bản hướng dẫn của các bộ, ngành trung ương;\n"
        "Phấn đấu đến năm 2025 toàn tỉnh có ít nhất 157 sản phẩm OCOP đạt từ 3 sao trở lên, trong đó có "
        "từ 15 - 20 sản phẩm đạt 4 sao và 100% chủ thể được tập huấn.")


def test_text_pdfs_of_the_corpus_read_back_within_1_percent() -> None:
    for truth in sorted(TRUTH.glob("*.txt")):
        if truth.stem.endswith("_scan"):
            continue
        parsed = parse_file(CORPUS / f"{truth.stem}.pdf")
        assert cer(parsed.text, truth.read_text(encoding="utf-8")) <= 0.01, truth.stem
        assert parsed.ocr_pages == 0


def test_the_two_column_header_reads_column_by_column_and_wrapped_lines_join() -> None:
    parsed = parse_bytes(official_pdf(LEFT, RIGHT, BODY), ".pdf")
    lines = parsed.text.split("\n")
    assert lines[:6] == LEFT + RIGHT
    # the long paragraph wrapped over three lines of the page is one line again
    assert any(line.startswith("Phấn đấu đến năm 2025") and line.endswith("được tập huấn.") for line in lines)
    targets = extract(parsed.text).record["targets"]
    assert [(t["value"], t["comparator"]) for t in targets] == [(157, ">="), (15, ">="), (100, "=")]


def test_page_numbers_and_running_headers_are_dropped() -> None:
    body = BODY + "\n" + "\n".join(f"Đoạn {n}: các sở, ngành tổ chức thực hiện kế hoạch." for n in range(80))
    parsed = parse_bytes(official_pdf(LEFT, RIGHT, body, running_header="Kế hoạch 303/KH-UBND"), ".pdf")
    assert parsed.pages >= 2
    assert "Kế hoạch 303/KH-UBND" not in parsed.text
    assert not any(line.strip().isdigit() for line in parsed.text.split("\n"))


def test_a_pdf_in_a_legacy_font_reads_as_unicode() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)  # a core font: the bytes are drawn as Latin-1, as with .VnTime
    for line in ("UBND tØnh Qu¶ng Nam", "QuyÕt ®Þnh phª duyÖt KÕ ho¹ch mçi x· mét s¶n phÈm"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    parsed = parse_bytes(bytes(pdf.output()), ".pdf")
    assert parsed.text == "UBND tỉnh Quảng Nam\nQuyết định phê duyệt Kế hoạch mỗi xã một sản phẩm"
    assert any("TCVN3" in w for w in parsed.warnings)


@needs_ocr
def test_scans_are_read_by_ocr_within_5_percent() -> None:
    scans = sorted(TRUTH.glob("*_scan.txt"))
    assert len(scans) >= 3
    for truth in scans:
        parsed = parse_file(CORPUS / f"{truth.stem}.pdf")
        assert parsed.ocr_pages == parsed.pages and parsed.ocr_confidence > 80
        assert cer(parsed.text, truth.read_text(encoding="utf-8")) <= 0.05, truth.stem


@needs_ocr
def test_a_gibberish_text_layer_is_replaced_by_ocr() -> None:
    made = official_pdf(LEFT, RIGHT, BODY)
    gibberish = "".join(chr((ord(c) - 97 + 7) % 26 + 97) if "a" <= c <= "z" else c for c in BODY)
    parsed = parse_bytes(scanned_pdf(made, text_layer=gibberish), ".pdf")
    assert any("gibberish" in w for w in parsed.warnings)
    assert cer(parsed.text, "\n".join(LEFT + RIGHT) + "\n" + BODY) <= 0.05


@needs_shared
def test_a_pdf_of_each_gold_text_scores_as_the_text_does() -> None:
    texts, pdfs = {}, {}
    for path in sorted(Path(GOLD_DEV).glob("*.txt")):
        text = parse_file(path).text
        texts[path.stem] = extract(text).record
        pdfs[path.stem] = extract(parse_bytes(text_pdf(text), ".pdf").text).record
    from_text, from_pdf = score(GOLD_DEV, texts)["overall_f1"], score(GOLD_DEV, pdfs)["overall_f1"]
    assert abs(from_text - from_pdf) <= 0.01, (from_text, from_pdf)


def _faux_bold_pdf(per_character: bool) -> bytes:
    """A title printed twice a quarter point apart (faux bold), whole or character by character."""
    from pdf_maker import _new_pdf

    pdf = _new_pdf()
    pdf.add_page()
    if per_character:
        x = 20.0
        for char in "QUYẾT ĐỊNH":
            width = pdf.get_string_width(char)
            for dx in (0, 0.25):
                pdf.set_xy(x + dx, 20)
                pdf.cell(width, 8, char)
            x += width
    else:
        for dx in (0, 0.25):
            pdf.set_xy(20 + dx, 20)
            pdf.cell(0, 8, "QUYẾT ĐỊNH")
    pdf.set_xy(20, 32)
    pdf.cell(0, 8, "Phê duyệt Đề án Chương trình mỗi xã một sản phẩm")
    return bytes(pdf.output())


@pytest.mark.parametrize("per_character", [False, True])
def test_a_faux_bold_title_reads_once(per_character: bool) -> None:
    parsed = parse_bytes(_faux_bold_pdf(per_character), ".pdf")
    assert parsed.text == "QUYẾT ĐỊNH\nPhê duyệt Đề án Chương trình mỗi xã một sản phẩm"


def test_only_a_page_with_a_ruled_table_pays_for_pdfplumber(monkeypatch) -> None:
    from pipeline.parse import pdf_tables

    read_by_pdfplumber: list[int] = []
    page_text = pdf_tables.page_text
    monkeypatch.setattr(pdf_tables, "page_text",
                        lambda page: read_by_pdfplumber.append(page.page_number) or page_text(page))
    for name in ("kh_02_quang_nam", "qd_01_quang_nam", "news_90_binh_dinh"):  # no table
        parse_file(CORPUS / f"{name}.pdf")
    assert read_by_pdfplumber == []
    table = parse_file(CORPUS / "kh_bang_16_ben_tre.pdf")
    assert read_by_pdfplumber == [1]
    assert "| 1 | Huyện Ba Tri | 29 |" in table.text


@needs_ocr
def test_ocr_reads_a_page_in_one_tesseract_call_and_a_table_cell_by_cell(monkeypatch) -> None:
    from pipeline.parse import ocr

    calls = []
    words = ocr._words
    monkeypatch.setattr(ocr, "_words", lambda ink: calls.append(1) or words(ink))
    parsed = parse_file(CORPUS / "kh_bang_16_ben_tre_scan.pdf")
    assert len(calls) == parsed.pages == 1
    rows = [line for line in parsed.text.split("\n") if line.startswith("|")]
    assert "| 1 | Huyện Ba Tri | 29 |" in rows and "| 6 | Huyện Châu Thành | 28 |" in rows


@needs_ocr
def test_the_tesseract_command_reads_as_the_api_does(monkeypatch) -> None:
    """Where tesserocr has no wheel, OCR goes through the `tesseract` command: same text."""
    from pipeline.parse import ocr

    truth = (TRUTH / "kh_bang_16_ben_tre_scan.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(ocr, "_tesserocr", lambda: False)
    by_command = parse_file(CORPUS / "kh_bang_16_ben_tre_scan.pdf")
    assert cer(by_command.text, truth) <= 0.005 and "| 1 | Huyện Ba Tri | 29 |" in by_command.text


@needs_ocr
def test_a_scans_pages_read_side_by_side_come_back_in_order(monkeypatch) -> None:
    monkeypatch.setenv("OCOP_OCR_THREADS", "2")
    made = official_pdf(LEFT, RIGHT, BODY + "\n" + "\n".join(
        f"Đoạn {n}: các sở, ngành tổ chức thực hiện kế hoạch." for n in range(60)))
    parsed = parse_bytes(scanned_pdf(made), ".pdf")
    assert parsed.pages >= 2 and parsed.ocr_pages == parsed.pages
    numbers = [int(m) for m in re.findall(r"Đoạn (\d+):", parsed.text)]
    assert numbers == sorted(numbers) and len(numbers) >= 55
