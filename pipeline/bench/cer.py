"""Character error rate: how far a text read from a PDF is from the text it was made from."""
from __future__ import annotations

import re

_RULE_LINE = re.compile(r"(?m)^[\s\-_=.*|]*$")


def cer(read: str, truth: str) -> float:
    """Character error rate of `read` against `truth`: edit distance over the length of
    the truth, after both are reduced to their words (spacing, line breaks, table pipes
    and decorative rule lines such as `-------` are layout, not characters read)."""
    from rapidfuzz.distance import Levenshtein

    def norm(text: str) -> str:
        return " ".join(_RULE_LINE.sub("", text).replace("|", " ").split())

    a, b = norm(read), norm(truth)
    return Levenshtein.distance(a, b) / max(1, len(b))
