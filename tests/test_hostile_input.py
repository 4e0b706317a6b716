"""Bad files in, clear errors or correct results out, within a time and memory bound per
file, and the run goes on. The files are made here, in a temporary folder."""
from __future__ import annotations

import os
import unicodedata
import zlib

import pytest

from pipeline.process import process_path

TIMEOUT = 20  # seconds per file in this test (300 in real runs)


def pdf_with_stream(stream: bytes, filter_name: str = "/FlateDecode") -> bytes:
    """A minimal one-page PDF whose content stream is `stream`."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter %s >>\nstream\n" % (len(stream), filter_name.encode()) + stream + b"\nendstream",
    ]
    out, offsets = b"%PDF-1.7\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def encrypted_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Secret plan")
    return bytes(pdf.output())


def many_targets() -> str:
    lines = ["KẾ HOẠCH", "II. MỤC TIÊU NĂM 2025"]
    lines += [f"- Phấn đấu có ít nhất {n} sản phẩm OCOP loại {n}." for n in range(1, 10001)]
    return "\n".join(lines)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258(text: str) -> bytes:
    """`text` as Windows-1258 stores it: letters with their vowel marks precomposed (â, ơ,
    ư, đ), tone marks as combining characters after them."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
                   + "".join(c for c in parts if c in _TONES))
    return "".join(out).encode("cp1258")


DECISION = ("Ủy ban nhân dân tỉnh Quảng Nam ban hành Quyết định số 15/QĐ-UBND ngày 12/3/2024 về việc phê duyệt "
            "kế hoạch thực hiện Chương trình mỗi xã một sản phẩm. Phấn đấu có ít nhất 30 sản phẩm đạt 3 sao.")
# A portal page of a realistic size: markup and script around a short text, so the few
# bytes UTF-8 cannot read are a small share of the page.
PAGE_CHROME = b"<script>" + b"var menu = [];\n" * 3000 + b"</script>"

BAD_FILES: dict[str, bytes] = {
    "empty.txt": b"",
    "empty.pdf": b"",
    "truncated.pdf": pdf_with_stream(zlib.compress(b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET"))[:300],
    "junk.pdf": bytes(range(256)) * 400,
    "junk.html": b"\x00\x01\x02\xff\xfe" * 1000,
    "bomb.pdf": pdf_with_stream(zlib.compress(b"0" * (200 << 20), 9)),  # 200 MB of content in ~200 KB
    "nested.html": (b"<html><body>" + b"<div>" * 20000 + "Kế hoạch OCOP".encode() + b"</div>" * 20000
                    + b"</body></html>"),
    "lying-charset.html": ('<html><head><meta charset="windows-1252"></head><body><article><p>'
                           + "Quyết định số 1599/QĐ-UBND ngày 22/5/2018 của UBND tỉnh Quảng Nam. " * 10
                           + "</p></article></body></html>").encode("utf-8"),
    "invalid-utf8.txt": ("Quyết định số 1599/QĐ-UBND ngày 22/5/2018".encode() + b"\xff\xfe\xc3"
                         + " của UBND tỉnh Quảng Nam".encode()),
    "control-chars.txt": "Kế hoạch\x00 số\x07 12/KH-UBND\x1b ngày 01/02/2023\x0c của UBND tỉnh Bến Tre".encode(),
    # Windows-1258 bytes under a `<meta charset="utf-8">` that lies, and with no charset at all
    "cp1258-lying-utf8.html": (b'<html><head><meta charset="utf-8"><title>Tin</title>' + PAGE_CHROME
                               + b"</head><body><article><p>" + windows_1258(DECISION)
                               + b"</p></article></body></html>"),
    "cp1258-no-charset.html": (b"<html><head><title>Tin</title></head><body><article><p>" + windows_1258(DECISION)
                               + b"</p></article></body></html>"),
    "utf16-bom.html": ("<html><head><title>Tin</title></head><body><article><p>" + DECISION
                       + "</p></article></body></html>").encode("utf-16"),
    "random-bytes.html": os.urandom(20000),
    "big-page.html": b"<html><body><article>" + ("<p>" + "Nội dung văn bản OCOP. " * 40 + "</p>").encode() * 50000
                     + b"</article></body></html>",  # ~50 MB
}


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("bad")
    paths = []
    for name, data in {**BAD_FILES, "encrypted.pdf": encrypted_pdf(),
                       "many-targets.txt": many_targets().encode()}.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return {p.name: process_path(str(p), timeout=TIMEOUT) for p in paths}


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty file"), ("empty.pdf", "empty file"), ("truncated.pdf", "PDF"),
    ("junk.pdf", "not a PDF"), ("junk.html", "not text"), ("encrypted.pdf", "encrypted PDF"),
    ("random-bytes.html", "not text"),
])
def test_a_bad_file_gives_a_clear_error(results: dict[str, dict], name: str, reason: str) -> None:
    assert reason in results[name].get("error", ""), results[name]


def test_a_pdf_bomb_is_stopped_by_the_bounds_or_read_without_harm(results: dict[str, dict]) -> None:
    result = results["bomb.pdf"]
    assert "error" in result or result["record"]["targets"] == []


@pytest.mark.parametrize("name", ["nested.html", "lying-charset.html", "invalid-utf8.txt", "control-chars.txt",
                                  "big-page.html"])
def test_an_awkward_file_is_read_or_refused_with_a_reason(results: dict[str, dict], name: str) -> None:
    result = results[name]
    assert "error" in result or result["text"], result


def test_awkward_text_still_gives_its_values(results: dict[str, dict]) -> None:
    assert results["lying-charset.html"]["record"]["doc_numbers"] == ["1599/QĐ-UBND"]
    assert "1599/QĐ-UBND" in results["invalid-utf8.txt"]["record"]["doc_numbers"]
    control = results["control-chars.txt"]
    assert control["record"]["doc_numbers"] == ["12/KH-UBND"] and "\x00" not in control["text"]


@pytest.mark.parametrize("name", ["cp1258-lying-utf8.html", "cp1258-no-charset.html", "utf16-bom.html"])
def test_a_page_in_another_charset_reads_as_vietnamese(results: dict[str, dict], name: str) -> None:
    result = results[name]
    assert "Quyết định số 15/QĐ-UBND" in result["text"] and "\ufffd" not in result["text"]
    assert result["record"]["doc_numbers"] == ["15/QĐ-UBND"]
    assert result["record"]["targets"][0]["value"] == 30
    assert result["record"]["provinces"] == ["Quảng Nam"]


def test_a_charset_that_lies_is_noted(results: dict[str, dict]) -> None:
    notes = results["cp1258-lying-utf8.html"]["record"]["notes"]
    assert "declared charset 'utf-8' does not decode the bytes" in notes and "cp1258" in notes


def test_a_document_of_ten_thousand_targets(results: dict[str, dict]) -> None:
    targets = results["many-targets.txt"]["record"]["targets"]
    assert len(targets) == 10000 and targets[-1]["value"] == 10000 and targets[-1]["comparator"] == ">="
