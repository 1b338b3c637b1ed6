"""Run MicroPython's tests/basics/*.py under `mpt run` and under real MicroPython (wasm build);
report the fraction whose output matches.

    python bench/basics_conformance.py [--ref MICROPYTHON_SRC] [--jobs 2] [-v] [PATTERN]

The MicroPython test files are read from a MicroPython 1.29 source checkout (--ref, else
$MPT_MICROPYTHON_SRC) and never copied; real MicroPython is the webassembly build the README's
test command installs (or $MPT_MICROPYTHON_WASM). Expected
outputs come from the wasm build, which names the file `<stdin>` in tracebacks and prints
uncaught tracebacks on stdout; both outputs are normalised for that before comparing
(stdout + stderr, file name replaced). Tests the wasm build itself cannot run (it prints
SKIP or crashes) are excluded from the count.
"""

from __future__ import annotations

import argparse
import concurrent.futures as futures
import fnmatch
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from reference_tools import script_references  # noqa: E402

PROG = "basics_conformance.py"
NODE_MP = ""  # micropython.mjs, set by main()
TIMEOUT = 20


def run_ref(path: str) -> str | None:
    try:
        p = subprocess.run(["node", NODE_MP, path], capture_output=True, timeout=TIMEOUT,
                           cwd=os.path.dirname(path))
    except subprocess.TimeoutExpired:
        return None
    return p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")


def run_mpt(path: str) -> str:
    try:
        with tempfile.TemporaryDirectory() as flash:
            p = subprocess.run([sys.executable, "-m", "mpt", "run", "--flash", flash,
                                os.path.basename(path)],
                               capture_output=True, timeout=TIMEOUT, cwd=os.path.dirname(path))
    except subprocess.TimeoutExpired:
        return "TIMEOUT"
    return p.stdout.decode("utf-8", "replace") + p.stderr.decode("utf-8", "replace")


def normalise(text: str, name: str) -> str:
    text = text.replace('File "<stdin>"', f'File "{name}"')
    text = re.sub(r"0x[0-9a-f]+", "0xADDR", text)
    return text.rstrip("\n")


def one(path: str):
    name = os.path.basename(path)
    ref = run_ref(path)
    if ref is None or ref.strip() == "SKIP" or "Aborted" in ref:
        return name, "skip", ""
    got = run_mpt(path)
    ok = normalise(ref, name) == normalise(got, name)
    return name, "pass" if ok else "fail", got if not ok else ""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ref", default=None,
                    help="MicroPython 1.29 source checkout (default: $MPT_MICROPYTHON_SRC)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--suite", default="basics",
                    help="folder under tests/ of the reference checkout (default: basics)")
    ap.add_argument("pattern", nargs="?", default="*.py")
    args = ap.parse_args()
    global NODE_MP
    if args.ref:
        os.environ["MPT_MICROPYTHON_SRC"] = args.ref
    refs = script_references(PROG, "micropython-source", "micropython-wasm")
    NODE_MP = str(refs["micropython-wasm"] / "micropython.mjs")
    folder = os.path.join(refs["micropython-source"], "tests", args.suite)
    if not os.path.isdir(folder):
        sys.exit(f"{PROG}: error: no tests/{args.suite} folder in {refs['micropython-source']}")
    paths = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                   if fnmatch.fnmatch(f, args.pattern) and f.endswith(".py"))
    start = time.time()
    results = []
    with futures.ThreadPoolExecutor(args.jobs) as pool:
        for name, status, got in pool.map(one, paths):
            results.append((name, status))
            if args.verbose and status == "fail":
                print(f"FAIL {name}")
    passed = sum(1 for _, s in results if s == "pass")
    failed = [n for n, s in results if s == "fail"]
    skipped = sum(1 for _, s in results if s == "skip")
    counted = passed + len(failed)
    print(f"{args.suite} conformance: {passed}/{counted} match "
          f"({100.0 * passed / max(counted, 1):.1f}%), {skipped} skipped by the reference, "
          f"{time.time() - start:.0f}s")
    if args.verbose:
        print("failing:", " ".join(failed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
