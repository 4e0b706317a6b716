"""Runs every extractor over one text and assembles the gold-format record.

The work is done in named stages (`STAGES`) over one `Analysis`, in an order that
matters because later extractors read context from earlier ones: the header tells the
document's date (the year of `Ngày 01-11`) and place (the province of `Ủy ban nhân dân
tỉnh`), and dates and symbols tell the target finder which numbers are not quantities.
`extract()` runs the stages directly; `spacy_pipeline.py` runs each as a spaCy component.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import gazetteer
from .bodies import Place, find_bodies
from .citations import find_citations, merge
from .dates import find_dates
from .doc_symbols import find_doc_numbers
from .issuers import find_issuers
from .mentions import find_mentions
from .places import find_communes, find_districts, find_provinces, in_passing
from .self_description import SelfDescription, describe
from .spans import Span
from .target_tables import find_table_targets
from .targets import find_targets, plan_year
from .vietnamese import nfc

RECORD_KEYS = (
    "source_url", "kind", "document", "doc_numbers", "dates", "issuers",
    "provinces", "references", "targets", "notes",
)


@dataclass
class Extraction:
    text: str
    spans: list[Span]
    description: SelfDescription
    record: dict[str, Any] = field(default_factory=dict)

    def spans_with_text(self) -> list[dict[str, Any]]:
        return [s.to_dict(self.text) for s in self.spans]


def _unique(values: list[Any]) -> list[Any]:
    seen, out = set(), []
    for v in values:
        key = repr(v)
        if v and key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _place(desc: SelfDescription, provinces: list[Span], districts: list[Span]) -> Place:
    by_province = gazetteer.province_by_name()
    if desc.place in by_province:
        return Place(province=desc.place)
    if desc.place:
        for d in districts:
            if d.value["district"] == desc.place and d.value["province"]:
                return Place(d.value["province"], d.value["district"], d.value["level"])
        candidates = gazetteer.districts_by_name().get(desc.place, ())
        if len(candidates) == 1:
            d = candidates[0]
            return Place(d.province, d.name, d.level)
    counts = Counter(s.value for s in provinces)
    counts.update(d.value["province"] for d in districts if d.value["province"])
    if not counts:
        return Place()
    province = counts.most_common(1)[0][0]
    same = [d for d in districts if d.value["province"] == province]
    if same and not desc.place:
        district_counts = Counter((d.value["district"], d.value["level"]) for d in same)
        (name, level), _ = district_counts.most_common(1)[0]
        return Place(province, name, level)
    return Place(province)


CENTRAL_BODIES = (
    "Bộ ", "Thủ tướng", "Chính phủ", "Văn phòng Chính phủ", "Quốc hội", "Ban Chỉ đạo Trung ương",
    "Ban Chấp hành Trung ương", "Bộ Chính trị",
)
_AGENCY_DATELINE = re.compile(r"\s*\([^()\n]{0,30}?\d{1,2}/\d{1,2}(?:/\d{4})?\)")


def _written_at(text: str, span: Span, desc: SelfDescription | None) -> bool:
    """Is `span` the place a text was written at: a news dateline, or (for a central body's
    document, `desc` given) the place of its `Hà Nội, ngày ...` line?"""
    if _starts_line(text, span.start) and _AGENCY_DATELINE.match(text, span.end):
        return True
    if desc is not None and desc.date_span:
        date_start = desc.date_span[0]
        return span.end <= date_start and "\n" not in text[span.end:date_start] and date_start - span.end < 20
    return False


def _starts_line(text: str, pos: int) -> bool:
    """Nothing but spaces or table pipes stands before `pos` on its line."""
    return re.fullmatch(r"[\s|]*", text[text.rfind("\n", 0, pos) + 1:pos]) is not None


def _own_issuer(text: str, desc: SelfDescription, bodies: list[Span], place: Place) -> str | None:
    """The body in the header's left column: a body that starts a line before the `Số:` line
    (the last one, when a parent body stands above it), else one named by the symbol and place."""
    if desc.kind != "official" or not desc.number_span:
        return None
    header = [b for b in bodies if b.end <= desc.number_span[0] and b.value and _starts_line(text, b.start)]
    if header:
        return header[-1].value
    if "UBND" in desc.number.split("/")[-1] and place.province:
        if place.district and place.district_level:
            return f"UBND {place.district_level} {place.district}"
        level = gazetteer.province_by_name()[place.province].level
        return f"UBND {level} {place.province}"
    after = [b for b in bodies if desc.number_span[1] <= b.start < 1500 and b.value]
    return after[0].value if after else None


@dataclass
class Analysis:
    """What the stages have found in one text so far: each reads earlier fields, fills its own."""

    text: str
    description: SelfDescription | None = None
    provinces: list[Span] = field(default_factory=list)
    districts: list[Span] = field(default_factory=list)
    communes: list[Span] = field(default_factory=list)
    place: Place = field(default_factory=Place)
    bodies: list[Span] = field(default_factory=list)
    own_issuer: str | None = None
    year: int | None = None  # the year the text was written: its own date's, else its first date's
    dates: list[Span] = field(default_factory=list)
    numbers: list[Span] = field(default_factory=list)
    citations: list[Span] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)  # documents a news text names without their symbol
    references: list[dict[str, Any]] = field(default_factory=list)
    issuers: list[Span] = field(default_factory=list)
    targets: list[Span] = field(default_factory=list)


def read_header(a: Analysis) -> None:
    """Is the text an official document, and its type, number, date, place, signer."""
    a.description = describe(a.text)


def find_places(a: Analysis) -> None:
    """Provinces, districts and communes named, and the place the document belongs to."""
    a.provinces = find_provinces(a.text)
    known = {s.value for s in a.provinces}
    a.districts = find_districts(a.text, known)
    known |= {d.value["province"] for d in a.districts if d.value["province"]}
    a.communes = find_communes(a.text, known, {d.value["district"] for d in a.districts})
    a.place = _place(a.description, a.provinces, a.districts)


def name_bodies(a: Analysis) -> None:
    """Public bodies in canonical form (places resolved from context), and the text's own issuer."""
    a.bodies = find_bodies(a.text, a.place)
    a.own_issuer = _own_issuer(a.text, a.description, a.bodies, a.place)


