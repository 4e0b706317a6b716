"""The assembled record on short real-shaped texts: citations linked, issuers chosen."""
from extractors import extract

SEED_LIKE = (
    "Thanh Oai triển khai Chương trình OCOP (16:23 04/11/2019)\n\n"
    "HNP - Ngày 01-11, UBND huyện Thanh Oai có Văn bản số 1682/UBND-KT về việc triển khai thực hiện "
    "Chương trình mỗi xã một sản phẩm (OCOP).\n"
    "Theo đó, chương trình nhằm thực hiện Quyết định số 3629/QĐ-UBND, ngày 08-7-2019, của UBND thành phố Hà Nội "
    "ban hành Kế hoạch. UBND huyện đề nghị UBND các xã báo cáo Sở NNPTNT Thành phố."
)


def test_news_citations_take_date_and_issuer_from_the_phrase() -> None:
    record = extract(SEED_LIKE).record
    assert record["kind"] == "news"
    assert record["references"] == [
        {"number": "1682/UBND-KT", "date": "2019-11-01", "issuer": "UBND huyện Thanh Oai"},
        {"number": "3629/QĐ-UBND", "date": "2019-07-08", "issuer": "UBND thành phố Hà Nội"},
    ]
    assert record["dates"] == ["2019-11-04", "2019-11-01", "2019-07-08"]
    assert record["provinces"] == ["Hà Nội"]


def test_a_body_only_asked_to_act_is_not_an_issuer() -> None:
    issuers = extract(SEED_LIKE).record["issuers"]
    assert set(issuers) == {"UBND huyện Thanh Oai", "UBND thành phố Hà Nội"}


OFFICIAL = """ỦY BAN NHÂN DÂN
TỈNH NINH THUẬN
-------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 105/KH-UBND
Ninh Thuận, ngày 05 tháng 3 năm 2024
KẾ HOẠCH
Thực hiện Chương trình OCOP năm 2024
Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ; Ủy ban nhân dân tỉnh ban hành Kế hoạch:
II. MỤC TIÊU
- Phấn đấu có ít nhất 20 sản phẩm đạt 3 sao trở lên.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Quốc Nam
"""


def test_official_document_describes_itself() -> None:
    result = extract(OFFICIAL)
    assert result.record["document"] == {
        "type": "Kế hoạch", "number": "105/KH-UBND", "date": "2024-03-05", "issuer": "UBND tỉnh Ninh Thuận"}
    assert result.description.signer == "Trần Quốc Nam"
    assert result.record["targets"][0]["year"] == 2024
    assert result.record["references"] == [
        {"number": "919/QĐ-TTg", "date": "2022-08-01", "issuer": "Thủ tướng Chính phủ"}]


def test_every_span_lies_inside_the_text_and_matches_it() -> None:
    result = extract(OFFICIAL)
    assert result.spans
    for span in result.spans:
        assert 0 <= span.start < span.end <= len(result.text)
    numbers = [s for s in result.spans if s.label == "DOC_NUMBER"]
    assert [result.text[s.start:s.end] for s in numbers] == ["105/KH-UBND", "919/QĐ-TTg"]


def test_where_a_text_was_written_is_not_what_it_is_about() -> None:
    ministry = OFFICIAL.replace("ỦY BAN NHÂN DÂN\nTỈNH NINH THUẬN", "BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN")
    ministry = ministry.replace("Ninh Thuận, ngày", "Hà Nội, ngày").replace("KH-UBND", "KH-BNN")
    assert extract(ministry).record["provinces"] == []
    news = "Hà Nội (TTXVN 25/10/2023) Tỉnh Quảng Ninh phấn đấu có 300 sản phẩm OCOP."
    assert extract(news).record["provinces"] == ["Quảng Ninh"]
    assert extract(OFFICIAL).record["provinces"] == ["Ninh Thuận"]


def test_a_department_drafting_a_plan_issued_it() -> None:
    text = ("Thực hiện Quyết định của UBND tỉnh Hưng Yên, Sở Nông nghiệp và PTNT xây dựng dự thảo Kế hoạch "
            "thực hiện Chương trình OCOP và đề nghị UBND các huyện góp ý.")
    assert extract(text).record["issuers"] == ["Sở Nông nghiệp và Phát triển nông thôn tỉnh Hưng Yên"]
