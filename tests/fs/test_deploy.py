"""mpt deploy: compile with mpt's compiler (checked against mpy-cross), copy changes, reset."""

import subprocess
import sys

import pytest

from reference_tools import mpy_cross_binary

MPY_CROSS = mpy_cross_binary()


def mpt(cwd, *args):
    return subprocess.run([sys.executable, "-m", "mpt", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "proj"
    (root / "src" / "lib").mkdir(parents=True)
    (root / "mpt.toml").write_text('[deploy]\nsource = "src"\nexclude = ["*.md"]\n')
    (root / "src" / "main.py").write_text("import lib.util\nprint(lib.util.twice(21))\n")
    (root / "src" / "lib" / "util.py").write_text("def twice(x):\n    return 2 * x\n")
    (root / "src" / "NOTES.md").write_text("not for the board\n")
    return root


@pytest.mark.skipif(MPY_CROSS is None, reason="mpy-cross 1.29 is needed as the reference")
def test_deploy_to_two_boards_compiles_and_skips_unchanged(project, tmp_path):
    flashes = [tmp_path / "f1", tmp_path / "f2"]
    ports = [arg for f in flashes for arg in ("-p", f"emu://rp2?flash={f}")]
    # a stale source module on the first board would shadow the compiled one
    (flashes[0] / "lib").mkdir(parents=True)
    (flashes[0] / "lib" / "util.py").write_text("STALE = True\n")
    result = mpt(project, "deploy", *ports)
    assert result.returncode == 0, result.stderr
    expected = subprocess.run([str(MPY_CROSS), "-s", "lib/util.py", "-o", "/dev/stdout",
                               str(project / "src" / "lib" / "util.py")],
                              capture_output=True).stdout
    for flash in flashes:
        assert sorted(p.relative_to(flash).as_posix() for p in flash.rglob("*")) == [
            "lib", "lib/util.mpy", "main.py"]
        assert (flash / "lib" / "util.mpy").read_bytes() == expected
        assert (flash / "main.py").read_text() == "import lib.util\nprint(lib.util.twice(21))\n"
    assert "deleted" in result.stdout
    again = mpt(project, "deploy", "--no-reset", "-p", f"emu://rp2?flash={flashes[0]}")
    assert again.stdout.strip() == "0 file(s) copied (0 bytes), 0 deleted, 2 unchanged"


def test_deploy_dry_run_changes_nothing(project, tmp_path):
    flash = tmp_path / "f"
    result = mpt(project, "deploy", "--dry-run", "--no-compile", "-p", f"emu://rp2?flash={flash}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["new     :/lib/util.py", "new     :/main.py",
                                          "2 file(s) to copy (73 bytes), 0 to delete, 0 unchanged"]
    assert list(flash.rglob("*.py")) == []
