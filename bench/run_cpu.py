"""CPU-bound speed of `mpt run` against CPython on the same source (bench/cpu/*.py).

    python bench/run_cpu.py [--repeat 3]

For each program: best wall time of `mpt run prog.py` and of `python prog.py` (both as
subprocesses, so start-up is included), the ratio, and the geometric mean of the ratios.
Outputs are compared too (a mismatch is reported).
"""

from __future__ import annotations

import argparse
import glob
import math
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def best_time(cmd: list[str], repeat: int) -> tuple[float, bytes]:
    best = float("inf")
    out = b""
    for _ in range(repeat):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, check=False)
        best = min(best, time.perf_counter() - t0)
        out = p.stdout
    return best, out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    ratios = []
    for prog in sorted(glob.glob(os.path.join(HERE, "cpu", "*.py"))):
        with tempfile.TemporaryDirectory() as flash:
            t_mpt, out_mpt = best_time([sys.executable, "-m", "mpt", "run", "--flash", flash,
                                        prog], args.repeat)
        t_py, out_py = best_time([sys.executable, prog], args.repeat)
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
