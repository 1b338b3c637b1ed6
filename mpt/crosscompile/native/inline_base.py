"""What the inline assemblers share: parameters, labels, integer operands and error recording.

Errors are recorded, not raised: like MicroPython's inline assemblers, a later error in the same
instruction replaces an earlier one, and the compiler driver reports the last one.
"""

from __future__ import annotations

from mpt.crosscompile.native.asmbase import PASS_COMPUTE, PASS_EMIT
from mpt.crosscompile.parsenode import Id, const_object_value, is_const_object


def arg_str(pn) -> str:
    return pn.name if isinstance(pn, Id) else ""


def int_value(pn):
    """mp_parse_node_get_int_maybe: the integer a node stands for, or None."""
    if type(pn) is int:
        return pn
    if is_const_object(pn) and type(const_object_value(pn)) is int:
        return const_object_value(pn)
    return None


class InlineAsmBase:
    arch_label = "?"
    first_param_reg = 0
    param_prefix = "r"
    # extra CODE_SIZE passes the compiler runs (Xtensa sizes its literal table in one)
    size_passes = 1

    def __init__(self, assembler):
        self.as_ = assembler
        self.pass_ = ""
        self.error: str | None = None
        self.label_lookup: dict[int, str] = {}

    def start_pass(self, pass_: str) -> None:
        """pass_ is "size" (a CODE_SIZE pass) or "emit"."""
        self.pass_ = pass_
        self.error = None
        if pass_ != "emit":
            self.label_lookup = {}
        self.as_.start_pass(PASS_EMIT if pass_ == "emit" else PASS_COMPUTE)

    def count_params(self, params: list) -> int:
        first = self.first_param_reg
        last = first + 3
        if len(params) > 4:
            self.error = f"can only have up to 4 parameters to {self.arch_label} assembly"
            return 0
        for i, pn in enumerate(params):
            if not isinstance(pn, Id) or pn.name != f"{self.param_prefix}{first + i}":
                self.error = (f"parameters must be registers in sequence "
                              f"{self.param_prefix}{first} to {self.param_prefix}{last}")
                return 0
        return len(params)

    def label(self, label_num: int, name: str) -> bool:
        if self.pass_ != "emit" and name in self.label_lookup.values():
            return False
        self.label_lookup[label_num] = name
        self.as_.label_assign(label_num)
        return True

    def _label_arg(self, op: str, pn) -> int:
        if not isinstance(pn, Id):
            self.error = f"'{op}' expects a label"
            return 0
        for num, name in self.label_lookup.items():
            if name == pn.name:
                return num
        if self.pass_ == "emit":
            self.error = f"label '{pn.name}' not defined"
        return 0
