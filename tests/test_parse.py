"""The parse stage on the bundled pages and on broken input."""
import unicodedata
from pathlib import Path

import pytest

from pipeline.parse import ParseError, parse_bytes, parse_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "documents"


def test_portal_page_keeps_the_article_and_drops_the_chrome() -> None:
    page = next(CORPUS.glob("news_*.html"))
    parsed = parse_file(page)
    assert "Kế hoạch số" in parsed.text
    for chrome in ("Trang chủ", "Họ tên:(*)", "Mã xác nhận", "Tin mới", "Cơ quan chủ quản", "_gaq", "Facebook"):
        assert chrome not in parsed.text, chrome
    assert parsed.title and parsed.title in parsed.text
    assert parsed.published and parsed.published[:4].isdigit()


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps â, ơ, đ... precomposed but stores the five tone marks as combining characters."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in tones)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + tone)
    return "".join(out).encode("cp1258")


def test_html_in_windows_1258_is_decoded_by_its_meta_charset() -> None:
    html = '<html><head><meta charset="windows-1258"></head><body><article><p>{}</p></article></body></html>'
    text = "Ủy ban nhân dân tỉnh Quảng Nam phê duyệt Đề án OCOP. " * 6
    data = _to_cp1258(html.format(text))
    parsed = parse_bytes(data, ".html")
    assert "Ủy ban nhân dân tỉnh Quảng Nam" in parsed.text


def test_text_pdf_gives_its_vietnamese_text() -> None:
    pdf = next(CORPUS.glob("qd_*.pdf"))
    parsed = parse_file(pdf)
    assert parsed.format == "pdf" and parsed.pages and parsed.pages >= 1
    assert "QUYẾT ĐỊNH" in parsed.text and "Căn cứ" in parsed.text


