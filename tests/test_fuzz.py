"""Fuzzing the parsers for a bounded time (hypothesis): mutated PDFs and HTML pages, and
random bytes, give a `Parsed` or a `ParseError`, never another exception and never a hang
past the per-file bound."""
from __future__ import annotations

import random

from conftest import CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.parse import ParseError, parse_bytes
from pipeline.process import process_bytes

PDF = (CORPUS / "kh_bang_16_ben_tre.pdf").read_bytes()
HTML = next(CORPUS.glob("news_*.html")).read_bytes()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def mutate(data: bytes, seed: int, flips: int) -> bytes:
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(flips):
        kind = rng.random()
        at = rng.randrange(len(out))
        if kind < 0.6:
            out[at] = rng.randrange(256)
        elif kind < 0.8:
            del out[at:at + rng.randrange(1, 64)]
        else:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 32)))
    return bytes(out)


def parses_or_refuses(data: bytes, suffix: str) -> None:
    try:
        parsed = parse_bytes(data, suffix)
    except ParseError:
        return
    assert isinstance(parsed.text, str) and parsed.text


@FUZZ
@given(st.integers(0, 2**32), st.integers(1, 40))
def test_a_mutated_pdf_parses_or_is_refused(seed: int, flips: int) -> None:
    parses_or_refuses(mutate(PDF, seed, flips), ".pdf")


@FUZZ
@given(st.integers(0, 2**32), st.integers(1, 200))
def test_a_mutated_html_page_parses_or_is_refused(seed: int, flips: int) -> None:
    parses_or_refuses(mutate(HTML, seed, flips), ".html")


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from([".pdf", ".html", ".txt", ".docx", ".doc"]))
def test_random_bytes_never_crash_the_stage(data: bytes, suffix: str) -> None:
    result = process_bytes(data, "fuzz" + suffix)
    assert "error" in result or "record" in result
    if "error" in result:
        assert not result["error"].startswith("parser failed"), result["error"]  # a crash, not a refusal
