"""pipeline: article text in raw/ -> a schema-checked DuckDB evidence database in curated/."""
from __future__ import annotations

__version__ = "0.1.0"
CONTRACT_VERSION = 2