@pytest.mark.parametrize(
    "data, suffix, reason",
    [
        (b"", ".txt", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", ".pdf", "not a PDF"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> truncated", ".pdf", "PDF"),
        (b"\x00\x01\x02\x03" * 100, ".txt", "binary"),
        (b"just words, no markup at all " * 100, ".html", "not HTML"),
        (b"hello", ".odt", "unsupported file type"),
    ],
)
def test_bad_files_give_a_clear_error(data: bytes, suffix: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse_bytes(data, suffix)


def test_text_is_repaired_to_nfc_with_vietnamese_d() -> None:
    nfd = "Quye\u0302\u0301t \u0111i\u0323nh so\u0302\u0301 1599/Q\u00d0-UBND"
    parsed = parse_bytes(nfd.encode("utf-8"), ".txt")
    assert parsed.text == "Quyết định số 1599/QĐ-UBND"
    assert parsed.original == nfd


def test_a_ruled_pdf_table_becomes_one_pipe_row_per_row() -> None:
    parsed = parse_file(CORPUS / "kh_bang_16_ben_tre.pdf")
    rows = [ln for ln in parsed.text.split("\n") if ln.startswith("|")]
    # the header cell printed over two lines is one cell; each district is one row
    assert rows[0] == "| STT | Đơn vị | Số sản phẩm OCOP đạt 3 sao trở lên đến năm 2025 |"
    assert "| 1 | Huyện Ba Tri | 29 |" in rows
    # the table stands between the sentence that introduces it and the next section
    assert parsed.text.index("như sau:") < parsed.text.index(rows[0]) < parsed.text.index("II. TỔ CHỨC")


def test_an_html_data_table_becomes_pipe_rows_and_a_layout_table_does_not() -> None:
    filler = "<p>" + "Nội dung kế hoạch. " * 20 + "</p>"
    page = ("<html><body><article>" + filler + "<table><tr><th>STT</th><th>Đơn vị</th><th>Số sản phẩm</th></tr>"
            "<tr><td>1</td><td><p>Huyện Ba Tri</p></td><td>29</td></tr></table>"
            "<table><tr><td>" + "Bài viết dài. " * 40 + "</td><td>Cột phải</td></tr><tr><td>a</td><td>b</td></tr>"
            "</table></article></body></html>")
    text = parse_bytes(page.encode("utf-8"), ".html").text
    assert "| STT | Đơn vị | Số sản phẩm |\n| 1 | Huyện Ba Tri | 29 |" in text
    assert not any(line.startswith("| Bài viết dài.") for line in text.split("\n"))


def _docx(build) -> bytes:  # noqa: ANN001
    import io

    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_reads_its_header_table_by_column_and_its_data_table_by_row() -> None:
    def build(d) -> None:  # noqa: ANN001
        header = d.add_table(rows=2, cols=2)
        header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH BẾN TRE"
        header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        header.cell(1, 0).text = "Số: 303/KH-UBND"
        header.cell(1, 1).text = "Bến Tre, ngày 13 tháng 4 năm 2023"
        d.add_paragraph("KẾ HOẠCH")
        d.add_paragraph("Phấn đấu đến năm 2025 có 60 sản phẩm, chi tiết như sau:")
        data = d.add_table(rows=2, cols=3)
        for i, value in enumerate(["STT", "Đơn vị", "Số sản phẩm OCOP đến năm 2025", "1", "Huyện Ba Tri", "29"]):
            data.cell(i // 3, i % 3).text = value

    parsed = parse_bytes(_docx(build), ".docx")
    assert parsed.format == "docx"
    assert parsed.text.split("\n")[:3] == ["ỦY BAN NHÂN DÂN", "TỈNH BẾN TRE", "Số: 303/KH-UBND"]
    assert "| 1 | Huyện Ba Tri | 29 |" in parsed.text
    from extractors import extract

    record = extract(parsed.text).record
    assert record["document"]["number"] == "303/KH-UBND"
    assert [t.get("district") for t in record["targets"]] == [None, "Ba Tri"]


@pytest.mark.parametrize("data, suffix, reason", [
    (b"PK\x03\x04 not really a zip", ".docx", "not a .docx"),
    (b"\xd0\xcf\x11\xe0 a legacy file renamed", ".docx", "not a .docx"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 600, ".doc", "antiword"),
    (b"plain text renamed", ".doc", "not a legacy .doc"),
])
def test_broken_word_files_give_a_clear_error(data: bytes, suffix: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        parse_bytes(data, suffix)


def test_a_legacy_word_doc_reads_back_its_text() -> None:
    import shutil
    import sys

    if shutil.which("antiword") is None:
        pytest.skip("antiword is not installed (scripts/dev.sh installs it with apt-get)")
    sys.path.insert(0, str(CORPUS.parent))
    from pipeline.bench.cer import cer

    folder = CORPUS.parent / "fixtures" / "word"
    parsed = parse_file(folder / "cv_04_bac_tra_my.doc")
    assert parsed.format == "doc"
    assert cer(parsed.text, (folder / "cv_04_bac_tra_my.txt").read_text(encoding="utf-8")) < 0.01


def test_a_portals_comment_form_saved_with_its_article_is_cut() -> None:
    from pipeline.parse import parse_bytes

    article = ("Thanh Oai triển khai thực hiện Chương trình mỗi xã một sản phẩm\n\n"
               "UBND huyện Thanh Oai ban hành Kế hoạch thực hiện Chương trình OCOP năm 2020.\n"
               "Phấn đấu có 10 sản phẩm đạt 3 sao trở lên.\n\nTrường Giang\n\n")
    chrome = "Các bài mới đăng\n\nCác bài đã đăng :\n\nViết bình luận\n\nHọ tên:(*)\nMã xác nhận:  L?y l?i m� b?o m?t\n"
    parsed = parse_bytes((article + chrome).encode(), ".txt")
    assert parsed.text.endswith("Trường Giang") and "bình luận" not in parsed.text
    assert any("page chrome cut" in w for w in parsed.warnings)
    # a heading word inside the article, in its first half, is the article's
    kept = parse_bytes(("Tin liên quan\n" + article).encode(), ".txt")
    assert kept.text.startswith("Tin liên quan")


def test_a_legal_databases_text_container_is_the_text_and_the_paywall_around_it_is_not() -> None:
    site = Path(__file__).resolve().parent.parent / "corpus" / "sites" / "thuvienphapluat"
    page = next(site.glob("van-ban/*/*-481234.aspx"))
    text = parse_bytes(page.read_bytes(), ".html").text
    assert "Số: 3473/QĐ-UBND" in text and "Quảng Nam, ngày 12 tháng 7 năm 2021" in text
    assert "Đăng Nhập" not in text and "Hotline" not in text
