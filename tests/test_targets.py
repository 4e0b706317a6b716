import pytest

from extractors import extract
from extractors.targets import find_targets, reading


def targets(text: str) -> list[tuple]:
    return [(t["value"], t["unit"], t["comparator"], t["year"]) for t in extract(text).record["targets"]]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Phấn đấu trong năm 2020 có ít nhất 80% số sản phẩm đạt hạng 3 sao trở lên.",
         [(80, "%", ">=", 2020)]),
        ("Mục tiêu đến năm 2025 có 3.000 sản phẩm OCOP.", [(3000, "sản phẩm", "=", 2025)]),
        ("Phấn đấu đến năm 2025 tăng trưởng 1,5 lần.", [(1.5, "lần", "=", 2025)]),
        ("Mục tiêu giai đoạn 2021-2025 có trên 50% chủ thể là hợp tác xã.", [(50, "%", ">", 2025)]),
        ("Phấn đấu năm 2024 có khoảng 3 - 5 sản phẩm đạt 4 sao.", [(3, "sản phẩm", ">=", 2024)]),
        ("Mục tiêu năm 2023 có 40 sản phẩm trở lên được đánh giá.", [(40, "sản phẩm", ">=", 2023)]),
        # achieved figures, budgets and star ratings are not targets
        ("Đến nay, toàn tỉnh đang có 120 sản phẩm OCOP.", []),
        ("Tổng kinh phí thực hiện kế hoạch là 52,3 tỷ đồng.", []),
        ("Kế hoạch xét chọn sản phẩm đạt 5 sao.", []),
        # a range written with `đến` is its lower bound; its upper bound is no target of its own
        ("Phấn đấu đến năm 2025 có khoảng 8 đến 10 sản phẩm đạt 5 sao.", [(8, "sản phẩm", ">=", 2025)]),
        ("Mục tiêu năm 2024 phát triển từ 15 - 20 sản phẩm mới.", [(15, "sản phẩm", ">=", 2024)]),
        # results reported, even beside the word `kế hoạch`
        ("Năm 2022, tỉnh có 47 sản phẩm đạt chuẩn, vượt 13 sản phẩm so với kế hoạch.", []),
        ("Đến nay, tỉnh đã hỗ trợ 20 sản phẩm tham gia chương trình.", []),
        ("Sản phẩm năm 2020 nhiều hơn so với năm 2019, đạt 110 sản phẩm.", []),
        # `đã` describing what is counted does not make a goal a result
        ("Củng cố, nâng cấp ít nhất 50% sản phẩm OCOP đã được phân hạng.", [(50, "%", ">=", None)]),
        # a result cue before the goal cue does not veto it
        ("Tỉnh đã đề ra mục tiêu năm 2021 có ít nhất 60 sản phẩm được phân hạng.", [(60, "sản phẩm", ">=", 2021)]),
        # numbers in words, and a typo glueing the number to the cue
        ("Năm 2024 dự kiến phát triển 67 sản phẩm mới; bốn sản phẩm mới hạng bốn sao.",
         [(67, "sản phẩm", "=", 2024), (4, "sản phẩm", "=", 2024)]),
        ("Mục tiêu phấn đấu100% đơn vị cấp huyện kiện toàn bộ máy.", [(100, "%", "=", None)]),
        # `ít nhất` before the first item of a comma list governs the next ones
        ("Phấn đấu ít nhất có 60% chủ thể là hợp tác xã, 20% chủ thể là doanh nghiệp.",
         [(60, "%", ">=", None), (20, "%", ">=", None)]),
        # but not an item with its own verb
        ("Năm 2020 sẽ nâng cấp ít nhất 5 sản phẩm lên 4 sao và phát triển thêm 35 sản phẩm mới.",
         [(5, "sản phẩm", ">=", 2020), (35, "sản phẩm", "=", 2020)]),
        # an abbreviation's full stop ends no sentence (underthesea's splitter)
        ("Mục tiêu năm 2024 của TP. Hà Nội là 30 sản phẩm mới.", [(30, "sản phẩm", "=", 2024)]),
        # where a programme runs is no target
        ("Chương trình triển khai giai đoạn 2021-2025 tại 217 xã, thị trấn.", []),
        # `từ năm 2024 đến năm 2025` is due in 2025
        ("Từ năm 2024 đến năm 2025 mỗi năm phấn đấu có 1 sản phẩm đạt 5 sao.", [(1, "sản phẩm", "=", 2025)]),
    ],
)
def test_targets(sentence: str, expected: list[tuple]) -> None:
    assert targets(sentence) == expected


