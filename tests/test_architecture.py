"""The dependency direction the code keeps (docs/architecture.md), checked on the imports of every
module of pipeline/ (parsed with ast, function-level imports included)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pipeline"

# Bottom to top: a module may import its own layer and the layers below, never one above.
LAYERS: list[tuple[str, set[str]]] = [
    ("definitions, data and text", {"pipeline", "pipeline.errors", "pipeline.settings", "pipeline.models", "pipeline.words",
                                    "pipeline.text", "pipeline.vocab"}),
    ("stages", {"pipeline.ingest", "pipeline.extract", "pipeline.validate", "pipeline.curate"}),
    ("store", {"pipeline.store"}),
    ("orchestration and outputs", {"pipeline.runner", "pipeline.cache", "pipeline.parallel", "pipeline.process",
                                   "pipeline.curation", "pipeline.report", "pipeline.schema_export",
                                   "pipeline.lint", "pipeline.browse"}),
    ("commands", {"pipeline.commands"}),
    ("cli", {"pipeline.cli", "pipeline.__main__"}),
]


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = modules()


def imports_of(path: Path) -> set[str]:
    """The pipeline modules ``path`` imports (``from pipeline import vocab`` is ``pipeline.vocab``)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.split(".")[0] == "pipeline"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "pipeline":
            assert node.level == 0, f"{path}: use absolute imports"
            for a in node.names:
                full = f"{node.module}.{a.name}"
                out.add(full if full in MODULES else node.module)
    return out


GRAPH = {m: imports_of(p) - {m} for m, p in MODULES.items()}


def layer_of(module: str) -> int:
    best = max(((len(prefix), i) for i, (_, prefixes) in enumerate(LAYERS) for prefix in prefixes
                if module == prefix or module.startswith(prefix + ".")), default=None)
    assert best is not None, f"{module}: place it in a layer of tests/test_architecture.py and docs/architecture.md"
    return best[1]


def test_every_module_has_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_import_points_up():
    upward = [f"{m} ({LAYERS[layer_of(m)][0]}) imports {t} ({LAYERS[layer_of(t)][0]})"
              for m, targets in GRAPH.items() for t in sorted(targets) if layer_of(t) > layer_of(m)]
    assert not upward, "imports against the layering:\n" + "\n".join(upward)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circle_between_modules():
    assert not _cycles(GRAPH)


def test_no_import_circle_between_packages():
    def package(m: str) -> str:
        return ".".join(m.split(".")[:2])
    graph: dict[str, set[str]] = {}
    for m, targets in GRAPH.items():
        graph.setdefault(package(m), set()).update(package(t) for t in targets if package(t) != package(m))
    assert not _cycles(graph)


def test_the_checker_sees_a_circle_and_an_upward_import():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert layer_of("pipeline.store.queries") > layer_of("pipeline.curate.apply")


def test_only_store_opens_duckdb_and_only_the_atomic_writer_makes_temp_files():
    where = {r"duckdb\.connect\(": {"pipeline/store/connect.py"},
             r"\b(mkstemp|mkdtemp|NamedTemporaryFile|TemporaryDirectory)\(": {"pipeline/store/atomic.py"}}
    for pattern, allowed in where.items():
        found = {p.relative_to(ROOT).as_posix() for p in MODULES.values()
                 if re.search(pattern, p.read_text(encoding="utf-8"))}
        assert found <= allowed, (pattern, found - allowed)


_CONTRACT_SQL = re.compile(r"\b(FROM|INTO|UPDATE|TABLE)\s+\"?(" + "|".join(
    ["schema_info", "sources", "studies", "study_conditions", "interventions", "doses", "results",
     "adverse_events", "flags", "provenance"]) + r")\b", re.I)


def is_contract_sql(text: str) -> bool:
    return bool(_CONTRACT_SQL.search(text) and re.search(r"\b(SELECT|INSERT|DELETE|UPDATE|CREATE)\b", text))


def test_sql_against_contract_tables_only_in_store():
    assert is_contract_sql("SELECT * FROM flags WHERE status = 'open'")
    assert is_contract_sql('DELETE FROM "doses" WHERE x') and not is_contract_sql("Select the flags from a list")
    offenders = []
    for module, path in MODULES.items():
        if module.startswith("pipeline.store."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and is_contract_sql(node.value):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders
