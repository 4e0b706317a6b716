"""How values are shown to a reader: spans highlighted in a text, numbers, dates and
comparators as a Vietnamese reader writes them (the JSON and CSV keep the stored values)."""
from __future__ import annotations

import html
import json
import urllib.parse
from typing import Any

DATABASE = "ocop"
LABELS = {  # label → (colour, Vietnamese name)
    "TARGET": ("#fecaca", "chỉ tiêu"), "CITATION": ("#fbcfe8", "văn bản dẫn chiếu"),
    "DOC_NUMBER": ("#fde68a", "số hiệu"), "DATE": ("#bfdbfe", "ngày"), "ISSUER": ("#c7d2fe", "cơ quan ban hành"),
    "BODY": ("#e5e7eb", "cơ quan"), "PROVINCE": ("#bbf7d0", "tỉnh"), "DISTRICT": ("#d9f99d", "huyện"),
    "COMMUNE": ("#ecfccb", "xã"), "MENTION": ("#fbcfe8", "văn bản được nêu"), "SIGNER": ("#fed7aa", "người ký"),
}
# Longer, more telling spans win where spans overlap (a citation over the symbol in it).
PRIORITY = ["TARGET", "CITATION", "MENTION", "ISSUER", "DATE", "DOC_NUMBER", "PROVINCE", "DISTRICT", "COMMUNE", "BODY",
            "SIGNER"]



COMPARATORS = {">=": "ít nhất", ">": "trên", "<=": "tối đa", "<": "dưới", "=": ""}


def number(value: Any) -> str:
    """`1.0` → `1`, `1.5` → `1,5`, `3000.0` → `3.000`: Vietnamese separators, no `.0`."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    whole, _, part = f"{value:,.2f}".rstrip("0").partition(".")
    return whole.replace(",", ".") + ("," + part if part else "")


def date(value: Any) -> str:
    """`2024-10-05` → `05/10/2024`; anything else as it is."""
    text = str(value or "")
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}"
    return text


def comparator(value: Any) -> str:
    """`>=` → `ít nhất`, as the document says it."""
    return COMPARATORS.get(str(value or ""), str(value or ""))


def highlight(text: str, spans: list[dict[str, Any]], cited: dict[str, int],
              named: dict[int, int] | None = None) -> str:
    """The text as HTML, each chosen span a `<mark>` linked to its row (a citation to the
    cited document's page when it is in the database, else to the search for its symbol;
    a document a news text names to its page: `named` maps the span's start to it)."""
    chosen: list[dict[str, Any]] = []
    rank = {label: i for i, label in enumerate(PRIORITY)}
    for span in sorted(spans, key=lambda s: (rank.get(s["label"], 99), s["start"] - s["end"])):
        if all(span["end"] <= c["start"] or span["start"] >= c["end"] for c in chosen):
            chosen.append(span)
    out, pos = [], 0
    for span in sorted(chosen, key=lambda s: s["start"]):
        out.append(html.escape(text[pos:span["start"]]))
        value = json.loads(span["value"]) if span["value"] else None
        href = f"/{DATABASE}/spans/{span['id']}"
        if span["label"] == "CITATION" and isinstance(value, dict) and value.get("number") in cited:
            href = f"/-/document/{cited[value['number']]}"
        elif span["label"] == "CITATION" and isinstance(value, dict) and value.get("number"):
            # a document the database does not hold: every document that cites it
            href = f"/?q={urllib.parse.quote(value['number'])}&place=off"
        elif span["label"] == "MENTION" and span["start"] in (named or {}):
            href = f"/-/document/{named[span['start']]}"
        title = f"{span['label']}: {json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value}"
        out.append(f'<mark class="ocop-{span["label"]}" title="{html.escape(title)}"><a href="{href}">'
                   f"{html.escape(text[span['start']:span['end']])}</a></mark>")
        pos = span["end"]
    out.append(html.escape(text[pos:]))
    return "".join(out)


