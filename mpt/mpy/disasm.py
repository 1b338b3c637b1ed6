"""A readable dump of a .mpy file: header, tables, and per function its prelude and bytecode.

Only presentation: the file, the preludes and the instructions are read by mpt.mpy.mpyfile,
mpt.mpy.prelude and mpt.mpy.decode.
"""

from __future__ import annotations

from mpt.errors import MpyFormatError
from mpt.floatrepr import repr_complex, repr_float
from mpt.mpy import machine, opcodes
from mpt.mpy.decode import Instruction, decode
from mpt.mpy.mpyfile import ARCH_NAMES, FUN_TABLE, read_mpy
from mpt.mpy.prelude import Prelude, decode_prelude, scope_flag_names
from mpt.mpy.rawcode import (
    KIND_BYTECODE, KIND_NATIVE_ASM, KIND_NATIVE_PY, KIND_NATIVE_VIPER, CompiledModule, RawCode,
)
from mpt.mpy.static_qstrs import STATIC_QSTR_INDEX

KIND_NAMES = {KIND_BYTECODE: "bytecode", KIND_NATIVE_PY: "native", KIND_NATIVE_VIPER: "viper",
              KIND_NATIVE_ASM: "inline asm"}


def const_repr(obj: object) -> str:
    """A constant as MicroPython's repr would show it."""
    if obj is FUN_TABLE:
        return "<native function table>"
    if isinstance(obj, bool) or obj is None:
        return repr(obj)
    if obj is ...:
        return "Ellipsis"
    if isinstance(obj, float):
        return repr_float(obj)
    if isinstance(obj, complex):
        return repr_complex(obj)
    if isinstance(obj, tuple):
        inner = ", ".join(const_repr(item) for item in obj)
        return f"({inner},)" if len(obj) == 1 else f"({inner})"
    return repr(obj)


