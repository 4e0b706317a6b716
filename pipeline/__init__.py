"""ocop-pipeline: collect, parse, extract, load and publish OCOP documents.

Data flows one way: raw files → text (`parse`) → extractions (`extractors`) →
database (`load`) → Datasette (`publish`). The `ocop` command (`cli.py`) runs each stage.
"""

__version__ = "0.1.0"