def test_star_rating_is_in_the_subject() -> None:
    (span,) = find_targets("Phấn đấu trong năm 2020 có ít nhất 80% số sản phẩm đạt hạng 3 sao trở lên.")
    assert span.value["subject"] == "sản phẩm đạt hạng 3 sao trở lên"


def test_targets_under_a_goal_heading_take_its_year() -> None:
    text = "II. MỤC TIÊU NĂM 2024\n- 100% cán bộ OCOP được tập huấn.\n- 30 sản phẩm mới.\nIII. NHIỆM VỤ\n- 5 lớp"
    assert targets(text) == [(100, "%", "=", 2024), (30, "sản phẩm", "=", 2024)]


def test_an_orientation_year_is_not_the_due_year() -> None:
    text = "II. MỤC TIÊU ĐẾN NĂM 2025, ĐỊNH HƯỚNG ĐẾN NĂM 2030\n- 100% cán bộ OCOP được tập huấn."
    assert targets(text) == [(100, "%", "=", 2025)]


def test_a_headline_repeating_a_target_of_the_body_counts_once() -> None:
    text = ("Tỉnh phấn đấu có 300 sản phẩm OCOP\n\n"
            "Theo kế hoạch, đến năm 2025 tỉnh phấn đấu có ít nhất 300 sản phẩm OCOP được công nhận.")
    assert targets(text) == [(300, "sản phẩm", ">=", 2025)]


def test_a_sentence_breaking_down_a_goal_takes_its_year() -> None:
    text = "Đến năm 2025 toàn tỉnh dự kiến có 315 sản phẩm OCOP. Trong đó, huyện Văn Yên có 51 sản phẩm."
    assert targets(text) == [(315, "sản phẩm", "=", 2025), (51, "sản phẩm", "=", 2025)]


def test_a_news_title_about_goals_is_not_a_goal_section() -> None:
    text = ("Tỉnh vượt mục tiêu chương trình OCOP\n"
            "Hết năm 2020, toàn tỉnh có 146 sản phẩm OCOP, trong đó 28 sản phẩm 4 sao.\n"
            "1.039 lượt xem")
    assert targets(text) == []


TABLE_PLAN = """I. MỤC TIÊU
Phấn đấu đến năm 2025 toàn tỉnh có 60 sản phẩm OCOP, chi tiết như sau:
| STT | Đơn vị | Số sản phẩm OCOP đạt 3 sao trở lên đến năm 2025 |
| 1 | Huyện Ba Tri | 29 |
| 2 | Thị xã Nghĩa Lộ | 31 |
| | Tổng cộng | 60 |
II. TỔ CHỨC THỰC HIỆN"""


def test_a_goal_table_gives_one_target_per_district() -> None:
    record = extract(TABLE_PLAN).record["targets"]
    assert [(t["value"], t["unit"], t["year"], t.get("district")) for t in record] == [
        (60, "sản phẩm", 2025, None), (29, "sản phẩm", 2025, "Ba Tri"), (31, "sản phẩm", 2025, "Nghĩa Lộ")]
    assert record[1]["subject"] == "sản phẩm OCOP đạt 3 sao trở lên của huyện Ba Tri"


def test_a_table_of_results_sets_no_target() -> None:
    results = TABLE_PLAN.replace("I. MỤC TIÊU", "I. KẾT QUẢ NĂM 2022").replace(
        "Phấn đấu đến năm 2025 toàn tỉnh có 60 sản phẩm OCOP, chi tiết như sau:", "Số sản phẩm đã công nhận:")
    results = results.replace(" đến năm 2025", "")
    assert extract(results).record["targets"] == []