class _Dumper:
    def __init__(self, module: CompiledModule, show_bytes: bool = False):
        self.module = module
        self.show_bytes = show_bytes
        self.lines: list[str] = []
        # Native code without a prelude has no name of its own: use the name the enclosing
        # code stores it under (id(raw code) -> name).
        self.stored_as: dict[int, str] = {}

    def qstr(self, index: int) -> str:
        if 0 <= index < len(self.module.qstrs):
            return self.module.qstrs[index]
        return f"<bad qstr {index}>"

    def const(self, index: int) -> str:
        if 0 <= index < len(self.module.objects):
            return const_repr(self.module.objects[index])
        return f"<bad const {index}>"

    def emit(self, text: str = "") -> None:
        self.lines.append(text)

    def header(self) -> None:
        m = self.module
        arch = ARCH_NAMES[m.arch] if m.arch < len(ARCH_NAMES) else str(m.arch)
        self.emit(f"mpy version 6, arch {arch}, small int bits {m.small_int_bits}"
                  + (f", arch flags 0x{m.arch_flags:x}" if m.arch_flags is not None else ""))
        self.emit(f"source file: {m.qstrs[0] if m.qstrs else '?'}")
        self.emit()
        self.emit(f"qstr table ({len(m.qstrs)}):")
        for i, q in enumerate(m.qstrs):
            static = STATIC_QSTR_INDEX.get(q)
            note = f"  (static {static})" if static is not None else ""
            self.emit(f"  {i:4}  {q!r}{note}")
        self.emit()
        self.emit(f"object table ({len(m.objects)}):")
        for i, obj in enumerate(m.objects):
            label = "native" if obj is FUN_TABLE else type(obj).__name__
            self.emit(f"  {i:4}  {label:8} {const_repr(obj)}")

    def function(self, rc: RawCode, path: str) -> None:
        self.emit()
        kind = KIND_NAMES.get(rc.kind, str(rc.kind))
        if rc.kind != KIND_BYTECODE:
            self.native_function(rc, path, kind)
        else:
            prelude = decode_prelude(rc.fun_data)
            name = self.qstr(prelude.simple_name)
            self.emit(f"function {name} [{path}] ({kind}, {len(rc.fun_data)} bytes, "
                      f"{len(rc.children)} children)")
            self.prelude(prelude)
            self.code(rc, prelude)
        for i, child in enumerate(rc.children):
            self.function(child, f"{path}.{i}")

    def native_function(self, rc: RawCode, path: str, kind: str) -> None:
        prelude = None
        if rc.kind == KIND_NATIVE_PY and rc.prelude_offset is not None:
            try:
                prelude = decode_prelude(rc.fun_data[rc.prelude_offset:])
            except MpyFormatError:
                pass
        name = self.qstr(prelude.simple_name) if prelude else self.stored_as.get(id(rc), "?")
        self.emit(f"function {name} [{path}] ({kind}, {len(rc.fun_data)} bytes of machine code, "
                  f"{len(rc.children)} children)")
        if prelude is None and name != "?":
            self.emit("  (name taken from where the enclosing code stores it)")
        if rc.kind == KIND_NATIVE_PY:
            self.emit(f"  prelude offset: {rc.prelude_offset}")
            if prelude is not None:
                self.prelude(prelude)
        else:
            self.emit(f"  scope flags: 0x{rc.scope_flags or 0:02x}")
            if rc.kind == KIND_NATIVE_ASM:
                self.emit(f"  n_pos_args: {rc.n_pos_args}, type sig: 0x{rc.type_sig or 0:x}")
        if rc.relocations is not None:
            self.emit(f"  relocations: {len(rc.relocations)} bytes")
        code_end = rc.prelude_offset if rc.kind == KIND_NATIVE_PY else len(rc.fun_data)
        self.emit("  machine code:")
        for line in native_hexdump(rc.fun_data[:code_end or 0]):
            self.emit("    " + line)
        arch = ARCH_NAMES[self.module.arch] if self.module.arch < len(ARCH_NAMES) else ""
        if machine.can_decode(arch):
            self.emit("  instructions:")
            for line in native_listing(arch, rc.fun_data, code_end or 0, rc.kind,
                                       prelude.scope_flags if prelude else 0):
                self.emit("    " + line)

    def prelude(self, p: Prelude) -> None:
        flags = " ".join(scope_flag_names(p.scope_flags)) or "-"
        self.emit(f"  n_state {p.n_state}, n_exc_stack {p.n_exc_stack}, "
                  f"flags 0x{p.scope_flags:02x} ({flags})")
        self.emit(f"  args: {p.n_pos_args} positional ({p.n_def_pos_args} with defaults), "
                  f"{p.n_kwonly_args} keyword-only")
        if p.arg_names:
            self.emit("  arg names: " + " ".join(self.qstr(q) for q in p.arg_names))
        if p.cells:
            self.emit("  cells: " + " ".join(str(c) for c in p.cells))
        if p.lines:
            self.emit("  lines: " + " ".join(f"{off}:{line}" for off, line in p.lines))

    def code(self, rc: RawCode, p: Prelude) -> None:
        code = rc.fun_data[p.code_offset:]
        instructions = decode(code)
        for ins, after in zip(instructions, instructions[1:]):
            if (ins.opcode.name.startswith(("MAKE_FUNCTION", "MAKE_CLOSURE"))
                    and after.opcode.name in ("STORE_NAME", "STORE_GLOBAL")
                    and 0 <= ins.arg < len(rc.children)):
                self.stored_as[id(rc.children[ins.arg])] = self.qstr(after.arg)
        self.emit("  code:")
        last_line = None
        for ins in instructions:
            line = p.source_line(ins.offset)
            raw = ""
            if self.show_bytes:
                raw = f"{code[ins.offset:ins.offset + ins.size].hex(':'):<15} "
            text = f"    {ins.offset:04}  {raw}{self.describe(ins, rc)}"
            if line != last_line and p.lines:
                text = f"{text:<{72 if self.show_bytes else 56}} # line {line}"
                last_line = line
            self.emit(text.rstrip())

    def describe(self, ins: Instruction, rc: RawCode) -> str:
        op = ins.opcode
        name = op.name
        code = op.code
        if name == "LOAD_CONST_SMALL_INT_MULTI":
            return f"LOAD_CONST_SMALL_INT {opcodes.small_int_multi_value(code)}"
        if name == "LOAD_FAST_MULTI":
            return f"LOAD_FAST {code - opcodes.LOAD_FAST_MULTI}"
        if name == "STORE_FAST_MULTI":
            return f"STORE_FAST {code - opcodes.STORE_FAST_MULTI}"
        if name == "UNARY_OP_MULTI":
            return f"UNARY_OP {opcodes.UNARY_OPS[code - opcodes.UNARY_OP_MULTI]}"
        if name == "BINARY_OP_MULTI":
            return f"BINARY_OP {opcodes.BINARY_OPS[code - opcodes.BINARY_OP_MULTI]}"
        kind = op.operand
        if kind == opcodes.NONE:
            return name
        if kind == opcodes.QSTR:
            return f"{name} {self.qstr(ins.arg)}"
        if kind == opcodes.OBJ:
            return f"{name} {self.const(ins.arg)}"
        if kind in (opcodes.JUMP_S, opcodes.JUMP_U):
            return f"{name} -> {ins.arg:04}"
        if kind == opcodes.JUMP_S_BYTE:
            return f"{name} -> {ins.arg:04}, unwind {ins.extra}"
        if name.startswith(("MAKE_FUNCTION", "MAKE_CLOSURE")):
            text = f"{name} {self.child_name(rc, ins.arg)}"
            if kind == opcodes.UINT_BYTE:
                text += f", {ins.extra} closed over"
            return text
        return f"{name} {ins.arg}"

    def child_name(self, rc: RawCode, index: int) -> str:
        if not 0 <= index < len(rc.children):
            return f"<bad child {index}>"
        child = rc.children[index]
        name = "?"
        try:
            if child.kind == KIND_BYTECODE:
                name = self.qstr(decode_prelude(child.fun_data).simple_name)
            elif child.kind == KIND_NATIVE_PY and child.prelude_offset is not None:
                name = self.qstr(decode_prelude(child.fun_data[child.prelude_offset:]).simple_name)
            else:
                name = self.stored_as.get(id(child), "?")
        except MpyFormatError:
            pass
        return f"child {index} ({name})"


