"""Vietnamese text repair: legacy font encodings, tone placement, loose marks, syllables."""
import pytest

from extractors.vietnamese import is_syllable, new_tone_placement
from pipeline.parse import parse_bytes
from pipeline.parse.common import repair_vietnamese
from pipeline.parse.legacy import repair_legacy

UNICODE = "Quyết định phê duyệt Chương trình mỗi xã một sản phẩm của tỉnh Quảng Nam. Người được hỗ trợ."
TCVN3 = "QuyÕt ®Þnh phª duyÖt Ch\u00ad¬ng tr×nh mçi x· mét s¶n phÈm cña tØnh Qu¶ng Nam. Ng\u00adêi ®\u00adîc hç trî."
VNI = "Quyeát ñònh pheâ duyeät Chöông trình moãi xaõ moät saûn phaåm cuûa tænh Quaûng Nam. Ngöôøi ñöôïc hoã trôï."


@pytest.mark.parametrize("legacy, name", [(TCVN3, "TCVN3"), (VNI, "VNI")])
def test_legacy_font_text_is_converted(legacy: str, name: str) -> None:
    assert repair_legacy(legacy) == (UNICODE, name)


@pytest.mark.parametrize("legacy, name", [(TCVN3, "TCVN3"), (VNI, "VNI")])
def test_a_legacy_text_file_reads_as_unicode_and_keeps_its_original(legacy: str, name: str) -> None:
    parsed = parse_bytes(legacy.encode("cp1252"), ".txt")
    assert parsed.text == UNICODE
    assert parsed.original == legacy
    assert any(name in w for w in parsed.warnings)


def test_upper_case_headings_of_the_capitals_font_stay_upper_case() -> None:
    assert repair_legacy("QUYÕT §ÞNH\nvÒ viÖc phª duyÖt kÕ ho¹ch")[0] == "QUYẾT ĐỊNH\nvề việc phê duyệt kế hoạch"


@pytest.mark.parametrize("text", [
    UNICODE,
    "Café au lait à la française, déjà vu près du marché.",  # Latin-1 that is not Vietnamese
    "Giá 100 µg/kg; nhiệt độ 25 °C; © 2024 Sở NN&PTNT.",
])
def test_unicode_and_other_latin_text_is_left_alone(text: str) -> None:
    assert repair_legacy(text) == (text, None)


def test_repair_sets_loose_marks_one_tone_placement_and_ligatures() -> None:
    text, _, original = repair_vietnamese("Viê \u0323t Nam: thuỷ lợi ở Hoà Bình, quý I, ﬁle")
    assert text == "Việt Nam: thủy lợi ở Hòa Bình, quý I, file"
    assert original is not None


def test_new_tone_placement_leaves_qu_alone() -> None:
    assert new_tone_placement("quý, thuý, hoà, khoẻ") == "quý, thúy, hòa, khỏe"


@pytest.mark.parametrize("word, expected", [
    ("quyết", True), ("nghiêng", True), ("người", True), ("gì", True), ("giữa", True), ("khuya", True),
    ("OCOP", False), ("UBND", False),
    ("Quyeỏt", False), ("ủũnh", False), ("tổnh", False), ("Chửụng", False),  # VNI read as TCVN3
])
def test_is_syllable(word: str, expected: bool) -> None:
    assert is_syllable(word) is expected


@pytest.mark.parametrize("broken, repaired", [
    # a tone mark that drifted past the consonants after its vowel goes back on the vowel
    ("UBND tỉnh Quang\u0309 Nam", "UBND tỉnh Quảng Nam"),
    ("huyện Nghiêm\u0300 Xuyên", "huyện Nghiềm Xuyên"),
    ("Hoang\u0300 Sa", "Hoàng Sa"),
    # `Ã` + a no-break space in cp1252, read as UTF-8
    ("CỘNG HÒA XàHỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    # and what is right is left alone
    ("Quảng Nam, Hà Tĩnh, xã Hòa An", "Quảng Nam, Hà Tĩnh, xã Hòa An"),
    ("Cà Mau, BÀ RỊA", "Cà Mau, BÀ RỊA"),
])
def test_text_broken_by_its_source_is_repaired(broken: str, repaired: str) -> None:
    assert repair_vietnamese(broken)[0] == repaired


def test_a_repaired_text_gives_its_province_and_issuer() -> None:
    from extractors import extract

    text = parse_bytes("UBND tỉnh Quang\u0309 Nam vừa ban hành Kế hoạch số 12/KH-UBND.".encode(), ".txt").text
    record = extract(text).record
    assert record["provinces"] == ["Quảng Nam"] and record["issuers"] == ["UBND tỉnh Quảng Nam"]
