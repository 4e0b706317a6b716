"""Write the bundled corpus: realistic OCOP documents and their labels.

    python corpus/generate.py            # rewrites corpus/documents/

Every document is composed here from the administrative format of Decree 30/2020/NĐ-CP
(header, `Số:`, place-date line, `Căn cứ ...`, articles, targets, `Nơi nhận`,
signature) or from the shape of a provincial news portal, for real provinces and
districts taken from the gazetteer. The labels (NAME.json beside NAME.txt/.html/.pdf)
are recorded while the text is written, by the rules of the gold README, so they are
true by construction and the corpus doubles as a test set. Seeded: the output is the
same on every run. PDFs need fpdf2 and the DejaVu fonts (Debian's fonts-dejavu-core).
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import pdf_maker  # noqa: E402

from extractors import gazetteer  # noqa: E402

OUT = HERE / "documents"
TRUTH = HERE / "truth"  # the text each PDF was made from, to measure how it reads back (CER)
# Scanned copies of some PDFs: (name of the PDF, degrees turned, share of pixels speckled).
SCANS = [("qd_01_quang_nam", 0.0, 0.0), ("kh_bang_16_ben_tre", 1.5, 0.0), ("kh_02_quang_nam", -1.0, 0.001)]
SEEDS = HERE / "seeds"

NATIONAL = {
    "490": ("Quyết định", "490/QĐ-TTg", dt.date(2018, 5, 7), "Thủ tướng Chính phủ",
            "phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2018-2020"),
    "1048": ("Quyết định", "1048/QĐ-TTg", dt.date(2019, 8, 21), "Thủ tướng Chính phủ",
             "ban hành Bộ tiêu chí đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm"),
    "919": ("Quyết định", "919/QĐ-TTg", dt.date(2022, 8, 1), "Thủ tướng Chính phủ",
            "phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2021-2025"),
    "148": ("Quyết định", "148/QĐ-TTg", dt.date(2023, 2, 24), "Thủ tướng Chính phủ",
            "ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm"),
    "01": ("Quyết định", "01/QĐ-BCĐTW", dt.date(2018, 8, 22),
           "Ban Chỉ đạo Trung ương các chương trình mục tiêu quốc gia",
           "ban hành Kế hoạch triển khai Chương trình mỗi xã một sản phẩm giai đoạn 2018-2020"),
    "263": ("Quyết định", "263/QĐ-TTg", dt.date(2022, 2, 22), "Thủ tướng Chính phủ",
            "phê duyệt Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021-2025"),
    "27": ("Nghị định", "27/2022/NĐ-CP", dt.date(2022, 4, 19), "Chính phủ",
           "quy định cơ chế quản lý, tổ chức thực hiện các chương trình mục tiêu quốc gia"),
    "53": ("Thông tư", "53/2022/TT-BTC", dt.date(2022, 8, 12), "Bộ Tài chính",
           "quy định quản lý, sử dụng và quyết toán kinh phí sự nghiệp thực hiện Chương trình mục tiêu quốc gia "
           "xây dựng nông thôn mới giai đoạn 2021-2025"),
}
PROVINCES = ["Quảng Nam", "Ninh Thuận", "Thái Bình", "Bến Tre", "Đắk Lắk", "Lâm Đồng", "Cà Mau", "An Giang",
             "Quảng Trị", "Hà Giang", "Bình Định", "Sóc Trăng", "Vĩnh Phúc", "Kon Tum"]
SIGNERS = ["Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Quang Minh", "Phạm Đức Long", "Hồ Văn Thành", "Đặng Thị Hoa",
           "Võ Ngọc Sơn", "Bùi Văn Tuấn", "Huỳnh Thanh Bình", "Đỗ Minh Khoa"]
PRODUCTS = ["mật ong bạc hà", "chè Shan tuyết", "cà phê Robusta", "nước mắm truyền thống", "bánh tráng",
            "gạo ST25", "rượu cần", "miến dong", "sâm Ngọc Linh", "tỏi Lý Sơn", "mắm tôm chua", "nấm linh chi"]


def vn_date_long(d: dt.date) -> str:
    """The header form: days below 10 and months 1 and 2 with a leading zero."""
    month = f"{d.month:02d}" if d.month < 3 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def vn_date_short(d: dt.date, style: int = 0) -> str:
    return [f"{d.day:02d}/{d.month}/{d.year}", f"{d.day}/{d.month}/{d.year}", f"{d.day:02d}-{d.month}-{d.year}"][style]


def fmt_number(n: int | float) -> str:
    """Vietnamese separators: `3.000`, `1,5`."""
    if isinstance(n, float) and not n.is_integer():
        return str(n).replace(".", ",")
    return f"{int(n):,}".replace(",", ".")


@dataclass
class Doc:
    """A document being written, with its labels gathered as the text is composed."""

    name: str
    kind: str
    doc_numbers: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)
    references: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)
    document: dict[str, Any] | None = None
    notes: str = ""

    def _add(self, values: list, value: Any) -> None:
        if value and value not in values:
            values.append(value)

    def number(self, symbol: str) -> str:
        self._add(self.doc_numbers, symbol)
        return symbol

    def date(self, d: dt.date, long: bool = False, style: int = 0) -> str:
        self._add(self.dates, d.isoformat())
        return vn_date_long(d) if long else "ngày " + vn_date_short(d, style)

    def issuer(self, name: str) -> str:
        self._add(self.issuers, name)
        return name

    def province(self, name: str) -> str:
        self._add(self.provinces, name)
        return name

    def cite(self, doc_type: str, symbol: str, when: dt.date | None, issuer: str | None, written: str | None = None,
             style: int = 0) -> str:
        """`Quyết định số 490/QĐ-TTg ngày 07/5/2018 của Thủ tướng Chính phủ`."""
        self.number(symbol)
        if not any(r["number"] == symbol for r in self.references):
            self.references.append({"number": symbol, "date": when.isoformat() if when else None, "issuer": issuer})
        if issuer:
            self.issuer(issuer)
        text = f"{doc_type} số {symbol}"
        if when:
            text += " " + self.date(when, style=style)
        if issuer:
            text += f" của {written or issuer}"
        return text

    def target(self, value: int | float, unit: str, comparator: str, year: int | None, subject: str,
               per: str | None = None, value_max: int | float | None = None) -> None:
        """A target the text sets, labelled by the gold rules (`per`: the unit it is set for each
        of; `value_max`: a range's upper bound)."""
        self.targets.append({"value": value, "unit": unit, "comparator": comparator, "year": year, "subject": subject,
                             "per": per, "value_max": value_max})

    def label(self) -> dict[str, Any]:
        return {
            "source_url": None, "kind": self.kind, "document": self.document, "doc_numbers": self.doc_numbers,
            "dates": self.dates, "issuers": self.issuers, "provinces": self.provinces,
            "references": self.references, "targets": self.targets, "notes": self.notes,
        }


def districts_of(province: str) -> list[gazetteer.District]:
    return [d for d in gazetteer.districts() if d.province == province and d.level in ("huyện", "thị xã")]


def committee(province: str) -> str:
    level = gazetteer.province_by_name()[province].level
    return f"UBND {level} {province}"


# ---------------------------------------------------------------- targets, written and labelled

def goal_lines(doc: Doc, rng: random.Random, year: int, style: str) -> list[str]:
    """The targets of a plan, each written one of several ways real plans write them."""
    lines = []
    n3 = rng.choice([25, 30, 40, 60, 80, 120, 150, 200])
    lines.append(f"- Phấn đấu đến năm {year} có ít nhất {n3} sản phẩm OCOP được công nhận đạt từ 3 sao trở lên.")
    doc.target(n3, "sản phẩm", ">=", year, "sản phẩm OCOP được công nhận đạt từ 3 sao trở lên")
    n4 = rng.choice([5, 8, 10, 12, 15])
    lines.append(f"- Có {n4} sản phẩm đạt 4 sao; phấn đấu có từ 1 - 2 sản phẩm đạt 5 sao cấp quốc gia.")
    doc.target(n4, "sản phẩm", "=", year, "sản phẩm đạt 4 sao")
    doc.target(1, "sản phẩm", ">=", year, "sản phẩm đạt 5 sao cấp quốc gia", value_max=2)
    pct = rng.choice([30, 40, 50, 60])
    lines.append(f"- Tối thiểu {pct}% chủ thể OCOP là hợp tác xã, doanh nghiệp nhỏ và vừa.")
    doc.target(pct, "%", ">=", year, "chủ thể OCOP là hợp tác xã, doanh nghiệp nhỏ và vừa")
    lines.append("- 100% cán bộ quản lý Chương trình OCOP cấp tỉnh, cấp huyện, cấp xã được tập huấn, bồi dưỡng.")
    doc.target(100, "%", "=", year, "cán bộ quản lý Chương trình OCOP được tập huấn, bồi dưỡng")
    if style == "long":
        pts = rng.choice([2, 3, 5, 10])
        lines.append(f"- Phát triển mới ít nhất {pts} điểm giới thiệu và bán sản phẩm OCOP tại các huyện, thị xã.")
        doc.target(pts, "điểm", ">=", year, "điểm giới thiệu và bán sản phẩm OCOP phát triển mới")
        pct2 = rng.choice([15, 20, 25, 30])
        lines.append(f"- Trên {pct2}% chủ thể OCOP tham gia kênh bán hàng hiện đại, sàn thương mại điện tử.")
        doc.target(pct2, "%", ">", year, "chủ thể OCOP tham gia kênh bán hàng hiện đại, sàn thương mại điện tử")
    return lines


def achieved_line(rng: random.Random, province: str, year: int) -> str:
    """Figures already reached: not targets, and the labels must not list them."""
    n = rng.choice([86, 95, 112, 120, 134, 152])
    return (f"Sau {year - 2018} năm triển khai, toàn tỉnh {province} đã có {n} sản phẩm được công nhận đạt chuẩn "
            f"OCOP, trong đó có {rng.choice([9, 12, 17])} sản phẩm đạt 4 sao; hiện có {rng.choice([48, 63, 71])} "
            f"chủ thể là hợp tác xã tham gia Chương trình.")


# ---------------------------------------------------------------- official documents

def header(doc: Doc, body_lines: list[str], symbol: str, place: str, when: dt.date, two_column: bool) -> str:
    parent, body = body_lines
    left = [parent, body] if parent else [body]
    if two_column:
        rows = [f"{left[0]:<38}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
        rows += [f"{(left[1] if len(left) > 1 else ''):<38}Độc lập - Tự do - Hạnh phúc"]
        rows += [f"{'-------':<38}---------------"]
        rows += [f"Số: {doc.number(symbol):<34}{place}, {doc.date(when, long=True)}"]
        return "\n".join(rows)
    return "\n".join([*left, "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                      "---------------", f"Số: {doc.number(symbol)}", f"{place}, {doc.date(when, long=True)}"])


def signature(rng: random.Random, collective: str, head: str) -> str:
    role = rng.choice(["KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "CHỦ TỊCH"]) if head == "CHỦ TỊCH" else head
    return f"TM. {collective}\n{role}\n\n\n{rng.choice(SIGNERS)}"


def provincial_decision(rng: random.Random, province: str, n: int) -> tuple[Doc, str]:
    year = rng.choice([2019, 2021, 2022, 2023])
    phase_end = 2020 if year < 2021 else 2025
    when = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    symbol = f"{rng.randint(150, 3500)}/QĐ-UBND"
    doc = Doc(f"qd_{n:02d}_{slug(province)}", "official")
    issuer = doc.issuer(committee(province))
    doc.province(province)
    doc.document = {"type": "Quyết định", "number": symbol, "date": when.isoformat(), "issuer": issuer}
    national = NATIONAL["490"] if phase_end == 2020 else NATIONAL["919"]
    sn_symbol = f"{rng.randint(20, 900)}/TTr-SNN"
    sn_date = when - dt.timedelta(days=rng.randint(5, 20))
    level = gazetteer.province_by_name()[province].level.upper()
    parts = [
        header(doc, ["", f"ỦY BAN NHÂN DÂN\n{level} {province.upper()}"], symbol, province, when, rng.random() < 0.5),
        "",
        "QUYẾT ĐỊNH",
        f"Phê duyệt Đề án Chương trình mỗi xã một sản phẩm {level.lower()} {province} giai đoạn "
        f"{phase_end - 2 if phase_end == 2020 else 2021}-{phase_end}, định hướng đến năm 2030",
        "",
        f"ỦY BAN NHÂN DÂN {level} {province.upper()}",
        "",
        f"Căn cứ Luật Tổ chức chính quyền địa phương {doc.date(dt.date(2015, 6, 19))};",
        f"Căn cứ {doc.cite(national[0], national[1], national[2], national[3])} {national[4]};",
    ]
    if phase_end == 2025:
        n148 = NATIONAL["148"]
        parts.append(f"Căn cứ {doc.cite(n148[0], n148[1], n148[2], n148[3])} {n148[4]};")
    else:
        n01 = NATIONAL["01"]
        parts.append(f"Căn cứ {doc.cite(n01[0], n01[1], n01[2], n01[3])} {n01[4]};")
    # `Theo đề nghị của Giám đốc Sở ... tại Tờ trình số ...`: the Sở is the Tờ trình's issuer, certain from context.
    sn = doc.issuer(f"Sở Nông nghiệp và Phát triển nông thôn tỉnh {province}")
    doc.references.append({"number": sn_symbol, "date": sn_date.isoformat(), "issuer": sn})
    parts.append(
        f"Theo đề nghị của Giám đốc Sở Nông nghiệp và Phát triển nông thôn tại Tờ trình số {doc.number(sn_symbol)} "
        f"{doc.date(sn_date)}."
    )
    parts += ["", "QUYẾT ĐỊNH:", "",
              f"Điều 1. Phê duyệt Đề án Chương trình mỗi xã một sản phẩm {level.lower()} {province} với các nội "
              "dung chủ yếu sau:", "1. Mục tiêu chung",
              "Phát triển các sản phẩm truyền thống, đặc sản có lợi thế của địa phương theo chuỗi giá trị, "
              "do các thành phần kinh tế tư nhân và kinh tế tập thể thực hiện.",
              "2. Mục tiêu cụ thể"]
    parts += goal_lines(doc, rng, phase_end, "long" if rng.random() < 0.6 else "short")
    parts += ["3. Nhiệm vụ và giải pháp",
              "Tổ chức chu trình OCOP thường niên; hỗ trợ các chủ thể hoàn thiện sản phẩm, bao bì, nhãn mác; "
              "xúc tiến thương mại, quảng bá sản phẩm OCOP.",
              "4. Kinh phí thực hiện: tổng kinh phí dự kiến "
              f"{fmt_number(rng.choice([52.3, 87.5, 120.0, 64.8]))} tỷ đồng.",
              "",
              "Điều 2. Giao Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với các sở, ngành, UBND các "
              "huyện, thị xã, thành phố triển khai thực hiện Đề án.",
              "",
              "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở, ngành; Chủ tịch UBND các huyện, thị xã, thành "
              "phố và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.",
              "", "Nơi nhận:", "- Như Điều 3;", "- Văn phòng Điều phối NTM Trung ương;", "- TT Tỉnh ủy, HĐND tỉnh;",
              "- Lưu: VT, KTN.", "", signature(rng, "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")]
    return doc, "\n".join(parts)


def provincial_plan(rng: random.Random, province: str, n: int) -> tuple[Doc, str]:
    year = rng.choice([2020, 2023, 2024, 2025])
    when = dt.date(year, rng.randint(1, 4), rng.randint(1, 28))
    symbol = f"{rng.randint(10, 400)}/KH-UBND"
    doc = Doc(f"kh_{n:02d}_{slug(province)}", "official")
    issuer = doc.issuer(committee(province))
    doc.province(province)
    doc.document = {"type": "Kế hoạch", "number": symbol, "date": when.isoformat(), "issuer": issuer}
    de_an = f"{rng.randint(100, 2999)}/QĐ-UBND"
    de_an_date = dt.date(year - rng.randint(1, 3), rng.randint(1, 12), rng.randint(1, 28))
    national = NATIONAL["919"] if year > 2021 else NATIONAL["490"]
    level = gazetteer.province_by_name()[province].level
    parts = [
        header(doc, ["", f"ỦY BAN NHÂN DÂN\n{level.upper()} {province.upper()}"], symbol, province, when, False),
        "", "KẾ HOẠCH", f"Thực hiện Chương trình mỗi xã một sản phẩm (OCOP) năm {year}", "",
        f"Thực hiện {doc.cite(national[0], national[1], national[2], national[3])} {national[4]}; "
        f"{doc.cite('Quyết định', de_an, de_an_date, committee(province), written=f'Ủy ban nhân dân {level}')} "
        f"phê duyệt Đề án Chương trình mỗi xã một sản phẩm; Ủy ban nhân dân {level} ban hành Kế hoạch thực hiện "
        f"Chương trình OCOP năm {year} như sau:",
        "", "I. MỤC ĐÍCH, YÊU CẦU",
        "- Triển khai đồng bộ, hiệu quả Chương trình OCOP, gắn với xây dựng nông thôn mới.",
        f"- {achieved_line(rng, province, year)}",
        "", f"II. MỤC TIÊU NĂM {year}",
    ]
    parts += goal_lines(doc, rng, year, "long")
    parts += ["", "III. NHIỆM VỤ, GIẢI PHÁP",
              "1. Tuyên truyền, nâng cao nhận thức về Chương trình OCOP.",
              "2. Tổ chức đánh giá, phân hạng sản phẩm theo đúng quy trình.",
              "", "IV. TỔ CHỨC THỰC HIỆN",
              "Sở Nông nghiệp và Phát triển nông thôn là cơ quan thường trực, theo dõi, tổng hợp, báo cáo "
              f"UBND {level} kết quả thực hiện trước ngày 15 tháng 12 năm {year}.",
              "", "Nơi nhận:", "- Bộ Nông nghiệp và PTNT;", "- Lưu: VT.", "",
              signature(rng, "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")]
    doc.date(dt.date(year, 12, 15))
    return doc, "\n".join(parts)


def district_dispatch(rng: random.Random, province: str, n: int,
                      province_plan: tuple[str, dt.date] | None = None) -> tuple[Doc, str]:
    """A district's dispatch carrying out its province's plan: the plan of the corpus
    (`province_plan`) when it came out before the dispatch, so the citation can be linked."""
    district = rng.choice(districts_of(province))
    year = rng.choice([2021, 2023, 2024])
    when = dt.date(year, rng.randint(3, 11), rng.randint(1, 28))
    symbol = f"{rng.randint(100, 2500)}/UBND-NN"
    doc = Doc(f"cv_{n:02d}_{slug(district.name)}", "official")
    issuer = doc.issuer(f"UBND {district.level} {district.name}")
    doc.province(province)
    doc.document = {"type": "Công văn", "number": symbol, "date": when.isoformat(), "issuer": issuer}
    plan = f"{rng.randint(10, 300)}/KH-UBND"
    plan_date = when - dt.timedelta(days=rng.randint(20, 60))
    if province_plan and province_plan[1] < when:
        plan, plan_date = province_plan
    communes = rng.sample(["Tân Lập", "Hòa Bình", "Phú Thịnh", "An Phú", "Đông Hòa", "Thạnh Lợi"], 2)
    parts = [
        header(doc, [f"UBND TỈNH {province.upper()}", f"UBND {district.level.upper()} {district.name.upper()}"],
               symbol, district.name, when, rng.random() < 0.5),
        f"V/v triển khai Chương trình OCOP năm {year}", "",
        f"Kính gửi: UBND các xã, thị trấn trên địa bàn {district.level}.", "",
        f"Thực hiện {doc.cite('Kế hoạch', plan, plan_date, committee(province))} về thực hiện Chương trình "
        f"OCOP năm {year}, UBND {district.level} {district.name} đề nghị UBND các xã, thị trấn:",
        f"1. Rà soát các sản phẩm đặc trưng, có lợi thế như {rng.choice(PRODUCTS)} của xã {communes[0]}, "
        f"{rng.choice(PRODUCTS)} của xã {communes[1]} để đăng ký tham gia Chương trình.",
        f"2. Phấn đấu năm {year} mỗi xã có ít nhất 01 sản phẩm đăng ký đánh giá, phân hạng OCOP.",
        "3. Báo cáo kết quả về UBND huyện (qua Phòng Nông nghiệp và PTNT) trước ngày "
        f"{vn_date_short(dt.date(year, 11, 30))}.",
        "", "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "", signature(rng, "ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ]
    doc.target(1, "sản phẩm", ">=", year, "sản phẩm đăng ký đánh giá, phân hạng OCOP ở mỗi xã", per="xã")
    doc.date(dt.date(year, 11, 30))
    return doc, "\n".join(parts)


def department_guidance(rng: random.Random, province: str, n: int) -> tuple[Doc, str]:
    year = rng.choice([2022, 2023, 2024])
    when = dt.date(year, rng.randint(1, 10), rng.randint(1, 28))
    symbol = f"{rng.randint(100, 1800)}/SNN-PTNT"
    doc = Doc(f"hd_{n:02d}_{slug(province)}", "official")
    sn = f"Sở Nông nghiệp và Phát triển nông thôn tỉnh {province}"
    issuer = doc.issuer(sn)
    doc.province(province)
    doc.document = {"type": "Công văn", "number": symbol, "date": when.isoformat(), "issuer": issuer}
    n148 = NATIONAL["148"]
    level = gazetteer.province_by_name()[province].level.upper()
    parts = [
        header(doc, [f"UBND {level} {province.upper()}", "SỞ NÔNG NGHIỆP VÀ\nPHÁT TRIỂN NÔNG THÔN"], symbol,
               province, when, False),
        "V/v hướng dẫn đánh giá, phân hạng sản phẩm OCOP", "",
        "Kính gửi: Ủy ban nhân dân các huyện, thị xã, thành phố.", "",
        f"Căn cứ {doc.cite(n148[0], n148[1], n148[2], n148[3])} {n148[4]};",
        f"Sở Nông nghiệp và PTNT hướng dẫn các địa phương tổ chức đánh giá, phân hạng sản phẩm OCOP cấp huyện "
        f"năm {year} như sau:",
        "1. Hồ sơ đăng ký gồm phiếu đăng ký, phương án sản xuất kinh doanh và các tài liệu chứng minh.",
        "2. Sản phẩm đạt từ 50 đến dưới 70 điểm được xếp hạng 3 sao; từ 70 đến dưới 90 điểm xếp hạng 4 sao.",
        f"3. Thời gian gửi hồ sơ về Sở trước ngày {vn_date_short(dt.date(year, 10, 31), 1)}.",
        "", "Nơi nhận:", "- Như trên;", "- Lưu: VT, PTNT.", "",
        f"KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\n\n{rng.choice(SIGNERS)}",
    ]
    doc.date(dt.date(year, 10, 31))
    return doc, "\n".join(parts)


def table_plan(rng: random.Random, province: str, n: int) -> tuple[Doc, str, list[list[str]]]:
    """A plan whose targets by district sit in a ruled table (PDF only)."""
    year = 2025
    when = dt.date(rng.choice([2022, 2023]), rng.randint(3, 10), rng.randint(1, 28))
    symbol = f"{rng.randint(50, 500)}/KH-UBND"
    doc = Doc(f"kh_bang_{n:02d}_{slug(province)}", "official")
    issuer = doc.issuer(committee(province))
    doc.province(province)
    doc.document = {"type": "Kế hoạch", "number": symbol, "date": when.isoformat(), "issuer": issuer}
    national = NATIONAL["919"]
    level = gazetteer.province_by_name()[province].level
    parts = [
        header(doc, ["", f"ỦY BAN NHÂN DÂN\n{level.upper()} {province.upper()}"], symbol, province, when, False),
        "", "KẾ HOẠCH", f"Thực hiện Chương trình mỗi xã một sản phẩm giai đoạn 2023-{year}", "",
        f"Căn cứ {doc.cite(national[0], national[1], national[2], national[3])} {national[4]};",
        "", "I. MỤC TIÊU",
    ]
    total = 0
    rows = [["STT", "Đơn vị", f"Số sản phẩm OCOP đạt 3 sao trở lên đến năm {year}"]]
    for i, d in enumerate(rng.sample(districts_of(province), min(6, len(districts_of(province)))), 1):
        value = rng.randint(8, 40)
        total += value
        name = f"{d.level.capitalize()} {d.name}"
        rows.append([str(i), name, str(value)])
        doc.target(value, "sản phẩm", "=", year, f"sản phẩm OCOP của {d.level} {d.name}")
    parts.append(f"Phấn đấu đến năm {year} toàn {level} có {total} sản phẩm OCOP đạt từ 3 sao trở lên, "
                 "chi tiết theo từng địa phương như sau:")
    doc.target(total, "sản phẩm", "=", year, "sản phẩm OCOP đạt từ 3 sao trở lên")
    closing = ["", "II. TỔ CHỨC THỰC HIỆN",
               "UBND các huyện, thị xã, thành phố căn cứ chỉ tiêu được giao xây dựng kế hoạch cụ thể.", "",
               "Nơi nhận:", "- Lưu: VT.", "", signature(rng, "ỦY BAN NHÂN DÂN", "CHỦ TỊCH")]
    return doc, "\n".join(parts) + "\n@@TABLE@@\n" + "\n".join(closing), rows


# ---------------------------------------------------------------- news articles

def news_article(rng: random.Random, province: str, n: int) -> tuple[Doc, str, str, dt.datetime]:
    year = rng.choice([2021, 2022, 2023, 2024])
    published = dt.datetime(year, rng.randint(2, 12), rng.randint(1, 28), rng.randint(7, 18), rng.randint(0, 59))
    doc = Doc(f"news_{n:02d}_{slug(province)}", "news")
    doc.province(province)
    plan = f"{rng.randint(10, 400)}/KH-UBND"
    kind = rng.choice(["plan", "result", "district"])
    title = f"{province} phấn đấu có thêm sản phẩm OCOP đạt 3 sao trở lên năm {year}"
    lead_day = published.date() - dt.timedelta(days=rng.randint(1, 4))
    doc.date(lead_day)
    body = [
        f"Ngày {lead_day.day:02d}-{lead_day.month:02d}, {doc.issuer(committee(province))} đã ban hành "
        f"Kế hoạch số {doc.number(plan)} về thực hiện Chương trình mỗi xã một sản phẩm (OCOP) năm {year}.",
    ]
    doc.references.append({"number": plan, "date": lead_day.isoformat(), "issuer": committee(province)})
    doc.notes = "The lead's day and month take the year of the article's dateline."
    if kind == "result":
        body.append(achieved_line(rng, province, year))
    n3 = rng.choice([20, 25, 30, 35, 45])
    pct = rng.choice([50, 60, 70])
    body.append(
        f"Theo kế hoạch, năm {year} tỉnh phấn đấu có thêm ít nhất {n3} sản phẩm được đánh giá, phân hạng đạt từ "
        f"3 sao trở lên; {pct}% sản phẩm OCOP đã phân hạng được củng cố, nâng cấp."
    )
    doc.target(n3, "sản phẩm", ">=", year, "sản phẩm được đánh giá, phân hạng đạt từ 3 sao trở lên")
    doc.target(pct, "%", "=", year, "sản phẩm OCOP đã phân hạng được củng cố, nâng cấp")
    national = NATIONAL["919"]
    body.append(
        f"Kế hoạch được xây dựng trên cơ sở {doc.cite(national[0], national[1], national[2], national[3], style=1)}"
        f" {national[4]}."
    )
    if kind == "district":
        d = rng.choice(districts_of(province))
        k = rng.choice([3, 4, 5, 6])
        body.append(
            f"Riêng {d.level} {d.name}, địa phương đặt mục tiêu năm {year} có {k} sản phẩm mới đạt chuẩn OCOP, "
            f"tập trung vào {rng.choice(PRODUCTS)} và {rng.choice(PRODUCTS)}."
        )
        doc.target(k, "sản phẩm", "=", year, f"sản phẩm mới đạt chuẩn OCOP của {d.level} {d.name}")
    body.append(
        "Để đạt mục tiêu, các địa phương tập trung hỗ trợ chủ thể hoàn thiện bao bì, nhãn mác, truy xuất nguồn gốc; "
        "đẩy mạnh xúc tiến thương mại và đưa sản phẩm lên các sàn thương mại điện tử."
    )
    reporter = rng.choice(["Minh Anh", "Thu Hà", "Quốc Việt", "Ngọc Lan", "Hoàng Nam"])
    doc.date(published.date())
    return doc, title, "\n".join(body) + f"\n{reporter}", published


OTHER_HEADLINES = [
    "Hà Nội tổ chức hội chợ sản phẩm OCOP cuối năm", "Nghệ An công nhận thêm 45 sản phẩm OCOP",
    "Lào Cai: Phát triển du lịch cộng đồng gắn với OCOP", "Thừa Thiên Huế quảng bá đặc sản",
]


def portal_html(province: str, title: str, body: str, published: dt.datetime, charset: str = "utf-8") -> str:
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in body.split("\n")[:-1])
    author = escape(body.split("\n")[-1])
    sidebar = "\n".join(f'<li><a href="/tin/{i}">{escape(h)}</a></li>' for i, h in enumerate(OTHER_HEADLINES))
    stamp = published.strftime("%H:%M %d/%m/%Y")
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}">
<title>{escape(title)} - Cổng thông tin điện tử tỉnh {escape(province)}</title>
<meta property="og:title" content="{escape(title)}">
<meta property="article:published_time" content="{published.isoformat()}">
<script>var _gaq = _gaq || []; _gaq.push(['_trackPageview']);</script>
<style>.menu li {{ display: inline; }}</style>
</head><body>
<div id="header"><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ TỈNH {escape(province.upper())}</div>
<ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/van-ban">Văn bản chỉ đạo điều hành</a></li></ul>
</div>
<div class="breadcrumb"><a href="/">Trang chủ</a> / <a href="/kinh-te">Kinh tế</a></div>
<div class="main-wrap">
<div class="article-detail">
<h1 class="title">{escape(title)}</h1>
<div class="date-time">Cập nhật lúc {stamp}</div>
<div class="share-buttons"><a href="#">Facebook</a> <a href="#">Zalo</a> <a href="#">In bài viết</a></div>
<div class="article-content">
{paragraphs}
<p class="author"><strong>{author}</strong></p>
</div>
<div class="tags">Từ khóa: OCOP, nông thôn mới</div>
</div>
<div class="comment-box"><h3>Ý kiến bạn đọc</h3>
<form action="/binh-luan" method="post">Họ tên:(*) <input name="name"> Số điện thoại: <input name="phone">
Tiêu đề:(*) <input name="subject"> Nội dung:(*) <textarea name="body"></textarea>
Mã xác nhận: <input name="captcha"> <img src="/captcha.png" alt="L?y l?i m� b?o m?t"></form></div>
<div class="sidebar"><h3>Tin mới</h3><ul>{sidebar}</ul></div>
</div>
<div id="footer">Cơ quan chủ quản: Ủy ban nhân dân tỉnh {escape(province)}. Giấy phép số 15/GP-TTĐT ngày 20/01/2020.
Điện thoại: 0235.3812.345 - Email: ubnd@{slug(province)}.gov.vn</div>
</body></html>
"""


def official_html(province: str, text: str) -> str:
    """An official document as a legal-database detail page shows it."""
    lines = "\n".join(f"<p>{escape(line)}</p>" if line.strip() else "<p>&nbsp;</p>" for line in text.split("\n"))
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Văn bản - Cổng thông tin tỉnh {escape(province)}</title></head>
<body><nav class="navbar"><a href="/">Trang chủ</a> | <a href="/van-ban">Văn bản</a> |
<a href="/lien-he">Liên hệ</a></nav>
<div class="container"><div class="vanban-content">
{lines}
</div><aside class="sidebar-right"><h4>Văn bản mới</h4><ul><li>Kế hoạch 99/KH-UBND về phòng chống thiên tai</li>
<li>Quyết định 2001/QĐ-UBND về quy hoạch đô thị</li></ul></aside></div>
<footer class="footer">Bản quyền thuộc Văn phòng UBND tỉnh {escape(province)}</footer></body></html>
"""


# ---------------------------------------------------------------- PDFs

def _header_columns(text: str) -> tuple[list[str], list[str], str] | None:
    """The administrative header of a composed text as its two columns, and the body."""
    lines = text.split("\n")
    motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    at = next((i for i, ln in enumerate(lines) if motto in ln), None)
    if at is None:
        return None
    if not lines[at].startswith(motto):  # the two-column form, the columns apart by a run of spaces
        left, right = lines[:at], []
        for line in lines[at:at + 4]:
            parts = re.split(r"\s{2,}", line.strip(), maxsplit=1)
            if line.startswith(" "):
                right.append(line.strip())
            else:
                left.append(parts[0])
                right.extend(parts[1:])
        return left, right, "\n".join(lines[at + 4:])
    number, place_date = lines[at + 3], lines[at + 4]
    return lines[:at] + [number], lines[at:at + 3] + [place_date], "\n".join(lines[at + 5:])


def write_pdf(path: Path, text: str, table: list[list[str]] | None = None) -> str:
    """An official text as a PDF in the administrative layout (the header in two columns);
    returns the text in reading order, the truth its parse is measured against."""
    columns = _header_columns(text)
    if columns is None:
        path.write_bytes(pdf_maker.text_pdf(text))
        return text
    left, right, body = columns
    path.write_bytes(pdf_maker.official_pdf(left, right, body, table))
    rows = "\n".join(" ".join(r) for r in table) if table else ""
    return "\n".join([*left, *right, body.replace("@@TABLE@@", rows)])


def slug(name: str) -> str:
    import unicodedata

    s = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return "_".join("".join(c if c.isalnum() else " " for c in s).split())


def save(doc: Doc, suffix: str, content: str | bytes | None = None) -> Path:
    path = OUT / f"{doc.name}{suffix}"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    (OUT / f"{doc.name}.json").write_text(json.dumps(doc.label(), ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    return path


def pdf(doc: Doc, text: str, rows: list[list[str]] | None = None) -> None:
    (TRUTH / f"{doc.name}.txt").write_text(write_pdf(OUT / f"{doc.name}.pdf", text, rows) + "\n", encoding="utf-8")
    save(doc, ".pdf")


def bulletin() -> int:
    """A news article printed as a two-column bulletin PDF (its own random stream, so the
    rest of the corpus does not change with it)."""
    doc, title, body, published = news_article(random.Random(2024), "Bình Định", 90)
    dateline = f"Cập nhật lúc {published:%H:%M %d/%m/%Y}"
    paragraphs = body.split("\n")
    # enough text to fill both columns; these sentences carry no value to extract
    paragraphs[-1:-1] = [
        "Các chủ thể tham gia chương trình được hướng dẫn xây dựng hồ sơ, cải tiến mẫu mã bao bì và nâng cao chất "
        "lượng sản phẩm theo bộ tiêu chí đánh giá, phân hạng.",
        "Ngành nông nghiệp phối hợp với các địa phương tổ chức tập huấn, tư vấn cho hợp tác xã và hộ sản xuất về "
        "quản trị, tiếp thị và truy xuất nguồn gốc sản phẩm.",
        "Nhiều sản phẩm đặc trưng của địa phương đã có mặt tại các hội chợ, điểm giới thiệu và bán sản phẩm, góp "
        "phần quảng bá hình ảnh quê hương đến người tiêu dùng trong và ngoài tỉnh.",
    ]
    body = "\n".join(paragraphs)
    (OUT / f"{doc.name}.pdf").write_bytes(pdf_maker.two_column_pdf(title, dateline, paragraphs))
    (TRUTH / f"{doc.name}.txt").write_text(f"{title}\n{dateline}\n{body}\n", encoding="utf-8")
    save(doc, ".pdf")
    return 1


def scans() -> int:
    for n, (name, turn, speckle) in enumerate(SCANS):
        scan = f"{name}_scan"
        data = pdf_maker.scanned_pdf((OUT / f"{name}.pdf").read_bytes(), turn=turn, speckle=speckle, seed=n)
        (OUT / f"{scan}.pdf").write_bytes(data)
        label = json.loads((OUT / f"{name}.json").read_text(encoding="utf-8"))
        label["notes"] = f"a scan of {name}.pdf (turned {turn}°, {speckle:.1%} speckle): no text layer"
        (OUT / f"{scan}.json").write_text(json.dumps(label, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        shutil.copyfile(TRUTH / f"{name}.txt", TRUTH / f"{scan}.txt")
    return len(SCANS)


def main() -> None:
    rng = random.Random(20191104)
    for folder in (OUT, TRUTH):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    for seed in sorted(SEEDS.glob("seed_*")):
        shutil.copyfile(seed, OUT / seed.name)
    n = 0
    count = 0
    for i, province in enumerate(PROVINCES):
        n += 1
        doc, text = provincial_decision(rng, province, n)
        if i % 3 == 0:
            pdf(doc, text)
        elif i % 3 == 1:
            save(doc, ".html", official_html(province, text))
        else:
            save(doc, ".txt", text + "\n")
        count += 1
        n += 1
        doc, text = provincial_plan(rng, province, n)
        plan = (doc.document["number"], dt.date.fromisoformat(doc.document["date"]))
        if i % 2 == 0:
            pdf(doc, text)
        else:
            save(doc, ".txt", text + "\n")
        count += 1
        n += 1
        doc, title, body, published = news_article(rng, province, n)
        save(doc, ".html", portal_html(province, title, body, published))
        count += 1
        if i % 2 == 0:
            n += 1
            doc, text = district_dispatch(rng, province, n, plan)
            save(doc, ".txt", text + "\n")
            count += 1
        if i % 4 == 1:
            n += 1
            doc, text = department_guidance(rng, province, n)
            save(doc, ".txt", text + "\n")
            count += 1
        if i % 4 == 3:
            n += 1
            doc, text, rows = table_plan(rng, province, n)
            pdf(doc, text, rows)
            count += 1
    count += scans()
    count += bulletin()
    print(f"wrote {count} generated documents and {len(list(SEEDS.glob('seed_*.txt')))} seed documents to {OUT}")


if __name__ == "__main__":
    main()
