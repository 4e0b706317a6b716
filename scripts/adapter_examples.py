"""Write (or check) each adapter's expected output for its saved example pages, as
juriscraper does: `python scripts/adapter_examples.py NAME` prints what the adapter reads
from every page in `corpus/sites/NAME/`; `--write` saves it as `expected.json` (review the
diff before committing: the expected output is the adapter's contract)."""
from __future__ import annotations

import json
import sys
import urllib.parse
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.collect import adapters  # noqa: E402

BASE = "http://fixture.test/"


def read(name: str) -> dict:
    adapter = adapters.make(name, BASE)
    folder = ROOT / "corpus" / "sites" / name
    out = {}
    for page in sorted(folder.rglob("*.html")):
        path = page.relative_to(folder).as_posix()
        url = urllib.parse.urljoin(BASE, path.removesuffix("index.html"))
        soup = BeautifulSoup(page.read_bytes(), "lxml")
        out[path] = {
            "links": [[urllib.parse.urlsplit(link.url).path, link.kind, link.metadata]
                      for link in adapter.links(url, soup)],
            "document": adapter.document(url, soup),
        }
    return out


if __name__ == "__main__":
    name = sys.argv[1]
    result = read(name)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if "--write" in sys.argv:
        (ROOT / "corpus" / "sites" / name / "expected.json").write_text(text + "\n", encoding="utf-8")
    print(text)
