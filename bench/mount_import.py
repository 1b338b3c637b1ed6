"""Importing a project over a mount: `mpt mount` vs `mpremote mount` (1.29), same board.

Builds a project of N modules (default 50, each a few functions and constants, ~1.5 KB, the
first imports all the others), serves one emulated board with `mpt emulate --tcp 0`, and for
each tool mounts the project and imports it. The board itself times the import
(time.ticks_ms around `import main`, so tool start-up and mount set-up are left out); the
wall time of the whole command is shown too. Each tool runs `--rounds` times (fresh import
each time: the modules are removed from sys.modules first); the best round counts.

    python bench/mount_import.py [--modules 50] [--rounds 3]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def build_project(folder: Path, modules: int) -> None:
    for index in range(modules):
        body = [f'"""Module {index} of the benchmark project."""', f"NUMBER = {index}",
                f"NAME = 'module_{index}'", "TABLE = {"]
        body += [f"    'key_{k}': {k * index}," for k in range(20)]
        body += ["}", ""]
        for f in range(6):
            body += [f"def function_{f}(x, y={f}):",
                     f"    '''Function {f}: a little arithmetic on its arguments.'''",
                     f"    total = x * {f + 1} + y",
                     "    for i in range(3):",
                     "        total += i * NUMBER",
                     "    return total", ""]
        body += ["class Thing:", "    def __init__(self, value):", "        self.value = value",
                 "    def twice(self):", "        return 2 * self.value", ""]
        (folder / f"mod_{index:02d}.py").write_text("\n".join(body) + "\n")
    imports = "\n".join(f"import mod_{i:02d}" for i in range(modules))
    (folder / "main.py").write_text(
        imports + f"\nTOTAL = sum(mod_{modules - 1:02d}.function_1(i) for i in range(3))\n")


def timed_import_code(modules: int) -> str:
    names = ["main"] + [f"mod_{i:02d}" for i in range(modules)]
    return ("import sys, time\n"
            f"for _n in {names!r}:\n"
            "    sys.modules.pop(_n, None)\n"
            "_t = time.ticks_ms()\n"
            "import main\n"
            "print('IMPORT_MS', time.ticks_diff(time.ticks_ms(), _t))\n")


def run_tool(command: list[str]) -> tuple[int, float]:
    start = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    wall = time.monotonic() - start
    match = re.search(r"IMPORT_MS (\d+)", result.stdout)
    if result.returncode != 0 or not match:
        raise SystemExit(f"{command[0]} failed ({result.returncode}):\n{result.stdout}\n"
                         f"{result.stderr}")
    return int(match.group(1)), wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        build_project(project, args.modules)
        server = subprocess.Popen(
            [str(BIN / "mpt"), "emulate", "--tcp", "0", "--flash", str(Path(tmp) / "flash")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            url = server.stdout.readline().strip()
            code = timed_import_code(args.modules)
            tools = {
                "mpremote mount": [str(BIN / "mpremote"), "connect", url, "mount", str(project),
                                   "exec", code],
                "mpt mount": [str(BIN / "mpt"), "-p", url, "mount", str(project), "+", "exec",
                              code],
            }
            best = {}
            for name, command in tools.items():
                rounds = [run_tool(command) for _ in range(args.rounds)]
                best[name] = min(rounds)
                print(f"{name:15} import {best[name][0]:6d} ms on the board (best of "
                      f"{args.rounds}; rounds: {', '.join(str(r[0]) for r in rounds)}), "
                      f"command {best[name][1]:.2f} s", flush=True)
            ratio = best["mpremote mount"][0] / max(1, best["mpt mount"][0])
            print(f"importing {args.modules} modules: mpt mount is {ratio:.1f}x faster")
        finally:
            server.stdin.close()  # `mpt emulate` stops when its stdin pipe closes
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
