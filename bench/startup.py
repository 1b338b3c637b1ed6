"""Start-up cost of `mpt compile FILE` and `mpt run FILE` against `python -c pass`.

    python bench/startup.py [--runs 20] [--python PATH]

Each command runs --runs times in a loop as a subprocess; the figure is the CPU time
(user + system, from the children's rusage) per run, so that other load on the machine
inflates it less than wall time would.  The baseline is the same interpreter running
`-c pass` (same site-packages, same .pth files), so the ratio is what mpt adds.
Bytecode caches are written first, into a scratch PYTHONPYCACHEPREFIX (so that even with
PYTHONDONTWRITEBYTECODE set in the environment nothing is written into the source tree), and
every command runs once before timing: the figures are for the normal, warm case.  Also
prints how many modules each command imports (`python -X importtime`).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile

HELLO = 'print("hello")\n'


def cpu_per_run(cmd: list[str], runs: int, env: dict[str, str], cwd: str) -> float:
    """Mean CPU seconds (user + sys) per run of cmd."""
    subprocess.run(cmd, env=env, cwd=cwd, check=True, capture_output=True)  # warm caches
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    for _ in range(runs):
        subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used / runs


def modules_imported(python: str, args: list[str], env: dict[str, str], cwd: str) -> int:
    """How many modules `python -X importtime args` imports (one line each on stderr)."""
    p = subprocess.run([python, "-X", "importtime", *args], env=env, cwd=cwd,
                       capture_output=True, text=True, check=True)
    return sum(1 for line in p.stderr.splitlines() if line.startswith("import time:") and "|" in line) - 1


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--python", default=sys.executable, help="interpreter with mpt installed")
    args = ap.parse_args()
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # (run from a scratch folder: `python -m mpt` would import an mpt in the current folder)
    with tempfile.TemporaryDirectory() as tmp:
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tmp, "pycache")
        hello = os.path.join(tmp, "hello.py")
        with open(hello, "w") as f:
            f.write(HELLO)
        out = os.path.join(tmp, "hello.mpy")
        cases = {
            "python -c pass": ["-c", "pass"],
            "mpt compile hello.py": ["-m", "mpt", "compile", hello, "-o", out],
            "mpt run hello.py": ["-m", "mpt", "run", hello],
        }
        script = shutil.which("mpt", path=os.path.dirname(os.path.abspath(args.python)))
        base = None
        for name, rest in cases.items():
            # `mpt ...` through its console script when installed next to the interpreter
            cmd = [script, *rest[2:]] if script and rest[:2] == ["-m", "mpt"] else [args.python, *rest]
            cpu = cpu_per_run(cmd, args.runs, env, tmp)
            mods = modules_imported(args.python, rest, env, tmp)
            if base is None:
                base = cpu
            print(f"{name:22s} {cpu * 1000:7.1f} ms CPU/run  {cpu / base:5.2f}x  {mods:4d} modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
