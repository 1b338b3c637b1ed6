"""The 32-bit x86 back end (cdecl: arguments on the stack, pushed by call_ind)."""

from __future__ import annotations

from mpt.crosscompile.native import fun
from mpt.crosscompile.native.x86_family import (
    CC_JA, CC_JAE, CC_JB, CC_JBE, CC_JE, CC_JG, CC_JGE, CC_JL, CC_JLE, CC_JNE, CC_JNZ, CC_JZ,
    AsmX86Family, _fits_s8, _u32,
)

EAX, ECX, EDX, EBX, ESP, EBP, ESI, EDI = range(8)

# how many arguments each runtime helper takes (they are pushed on the stack)
_N_ARGS = dict.fromkeys(range(fun.SETJMP + 1), 0)
_N_ARGS.update({
    fun.CONVERT_OBJ_TO_NATIVE: 2, fun.CONVERT_NATIVE_TO_OBJ: 2, fun.NATIVE_SWAP_GLOBALS: 1,
    fun.LOAD_NAME: 1, fun.LOAD_GLOBAL: 1, fun.LOAD_BUILD_CLASS: 0, fun.LOAD_ATTR: 2,
    fun.LOAD_METHOD: 3, fun.LOAD_SUPER_METHOD: 2, fun.STORE_NAME: 2, fun.STORE_GLOBAL: 2,
    fun.STORE_ATTR: 3, fun.OBJ_SUBSCR: 3, fun.OBJ_IS_TRUE: 1, fun.UNARY_OP: 2,
    fun.BINARY_OP: 3, fun.BUILD_TUPLE: 2, fun.BUILD_LIST: 2, fun.BUILD_MAP: 1,
    fun.BUILD_SET: 2, fun.STORE_SET: 2, fun.LIST_APPEND: 2, fun.STORE_MAP: 3,
    fun.MAKE_FUNCTION_FROM_PROTO_FUN: 3, fun.NATIVE_CALL_FUNCTION_N_KW: 3,
    fun.CALL_METHOD_N_KW: 3, fun.CALL_METHOD_N_KW_VAR: 3, fun.NATIVE_GETITER: 2,
    fun.NATIVE_ITERNEXT: 1, fun.NLR_PUSH: 1, fun.NLR_POP: 0, fun.NATIVE_RAISE: 1,
    fun.IMPORT_NAME: 3, fun.IMPORT_FROM: 2, fun.IMPORT_ALL: 1, fun.NEW_SLICE: 3,
    fun.UNPACK_SEQUENCE: 3, fun.UNPACK_EX: 3, fun.DELETE_NAME: 1, fun.DELETE_GLOBAL: 1,
    fun.NEW_CLOSURE: 3, fun.ARG_CHECK_NUM_SIG: 3, fun.SETUP_CODE_STATE: 4,
    fun.SMALL_INT_FLOOR_DIVIDE: 2, fun.SMALL_INT_MODULO: 2, fun.NATIVE_YIELD_FROM: 3,
    fun.SETJMP: 1,
})


