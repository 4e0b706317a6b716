"""Precision at 5 of the search page on the judged searches (`corpus/judged_searches.json`):
for each query a reader would type, the share of its first five results that answer it
(of as many as there are answers, when fewer than five), on the bundled corpus."""
from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
JUDGED = ROOT / "corpus" / "judged_searches.json"
AT = 5


def precision_at_5(db_path: Path) -> dict[str, Any]:
    from datasette.app import Datasette

    from pipeline.publish.search import search

    judged = json.loads(JUDGED.read_text(encoding="utf-8"))["searches"]
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:  # each document by the file stem of its copies
        stems: dict[int, set[str]] = {}
        for doc_id, path in conn.execute("SELECT document_id, path FROM sources"):
            stems.setdefault(doc_id, set()).add(Path(path.split("?")[0]).stem)
    finally:
        conn.close()
    import yaml

    canned = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
    canned_sql = canned["databases"]["ocop"]["queries"]["search"]["sql"]
    db = Datasette(immutables=[str(db_path)]).get_database("ocop")
    per_query, baseline = {}, {}
    for judgement in judged:
        relevant, query = set(judgement["relevant"]), judgement["query"]

        def precision(ids: list[int], relevant: set[str] = relevant) -> float:
            hits = sum(1 for doc_id in ids[:AT] if stems.get(doc_id, set()) & relevant)
            return round(hits / min(AT, len(relevant)), 3)

        per_query[query] = precision([row["id"] for row in asyncio.run(search(db, query)).rows])
        # the canned `search` query (words matched as typed, ranked by bm25): what the page improves on
        baseline[query] = precision([row["id"] for row in asyncio.run(db.execute(canned_sql, {"q": query})).rows])
    return {"search_precision_at_5": round(sum(per_query.values()) / len(per_query), 3),
            "search_precision_at_5_canned_query": round(sum(baseline.values()) / len(baseline), 3),
            "search_precision_by_query": per_query, "search_precision_by_query_canned": baseline}
