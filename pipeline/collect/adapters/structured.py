"""What a page states about a document in structured data: schema.org `Legislation` in
JSON-LD (luatvietnam.vn emits it, and any site may), read into the fields of
`page_metadata` (`number`, `doc_type`, `issuer`, `date`, `modified`, `keywords`), which the
build checks against the document's own text as it checks a properties table's
(`metadata_disagreements`). The crawler reads it from every document page, whatever its
adapter; an adapter may also read it to decide a page is a document."""
from __future__ import annotations

import json
import re
from typing import Any

from bs4 import BeautifulSoup

from extractors.dates import parse_date

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_FIELDS = {"legislationIdentifier": "number", "legislationType": "doc_type", "legislationPassedBy": "issuer",
           "datePublished": "date", "legislationDate": "date", "dateModified": "modified", "keywords": "keywords",
           "name": "title"}


def legislation(soup: BeautifulSoup) -> dict[str, Any]:
    """The first `Legislation` of the page's JSON-LD (alone, in a list or an `@graph`), as
    page-metadata fields; {} when there is none or it does not parse."""
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or script.get_text() or "")
        except (json.JSONDecodeError, TypeError):
            continue
        for node in _nodes(data):
            kinds = node.get("@type")
            if "Legislation" in (kinds if isinstance(kinds, list) else [kinds]):
                return _fields(node)
    return {}


def _nodes(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [n for item in data for n in _nodes(item)]
    if isinstance(data, dict):
        return [data, *(_nodes(data["@graph"]) if "@graph" in data else [])]
    return []


def _fields(node: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, field in _FIELDS.items():
        value = node.get(key)
        if isinstance(value, dict):  # `legislationPassedBy: {"@type": "Organization", "name": ...}`
            value = value.get("name")
        if isinstance(value, list):
            value = ", ".join(str(v.get("name") if isinstance(v, dict) else v) for v in value)
        if value in (None, ""):
            continue
        value = " ".join(str(value).split())
        if field in ("date", "modified"):  # ISO in schema.org (`2021-07-12T08:00:00+07:00`); else as written
            value = value[:10] if _ISO_DAY.match(value) else parse_date(value) or value
        out.setdefault(field, value)
    return out