class AsmX86(AsmX86Family):
    word_size = 4

    REG_RET = EAX
    REG_ARG_1 = EAX
    REG_ARG_2 = ECX
    REG_ARG_3 = EDX
    REG_ARG_4 = EBX
    REG_PARENT_RET = EAX
    REG_PARENT_ARG_1 = EAX
    REG_PARENT_ARG_2 = ECX
    REG_PARENT_ARG_3 = EDX
    REG_PARENT_ARG_4 = EBX
    REG_TEMP0 = EAX
    REG_TEMP1 = ECX
    REG_TEMP2 = EDX
    REG_LOCAL_1 = EBX
    REG_LOCAL_2 = ESI
    REG_LOCAL_3 = EDI
    REG_FUN_TABLE = EBP
    REG_ZERO = None
    REG_SHIFT_COUNT = ECX
    byte_store_needs_low_reg = True
    COMPARE_CC = (CC_JB, CC_JA, CC_JE, CC_JBE, CC_JAE, CC_JNE,
                  CC_JL, CC_JG, CC_JE, CC_JLE, CC_JGE, CC_JNE)
    load_with_offset = (8, 16, 32)
    store_with_offset = (8, 16, 32)
    load_reg_reg_reg = ()
    store_reg_reg_reg = ()

    # ---- encoders ----

    def _disp(self, r: int, base: int, disp: int) -> None:
        if disp == 0 and base != EBP:
            mod = 0x00
        elif _fits_s8(disp):
            mod = 0x40
        else:
            mod = 0x80
        out = bytearray([(r << 3) | mod | base])
        if base == ESP:
            out.append(0x24)
        if mod == 0x40:
            out.append(disp & 0xFF)
        elif mod == 0x80:
            out += _u32(disp)
        self.write(bytes(out))

    def _generic_rr(self, dest: int, src: int, opcode: int) -> None:
        self.write(bytes([opcode, (src << 3) | 0xC0 | dest]))

    def _mem(self, opcode: bytes, r: int, base: int, disp: int) -> None:
        self.write(opcode)
        self._disp(r, base, disp)

    def _imm_op(self, ext: int, dest: int, imm: int) -> None:
        if _fits_s8(imm):
            self.write(bytes([0x83, (ext << 3) | 0xC0 | dest, imm & 0xFF]))
        else:
            self.write(bytes([0x81, (ext << 3) | 0xC0 | dest]) + _u32(imm))

    def mov_mem32_to_r32(self, base: int, disp: int, dest: int) -> None:
        self._mem(b"\x8b", dest, base, disp)

    def mov_r32_to_mem32(self, src: int, base: int, disp: int) -> None:
        self._mem(b"\x89", src, base, disp)

    def _test(self, reg: int, bool_test: bool) -> None:
        if bool_test:
            self.write(bytes([0x84, (reg << 3) | 0xC0 | reg]))
        else:
            self._generic_rr(reg, reg, 0x85)

    # ---- the generic operations the native emitter uses ----

    def entry(self, num_locals: int) -> None:
        for r in (EBP, EBX, ESI, EDI):
            self.write(bytes([0x50 | r]))
        num_locals |= 3
        self._imm_op(5, ESP, num_locals * 4)
        self.num_locals = num_locals

    def exit(self) -> None:
        self._imm_op(5, ESP, -self.num_locals * 4)
        for r in (EDI, ESI, EBX, EBP):
            self.write(bytes([0x58 | r]))
        self.write(b"\xc3")

    def jump_if_reg_zero(self, reg: int, label, bool_test: bool) -> None:
        self._test(reg, bool_test)
        self.jcc_label(CC_JZ, label)

    def jump_if_reg_nonzero(self, reg: int, label, bool_test: bool) -> None:
        self._test(reg, bool_test)
        self.jcc_label(CC_JNZ, label)

    def jump_if_reg_eq(self, reg1: int, reg2: int, label) -> None:
        self._generic_rr(reg2, reg1, 0x39)
        self.jcc_label(CC_JE, label)

    def call_ind(self, fun_id: int) -> None:
        n_args = _N_ARGS[fun_id]
        align = ((n_args + 3) & ~3) - n_args
        if align:
            self._imm_op(5, ESP, align * 4)
        for i, reg in ((3, EBX), (2, EDX), (1, ECX), (0, EAX)):
            if n_args > i:
                self.write(bytes([0x50 | reg]))
        self.mov_mem32_to_r32(EBP, fun_id * 4, EAX)
        self.write(bytes([0xFF, (2 << 3) | 0xC0 | EAX]))
        if n_args > 0:
            self._imm_op(0, ESP, (n_args + align) * 4)

    call_ind_setup = call_ind

    def mov_local_reg(self, local_num: int, reg: int) -> None:
        self.mov_r32_to_mem32(reg, ESP, local_num * 4)

    def mov_reg_local(self, reg: int, local_num: int) -> None:
        self.mov_mem32_to_r32(ESP, local_num * 4, reg)

    def mov_reg_local_addr(self, reg: int, local_num: int) -> None:
        if local_num == 0:
            self.mov_reg_reg(reg, ESP)
        else:
            self._mem(b"\x8d", reg, ESP, local_num * 4)

    def mov_reg_imm(self, reg: int, imm: int) -> None:
        self.write(bytes([0xB8 | reg]) + _u32(imm))

    def mov_reg_reg(self, dest: int, src: int) -> None:
        self._generic_rr(dest, src, 0x89)

    def mov_reg_pcrel(self, reg: int, label) -> None:
        self.write(b"\xe8" + _u32(0))
        dest = self.label_dest(label)
        rel = (dest if dest is not None else -1) - self.code_offset
        self.write(bytes([0x58 | reg]))
        self.write(bytes([0x81, 0xC0 | reg]) + _u32(rel))

    def mul_reg_reg(self, dest: int, src: int) -> None:
        self.write(bytes([0x0F, 0xAF, (dest << 3) | 0xC0 | src]))

    def load_reg_reg_offset(self, dest: int, base: int, word_offset: int) -> None:
        self.mov_mem32_to_r32(base, 4 * word_offset, dest)

    def store_reg_reg_offset(self, src: int, base: int, word_offset: int) -> None:
        self.mov_r32_to_mem32(src, base, 4 * word_offset)

    def load_sized_offset(self, bits: int, dest: int, base: int, index: int) -> None:
        if bits == 8:
            self._mem(b"\x0f\xb6", dest, base, index)
        elif bits == 16:
            self._mem(b"\x0f\xb7", dest, base, 2 * index)
        else:
            self.mov_mem32_to_r32(base, 4 * index, dest)

    def store_sized_offset(self, bits: int, src: int, base: int, index: int) -> None:
        if bits == 8:
            self._mem(b"\x88", src, base, index)
        elif bits == 16:
            self._mem(b"\x66\x89", src, base, 2 * index)
        else:
            self.mov_r32_to_mem32(src, base, 4 * index)

    def load16_qstr(self, dest: int, base: int, index: int) -> None:
        self._mem(b"\x0f\xb7", dest, base, 2 * index)

    def compare_set(self, op_idx: int, dest: int, lhs: int, rhs: int) -> None:
        self.xor_reg_reg(dest, dest)
        self._generic_rr(lhs, rhs, 0x39)
        self.write(bytes([0x0F, 0x90 | self.COMPARE_CC[op_idx], 0xC0 | dest]))

    # ---- how arguments arrive (on the C stack, above the saved registers) ----

    def _mov_arg_to_r32(self, arg_num: int, reg: int) -> None:
        self.mov_mem32_to_r32(ESP, (self.num_locals + 4 + 1 + arg_num) * 4, reg)

    def prepare_parent_args(self, n: int) -> None:
        for i, reg in enumerate((EAX, ECX, EDX, EBX)[:n]):
            self._mov_arg_to_r32(i, reg)

    def move_viper_args(self, reg_local_last: int) -> None:
        self._mov_arg_to_r32(1, self.REG_ARG_1)
        self._mov_arg_to_r32(2, self.REG_ARG_2)
        self._mov_arg_to_r32(3, reg_local_last)

    def prepare_generator_args(self, reg_generator_state: int) -> None:
        self._mov_arg_to_r32(0, reg_generator_state)
        self._mov_arg_to_r32(1, self.REG_PARENT_ARG_2)

    def copy_parent_args_2_to_4(self) -> None:
        pass