# Which year a news report's figures are due: rules of the language, each with its negatives.
@pytest.mark.parametrize(
    "text, expected",
    [
        # a year named for the plan governs the figures that follow without one
        ("UBND tỉnh vừa ban hành kế hoạch thực hiện chương trình OCOP năm 2022.\n"
         "Theo đó, phấn đấu có ít nhất 30 sản phẩm đạt 3 sao.", [(30, "sản phẩm", ">=", 2022)]),
        # ... and the figures before it, when it comes later in the text
        ("Theo Kế hoạch số 15/KH-UBND, tỉnh đặt mục tiêu có ít nhất 25 sản phẩm đạt 3 sao.\n"
         "Năm 2023, tỉnh sẽ hỗ trợ các chủ thể phát triển sản phẩm mới.", [(25, "sản phẩm", ">=", 2023)]),
        # `năm nay` with a goal verb is the year of the article's dateline
        ("12/03/2024 08:15\nNăm nay, tỉnh đặt mục tiêu phát triển thêm 12 sản phẩm OCOP.",
         [(12, "sản phẩm", "=", 2024)]),
        # a period in a programme's name is not the plan's year
        ("Phấn đấu có khoảng 60 sản phẩm đạt 3 sao.\nNhằm thực hiện Chương trình mục tiêu quốc gia xây dựng "
         "nông thôn mới giai đoạn 2021-2025.", [(60, "sản phẩm", "=", None)]),
        # nor an orientation
        ("Triển khai Đề án phát triển sản phẩm OCOP giai đoạn 2019-2020, định hướng đến năm 2030.\n"
         "Đề nghị các huyện bố trí ít nhất 01 công chức theo dõi chương trình.", [(1, "công chức", ">=", None)]),
        # a year before the text was written is past: a result, not a deadline
        ("08/03/2024 07:27\nĐến cuối năm 2023, tỉnh có 395 sản phẩm được công nhận.", []),
        ("20/05/2019\nTheo kế hoạch, năm 2019, tỉnh sẽ nâng cấp các sản phẩm của phương án thí điểm năm 2018; "
         "phấn đấu có trên 80% sản phẩm đạt 3 sao.", [(80, "%", ">", 2019)]),
        # a past year before the figure reports it; a goal cue after it makes it a plan again
        ("10/01/2022\nTrong năm 2021, tỉnh có thêm 140 sản phẩm đạt 3 sao.", []),
        ("10/01/2022\nNăm 2021, tỉnh đặt mục tiêu có 50 sản phẩm mới.", [(50, "sản phẩm", "=", None)]),
        # `có thêm`, `công nhận thêm` and `mới đây` report results; `phát triển thêm` plans
        ("Tây Ninh có thêm 6 sản phẩm OCOP 4 sao", []),
        ("Mới đây, hội đồng huyện công nhận thêm 9 sản phẩm OCOP.", []),
        ("Năm 2024, tỉnh phấn đấu có thêm ít nhất 30 sản phẩm đạt 3 sao.", [(30, "sản phẩm", ">=", 2024)]),
        ("Năm 2024 phát triển thêm 12 sản phẩm mới.", [(12, "sản phẩm", "=", 2024)]),
        # a plan's work on people, and a choice it makes, are goals
        ("Năm 2021 đào tạo, tập huấn cho 200 cán bộ quản lý và 100% chủ thể OCOP.",
         [(200, "cán bộ", "=", 2021), (100, "%", "=", 2021)]),
        ("Giai đoạn 2021-2025 lựa chọn từ 2 - 4 sản phẩm thế mạnh để xây dựng sản phẩm 5 sao.",
         [(2, "sản phẩm", ">=", 2025)]),
        ("Năm 2021, tỉnh đã tập huấn cho 200 cán bộ.", []),
        # a result cue in brackets is the aside's, not the figure's outside them
        ("Mục tiêu giai đoạn 2021-2025: số sản phẩm (kể cả các sản phẩm đã được công nhận) là 250 sản phẩm.",
         [(250, "sản phẩm", "=", 2025)]),
        # a year in brackets is an aside: it governs only what is inside them
        ("Mục tiêu giai đoạn 2021-2025: số sản phẩm được công nhận (kể cả các sản phẩm công nhận trong giai "
         "đoạn 2018-2020) là 250 sản phẩm.", [(250, "sản phẩm", "=", 2025)]),
        ("Mục tiêu đến năm 2020 tiêu chuẩn hóa ít nhất 15 sản phẩm (năm 2019 tiêu chuẩn hóa 05 sản phẩm).",
         [(15, "sản phẩm", ">=", 2020), (5, "sản phẩm", "=", 2019)]),
        # a year named for one item of an inline list is that item's; a new item (a capital
        # after `;`) goes back to the passage's year, a continued clause keeps it
        ("Đến năm 2025, phấn đấu có ít nhất 200 sản phẩm đạt 3 sao. Trong đó, năm 2023 phấn đấu có 20 sản phẩm; "
         "Củng cố ít nhất 50% sản phẩm đã phân hạng.",
         [(200, "sản phẩm", ">=", 2025), (20, "sản phẩm", "=", 2023), (50, "%", ">=", 2025)]),
        ("Đến năm 2025, phấn đấu có ít nhất 200 sản phẩm đạt 3 sao. Trong đó, năm 2023 phấn đấu có 20 sản phẩm; "
         "củng cố ít nhất 5 sản phẩm.",
         [(200, "sản phẩm", ">=", 2025), (20, "sản phẩm", "=", 2023), (5, "sản phẩm", ">=", 2023)]),
    ],
)
def test_the_year_a_report_gives_its_figures(text: str, expected: list[tuple]) -> None:
    assert targets(text) == expected


