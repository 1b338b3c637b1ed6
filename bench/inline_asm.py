"""Speed of the emulated Thumb core that runs @micropython.asm_thumb functions.

    python bench/inline_asm.py [--iterations 200000] [--calls 20000]

Assembles two functions with mpt's inline assembler for the pyboard's core (armv7emsp): a
3-instruction loop run --iterations times (instructions a second, CPU time of this process)
and a one-instruction function called --calls times (time per call, set-up included). When
the `unicorn` package is importable (it is not a dependency: `pip install unicorn` to compare)
the same machine code runs on its Cortex-M4 model too, with its import time and call set-up.
"""

from __future__ import annotations

import argparse
import time

LOOP = """
@micropython.asm_thumb
def count(r0):
    mov(r1, 0)
    label(loop)
    add(r1, r1, 3)
    sub(r0, 1)
    bne(loop)
    mov(r0, r1)

@micropython.asm_thumb
def add(r0, r1):
    add(r0, r0, r1)
"""


def machine_code() -> tuple[bytes, bytes]:
    from mpt.crosscompile.api import compile_to_module
    module = compile_to_module(LOOP, "bench.py", march="armv7emsp")
    loop, one = (bytes(rc.fun_data) for rc in module.root.children)
    return loop, one


def bench_mpt(loop: bytes, one: bytes, iterations: int, calls: int) -> None:
    from mpt.runtime.vm.thumb_cpu import ThumbCpu
    from mpt.runtime.vm.viper import Memory
    memory = Memory(32, {})
    cpus = []
    for code in (loop, one):
        cpu = ThumbCpu(memory, armv7m=True, fpu=True)
        cpu.load_code(code, memory.address_of(code))
        cpus.append(cpu)
    start = time.process_time()
    assert cpus[0].call(cpus[0].code_base, [iterations]) == 3 * iterations
    loop_s = time.process_time() - start
    start = time.process_time()
    for i in range(calls):
        cpus[1].call(cpus[1].code_base, [i, 1])
    call_s = time.process_time() - start
    print(f"mpt: {3 * iterations / loop_s / 1e6:.2f} million instructions/s, "
          f"{call_s / calls * 1e6:.1f} us a call")


def bench_unicorn(loop: bytes, one: bytes, iterations: int, calls: int) -> None:
    start = time.perf_counter()
    try:
        import unicorn
        from unicorn import arm_const
    except ImportError:
        print("unicorn: not installed")
        return
    import_s = time.perf_counter() - start
    base, stack, exit_address = 0x20000000, 0x20008000, 0x20009000

    def machine(code: bytes):
        uc = unicorn.Uc(unicorn.UC_ARCH_ARM, unicorn.UC_MODE_THUMB | unicorn.UC_MODE_MCLASS)
        uc.mem_map(base, 0x10000)
        uc.mem_write(base, code)
        return uc

    def call(uc, args: list[int]) -> int:
        for reg, value in zip((arm_const.UC_ARM_REG_R0, arm_const.UC_ARM_REG_R1), args):
            uc.reg_write(reg, value)
        uc.reg_write(arm_const.UC_ARM_REG_SP, stack)
        uc.reg_write(arm_const.UC_ARM_REG_LR, exit_address | 1)
        uc.emu_start(base | 1, exit_address)
        return uc.reg_read(arm_const.UC_ARM_REG_R0)

    uc_loop, uc_one = machine(loop), machine(one)
    start = time.process_time()
    assert call(uc_loop, [iterations]) == 3 * iterations
    loop_s = time.process_time() - start
    start = time.process_time()
    for i in range(calls):
        call(uc_one, [i, 1])
    call_s = time.process_time() - start
    print(f"unicorn {unicorn.__version__}: import {import_s * 1e3:.0f} ms, "
          f"{3 * iterations / loop_s / 1e6:.1f} million instructions/s, "
          f"{call_s / calls * 1e6:.1f} us a call")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200000)
    parser.add_argument("--calls", type=int, default=20000)
    args = parser.parse_args()
    loop, one = machine_code()
    bench_mpt(loop, one, args.iterations, args.calls)
    bench_unicorn(loop, one, args.iterations, args.calls)


if __name__ == "__main__":
    main()
