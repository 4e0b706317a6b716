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
from pipeline.collect.adapters.base import Drift, Link  # noqa: E402

BASE = "http://fixture.test/"


def local(url: str) -> str:
    """A link as the expected output writes it: its path, and its query when it has one."""
    parts = urllib.parse.urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def as_written(link: Link) -> list:
    """A link as the expected output writes it: where it goes, its kind, what the page
    states about it, and for a postback the event it posts with the state it carries."""
    out = [local(link.url), link.kind, link.metadata]
    if link.form:
        out.append({k: link.form[k] for k in ("__EVENTTARGET", "__EVENTARGUMENT", "__VIEWSTATE") if k in link.form})
    return out


def read(name: str) -> dict:
    """What the adapter reads from each saved page, at the page's URL: its path, or the query
    URL the existing expected output gives it (a site whose pages differ by their query);
    a page the adapter finds drifted gives the drift's name."""
    adapter = adapters.make(name, BASE)
    folder = ROOT / "corpus" / "sites" / name
    expected_file = folder / "expected.json"
    before = json.loads(expected_file.read_text(encoding="utf-8")) if expected_file.is_file() else {}
    out: dict = {}
    for page in sorted(p for p in folder.rglob("*") if p.suffix in (".html", ".aspx")):
        path = page.relative_to(folder).as_posix()
        given = before.get(path, {}).get("url")
        url = urllib.parse.urljoin(BASE, given or path.removesuffix("index.html"))
        soup = BeautifulSoup(page.read_bytes(), "lxml")
        entry: dict = {"url": given} if given else {}
        try:
            entry |= {"links": [as_written(link) for link in adapter.links(url, soup)],
                      "document": adapter.document(url, soup)}
        except Drift as drift:
            entry["drift"] = str(drift)
        out[path] = entry
    return out


if __name__ == "__main__":
    name = sys.argv[1]
    result = read(name)
    text = json.dumps(result, ensure_ascii=False, indent=1)
    if "--write" in sys.argv:
        (ROOT / "corpus" / "sites" / name / "expected.json").write_text(text + "\n", encoding="utf-8")
    print(text)
