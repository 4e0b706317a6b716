"""The one shape every extractor returns: a labelled span over the document's text."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Span:
    """A finding: `text[start:end]` is where it was read, `value` what it means.

    `value` is the normalised value: a string for symbols, dates (ISO), issuers and
    provinces, a dict for citations and targets.
    """

    start: int
    end: int
    label: str
    value: Any = field(compare=False)

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        out = {"start": self.start, "end": self.end, "label": self.label, "value": self.value}
        if text is not None:
            out["text"] = text[self.start:self.end]
        return out
