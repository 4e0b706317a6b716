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
