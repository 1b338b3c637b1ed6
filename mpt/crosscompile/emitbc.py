"""The bytecode emitter: turns the compiler's emit calls into a function's prelude and bytecode.

Mirrors MicroPython's bytecode emitter pass for pass, because .mpy output must be byte-identical:
sizes are estimated in the STACK_SIZE and CODE_SIZE passes, and the EMIT pass is repeated while
jump encodings keep shrinking. The module-wide tables (qstrs, constant objects, children) are
kept in ``EmitCommon`` (emitcommon.py); the order in which entries are first used decides their
index. The compiler walks a scope's tree in its SCOPE and STACK_SIZE passes only: the later
passes are made from the STACK_SIZE pass's bytecode (``Emitter.layout_pass``).
"""

from __future__ import annotations

from mpt.crosscompile.scope import (
    ID_FLAG_IS_PARAM, ID_INFO_KIND_CELL, ID_INFO_KIND_FREE, ID_INFO_KIND_GLOBAL_EXPLICIT,
    ID_INFO_KIND_GLOBAL_IMPLICIT, ID_INFO_KIND_GLOBAL_IMPLICIT_ASSIGNED, ID_INFO_KIND_LOCAL,
    SCOPE_DICT_COMP, SCOPE_LIST_COMP, SCOPE_FLAG_ALL_SIG, SCOPE_FLAG_GENERATOR,
)
from mpt.mpy import opcodes as op
from mpt.mpy.prelude import encode_line_step, encode_signature, encode_size
from mpt.mpy.rawcode import KIND_BYTECODE, RawCode
from mpt.mpy.varint import encode_var_sint as encode_sint
from mpt.mpy.varint import encode_var_uint as encode_uint

from mpt.crosscompile.emitcommon import (  # noqa: F401  (the passes: named from here too)
    PASS_CODE_SIZE, PASS_EMIT, PASS_SCOPE, PASS_STACK_SIZE, EmitCommon,
)

ITER_BUF_NSLOTS = 4
BREAK_FROM_FOR = 0x8000

# kinds for the grouped emit operations
IDOP_LOCAL_FAST = 0
IDOP_LOCAL_DEREF = 1
IDOP_GLOBAL_NAME = 0
IDOP_GLOBAL_GLOBAL = 1
IMPORT_NAME = 0
IMPORT_FROM = 1
IMPORT_STAR = 2
SUBSCR_LOAD = 0
SUBSCR_STORE = 1
SUBSCR_DELETE = 2
ATTR_LOAD = 0
ATTR_STORE = 1
ATTR_DELETE = 2
SETUP_BLOCK_WITH = 0
SETUP_BLOCK_EXCEPT = 1
SETUP_BLOCK_FINALLY = 2
BUILD_TUPLE = 0
BUILD_LIST = 1
BUILD_MAP = 2
BUILD_SET = 3
BUILD_SLICE = 4
YIELD_VALUE = 0
YIELD_FROM = 1
STAR_FLAG_SINGLE = 0x01
STAR_FLAG_DOUBLE = 0x02

_TOKEN_CONST = {"KW_FALSE": op.LOAD_CONST_FALSE, "KW_NONE": op.LOAD_CONST_NONE,
                "KW_TRUE": op.LOAD_CONST_TRUE}


# what the layout of a STACK_SIZE pass notes (see Emitter.layout_pass)
_JUMP, _LABEL, _LINE = 0, 1, 2

# encode_line_step's result by its (bytes, lines) arguments: most steps are small and repeat
_LINE_STEPS: dict[tuple[int, int], bytes] = {}


class BytecodeOverflow(Exception):
    """A jump does not fit the 2-byte encoding."""


