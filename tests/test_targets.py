import pytest

from extractors import extract
from extractors.targets import find_targets


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
