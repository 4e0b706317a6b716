"""Who signed a document: the signature block at its end.

The block stands in the right column under the body's text (see
`../shared/notes/administrative-documents.md`):

    TM. ỦY BAN NHÂN DÂN        on behalf of the collective body
    KT. CHỦ TỊCH               signing for the head
    PHÓ CHỦ TỊCH               the signer's own title
    (Đã ký)
    Đỗ Minh Khoa               the signer

The signer's title is the last title line; the name is the first line after it that reads
as a person's name. Converted to text, the block may lose its line breaks (`| KT. BỘ
TRƯỞNG THỨ TRƯỞNG Lê Quốc Doanh |`) or share its lines with `Nơi nhận` in the left column:
both are read. A name in capitals (`NGUYỄN VĂN A`) is taken only when it opens with a
common family name, so a body in capitals is never read as a person.
"""
from __future__ import annotations

import regex

from .spans import Span
from .vietnamese import VI_UPPER, title_case_name

TAIL_CHARS = 3000  # the block sits at the end; appendices after it are rare and long

# Titles in the order they are tried; a longer title first (`PHÓ CHỦ TỊCH` before `CHỦ TỊCH`).
_TITLES = {
    "PHÓ CHỦ TỊCH THƯỜNG TRỰC": "Phó Chủ tịch Thường trực", "PHÓ CHỦ TỊCH": "Phó Chủ tịch",
    "CHỦ TỊCH": "Chủ tịch", "PHÓ THỦ TƯỚNG": "Phó Thủ tướng", "THỦ TƯỚNG": "Thủ tướng",
    "PHÓ GIÁM ĐỐC": "Phó Giám đốc", "GIÁM ĐỐC": "Giám đốc", "BỘ TRƯỞNG": "Bộ trưởng",
    "THỨ TRƯỞNG": "Thứ trưởng", "PHÓ TRƯỞNG BAN THƯỜNG TRỰC": "Phó Trưởng ban Thường trực",
    "PHÓ TRƯỞNG BAN": "Phó Trưởng ban", "TRƯỞNG BAN": "Trưởng ban", "PHÓ BÍ THƯ": "Phó Bí thư",
    "BÍ THƯ": "Bí thư", "CHÁNH VĂN PHÒNG": "Chánh Văn phòng", "PHÓ CHÁNH VĂN PHÒNG": "Phó Chánh Văn phòng",
    "PHÓ TRƯỞNG PHÒNG": "Phó Trưởng phòng", "TRƯỞNG PHÒNG": "Trưởng phòng",
    "PHÓ CỤC TRƯỞNG": "Phó Cục trưởng", "CỤC TRƯỞNG": "Cục trưởng", "PHÓ VIỆN TRƯỞNG": "Phó Viện trưởng",
    "VIỆN TRƯỞNG": "Viện trưởng", "PHÓ CHÁNH ÁN": "Phó Chánh án", "CHÁNH ÁN": "Chánh án",
}
_TITLE_ALT = "|".join(regex.escape(t).replace(r"\ ", r"[ \t]+") for t in sorted(_TITLES, key=len, reverse=True))
# `KT. CHỦ TỊCH`, `TM. ỦY BAN NHÂN DÂN`: who the signer signs for (the rest of its line).
_AUTHORITY = regex.compile(r"(?<![\w.])(?P<kind>TM|KT|Q|TL|TUQ)\.[ \t]*")
# The signer's own title: not part of `KT. CHỦ TỊCH` (that is whom they sign for).
_TITLE = regex.compile(rf"(?<!\w)(?<!(?:TM|KT|Q|TL|TUQ)\.[ \t]*)(?P<title>{_TITLE_ALT})(?![\w])")
_WORD = rf"[{VI_UPPER}][\w'’]*"
_NAME = regex.compile(rf"[ \t|]*(?P<name>{_WORD}(?:[ \t]+{_WORD}){{1,4}})[ \t|]*")
_SKIP = regex.compile(
    r"[\s|]*(?:\((?:đã ký|ký|ký tên|ký, đóng dấu|ký, ghi rõ họ tên|đã ký và đóng dấu|signed)[^)\n]{0,40}\)"
    r"|\[(?:đã ký|daky|ký)\]|đã ký(?: và đóng dấu)?)?[\s|]*",
    regex.I,
)
_GAP = regex.compile(r"\||[ \t]{3,}")
# A line of the left column (`Nơi nhận:` and its list) that shares the block's lines.
_LEFT_COLUMN = regex.compile(r"[ \t|]*(?:[-+•]|Nơi nhận)")
_LINES_AFTER = 8
# Family names, for names written in capitals (most Vietnamese share a few dozen).
_FAMILY_NAMES = frozenset(
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đào Đoàn Vương Trịnh Trương Lâm Mai "
    "Đinh Lương Hà Tạ Tô Cao Châu Chu Lưu Kiều Quách Thái Triệu Văn Tăng Lại Mạc Hứa Phùng Khổng Giang Lục "
    "Đàm Nông Lò Lường Hầu Thân Tống Từ Kim Y Điểu K'".split()
)
# Words that begin a body's or a heading's name, never a person's.
_NOT_NAMES = frozenset(
    "Ủy Uỷ Ban Sở Phòng Bộ Tỉnh Huyện Xã Thành Nơi Phụ Điều Chương Mục Phần Bảng Biểu Kế Quyết Nghị "
    "Hội Trung Cục Chi Đảng Công Cộng Độc Số Ngày Kính Tổ Mẫu Danh".split()
)


