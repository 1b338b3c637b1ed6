"""The type gate passes (mypy on all of mpt/ but the compiler: the .mpy layer strictly, the board
file-system tools and the VM core also in unannotated functions, the rest with mypy's default
checks; see pyproject.toml), and the .mpy
layer's leaf dependencies import nothing from mpt (the layering and the absence of import cycles
are checked for the whole package in tests/test_layering.py)."""

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


def test_mpy_imports_nothing_from_the_compiler_or_the_vm():
    for path in (MPT / "mpy").glob("*.py"):
        for name in _mpt_imports(path, module_level_only=False):
            allowed = ALLOWED_OUTSIDE | {"mpt.mpy"}
            assert name == "mpt" or any(name == a or name.startswith(a + ".") for a in allowed), (
                f"{path.name} imports {name}")
    for name in ALLOWED_OUTSIDE:
        leaf = MPT / (name.split(".", 1)[1] + ".py")
        assert _mpt_imports(leaf, module_level_only=False) == set(), name


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_mpy_package_passes_mypy(tmp_path):
    # the settings ([tool.mypy] in pyproject.toml) select mpt/mpy and strict mode
    proc = subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
