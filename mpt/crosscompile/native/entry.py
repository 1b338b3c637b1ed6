"""A native function's entry and exit: the prologue (arguments, viper argument conversion, the
code state), the global exception handler around the body, and the prelude that follows the code.

A part of the native emitter (see emitter.py): a mixin of :class:`NativeEmitter`, whose
state and helpers its methods use."""

from __future__ import annotations

from mpt.crosscompile.emitbc import PASS_EMIT, encode_uint
from mpt.crosscompile.native import fun
from mpt.crosscompile.native.asmbase import PASS_COMPUTE, PASS_EMIT as ASM_PASS_EMIT
from mpt.crosscompile.native.layout import (
    MAX_REGS_FOR_LOCAL_VARS, OFFSETOF_CODE_STATE_STATE, OFFSETOF_MODULE_CONTEXT_GLOBALS,
    OFFSETOF_MODULE_CONTEXT_OBJ_TABLE, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE,
    OFFSETOF_OBJ_FUN_BC_CONTEXT, VM_RETURN_EXCEPTION,
)
from mpt.crosscompile.native.vtypes import VTYPE_PYOBJ, VTYPE_UNBOUND
from mpt.crosscompile.scope import (
    ID_FLAG_IS_PARAM, ID_FLAG_VIPER_TYPE_POS, ID_INFO_KIND_CELL, SCOPE_FLAG_ALL_SIG,
    SCOPE_FLAG_HASCONSTS, SCOPE_FLAG_VARARGS, SCOPE_FLAG_VARKEYWORDS,
)
from mpt.mpy.mpyfile import FUN_TABLE
from mpt.mpy.prelude import encode_signature
from mpt.mpy.rawcode import KIND_NATIVE_PY, KIND_NATIVE_VIPER


