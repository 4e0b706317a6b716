from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.store import build

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "documents"
SHARED = Path(os.environ.get("OCOP_SHARED", ROOT.parent / "shared"))
GOLD_DEV = SHARED / "gold" / "dev"

needs_shared = pytest.mark.skipif(
    not GOLD_DEV.is_dir(),
    reason=f"the shared gold set is not here ({GOLD_DEV}); it exists only in the project's workplace",
)


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus built once into a database, as `ocop build` does."""
    db_path = tmp_path_factory.mktemp("db") / "ocop.db"
    build(CORPUS, db_path, jobs=2)
    return db_path


@pytest.fixture()
def hostile_db(tmp_path: Path) -> Path:
    """A database of one document whose text holds a script, a `javascript:` link and an
    `onerror` handler: what a published page must show as text."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(
        "Kế hoạch số 12/KH-UBND phấn đấu có 30 sản phẩm OCOP <script>alert('x')</script> "
        '<a href="javascript:alert(1)">bấm vào đây</a> <img src=x onerror=alert(2)>', encoding="utf-8")
    db = tmp_path / "ocop.db"
    build(corpus, db, jobs=1)
    return db
