"""`ocop extract` and `ocop eval` as a user runs them."""
import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus" / "documents"
GOLD_KEYS = {"source_url", "kind", "document", "doc_numbers", "dates", "issuers", "provinces", "references",
             "targets", "notes"}


def test_extract_prints_one_gold_shaped_object_per_file(tmp_path: Path) -> None:
    files = [next(CORPUS.glob("*.txt")), next(CORPUS.glob("*.html")), next(CORPUS.glob("*.pdf"))]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"this is not a pdf")
    args = [str(f) for f in files] + [str(broken)]
    result = CliRunner().invoke(main, ["extract", "-j", "1", *args])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["path"] for o in lines] == args
    for obj in lines[:3]:
        assert set(obj) == GOLD_KEYS | {"path"}
        assert obj["doc_numbers"]
    assert set(lines[3]) == {"path", "error"} and "not a PDF" in lines[3]["error"]
    assert result.exit_code == 1


def test_extract_exit_status_is_0_when_all_files_read() -> None:
    f = next(CORPUS.glob("*.txt"))
    result = CliRunner().invoke(main, ["extract", str(f)])
    assert result.exit_code == 0


def test_every_command_has_help() -> None:
    for command in ([], ["extract"], ["build"], ["serve"], ["eval"]):
        result = CliRunner().invoke(main, [*command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_python_dash_m_pipeline_runs_the_same_command() -> None:
    out = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, check=True)
    assert "extract" in out.stdout and "build" in out.stdout


def test_eval_on_the_bundled_corpus_prints_the_table() -> None:
    result = CliRunner().invoke(main, ["eval", str(CORPUS), "-j", "1"])
    assert result.exit_code == 0
    assert "doc_numbers" in result.output and "overall F1" in result.output


def test_eval_groups_what_is_still_wrong_by_kind(tmp_path) -> None:
    # One news text whose gold says the figure is due in 2022 and the province is Cần Thơ;
    # a label the extractor cannot reach (a wrong year, a province missed) shows as its kind.
    (tmp_path / "news.txt").write_text("Phấn đấu năm 2023 có ít nhất 30 sản phẩm đạt 3 sao.", encoding="utf-8")
    (tmp_path / "news.json").write_text(json.dumps({
        "kind": "news", "document": None, "doc_numbers": [], "dates": [], "issuers": [], "provinces": ["Cần Thơ"],
        "references": [], "targets": [{"value": 30, "unit": "sản phẩm", "comparator": ">=", "year": 2022,
                                       "subject": "sản phẩm", "per": None, "value_max": None}]}), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(tmp_path), "-j", "1"])
    assert result.exit_code == 0, result.output
    after = result.output.split("What is still wrong, by kind")[1]
    assert "target: wrong year" in after and "news: 30 sản phẩm: 2023 for 2022" in after
    assert "province missed" in after and "news: Cần Thơ" in after


def test_a_file_over_its_time_or_memory_bound_is_recorded_and_the_run_goes_on(tmp_path, monkeypatch) -> None:
    import time

    from pipeline import process

    slow, big, fine = (tmp_path / f"{name}.txt" for name in ("slow", "big", "fine"))
    for path in (slow, big, fine):
        path.write_text("Phấn đấu năm 2025 có 30 sản phẩm OCOP.", encoding="utf-8")
    real_parse = process.parse_bytes

    def parse(data: bytes, suffix: str, **kwargs):  # noqa: ANN202
        if data.startswith(b"slow"):
            time.sleep(5)
        if data.startswith(b"big"):
            raise MemoryError
        return real_parse(data, suffix, **kwargs)

    monkeypatch.setattr(process, "parse_bytes", parse)
    slow.write_bytes(b"slow " + slow.read_bytes())
    big.write_bytes(b"big " + big.read_bytes())
    results = {r["path"]: r for r in (process.process_path(str(p), timeout=1) for p in (slow, big, fine))}
    assert results[str(slow)]["error"] == "gave up after 1 s"
    assert results[str(big)]["error"].startswith("out of memory")
    assert "error" not in results[str(fine)] and results[str(fine)]["record"]["targets"]


def test_ocop_check_passes_a_good_database_and_fails_a_damaged_one(built_db: Path, tmp_path: Path) -> None:
    import shutil
    import sqlite3

    from click.testing import CliRunner

    from pipeline.cli import main

    good = CliRunner().invoke(main, ["check", "--db", str(built_db)])
    assert good.exit_code == 0, good.output
    assert "FAIL" not in good.output
    damaged = tmp_path / "ocop.db"
    shutil.copyfile(built_db, damaged)
    with sqlite3.connect(damaged) as conn:
        conn.execute("UPDATE spans SET [end] = [end] + 100000 WHERE id = (SELECT min(id) FROM spans)")
        conn.execute("DELETE FROM documents_fts WHERE rowid = (SELECT min(rowid) FROM documents_fts)")
    bad = CliRunner().invoke(main, ["check", "--db", str(damaged)])
    assert bad.exit_code == 1
    assert "FAIL every span lies inside its document's text" in bad.output
    assert "FAIL every document is in the search index" in bad.output


def test_stderr_carries_only_the_projects_own_messages(tmp_path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<<<>>>", encoding="utf-8")  # trafilatura logs three lines about it
    quiet = subprocess.run([sys.executable, "-m", "pipeline", "extract", str(page)], capture_output=True, text=True)
    assert quiet.returncode == 1
    assert quiet.stderr.strip().splitlines() == [f"ocop extract: {page}: no main text found in the HTML page"]
    loud = subprocess.run([sys.executable, "-m", "pipeline", "--verbose", "extract", str(page)],
                          capture_output=True, text=True)
    assert "trafilatura" in loud.stderr and "not valid HTML" in loud.stderr
