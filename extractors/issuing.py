"""The vocabulary of issuing, shared by the citation linker and the issuer finder: how a
body is said to issue a document (`UBND tỉnh vừa ký ban hành Kế hoạch ...`).

Regex fragments, not compiled patterns: each user anchors them its own way.
"""
from __future__ import annotations

from .vietnamese import VI_LOWER, VI_UPPER

# `đã`, `vừa`, `mới`, `cũng` before the verb: when it happened, not whether.
ASPECT = r"(?:đã|vừa|mới|cũng)"
# The verbs of issuing, longest first.
ISSUE_VERB = r"(?:ký ban hành|ban hành|ký|phê duyệt)"
# The documents a body issues, in lower case (match them case-insensitively).
DOCUMENT_TYPE = (
    r"(?:văn bản|công văn|quyết định|kế hoạch|thông báo|chỉ thị|nghị quyết|hướng dẫn|đề án|tờ trình|"
    r"báo cáo|thông tư|nghị định)"
)
# `UBND tỉnh ... vừa có Công văn`, `... ký ban hành Kế hoạch`: aspect, then verbs (`có` too).
ISSUING = rf"(?:{ASPECT}\s+)?(?:có|{ISSUE_VERB})(?:\s+(?:có|{ISSUE_VERB}))*"
# A signer's name between a body and its verb (`UBND thành phố Hà Nội Nguyễn Văn Sửu ký`);
# case-sensitive, so it must be used inside `(?-i:...)` in a case-insensitive pattern.
PERSON_NAME = rf"(?:[{VI_UPPER}][{VI_LOWER}]+\s+){{2,4}}"
# A parenthesis between a body and its verb (`Ban Xây dựng nông thôn mới (Thường trực ...)`).
ASIDE = r"(?:\([^)]{0,60}\)\s*)"
