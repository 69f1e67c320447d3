"""The packages' imports point one way: a new cycle between two packages of studyapp fails here, wherever the
import stands (module level or inside a function)."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "studyapp"


def _unit(parts: tuple[str, ...]) -> str:
    """A package of studyapp (store, content, ...) or a top-level module (cli, paths, ...)."""
    return parts[1] if len(parts) > 1 else "studyapp"


def package_graph() -> dict[str, dict[str, str]]:
    """unit -> {unit it imports: one file that does}."""
    graph: dict[str, dict[str, str]] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("studyapp",) + path.relative_to(PACKAGE).with_suffix("").parts
        source = _unit(parts[:2] if len(parts) > 2 else parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module + "." + a.name if node.module == "studyapp" else node.module for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            for name in names:
                target = tuple(name.split("."))
                if target[0] == "studyapp" and len(target) > 1 and _unit(target) != source:
                    graph.setdefault(source, {}).setdefault(_unit(target), str(path.relative_to(PACKAGE.parent)))
    return graph


def cycles(graph: dict[str, dict[str, str]]) -> list[list[str]]:
    """Every strongly connected group of more than one unit (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_packages():
    graph = package_graph()
    found = cycles(graph)
    detail = [{a: {b: graph[a][b] for b in group if b in graph.get(a, {})} for a in group} for group in found]
    assert not found, f"import cycles between packages: {detail}"


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b": "x"}, "b": {"c": "y"}, "c": {"a": "z"}, "d": {"a": "w"}}) == [["a", "b", "c"]]


def test_the_layers_below_the_gui_do_not_import_qt():
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            modules = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                       else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            assert not any(m.startswith("PySide6") for m in modules), path
