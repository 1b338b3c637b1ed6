"""The package layering of mpt, checked by reading every module's imports (ast, nothing runs).

    cli -> transport, fs, firmware -> runtime.board -> runtime.library -> runtime.vm
        -> crosscompile -> mpy -> mpt.errors, floatrepr, intdigits, hostfiles

Function-level imports count as much as module-level ones: a lazy import does not make a
dependency go away, it only hides it. The implicit import of a parent package is not an edge.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "mpt"
REGISTER_CALLS = {"register", "register_lazy", "register_builtin"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, Path]:
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        name = _module_name(path)
        # the frozen packages are guest code (MicroPython source), not host modules
        if not name.startswith("mpt.runtime.library.frozen."):
            found[name] = path
    return found


SOURCES = _sources()
TREES = {name: ast.parse(path.read_text(encoding="utf-8"), str(path))
         for name, path in SOURCES.items()}


def _resolve(module: str, importer: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    if not SOURCES[importer].name == "__init__.py":
        base = base[:-1]
    base = base[:len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(name: str) -> dict[str, int]:
    """The modules ``name`` imports (whatever the nesting), with the line of each."""
    edges: dict[str, int] = {}
    # imports under `if TYPE_CHECKING:` never run: they are no edge of the import graph
    for_types_only = {id(inner) for node in ast.walk(TREES[name])
                      if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                      for statement in node.body for inner in ast.walk(statement)}
    for node in ast.walk(TREES[name]):
        if id(node) in for_types_only:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(node.module or "", name, node)
            # `from package import submodule` imports the submodule
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in SOURCES else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            edges.setdefault(target, node.lineno)
    return edges


GRAPH = {name: {t: line for t, line in imports_of(name).items() if t in SOURCES}
         for name in SOURCES}


def _in(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _violations(importers: str, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{name} (line {line}) imports {target}"
            for name, targets in GRAPH.items() if _in(name, importers)
            for target, line in targets.items()
            if any(_in(target, f) for f in forbidden)]


def test_the_graph_is_read():
    """The checks below would pass on an empty graph: make sure they see real imports."""
    assert "mpt.runtime.vm.objects" in GRAPH["mpt.runtime.vm.interpreter"]
    assert "mpt.runtime.vm.native" in GRAPH["mpt.runtime.library"]
    assert "mpt.runtime.library.files" in GRAPH["mpt.runtime.library.io_mod"]
    assert len(SOURCES) > 150


def _cycles() -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found = []
    counter = 0
    for start in GRAPH:
        if start in index:
            continue
        work = [(start, iter(GRAPH[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(GRAPH[child])))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in GRAPH[node]:
                    found.append(sorted(component))
    return found


def test_no_import_cycle_in_mpt():
    assert _cycles() == []


def test_the_cycle_check_sees_a_cycle():
    assert "mpt.runtime.vm.hashorder" in GRAPH["mpt.runtime.vm.objects"]
    # errors -> objects -> hashorder -> errors
    GRAPH["mpt.errors"]["mpt.runtime.vm.objects"] = 1
    GRAPH["mpt.runtime.vm.hashorder"]["mpt.errors"] = 1
    try:
        assert any("mpt.errors" in c for c in _cycles())
    finally:
        del GRAPH["mpt.errors"]["mpt.runtime.vm.objects"]
        del GRAPH["mpt.runtime.vm.hashorder"]["mpt.errors"]


BASE = ("mpt.errors", "mpt.floatrepr", "mpt.intdigits", "mpt.hostfiles")


def test_mpy_imports_nothing_above_it():
    allowed = ("mpt.mpy",) + BASE
    assert [f"{name} imports {target}" for name, targets in GRAPH.items() if _in(name, "mpt.mpy")
            for target in targets if not any(_in(target, a) for a in allowed)] == []


def test_the_base_modules_import_only_one_another():
    assert [f"{name} imports {target}" for name in BASE for target in GRAPH[name]
            if target not in BASE] == []


@pytest.mark.parametrize("importers, forbidden", [
    ("mpt.runtime.vm", ("mpt.runtime.library", "mpt.runtime.board", "mpt.transport", "mpt.fs",
                        "mpt.firmware", "mpt.cli")),
    ("mpt.runtime.library", ("mpt.runtime.board", "mpt.transport", "mpt.fs", "mpt.firmware",
                             "mpt.cli")),
    ("mpt.runtime.board", ("mpt.transport", "mpt.fs", "mpt.cli")),
    ("mpt.crosscompile", ("mpt.runtime", "mpt.transport", "mpt.fs", "mpt.firmware", "mpt.cli")),
    ("mpt.transport", ("mpt.fs", "mpt.firmware", "mpt.cli")),
    ("mpt.fs", ("mpt.runtime", "mpt.firmware", "mpt.cli")),
    ("mpt.firmware", ("mpt.fs", "mpt.cli")),
])
def test_layers_point_one_way(importers, forbidden):
    assert _violations(importers, forbidden) == []


def _registered_targets(name: str):
    """(line, target prefix) of each module named in a register_*() call of ``name``."""
    for node in ast.walk(TREES[name]):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        func = node.func.id if isinstance(node.func, ast.Name) else \
            node.func.attr if isinstance(node.func, ast.Attribute) else ""
        if func.lstrip("_") not in REGISTER_CALLS:
            continue
        arg = node.args[1]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            text = arg.value
        elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
            text = arg.values[0].value  # the literal head of an f-string
        else:
            continue
        yield node.lineno, text.split(":")[0].rstrip(".")


LAYERS = ("mpt.runtime.vm", "mpt.runtime.library", "mpt.runtime.board")


def test_modules_are_registered_by_their_own_layer_or_above():
    """A module registered by name is still a dependency: the VM must not name the library."""
    def rank(module):
        return max((i for i, layer in enumerate(LAYERS) if _in(module, layer)), default=-1)

    found, wrong = 0, []
    for name in GRAPH:
        for line, target in _registered_targets(name):
            found += 1
            if rank(target) > rank(name):
                wrong.append(f"{name} (line {line}) registers {target}")
    assert found >= 5
    assert wrong == []


def test_only_the_cli_imports_click():
    assert [f"{name} (line {line})" for name in SOURCES if not _in(name, "mpt.cli")
            for target, line in imports_of(name).items() if _in(target, "click")] == []


def _loaded_after(module: str) -> list[str]:
    """The library and board modules a fresh process has loaded after importing ``module``."""
    probe = (f"import sys, {module}; print(sorted(m for m in sys.modules "
             "if m.startswith(('mpt.runtime.library', 'mpt.runtime.board'))))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          cwd=ROOT.parent, check=True)
    return ast.literal_eval(proc.stdout)


def test_importing_the_vm_loads_neither_the_library_nor_the_board():
    """The static checks above miss imports by name (importlib); a fresh process does not."""
    assert _loaded_after("mpt.runtime.vm.interpreter") == []
    assert "mpt.runtime.library" in _loaded_after("mpt.runtime.board")  # the probe sees them
