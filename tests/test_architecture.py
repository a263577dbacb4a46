"""The package's shape: no import cycles (``TYPE_CHECKING`` imports included), small modules,
layers that import only downwards, ``asgi/`` importing only the standard library and anyio,
and a module map (docs/architecture.md) that names every module."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "drf_mcp_docs"
ARCHITECTURE = PACKAGE.parent / "docs" / "architecture.md"
MAX_LINES = 400

#: The leaves: imported from every layer, importing no other part of the package.
LEAVES = {"text", "suggestions", "threads", "forksafe", "version", "conf"}
#: The layers, each with the parts of the package it may import (besides itself and the
#: leaves). The Django app shell (the package's ``__init__``, apps, checks, urls,
#: management) sits on top and may import anything.
LAYERS: dict[str, set[str]] = {
    "asgi": set(),
    "sdk": {"asgi"},
    "schema": set(),
    "codegen": {"schema"},
    "history": {"schema", "models"},
    "server": {"sdk", "asgi", "schema", "codegen", "history"},
    "endpoint": {"server", "sdk", "asgi", "schema"},
}
#: Known exceptions, each with its reason. ``conf`` validates the snippet settings against
#: the table of languages, a data-only leaf of ``codegen``.
ALLOWED_EDGES = {("drf_mcp_docs.conf", "drf_mcp_docs.codegen.languages")}

#: Known cycles, each with the change that removes it. Keep this empty.
#: None: every import cycle fails the test.
ALLOWED_CYCLES: set[frozenset[str]] = set()


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path, known: set[str]) -> set[str]:
    """The package modules ``path`` imports anywhere: top level, functions, TYPE_CHECKING."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # ``from pkg import mod`` imports the module pkg.mod when there is one
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        found.update(t for t in targets if t in known)
    found.discard(name)
    return found


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imported(name, path, known) for name, path in found.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected component with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def test_the_import_graph_is_read_from_the_source() -> None:
    graph = import_graph()
    assert "drf_mcp_docs.asgi.types" in graph["drf_mcp_docs.asgi.middleware"]
    # a TYPE_CHECKING import counts
    assert "drf_mcp_docs.asgi.hosts" in graph["drf_mcp_docs.asgi.middleware"]
    # an import inside a function counts
    assert "drf_mcp_docs.server" in graph["drf_mcp_docs.endpoint.mount"]


