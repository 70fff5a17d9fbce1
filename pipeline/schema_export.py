"""Generate schemas/: JSON Schema of the models and SQL DDL of the DuckDB contract."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import TypeAdapter

from pipeline import CONTRACT_VERSION
from pipeline.models import ArticleFacts
from pipeline.models.rows import TABLES
from pipeline.store.atomic import atomic_write_text
from pipeline.store.views import contract_ddl


def _json(obj: object) -> str:
    return json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """File name -> content, for the current contract version."""
    v = CONTRACT_VERSION
    rows = {m.__table__: m.model_json_schema() for m in TABLES}
    files = {
        f"contract-v{v}.sql": contract_ddl(),
        f"contract-v{v}.rows.schema.json": _json({"title": f"Evidence database rows, contract v{v}",
                                                 "tables": rows}),
        f"facts-v{v}.schema.json": _json(TypeAdapter(ArticleFacts).json_schema()),
    }
    try:
        from pipeline.validate.report import report_json_schema
    except ImportError:
        pass
    else:
        files[f"findings-v{v}.schema.json"] = _json(report_json_schema())
    return files


def export_schemas(out: Path, check: bool = False) -> list[str]:
    """Write (or with ``check``, compare) the files; return the names that were out of date."""
    stale = []
    for name, content in schema_files().items():
        path = out / name
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            stale.append(name)
            if not check:
                atomic_write_text(path, content)
    return stale