def disassemble(module: CompiledModule, *, show_bytes: bool = False) -> str:
    """The full dump of a module as text (one trailing newline).

    ``show_bytes`` puts each instruction's encoded bytes (hex) before its mnemonic.
    """
    dumper = _Dumper(module, show_bytes)
    dumper.header()
    dumper.function(module.root, "0")
    return "\n".join(dumper.lines) + "\n"


def disassemble_mpy(data: bytes, *, show_bytes: bool = False) -> str:
    return disassemble(read_mpy(data), show_bytes=show_bytes)


# ---- native code (kept separate: machine code is shown as a hex dump, and decoded as
# instructions for the architectures mpt.mpy.machine knows) ----

_GENERATOR = 0x01  # MP_SCOPE_FLAG_GENERATOR


def native_listing(arch: str, code: bytes, code_end: int, kind: int,
                   scope_flags: int = 0) -> list[str]:
    """Offset, bytes and instruction, one line each, for the machine code in code[:code_end].

    A native (not viper) function starts with data words: the index of its prelude's
    pointer and, for a generator, the offset where the generator's code starts.
    """
    word = 8 if arch == "x64" else 4
    items = []
    start = 0
    if kind == KIND_NATIVE_PY:
        notes = ["prelude pointer index"]
        if scope_flags & _GENERATOR:
            notes.append("generator start offset")
        for note in notes:
            if start + word <= code_end:
                items.append(machine.data_item(code, start, word, known=True, note=note))
                start += word
    items += machine.decode(arch, code, start, code_end)
    width = max((i.size for i in items), default=1) * 2
    return [f"{i.offset:04x}  {code[i.offset:i.offset + i.size].hex():<{width}}  {i.text}"
            for i in items]

def native_hexdump(code: bytes, width: int = 16) -> list[str]:
    """Offset, hex bytes and printable characters, ``width`` bytes a line."""
    lines = []
    for off in range(0, len(code), width):
        chunk = code[off:off + width]
        text = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{off:04x}  {chunk.hex(' '):<{width * 3 - 1}}  {text}")
    return lines
