"""The signer and their title, read from a document's signature block, and the header's place."""
from __future__ import annotations

import pytest

from extractors import extract
from extractors.self_description import describe
from extractors.signature import find_signature

HEADER = ("UBND TỈNH QUẢNG NAM                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "UBND HUYỆN BẮC TRÀ MY                 Độc lập - Tự do - Hạnh phúc\n"
          "Số: 977/UBND-NN                       Bắc Trà My, ngày 01 tháng 5 năm 2023\n"
          "V/v triển khai Chương trình OCOP năm 2023\n\n")


@pytest.mark.parametrize("block, name, title, signs_for", [
    # the block as a text file or a PDF's right column keeps it: for the head, then the title
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\nĐỗ Minh Khoa\n",
     "Đỗ Minh Khoa", "Phó Chủ tịch", "KT. Chủ tịch"),
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n(Đã ký)\nLê Quang Minh", "Lê Quang Minh", "Chủ tịch", "TM. Ủy ban nhân dân"),
    # a web page's table cell joins the block into one line
    ("- Lưu VT, KHCN. (15 bản). | KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Quốc Doanh |\nPHỤ LỤC\n1. Tên sản phẩm",
     "Lê Quốc Doanh", "Thứ trưởng", "KT. Bộ trưởng"),
    # the block beside `Nơi nhận` in a two-column text: the name in the right column
    ("Nơi nhận:                                      KT. CHỦ TỊCH\n"
     "- Như Điều 3;                                  PHÓ CHỦ TỊCH\n"
     "- Lưu: VT, KTN.\n\n"
     "                                               Nguyễn Văn Sửu\n",
     "Nguyễn Văn Sửu", "Phó Chủ tịch", "KT. Chủ tịch"),
    # a name in capitals, written as a name; a name of the Central Highlands
    ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNGUYỄN VĂN HÙNG", "Nguyễn Văn Hùng", "Phó Giám đốc", "KT. Giám đốc"),
    ("| KT. CHỦ TỊCH PHÓ CHỦ TỊCH |\n| Y Giang Gry Niê Knơng |", "Y Giang Gry Niê Knơng", "Phó Chủ tịch",
     "KT. Chủ tịch"),
])
def test_the_signer_is_the_name_under_their_title(block: str, name: str, title: str, signs_for: str) -> None:
    text = HEADER + "Nội dung công văn.\n\n" + block
    (span,) = find_signature(text)
    assert span.value == {"name": name, "title": title, "for": signs_for}
    assert " ".join(text[span.start:span.end].split()).lower() == name.lower()


@pytest.mark.parametrize("block", [
    # a title with no name under it (a page that cut the block), or a body under it
    "| KT. CHỦ TỊCH |\nÝ kiến bạn đọc",
    "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nỦY BAN NHÂN DÂN TỈNH QUẢNG NAM",
    # a title in a sentence is not a signature
    "Phó Chủ tịch UBND tỉnh Nguyễn Văn A phát biểu tại hội nghị.",
    "Đồng chí PHÓ CHỦ TỊCH UBND tỉnh chủ trì.",
])
def test_no_signer_without_a_name_under_a_title(block: str) -> None:
    assert find_signature(HEADER + block) == []


def test_the_document_is_described_with_its_signer_and_title() -> None:
    text = HEADER + "Nội dung.\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nĐỗ Minh Khoa\n"
    desc = describe(text)
    assert (desc.signer, desc.signer_title) == ("Đỗ Minh Khoa", "Phó Chủ tịch (KT. Chủ tịch)")
    assert [s.label for s in extract(text).spans if s.label == "SIGNER"] == ["SIGNER"]


@pytest.mark.parametrize("number_line, place", [
    # the symbol's unit and the place stand on one line, with the header's column gap between
    ("Số: 977/UBND-NN                       Bắc Trà My, ngày 01 tháng 5 năm 2023", "Bắc Trà My"),
    # an HTML header joined with one space
    ("Số: 1269/QĐ-UBND Đắk Lắk, ngày 12 tháng 5 năm 2021", "Đắk Lắk"),
    ("Số: 45/KH-UBND | TP. Hồ Chí Minh, ngày 12 tháng 5 năm 2021", "TP. Hồ Chí Minh"),
])
def test_the_place_of_the_place_date_line(number_line: str, place: str) -> None:
    text = "ỦY BAN NHÂN DÂN\nTỈNH X\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" + number_line + "\nKẾ HOẠCH\n"
    assert describe(text).place == place