def find_references(a: Analysis) -> None:
    """Dates, symbols, citations linked to their dates and issuers, and the bodies that issued."""
    desc = a.description
    year_hint = int(desc.date[:4]) if desc.date else None
    if year_hint is None:
        head_dates = find_dates(a.text[:400])
        year_hint = int(head_dates[0].value[:4]) if head_dates else None
    a.year = year_hint
    a.dates = find_dates(a.text, year_hint)
    a.numbers = find_doc_numbers(a.text)
    a.citations = find_citations(a.text, a.numbers, a.dates, a.bodies, desc.number)
    a.references = [r for r in merge(a.citations) if r["number"] != desc.number]
    if desc.kind != "official":  # news names the documents it reports on: `Kế hoạch ngày ... của UBND tỉnh`
        a.mentions = find_mentions(a.text, a.numbers, a.dates, a.bodies)
    cited_issuers = {r["issuer"] for r in a.references if r["issuer"]}
    a.issuers = find_issuers(a.text, a.bodies, cited_issuers, a.own_issuer)


def find_goals(a: Analysis) -> None:
    """Numeric targets, skipping the numbers inside dates and symbols."""
    desc = a.description
    # An official document's title (after its number) gives the year of its goals; a news
    # text, the year it names for the plan it reports (`text_plan_year`, inside find_targets).
    year = plan_year(a.text[desc.number_span[1]:desc.number_span[1] + 600]) if desc.number_span else None
    a.targets = find_targets(a.text, skip=a.dates + a.numbers, default_year=year, doc_year=a.year)
    a.targets += find_table_targets(a.text, a.targets, default_year=year)


STAGES: tuple[tuple[str, Callable[[Analysis], None]], ...] = (
    ("ocop_header", read_header),
    ("ocop_places", find_places),
    ("ocop_bodies", name_bodies),
    ("ocop_references", find_references),
    ("ocop_targets", find_goals),
)


def assemble(a: Analysis) -> Extraction:
    """The gold-format record and the sorted spans of a finished analysis."""
    desc, text, own_issuer = a.description, a.text, a.own_issuer
    # Where a text was written is not what it is about: a ministry's `Hà Nội, ngày ...`, a
    # news agency's `Hà Nội (TTXVN 25/10/2023)`.
    central = bool(own_issuer and own_issuer.startswith(CENTRAL_BODIES))
    passing = set(in_passing(text, a.provinces))
    about = [s for s in a.provinces if not _written_at(text, s, desc if central else None) and s not in passing]
    province_names = [s.value for s in about] + [d.value["province"] for d in a.districts + a.communes]
    if a.place.province and desc.kind == "official" and not central:
        province_names.insert(0, a.place.province)

    document = None
    if desc.kind == "official":
        document = {"type": desc.doc_type, "number": desc.number, "date": desc.date, "issuer": own_issuer}
    record = {
        "source_url": None,
        "kind": desc.kind,
        "document": document,
        "doc_numbers": _unique([s.value for s in a.numbers]),
        "dates": _unique([s.value for s in a.dates]),
        "issuers": _unique(([own_issuer] if own_issuer else []) + [s.value for s in a.issuers]),
        "provinces": _unique(province_names),
        "references": a.references,
        "targets": [s.value for s in a.targets],
        "notes": "",
    }
    spans = sorted(
        [*a.numbers, *a.dates, *a.bodies, *a.issuers, *a.provinces, *a.districts, *a.communes, *a.citations,
         *a.mentions, *a.targets, *desc.signature],
        key=lambda s: (s.start, s.end),
    )
    return Extraction(text=text, spans=spans, description=desc, record=record)


def extract(text: str) -> Extraction:
    """Extract everything from one document's text (NFC is applied first)."""
    analysis = Analysis(nfc(text))
    for _, stage in STAGES:
        stage(analysis)
    return assemble(analysis)