def find_signature(text: str) -> list[Span]:
    """The signer as one `SIGNER` span over the name: value `{"name", "title", "for"}`.

    `title` is the signer's own title in sentence case (`Phó Chủ tịch`); `for` is what
    the block says they sign on behalf of (`KT. Chủ tịch`, `TM. Ủy ban nhân dân`), or None.
    """
    offset = max(0, len(text) - TAIL_CHARS)
    tail = text[offset:]
    found = None
    for t in _TITLE.finditer(tail):
        name = _name_after(tail, t.end())
        if name is not None:
            found = (t, name)
    if found is None:
        return []
    t, name = found
    title = _TITLES[regex.sub(r"[ \t]+", " ", t["title"])]
    authority = None
    for a in _AUTHORITY.finditer(tail, max(0, t.start() - 200), t.start()):
        # What they sign for runs to the end of its line, or to the title on the same line.
        stop = min(p for p in (tail.find("\n", a.end()), tail.find("|", a.end()), t.start()) if p >= 0)
        authority = f"{a['kind']}. {_sentence_case(tail[a.end():stop])}"
    start, end, written = name
    value = {"name": _proper(written), "title": title, "for": authority}
    return [Span(offset + start, offset + end, "SIGNER", value)]


def _name_after(tail: str, pos: int) -> tuple[int, int, str] | None:
    """The name in the lines after a title at `pos`: (start, end, name), or None."""
    if pos < len(tail) and tail[pos] not in " \t\n|":
        return None  # the title runs on into other words: not a signature line
    line_end = tail.find("\n", pos)
    lines = [(pos, len(tail) if line_end < 0 else line_end)]
    while line_end >= 0 and len(lines) < _LINES_AFTER:
        start, line_end = line_end + 1, tail.find("\n", line_end + 1)
        lines.append((start, len(tail) if line_end < 0 else line_end))
    for start, end in lines:
        for seg_start in _segments(tail, start, end):
            name = _NAME.fullmatch(tail, seg_start, end)
            if name and _is_name(name["name"]):
                return name.start("name"), name.end("name"), name["name"]
        if not (_SKIP.fullmatch(tail, start, end) or _LEFT_COLUMN.match(tail, start, end)):
            return None  # a line that is neither the block nor the left column: the block ended
    return None


def _segments(text: str, start: int, end: int) -> list[int]:
    """Where a line's cells begin: the line itself, and after each pipe or gap of 3+ spaces
    (the right column of a two-column block)."""
    return [start] + [m.end() for m in _GAP.finditer(text, start, end)]


def _is_name(name: str) -> bool:
    words = name.split()
    if words[0] in _NOT_NAMES or words[0].title() in _NOT_NAMES or _TITLE.search(name):
        return False
    return not name.isupper() or words[0].title() in _FAMILY_NAMES


def _proper(name: str) -> str:
    return title_case_name(name) if name.isupper() else " ".join(name.split())


def _sentence_case(words: str) -> str:
    """`CHỦ TỊCH` → `Chủ tịch`, `ỦY BAN NHÂN DÂN` → `Ủy ban nhân dân` (titles by the table above)."""
    words = " ".join(words.split())
    if words in _TITLES:
        return _TITLES[words]
    return words[:1] + words[1:].lower() if words.isupper() else words
