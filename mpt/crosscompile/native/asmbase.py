"""What every native assembler shares: the code buffer, labels and the two kinds of pass.

The emitter runs a scope through compute passes (sizes only; labels recorded as they are
assigned) and then one emit pass that writes bytes. Label offsets found in the last compute pass
stay known during the emit pass, so forward jumps can be sized the same way in both.
"""

from __future__ import annotations

PASS_COMPUTE = 1
PASS_EMIT = 2


class AsmError(Exception):
    """Raised by an assembler for code it cannot encode; mpy-cross raises these from inside
    the assembler, so they are reported without a traceback."""

    exc_name = "RuntimeError"

    def __init__(self, message: str, exc_name: str | None = None):
        super().__init__(message)
        if exc_name is not None:
            self.exc_name = exc_name


class AsmNotImplemented(AsmError):
    exc_name = "NotImplementedError"


class AsmBase:
    word_size = 8

    def __init__(self):
        self.pass_ = PASS_COMPUTE
        self.labels: dict = {}
        self.code = bytearray()
        self.code_offset = 0
        self.code_size = 0
        self.suppress = False
        # the function being assembled, as mpy-cross names it (dotted, without <module>)
        self.function_name: str | None = None

    def start_pass(self, pass_: int) -> None:
        if pass_ == PASS_COMPUTE:
            self.labels = {}
        else:
            self.code_size = self.code_offset
        self.pass_ = pass_
        self.suppress = False
        self.code_offset = 0
        self.code = bytearray()

    def end_pass(self) -> None:
        pass

    def write(self, data: bytes) -> None:
        """Append bytes (dropped while code is suppressed after an unconditional jump)."""
        if self.suppress:
            return
        if self.pass_ == PASS_EMIT:
            self.code += data
        self.code_offset += len(data)

    def data(self, nbytes: int, value: int) -> None:
        self.write((value & ((1 << (8 * nbytes)) - 1)).to_bytes(nbytes, "little"))

    def label_assign(self, label) -> None:
        self.suppress = False
        if self.pass_ == PASS_COMPUTE:
            assert label not in self.labels, label
            self.labels[label] = self.code_offset
        else:
            assert self.labels.get(label) == self.code_offset, (label, self.labels.get(label),
                                                                self.code_offset)

    def label_dest(self, label):
        """The label's offset, or None while it is not yet known (forward, compute pass)."""
        return self.labels.get(label)

    def suppress_code(self) -> None:
        self.suppress = True

    def align(self, n: int) -> None:
        pad = -self.code_offset % n
        if self.pass_ == PASS_EMIT:
            self.code += bytes(pad)
        self.code_offset += pad

    def preprocessor_regs_differ(self, reg1: int, reg2: int) -> bool:
        """Whether mpy-cross's ``#if REG_A != REG_B`` keeps the code it guards: registers that
        are macros for numbers compare by number."""
        return reg1 != reg2

    def load_sized(self, bits: int, dest: int, base: int) -> None:
        """Zero-extending load of a bits-wide value at base (no offset)."""
        self.load_sized_offset(bits, dest, base, 0)

    def store_sized(self, bits: int, src: int, base: int) -> None:
        self.store_sized_offset(bits, src, base, 0)

    def get_code(self) -> bytes:
        return bytes(self.code)

    # ---- how arguments arrive: in registers, for every architecture but x86 (which
    # overrides these to read them from the stack) ----

    def prepare_parent_args(self, n: int) -> None:
        pass

    def move_viper_args(self, reg_local_last: int) -> None:
        self.mov_reg_reg(self.REG_ARG_1, self.REG_PARENT_ARG_2)
        self.mov_reg_reg(self.REG_ARG_2, self.REG_PARENT_ARG_3)
        self.mov_reg_reg(reg_local_last, self.REG_PARENT_ARG_4)

    def prepare_generator_args(self, reg_generator_state: int) -> None:
        self.mov_reg_reg(reg_generator_state, self.REG_PARENT_ARG_1)

    def copy_parent_args_2_to_4(self) -> None:
        pass


_SIZE_LOG2 = {8: 0, 16: 1, 32: 2}


class ScaledOffsetMemory:
    """The emitter's loads and stores for back ends whose one load and one store instruction
    take an offset counted in elements (Thumb, RISC-V, Xtensa): each defines
    `load_scaled(reg, base, offset, size_log2)` and `store_scaled(...)`."""

    def load_scaled(self, dest: int, base: int, offset: int, size_log2: int) -> None:
        raise NotImplementedError

    def store_scaled(self, src: int, base: int, offset: int, size_log2: int) -> None:
        raise NotImplementedError

    def load_reg_reg_offset(self, dest: int, base: int, word_offset: int) -> None:
        self.load_scaled(dest, base, word_offset, 2)

    def store_reg_reg_offset(self, src: int, base: int, word_offset: int) -> None:
        self.store_scaled(src, base, word_offset, 2)

    def load_sized_offset(self, bits: int, dest: int, base: int, index: int) -> None:
        self.load_scaled(dest, base, index, _SIZE_LOG2[bits])

    def store_sized_offset(self, bits: int, src: int, base: int, index: int) -> None:
        self.store_scaled(src, base, index, _SIZE_LOG2[bits])
