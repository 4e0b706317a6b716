"""Which of the bodies a text names issued something (signed, promulgated, sent).

A body is an issuer when it is the document's own issuer, the issuer a citation phrase
gives for a cited document, or the subject of an issuing verb
(`UBND tỉnh Quảng Nam vừa ký quyết định`, `do Thủ tướng Chính phủ ban hành`). A body
that is only mentioned, assigned a task or asked to act is not.
"""
from __future__ import annotations

import re

from .issuing import ASIDE, ASPECT, DOCUMENT_TYPE, ISSUE_VERB, PERSON_NAME
from .spans import Span

LABEL = "ISSUER"

_VERB_AFTER = re.compile(
    rf"^[\s,]*{ASIDE}?(?:{PERSON_NAME})?(?:{ASPECT}\s+)?(?:chính thức\s+)?"
    rf"(?:{ISSUE_VERB}|ra quyết định|quyết định|công bố|có (?i:{DOCUMENT_TYPE})|xây dựng (?:dự thảo )?(?i:kế hoạch)|đề ra"
    # the author of a plan setting its goals and tasks (`UBND thành phố Cần Thơ đặt mục tiêu`,
    # `UBND tỉnh Ninh Bình xây dựng 6 nhóm nhiệm vụ và giải pháp`)
    rf"|đặt (?:ra )?mục tiêu|xây dựng (?:\d+ )?(?:nhóm )?nhiệm vụ)",
)
_BEFORE_ISSUE = re.compile(rf"^\s*{ISSUE_VERB}")


def find_issuers(text: str, bodies: list[Span], citation_issuers: set[str], own_issuer: str | None) -> list[Span]:
    """ISSUER spans over body mentions that issued something; `value` is the canonical name."""
    out = []
    issuing = set(citation_issuers) | ({own_issuer} if own_issuer else set())
    for b in bodies:
        if not b.value:
            continue
        after = text[b.end:b.end + 80]
        before = text[max(0, b.start - 12):b.start]
        is_issuer = b.value in issuing or bool(_VERB_AFTER.match(after))
        if not is_issuer and re.search(r"(?:do|được)\s*$", before) and _BEFORE_ISSUE.match(after):
            is_issuer = True
        if is_issuer:
            out.append(Span(b.start, b.end, LABEL, b.value))
    return out