class FunctionEntry:
    # ---- passes ----

    def start_pass(self, pass_: int, scope) -> None:
        a = self.as_
        self.pass_ = pass_
        self.do_viper_types = scope.emit_options == 3
        self.stack_size = 0
        self.scope = scope
        self.exc_stack = []
        labels = self._labels(6)

        num_locals = scope.num_locals
        self.local_vtype = [VTYPE_PYOBJ] * max(num_locals, len(self.local_vtype))
        num_args = scope.num_pos_args + scope.num_kwonly_args
        if scope.scope_flags & SCOPE_FLAG_VARARGS:
            num_args += 1
        if scope.scope_flags & SCOPE_FLAG_VARKEYWORDS:
            num_args += 1
        if self.do_viper_types:
            for id_ in scope.id_info:
                if id_.flags & ID_FLAG_IS_PARAM:
                    self.local_vtype[id_.local_num] = id_.flags >> ID_FLAG_VIPER_TYPE_POS
        for i in range(num_args, len(self.local_vtype)):
            self.local_vtype[i] = VTYPE_UNBOUND if self.do_viper_types else VTYPE_PYOBJ
        self.stack_info = []

        a.start_pass(ASM_PASS_EMIT if pass_ == PASS_EMIT else PASS_COMPUTE)
        a.function_name = _qualified_name(scope)

        self.code_state_start = 0
        if self._need_global_exc_handler():
            self.code_state_start = self._sizeof_nlr_buf + 1
            if self._gen:
                self.code_state_start += 2
            elif self._need_exc_handler_unwind():
                self.code_state_start += 1

        fun_table_off = self.common.use_const_obj(FUN_TABLE)
        self.exit_label = labels[0]

        if self.do_viper_types:
            self.n_state = scope.num_locals + scope.stack_size
            num_locals_in_regs = 0
            if self._can_use_regs_for_locals():
                num_locals_in_regs = min(scope.num_locals, MAX_REGS_FOR_LOCAL_VARS)
                if scope.num_pos_args >= MAX_REGS_FOR_LOCAL_VARS + 1:
                    num_locals_in_regs -= 1
            if self._need_global_exc_handler():
                self.stack_start = self.code_state_start + 2
            elif scope.scope_flags & SCOPE_FLAG_HASCONSTS:
                self.stack_start = self.code_state_start + 1
            else:
                self.stack_start = self.code_state_start
            a.entry(self.stack_start + self.n_state - num_locals_in_regs)
            a.prepare_parent_args(1)
            a.load_reg_reg_offset(a.REG_FUN_TABLE, a.REG_PARENT_ARG_1,
                                  OFFSETOF_OBJ_FUN_BC_CONTEXT)
            a.load_reg_reg_offset(self._reg_qstr_table, a.REG_FUN_TABLE,
                                  OFFSETOF_MODULE_CONTEXT_QSTR_TABLE)
            a.load_reg_reg_offset(a.REG_FUN_TABLE, a.REG_FUN_TABLE,
                                  OFFSETOF_MODULE_CONTEXT_OBJ_TABLE)
            a.load_reg_reg_offset(a.REG_FUN_TABLE, a.REG_FUN_TABLE, fun_table_off)
            if self._need_fun_obj():
                a.mov_local_reg(self._idx_fun_obj, a.REG_PARENT_ARG_1)
            a.move_viper_args(self._reg_local_last)
            a.jump_if_reg_nonzero(a.REG_ARG_2, labels[4], True)
            a.mov_reg_imm(a.REG_ARG_3, scope.num_pos_args)
            a.jump_if_reg_eq(a.REG_ARG_1, a.REG_ARG_3, labels[5])
            a.label_assign(labels[4])
            n = scope.num_pos_args
            a.mov_reg_imm(a.REG_ARG_3, (n << 17) | (n << 1))  # MP_OBJ_FUN_MAKE_SIG(n, n, false)
            a.call_ind(fun.ARG_CHECK_NUM_SIG)
            a.label_assign(labels[5])
            for i in range(scope.num_pos_args):
                r = a.REG_ARG_1
                a.load_reg_reg_offset(a.REG_ARG_1, self._reg_local_last, i)
                if self.local_vtype[i] != VTYPE_PYOBJ:
                    self._call_with_imm_arg(fun.CONVERT_OBJ_TO_NATIVE, self.local_vtype[i],
                                            a.REG_ARG_2)
                    r = a.REG_RET
                if (i < MAX_REGS_FOR_LOCAL_VARS and self._can_use_regs_for_locals()
                        and (i != MAX_REGS_FOR_LOCAL_VARS - 1
                             or scope.num_pos_args == MAX_REGS_FOR_LOCAL_VARS)):
                    a.mov_reg_reg(self._reg_local_table[i], r)
                else:
                    self._mov_state_reg(self._idx_local_var(i), r)
            if (scope.num_pos_args >= MAX_REGS_FOR_LOCAL_VARS + 1
                    and self._can_use_regs_for_locals()):
                a.mov_reg_local(self._reg_local_last,
                                self._idx_local_var(MAX_REGS_FOR_LOCAL_VARS - 1))
            self._global_exc_entry(labels)
        else:
            self.n_state = scope.num_locals + scope.stack_size
            a.data(a.word_size, self.prelude_ptr_index)
            if self._gen:
                a.data(a.word_size, self.start_offset)
                a.entry(self.code_state_start)
                self.code_state_start = 0
                self.stack_start = self.arch.sizeof_code_state
                a.prepare_generator_args(self._reg_generator_state)
                a.mov_local_reg(self._idx_throw_val, a.REG_PARENT_ARG_2)
                a.load_reg_reg_offset(a.REG_TEMP0, self._reg_generator_state, self._idx_fun_obj)
                a.load_reg_reg_offset(a.REG_TEMP0, a.REG_TEMP0, OFFSETOF_OBJ_FUN_BC_CONTEXT)
                a.load_reg_reg_offset(self._reg_qstr_table, a.REG_TEMP0,
                                      OFFSETOF_MODULE_CONTEXT_QSTR_TABLE)
                a.load_reg_reg_offset(a.REG_TEMP0, a.REG_TEMP0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE)
                a.load_reg_reg_offset(a.REG_FUN_TABLE, a.REG_TEMP0, fun_table_off)
            else:
                self.stack_start = self.code_state_start + self.arch.sizeof_code_state
                a.entry(self.stack_start + self.n_state)
                a.prepare_parent_args(4)
                a.load_reg_reg_offset(a.REG_FUN_TABLE, a.REG_PARENT_ARG_1,
                                      OFFSETOF_OBJ_FUN_BC_CONTEXT)
                a.load_reg_reg_offset(self._reg_qstr_table, a.REG_FUN_TABLE,
                                      OFFSETOF_MODULE_CONTEXT_QSTR_TABLE)
                a.load_reg_reg_offset(a.REG_FUN_TABLE, a.REG_FUN_TABLE,
                                      OFFSETOF_MODULE_CONTEXT_OBJ_TABLE)
                a.load_reg_reg_offset(a.REG_FUN_TABLE, a.REG_FUN_TABLE, fun_table_off)
                a.mov_local_reg(self._idx_fun_obj, a.REG_PARENT_ARG_1)
                self._mov_state_imm_via(self.code_state_start + self.arch.offsetof_n_state,
                                        self.n_state, a.REG_ARG_1)
                a.mov_reg_local_addr(a.REG_ARG_1, self.code_state_start)
                a.copy_parent_args_2_to_4()
                a.call_ind_setup(fun.SETUP_CODE_STATE)
            self._global_exc_entry(labels)
            if self._can_use_regs_for_locals():
                for i in range(min(MAX_REGS_FOR_LOCAL_VARS, scope.num_locals)):
                    a.mov_reg_local(self._reg_local_table[i], self._idx_local_var(i))
            for id_ in scope.id_info:
                if id_.kind == ID_INFO_KIND_CELL:
                    self.local_vtype[id_.local_num] = VTYPE_PYOBJ

    def end_pass(self) -> bool:
        a = self.as_
        self._global_exc_exit()
        scope = self.scope
        if not self.do_viper_types:
            self.prelude_offset = a.code_offset
            self.prelude_ptr_index = self.common.ct_cur_child
            out = bytearray()
            _encode_signature(out, self.n_state, scope)
            _encode_sizes(out, self.n_info, self.n_cell)
            info = bytearray(encode_uint(self.common.use_qstr(scope.simple_name)))
            for i in range(scope.num_pos_args + scope.num_kwonly_args):
                qst = "*"
                for id_ in scope.id_info:
                    if (id_.flags & ID_FLAG_IS_PARAM) and id_.local_num == i:
                        qst = id_.qst
                        break
                info += encode_uint(self.common.use_qstr(qst))
            cells = bytes(id_.local_num for id_ in scope.id_info if id_.kind == ID_INFO_KIND_CELL)
            a.write(bytes(out))
            a.write(bytes(info))
            a.write(cells)
            self.n_info = len(info)
            self.n_cell = len(cells)
        a.end_pass()
        assert self.stack_size == 0 or self.error is not None
        if self.pass_ == PASS_EMIT and self.error is None:
            rc = scope.raw_code
            rc.fun_data = a.get_code()
            rc.children = list(self.common.children)
            if self.do_viper_types:
                rc.kind = KIND_NATIVE_VIPER
                rc.scope_flags = 0
                rc.prelude_offset = None
            else:
                rc.kind = KIND_NATIVE_PY
                # mpy-cross keeps it in a 16-bit field (so it wraps for huge functions)
                rc.prelude_offset = self.prelude_offset & 0xFFFF
        return True

    # ---- the global exception handler (nlr) around the body ----

    def _global_exc_entry(self, labels) -> None:
        a = self.as_
        if not self._need_global_exc_handler():
            return
        nlr_label, start_label, global_except_label = labels[1], labels[2], labels[3]
        if not self._gen:
            self._mov_reg_state(a.REG_ARG_1, self._idx_fun_obj)
            a.load_reg_reg_offset(a.REG_ARG_1, a.REG_ARG_1, OFFSETOF_OBJ_FUN_BC_CONTEXT)
            a.load_reg_reg_offset(a.REG_ARG_1, a.REG_ARG_1, OFFSETOF_MODULE_CONTEXT_GLOBALS)
            self._call(fun.NATIVE_SWAP_GLOBALS)
            self._mov_state_reg(self._idx_old_globals, a.REG_RET)
        if self.scope.exc_stack_size == 0:
            if not self._gen:
                a.jump_if_reg_zero(a.REG_RET, start_label, False)
            a.mov_reg_local_addr(a.REG_ARG_1, 0)
            self._call(fun.NLR_PUSH)
            if self.arch.nlr_setjmp:
                a.mov_reg_local_addr(a.REG_ARG_1, 2)
                self._call(fun.SETJMP)
            a.jump_if_reg_zero(a.REG_RET, start_label, True)
        else:
            self._mov_local_null(self._idx_exc_handler_unwind, a.REG_TEMP0)
            zero = a.REG_ZERO if a.REG_ZERO is not None else a.REG_TEMP0
            a.mov_local_reg(self._idx_exc_val, zero)
            a.mov_reg_pcrel(a.REG_LOCAL_1, start_label)
            self.label_assign(nlr_label)
            a.mov_reg_local_addr(a.REG_ARG_1, 0)
            self._call(fun.NLR_PUSH)
            if self.arch.nlr_setjmp:
                a.mov_reg_local_addr(a.REG_ARG_1, 2)
                self._call(fun.SETJMP)
            a.jump_if_reg_nonzero(a.REG_RET, global_except_label, True)
            self._mov_local_null(self._idx_exc_handler_pc, a.REG_TEMP0)
            a.jump_reg(a.REG_LOCAL_1)
            self.label_assign(global_except_label)
            a.mov_reg_local(a.REG_LOCAL_1, self._idx_exc_handler_pc)
            a.jump_if_reg_nonzero(a.REG_LOCAL_1, nlr_label, False)
        if not self._gen:
            self._mov_reg_state(a.REG_ARG_1, self._idx_old_globals)
            self._call(fun.NATIVE_SWAP_GLOBALS)
        if self._gen:
            a.mov_reg_local(a.REG_TEMP0, self._idx_exc_val)
            a.store_reg_reg_offset(a.REG_TEMP0, self._reg_generator_state,
                                   OFFSETOF_CODE_STATE_STATE)
            a.mov_reg_imm(a.REG_PARENT_RET, VM_RETURN_EXCEPTION)
            a.exit()
        else:
            a.mov_reg_local(a.REG_ARG_1, self._idx_exc_val)
            self._call(fun.NATIVE_RAISE)
        self.label_assign(start_label)
        if self._gen:
            self._mov_reg_state(a.REG_TEMP0, self._idx_gen_pc)
            a.jump_reg(a.REG_TEMP0)
            self.start_offset = a.code_offset
            a.mov_reg_local(a.REG_ARG_1, self._idx_throw_val)
            self._mov_local_null(self._idx_throw_val, a.REG_ARG_2)
            self._call(fun.NATIVE_RAISE)

    def _global_exc_exit(self) -> None:
        a = self.as_
        exit_label = self.exit_label
        exit_label_2 = exit_label + 1
        self.label_assign(exit_label)
        if self._need_global_exc_handler():
            if not self._gen:
                self._mov_reg_state(a.REG_ARG_1, self._idx_old_globals)
                if self.scope.exc_stack_size == 0:
                    a.jump_if_reg_zero(a.REG_ARG_1, exit_label_2, False)
                self._call(fun.NATIVE_SWAP_GLOBALS)
            self._call(fun.NLR_POP)
            if not self._gen and self.scope.exc_stack_size == 0:
                self.label_assign(exit_label_2)
            a.mov_reg_local(a.REG_PARENT_RET, self._idx_ret_val)
        a.exit()


def _qualified_name(scope) -> str:
    """The scope's name dotted with its enclosing scopes' up to the module, as mpy-cross's
    debug emitter names a function ("C.method", "outer.<lambda>")."""
    names = [scope.simple_name]
    while scope.parent is not None and scope.parent.simple_name != "<module>":
        scope = scope.parent
        names.append(scope.simple_name)
    return ".".join(reversed(names))


def _encode_signature(out: bytearray, n_state: int, scope) -> None:
    out += encode_signature(n_state, 0, scope.scope_flags & SCOPE_FLAG_ALL_SIG,
                            scope.num_pos_args, scope.num_kwonly_args, scope.num_def_pos_args)


def _encode_sizes(out: bytearray, n_info: int, n_cell: int) -> None:
    while True:
        z = (n_info & 0x3F) << 1 | (n_cell & 1)
        n_cell >>= 1
        n_info >>= 6
        if n_cell | n_info:
            z |= 0x80
        out.append(z)
        if not (n_cell | n_info):
            break
