"""The native emitter: the compiler's emit calls turned into machine code (native and viper).

It follows MicroPython's native emitter (py/emitnative.c) step for step, because the output has
to match mpy-cross byte for byte: values on the Python stack are tracked as "in a register", "an
immediate" or "settled in the frame", and only written to the frame when something needs them
there; runtime helpers are called through the native function table (``fun.*`` indices); viper
code tracks a machine type for every local and stack entry. The machine instructions come from
an architecture back end (``asm``), which provides the generic operations used here.
"""

from __future__ import annotations

from mpt.crosscompile.emitbc import (
    ATTR_LOAD, ATTR_STORE, BREAK_FROM_FOR, BUILD_LIST, BUILD_SET, BUILD_SLICE,
    BUILD_TUPLE, IDOP_GLOBAL_GLOBAL, IDOP_GLOBAL_NAME, IDOP_LOCAL_DEREF, IDOP_LOCAL_FAST,
    IMPORT_FROM, IMPORT_NAME, ITER_BUF_NSLOTS, PASS_EMIT, SETUP_BLOCK_FINALLY, SETUP_BLOCK_WITH,
    SUBSCR_LOAD, SUBSCR_STORE, YIELD_FROM, YIELD_VALUE, encode_uint,
)
from mpt.mpy.mpyfile import FUN_TABLE
from mpt.mpy.prelude import encode_signature
from mpt.crosscompile.native import fun, ops
from mpt.crosscompile.native.asmbase import PASS_COMPUTE
from mpt.crosscompile.native.asmbase import PASS_EMIT as ASM_PASS_EMIT
from mpt.mpy.rawcode import KIND_NATIVE_PY, KIND_NATIVE_VIPER
from mpt.crosscompile.scope import (
    ID_FLAG_IS_PARAM, ID_FLAG_VIPER_TYPE_POS, ID_INFO_KIND_CELL, ID_INFO_KIND_FREE,
    ID_INFO_KIND_GLOBAL_EXPLICIT, ID_INFO_KIND_GLOBAL_IMPLICIT,
    ID_INFO_KIND_GLOBAL_IMPLICIT_ASSIGNED, ID_INFO_KIND_LOCAL, SCOPE_FLAG_ALL_SIG,
    SCOPE_FLAG_GENERATOR, SCOPE_FLAG_HASCONSTS, SCOPE_FLAG_REFGLOBALS, SCOPE_FLAG_VARARGS,
    SCOPE_FLAG_VARKEYWORDS, SCOPE_FLAG_VIPERRET_POS, SCOPE_LIST_COMP, SCOPE_SET_COMP,
)
from mpt.errors import CompileError

# viper value types (the low 4 bits are MicroPython's MP_NATIVE_TYPE_* numbers)
VTYPE_PYOBJ = 0x00
VTYPE_BOOL = 0x01
VTYPE_INT = 0x02
VTYPE_UINT = 0x03
VTYPE_PTR = 0x04
VTYPE_PTR8 = 0x05
VTYPE_PTR16 = 0x06
VTYPE_PTR32 = 0x07
VTYPE_PTR_NONE = 0x50 | VTYPE_PTR
VTYPE_UNBOUND = 0x60 | VTYPE_PYOBJ
VTYPE_BUILTIN_CAST = 0x70 | VTYPE_PYOBJ

NATIVE_TYPE_NAMES = {"object": 0, "bool": 1, "int": 2, "uint": 3, "ptr": 4, "ptr8": 5,
                     "ptr16": 6, "ptr32": 7}
_VTYPE_NAMES = {VTYPE_PYOBJ: "object", VTYPE_BOOL: "bool", VTYPE_INT: "int", VTYPE_UINT: "uint",
                VTYPE_PTR: "ptr", VTYPE_PTR8: "ptr8", VTYPE_PTR16: "ptr16", VTYPE_PTR32: "ptr32"}


def native_type_from_name(name: str) -> int:
    """mp_native_type_from_qstr: the viper type a name stands for, or -1."""
    return NATIVE_TYPE_NAMES.get(name, -1)


def vtype_name(vtype: int) -> str:
    return _VTYPE_NAMES.get(vtype, "None")


STACK_VALUE = 0
STACK_REG = 1
STACK_IMM = 2

UNWIND_LABEL_UNUSED = 0x7FFF
UNWIND_LABEL_DO_FINAL_UNWIND = 0x7FFE

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


class NativeAssertion(Exception):
    """mpy-cross's native emitter fails one of its internal assertions here (it aborts)."""


def _expect_obj(*vtypes: int) -> None:
    for vtype in vtypes:
        if vtype != VTYPE_PYOBJ:
            raise NativeAssertion("a Python object was expected")


class _StackInfo:
    __slots__ = ("vtype", "kind", "data")

    def __init__(self):
        self.vtype = VTYPE_UNBOUND
        self.kind = STACK_VALUE
        self.data = 0

    def copy_from(self, other: "_StackInfo") -> None:
        self.vtype = other.vtype
        self.kind = other.kind
        self.data = other.data


class _ExcEntry:
    __slots__ = ("label", "is_finally", "unwind_label", "is_active")

    def __init__(self, label, is_finally: bool):
        self.label = label
        self.is_finally = is_finally
        self.unwind_label = UNWIND_LABEL_UNUSED
        self.is_active = True


