"""The architectures mpy-cross -march accepts, and which of them mpt can emit code for."""

from __future__ import annotations

TYPE_CHECKING = False  # (importing typing for it costs start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable


class Arch:
    """One -march target (read-only by convention).  A plain class rather than a dataclass:
    the table below is built at every start-up of `mpt compile`."""

    __slots__ = ("name", "number", "nlr_buf_num_regs", "new_assembler", "nlr_setjmp",
                 "nlr_buf_idx_local_1", "sizeof_code_state", "offsetof_n_state")

    def __init__(self, name: str, number: int, nlr_buf_num_regs: int,
                 new_assembler: Callable | None = None, nlr_setjmp: bool = False,
                 nlr_buf_idx_local_1: int = 5, sizeof_code_state: int = 5,
                 offsetof_n_state: int = 3) -> None:
        self.name = name
        self.number = number  # MP_NATIVE_ARCH_* (written into the .mpy header)
        self.nlr_buf_num_regs = nlr_buf_num_regs
        # new_assembler(arch_flags) -> assembler; None: mpt cannot emit this architecture yet
        self.new_assembler = new_assembler
        self.nlr_setjmp = nlr_setjmp
        self.nlr_buf_idx_local_1 = nlr_buf_idx_local_1  # the nlr_buf_t word saving REG_LOCAL_1
        # host (x86-64) sizes mpy-cross uses for the code-state struct, in machine words
        self.sizeof_code_state = sizeof_code_state
        self.offsetof_n_state = offsetof_n_state

    def __repr__(self) -> str:
        return f"Arch({self.name!r})"


def _x64(flags: int = 0):
    from mpt.crosscompile.native.x64 import AsmX64
    return AsmX64()


def _x86(flags: int = 0):
    from mpt.crosscompile.native.x86 import AsmX86
    return AsmX86()


def _arm(flags: int = 0):
    from mpt.crosscompile.native.arm import AsmArm
    return AsmArm()


def _rv32(flags: int = 0):
    from mpt.crosscompile.native.rv32 import AsmRv32
    return AsmRv32(flags)


def _xtensa(windowed: bool):
    def make(flags: int = 0):
        from mpt.crosscompile.native.xtensa import AsmXtensa
        return AsmXtensa(windowed)
    return make


def _debug(flags: int = 0):
    from mpt.crosscompile.native.debug import AsmDebug
    return AsmDebug()


def _thumb(armv7m: bool, name: str):
    def make(flags: int = 0):
        from mpt.crosscompile.native.thumb import AsmThumb
        return AsmThumb(armv7m, name)
    return make


_ARM_FP = 10 + 6
ARCHS = {a.name: a for a in (
    Arch("x86", 1, 6, _x86),
    Arch("x64", 2, 10, _x64),
    Arch("armv6", 3, _ARM_FP, _arm, nlr_buf_idx_local_1=3),
    Arch("armv6m", 4, _ARM_FP, _thumb(False, "armv6m"), nlr_buf_idx_local_1=3),
    Arch("armv7m", 5, _ARM_FP, _thumb(True, "armv7m"), nlr_buf_idx_local_1=3),
    Arch("armv7em", 6, _ARM_FP, _thumb(True, "armv7em"), nlr_buf_idx_local_1=3),
    Arch("armv7emsp", 7, _ARM_FP, _thumb(True, "armv7emsp"), nlr_buf_idx_local_1=3),
    Arch("armv7emdp", 8, _ARM_FP, _thumb(True, "armv7emdp"), nlr_buf_idx_local_1=3),
    Arch("xtensa", 9, 10, _xtensa(False), nlr_buf_idx_local_1=8),
    Arch("xtensawin", 10, 17, _xtensa(True), nlr_setjmp=True, nlr_buf_idx_local_1=6),
    Arch("rv32imc", 11, 14, _rv32, nlr_buf_idx_local_1=6),
    Arch("rv64imc", 12, 14, nlr_buf_idx_local_1=6),
    Arch("debug", 13, 0, _debug),
)}


def get_arch(name: str) -> Arch:
    if name == "host":
        name = "x64"
    return ARCHS[name]