def test_cycles_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles() -> None:
    found = [c for c in cycles(import_graph()) if frozenset(c) not in ALLOWED_CYCLES]
    assert found == [], f"import cycles: {found}"


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_size(name: str) -> None:
    lines = len(modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it (at most {MAX_LINES})"


def test_types_is_a_leaf() -> None:
    assert import_graph()["drf_mcp_docs.asgi.types"] == set()


@pytest.mark.parametrize("name", sorted(n for n in modules() if n.startswith("drf_mcp_docs.asgi")))
def test_asgi_imports_only_the_standard_library_and_anyio(name: str) -> None:
    """Module level imports only: hosts.py imports Django when a policy is built."""
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    outside: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            roots = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            roots = [(node.module or "").split(".")[0]]
        else:
            continue
        outside += [
            r
            for r in roots
            if r not in sys.stdlib_module_names and r not in ("anyio", "drf_mcp_docs")
        ]
    assert outside == []


def test_importing_the_settings_loads_only_what_they_need() -> None:
    import subprocess

    code = (
        "import sys; import drf_mcp_docs.conf; "
        "print(sorted(m for m in sys.modules if m.startswith('drf_mcp_docs')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=str(PACKAGE.parent),
        env={"DJANGO_SETTINGS_MODULE": "example_project.settings", "PYTHONPATH": "example:."},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == str(
        [
            "drf_mcp_docs",
            "drf_mcp_docs.codegen",
            "drf_mcp_docs.codegen.languages",
            "drf_mcp_docs.conf",
            "drf_mcp_docs.suggestions",
            "drf_mcp_docs.text",
            "drf_mcp_docs.version",
        ]
    )


def part(name: str) -> str:
    """The layer (first package level) of a module: ``asgi``, ``server``, a leaf's name..."""
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for name, targets in sorted(graph.items()):
        source = part(name)
        for target in sorted(targets):
            kind = part(target)
            if kind == source or kind in LEAVES or (name, target) in ALLOWED_EDGES:
                continue
            if source in LEAVES:
                found.append(f"{name} -> {target} (a leaf imports nothing of the package)")
            elif source in LAYERS and kind not in LAYERS[source]:
                found.append(f"{name} -> {target} ({source} may import {sorted(LAYERS[source])})")
    return found


def test_layers_import_only_downwards() -> None:
    """asgi imports nothing of the package above it, sdk nothing of server or endpoint,
    server nothing of endpoint; see LAYERS."""
    assert upward_imports(import_graph()) == []


def test_an_upward_import_is_found() -> None:
    graph = {
        "drf_mcp_docs.asgi.middleware": {"drf_mcp_docs.sdk", "drf_mcp_docs.text"},
        "drf_mcp_docs.sdk": {"drf_mcp_docs.server.tools"},
        "drf_mcp_docs.server.tools": {"drf_mcp_docs.endpoint.auth", "drf_mcp_docs.schema"},
        "drf_mcp_docs.text": {"drf_mcp_docs.conf"},
        "drf_mcp_docs.conf": {"drf_mcp_docs.codegen.languages"},
        "drf_mcp_docs.urls": {"drf_mcp_docs.endpoint.mount"},
    }
    assert upward_imports(graph) == [
        "drf_mcp_docs.asgi.middleware -> drf_mcp_docs.sdk (asgi may import [])",
        "drf_mcp_docs.sdk -> drf_mcp_docs.server.tools (sdk may import ['asgi'])",
        "drf_mcp_docs.server.tools -> drf_mcp_docs.endpoint.auth "
        "(server may import ['asgi', 'codegen', 'history', 'schema', 'sdk'])",
    ]


def mapped_modules(text: str) -> set[str]:
    """The files the module map (the first code block under "## Module map") names.

    The map is a tree: ``name/`` opens a folder, indented lines are its entries, and each
    ``name.py`` line names a module, its description after it.
    """
    block = text.split("## Module map", 1)[1].split("```", 2)[1]
    found: set[str] = set()
    folders: list[tuple[int, str]] = []
    for line in block.splitlines():
        match = re.match(r"^( *)(\S+?)(\s|$)", line)
        if match is None:
            continue
        indent, entry = len(match[1]), match[2]
        while folders and folders[-1][0] >= indent:
            folders.pop()
        if entry.endswith("/"):
            folders.append((indent, entry.rstrip("/")))
        elif entry.endswith(".py"):
            found.add("/".join([*(f for _, f in folders), entry]))
    return found


def test_the_map_names_every_module_and_nothing_else() -> None:
    actual = {str(path.relative_to(PACKAGE.parent)) for path in PACKAGE.rglob("*.py")} - {
        f"{PACKAGE.name}/management/__init__.py",
        f"{PACKAGE.name}/management/commands/__init__.py",
    }
    mapped = mapped_modules(ARCHITECTURE.read_text(encoding="utf-8"))
    assert sorted(actual - mapped) == [], "modules missing from docs/architecture.md's map"
    assert sorted(mapped - actual) == [], "docs/architecture.md's map names missing modules"


def test_the_map_reader_follows_folders() -> None:
    text = "## Module map\n\n```\npkg/\n  a.py  x\n  sub/  y\n    b.py\n  c.py\nz.py\n```\n"
    assert mapped_modules(text) == {"pkg/a.py", "pkg/sub/b.py", "pkg/c.py", "z.py"}


def test_the_top_level_holds_the_app_shell_and_the_leaves_only() -> None:
    """At most 10 modules at the package's top level: the rest lives in its layer's folder."""
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 10, f"{len(top)} top-level modules: {top}"
