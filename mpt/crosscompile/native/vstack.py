"""The Python stack model: each entry is in a register, an immediate or settled in the frame,
and is written to the frame only when something needs it there; calls into the runtime through
the native function table.

A part of the native emitter (see emitter.py): a mixin of :class:`NativeEmitter`, whose
state and helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile.native import fun
from mpt.crosscompile.native.vtypes import (
    VTYPE_BOOL, VTYPE_INT, VTYPE_PTR_NONE, VTYPE_PYOBJ, VTYPE_UINT, VTYPE_UNBOUND,
)

STACK_VALUE = 0
STACK_REG = 1
STACK_IMM = 2


class StackInfo:
    __slots__ = ("vtype", "kind", "data")

    def __init__(self):
        self.vtype = VTYPE_UNBOUND
        self.kind = STACK_VALUE
        self.data = 0

    def copy_from(self, other: "StackInfo") -> None:
        self.vtype = other.vtype
        self.kind = other.kind
        self.data = other.data


class StackModel:
    # ---- the Python stack model ----

    def _ensure(self, n: int) -> None:
        while len(self.stack_info) < self.stack_size + n:
            self.stack_info.append(StackInfo())

    def _adjust_stack(self, delta: int) -> None:
        self.stack_size += delta
        self._ensure(0)
        if self.stack_size > self.scope.stack_size:
            self.scope.stack_size = self.stack_size

    def adjust_stack_size(self, delta: int) -> None:
        if delta > 0:
            self._ensure(delta)
        for i in range(delta):
            si = self.stack_info[self.stack_size + i]
            si.kind = STACK_VALUE
            si.vtype = self.saved_stack_vtype if delta == 1 else VTYPE_PYOBJ
        self._adjust_stack(delta)

    # (the compiler calls set_source_line only for a line after this one: never)
    last_source_line = 1 << 62

    def set_source_line(self, line: int) -> None:
        pass

    def _peek(self, depth: int) -> StackInfo:
        return self.stack_info[self.stack_size - 1 - depth]

    def _peek_vtype(self, depth: int) -> int:
        if self.do_viper_types:
            return self._peek(depth).vtype
        return VTYPE_PYOBJ

    def _need_reg_single(self, reg: int, skip_stack_pos: int) -> None:
        skip = self.stack_size - skip_stack_pos
        for i in range(self.stack_size):
            if i != skip:
                si = self.stack_info[i]
                if si.kind == STACK_REG and si.data == reg:
                    si.kind = STACK_VALUE
                    self._mov_state_reg(self.stack_start + i, si.data)

    def _need_reg_all(self) -> None:
        for i in range(self.stack_size):
            si = self.stack_info[i]
            if si.kind == STACK_REG:
                si.kind = STACK_VALUE
                self._mov_state_reg(self.stack_start + i, si.data)

    def _load_reg_stack_imm(self, reg: int, si: StackInfo, convert_to_pyobj: bool) -> int:
        a = self.as_
        if not convert_to_pyobj and self.do_viper_types:
            a.mov_reg_imm(reg, si.data)
            return si.vtype
        if si.vtype == VTYPE_PYOBJ:
            a.mov_reg_imm(reg, si.data)
        elif si.vtype == VTYPE_BOOL:
            self._mov_reg_const(reg, fun.CONST_FALSE_OBJ + si.data)
        elif si.vtype in (VTYPE_INT, VTYPE_UINT):
            a.mov_reg_imm(reg, (si.data << 1) | 1)
        elif si.vtype == VTYPE_PTR_NONE:
            self._mov_reg_const(reg, fun.CONST_NONE_OBJ)
        else:
            self._not_implemented("conversion to object")
        return VTYPE_PYOBJ

    def _need_stack_settled(self) -> None:
        self._need_reg_all()
        for i in range(self.stack_size):
            si = self.stack_info[i]
            if si.kind == STACK_IMM:
                si.kind = STACK_VALUE
                si.vtype = self._load_reg_stack_imm(self.as_.REG_TEMP1, si, False)
                self._mov_state_reg(self.stack_start + i, self.as_.REG_TEMP1)

    def _access_stack(self, pos: int, reg: int) -> int:
        self._need_reg_single(reg, pos)
        si = self.stack_info[self.stack_size - pos]
        vtype = si.vtype
        if si.kind == STACK_VALUE:
            self._mov_reg_state(reg, self.stack_start + self.stack_size - pos)
        elif si.kind == STACK_REG:
            if si.data != reg:
                self.as_.mov_reg_reg(reg, si.data)
        else:
            vtype = self._load_reg_stack_imm(reg, si, False)
        return vtype

    def _fold_stack_top(self, reg: int) -> None:
        si = self.stack_info[self.stack_size - 2]
        si.copy_from(self.stack_info[self.stack_size - 1])
        if si.kind == STACK_VALUE:
            self._mov_reg_state(reg, self.stack_start + self.stack_size - 1)
            si.kind = STACK_REG
            si.data = reg
        self._adjust_stack(-1)

    def _pop_reg_flexible(self, reg: int, not_r1, not_r2) -> tuple[int, int]:
        si = self._peek(0)
        if si.kind == STACK_REG and si.data != not_r1 and si.data != not_r2:
            vtype = si.vtype
            reg = si.data
            self._need_reg_single(reg, 1)
        else:
            vtype = self._access_stack(1, reg)
        self._adjust_stack(-1)
        return vtype, reg

    def _pop_discard(self) -> None:
        self._adjust_stack(-1)

    def _pop_reg(self, reg: int) -> int:
        vtype = self._access_stack(1, reg)
        self._adjust_stack(-1)
        return vtype

    def _top_set_vtype(self, vtype: int) -> None:
        self.stack_info[self.stack_size - 1].vtype = vtype

    def _push_reg(self, vtype: int, reg: int) -> None:
        self._ensure(1)
        si = self.stack_info[self.stack_size]
        si.vtype = vtype
        si.kind = STACK_REG
        si.data = reg
        self._adjust_stack(1)

    def _push_imm(self, vtype: int, imm: int) -> None:
        self._ensure(1)
        si = self.stack_info[self.stack_size]
        si.vtype = vtype
        si.kind = STACK_IMM
        si.data = imm
        self._adjust_stack(1)

    def _call(self, fun_kind: int) -> None:
        self._need_reg_all()
        self.as_.call_ind(fun_kind)

    def _call_with_imm_arg(self, fun_kind: int, val: int, reg: int) -> None:
        self._need_reg_all()
        self.as_.mov_reg_imm(reg, val)
        self.as_.call_ind(fun_kind)

    def _call_with_2_imm_args(self, fun_kind: int, val1: int, reg1: int, val2: int,
                              reg2: int) -> None:
        self._need_reg_all()
        self.as_.mov_reg_imm(reg1, val1)
        self.as_.mov_reg_imm(reg2, val2)
        self.as_.call_ind(fun_kind)

    def _call_with_qstr_arg(self, fun_kind: int, qst: str, reg: int) -> None:
        self._need_reg_all()
        self._mov_reg_qstr(reg, qst)
        self.as_.call_ind(fun_kind)

    def _stack_pointer_for_pop(self, reg: int, n_pop: int) -> None:
        a = self.as_
        self._need_reg_all()
        for i in range(n_pop):
            si = self.stack_info[self.stack_size - 1 - i]
            if si.kind == STACK_IMM:
                si.kind = STACK_VALUE
                si.vtype = self._load_reg_stack_imm(reg, si, True)
                self._mov_state_reg(self.stack_start + self.stack_size - 1 - i, reg)
        for i in range(n_pop):
            si = self.stack_info[self.stack_size - 1 - i]
            if si.vtype != VTYPE_PYOBJ:
                local_num = self.stack_start + self.stack_size - 1 - i
                self._mov_reg_state(a.REG_ARG_1, local_num)
                self._call_with_imm_arg(fun.CONVERT_NATIVE_TO_OBJ, si.vtype, a.REG_ARG_2)
                self._mov_state_reg(local_num, a.REG_RET)
                si.vtype = VTYPE_PYOBJ
        self._adjust_stack(-n_pop)
        self._mov_reg_state_addr(reg, self.stack_start + self.stack_size)

    def _stack_pointer_for_push(self, reg: int, n_push: int) -> None:
        self._need_reg_all()
        self._ensure(n_push)
        for i in range(n_push):
            si = self.stack_info[self.stack_size + i]
            si.kind = STACK_VALUE
            si.vtype = VTYPE_PYOBJ
        self._mov_reg_state_addr(reg, self.stack_start + self.stack_size)
        self._adjust_stack(n_push)
