"""Documents named by type, date and issuer without their symbol, as news writes them."""
from __future__ import annotations

import pytest

from extractors import extract


def mentions(text: str) -> list[dict]:
    return [s.value for s in extract(text).spans if s.label == "MENTION"]


@pytest.mark.parametrize("text, expected", [
    ("Ngày 12/7/2021, UBND tỉnh Quảng Nam đã ban hành Quyết định phê duyệt Đề án OCOP giai đoạn 2021-2025.",
     {"type": "Quyết định", "date": "2021-07-12", "issuer": "UBND tỉnh Quảng Nam"}),
    ("Theo Kế hoạch ngày 05/10/2024 của UBND tỉnh Quảng Nam, tỉnh phấn đấu có thêm 20 sản phẩm OCOP.",
     {"type": "Kế hoạch", "date": "2024-10-05", "issuer": "UBND tỉnh Quảng Nam"}),
    ("Kế hoạch thực hiện Chương trình OCOP năm 2024 ban hành ngày 05/10/2024 của UBND tỉnh Quảng Nam đặt mục tiêu.",
     {"type": "Kế hoạch", "date": "2024-10-05", "issuer": "UBND tỉnh Quảng Nam"}),
    ("Ngày 20/3/2023, UBND huyện Thanh Oai vừa ban hành kế hoạch phát triển sản phẩm OCOP năm 2023.",
     {"type": "Kế hoạch", "date": "2023-03-20", "issuer": "UBND huyện Thanh Oai"}),
])
def test_a_document_named_by_type_date_and_issuer(text: str, expected: dict) -> None:
    assert mentions(text) == [expected]


@pytest.mark.parametrize("text", [
    # a symbol makes it a citation, found by the citation finder
    "Thực hiện Kế hoạch số 85/KH-UBND ngày 05/3/2024 của UBND tỉnh Quảng Nam về Chương trình OCOP.",
    # no issuer, no date, or a sentence between the type and the date
    "Theo Kế hoạch ngày 05/10/2024, tỉnh phấn đấu có thêm 20 sản phẩm OCOP.",
    "UBND tỉnh Quảng Nam đã ban hành Kế hoạch thực hiện Chương trình OCOP.",
    "Tỉnh đã có Kế hoạch. Ngày 05/10/2024 của UBND tỉnh Quảng Nam là ngày hội chợ.",
    # an event on a date, not a document
    "Ngày 12/7/2021, UBND tỉnh Quảng Nam tổ chức hội nghị tổng kết Chương trình OCOP.",
])
def test_no_mention_without_type_date_and_issuer_together(text: str) -> None:
    assert mentions(text) == []


def test_an_official_text_has_its_citations_not_mentions() -> None:
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN NÚI THÀNH\n-------\nSố: 12/KH-UBND\nNúi Thành, ngày 01 tháng 3 năm 2024\n\n"
            "KẾ HOẠCH\nThực hiện Chương trình OCOP năm 2024\n\n"
            "Căn cứ Kế hoạch ngày 05/10/2023 của UBND tỉnh Quảng Nam về thực hiện Chương trình OCOP.\n")
    assert mentions(text) == []