class Emitter:
    """Bytecode emitter for one scope at a time (reused across scopes, like emitbc.c)."""

    def __init__(self, common: EmitCommon, *, opt_level: int, include_source_lines: bool):
        self.common = common
        self.opt_level = opt_level
        self.include_source_lines = include_source_lines
        self.source_lines_on = opt_level < 3 and include_source_lines
        self.label_offsets: dict[int, int] = {}
        self.code_info_size = 0
        self.bytecode_size = 0
        self.n_info = 0
        self.n_cell = 0
        self.pass_ = 0
        self.scope = None

    # ---- low-level writers ----

    def _ci_write(self, data: bytes) -> None:
        self.code_info_offset += len(data)
        if self.pass_ == PASS_EMIT:
            self.code_info.extend(data)

    def _ci_byte(self, val: int) -> None:
        self.code_info_offset += 1
        if self.pass_ == PASS_EMIT:
            self.code_info.append(val & 0xFF)

    def _ci_qstr(self, qst: str) -> None:
        self._ci_write(encode_uint(self.common.use_qstr(qst)))

    def _bc_write(self, data: bytes) -> None:
        if self.suppress:
            return
        self.bytecode_offset += len(data)
        if self.pass_ != PASS_SCOPE:
            self.bytecode += data

    def _bc_raw_byte(self, b: int) -> None:
        if self.suppress:
            return
        self.bytecode_offset += 1
        if self.pass_ != PASS_SCOPE:
            self.bytecode.append(b)

    def _bc_byte(self, stack_adj: int, b: int) -> None:
        if self.pass_ == PASS_SCOPE:
            if not self.suppress:
                self.bytecode_offset += 1
            return
        size = self.stack_size = self.stack_size + stack_adj
        if size > self.scope.stack_size:
            self.scope.stack_size = size
        if self.suppress:
            return
        self.bytecode_offset += 1
        self.bytecode.append(b)

    def _bc_byte_uint(self, stack_adj: int, b: int, val: int) -> None:
        pass_ = self.pass_
        if pass_ != PASS_SCOPE:
            size = self.stack_size = self.stack_size + stack_adj
            if size > self.scope.stack_size:
                self.scope.stack_size = size
        if self.suppress:
            return
        if val < 0x80:
            self.bytecode_offset += 2
            if pass_ != PASS_SCOPE:
                self.bytecode += bytes((b, val))
        else:
            data = encode_uint(val)
            self.bytecode_offset += 1 + len(data)
            if pass_ != PASS_SCOPE:
                self.bytecode.append(b)
                self.bytecode += data

    def _bc_byte_qstr(self, stack_adj: int, b: int, qst: str) -> None:
        qstrs = self.common.qstrs  # (EmitCommon.use_qstr, inline: a frequent call)
        idx = qstrs.get(qst)
        if idx is None:
            idx = qstrs[qst] = len(qstrs)
        self._bc_byte_uint(stack_adj, b, idx)

    def _bc_byte_obj(self, stack_adj: int, b: int, obj) -> None:
        self._bc_byte_uint(stack_adj, b, self.common.use_const_obj(obj))

    def _bc_byte_child(self, stack_adj: int, b: int, rc: RawCode) -> None:
        self._bc_byte_uint(stack_adj, b, self.common.alloc_const_child(rc))

    def _bc_byte_label(self, stack_adj: int, b: int, label: int) -> None:
        self.adjust_stack_size(stack_adj)
        if self.suppress:
            return
        if self.pass_ == PASS_STACK_SIZE:  # (always the 3-byte form in this pass)
            self.layout.append((_JUMP, self.bytecode_offset, b, label))
            self.layout_jumps = True
        is_signed = b <= op.POP_JUMP_IF_FALSE
        long_form = True
        offset = 0
        if self.pass_ >= PASS_CODE_SIZE:
            offset = self.label_offsets.get(label, 0) - self.bytecode_offset - 2
            if (is_signed and -64 <= offset <= 63) or (not is_signed and 0 <= offset <= 127):
                long_form = False
            if long_form:
                offset -= 1
        if not long_form:
            if is_signed:
                offset += 0x40
            self._bc_write(bytes([b, offset]))
        else:
            if is_signed:
                offset += 0x4000
            if self.pass_ == PASS_EMIT and not 0 <= offset <= 0x7FFF:
                self.overflow = True
            self._bc_write(bytes([b, 0x80 | (offset & 0x7F), (offset >> 7) & 0xFF]))

    # ---- pass control ----

    def start_pass(self, pass_: int, scope) -> None:
        self.pass_ = pass_
        self.stack_size = 0
        self.suppress = False
        self.scope = scope
        self.last_source_line_offset = 0
        self.last_source_line = 1
        self.bytecode_offset = 0
        self.code_info_offset = 0
        self.overflow = False
        self.code_info = bytearray()
        self.bytecode = bytearray()
        if pass_ == PASS_STACK_SIZE:
            self.layout: list[tuple] = []
            self.layout_jumps = False  # whether the layout has a jump
            self.sizes_settled = False  # (see settle_sizes)

        n_state = scope.num_locals + scope.stack_size
        if n_state == 0:
            n_state = 1
        self._write_signature(n_state, scope.exc_stack_size, scope)

        if pass_ >= PASS_CODE_SIZE:
            self._write_sizes(self.n_info, self.n_cell)

        self.n_info = self.code_info_offset
        self._ci_qstr(scope.simple_name)
        for qst in _param_names(scope):
            self._ci_qstr(qst)

    def _write_signature(self, n_state: int, n_exc_stack: int, scope) -> None:
        self._ci_write(encode_signature(
            n_state, n_exc_stack, scope.scope_flags & SCOPE_FLAG_ALL_SIG, scope.num_pos_args,
            scope.num_kwonly_args, scope.num_def_pos_args))

    def _write_sizes(self, n_info: int, n_cell: int) -> None:
        self._ci_write(encode_size(n_info, n_cell))

    def end_pass(self) -> bool:
        """Finish a pass; False asks the compiler to run the EMIT pass again."""
        if self.pass_ == PASS_SCOPE:
            return True
        assert self.stack_size == 0
        self.n_info = self.code_info_offset - self.n_info
        self.n_cell = 0
        for id_ in self.scope.id_info:
            if id_.kind == ID_INFO_KIND_CELL:
                self._ci_byte(id_.local_num)
                self.n_cell += 1

        if self.pass_ == PASS_STACK_SIZE:
            self.layout_bytecode = bytes(self.bytecode)
        elif self.pass_ == PASS_CODE_SIZE:
            self.code_info_size = self.code_info_offset
            self.bytecode_size = self.bytecode_offset
        elif self.pass_ == PASS_EMIT:
            if self.sizes_settled:
                self.sizes_settled = False
                self.code_info_size = self.code_info_offset
                self.bytecode_size = self.bytecode_offset
            if (self.code_info_offset != self.code_info_size
                    or self.bytecode_offset != self.bytecode_size):
                self.code_info_size = self.code_info_offset
                self.bytecode_size = self.bytecode_offset
                return False
            if self.overflow:
                raise BytecodeOverflow()
            rc = self.scope.raw_code
            rc.kind = KIND_BYTECODE
            rc.fun_data = bytes(self.code_info) + bytes(self.bytecode)
            rc.children = list(self.common.children)
        return True

    def layout_pass(self, pass_: int, scope) -> bool:
        """The CODE_SIZE or an EMIT pass of ``scope`` made from its STACK_SIZE pass: the same
        emit calls would write the same bytes but for the jumps, whose encodings depend on
        the label offsets, and so the line-number steps. Only those are worked out again."""
        self.start_pass(pass_, scope)
        src = self.layout_bytecode
        out = self.bytecode
        label_offsets = self.label_offsets
        # the line-number steps (set_source_line, inline: every line event of the STACK_SIZE
        # pass is a step forward in every pass)
        line_steps = _LINE_STEPS
        code_info = self.code_info if pass_ == PASS_EMIT else None
        ci_size = 0
        last_line, last_offset = self.last_source_line, self.last_source_line_offset
        p = 0
        for event in self.layout:
            kind, pos = event[0], event[1]
            if pos != p:
                out += src[p:pos]
            if kind == _JUMP:
                p = pos + 3
                b = event[2]
                offset = label_offsets.get(event[3], 0) - len(out) - 2
                if b <= op.POP_JUMP_IF_FALSE:  # a signed offset
                    if -64 <= offset <= 63:
                        out += bytes((b, offset + 0x40))
                        continue
                    offset += 0x4000 - 1
                elif 0 <= offset <= 127:
                    out += bytes((b, offset))
                    continue
                else:
                    offset -= 1
                if not 0 <= offset <= 0x7FFF and pass_ == PASS_EMIT:
                    self.overflow = True
                out += bytes((b, 0x80 | (offset & 0x7F), (offset >> 7) & 0xFF))
            elif kind == _LABEL:
                p = pos
                label_offsets[event[2]] = len(out)
            else:
                p = pos
                offset = len(out)
                line = event[2]
                step = (offset - last_offset, line - last_line)
                data = line_steps.get(step)
                if data is None:
                    data = line_steps[step] = encode_line_step(*step)
                ci_size += len(data)
                if code_info is not None:
                    code_info += data
                last_line, last_offset = line, offset
        if p < len(src):
            out += src[p:]
        self.bytecode_offset = len(out)
        self.code_info_offset += ci_size
        self.last_source_line, self.last_source_line_offset = last_line, last_offset
        return self.end_pass()

    def settle_sizes(self) -> bool:
        """After the STACK_SIZE pass of a scope without jumps: the CODE_SIZE pass would lay
        the scope out exactly as the EMIT pass will (only jumps change size between them), so
        the first EMIT pass takes its sizes as settled instead. False if it has jumps."""
        if self.layout_jumps:
            return False
        self.sizes_settled = True
        return True

    def adjust_stack_size(self, delta: int) -> None:
        if self.pass_ == PASS_SCOPE:
            return
        self.stack_size += delta
        if self.stack_size > self.scope.stack_size:
            self.scope.stack_size = self.stack_size

    def set_source_line(self, source_line: int) -> None:
        if source_line > self.last_source_line and self.source_lines_on:
            offset = self.bytecode_offset
            if self.pass_ == PASS_STACK_SIZE:
                self.layout.append((_LINE, offset, source_line))
            step = (offset - self.last_source_line_offset, source_line - self.last_source_line)
            data = _LINE_STEPS.get(step)
            if data is None:
                data = _LINE_STEPS[step] = encode_line_step(*step)
            self._ci_write(data)
            self.last_source_line_offset = offset
            self.last_source_line = source_line

    def label_assign(self, label: int) -> None:
        self.suppress = False
        if self.pass_ == PASS_SCOPE:
            return
        self.label_offsets[label] = self.bytecode_offset
        if self.pass_ == PASS_STACK_SIZE:
            self.layout.append((_LABEL, self.bytecode_offset, label))

    # ---- identifiers ----

    def id_op(self, scope, qst: str, which: str) -> None:
        # (id_op_call, inline: a frequent call)
        id_ = scope.find(qst)
        kind = id_.kind
        if kind == ID_INFO_KIND_LOCAL:
            _LOCAL_OPS[which](self, qst, id_.local_num, IDOP_LOCAL_FAST)
        elif kind in (ID_INFO_KIND_GLOBAL_IMPLICIT, ID_INFO_KIND_GLOBAL_IMPLICIT_ASSIGNED):
            _GLOBAL_OPS[which](self, qst, IDOP_GLOBAL_NAME)
        else:
            method, args = id_op_call(scope, qst, which)
            method(self, *args)

    def load_local(self, qst: str, local_num: int, kind: int) -> None:
        if kind == IDOP_LOCAL_FAST and local_num <= 15:
            self._bc_byte(1, op.LOAD_FAST_MULTI + local_num)
        else:
            self._bc_byte_uint(1, op.LOAD_FAST_N + kind, local_num)

    def load_global(self, qst: str, kind: int) -> None:
        self._bc_byte_qstr(1, op.LOAD_NAME + kind, qst)

    def store_local(self, qst: str, local_num: int, kind: int) -> None:
        if kind == IDOP_LOCAL_FAST and local_num <= 15:
            self._bc_byte(-1, op.STORE_FAST_MULTI + local_num)
        else:
            self._bc_byte_uint(-1, op.STORE_FAST_N + kind, local_num)

    def store_global(self, qst: str, kind: int) -> None:
        self._bc_byte_qstr(-1, op.STORE_NAME + kind, qst)

    def delete_local(self, qst: str, local_num: int, kind: int) -> None:
        self._bc_byte_uint(0, op.DELETE_FAST + kind, local_num)

    def delete_global(self, qst: str, kind: int) -> None:
        self._bc_byte_qstr(0, op.DELETE_NAME + kind, qst)

    # ---- everything else ----

    def import_(self, qst: str | None, kind: int) -> None:
        stack_adj = 1 if kind == IMPORT_FROM else -1
        if kind == IMPORT_STAR:
            self._bc_byte(stack_adj, op.IMPORT_STAR)
        else:
            self._bc_byte_qstr(stack_adj, op.IMPORT_NAME + kind, qst)

    def load_const_tok(self, tok: str) -> None:
        if tok == "ELLIPSIS":
            self._bc_byte_obj(1, op.LOAD_CONST_OBJ, Ellipsis)
        else:
            self._bc_byte(1, _TOKEN_CONST[tok])

    def load_const_small_int(self, arg: int) -> None:
        excess = op.LOAD_CONST_SMALL_INT_MULTI_EXCESS
        if -excess <= arg < op.LOAD_CONST_SMALL_INT_MULTI_NUM - excess:
            self._bc_byte(1, op.LOAD_CONST_SMALL_INT_MULTI + excess + arg)
        else:
            self.adjust_stack_size(1)
            self._bc_write(bytes([op.LOAD_CONST_SMALL_INT]) + encode_sint(arg))

    def load_const_str(self, qst: str) -> None:
        self._bc_byte_qstr(1, op.LOAD_CONST_STRING, qst)

    def load_const_obj(self, obj) -> None:
        self._bc_byte_obj(1, op.LOAD_CONST_OBJ, obj)

    def load_null(self) -> None:
        self._bc_byte(1, op.LOAD_NULL)

    def load_method(self, qst: str, is_super: bool) -> None:
        stack_adj = 1 - 2 * is_super
        self._bc_byte_qstr(stack_adj, op.LOAD_SUPER_METHOD if is_super else op.LOAD_METHOD, qst)

    def load_build_class(self) -> None:
        self._bc_byte(1, op.LOAD_BUILD_CLASS)

    def subscr(self, kind: int) -> None:
        if kind == SUBSCR_LOAD:
            self._bc_byte(-1, op.LOAD_SUBSCR)
        else:
            if kind == SUBSCR_DELETE:
                self.load_null()
                self.rot_three()
            self._bc_byte(-3, op.STORE_SUBSCR)

    def attr(self, qst: str, kind: int) -> None:
        if kind == ATTR_LOAD:
            self._bc_byte_qstr(0, op.LOAD_ATTR, qst)
        else:
            if kind == ATTR_DELETE:
                self.load_null()
                self.rot_two()
            self._bc_byte_qstr(-2, op.STORE_ATTR, qst)

    def dup_top(self) -> None:
        self._bc_byte(1, op.DUP_TOP)

    def dup_top_two(self) -> None:
        self._bc_byte(2, op.DUP_TOP_TWO)

    def pop_top(self) -> None:
        self._bc_byte(-1, op.POP_TOP)

    def rot_two(self) -> None:
        self._bc_byte(0, op.ROT_TWO)

    def rot_three(self) -> None:
        self._bc_byte(0, op.ROT_THREE)

    def jump(self, label: int) -> None:
        self._bc_byte_label(0, op.JUMP, label)
        self.suppress = True

    def pop_jump_if(self, cond: bool, label: int) -> None:
        self._bc_byte_label(-1, op.POP_JUMP_IF_TRUE if cond else op.POP_JUMP_IF_FALSE, label)

    def jump_if_or_pop(self, cond: bool, label: int) -> None:
        self._bc_byte_label(-1, op.JUMP_IF_TRUE_OR_POP if cond else op.JUMP_IF_FALSE_OR_POP,
                            label)

    def unwind_jump(self, label: int, except_depth: int) -> None:
        target = label & ~BREAK_FROM_FOR
        if except_depth == 0:
            if label & BREAK_FROM_FOR:
                for _ in range(ITER_BUF_NSLOTS):
                    self._bc_raw_byte(op.POP_TOP)
            self._bc_byte_label(0, op.JUMP, target)
        else:
            self._bc_byte_label(0, op.UNWIND_JUMP, target)
            self._bc_raw_byte((0x80 if label & BREAK_FROM_FOR else 0) | except_depth)
        self.suppress = True

    def setup_block(self, label: int, kind: int) -> None:
        stack_adj = 2 if kind == SETUP_BLOCK_WITH else 0
        self._bc_byte_label(stack_adj, op.SETUP_WITH + kind, label)

    def with_cleanup(self, label: int) -> None:
        self.load_const_tok("KW_NONE")
        self.label_assign(label)
        self._bc_byte(2, op.WITH_CLEANUP)
        self.adjust_stack_size(-4)

    def async_with_setup_finally(self, label_aexit_no_exc: int, label_finally_block: int,
                                 label_ret_unwind_jump: int) -> None:
        self.load_const_tok("KW_NONE")
        self.rot_two()
        self.jump(label_aexit_no_exc)
        self.label_assign(label_finally_block)
        self.dup_top()
        self.load_global("BaseException", IDOP_GLOBAL_GLOBAL)
        self.binary_op(op.BINARY_OP["EXCEPTION_MATCH"])
        self.pop_jump_if(False, label_ret_unwind_jump)

    def end_finally(self) -> None:
        self._bc_byte(-1, op.END_FINALLY)

    def get_iter(self, use_stack: bool) -> None:
        stack_adj = ITER_BUF_NSLOTS - 1 if use_stack else 0
        self._bc_byte(stack_adj, op.GET_ITER_STACK if use_stack else op.GET_ITER)

    def for_iter(self, label: int) -> None:
        self._bc_byte_label(1, op.FOR_ITER, label)

    def for_iter_end(self) -> None:
        self.adjust_stack_size(-ITER_BUF_NSLOTS)

    def pop_except_jump(self, label: int, within_exc_handler: bool) -> None:
        self._bc_byte_label(0, op.POP_EXCEPT_JUMP, label)
        self.suppress = True

    def unary_op(self, unop: int) -> None:
        self._bc_byte(0, op.UNARY_OP_MULTI + unop)

    def binary_op(self, binop: int) -> None:
        invert = False
        if binop == op.BINARY_OP["NOT_IN"]:
            invert = True
            binop = op.BINARY_OP["IN"]
        elif binop == op.BINARY_OP["IS_NOT"]:
            invert = True
            binop = op.BINARY_OP["IS"]
        self._bc_byte(-1, op.BINARY_OP_MULTI + binop)
        if invert:
            self._bc_byte(0, op.UNARY_OP_MULTI + op.UNARY_OP["NOT"])

    def build(self, n_args: int, kind: int) -> None:
        stack_adj = 1 if kind == BUILD_MAP else 1 - n_args
        self._bc_byte_uint(stack_adj, op.BUILD_TUPLE + kind, n_args)

    def store_map(self) -> None:
        self._bc_byte(-2, op.STORE_MAP)

    def store_comp(self, scope_kind: int, collection_stack_index: int) -> None:
        if scope_kind == SCOPE_LIST_COMP:
            n, t = 0, 0
        elif scope_kind == SCOPE_DICT_COMP:
            n, t = 1, 1
        else:
            n, t = 0, 2
        self._bc_byte_uint(-1 - n, op.STORE_COMP, ((collection_stack_index + n) << 2) | t)

    def unpack_sequence(self, n_args: int) -> None:
        self._bc_byte_uint(-1 + n_args, op.UNPACK_SEQUENCE, n_args)

    def unpack_ex(self, n_left: int, n_right: int) -> None:
        self._bc_byte_uint(-1 + n_left + n_right + 1, op.UNPACK_EX, n_left | (n_right << 8))

    def make_function(self, scope, n_pos_defaults: int, n_kw_defaults: int) -> None:
        if n_pos_defaults == 0 and n_kw_defaults == 0:
            self._bc_byte_child(1, op.MAKE_FUNCTION, scope.raw_code)
        else:
            self._bc_byte_child(-1, op.MAKE_FUNCTION_DEFARGS, scope.raw_code)

    def make_closure(self, scope, n_closed_over: int, n_pos_defaults: int,
                     n_kw_defaults: int) -> None:
        if n_pos_defaults == 0 and n_kw_defaults == 0:
            self._bc_byte_child(-n_closed_over + 1, op.MAKE_CLOSURE, scope.raw_code)
        else:
            self._bc_byte_child(-2 - n_closed_over + 1, op.MAKE_CLOSURE_DEFARGS, scope.raw_code)
        self._bc_raw_byte(n_closed_over & 0xFF)

    def _call_helper(self, stack_adj: int, base: int, n_positional: int, n_keyword: int,
                     star_flags: int) -> None:
        if star_flags:
            stack_adj -= n_positional + 2 * n_keyword + 1
            self._bc_byte_uint(stack_adj, base + 1, (n_keyword << 8) | n_positional)
        else:
            stack_adj -= n_positional + 2 * n_keyword
            self._bc_byte_uint(stack_adj, base, (n_keyword << 8) | n_positional)

    def call_function(self, n_positional: int, n_keyword: int, star_flags: int) -> None:
        self._call_helper(0, op.CALL_FUNCTION, n_positional, n_keyword, star_flags)

    def call_method(self, n_positional: int, n_keyword: int, star_flags: int) -> None:
        self._call_helper(-1, op.CALL_METHOD, n_positional, n_keyword, star_flags)

    def return_value(self) -> None:
        self._bc_byte(-1, op.RETURN_VALUE)
        self.suppress = True

    def raise_varargs(self, n_args: int) -> None:
        self._bc_byte(-n_args, op.RAISE_LAST + n_args)
        self.suppress = True

    def yield_(self, kind: int) -> None:
        self._bc_byte(-kind, op.YIELD_VALUE + kind)
        self.scope.scope_flags |= SCOPE_FLAG_GENERATOR

    def start_except_handler(self) -> None:
        self.adjust_stack_size(4)

    def end_except_handler(self) -> None:
        self.adjust_stack_size(-3)


