"""`ocop build` on the bundled corpus: rows, links, atomic swap, incremental rebuild."""
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import CORPUS

from pipeline.store import build
from pipeline.store.grouping import add_copy


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def test_every_corpus_file_is_a_source_of_one_document_row(built_db: Path) -> None:
    files = [p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html", ".pdf")]
    scans = [p for p in files if p.stem.endswith("_scan")]  # a scan of a plan the corpus holds as text PDF
    assert rows(built_db, "SELECT count(*) FROM sources")[0][0] == len(files)
    assert rows(built_db, "SELECT count(*) FROM documents")[0][0] == len(files) - len(scans)
    assert rows(built_db, "SELECT count(*) FROM failures") == [(0,)]
    formats = dict(rows(built_db, "SELECT format, count(*) FROM documents GROUP BY format"))
    assert set(formats) == {"txt", "html", "pdf"}


def test_official_documents_carry_their_header(built_db: Path) -> None:
    (row,) = rows(built_db, "SELECT doc_type, number, date, year, issuer, province, title FROM documents "
                            "WHERE source_id = (SELECT id FROM sources WHERE path LIKE '%kh_06_ninh_thuan.txt')")
    doc_type, number, date, year, issuer, province, title = row
    assert title == f"Kế hoạch {number} của UBND tỉnh Ninh Thuận"
    assert (doc_type, issuer, province) == ("Kế hoạch", "UBND tỉnh Ninh Thuận", "Ninh Thuận")
    assert number.endswith("/KH-UBND") and year == int(date[:4])


def test_targets_point_into_their_document_text(built_db: Path) -> None:
    found = rows(built_db, "SELECT d.text, t.span_start, t.span_end, t.value FROM targets t "
                           "JOIN document_texts d ON d.document_id = t.document_id")
    assert len(found) > 100
    for text, start, end, value in found:
        span = text[start:end]
        assert span[0].isdigit() and str(int(value)) in span.replace(".", "")


def test_targets_say_their_scope_and_the_level_that_set_them(built_db: Path) -> None:
    # A district's dispatch asks every commune for a product: per commune, set by the district.
    found = rows(built_db, "SELECT t.reading, t.level, t.district, d.issuer FROM targets t "
                           "JOIN documents d ON d.id = t.document_id "
                           "WHERE d.issuer LIKE 'UBND huyện %' AND t.per = 'xã'")
    assert len(found) >= 5
    for reading, level, district, issuer in found:
        assert reading.startswith("mỗi xã ít nhất 1 sản phẩm")
        assert (level, issuer) == ("huyện", f"UBND huyện {district}")
    # a province's plan sets totals at its level; no reading is a machine's `1.0` or `>=`
    assert rows(built_db, "SELECT count(*) FROM targets t JOIN documents d ON d.id = t.document_id "
                          "WHERE d.issuer LIKE 'UBND tỉnh %' AND t.level != 'tỉnh'") == [(0,)]
    assert rows(built_db, "SELECT count(*) FROM targets WHERE reading LIKE '%.0 %' OR reading LIKE '%>=%'") == [(0,)]


def test_citations_link_to_cited_documents_in_the_database(built_db: Path) -> None:
    # A district dispatch cites its province's plan... which the corpus may or may not hold;
    # every link that is made must point at a document with that very number.
    linked = rows(built_db, "SELECT c.number, d.number FROM citations c JOIN documents d "
                            "ON d.id = c.cited_document_id")
    assert all(a == b for a, b in linked)
    national = rows(built_db, "SELECT count(*) FROM citations WHERE number = '919/QĐ-TTg' "
                              "AND issuer = 'Thủ tướng Chính phủ' AND date = '2022-08-01'")[0][0]
    assert national >= 5


def _plan(province: str, day: int, month: int) -> str:
    return (f"ỦY BAN NHÂN DÂN\nTỈNH {province.upper()}\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            f"Độc lập - Tự do - Hạnh phúc\n\nSố: 85/KH-UBND\n{province}, ngày {day:02d} tháng {month:02d} năm 2024\n\n"
            f"KẾ HOẠCH\nThực hiện Chương trình mỗi xã một sản phẩm (OCOP) năm 2024\n\n"
            f"Phấn đấu đến năm 2024 có ít nhất 20 sản phẩm OCOP đạt 3 sao trở lên.\n")


def test_a_citation_links_to_the_one_document_it_names(tmp_path: Path) -> None:
    """Every province numbers its own plans: `85/KH-UBND` of Quảng Nam is not that of Bến
    Tre. A citation with issuer and date links to its document; one with the number alone
    fits both and stays unlinked."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kh_quang_nam.txt").write_text(_plan("Quảng Nam", 5, 3), encoding="utf-8")
    (corpus / "kh_ben_tre.txt").write_text(_plan("Bến Tre", 10, 4), encoding="utf-8")
    (corpus / "cv_nui_thanh.txt").write_text(
        "Thực hiện Kế hoạch số 85/KH-UBND ngày 05/3/2024 của UBND tỉnh Quảng Nam về thực hiện Chương trình OCOP "
        "năm 2024, UBND huyện Núi Thành đề nghị các xã đăng ký sản phẩm.\n", encoding="utf-8")
    (corpus / "news.txt").write_text(
        "Nhiều địa phương đã ban hành Kế hoạch số 85/KH-UBND để triển khai Chương trình OCOP.\n", encoding="utf-8")
    db = tmp_path / "ocop.db"
    build(corpus, db, jobs=1)
    links = dict(rows(db, "SELECT s.path, d.path FROM citations c JOIN sources s ON s.document_id = c.document_id "
                          "LEFT JOIN sources d ON d.document_id = c.cited_document_id WHERE c.number = '85/KH-UBND'"))
    assert {Path(k).name: v and Path(v).name for k, v in links.items()} == {
        "cv_nui_thanh.txt": "kh_quang_nam.txt", "news.txt": None}


def test_foreign_keys_hold(built_db: Path) -> None:
    with sqlite3.connect(built_db) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_full_text_search_finds_a_symbol_and_a_word(built_db: Path) -> None:
    hits = rows(built_db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?", ('"919/QĐ-TTg"',))
    assert hits[0][0] >= 5
    assert rows(built_db, "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'OCOP'")[0][0] >= 40


def _small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in sorted(p.name for p in CORPUS.glob("*.txt"))[:4]:
        shutil.copy(CORPUS / name, corpus / name)
    return corpus


def test_rebuild_extracts_only_what_changed(tmp_path: Path) -> None:
    corpus, db = _small_corpus(tmp_path), tmp_path / "ocop.db"
    first = build(corpus, db, jobs=1)
    assert (first["extracted"], first["unchanged"]) == (4, 0)
    again = build(corpus, db, jobs=1)
    assert (again["extracted"], again["unchanged"]) == (0, 4)
    changed = sorted(corpus.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nPhấn đấu năm 2026 có 7 sản phẩm mới.\n",
                       encoding="utf-8")
    sorted(corpus.iterdir())[1].unlink()
    third = build(corpus, db, jobs=1)
    assert (third["extracted"], third["unchanged"], third["removed"]) == (1, 2, 1)
    assert rows(db, "SELECT count(*) FROM documents") == [(3,)]
    assert rows(db, "SELECT count(*) FROM targets WHERE year = 2026 AND value = 7") == [(1,)]


def test_copies_are_stored_by_their_path_in_the_corpus_wherever_it_lies(tmp_path: Path) -> None:
    corpus, db = _small_corpus(tmp_path), tmp_path / "ocop.db"
    (corpus / "plans").mkdir()
    shutil.move(sorted(corpus.glob("*.txt"))[0], corpus / "plans")
    build(corpus.resolve(), db, jobs=1)
    paths = [p for (p,) in rows(db, "SELECT path FROM sources ORDER BY path")]
    assert paths == sorted(str(p.relative_to(corpus)).replace("\\", "/") for p in corpus.rglob("*.txt"))
    assert any(p.startswith("plans/") for p in paths)
    moved = shutil.move(corpus, tmp_path / "elsewhere")  # the same corpus, mounted elsewhere
    again = build(Path(moved), db, jobs=1)
    assert (again["extracted"], again["removed"]) == (0, 0)


def test_a_change_of_extractors_alone_does_not_read_the_pdfs_again(tmp_path: Path, monkeypatch) -> None:
    """PDFs (layout, OCR: seconds a page) are parsed once per parse code: a rebuild after an
    extractor change reuses their text; a change of the parse code reads them again."""
    import pipeline.process

    corpus = _small_corpus(tmp_path)
    for name in ("kh_10_thai_binh.pdf", "kh_02_quang_nam.pdf"):
        shutil.copy(CORPUS / name, corpus / name)
    db = tmp_path / "ocop.db"
    build(corpus, db, jobs=1)
    before = rows(db, "SELECT s.path, d.number, t.text FROM documents d JOIN document_texts t "
                      "ON t.document_id = d.id JOIN sources s ON s.id = d.source_id WHERE d.format = 'pdf' "
                      "ORDER BY s.path")
    real_parse, parsed = pipeline.process.parse_bytes, []

    def counting_parse(data, suffix, **kwargs):
        parsed.append(suffix)
        return real_parse(data, suffix, **kwargs)

    monkeypatch.setattr("pipeline.process.parse_bytes", counting_parse)
    monkeypatch.setattr("pipeline.store.state.extractor_version", lambda: "extractors-changed")
    counts = build(corpus, db, jobs=1)
    assert (counts["extracted"], counts["parse_reused"]) == (6, 2)
    assert sorted(parsed) == [".txt"] * 4  # the PDFs were not read again
    assert rows(db, "SELECT s.path, d.number, t.text FROM documents d JOIN document_texts t "
                    "ON t.document_id = d.id JOIN sources s ON s.id = d.source_id WHERE d.format = 'pdf' "
                    "ORDER BY s.path") == before
    monkeypatch.setattr("pipeline.store.state.extractor_version", lambda: "parse-changed")
    monkeypatch.setattr("pipeline.store.state.parse_version", lambda: "parse-changed")
    parsed.clear()
    assert build(corpus, db, jobs=1)["parse_reused"] == 0
    assert sorted(parsed) == [".pdf", ".pdf", ".txt", ".txt", ".txt", ".txt"]
    assert rows(db, "SELECT count(*), min(parse_version) FROM parsed_texts") == [(2, "parse-changed")]


def test_a_bad_file_is_recorded_and_the_rest_go_through(tmp_path: Path) -> None:
    corpus, db = _small_corpus(tmp_path), tmp_path / "ocop.db"
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4 broken")
    counts = build(corpus, db, jobs=1)
    assert (counts["extracted"], counts["failed"]) == (4, 1)
    ((path, reason),) = rows(db, "SELECT path, reason FROM failures")
    assert path.endswith("scan.pdf") and "PDF" in reason


def test_a_failed_build_leaves_the_previous_database_untouched(tmp_path: Path, monkeypatch) -> None:
    corpus, db = _small_corpus(tmp_path), tmp_path / "ocop.db"
    build(corpus, db, jobs=1)
    before = db.read_bytes()
    (corpus / "new.txt").write_text("UBND tỉnh Quảng Nam ban hành Kế hoạch số 9/KH-UBND.", encoding="utf-8")

    def explode(*args, **kwargs):
        raise RuntimeError("killed half-way")

    monkeypatch.setattr("pipeline.store.links.link_citations", explode)
    with pytest.raises(RuntimeError):
        build(corpus, db, jobs=1)
    assert db.read_bytes() == before
    monkeypatch.undo()
    after = build(corpus, db, jobs=1)  # resumes: the new file was extracted before the failure
    assert after["resumed"] and (after["extracted"], after["unchanged"]) == (0, 5)
    assert rows(db, "SELECT count(*) FROM sources WHERE path LIKE '%new.txt'") == [(1,)]


def test_a_build_stopped_half_way_resumes_where_it_stopped(tmp_path: Path, monkeypatch) -> None:
    """Work committed before a crash is not done again; the rest is, once."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:9]:
        shutil.copy(path, corpus)
    db = tmp_path / "ocop.db"
    monkeypatch.setattr("pipeline.store.state.BATCH_DOCUMENTS", 2)
    real_insert, calls = add_copy, []

    def crash_on_the_sixth(*args, **kwargs):
        calls.append(1)
        if len(calls) == 6:
            raise KeyboardInterrupt
        return real_insert(*args, **kwargs)

    monkeypatch.setattr("pipeline.store.state.add_copy", crash_on_the_sixth)
    with pytest.raises(KeyboardInterrupt):
        build(corpus, db, jobs=1)
    assert not db.exists()
    monkeypatch.setattr("pipeline.store.state.add_copy", real_insert)
    counts = build(corpus, db, jobs=1)
    assert counts["resumed"] and (counts["extracted"], counts["unchanged"]) == (5, 4)  # 4 committed in 2 batches
    assert rows(db, "SELECT count(*), count(DISTINCT path), count(DISTINCT document_id) FROM sources") == [(9, 9, 9)]
    assert rows(db, "SELECT count(*) FROM documents_fts") == [(9,)]
    assert not build(corpus, db, jobs=1)["resumed"]


def test_a_build_killed_at_any_point_leaves_the_previous_database_whole(tmp_path: Path) -> None:
    """kill -9 during `ocop build`, at several points: the database at --db is always the
    last complete one (built beside it, then moved over it), and the next build completes."""
    import os
    import shutil
    import signal
    import subprocess
    import sys
    import time

    from click.testing import CliRunner

    from pipeline.cli import main

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = sorted(CORPUS.glob("*.txt"))
    for path in texts[:10]:
        shutil.copy(path, corpus)
    db = tmp_path / "ocop.db"
    env = {**os.environ, "PYTHONPATH": str(CORPUS.parent.parent)}
    command = [sys.executable, "-m", "pipeline", "build", "--corpus", str(corpus), "--db", str(db), "-j", "1"]
    subprocess.run(command, env=env, check=True, capture_output=True)
    before = rows(db, "SELECT count(*) FROM documents")[0][0]
    for path in texts[10:]:
        shutil.copy(path, corpus)
    for delay in (0.3, 0.8, 1.5, 2.5):
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert rows(db, "SELECT count(*) FROM documents")[0][0] in (before, len(texts))
        assert CliRunner().invoke(main, ["check", "--db", str(db)]).exit_code == 0
    subprocess.run(command, env=env, check=True, capture_output=True)
    assert rows(db, "SELECT count(*) FROM documents")[0][0] == len(texts)
    assert CliRunner().invoke(main, ["check", "--db", str(db)]).exit_code == 0