class NativeEmitter:
    """Emits one native or viper scope at a time; shared by all native scopes of a module."""

    def __init__(self, common, arch, source_name: str, arch_flags: int = 0,
                 label_slot=None, debug_sink=None):
        self.common = common
        # the compiler's next free label number (mpy-cross's label_slot): the emitter's own
        # labels are the ones the compiler reserves after each emit call that uses them
        self.label_slot = label_slot if label_slot is not None else (lambda: 0)
        self.arch = arch  # an architecture description from mpt.crosscompile.native.archs
        self.source_name = source_name
        self.as_ = arch.new_assembler(arch_flags)
        if debug_sink is not None:
            self.as_.debug_sink = debug_sink
        self.error: str | None = None  # the viper type error recorded in this pass
        self.error_line = 0
        self.prelude_offset = 0
        self.prelude_ptr_index = 0
        self.start_offset = 0
        self.n_info = 0
        self.n_cell = 0
        self.exit_label = None
        self.stack_info: list[_StackInfo] = []
        self.local_vtype: list[int] = []
        self.exc_stack: list[_ExcEntry] = []
        self.saved_stack_vtype = VTYPE_PYOBJ
        self.scope = None
        self.pass_ = 0
        self.stack_size = 0
        self.do_viper_types = False
        self.code_state_start = 0
        self.stack_start = 0
        self.n_state = 0

    # ---- helpers: errors, labels, frame layout ----

    def _viper_error(self, message: str) -> None:
        # mpy-cross records the error and keeps compiling the statement; the last one wins
        self.error = message

    def take_error(self) -> CompileError:
        err = CompileError("ViperTypeError", self.error, self.source_name, self.error_line,
                           self.scope.simple_name)
        self.error = None
        self.error_line = 0
        return err

    def _not_implemented(self, message: str):
        # raised from inside the emitter, so mpy-cross prints it without a traceback
        raise CompileError("NotImplementedError", message, self.source_name, None,
                           self.scope.simple_name)

    def _labels(self, n: int):
        base = self.label_slot()
        return [base + i for i in range(n)]

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

    # ---- the Python stack model ----

    def _ensure(self, n: int) -> None:
        while len(self.stack_info) < self.stack_size + n:
            self.stack_info.append(_StackInfo())

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

    def set_source_line(self, line: int) -> None:
        pass

    def _peek(self, depth: int) -> _StackInfo:
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

    def _load_reg_stack_imm(self, reg: int, si: _StackInfo, convert_to_pyobj: bool) -> int:
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

    # ---- exception handler stack ----

    def _push_exc_stack(self, label, is_finally: bool) -> None:
        self.exc_stack.append(_ExcEntry(label, is_finally))
        self.as_.mov_reg_pcrel(self.as_.REG_RET, label)
        self.as_.mov_local_reg(self._idx_exc_handler_pc, self.as_.REG_RET)

    def _leave_exc_stack(self, start_of_handler: bool) -> None:
        a = self.as_
        self.exc_stack[-1].is_active = False
        active = None
        for e in reversed(self.exc_stack[:-1]):
            if e.is_active:
                active = e
                break
        if active is None:
            if start_of_handler:
                return
            a.clr_reg(a.REG_RET)
        else:
            a.mov_reg_pcrel(a.REG_RET, active.label)
        a.mov_local_reg(self._idx_exc_handler_pc, a.REG_RET)

    def _pop_exc_stack(self) -> _ExcEntry:
        return self.exc_stack.pop()

    # ---- labels and the global exception handler ----

    def label_assign(self, label) -> None:
        is_finally = False
        if self.exc_stack:
            e = self.exc_stack[-1]
            is_finally = e.is_finally and e.label == label
        if is_finally:
            self._access_stack(1, self.as_.REG_TEMP0)
            self.as_.mov_local_reg(self._idx_exc_val, self.as_.REG_TEMP0)
        self._need_stack_settled()
        self.as_.label_assign(label)
        if is_finally:
            self._leave_exc_stack(False)

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

    # ---- identifiers ----

    def id_op(self, scope, qst: str, which: str) -> None:
        id_ = scope.find(qst)
        if id_.kind in (ID_INFO_KIND_GLOBAL_IMPLICIT, ID_INFO_KIND_GLOBAL_IMPLICIT_ASSIGNED):
            getattr(self, which + "_global")(qst, IDOP_GLOBAL_NAME)
        elif id_.kind == ID_INFO_KIND_GLOBAL_EXPLICIT:
            getattr(self, which + "_global")(qst, IDOP_GLOBAL_GLOBAL)
        elif id_.kind == ID_INFO_KIND_LOCAL:
            getattr(self, which + "_local")(qst, id_.local_num, IDOP_LOCAL_FAST)
        else:
            assert id_.kind in (ID_INFO_KIND_CELL, ID_INFO_KIND_FREE)
            getattr(self, which + "_local")(qst, id_.local_num, IDOP_LOCAL_DEREF)

    def _load_fast(self, qst: str, local_num: int) -> None:
        vtype = self.local_vtype[local_num]
        if vtype == VTYPE_UNBOUND:
            self._viper_error(f"local '{qst}' used before type known")
        if local_num < MAX_REGS_FOR_LOCAL_VARS and self._can_use_regs_for_locals():
            self._push_reg(vtype, self._reg_local_table[local_num])
        else:
            a = self.as_
            self._need_reg_single(a.REG_TEMP0, 0)
            self._mov_reg_state(a.REG_TEMP0, self._idx_local_var(local_num))
            self._push_reg(vtype, a.REG_TEMP0)

    def load_local(self, qst: str, local_num: int, kind: int) -> None:
        if kind == IDOP_LOCAL_FAST:
            self._load_fast(qst, local_num)
            return
        a = self.as_
        self._need_reg_single(a.REG_RET, 0)
        self._load_fast(qst, local_num)
        _, reg_base = self._pop_reg_flexible(a.REG_RET, -1, -1)
        a.load_reg_reg_offset(a.REG_RET, reg_base, 1)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def load_global(self, qst: str, kind: int) -> None:
        if kind == IDOP_GLOBAL_GLOBAL and self.do_viper_types:
            native_type = native_type_from_name(qst)
            if native_type >= VTYPE_BOOL:
                self._push_imm(VTYPE_BUILTIN_CAST, native_type)
                return
        self._call_with_qstr_arg(fun.LOAD_NAME + kind, qst, self.as_.REG_ARG_1)
        self._push_reg(VTYPE_PYOBJ, self.as_.REG_RET)

    def _store_fast(self, qst: str, local_num: int) -> None:
        a = self.as_
        if local_num < MAX_REGS_FOR_LOCAL_VARS and self._can_use_regs_for_locals():
            vtype = self._pop_reg(self._reg_local_table[local_num])
        else:
            vtype = self._pop_reg(a.REG_TEMP0)
            self._mov_state_reg(self._idx_local_var(local_num), a.REG_TEMP0)
        if self.local_vtype[local_num] == VTYPE_UNBOUND:
            self.local_vtype[local_num] = vtype
        elif self.local_vtype[local_num] != vtype:
            self._viper_error(f"local '{qst}' has type '{vtype_name(self.local_vtype[local_num])}'"
                              f" but source is '{vtype_name(vtype)}'")

    def store_local(self, qst: str, local_num: int, kind: int) -> None:
        if kind == IDOP_LOCAL_FAST:
            self._store_fast(qst, local_num)
            return
        a = self.as_
        self._need_reg_single(a.REG_TEMP0, 0)
        self._need_reg_single(a.REG_TEMP1, 0)
        self._load_fast(qst, local_num)
        _, reg_base = self._pop_reg_flexible(a.REG_TEMP0, -1, -1)
        _, reg_src = self._pop_reg_flexible(a.REG_TEMP1, reg_base, reg_base)
        a.store_reg_reg_offset(reg_src, reg_base, 1)

    def store_global(self, qst: str, kind: int) -> None:
        a = self.as_
        if kind == IDOP_GLOBAL_NAME:
            _expect_obj(self._pop_reg(a.REG_ARG_2))
        else:
            vtype = self._peek_vtype(0)
            if vtype == VTYPE_PYOBJ:
                self._pop_reg(a.REG_ARG_2)
            else:
                vtype = self._pop_reg(a.REG_ARG_1)
                self._call_with_imm_arg(fun.CONVERT_NATIVE_TO_OBJ, vtype, a.REG_ARG_2)
                a.mov_reg_reg(a.REG_ARG_2, a.REG_RET)
        self._call_with_qstr_arg(fun.STORE_NAME + kind, qst, a.REG_ARG_1)

    def delete_local(self, qst: str, local_num: int, kind: int) -> None:
        if kind == IDOP_LOCAL_FAST:
            self.load_const_tok("KW_NONE")
            self._store_fast(qst, local_num)
        # deleting a cell does nothing in native code (as in mpy-cross)

    def delete_global(self, qst: str, kind: int) -> None:
        self._call_with_qstr_arg(fun.DELETE_NAME + kind, qst, self.as_.REG_ARG_1)

    # ---- imports and constants ----

    def import_(self, qst: str | None, kind: int) -> None:
        a = self.as_
        if kind == IMPORT_NAME:
            saved = self.do_viper_types
            self.do_viper_types = False
            _expect_obj(self._pop_reg(a.REG_ARG_2), self._pop_reg(a.REG_ARG_3))
            self.do_viper_types = saved
            self._call_with_qstr_arg(fun.IMPORT_NAME, qst, a.REG_ARG_1)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
        elif kind == IMPORT_FROM:
            _expect_obj(self._access_stack(1, a.REG_ARG_1))
            self._call_with_qstr_arg(fun.IMPORT_FROM, qst, a.REG_ARG_2)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
        else:
            _expect_obj(self._pop_reg(a.REG_ARG_1))
            self._call(fun.IMPORT_ALL)

    def load_const_tok(self, tok: str) -> None:
        if tok == "ELLIPSIS":
            self.load_const_obj(...)
        elif tok == "KW_NONE":
            self._push_imm(VTYPE_PTR_NONE, 0)
        else:
            self._push_imm(VTYPE_BOOL, 0 if tok == "KW_FALSE" else 1)

    def load_const_small_int(self, arg: int) -> None:
        self._push_imm(VTYPE_INT, arg)

    def load_const_str(self, qst: str) -> None:
        a = self.as_
        self._need_reg_single(a.REG_TEMP0, 0)
        self._load_reg_with_object(a.REG_TEMP0, qst)
        self._push_reg(VTYPE_PYOBJ, a.REG_TEMP0)

    def load_const_obj(self, obj) -> None:
        a = self.as_
        self._need_reg_single(a.REG_TEMP0, 0)
        self._load_reg_with_object(a.REG_TEMP0, obj)
        self._push_reg(VTYPE_PYOBJ, a.REG_TEMP0)

    def load_null(self) -> None:
        self._push_imm(VTYPE_PYOBJ, 0)

    def load_method(self, qst: str, is_super: bool) -> None:
        a = self.as_
        if is_super:
            self._stack_pointer_for_pop(a.REG_ARG_2, 3)
            self._stack_pointer_for_push(a.REG_ARG_2, 2)
            self._call_with_qstr_arg(fun.LOAD_SUPER_METHOD, qst, a.REG_ARG_1)
        else:
            _expect_obj(self._pop_reg(a.REG_ARG_1))
            self._stack_pointer_for_push(a.REG_ARG_3, 2)
            self._call_with_qstr_arg(fun.LOAD_METHOD, qst, a.REG_ARG_2)

    def load_build_class(self) -> None:
        self._call(fun.LOAD_BUILD_CLASS)
        self._push_reg(VTYPE_PYOBJ, self.as_.REG_RET)

    # ---- subscripts and attributes ----

    def subscr(self, kind: int) -> None:
        if kind == SUBSCR_LOAD:
            self._load_subscr()
        elif kind == SUBSCR_STORE:
            self._store_subscr()
        else:
            a = self.as_
            _expect_obj(self._pop_reg(a.REG_ARG_2), self._pop_reg(a.REG_ARG_1))
            self._call_with_imm_arg(fun.OBJ_SUBSCR, 0, a.REG_ARG_3)

    def _load_subscr(self) -> None:
        a = self.as_
        vtype_base = self._peek_vtype(1)
        if vtype_base == VTYPE_PYOBJ:
            vtype_index = self._peek_vtype(0)
            if vtype_index == VTYPE_PYOBJ:
                self._pop_reg(a.REG_ARG_2)
            else:
                vtype_index = self._pop_reg(a.REG_ARG_1)
                self._call_with_imm_arg(fun.CONVERT_NATIVE_TO_OBJ, vtype_index, a.REG_ARG_2)
                a.mov_reg_reg(a.REG_ARG_2, a.REG_RET)
            self._pop_reg(a.REG_ARG_1)
            self._call_with_imm_arg(fun.OBJ_SUBSCR, MP_OBJ_SENTINEL, a.REG_ARG_3)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
            return
        top = self._peek(0)
        bits = {VTYPE_PTR8: 8, VTYPE_PTR16: 16, VTYPE_PTR32: 32}
        if top.vtype == VTYPE_INT and top.kind == STACK_IMM:
            index_value = top.data
            self._pop_discard()
            reg_index = a.REG_ARG_2
            vtype_base, reg_base = self._pop_reg_flexible(a.REG_ARG_1, reg_index, reg_index)
            self._need_reg_single(a.REG_RET, 0)
            b = bits.get(vtype_base)
            if b is None:
                self._viper_error(f"can't load from '{vtype_name(vtype_base)}'")
            elif b in a.load_with_offset:
                a.load_sized_offset(b, a.REG_RET, reg_base, index_value)
            else:
                if index_value != 0:
                    self._need_reg_single(reg_index, 0)
                    a.mov_reg_imm(reg_index, index_value << {8: 0, 16: 1, 32: 2}[b])
                    a.add_reg_reg(reg_index, reg_base)
                    reg_base = reg_index
                a.load_sized(b, a.REG_RET, reg_base)
        else:
            vtype_index, reg_index = self._pop_reg_flexible(a.REG_ARG_2, a.REG_ARG_1, a.REG_ARG_1)
            vtype_base = self._pop_reg(a.REG_ARG_1)
            self._need_reg_single(a.REG_RET, 0)
            if vtype_index not in (VTYPE_INT, VTYPE_UINT):
                self._viper_error(f"can't load with '{vtype_name(vtype_index)}' index")
            b = bits.get(vtype_base)
            if b is None:
                self._viper_error(f"can't load from '{vtype_name(vtype_base)}'")
            elif b in a.load_reg_reg_reg:
                a.load_sized_reg_reg_reg(b, a.REG_RET, a.REG_ARG_1, reg_index)
            else:
                for _ in range({8: 1, 16: 2, 32: 4}[b]):
                    a.add_reg_reg(a.REG_ARG_1, reg_index)
                a.load_sized(b, a.REG_RET, a.REG_ARG_1)
        self._push_reg(VTYPE_INT, a.REG_RET)

    def _store_subscr(self) -> None:
        a = self.as_
        vtype_base = self._peek_vtype(1)
        if vtype_base == VTYPE_PYOBJ:
            vtype_index = self._peek_vtype(0)
            vtype_value = self._peek_vtype(2)
            if vtype_index != VTYPE_PYOBJ or vtype_value != VTYPE_PYOBJ:
                self._stack_pointer_for_pop(a.REG_ARG_1, 3)
                self._adjust_stack(3)
            self._pop_reg(a.REG_ARG_2)
            self._pop_reg(a.REG_ARG_1)
            self._pop_reg(a.REG_ARG_3)
            self._call(fun.OBJ_SUBSCR)
            return
        top = self._peek(0)
        bits = {VTYPE_PTR8: 8, VTYPE_PTR16: 16, VTYPE_PTR32: 32}
        if top.vtype == VTYPE_INT and top.kind == STACK_IMM:
            index_value = top.data
            self._pop_discard()
            reg_index = a.REG_ARG_2
            reg_value = a.REG_ARG_3
            vtype_base, reg_base = self._pop_reg_flexible(a.REG_ARG_1, reg_index, reg_value)
            if a.byte_store_needs_low_reg:
                vtype_value = self._pop_reg(reg_value)
            else:
                vtype_value, reg_value = self._pop_reg_flexible(reg_value, reg_base, reg_index)
            if vtype_value not in (VTYPE_BOOL, VTYPE_INT, VTYPE_UINT):
                self._viper_error(f"can't store '{vtype_name(vtype_value)}'")
            b = bits.get(vtype_base)
            if b is None:
                self._viper_error(f"can't store to '{vtype_name(vtype_base)}'")
            elif b in a.store_with_offset:
                a.store_sized_offset(b, reg_value, reg_base, index_value)
            else:
                if index_value != 0:
                    a.mov_reg_imm(reg_index, index_value << {8: 0, 16: 1, 32: 2}[b])
                    a.add_reg_reg(reg_index, reg_base)
                    reg_base = reg_index
                a.store_sized(b, reg_value, reg_base)
        else:
            reg_value = a.REG_ARG_3
            vtype_index, reg_index = self._pop_reg_flexible(a.REG_ARG_2, a.REG_ARG_1, reg_value)
            vtype_base = self._pop_reg(a.REG_ARG_1)
            if vtype_index not in (VTYPE_INT, VTYPE_UINT):
                self._viper_error(f"can't store with '{vtype_name(vtype_index)}' index")
            if a.byte_store_needs_low_reg:
                vtype_value = self._pop_reg(reg_value)
            else:
                vtype_value, reg_value = self._pop_reg_flexible(reg_value, a.REG_ARG_1, reg_index)
            if vtype_value not in (VTYPE_BOOL, VTYPE_INT, VTYPE_UINT):
                self._viper_error(f"can't store '{vtype_name(vtype_value)}'")
            b = bits.get(vtype_base)
            if b is None:
                self._viper_error(f"can't store to '{vtype_name(vtype_base)}'")
            elif b in a.store_reg_reg_reg:
                a.store_sized_reg_reg_reg(b, reg_value, a.REG_ARG_1, reg_index)
            else:
                for _ in range({8: 1, 16: 2, 32: 4}[b]):
                    a.add_reg_reg(a.REG_ARG_1, reg_index)
                a.store_sized(b, reg_value, a.REG_ARG_1)

    def attr(self, qst: str, kind: int) -> None:
        a = self.as_
        if kind == ATTR_LOAD:
            _expect_obj(self._pop_reg(a.REG_ARG_1))
            self._call_with_qstr_arg(fun.LOAD_ATTR, qst, a.REG_ARG_2)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
        elif kind == ATTR_STORE:
            vtype_val = self._peek_vtype(1)
            if vtype_val == VTYPE_PYOBJ:
                vtype_base = self._pop_reg(a.REG_ARG_1)
                self._pop_reg(a.REG_ARG_3)
            else:
                vtype_val = self._access_stack(2, a.REG_ARG_1)
                self._call_with_imm_arg(fun.CONVERT_NATIVE_TO_OBJ, vtype_val, a.REG_ARG_2)
                a.mov_reg_reg(a.REG_ARG_3, a.REG_RET)
                vtype_base = self._pop_reg(a.REG_ARG_1)
                self._adjust_stack(-1)
            _expect_obj(vtype_base)
            self._call_with_qstr_arg(fun.STORE_ATTR, qst, a.REG_ARG_2)
        else:
            _expect_obj(self._pop_reg(a.REG_ARG_1))
            a.clr_reg(a.REG_ARG_3)
            self._call_with_qstr_arg(fun.STORE_ATTR, qst, a.REG_ARG_2)

    # ---- stack shuffles ----

    def dup_top(self) -> None:
        vtype, reg = self._pop_reg_flexible(self.as_.REG_TEMP0, -1, -1)
        self._push_reg(vtype, reg)
        self._push_reg(vtype, reg)

    def dup_top_two(self) -> None:
        a = self.as_
        vtype0 = self._pop_reg(a.REG_TEMP0)
        vtype1 = self._pop_reg(a.REG_TEMP1)
        self._push_reg(vtype1, a.REG_TEMP1)
        self._push_reg(vtype0, a.REG_TEMP0)
        self._push_reg(vtype1, a.REG_TEMP1)
        self._push_reg(vtype0, a.REG_TEMP0)

    def pop_top(self) -> None:
        self._pop_discard()

    def rot_two(self) -> None:
        a = self.as_
        vtype0 = self._pop_reg(a.REG_TEMP0)
        vtype1 = self._pop_reg(a.REG_TEMP1)
        self._push_reg(vtype0, a.REG_TEMP0)
        self._push_reg(vtype1, a.REG_TEMP1)

    def rot_three(self) -> None:
        a = self.as_
        vtype0 = self._pop_reg(a.REG_TEMP0)
        vtype1 = self._pop_reg(a.REG_TEMP1)
        vtype2 = self._pop_reg(a.REG_TEMP2)
        self._push_reg(vtype0, a.REG_TEMP0)
        self._push_reg(vtype2, a.REG_TEMP2)
        self._push_reg(vtype1, a.REG_TEMP1)

    # ---- jumps and blocks ----

    def jump(self, label) -> None:
        self._need_stack_settled()
        self.as_.jump(label)
        self.as_.suppress_code()

    def _jump_helper(self, cond: bool, label, pop: bool) -> None:
        a = self.as_
        vtype = self._peek_vtype(0)
        if vtype == VTYPE_PYOBJ:
            self._pop_reg(a.REG_ARG_1)
            if not pop:
                self._adjust_stack(1)
            self._call(fun.OBJ_IS_TRUE)
        else:
            vtype = self._pop_reg(a.REG_RET)
            if not pop:
                self._adjust_stack(1)
            if vtype not in (VTYPE_BOOL, VTYPE_INT, VTYPE_UINT):
                self._viper_error(f"can't implicitly convert '{vtype_name(vtype)}' to 'bool'")
        if not pop:
            self.saved_stack_vtype = vtype
        self._need_stack_settled()
        if cond:
            a.jump_if_reg_nonzero(a.REG_RET, label, vtype == VTYPE_PYOBJ)
        else:
            a.jump_if_reg_zero(a.REG_RET, label, vtype == VTYPE_PYOBJ)
        if not pop:
            self._adjust_stack(-1)

    def pop_jump_if(self, cond: bool, label) -> None:
        self._jump_helper(cond, label, True)

    def jump_if_or_pop(self, cond: bool, label) -> None:
        self._jump_helper(cond, label, False)

    def unwind_jump(self, label, except_depth: int) -> None:
        a = self.as_
        if except_depth > 0:
            first_finally = None
            prev_finally = None
            idx = len(self.exc_stack) - 1
            while except_depth > 0:
                e = self.exc_stack[idx]
                if e.is_finally and e.is_active:
                    if first_finally is None:
                        first_finally = e
                    if prev_finally is not None:
                        prev_finally.unwind_label = e.label
                    prev_finally = e
                except_depth -= 1
                idx -= 1
            if prev_finally is None:
                if idx < 0:
                    a.clr_reg(a.REG_RET)
                else:
                    a.mov_reg_pcrel(a.REG_RET, self.exc_stack[idx].label)
                a.mov_local_reg(self._idx_exc_handler_pc, a.REG_RET)
            else:
                prev_finally.unwind_label = UNWIND_LABEL_DO_FINAL_UNWIND
                a.mov_reg_pcrel(a.REG_RET, _strip_break(label))
                a.mov_local_reg(self._idx_exc_handler_unwind, a.REG_RET)
                a.mov_reg_imm(a.REG_RET, 0)
                a.mov_local_reg(self._idx_exc_val, a.REG_RET)
                label = first_finally.label
        self.jump(_strip_break(label))

    def setup_block(self, label, kind: int) -> None:
        a = self.as_
        if kind == SETUP_BLOCK_WITH:
            _expect_obj(self._access_stack(1, a.REG_ARG_1))
            self._stack_pointer_for_push(a.REG_ARG_3, 2)
            self._call_with_qstr_arg(fun.LOAD_METHOD, "__exit__", a.REG_ARG_2)
            self._pop_reg(a.REG_ARG_3)
            self._pop_reg(a.REG_ARG_2)
            vtype = self._pop_reg(a.REG_ARG_1)
            self._push_reg(vtype, a.REG_ARG_2)
            self._push_reg(vtype, a.REG_ARG_3)
            self._stack_pointer_for_push(a.REG_ARG_3, 2)
            self._call_with_qstr_arg(fun.LOAD_METHOD, "__enter__", a.REG_ARG_2)
            self._stack_pointer_for_pop(a.REG_ARG_3, 2)
            self._call_with_2_imm_args(fun.CALL_METHOD_N_KW, 0, a.REG_ARG_1, 0, a.REG_ARG_2)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
            self._need_stack_settled()
            self._push_exc_stack(label, True)
            self.dup_top()
        else:
            self._need_stack_settled()
            self._push_exc_stack(label, kind == SETUP_BLOCK_FINALLY)

    def with_cleanup(self, label) -> None:
        a = self.as_
        slots = self._labels(3)
        self._leave_exc_stack(False)
        self._adjust_stack(-1)
        self.label_assign(slots[2])
        for _ in range(3):
            self._push_imm(VTYPE_PTR_NONE, 0)
        self._stack_pointer_for_pop(a.REG_ARG_3, 5)
        self._call_with_2_imm_args(fun.CALL_METHOD_N_KW, 3, a.REG_ARG_1, 0, a.REG_ARG_2)
        self.jump(slots[0])
        a.label_assign(label)
        self._leave_exc_stack(True)
        self.adjust_stack_size(2)
        a.mov_reg_local(a.REG_ARG_1, self._idx_exc_val)
        a.jump_if_reg_zero(a.REG_ARG_1, slots[2], False)
        a.load_reg_reg_offset(a.REG_ARG_2, a.REG_ARG_1, 0)
        self._push_reg(VTYPE_PYOBJ, a.REG_ARG_2)
        self._push_reg(VTYPE_PYOBJ, a.REG_ARG_1)
        self._push_imm(VTYPE_PTR_NONE, 0)
        self._stack_pointer_for_pop(a.REG_ARG_3, 5)
        self._call_with_2_imm_args(fun.CALL_METHOD_N_KW, 3, a.REG_ARG_1, 0, a.REG_ARG_2)
        if a.REG_ARG_1 != a.REG_RET:
            a.mov_reg_reg(a.REG_ARG_1, a.REG_RET)
        self._call(fun.OBJ_IS_TRUE)
        a.jump_if_reg_zero(a.REG_RET, slots[1], True)
        self.label_assign(slots[0])
        self._mov_local_null(self._idx_exc_val, a.REG_TEMP0)
        self.label_assign(slots[1])
        self._adjust_stack(1)

    def async_with_setup_finally(self, label_aexit_no_exc, label_finally_block,
                                 label_ret_unwind_jump) -> None:
        a = self.as_
        self.adjust_stack_size(1)
        self.rot_two()
        self.load_const_tok("KW_NONE")
        self.rot_two()
        self.jump(label_aexit_no_exc)
        self.adjust_stack_size(-1)
        self.label_assign(label_finally_block)
        self._pop_discard()
        a.mov_reg_local(a.REG_ARG_1, self._idx_exc_val)
        self._push_reg(VTYPE_PYOBJ, a.REG_ARG_1)
        a.jump_if_reg_zero(a.REG_ARG_1, label_ret_unwind_jump, False)

    def end_finally(self) -> None:
        a = self.as_
        slot = self._labels(1)[0]
        self._pop_discard()
        a.mov_reg_local(a.REG_ARG_1, self._idx_exc_val)
        self._call(fun.NATIVE_RAISE)
        e = self._pop_exc_stack()
        if e.unwind_label != UNWIND_LABEL_UNUSED:
            a.mov_reg_local(a.REG_RET, self._idx_exc_handler_unwind)
            a.jump_if_reg_zero(a.REG_RET, slot, False)
            if e.unwind_label == UNWIND_LABEL_DO_FINAL_UNWIND:
                a.jump_reg(a.REG_RET)
            else:
                self.jump(e.unwind_label)
            self.label_assign(slot)

    def get_iter(self, use_stack: bool) -> None:
        a = self.as_
        _expect_obj(self._pop_reg(a.REG_ARG_1))
        if use_stack:
            self._stack_pointer_for_push(a.REG_ARG_2, ITER_BUF_NSLOTS)
            self._call(fun.NATIVE_GETITER)
        else:
            a.mov_reg_imm(a.REG_ARG_2, 0)
            self._call(fun.NATIVE_GETITER)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def for_iter(self, label) -> None:
        a = self.as_
        self._stack_pointer_for_pop(a.REG_ARG_1, ITER_BUF_NSLOTS)
        self._adjust_stack(ITER_BUF_NSLOTS)
        self._call(fun.NATIVE_ITERNEXT)
        a.jump_if_reg_zero(a.REG_RET, label, False)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def for_iter_end(self) -> None:
        self._adjust_stack(-ITER_BUF_NSLOTS)

    def pop_except_jump(self, label, within_exc_handler: bool) -> None:
        if within_exc_handler:
            self._mov_local_null(self._idx_exc_val, self.as_.REG_TEMP0)
        else:
            self._leave_exc_stack(False)
        self.jump(label)

    # ---- operators ----

    def unary_op(self, op: int) -> None:
        a = self.as_
        vtype = self._peek_vtype(0)
        if vtype in (VTYPE_INT, VTYPE_UINT):
            if op == ops.UNARY_POSITIVE:
                pass
            elif op == ops.UNARY_NEGATIVE:
                vtype = self._pop_reg(a.REG_RET)
                a.neg_reg(a.REG_RET)
                self._push_reg(vtype, a.REG_RET)
            elif op == ops.UNARY_INVERT:
                vtype = self._pop_reg(a.REG_RET)
                if hasattr(a, "not_reg"):
                    a.not_reg(a.REG_RET)
                else:
                    reg = a.REG_ARG_1 if a.REG_RET != a.REG_ARG_1 else a.REG_ARG_2
                    a.mov_reg_imm(reg, -1)
                    a.xor_reg_reg(a.REG_RET, reg)
                self._push_reg(vtype, a.REG_RET)
            else:
                self._viper_error("'not' not implemented")
        elif vtype == VTYPE_PYOBJ:
            self._pop_reg(a.REG_ARG_2)
            self._call_with_imm_arg(fun.UNARY_OP, op, a.REG_ARG_1)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
        else:
            self._viper_error(f"can't do unary op of '{vtype_name(vtype)}'")

    def binary_op(self, op: int) -> None:
        a = self.as_
        vtype_lhs = self._peek_vtype(1)
        vtype_rhs = self._peek_vtype(0)
        if vtype_lhs in (VTYPE_INT, VTYPE_UINT) and vtype_rhs in (VTYPE_INT, VTYPE_UINT):
            if ops.INPLACE_OR <= op <= ops.INPLACE_POWER:
                op += ops.OR - ops.INPLACE_OR
            if a.REG_SHIFT_COUNT is not None and op in (ops.LSHIFT, ops.RSHIFT):
                vtype_rhs = self._pop_reg(a.REG_SHIFT_COUNT)
                vtype_lhs = self._pop_reg(a.REG_RET)
                if op == ops.LSHIFT:
                    a.lsl_reg(a.REG_RET)
                elif vtype_lhs == VTYPE_UINT:
                    a.lsr_reg(a.REG_RET)
                else:
                    a.asr_reg(a.REG_RET)
                self._push_reg(vtype_lhs, a.REG_RET)
                return
            if op in (ops.FLOOR_DIVIDE, ops.MODULO):
                vtype_rhs = self._pop_reg(a.REG_ARG_2)
                vtype_lhs = self._pop_reg(a.REG_ARG_1)
                if vtype_lhs != VTYPE_INT:
                    self._viper_error("div/mod not implemented for uint")
                self._call(fun.SMALL_INT_FLOOR_DIVIDE if op == ops.FLOOR_DIVIDE
                           else fun.SMALL_INT_MODULO)
                self._push_reg(VTYPE_INT, a.REG_RET)
                return
            vtype_rhs, reg_rhs = self._pop_reg_flexible(a.REG_ARG_3, a.REG_RET, a.REG_ARG_2)
            vtype_lhs = self._pop_reg(a.REG_ARG_2)
            if a.REG_SHIFT_COUNT is None and op in (ops.LSHIFT, ops.RSHIFT):
                if op == ops.LSHIFT:
                    a.lsl_reg_reg(a.REG_ARG_2, reg_rhs)
                elif vtype_lhs == VTYPE_UINT:
                    a.lsr_reg_reg(a.REG_ARG_2, reg_rhs)
                else:
                    a.asr_reg_reg(a.REG_ARG_2, reg_rhs)
                self._push_reg(vtype_lhs, a.REG_ARG_2)
                return
            simple = {ops.OR: a.or_reg_reg, ops.XOR: a.xor_reg_reg, ops.AND: a.and_reg_reg,
                      ops.ADD: a.add_reg_reg, ops.SUBTRACT: a.sub_reg_reg,
                      ops.MULTIPLY: a.mul_reg_reg}
            if op in simple:
                simple[op](a.REG_ARG_2, reg_rhs)
                self._push_reg(vtype_lhs, a.REG_ARG_2)
            elif ops.LESS <= op <= ops.NOT_EQUAL:
                if vtype_lhs != vtype_rhs:
                    self._viper_error("comparison of int and uint")
                op_idx = op - ops.LESS + (0 if vtype_lhs == VTYPE_UINT else 6)
                self._need_reg_single(a.REG_RET, 0)
                a.compare_set(op_idx, a.REG_RET, a.REG_ARG_2, reg_rhs)
                self._push_reg(VTYPE_BOOL, a.REG_RET)
            else:
                self._adjust_stack(1)
                # mpy-cross 1.29 prints an empty operator name here (its method-name table
                # does not give a printable qstr for any operator that can reach this point)
                self._viper_error("binary op  not implemented")
        elif vtype_lhs == VTYPE_PYOBJ and vtype_rhs == VTYPE_PYOBJ:
            self._pop_reg(a.REG_ARG_3)
            self._pop_reg(a.REG_ARG_2)
            invert = False
            if op == ops.NOT_IN:
                invert = True
                op = ops.IN
            elif op == ops.IS_NOT:
                invert = True
                op = ops.IS
            self._call_with_imm_arg(fun.BINARY_OP, op, a.REG_ARG_1)
            if invert:
                a.mov_reg_reg(a.REG_ARG_2, a.REG_RET)
                self._call_with_imm_arg(fun.UNARY_OP, ops.UNARY_NOT, a.REG_ARG_1)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
        else:
            self._adjust_stack(-1)
            self._viper_error(f"can't do binary op between '{vtype_name(vtype_lhs)}' and "
                              f"'{vtype_name(vtype_rhs)}'")

    # ---- building and unpacking ----

    def build(self, n_args: int, kind: int) -> None:
        a = self.as_
        if kind == BUILD_SLICE:
            if n_args == 2:
                _expect_obj(self._pop_reg(a.REG_ARG_2), self._pop_reg(a.REG_ARG_1))
                self._mov_reg_const(a.REG_ARG_3, fun.CONST_NONE_OBJ)
            else:
                _expect_obj(self._pop_reg(a.REG_ARG_3), self._pop_reg(a.REG_ARG_2),
                            self._pop_reg(a.REG_ARG_1))
            self._call(fun.NEW_SLICE)
            self._push_reg(VTYPE_PYOBJ, a.REG_RET)
            return
        if kind in (BUILD_TUPLE, BUILD_LIST, BUILD_SET):
            self._stack_pointer_for_pop(a.REG_ARG_2, n_args)
        self._call_with_imm_arg(fun.BUILD_TUPLE + kind, n_args, a.REG_ARG_1)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def store_map(self) -> None:
        a = self.as_
        _expect_obj(self._pop_reg(a.REG_ARG_2), self._pop_reg(a.REG_ARG_3),
                    self._pop_reg(a.REG_ARG_1))
        self._call(fun.STORE_MAP)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def store_comp(self, scope_kind: int, collection_index: int) -> None:
        a = self.as_
        if scope_kind == SCOPE_LIST_COMP:
            _expect_obj(self._pop_reg(a.REG_ARG_2))
            f = fun.LIST_APPEND
        elif scope_kind == SCOPE_SET_COMP:
            _expect_obj(self._pop_reg(a.REG_ARG_2))
            f = fun.STORE_SET
        else:
            _expect_obj(self._pop_reg(a.REG_ARG_2), self._pop_reg(a.REG_ARG_3))
            f = fun.STORE_MAP
        _expect_obj(self._access_stack(collection_index, a.REG_ARG_1))
        self._call(f)

    def unpack_sequence(self, n_args: int) -> None:
        a = self.as_
        _expect_obj(self._pop_reg(a.REG_ARG_1))
        self._stack_pointer_for_push(a.REG_ARG_3, n_args)
        self._call_with_imm_arg(fun.UNPACK_SEQUENCE, n_args, a.REG_ARG_2)

    def unpack_ex(self, n_left: int, n_right: int) -> None:
        a = self.as_
        _expect_obj(self._pop_reg(a.REG_ARG_1))
        self._stack_pointer_for_push(a.REG_ARG_3, n_left + n_right + 1)
        self._call_with_imm_arg(fun.UNPACK_EX, n_left | (n_right << 8), a.REG_ARG_2)

    # ---- functions and calls ----

    def make_function(self, scope, n_pos_defaults: int, n_kw_defaults: int) -> None:
        a = self.as_
        self._mov_reg_state(a.REG_ARG_2, self._idx_fun_obj)
        a.load_reg_reg_offset(a.REG_ARG_2, a.REG_ARG_2, OFFSETOF_OBJ_FUN_BC_CONTEXT)
        if n_pos_defaults == 0 and n_kw_defaults == 0:
            self._need_reg_all()
            a.mov_reg_imm(a.REG_ARG_3, 0)
        else:
            self._stack_pointer_for_pop(a.REG_ARG_3, 2)
            self._need_reg_all()
        self._load_reg_with_child(a.REG_ARG_1, scope.raw_code)
        a.call_ind(fun.MAKE_FUNCTION_FROM_PROTO_FUN)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def make_closure(self, scope, n_closed_over: int, n_pos_defaults: int,
                     n_kw_defaults: int) -> None:
        a = self.as_
        self._mov_reg_state(a.REG_ARG_2, self._idx_fun_obj)
        a.load_reg_reg_offset(a.REG_ARG_2, a.REG_ARG_2, OFFSETOF_OBJ_FUN_BC_CONTEXT)
        if n_pos_defaults == 0 and n_kw_defaults == 0:
            self._need_reg_all()
            a.mov_reg_imm(a.REG_ARG_3, 0)
        else:
            self._stack_pointer_for_pop(a.REG_ARG_3, 2 + n_closed_over)
            self._adjust_stack(2 + n_closed_over)
            self._need_reg_all()
        self._load_reg_with_child(a.REG_ARG_1, scope.raw_code)
        a.call_ind(fun.MAKE_FUNCTION_FROM_PROTO_FUN)
        if a.preprocessor_regs_differ(a.REG_ARG_1, a.REG_RET):
            a.mov_reg_reg(a.REG_ARG_1, a.REG_RET)
        a.mov_reg_imm(a.REG_ARG_2, n_closed_over)
        self._stack_pointer_for_pop(a.REG_ARG_3, n_closed_over)
        if n_pos_defaults != 0 or n_kw_defaults != 0:
            self._adjust_stack(-2)
        a.call_ind(fun.NEW_CLOSURE)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def call_function(self, n_positional: int, n_keyword: int, star_flags: int) -> None:
        a = self.as_
        vtype_fun = self._peek_vtype(n_positional + 2 * n_keyword)
        if vtype_fun == VTYPE_BUILTIN_CAST:
            if n_positional != 1 or n_keyword != 0 or star_flags:
                raise NativeAssertion("a cast takes exactly one argument")
            vtype_cast = self._peek(1).data
            arg_vtype = self._peek_vtype(0)
            if arg_vtype == VTYPE_PYOBJ:
                self._pop_reg(a.REG_ARG_1)
                self._pop_discard()
                self._call_with_imm_arg(fun.CONVERT_OBJ_TO_NATIVE, vtype_cast, a.REG_ARG_2)
                self._push_reg(vtype_cast, a.REG_RET)
            elif arg_vtype in (VTYPE_BOOL, VTYPE_INT, VTYPE_UINT, VTYPE_PTR, VTYPE_PTR8,
                               VTYPE_PTR16, VTYPE_PTR32, VTYPE_PTR_NONE):
                self._fold_stack_top(a.REG_ARG_1)
                self._top_set_vtype(vtype_cast)
            else:
                self._not_implemented("casting")
            return
        _expect_obj(vtype_fun)
        if star_flags:
            self._stack_pointer_for_pop(a.REG_ARG_3, n_positional + 2 * n_keyword + 2)
            self._call_with_2_imm_args(fun.CALL_METHOD_N_KW_VAR, 0, a.REG_ARG_1,
                                       n_positional | (n_keyword << 8), a.REG_ARG_2)
        else:
            if n_positional != 0 or n_keyword != 0:
                self._stack_pointer_for_pop(a.REG_ARG_3, n_positional + 2 * n_keyword)
            self._pop_reg(a.REG_ARG_1)
            self._call_with_imm_arg(fun.NATIVE_CALL_FUNCTION_N_KW,
                                    n_positional | (n_keyword << 8), a.REG_ARG_2)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def call_method(self, n_positional: int, n_keyword: int, star_flags: int) -> None:
        a = self.as_
        if star_flags:
            self._stack_pointer_for_pop(a.REG_ARG_3, n_positional + 2 * n_keyword + 3)
            self._call_with_2_imm_args(fun.CALL_METHOD_N_KW_VAR, 1, a.REG_ARG_1,
                                       n_positional | (n_keyword << 8), a.REG_ARG_2)
        else:
            self._stack_pointer_for_pop(a.REG_ARG_3, 2 + n_positional + 2 * n_keyword)
            self._call_with_2_imm_args(fun.CALL_METHOD_N_KW, n_positional, a.REG_ARG_1,
                                       n_keyword, a.REG_ARG_2)
        self._push_reg(VTYPE_PYOBJ, a.REG_RET)

    def return_value(self) -> None:
        a = self.as_
        if self._gen:
            self._stack_pointer_for_pop(a.REG_TEMP0, 1)
            self._mov_state_reg(OFFSETOF_CODE_STATE_SP, a.REG_TEMP0)
            a.mov_reg_imm(a.REG_TEMP0, VM_RETURN_NORMAL)
            a.mov_local_reg(self._idx_ret_val, a.REG_TEMP0)
            self.unwind_jump(self.exit_label, len(self.exc_stack))
            return
        if self.do_viper_types:
            return_vtype = self.scope.scope_flags >> SCOPE_FLAG_VIPERRET_POS
            if self._peek_vtype(0) == VTYPE_PTR_NONE:
                self._pop_discard()
                if return_vtype == VTYPE_PYOBJ:
                    self._mov_reg_const(a.REG_PARENT_RET, fun.CONST_NONE_OBJ)
                else:
                    a.mov_reg_imm(a.REG_ARG_1, 0)
            else:
                vtype = self._pop_reg(a.REG_PARENT_RET if return_vtype == VTYPE_PYOBJ
                                      else a.REG_ARG_1)
                if vtype != return_vtype:
                    self._viper_error(f"return expected '{vtype_name(return_vtype)}' but got "
                                      f"'{vtype_name(vtype)}'")
            if return_vtype != VTYPE_PYOBJ:
                self._call_with_imm_arg(fun.CONVERT_NATIVE_TO_OBJ, return_vtype, a.REG_ARG_2)
                if a.preprocessor_regs_differ(a.REG_RET, a.REG_PARENT_RET):
                    a.mov_reg_reg(a.REG_PARENT_RET, a.REG_RET)
        else:
            _expect_obj(self._pop_reg(a.REG_PARENT_RET))
        if self._need_global_exc_handler():
            a.mov_local_reg(self._idx_ret_val, a.REG_PARENT_RET)
        self.unwind_jump(self.exit_label, len(self.exc_stack))

    def raise_varargs(self, n_args: int) -> None:
        if n_args != 1:
            self._not_implemented("native raise")
        vtype = self._pop_reg(self.as_.REG_ARG_1)
        if vtype != VTYPE_PYOBJ:
            self._viper_error("must raise an object")
        self._call(fun.NATIVE_RAISE)
        self.as_.suppress_code()

    def yield_(self, kind: int) -> None:
        a = self.as_
        if self.do_viper_types:
            self._not_implemented("native yield")
        slots = self._labels(3)
        self.scope.scope_flags |= SCOPE_FLAG_GENERATOR
        self._need_stack_settled()
        if kind == YIELD_FROM:
            self.jump(slots[2])
            self.label_assign(slots[1])
        self._stack_pointer_for_pop(a.REG_TEMP0, 1)
        self._mov_state_reg(OFFSETOF_CODE_STATE_SP, a.REG_TEMP0)
        a.mov_reg_imm(a.REG_TEMP0, VM_RETURN_YIELD)
        a.mov_local_reg(self._idx_ret_val, a.REG_TEMP0)
        a.mov_reg_pcrel(a.REG_TEMP0, slots[0])
        self._mov_state_reg(self._idx_gen_pc, a.REG_TEMP0)
        a.jump(self.exit_label)
        a.label_assign(slots[0])
        for e in reversed(self.exc_stack):
            if e.is_active:
                a.mov_reg_pcrel(a.REG_RET, e.label)
                a.mov_local_reg(self._idx_exc_handler_pc, a.REG_RET)
                break
        self.adjust_stack_size(1)
        if kind == YIELD_VALUE:
            a.mov_reg_local(a.REG_ARG_1, self._idx_throw_val)
            self._mov_local_null(self._idx_throw_val, a.REG_ARG_2)
            self._call(fun.NATIVE_RAISE)
        else:
            self.label_assign(slots[2])
            a.mov_reg_local(a.REG_ARG_3, self._idx_throw_val)
            a.mov_reg_imm(a.REG_ARG_2, 0)
            a.mov_local_reg(self._idx_throw_val, a.REG_ARG_2)
            self._pop_reg(a.REG_ARG_2)
            self._access_stack(1, a.REG_ARG_1)
            self._push_reg(VTYPE_PYOBJ, a.REG_ARG_3)
            self._stack_pointer_for_pop(a.REG_ARG_3, 1)
            self._call(fun.NATIVE_YIELD_FROM)
            a.jump_if_reg_nonzero(a.REG_RET, slots[1], True)
            self.adjust_stack_size(1)
            self._fold_stack_top(a.REG_ARG_1)

    def start_except_handler(self) -> None:
        self._leave_exc_stack(True)
        self.as_.mov_reg_local(self.as_.REG_TEMP0, self._idx_exc_val)
        self._push_reg(VTYPE_PYOBJ, self.as_.REG_TEMP0)

    def end_except_handler(self) -> None:
        pass


def _qualified_name(scope) -> str:
    """The scope's name dotted with its enclosing scopes' up to the module, as mpy-cross's
    debug emitter names a function ("C.method", "outer.<lambda>")."""
    names = [scope.simple_name]
    while scope.parent is not None and scope.parent.simple_name != "<module>":
        scope = scope.parent
        names.append(scope.simple_name)
    return ".".join(reversed(names))


def _strip_break(label):
    if isinstance(label, int):
        return label & ~BREAK_FROM_FOR
    return label


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
