"""Cited documents: each symbol linked to its own date and issuer by the citation phrase."""
import pytest

from extractors import extract


def references(text: str) -> list[tuple]:
    return [(r["number"], r["date"], r["issuer"]) for r in extract(text).record["references"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Căn cứ Quyết định số 490/QĐ-TTg ngày 07/5/2018 của Thủ tướng Chính phủ;",
         [("490/QĐ-TTg", "2018-05-07", "Thủ tướng Chính phủ")]),
        # a name broken over two lines by the PDF
        ("ỦY BAN NHÂN DÂN TỈNH SƠN LA\nTheo đề nghị của Sở Nông nghiệp và Phát triển\n"
         "nông thôn tại Tờ trình số 118/TTr-SNN ngày 05/3/2022.",
         [("118/TTr-SNN", "2022-03-05", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Sơn La")]),
        # one issuer after a list of citations belongs to each, even across a line break
        ("Căn cứ Quyết định số 490/QĐ-TTg ngày 07/5/2018, Quyết định số 1600/QĐ-TTg ngày 16/8/2016 và Quyết\n"
         "định số 1760/QĐ-TTg ngày 10/11/2017 của Thủ tướng Chính phủ;",
         [("490/QĐ-TTg", "2018-05-07", "Thủ tướng Chính phủ"), ("1600/QĐ-TTg", "2016-08-16", "Thủ tướng Chính phủ"),
          ("1760/QĐ-TTg", "2017-11-10", "Thủ tướng Chính phủ")]),
        # the subject that submitted the first document of a list submitted the next ones
        ("Xét đề nghị của Ban Xây dựng nông thôn mới tỉnh Hà Giang tại Tờ trình số 51/TTr-BXDNTM ngày 02/6/2021 "
         "và văn bản số 60/BXDNTM-OCOP ngày 9/6/2021.",
         [("51/TTr-BXDNTM", "2021-06-02", "Ban Xây dựng nông thôn mới tỉnh Hà Giang"),
          ("60/BXDNTM-OCOP", "2021-06-09", "Ban Xây dựng nông thôn mới tỉnh Hà Giang")]),
        # the committee written after its own code
        ("Căn cứ Quyết định số 1234/QĐ-UBND tỉnh Lai Châu ngày 26/9/2015 phê duyệt quy hoạch;",
         [("1234/QĐ-UBND", "2015-09-26", "UBND tỉnh Lai Châu")]),
        # a minister signs for the ministry
        ("Quyết định 815/QĐ-BCT năm 2021 về điểm bán sản phẩm do Bộ trưởng Bộ Công thương ban hành",
         [("815/QĐ-BCT", None, "Bộ Công Thương")]),
        # the standing board and the plenum of a party committee act for the committee
        ("Căn cứ Thông báo số 77-TB/TU ngày 01/3/2020 của Thường trực Tỉnh ủy Hà Giang về Chương trình OCOP;",
         [("77-TB/TU", "2020-03-01", "Tỉnh ủy Hà Giang")]),
        ("Căn cứ Nghị quyết số 05-NQ/TU ngày 20/4/2021 Hội nghị Ban chấp hành Đảng bộ tỉnh Cao Bằng lần thứ tư",
         [("05-NQ/TU", "2021-04-20", "Tỉnh ủy Cao Bằng")]),
        # a signer's name between the body and its verb; the sentence's date
        ("Ngày 12/4/2021, Phó Chủ tịch UBND thành phố Hà Nội Trần Văn Nam ký ban hành Kế hoạch số 88/KH-UBND về việc",
         [("88/KH-UBND", "2021-04-12", "UBND thành phố Hà Nội")]),
        # letters lost by PDF extraction (`ny` for `ngày`, `ca` for `của`)
        ("Thông tư s 09/2020/TT-BTC ny 30/01/2020 ca Bộ Tài chính sửa đổi",
         [("09/2020/TT-BTC", "2020-01-30", "Bộ Tài chính")]),
        # a body in the next sentence did not issue the cited document
        ("Căn cứ Quyết định số 12/QĐ-UBND ngày 1/2/2020. Bộ Tài chính hướng dẫn thực hiện.",
         [("12/QĐ-UBND", "2020-02-01", None)]),
    ],
)
def test_citations(text: str, expected: list[tuple]) -> None:
    assert references(text) == expected
