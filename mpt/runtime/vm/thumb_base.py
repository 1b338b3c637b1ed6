"""What the Thumb CPU's modules share: word constants, the fault, condition codes."""

from __future__ import annotations

from mpt.errors import MptError

MASK = 0xFFFFFFFF
SIGN = 0x80000000
# the return address a call into machine code is given (lr): reaching it ends the call
EXIT_ADDRESS = 0xFFFFFFF0


class CpuFault(MptError):
    """The board's core took a fault (a HardFault on the Cortex-M0+; a UsageFault or BusFault
    escalated to one on the M4): the firmware stops there."""

    def __init__(self, what: str, address: int):
        super().__init__(f"the board's CPU faulted (HardFault): {what} at 0x{address:08x}; "
                         f"the firmware stops there")


def condition_passes(cpu, cond: int) -> bool:
    """ARM condition code ``cond`` (0 eq ... 13 le, 14 al) against the flags of ``cpu``."""
    n, z, c, v = cpu.n, cpu.z, cpu.c, cpu.v
    if cond < 8:
        return bool((z, not z, c, not c, n, not n, v, not v)[cond])
    if cond == 8:
        return c and not z
    if cond == 9:
        return not c or z
    if cond == 10:
        return n == v
    if cond == 11:
        return n != v
    if cond == 12:
        return not z and n == v
    if cond == 13:
        return z or n != v
    return True


# the conditions as functions of the core (index: the condition code)
PREDICATES = (
    lambda cpu: cpu.z, lambda cpu: not cpu.z, lambda cpu: cpu.c, lambda cpu: not cpu.c,
    lambda cpu: cpu.n, lambda cpu: not cpu.n, lambda cpu: cpu.v, lambda cpu: not cpu.v,
    lambda cpu: cpu.c and not cpu.z, lambda cpu: not cpu.c or cpu.z,
    lambda cpu: cpu.n == cpu.v, lambda cpu: cpu.n != cpu.v,
    lambda cpu: not cpu.z and cpu.n == cpu.v, lambda cpu: cpu.z or cpu.n != cpu.v,
    lambda cpu: True)
