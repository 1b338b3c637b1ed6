"""`mpt romfs build` writes the image mpremote 1.29's `romfs build` writes, byte for byte:
entries in name order, nested folders, empty files and folders, .py compiled to .mpy (the
path given naming the module) unless a .mpy is beside it, --no-mpy, odd and even sizes,
files big enough for multi-byte lengths."""

import subprocess
import sys
from pathlib import Path

import pytest

MPREMOTE = Path(sys.executable).parent / "mpremote"
needs_mpremote = pytest.mark.skipif(not MPREMOTE.exists(), reason="mpremote not installed")


def mpt(*args, cwd):
    return subprocess.run([sys.executable, "-m", "mpt", "romfs", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def reference(*args, cwd):
    result = subprocess.run([str(MPREMOTE), "romfs", *args], capture_output=True, text=True,
                            cwd=cwd, timeout=120)
    assert result.returncode == 0, result.stderr


def app_tree(root: Path) -> None:
    (root / "lib" / "pkg").mkdir(parents=True)
    (root / "empty_dir").mkdir()
    (root / "main.py").write_text("import helper\nprint(helper.twice(21))\n")
    (root / "helper.py").write_text("def twice(x):\n    return 2 * x\nNAME = 'a long string value'\n")
    (root / "lib" / "pkg" / "__init__.py").write_text("VALUE = 7\n")
    (root / "lib" / "pkg" / "data.bin").write_bytes(bytes(range(256)) * 80)  # 20 KiB
    (root / "empty.txt").write_bytes(b"")
    (root / "README").write_text("not python\n")


def precompiled_tree(root: Path) -> None:
    """A .py with its .mpy beside it: both stored as they are."""
    root.mkdir()
    (root / "a.py").write_text("x = 1\n")
    subprocess.run([sys.executable, "-m", "mpt", "compile", str(root / "a.py")], check=True)
    (root / "b.py").write_text("y = 2\n")
    (root / "z").write_bytes(b"z")


def flat_tree(root: Path) -> None:
    root.mkdir()
    for i, size in enumerate((0, 1, 2, 127, 128, 129, 16383, 16384)):
        (root / f"f{i}.bin").write_bytes(bytes([i]) * size)


TREES = {"app": app_tree, "precompiled": precompiled_tree, "flat": flat_tree}


@needs_mpremote
@pytest.mark.parametrize("tree", sorted(TREES))
@pytest.mark.parametrize("spelling", ["{}", "{}/", "./{}"])
@pytest.mark.parametrize("mpy", ["--mpy", "--no-mpy"])
def test_image_is_mpremotes(tmp_path, tree, spelling, mpy):
    TREES[tree](tmp_path / tree)
    folder = spelling.format(tree)
    reference(mpy, "-o", "ref.romfs", "build", folder, cwd=tmp_path)
    result = mpt("build", mpy, "-o", "mine.romfs", folder, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "mine.romfs").read_bytes() == (tmp_path / "ref.romfs").read_bytes()
    # nothing left behind in the folder (mpremote compiles beside the sources)
    assert not any(p.name.endswith(".mpy") and p.name != "a.mpy"
                   for p in (tmp_path / tree).rglob("*"))


def test_default_output_and_listing(tmp_path):
    app_tree(tmp_path / "app")
    result = mpt("build", "app/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "app.romfs").read_bytes()[:3] == b"\xd2\xcd\x31"
    assert "helper.mpy (compiled from .py)" in result.stderr
    assert "    data.bin" in result.stderr


def test_not_a_folder_is_one_error_line(tmp_path):
    result = mpt("build", "missing", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("mpt: error:") and result.stderr.count("\n") == 1


def test_syntax_error_is_reported(tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "x.py").write_text("def (:\n")
    result = mpt("build", "bad", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Traceback (most recent call last):", '  File "bad/x.py", line 1',
        "SyntaxError: invalid syntax"]
    assert not (tmp_path / "bad.romfs").exists()
