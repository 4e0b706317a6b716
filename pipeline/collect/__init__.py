"""Collect stage: polite crawlers that archive every raw response (WARC) and keep their
state in SQLite, so a crawl can be killed and resumed and a re-crawl finds new, changed
and removed documents. `fetch.py` fetches, `archive.py` archives, `state.py` remembers,
`crawl.py` walks a site (generically or with an adapter from `adapters/`)."""
