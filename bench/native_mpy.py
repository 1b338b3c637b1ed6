"""Speed of a .mpy file's native and viper machine code on the emulated rp2 (Thumb core).

    python bench/native_mpy.py [--n 18]

Compiles one program with mpt's compiler for armv6m (machine code byte-identical to mpy-cross's)
twice: as bytecode, and with every function native machine code (-X emit=native); both have
a viper loop. Imports each on a fresh emulated rp2 and prints this process's CPU time for a
recursive fib(--n) (calls, int operators, globals through mp_fun_table) and for the viper loop
summing a bytearray (machine words and pointer loads only, no runtime calls), each beyond
the time of a run that does neither.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time

PROGRAM = """
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

@micropython.viper
def total(buf: ptr8, n: int) -> int:
    s = 0
    for i in range(n):
        s += buf[i]
    return s

print("fib", fib(FIB_N))
data = bytearray(range(256)) * SUM_K
print("viper sum", total(data, len(data)))
"""


def run(fib_n: int, sum_k: int, emit: str) -> tuple[str, float]:
    """The program's output and this process's CPU time for the run (board start included)."""
    from mpt.crosscompile.api import compile_source
    from mpt.runtime.board.run import run_on_board
    from mpt.runtime.board.setup import BoardOptions
    with tempfile.TemporaryDirectory() as tmp:
        flash = os.path.join(tmp, "flash")
        os.mkdir(flash)
        source = PROGRAM.replace("FIB_N", str(fib_n)).replace("SUM_K", str(sum_k))
        with open(os.path.join(flash, "prog.mpy"), "wb") as f:
            f.write(compile_source(source, "prog.py", march="armv6m", emit=emit))
        main = os.path.join(tmp, "main.py")
        with open(main, "w") as f:
            f.write("import prog\n")
        out: list[str] = []
        start = time.process_time()
        run_on_board(main, ["main.py"], BoardOptions(board="rp2", flash=flash),
                     stdout=out.append, stderr=out.append)
        return "".join(out), time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=18)
    parser.add_argument("--k", type=int, default=40, help="the viper loop sums 256*K bytes")
    args = parser.parse_args()
    calls = 2 * fib(args.n + 1) - 1
    for label, emit in (("bytecode", "bytecode"), ("native (-X emit=native)", "native")):
        run(1, 0, emit)  # (warm: imports of the first run)
        base_out, base = run(1, 0, emit)
        out, cpu = run(args.n, args.k, emit)
        print(f"== {label}: {out.strip()!r}")
        print(f"   fib({args.n}) ({calls} calls) + viper sum of {256 * args.k} bytes: "
              f"{cpu - base:.3f} s of CPU time beyond an empty run ({base:.3f} s)")
        _, fib_only = run(args.n, 0, emit)
        print(f"   of which fib: {fib_only - base:.3f} s ({(fib_only - base) / calls * 1e6:.0f} "
              f"us a call), viper loop: {cpu - fib_only:.3f} s "
              f"({(cpu - fib_only) / (256 * args.k) * 1e6:.1f} us an iteration)")


def fib(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


if __name__ == "__main__":
    main()
