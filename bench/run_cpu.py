"""CPU-bound speed of `mpt run` against CPython on the same source (bench/cpu/*.py).

    python bench/run_cpu.py [--repeat 3] [--cpu-time] [--drop-in] [NAME...]

For each program (or each NAME given, e.g. dicts_sets): best wall time of `mpt run prog.py`
(on the default board, an rp2: single-precision floats) or with --drop-in of
`mpt-micropython prog.py` (the unix port's build: double-precision floats) and of
`python prog.py` (both as subprocesses, so start-up is included), the ratio, and the
geometric mean of the ratios. With --cpu-time the times are the CPU time (user + system) the
subprocess used, which a busy machine disturbs much less than wall time. Outputs are
compared too (a mismatch is reported).
"""

from __future__ import annotations

import argparse
import glob
import math
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def best_time(cmd: list[str], repeat: int, cpu_time: bool = False) -> tuple[float, bytes]:
    best = float("inf")
    out = b""
    for _ in range(repeat):
        clock = _children_cpu if cpu_time else time.perf_counter
        t0 = clock()
        p = subprocess.run(cmd, capture_output=True, check=False)
        best = min(best, clock() - t0)
        out = p.stdout
    return best, out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cpu-time", action="store_true", help="compare CPU time, not wall time")
    ap.add_argument("--drop-in", action="store_true",
                    help="time the mpt-micropython drop-in (the unix build) instead of mpt run")
    ap.add_argument("names", nargs="*", help="programs of bench/cpu to run (default: all)")
    args = ap.parse_args()
    ratios = []
    progs = sorted(glob.glob(os.path.join(HERE, "cpu", "*.py")))
    if args.names:
        wanted = {name[:-3] if name.endswith(".py") else name for name in args.names}
        progs = [p for p in progs if os.path.basename(p)[:-3] in wanted]
        if not progs:
            ap.error(f"no such program in bench/cpu: {' '.join(args.names)}")
    for prog in progs:
        with tempfile.TemporaryDirectory() as flash:
            cmd = [sys.executable, "-m", "mpt.unix_cmdline", prog] if args.drop_in else \
                [sys.executable, "-m", "mpt", "run", "--flash", flash, prog]
            t_mpt, out_mpt = best_time(cmd, args.repeat, args.cpu_time)
        t_py, out_py = best_time([sys.executable, prog], args.repeat, args.cpu_time)
        ratio = t_mpt / t_py
        ratios.append(ratio)
        same = "same output" if out_mpt == out_py else "OUTPUT DIFFERS"
        print(f"{os.path.basename(prog):12s} mpt {t_mpt:6.2f}s  cpython {t_py:6.2f}s  "
              f"ratio {ratio:5.2f}x  {same}")
    geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
    print(f"geometric mean ratio: {geo:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
