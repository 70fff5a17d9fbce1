"""Defaults, in one place."""
from __future__ import annotations

from pathlib import Path

DEFAULT_RAW = Path("raw")
DEFAULT_DB = Path("curated/evidence.duckdb")
DEFAULT_DECISIONS = Path("curated/decisions.toml")
DEFAULT_EXPORT = Path("curated/export")
ARTICLE_SUFFIX = ".txt"
META_SUFFIX = ".meta.toml"
# Exit codes of `run` and `validate`: documented in the README.
EXIT_OK = 0
EXIT_OPEN_ERRORS = 1
EXIT_USAGE = 2
DEFAULT_LOCK_TIMEOUT = 60.0  # seconds a second `run` waits for the first
DEFAULT_REPORT = Path("curated/report.html")
