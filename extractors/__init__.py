"""The NLP core of ocop-pipeline: text in, labelled spans out.

    >>> from extractors import extract
    >>> result = extract("UBND tỉnh Quảng Nam ban hành Quyết định số 1599/QĐ-UBND ngày 22/5/2018.")
    >>> result.record["doc_numbers"]
    ['1599/QĐ-UBND']

Nothing here reads files, touches the network or a database: `pipeline/` does that.
"""
from .extraction import Extraction, extract
from .spans import Span

__all__ = ["Extraction", "Span", "extract"]
