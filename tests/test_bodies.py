import pytest

from extractors.bodies import Place, find_bodies


@pytest.mark.parametrize(
    "sentence, place, expected",
    [
        ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NAM", None, ["UBND tỉnh Quảng Nam"]),
        ("Uỷ ban nhân dân tỉnh Hải Dương ban hành", None, ["UBND tỉnh Hải Dương"]),
        ("UBND thành phố Hà Nội", None, ["UBND thành phố Hà Nội"]),
        ("UBND thành phố Yên Bái", None, ["UBND thành phố Yên Bái"]),  # the provincial city
        ("Ủy ban nhân dân tỉnh ban hành Kế hoạch", Place(province="Ninh Thuận"), ["UBND tỉnh Ninh Thuận"]),
        ("Ủy ban nhân dân tỉnh ban hành Kế hoạch", None, [None]),  # no context: unresolved, not guessed
        ("CHỦ TỊCH UBND TỈNH", Place(province="Lào Cai"), ["UBND tỉnh Lào Cai"]),
        ("của Thủ tướng Chính phủ", None, ["Thủ tướng Chính phủ"]),
        ("Nghị định của Chính phủ", None, ["Chính phủ"]),
        ("của Bộ trưởng Bộ Tài chính", None, ["Bộ Tài chính"]),
        ("Bộ Nông nghiệp và PTNT", None, ["Bộ Nông nghiệp và Phát triển nông thôn"]),
        ("Sở NN&PTNT tỉnh Cà Mau", None, ["Sở Nông nghiệp và Phát triển nông thôn tỉnh Cà Mau"]),
        ("Ban chỉ đạo Trung ương các chương trình mục tiêu Quốc gia", None,
         ["Ban Chỉ đạo Trung ương các chương trình mục tiêu quốc gia"]),
        ("Ban Thường vụ Tỉnh ủy Nghệ An", None, ["Tỉnh ủy Nghệ An"]),
        ("Thường trực Tỉnh ủy", Place(province="Tuyên Quang"), ["Tỉnh ủy Tuyên Quang"]),
        ("Sở Nông nghiệp và Phát triển\nnông thôn", Place(province="Điện Biên"),
         ["Sở Nông nghiệp và Phát triển nông thôn tỉnh Điện Biên"]),
        # the provinces' offices of the new-countryside programme
        ("Ban Xây dựng nông thôn mới", Place(province="Quảng Ninh"), ["Ban Xây dựng nông thôn mới tỉnh Quảng Ninh"]),
        ("Văn phòng Điều phối chương trình mục tiêu Quốc gia xây dựng nông thôn mới tỉnh Thái Nguyên", None,
         ["Văn phòng Điều phối chương trình mục tiêu quốc gia xây dựng nông thôn mới tỉnh Thái Nguyên"]),
        ("Văn phòng Điều phối nông thôn mới", None, [None]),
    ],
)
def test_bodies(sentence: str, place: Place | None, expected: list[str | None]) -> None:
    assert [s.value for s in find_bodies(sentence, place)] == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the author of a plan sets its goals and tasks
        ("Năm nay, UBND thành phố Cần Thơ đặt mục tiêu phát triển thêm 20 sản phẩm.", ["UBND thành phố Cần Thơ"]),
        ("Để thực hiện các mục tiêu, UBND tỉnh Ninh Bình xây dựng 6 nhóm nhiệm vụ và giải pháp.",
         ["UBND tỉnh Ninh Bình"]),
        ("Theo kế hoạch năm 2025, Sở NN-PTNT tỉnh Tây Ninh đề ra mục tiêu có thêm 20 sản phẩm.",
         ["Sở Nông nghiệp và Phát triển nông thôn tỉnh Tây Ninh"]),
        # but the source of an article, or a body only asked to act, is not an issuer
        ("Theo Sở NN-PTNT tỉnh Tây Ninh, tỉnh đã có 133 sản phẩm OCOP.", []),
        ("UBND tỉnh Hà Nam đề nghị các huyện rà soát sản phẩm.", []),
    ],
)
def test_issuers_in_news_prose(sentence: str, expected: list[str]) -> None:
    from extractors import extract

    assert extract(sentence).record["issuers"] == expected
