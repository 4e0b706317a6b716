"""The extraction as a spaCy pipeline gives the same findings as `extract()`, as spans that
survive serialisation and render with displaCy."""
from pathlib import Path

import pytest
from spacy.tokens import DocBin

from extractors import extract
from extractors.spacy_pipeline import SPANS_KEY, load, render
from extractors.vietnamese import nfc

CORPUS = Path(__file__).parent.parent / "corpus" / "documents"
TEXT = ("UBND tỉnh Quảng Nam ban hành Quyết định số 1599/QĐ-UBND ngày 22/5/2018. "
        "Phấn đấu năm 2020 có ít nhất 80% số sản phẩm đạt hạng 3 sao trở lên.")


@pytest.fixture(scope="module")
def nlp():
    return load()


def test_the_pipeline_finds_what_extract_finds(nlp) -> None:
    for path in sorted(CORPUS.glob("*.txt"))[:12]:
        text = nfc(path.read_text(encoding="utf-8"))
        doc = nlp(text)
        expected = extract(text)
        assert doc._.record == expected.record
        got = [(s._.offsets, s.label_, s._.value) for s in doc.spans[SPANS_KEY]]
        assert got == [((s.start, s.end), s.label, s.value) for s in expected.spans]


def test_spans_and_values_survive_docbin(nlp) -> None:
    doc = nlp(TEXT)
    data = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (back,) = DocBin().from_bytes(data).get_docs(nlp.vocab)
    targets = [s for s in back.spans[SPANS_KEY] if s.label_ == "TARGET"]
    assert [(s.text, s._.value["value"], s._.value["year"]) for s in targets] == [("80%", 80, 2020)]
    assert back._.record["references"][0]["number"] == "1599/QĐ-UBND"


def test_render_highlights_the_chosen_labels(nlp) -> None:
    html = render(nlp(TEXT), {"TARGET"})
    assert "TARGET" in html and "80%" in html and "DOC_NUMBER" not in html


def test_text_that_is_not_nfc_is_refused_with_a_reason(nlp) -> None:
    with pytest.raises(ValueError, match="NFC"):
        nlp("Quye\u0301t \u0111i\u0323nh so\u0302\u0301 1599/QĐ-UBND")
