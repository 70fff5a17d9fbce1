"""All rows of a run, indexed by id, so decisions can find and change them."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from pipeline.curate.levels import evidence_level
from pipeline.models.ids import row_id
from pipeline.models.rows import TABLES, ProvenanceRow, Row, StudyRow

PROV = "provenance"
R = TypeVar("R", bound=Row)


class RowSet:
    """Tables as ``{id: row}`` in insertion order, plus tombstones of rows removed by decisions."""

    def __init__(self, rows: dict[str, list[Row]] | None = None):
        self.tables: dict[str, dict[Any, Row]] = {m.__table__: {} for m in TABLES}
        self.removed: dict[str, str] = {}  # row id -> id of the rejection that removed it
        for table_rows in (rows or {}).values():
            for r in table_rows:
                self.put(r)

    def put(self, row: Row) -> None:
        self.tables[row.__table__][row_id(row)] = row

    def get(self, table: str, rid: Any) -> Row | None:
        return self.tables[table].get(rid)

    def find(self, model: type[R], rid: Any) -> R | None:
        """The row of ``model``'s table with id ``rid``, typed as that model."""
        row = self.tables[model.__table__].get(rid)
        return row if isinstance(row, model) else None

    def items(self, model: type[R]) -> Iterator[tuple[Any, R]]:
        """``(id, row)`` of every row of ``model``'s table, typed as that model (a copy: safe to change)."""
        for rid, row in list(self.tables[model.__table__].items()):
            if isinstance(row, model):
                yield rid, row

    def drop(self, table: str, rid: Any) -> None:
        self.tables[table].pop(rid, None)

    def set_field(self, row: R, field: str, value: Any) -> R:
        new = type(row).model_validate({**row.model_dump(), field: value})
        self.put(new)
        return new

    def prov(self, table: str, rid: str, field: str) -> ProvenanceRow | None:
        return self.find(ProvenanceRow, (table, rid, field))

    def to_rows(self) -> dict[str, list[Row]]:
        return {t: list(rows.values()) for t, rows in self.tables.items() if rows}


def derive_level(rs: RowSet, study: StudyRow) -> None:
    """Set ``evidence_level`` of ``study`` and its provenance (that of the field that decided it)."""
    rid = study.study_id
    match = evidence_level(study)
    level = match.level if match else None
    if study.evidence_level != level:
        study = rs.set_field(study, "evidence_level", level)
    rs.drop(PROV, ("studies", rid, "evidence_level"))
    if match is None:
        return
    basis = rs.prov("studies", rid, match.basis)
    rs.put(ProvenanceRow(
        table_name="studies", row_id=rid, field="evidence_level", source_id=study.source_id,
        char_start=basis.char_start if basis else None, char_end=basis.char_end if basis else None,
        quote=basis.quote if basis else None, rule=f"evidence-level/{match.rule}",
        origin=basis.origin if basis else "extracted", decision_id=basis.decision_id if basis else None,
    ))