# Breakdowns, lists and page furniture.
@pytest.mark.parametrize(
    "text, expected",
    [
        # a breakdown by place writes the unit once for the list
        ("Phấn đấu năm 2020 phát triển khoảng 30 sản phẩm. Trong đó, Ba Vì có 4 sản phẩm, Sóc Sơn: 6; "
         "Mỹ Đức: 5 và Chương Mỹ: 7 sản phẩm.",
         [(30, "sản phẩm", "=", 2020), (4, "sản phẩm", "=", 2020), (6, "sản phẩm", "=", 2020),
          (5, "sản phẩm", "=", 2020), (7, "sản phẩm", "=", 2020)]),
        # but bare numbers outside a breakdown are nothing
        ("Phấn đấu năm 2020 phát triển khoảng 30 sản phẩm. Các huyện Ba Vì: 4, Sóc Sơn: 6.",
         [(30, "sản phẩm", "=", 2020)]),
        # a plan verb right before the figure; a sub-topic of the plan continues it
        ("Giai đoạn 2021-2025, tỉnh đăng ký phát triển 20 sản phẩm thế mạnh. Về công nhận sản phẩm: "
         "Có 6 - 8 sản phẩm đạt 4 sao.", [(20, "sản phẩm", "=", 2025), (6, "sản phẩm", ">=", 2025)]),
        ("Năm 2021, hợp tác xã đã phát triển 20 sản phẩm mới.", []),
        # a comparator before a list joined by `và` governs each figure ...
        ("Phấn đấu năm 2021 công nhận ít nhất 20 sản phẩm đạt 3 sao và 3 sản phẩm đạt 4 sao.",
         [(20, "sản phẩm", ">=", 2021), (3, "sản phẩm", ">=", 2021)]),
        # ... unless the first figure closes with its own `trở lên`
        ("Phấn đấu năm 2023 có ít nhất 40 sản phẩm đạt từ 3 sao trở lên và 8 sản phẩm tiềm năng 5 sao.",
         [(40, "sản phẩm", ">=", 2023), (8, "sản phẩm", "=", 2023)]),
        # `ích nhất` is written for `ít nhất`
        ("Phấn đấu đến năm 2025 có ích nhất 40% chủ thể OCOP là nữ.", [(40, "%", ">=", 2025)]),
        # a photo caption neither sets a target nor breaks the passage it stands in
        ("Mục tiêu năm 2024 có ít nhất 70% sản phẩm đạt 3 sao.\nPhấn đấu có ít nhất 70% sản phẩm đạt 3 sao - Ảnh 1.\n"
         "Trong đó, nhóm thực phẩm có 11 sản phẩm.", [(70, "%", ">=", 2024), (11, "sản phẩm", "=", 2024)]),
        ("Phấn đấu năm 2022 phát triển thêm 18 sản phẩm.\nVườn bưởi ở Tân Uyên. (Ảnh: Báo Bình Dương)\n"
         "Trong đó, nhóm đồ uống có 5 sản phẩm.", [(18, "sản phẩm", "=", 2022), (5, "sản phẩm", "=", 2022)]),
        # a goal restated word for word in a later paragraph counts once; two goals of one
        # figure that say different things after it are two
        ("Năm 2024 phấn đấu có ít nhất 70% số sản phẩm đạt hạng 3 sao trở lên.\nÔng Tuấn cho biết thêm.\n"
         "Phấn đấu có ít nhất 70% số sản phẩm đạt hạng 3 sao trở lên.", [(70, "%", ">=", 2024)]),
        ("Năm 2024 tập huấn cho 100% cán bộ quản lý; 100% chủ thể OCOP được tư vấn.",
         [(100, "%", "=", 2024), (100, "%", "=", 2024)]),
        # new units: villages, fairs
        ("Năm 2022 phấn đấu phát triển 1 làng du lịch và tổ chức 2 cuộc hội chợ.",
         [(1, "làng", "=", 2022), (2, "cuộc", "=", 2022)]),
    ],
)
def test_breakdowns_lists_and_captions(text: str, expected: list[tuple]) -> None:
    assert targets(text) == expected