def _param_names(scope) -> list[str]:
    """The parameters' names by number, as the prelude lists them (the first such parameter
    in id_info; "*" for none)."""
    count = scope.num_pos_args + scope.num_kwonly_args
    if not count:
        return []
    names: list[str | None] = [None] * count
    for id_ in scope.id_info:
        if id_.flags & ID_FLAG_IS_PARAM:
            i = id_.local_num
            if 0 <= i < count and names[i] is None:
                names[i] = id_.qst
    return ["*" if qst is None else qst for qst in names]


class ScopePassEmitter(Emitter):
    """The emitter of the SCOPE pass: of what the emit calls do, only what outlives the pass
    is done (the qstrs and constants used, in that order, and the flags set on the scope);
    the bytes, offsets, stack sizes and line numbers, which the STACK_SIZE pass works out
    again, are skipped."""

    last_source_line = 1 << 62  # (no line is ever after it: set_source_line is never called)

    def start_pass(self, pass_: int, scope) -> None:
        assert pass_ == PASS_SCOPE
        self.pass_ = pass_
        self.stack_size = 0
        self.suppress = False
        self.scope = scope
        use_qstr = self.common.use_qstr
        use_qstr(scope.simple_name)
        for qst in _param_names(scope):
            use_qstr(qst)

    def _ci_write(self, data: bytes) -> None:
        pass

    def _ci_byte(self, val: int) -> None:
        pass

    def _bc_write(self, data: bytes) -> None:
        pass

    def _bc_raw_byte(self, b: int) -> None:
        pass

    def _bc_byte(self, stack_adj: int, b: int) -> None:
        pass

    def _bc_byte_uint(self, stack_adj: int, b: int, val: int) -> None:
        pass

    def _bc_byte_qstr(self, stack_adj: int, b: int, qst: str) -> None:
        qstrs = self.common.qstrs
        if qst not in qstrs:
            qstrs[qst] = len(qstrs)

    def _bc_byte_obj(self, stack_adj: int, b: int, obj) -> None:
        self.common.use_const_obj(obj)

    def _bc_byte_child(self, stack_adj: int, b: int, rc: RawCode) -> None:
        self.common.alloc_const_child(rc)

    def _bc_byte_label(self, stack_adj: int, b: int, label: int) -> None:
        pass

    def adjust_stack_size(self, delta: int) -> None:
        pass

    def set_source_line(self, source_line: int) -> None:
        pass

    def label_assign(self, label: int) -> None:
        self.suppress = False


