"""What `pipeline run --check` reports: how the committed export differs from the database's.

Apart from ``export.py`` so that the run report can name it without loading DuckDB.
"""
from __future__ import annotations

from pydantic import BaseModel, Field


class TableDiff(BaseModel):
    table: str
    added: int = 0
    removed: int = 0
    changed: int = 0
    note: str | None = None

    def __str__(self) -> str:
        if self.note:
            return f"{self.table}: {self.note}"
        return f"{self.table}: {self.added} added, {self.removed} removed, {self.changed} changed"


class ExportDiff(BaseModel):
    tables: list[TableDiff] = Field(default_factory=list)

    @property
    def up_to_date(self) -> bool:
        return not self.tables

    def summary(self) -> str:
        return "; ".join(str(t) for t in self.tables)
