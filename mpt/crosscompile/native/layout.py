"""The native function's frame: where each part of its state lives (nlr buffer, code state,
locals, Python stack) and moving values between registers, that frame and the module's tables.

A part of the native emitter (see emitter.py): a mixin of :class:`NativeEmitter`, whose
state and helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile.scope import (
    SCOPE_FLAG_GENERATOR, SCOPE_FLAG_HASCONSTS, SCOPE_FLAG_REFGLOBALS,
)


# struct layouts, in machine words, as mpy-cross (built for x86-64) computes them
OFFSETOF_CODE_STATE_FUN_BC = 0
OFFSETOF_CODE_STATE_IP = 1
OFFSETOF_CODE_STATE_SP = 2
OFFSETOF_CODE_STATE_STATE = 5
OFFSETOF_OBJ_FUN_BC_CONTEXT = 1
OFFSETOF_OBJ_FUN_BC_CHILD_TABLE = 2
OFFSETOF_MODULE_CONTEXT_GLOBALS = 1
OFFSETOF_MODULE_CONTEXT_QSTR_TABLE = 2
OFFSETOF_MODULE_CONTEXT_OBJ_TABLE = 3
NLR_BUF_IDX_RET_VAL = 1

MAX_REGS_FOR_LOCAL_VARS = 2

VM_RETURN_NORMAL = 0
VM_RETURN_YIELD = 1
VM_RETURN_EXCEPTION = 2

MP_OBJ_SENTINEL = 4  # (mp_obj_t)4


class FrameLayout:
    # ---- the frame layout ----

    @property
    def _gen(self) -> bool:
        return bool(self.scope.scope_flags & SCOPE_FLAG_GENERATOR)

    def _need_fun_obj(self) -> bool:
        return (self.scope.exc_stack_size > 0
                or bool(self.scope.scope_flags & (SCOPE_FLAG_REFGLOBALS | SCOPE_FLAG_HASCONSTS)))

    def _need_global_exc_handler(self) -> bool:
        return (self.scope.exc_stack_size > 0
                or bool(self.scope.scope_flags & (SCOPE_FLAG_GENERATOR | SCOPE_FLAG_REFGLOBALS)))

    def _need_exc_handler_unwind(self) -> bool:
        return self.scope.exc_stack_size > 0

    def _can_use_regs_for_locals(self) -> bool:
        return self.scope.exc_stack_size == 0 and not self._gen

    @property
    def _sizeof_nlr_buf(self) -> int:
        return 2 + self.arch.nlr_buf_num_regs + 1

    @property
    def _idx_exc_val(self) -> int:
        return NLR_BUF_IDX_RET_VAL

    @property
    def _idx_exc_handler_pc(self) -> int:
        return self.arch.nlr_buf_idx_local_1

    @property
    def _idx_exc_handler_unwind(self) -> int:
        return self._sizeof_nlr_buf + 1

    @property
    def _idx_throw_val(self) -> int:
        return self._sizeof_nlr_buf + 2

    @property
    def _idx_ret_val(self) -> int:
        return self._sizeof_nlr_buf

    @property
    def _idx_fun_obj(self) -> int:
        return self.code_state_start + OFFSETOF_CODE_STATE_FUN_BC

    @property
    def _idx_old_globals(self) -> int:
        return self.code_state_start + OFFSETOF_CODE_STATE_IP

    @property
    def _idx_gen_pc(self) -> int:
        return self.code_state_start + OFFSETOF_CODE_STATE_IP

    def _idx_local_var(self, local_num: int) -> int:
        return self.stack_start + self.n_state - 1 - local_num

    @property
    def _reg_local_table(self):
        a = self.as_
        return (a.REG_LOCAL_1, a.REG_LOCAL_2)

    @property
    def _reg_generator_state(self) -> int:
        return self.as_.REG_LOCAL_2

    @property
    def _reg_qstr_table(self) -> int:
        return self.as_.REG_LOCAL_3

    @property
    def _reg_local_last(self) -> int:
        return self.as_.REG_LOCAL_2

    # ---- moving values between registers, the frame and the tables ----

    def _mov_reg_const(self, reg: int, const_idx: int) -> None:
        self.as_.load_reg_reg_offset(reg, self.as_.REG_FUN_TABLE, const_idx)

    def _mov_state_reg(self, local_num: int, reg: int) -> None:
        if self._gen:
            self.as_.store_reg_reg_offset(reg, self._reg_generator_state, local_num)
        else:
            self.as_.mov_local_reg(local_num, reg)

    def _mov_reg_state(self, reg: int, local_num: int) -> None:
        if self._gen:
            self.as_.load_reg_reg_offset(reg, self._reg_generator_state, local_num)
        else:
            self.as_.mov_reg_local(reg, local_num)

    def _mov_reg_state_addr(self, reg: int, local_num: int) -> None:
        if self._gen:
            self.as_.mov_reg_imm(reg, local_num * self.as_.word_size)
            self.as_.add_reg_reg(reg, self._reg_generator_state)
        else:
            self.as_.mov_reg_local_addr(reg, local_num)

    def _mov_reg_qstr(self, reg: int, qst: str) -> None:
        self.as_.load16_qstr(reg, self._reg_qstr_table, self.common.use_qstr(qst))

    def _mov_local_null(self, local_num: int, reg_temp: int) -> None:
        a = self.as_
        if a.REG_ZERO is not None:
            a.mov_local_reg(local_num, a.REG_ZERO)
        else:
            a.clr_reg(reg_temp)
            a.mov_local_reg(local_num, reg_temp)

    def _mov_state_imm_via(self, local_num: int, imm: int, reg_temp: int) -> None:
        self.as_.mov_reg_imm(reg_temp, imm)
        self._mov_state_reg(local_num, reg_temp)

    def _load_reg_with_object(self, reg: int, obj) -> None:
        self.scope.scope_flags |= SCOPE_FLAG_HASCONSTS
        a = self.as_
        off = self.common.use_const_obj(obj)
        self._mov_reg_state(a.REG_TEMP0, self._idx_fun_obj)
        a.load_reg_reg_offset(a.REG_TEMP0, a.REG_TEMP0, OFFSETOF_OBJ_FUN_BC_CONTEXT)
        a.load_reg_reg_offset(a.REG_TEMP0, a.REG_TEMP0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE)
        a.load_reg_reg_offset(reg, a.REG_TEMP0, off)

    def _load_reg_with_child(self, reg: int, rc) -> None:
        a = self.as_
        off = self.common.alloc_const_child(rc)
        self._mov_reg_state(a.REG_TEMP0, self._idx_fun_obj)
        a.load_reg_reg_offset(a.REG_TEMP0, a.REG_TEMP0, OFFSETOF_OBJ_FUN_BC_CHILD_TABLE)
        a.load_reg_reg_offset(reg, a.REG_TEMP0, off)
