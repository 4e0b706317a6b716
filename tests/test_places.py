import pytest

from extractors import extract
from extractors.places import find_communes, find_districts, find_provinces


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("UBND tỉnh Quảng Nam vừa ký quyết định", ["Quảng Nam"]),
        ("ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH", ["Hà Tĩnh"]),
        ("UBND tỉnh Hoà Bình", ["Hòa Bình"]),  # old tone placement
        ("tại TP.HCM và Thừa Thiên - Huế", ["Hồ Chí Minh", "Thừa Thiên Huế"]),
        ("học tập và làm theo tư tưởng Hồ Chí Minh", []),  # a person, not the city
        ("các nước Châu Á - Thái Bình Dương", []),  # the Pacific, not Thái Bình or Bình Dương
        ("nấm linh chi của xã Hòa Bình", []),  # a commune named like a province
    ],
)
def test_provinces(sentence: str, expected: list[str]) -> None:
    assert [s.value for s in find_provinces(sentence)] == expected


def test_district_counts_for_its_province() -> None:
    (span,) = find_districts("UBND huyện Thanh Oai triển khai Chương trình OCOP")
    assert span.value == {"district": "Thanh Oai", "level": "huyện", "province": "Hà Nội"}


def test_ambiguous_district_is_resolved_from_context_or_left_open() -> None:
    # Châu Thành is a district of several Mekong provinces.
    (alone,) = find_districts("Sản phẩm của huyện Châu Thành đạt 4 sao")
    assert alone.value["province"] is None
    (with_context,) = find_districts("huyện Châu Thành, tỉnh Bến Tre")
    assert with_context.value["province"] == "Bến Tre"


def test_every_province_maps_to_one_of_the_34_after_the_2025_merger() -> None:
    from extractors import gazetteer

    after = gazetteer.provinces_after_2025()
    assert len(after) == 63 and len(set(after.values())) == 34
    assert after["Quảng Nam"] == "Đà Nẵng" and after["Hà Giang"] == "Tuyên Quang"
    assert after["Thừa Thiên Huế"] == "Huế" and after["Hà Nội"] == "Hà Nội"


def test_commune_counts_for_its_province_and_is_resolved_from_context() -> None:
    (tam_thang,) = find_communes("xã Tam Thăng, thành phố Tam Kỳ", {"Quảng Nam"}, {"Tam Kỳ"})
    assert tam_thang.value == {"commune": "Tam Thăng", "level": "xã", "district": "Tam Kỳ", "province": "Quảng Nam"}
    # Tân Phú is a commune in many provinces: with none named it is left open
    (tan_phu,) = find_communes("sản phẩm của xã Tân Phú", set(), set())
    assert tan_phu.value["province"] is None
    # `thị xã Nghĩa Lộ` is a district, not a commune
    assert find_communes("thị xã Nghĩa Lộ", set(), set()) == []
    assert extract("Hợp tác xã ở xã Tam Thăng, thành phố Tam Kỳ đạt 4 sao.").record["provinces"] == ["Quảng Nam"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # where products are sold, a fair is held, a ranking, a product's or an event's name
        ("Sản phẩm OCOP của tỉnh Bình Định đã được bán ở Hà Nội, Bắc Ninh và Hải Phòng.", ["Bình Định"]),
        ("Tỉnh Phú Yên tham gia Hội chợ OCOP năm 2023 tổ chức tại Hà Nội.", ["Phú Yên"]),
        ("Về số sản phẩm OCOP, tỉnh Thanh Hóa đứng sau Hà Nội.", ["Thanh Hóa"]),
        ("Hợp tác xã ở tỉnh Đồng Nai trồng giống bưởi Bình Dương.", ["Đồng Nai"]),
        ("Tây Ninh có 3 chủ thể trưng bày tại Diễn đàn sản phẩm OCOP Đồng Tháp năm 2022.", ["Tây Ninh"]),
        # but a province the text is about stays, even beside such words
        ("UBND tỉnh Quảng Ngãi ban hành kế hoạch tổ chức hội chợ OCOP tỉnh Quảng Ngãi.", ["Quảng Ngãi"]),
        ("Sản phẩm OCOP của Hà Nội được bán tại nhiều siêu thị.", ["Hà Nội"]),
        ("Hà Nội tổ chức hội nghị tổng kết chương trình OCOP.", ["Hà Nội"]),
    ],
)
def test_a_province_named_in_passing_is_not_what_the_text_is_about(text: str, expected: list[str]) -> None:
    assert extract(text).record["provinces"] == expected