def id_op_call(scope, qst: str, which: str) -> tuple:
    """The emit call an id_op ("load", "store" or "delete" of name ``qst`` in ``scope``) comes
    down to: (the unbound Emitter method, its arguments)."""
    id_ = scope.find(qst)
    kind = id_.kind
    if kind == ID_INFO_KIND_LOCAL:
        return _LOCAL_OPS[which], (qst, id_.local_num, IDOP_LOCAL_FAST)
    if kind in (ID_INFO_KIND_GLOBAL_IMPLICIT, ID_INFO_KIND_GLOBAL_IMPLICIT_ASSIGNED):
        return _GLOBAL_OPS[which], (qst, IDOP_GLOBAL_NAME)
    if kind == ID_INFO_KIND_GLOBAL_EXPLICIT:
        return _GLOBAL_OPS[which], (qst, IDOP_GLOBAL_GLOBAL)
    assert kind in (ID_INFO_KIND_CELL, ID_INFO_KIND_FREE)
    return _LOCAL_OPS[which], (qst, id_.local_num, IDOP_LOCAL_DEREF)


_LOCAL_OPS = {"load": Emitter.load_local, "store": Emitter.store_local,
              "delete": Emitter.delete_local}
_GLOBAL_OPS = {"load": Emitter.load_global, "store": Emitter.store_global,
               "delete": Emitter.delete_global}