def scope(text: str) -> list[tuple]:
    return [(t["value"], t["per"], t["value_max"]) for t in extract(text).record["targets"]]


# A target's scope (`per`: the unit it is set for each of) and a range's upper bound.
@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Phấn đấu đến năm 2025 mỗi xã có ít nhất 01 sản phẩm OCOP.", [(1, "xã", None)]),
        ("Phấn đấu năm 2022 mỗi quận, huyện có ít nhất 2 sản phẩm đạt 3 sao.", [(2, "quận", None)]),
        ("Mục tiêu năm 2022 có 100 sản phẩm đạt 3 sao (bình quân 4,76 sản phẩm/huyện, thành phố).",
         [(100, None, None), (4.76, "huyện", None)]),
        ("Mục tiêu mỗi huyện, thị xã xây dựng ít nhất 1 trung tâm giới thiệu sản phẩm OCOP.", [(1, "huyện", None)]),
        ("Phấn đấu năm 2025 có 5 sản phẩm mỗi huyện.", [(5, "huyện", None)]),
        ("Năm 2024, mỗi đơn vị xã, thị trấn lựa chọn 1- 2 sản phẩm đặc trưng.", [(1, "xã", 2)]),
        ("Năm 2024, mỗi đơn vị có ít nhất 1 sản phẩm đặc trưng.", [(1, "đơn vị", None)]),
        # totals, shares, rates in time and the programme's name have no scope
        ("Phấn đấu đến năm 2025 toàn tỉnh có 150 sản phẩm OCOP.", [(150, None, None)]),
        ("Mục tiêu năm 2025 có 100% số xã có sản phẩm OCOP.", [(100, None, None)]),
        ("Phấn đấu mỗi năm có thêm 20 sản phẩm đạt 3 sao.", [(20, None, None)]),
        ("Mục tiêu năm 2025 có 60% chủ thể là hợp tác xã.", [(60, None, None)]),
        ("Kế hoạch thực hiện Chương trình mỗi xã một sản phẩm năm 2021 phấn đấu có 30 sản phẩm.", [(30, None, None)]),
        # a figure after a per-unit one is not per unit
        ("Mục tiêu mỗi huyện có 3 sản phẩm, toàn tỉnh có 50 sản phẩm.", [(3, "huyện", None), (50, None, None)]),
        # ranges keep both bounds
        ("Phấn đấu năm 2024 có từ 1 - 2 sản phẩm đạt 5 sao.", [(1, None, 2)]),
        ("Phấn đấu năm 2024 có khoảng 8 đến 10 sản phẩm đạt 5 sao.", [(8, None, 10)]),
        ("Mục tiêu năm 2024 có ít nhất 10 -15% sản phẩm đạt 4 sao.", [(10, None, 15)]),
        ("Năm 2024 phấn đấu có từ một đến hai sản phẩm đạt 5 sao.", [(1, None, 2)]),
        ("Năm 2024 phấn đấu có hai đến ba sản phẩm đạt 5 sao.", [(2, None, 3)]),
        # a range of stars is the subject's
        ("Phấn đấu năm 2024 có 12 sản phẩm đạt 3 - 4 sao.", [(12, None, None)]),
    ],
)
def test_scope_and_ranges(sentence: str, expected: list[tuple]) -> None:
    assert scope(sentence) == expected


@pytest.mark.parametrize(
    "target, level, expected",
    [
        ({"value": 1, "unit": "sản phẩm", "comparator": ">=", "subject": "sản phẩm OCOP", "per": "xã"}, "huyện",
         "mỗi xã ít nhất 1 sản phẩm OCOP"),
        ({"value": 1, "unit": "sản phẩm", "comparator": ">=", "subject": "sản phẩm đạt 5 sao", "value_max": 2}, None,
         "1–2 sản phẩm đạt 5 sao"),
        ({"value": 150, "unit": "sản phẩm", "comparator": "=", "subject": "sản phẩm"}, "tỉnh",
         "toàn tỉnh 150 sản phẩm"),
        ({"value": 80, "unit": "%", "comparator": ">", "subject": "sản phẩm đạt 3 sao"}, "tỉnh",
         "trên 80% sản phẩm đạt 3 sao"),
        ({"value": 4.76, "unit": "sản phẩm", "comparator": "=", "subject": None, "per": "huyện"}, None,
         "mỗi huyện 4,76 sản phẩm"),
    ],
)
def test_a_target_reads_as_a_reader_writes_it(target: dict, level: str | None, expected: str) -> None:
    assert reading(target, level) == expected
