"""The README's set-up is what CI runs, and the repository names no path of one machine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))
import run_tests  # noqa: E402


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in setup.splitlines() if line.startswith("    python3 -m venv")]


def test_ci_runs_exactly_the_readme_test_command():
    commands = readme_commands()
    assert len(commands) == 2
    assert "mpt run examples/" in commands[0]
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci_lines[-1] == commands[1]


def repository_files() -> list[Path]:
    try:
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True,
                                check=True).stdout.decode().split("\0")
        return [REPO / name for name in listed if name]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: walk it
        return [Path(root, name) for root, dirs, names in os.walk(REPO)
                for name in names if not any(part.startswith(".") or part.endswith("egg-info")
                                             or part == "__pycache__"
                                             for part in Path(root).relative_to(REPO).parts)]


def test_no_path_of_a_developer_machine_in_the_repository():
    pattern = re.compile("(?<![\\w.])/(" + "|".join(["work", "tmp", "root", "home"]) + ")/")
    found = []
    for path in repository_files():
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for number, line in enumerate(text.splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_run_tests_covers_the_supported_versions():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    lowest = re.search(r'requires-python = ">=(\d+\.\d+)"', pyproject).group(1)
    assert run_tests.SUPPORTED[0] == lowest
    assert "%d.%d" % sys.version_info[:2] in run_tests.SUPPORTED


def test_reference_modules_include_every_comparing_suite():
    modules = run_tests.reference_modules()
    for expected in ("tests/runtime/test_programs.py", "tests/crosscompile/test_differential.py",
                     "tests/crosscompile/test_compiler_fuzz.py", "tests/fs/test_fs_ops.py",
                     "tests/transport/test_rawrepl_real.py"):
        assert expected in modules
    assert "tests/firmware/test_chips.py" not in modules
