"""The -march=debug back end: mpy-cross's "debug assembler", a listing instead of machine code.

mpy-cross 1.29 accepts ``-march=debug``: its native emitter runs as for any architecture, but
every generic operation is printed (to stdout, during the emit pass) as one line such as
``    mov_reg_imm(r_arg3, 2=0x2)`` rather than encoded; label assignments print ``label(label_N)``
and a function's entry and exit ``ENTRY(name, num_locals=N)`` / ``EXIT(0)``; operations in dead
code are prefixed ``dead_code``. The .mpy file still gets written, with architecture 13 and
native functions whose code is only their data words and prelude.

Here the lines go to ``debug_sink`` (a callable taking one line of text, newline included), set
by the caller; the library itself prints nothing.
"""

from __future__ import annotations

from mpt.crosscompile.native import fun
from mpt.crosscompile.native.asmbase import PASS_EMIT, AsmBase

REG_NAMES = ("r_ret", "r_arg1", "r_arg2", "r_arg3", "r_arg4", "r_temp0", "r_temp1", "r_temp2",
             "r_local1", "r_local2", "r_local3", "r_fun_table")
# the runtime helpers by index, named as the fun module names them (lower case)
FUN_NAMES = {getattr(fun, name): name.lower() for name in dir(fun)
             if name.isupper() and not name.startswith("CONST_")}


def _c_int(value: int) -> str:
    """A value passed as a C int and printed with "%d=0x%x"."""
    u32 = value & 0xFFFFFFFF
    return f"{u32 - (1 << 32) if u32 >> 31 else u32}=0x{u32:x}"


