"""The extraction as a spaCy pipeline: a blank multilingual `Language` whose components are
the stages of `extraction.py`, and whose output is a `Doc` with every finding in the span
group `doc.spans["ocop"]`.

    >>> from extractors.spacy_pipeline import load
    >>> nlp = load()
    >>> doc = nlp("UBND tỉnh Quảng Nam ban hành Quyết định số 1599/QĐ-UBND ngày 22/5/2018.")
    >>> [(s.text, s.label_) for s in doc.spans["ocop"]][:2]
    [('UBND tỉnh Quảng Nam', 'BODY'), ('UBND tỉnh Quảng Nam', 'ISSUER')]

What spaCy gives for free: spans that survive `DocBin` serialisation (values in
`doc.user_data`), displaCy rendering of the spans (`render`), and a place to add
components — another language model's entities, a reviewer's corrections — between the
stages (`nlp.add_pipe(..., after="ocop_bodies")`).

Every extractor works on characters, so the tokenizer only has to let spans line up:
the multilingual rule-based one (`xx`) puts token edges at 99.7% of the span edges in
the gold texts (the Vietnamese one without pyvi splits on spaces only, 83%, leaving
`22/5/2018.` one token; pyvi is not needed). The rest are widened to whole tokens
(`alignment_mode="expand"`); the exact offsets and value stay in `span._.offsets` and
`span._.value`.
"""
from __future__ import annotations

import unicodedata
from typing import Any

import spacy
from spacy import displacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .extraction import STAGES, Analysis, assemble

SPANS_KEY = "ocop"
_FINISH = "ocop_spans"
COLORS = {
    "DOC_NUMBER": "#fde68a", "DATE": "#bfdbfe", "BODY": "#e5e7eb", "ISSUER": "#c7d2fe", "PROVINCE": "#bbf7d0",
    "DISTRICT": "#d9f99d", "COMMUNE": "#ecfccb", "CITATION": "#fbcfe8", "TARGET": "#fecaca",
}


def _key(label: str, start: int, end: int) -> str:
    return f"{label}:{start}:{end}"


def _value(span: SpacySpan) -> Any:
    entry = span.doc.user_data.get("ocop_values", {}).get(_key(span.label_, span.start_char, span.end_char))
    return entry["value"] if entry else None


def _offsets(span: SpacySpan) -> tuple[int, int] | None:
    entry = span.doc.user_data.get("ocop_values", {}).get(_key(span.label_, span.start_char, span.end_char))
    return (entry["start"], entry["end"]) if entry else None


def _analysis(doc: Doc) -> Analysis:
    if "ocop_analysis" not in doc.user_data:
        if not unicodedata.is_normalized("NFC", doc.text):
            # Offsets must mean the same in the Doc and in the stored text.
            raise ValueError("the OCOP pipeline needs NFC text: pass extractors.vietnamese.nfc(text)")
        doc.user_data["ocop_analysis"] = Analysis(doc.text)
    return doc.user_data["ocop_analysis"]


def _stage_component(stage):  # noqa: ANN001, ANN202 - a closure per stage
    def component(doc: Doc) -> Doc:
        stage(_analysis(doc))
        return doc

    return component


for _name, _stage in STAGES:
    if _name not in Language.factories:
        Language.component(_name, func=_stage_component(_stage))


@Language.component(_FINISH)
def finish(doc: Doc) -> Doc:
    """Turn the finished analysis into the span group and the record (`doc.user_data["ocop_record"]`)."""
    analysis = doc.user_data.pop("ocop_analysis")
    result = assemble(analysis)
    group, values = [], {}
    for s in result.spans:
        span = doc.char_span(s.start, s.end, label=s.label, alignment_mode="expand")
        if span is None:
            continue
        group.append(span)
        values[_key(span.label_, span.start_char, span.end_char)] = {"start": s.start, "end": s.end, "value": s.value}
    doc.spans[SPANS_KEY] = group
    doc.user_data["ocop_values"] = values
    doc.user_data["ocop_record"] = result.record
    return doc


if not SpacySpan.has_extension("value"):
    SpacySpan.set_extension("value", getter=_value)
    SpacySpan.set_extension("offsets", getter=_offsets)
if not Doc.has_extension("record"):
    Doc.set_extension("record", getter=lambda doc: doc.user_data.get("ocop_record"))


def load() -> Language:
    """A blank multilingual pipeline with the OCOP stages; nothing is downloaded."""
    nlp = spacy.blank("xx")
    for name, _ in STAGES:
        nlp.add_pipe(name)
    nlp.add_pipe(_FINISH)
    return nlp


def render(doc: Doc, labels: set[str] | None = None) -> str:
    """The document as HTML with its findings highlighted by displaCy, the text exactly as
    written (the `ent` style keeps character offsets; the `span` style would re-join tokens
    with spaces, `1599 / QĐ - UBND`). Overlapping findings cannot all be drawn: a longer
    one wins (a citation over the symbol inside it)."""
    chosen: list[tuple[int, int, str]] = []
    found = sorted(
        (s._.offsets or (s.start_char, s.end_char)) + (s.label_,)
        for s in doc.spans[SPANS_KEY]
        if labels is None or s.label_ in labels
    )
    for start, end, label in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(end <= a or start >= b for a, b, _ in chosen):
            chosen.append((start, end, label))
    ents = [{"start": a, "end": b, "label": label} for a, b, label in sorted(chosen)]
    return displacy.render(
        {"text": doc.text, "ents": ents, "title": None}, style="ent", manual=True, page=False,
        options={"colors": COLORS},
    )
