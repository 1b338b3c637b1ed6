"""The .mpy layer sits below the compiler and the VM: it imports neither, and type-checks."""

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
MPT = REPO / "mpt"
# what mpt.mpy may import from mpt besides itself: leaf modules with no mpt imports of their own
ALLOWED_OUTSIDE = {"mpt.errors", "mpt.floatrepr", "mpt.intdigits"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _mpt_imports(path: Path, module_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if module_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "mpt" or name.startswith("mpt.")}


def _sources():
    return [p for p in MPT.rglob("*.py") if "frozen" not in p.parts and "guest" not in p.parts]


def test_mpy_imports_nothing_from_the_compiler_or_the_vm():
    for path in (MPT / "mpy").glob("*.py"):
        for name in _mpt_imports(path, module_level_only=False):
            allowed = ALLOWED_OUTSIDE | {"mpt.mpy"}
            assert name == "mpt" or any(name == a or name.startswith(a + ".") for a in allowed), (
                f"{path.name} imports {name}")
    for name in ALLOWED_OUTSIDE:
        leaf = MPT / (name.split(".", 1)[1] + ".py")
        assert _mpt_imports(leaf, module_level_only=False) == set(), name


def test_no_import_cycle_between_mpt_modules():
    modules = {_module_name(p): p for p in _sources()}
    graph = {name: {m for m in _mpt_imports(path, module_level_only=True) if m in modules}
             for name, path in modules.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for dep in sorted(graph[name]):
            if state.get(dep) == 1:
                cycle = path[path.index(dep):] + [dep]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep, path + [dep])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_mpy_package_passes_mypy(tmp_path):
    # the settings ([tool.mypy] in pyproject.toml) select mpt/mpy and strict mode
    proc = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