class AsmDebug(AsmBase):
    arch = "debug"
    word_size = 8

    REG_RET, REG_ARG_1, REG_ARG_2, REG_ARG_3, REG_ARG_4 = range(5)
    REG_PARENT_RET, REG_PARENT_ARG_1, REG_PARENT_ARG_2, REG_PARENT_ARG_3, REG_PARENT_ARG_4 = \
        range(5)
    REG_TEMP0, REG_TEMP1, REG_TEMP2 = 5, 6, 7
    REG_LOCAL_1, REG_LOCAL_2, REG_LOCAL_3 = 8, 9, 10
    REG_FUN_TABLE = 11
    REG_ZERO = None
    REG_SHIFT_COUNT = None
    byte_store_needs_low_reg = False
    # only the 16-bit load has an offset form; no register-indexed forms
    load_with_offset = (16,)
    store_with_offset = ()
    load_reg_reg_reg = ()
    store_reg_reg_reg = ()

    def __init__(self):
        super().__init__()
        self.debug_sink = None

    def preprocessor_regs_differ(self, reg1: int, reg2: int) -> bool:
        # the debug registers are enum constants, which the C preprocessor reads as 0: every
        # ``#if REG_A != REG_B`` drops its code
        return False

    def _line(self, text: str) -> None:
        if self.pass_ != PASS_EMIT or self.debug_sink is None:
            return
        indent = "" if text.startswith("E") else "    "
        self.debug_sink(indent + ("dead_code " if self.suppress else "") + text + "\n")

    def _op(self, op: str, *args) -> None:
        self._line(f"{op}({', '.join(args)})")

    def label_assign(self, label) -> None:
        super().label_assign(label)
        if self.pass_ == PASS_EMIT and self.debug_sink is not None:
            self.debug_sink(f"label(label_{label})\n")

    # ---- the generic operations ----

    def entry(self, num_locals: int) -> None:
        name = self.function_name if self.function_name is not None else "?"
        self._line(f"ENTRY({name}, num_locals={num_locals})")

    def exit(self) -> None:
        self._line("EXIT(0)")

    def jump(self, label) -> None:
        self._op("jump", f"label_{label}")

    def jump_if_reg_zero(self, reg: int, label, bool_test: bool) -> None:
        self._op("jump_if_reg_zero", REG_NAMES[reg], f"label_{label}",
                 "true" if bool_test else "false")

    def jump_if_reg_nonzero(self, reg: int, label, bool_test: bool) -> None:
        self._op("jump_if_reg_nonzero", REG_NAMES[reg], f"label_{label}",
                 "true" if bool_test else "false")

    def jump_if_reg_eq(self, reg1: int, reg2: int, label) -> None:
        self._op("jump_if_reg_eq", REG_NAMES[reg1], REG_NAMES[reg2], f"label_{label}")

    def jump_reg(self, reg: int) -> None:
        self._op("jump_reg", REG_NAMES[reg])

    def call_ind(self, fun_id: int) -> None:
        self._op("call_ind", FUN_NAMES[fun_id])

    call_ind_setup = call_ind

    def mov_local_reg(self, local_num: int, reg: int) -> None:
        self._op("mov_local_reg", f"local_{local_num}", REG_NAMES[reg])

    def mov_reg_local(self, reg: int, local_num: int) -> None:
        self._op("mov_reg_local", REG_NAMES[reg], f"local_{local_num}")

    def mov_reg_local_addr(self, reg: int, local_num: int) -> None:
        self._op("mov_reg_local_addr", REG_NAMES[reg], f"local_{local_num}")

    def mov_reg_imm(self, reg: int, imm: int) -> None:
        self._op("mov_reg_imm", REG_NAMES[reg], _c_int(imm))

    def mov_reg_reg(self, dest: int, src: int) -> None:
        self._op("mov_reg_reg", REG_NAMES[dest], REG_NAMES[src])

    def mov_reg_pcrel(self, reg: int, label) -> None:
        self._op("mov_reg_pcrel", REG_NAMES[reg], f"label_{label}")

    def clr_reg(self, reg: int) -> None:
        self._op("clr", REG_NAMES[reg])

    def not_reg(self, reg: int) -> None:
        self._op("not", REG_NAMES[reg])

    def neg_reg(self, reg: int) -> None:
        self._op("neg", REG_NAMES[reg])

    def lsl_reg_reg(self, dest: int, src: int) -> None:
        self._op("lsl", REG_NAMES[dest], REG_NAMES[src])

    def lsr_reg_reg(self, dest: int, src: int) -> None:
        self._op("lsr", REG_NAMES[dest], REG_NAMES[src])

    def asr_reg_reg(self, dest: int, src: int) -> None:
        self._op("asr", REG_NAMES[dest], REG_NAMES[src])

    def or_reg_reg(self, dest: int, src: int) -> None:
        self._op("or", REG_NAMES[dest], REG_NAMES[src])

    def xor_reg_reg(self, dest: int, src: int) -> None:
        self._op("xor", REG_NAMES[dest], REG_NAMES[src])

    def and_reg_reg(self, dest: int, src: int) -> None:
        self._op("and", REG_NAMES[dest], REG_NAMES[src])

    def add_reg_reg(self, dest: int, src: int) -> None:
        self._op("add", REG_NAMES[dest], REG_NAMES[src])

    def sub_reg_reg(self, dest: int, src: int) -> None:
        self._op("sub", REG_NAMES[dest], REG_NAMES[src])

    def mul_reg_reg(self, dest: int, src: int) -> None:
        self._op("mul", REG_NAMES[dest], REG_NAMES[src])

    def load_reg_reg_offset(self, dest: int, base: int, word_offset: int) -> None:
        self._op("load", REG_NAMES[dest], REG_NAMES[base], str(word_offset))

    def store_reg_reg_offset(self, src: int, base: int, word_offset: int) -> None:
        self._op("store", REG_NAMES[src], REG_NAMES[base], str(word_offset))

    def load_sized_offset(self, bits: int, dest: int, base: int, index: int) -> None:
        assert bits in self.load_with_offset
        self._op(f"load{bits}", REG_NAMES[dest], REG_NAMES[base], str(index))

    def load_sized(self, bits: int, dest: int, base: int) -> None:
        self._op(f"load{bits}", REG_NAMES[dest], REG_NAMES[base])

    def store_sized(self, bits: int, src: int, base: int) -> None:
        self._op(f"store{bits}", REG_NAMES[src], REG_NAMES[base])

    def load16_qstr(self, dest: int, base: int, index: int) -> None:
        self.load_sized_offset(16, dest, base, index)

    def compare_set(self, op_idx: int, dest: int, lhs: int, rhs: int) -> None:
        self._line(f"setcc({op_idx}, {REG_NAMES[dest]}, {REG_NAMES[lhs]}, {REG_NAMES[rhs]})")
