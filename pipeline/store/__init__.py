"""The load stage: extraction results into the SQLite database that Datasette serves.

A room per concern, each owning its tables:

- `state`: the build itself (atomic, resumable, incremental) and what it remembers
  between builds (`failures`, `parsed_texts`);
- `grouping`: the copies of one document found in several places (`sources`,
  `source_texts`, `metadata_disagreements`), their identity and which copy is shown;
- `writer`: a document and everything extracted from its shown copy (`documents`,
  `spans`, `targets`, `citations`, `issuers`, `document_issuers`, `document_provinces`);
- `links`: what points at another document (a citation's target, `reports_on`);
- `search`: the full-text index (`documents_fts`);
- `schema`: the version and the order the tables are made in.
"""
from .state import build, corpus_files

__all__ = ["build", "corpus_files"]
