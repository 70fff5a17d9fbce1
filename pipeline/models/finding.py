"""A validator's finding, like a linter diagnostic."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Severity = Literal["error", "warning", "info"]


class Finding(BaseModel):
    code: str = Field(description="Stable code, e.g. 'S101'.")
    rule: str = Field(description="Stable slug, e.g. 'subgroup-exceeds-total'.")
    severity: Severity
    category: Literal["consistency", "schema", "provenance", "content", "curation"] = "consistency"
    message: str = Field(description="What is wrong, with the numbers and the arithmetic.")
    source_id: str
    study_ordinal: int | None = Field(default=None, description="None for article-level findings.")
    char_start: int | None = None
    char_end: int | None = None
    line: int | None = Field(default=None, description="1-based line of char_start.")
    col: int | None = Field(default=None, description="1-based column of char_start.")
