"""Extraction quality: the bundled corpus always, the shared gold set where it exists."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import CORPUS, GOLD_DEV, SHARED, needs_shared

from pipeline.evaluate import gold_documents, score
from pipeline.process import process_many

# The levels reached on the 102 dev texts (35 of them from the centre and the south); a
# change that falls below them fails CI. They hold the line and rise as errors are fixed.
BUNDLED_FLOOR = 0.99
GOLD_DEV_FLOOR = 0.98
GOLD_DEV_FIELD_FLOORS = {
    "doc_numbers": 0.99, "dates": 0.99, "issuers": 0.985, "provinces": 0.99, "references": 0.96,
    "targets": 0.95, "document": 0.98,  # "document" is the document accuracy
}
GOLD_DEV_SCOPE_FLOOR = 0.98  # per and value_max of the matched targets (outside the overall score)


def _predict(folder: Path) -> dict[str, dict]:
    docs = [str(p) for p in gold_documents(folder)]
    return {Path(r["path"]).stem: r.get("record", {}) for r in process_many(docs, jobs=2)}


def test_bundled_corpus_scores_above_its_floor() -> None:
    report = score(CORPUS, _predict(CORPUS))
    assert report["documents"] >= 42
    assert report["overall_f1"] >= BUNDLED_FLOOR, report["fields"]
    assert report["accuracy"]["targets.scope"] >= BUNDLED_FLOOR  # every label carries per and value_max


@needs_shared
def test_gold_dev_scores_above_its_floor() -> None:
    report = score(GOLD_DEV, _predict(GOLD_DEV))
    assert report["overall_f1"] >= GOLD_DEV_FLOOR
    for field, floor in GOLD_DEV_FIELD_FLOORS.items():
        reached = report["accuracy"][field] if field == "document" else report["fields"][field]["f1"]
        assert reached >= floor, (field, reached)
    assert report["accuracy"]["targets.scope"] >= GOLD_DEV_SCOPE_FLOOR


@needs_shared
def test_own_scorer_agrees_with_the_shared_scorer(tmp_path: Path) -> None:
    scorer = SHARED / "eval" / "score.py"
    if not scorer.exists():
        pytest.skip(f"no shared scorer at {scorer}")
    predictions = _predict(GOLD_DEV)
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text(
        "".join(json.dumps({"path": f"{name}.txt", **rec}, ensure_ascii=False) + "\n"
                for name, rec in predictions.items()),
        encoding="utf-8",
    )
    out_json = tmp_path / "report.json"
    subprocess.run([sys.executable, str(scorer), "--gold", str(GOLD_DEV), "--pred", str(pred_file),
                    "--json", str(out_json)], check=True, capture_output=True)
    theirs = json.loads(out_json.read_text(encoding="utf-8"))
    ours = score(GOLD_DEV, predictions)
    assert ours["overall_f1"] == pytest.approx(theirs["overall_f1"])
    assert ours["accuracy"]["targets.scope"] == pytest.approx(theirs["accuracy"]["targets.scope"])
    for field, values in theirs["fields"].items():
        assert ours["fields"][field]["tp"] == values["tp"], field
        assert ours["fields"][field]["fp"] == values["fp"], field
