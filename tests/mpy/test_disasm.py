import re
import subprocess
import sys
from pathlib import Path

import pytest

from mpt.errors import MpyFormatError
from mpt.mpy import opcodes
from mpt.mpy.decode import decode
from mpt.mpy.disasm import disassemble
from mpt.mpy.mpyfile import read_mpy
from mpt.mpy.prelude import decode_prelude
from mpt.mpy.rawcode import KIND_BYTECODE
from mpycross_ref import MICROPYTHON_SRC, needs_micropython_src, needs_mpy_cross, run_mpy_cross

DISASM_DATA = Path(__file__).parent.parent / "cli" / "data" / "disasm"
PROGRAMS = sorted(DISASM_DATA.glob("*.py"))


def _mpy_tool_dump(mpy_path: Path) -> list[dict]:
    """Functions as MicroPython's own tools/mpy-tool.py -d decodes them."""
    out = subprocess.run([sys.executable, "tools/mpy-tool.py", "-d", str(mpy_path)],
                         cwd=MICROPYTHON_SRC, capture_output=True, text=True, check=True).stdout
    functions = []
    for line in out.splitlines():
        if line.startswith("simple_name: "):
            functions.append({"name": line.split(": ", 1)[1], "instructions": [],
                              "prelude": None, "args": None})
        elif not functions:
            continue
        elif line.startswith("  prelude: "):
            functions[-1]["prelude"] = tuple(int(v) for v in re.findall(r"\d+", line))
        elif line.startswith("  args: "):
            functions[-1]["args"] = re.findall(r"'([^']*)'", line)
        else:
            m = re.match(r"^  ([0-9a-f]{2}(?::[0-9a-f]{2})*) ", line)
            if m and not line.startswith("  raw bytecode"):
                functions[-1]["instructions"].append(bytes.fromhex(m.group(1).replace(":", "")))
    return functions


def _our_decoding(module) -> list[dict]:
    functions = []

    def walk(rc):
        if rc.kind == KIND_BYTECODE:
            p = decode_prelude(rc.fun_data)
            code = rc.fun_data[p.code_offset:]
            functions.append({
                "name": module.qstrs[p.simple_name],
                "instructions": [code[i.offset:i.offset + i.size]
                                 for i in decode(code)],
                "prelude": (p.n_state, p.n_exc_stack, p.scope_flags, p.n_pos_args,
                            p.n_kwonly_args, p.n_def_pos_args),
                "args": [module.qstrs[q] for q in p.arg_names],
            })
        for child in rc.children:
            walk(child)

    walk(module.root)
    return functions


def _compare_with_mpy_tool(mpy_path: Path):
    theirs = [f for f in _mpy_tool_dump(mpy_path) if f["prelude"] is not None]
    ours = _our_decoding(read_mpy(mpy_path.read_bytes()))
    assert ours == theirs


@needs_mpy_cross
@needs_micropython_src
@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_decoding_matches_mpy_tool(program, tmp_path):
    if program.stem.startswith("native"):
        pytest.skip("mpy-tool -d prints no bytecode for native functions")
    out = tmp_path / "out.mpy"
    assert run_mpy_cross(["-o", str(out), str(program)]).returncode == 0
    _compare_with_mpy_tool(out)


@pytest.mark.slow
@needs_mpy_cross
@needs_micropython_src
def test_decoding_matches_mpy_tool_on_micropython_tests(tmp_path):
    sources = sorted((MICROPYTHON_SRC / "tests" / "basics").glob("[a-g]*.py"))[:150]
    checked = 0
    for i, src in enumerate(sources):
        out = tmp_path / f"{i}.mpy"
        if run_mpy_cross(["-o", str(out), str(src)]).returncode != 0:
            continue
        _compare_with_mpy_tool(out)
        checked += 1
    assert checked > 100


def test_jump_targets_are_absolute_offsets():
    # JUMP +2 (1-byte form), POP_JUMP_IF_FALSE with the 2-byte form back to 0.
    code = bytes([opcodes.JUMP, 0x40 + 2, opcodes.LOAD_CONST_NONE, opcodes.LOAD_CONST_NONE,
                  opcodes.POP_JUMP_IF_FALSE, 0x80 | ((0x4000 - 7) & 0x7F), (0x4000 - 7) >> 7])
    ins = decode(code)
    assert [(i.offset, i.opcode.name, i.arg) for i in ins] == [
        (0, "JUMP", 4), (2, "LOAD_CONST_NONE", 0), (3, "LOAD_CONST_NONE", 0),
        (4, "POP_JUMP_IF_FALSE", 0)]


def test_small_int_operand_is_signed():
    code = bytes([opcodes.LOAD_CONST_SMALL_INT, 0x7F, opcodes.LOAD_CONST_SMALL_INT, 0x81, 0x00])
    assert [i.arg for i in decode(code)] == [-1, 128]


def test_truncated_or_invalid_bytecode_is_an_error():
    with pytest.raises(MpyFormatError):
        decode(bytes([opcodes.LOAD_NAME]))
    with pytest.raises(MpyFormatError, match="invalid opcode"):
        decode(bytes([0xFF]))


def test_dump_resolves_names_constants_and_children():
    module = read_mpy((DISASM_DATA / "constants.mpy").read_bytes())
    text = disassemble(module)
    assert "LOAD_CONST_OBJ 3.141592653589793" in text
    assert "STORE_NAME PI" in text
    assert "LOAD_BUILD_CLASS" in text
    assert "child 0 (Point)" in text or "(Point)" in text
    assert "complex  2.5j" in text
