"""@micropython.asm_thumb on the emulated boards: the machine code runs as the board's core runs it.

Each test is a guest program whose machine code shows one behaviour of the core (ARMv6-M on
the rp2, ARMv7E-M with the FPU on the pyboard) or of the firmware's call (py/objfun.c,
fun_asm_call) a user sees: the flags after arithmetic, conditional branches, the stack,
loads and stores reaching the guest's own buffers, the faults of the Cortex-M0+, the
firmware's refusals.
"""

from __future__ import annotations

import textwrap

import pytest

from mpt.errors import MptError
from mpt.runtime.board.run import run_on_board
from mpt.runtime.board.setup import BoardOptions


def run(tmp_path, source: str, board: str = "rp2") -> str:
    script = tmp_path / "prog.py"
    script.write_text(textwrap.dedent(source))
    out: list[str] = []
    run_on_board(str(script), ["prog.py"], BoardOptions(board=board, flash=str(tmp_path / "f")),
                 stdout=out.append, stderr=out.append)
    return "".join(out)


# ---- flags ----

FLAGS = """
TEMPLATE = '''
@micropython.asm_thumb
def flag(r0, r1):   # r0 + r1: does the condition hold after it?
    add(r0, r0, r1)
    b{}(yes)
    mov(r0, 0)
    b(end)
    label(yes)
    mov(r0, 1)
    label(end)
'''
def nzcv(a, b):
    bits = 0
    for cond in ("mi", "eq", "cs", "vs"):
        exec(TEMPLATE.format(cond))
        bits = bits << 1 | flag(a, b)
    return bits

@micropython.asm_thumb
def adc64(r0, r1):      # the carry out of r0 + r1, through adc
    mov(r2, 0)
    add(r0, r0, r1)
    adc(r2, r2)         # r2 = 0 + 0 + C
    mov(r0, r2)

@micropython.asm_thumb
def sbc_borrow(r0, r1):  # -1 when r0 < r1 unsigned (a borrow), else 0
    cmp(r0, r1)          # C = no borrow
    mov(r2, 0)           # (sets N and Z only)
    sbc(r2, r2)          # 0 - 0 - !C
    add(r0, r2, 0)

print(nzcv(1, 2), nzcv(0, 0), nzcv(-1, 1), nzcv(0x7fffffff, 1),
      nzcv(-0x80000000, -0x80000000), nzcv(-1, -1), nzcv(-2, 1))
print(adc64(0xffffffff, 1), adc64(0x7fffffff, 1))
print(sbc_borrow(3, 5), sbc_borrow(5, 3), sbc_borrow(-1, 1))
"""


@pytest.mark.parametrize("board", ["rp2", "pyboard"])
def test_arithmetic_sets_the_flags_branches_read(tmp_path, board):
    # N Z C V as bits 3..0
    assert run(tmp_path, FLAGS, board) == "0 4 6 9 7 10 8\n1 0\n-1 0 0\n"


COMPARE = """
TEMPLATE = '''
@micropython.asm_thumb
def taken(r0, r1):
    cmp(r0, r1)
    b{}(yes)
    mov(r0, 0)
    b(end)
    label(yes)
    mov(r0, 1)
    label(end)
'''
for cond in ("eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"):
    exec(TEMPLATE.format(cond))
    print(cond, "".join(str(taken(a, b)) for a, b in PAIRS))
"""
PAIRS = [(1, 2), (2, 1), (2, 2), (-1, 1), (1, -1), (-0x80000000, 1), (0x7fffffff, -1)]


def _expected_branches() -> str:
    """What each condition means after cmp(a, b), from the ARM definitions."""
    def u(x):
        return x & 0xFFFFFFFF
    meaning = {"eq": lambda a, b: a == b, "ne": lambda a, b: a != b,
               "cs": lambda a, b: u(a) >= u(b), "cc": lambda a, b: u(a) < u(b),
               "mi": lambda a, b: u(a - b) >> 31, "pl": lambda a, b: not u(a - b) >> 31,
               "vs": lambda a, b: not -2**31 <= a - b < 2**31,
               "vc": lambda a, b: -2**31 <= a - b < 2**31,
               "hi": lambda a, b: u(a) > u(b), "ls": lambda a, b: u(a) <= u(b),
               "ge": lambda a, b: a >= b, "lt": lambda a, b: a < b,
               "gt": lambda a, b: a > b, "le": lambda a, b: a <= b}
    return "".join(f"{cond} " + "".join(str(int(bool(fn(a, b)))) for a, b in PAIRS) + "\n"
                   for cond, fn in meaning.items())


@pytest.mark.parametrize("board", ["rp2", "pyboard"])
def test_conditional_branches_after_a_compare(tmp_path, board):
    assert run(tmp_path, f"PAIRS = {PAIRS!r}\n" + COMPARE, board) == _expected_branches()


def test_logic_shift_and_multiply(tmp_path):
    out = run(tmp_path, """
    @micropython.asm_thumb
    def ops(r0, r1):
        mov(r2, r0)
        and_(r2, r1)
        mov(r3, r0)
        eor(r3, r1)
        orr(r2, r3)      # (a & b) | (a ^ b) == a | b
        mul(r2, r1)
        mvn(r0, r2)
        neg(r0, r0)      # -(~x) == x + 1
    @micropython.asm_thumb
    def rotate(r0, r1) -> uint:
        ror(r0, r1)
    @micropython.asm_thumb
    def shift_reg(r0, r1) -> uint:
        lsl(r0, r1)
    @micropython.asm_thumb
    def bic(r0, r1) -> uint:
        bic(r0, r1)
    print(ops(12, 10), hex(rotate(0x12345678, 8)), hex(rotate(1, 33)),
          shift_reg(5, 32), shift_reg(5, 40), shift_reg(5, 3), hex(bic(0xff, 0x0f)))
    """)
    assert out == "141 0x78123456 0x80000000 0 0 40 0xf0\n"


# ---- branches, calls and the stack ----

def test_loops_calls_and_the_stack(tmp_path):
    out = run(tmp_path, """
    @micropython.asm_thumb
    def fact(r0):            # r0! through a recursive bl on the stack
        b(entry)
        label(f)
        push({r4, lr})
        mov(r4, r0)
        cmp(r0, 1)
        ble(base)
        sub(r0, 1)
        bl(f)
        mul(r0, r4)
        pop({r4, pc})
        label(base)
        mov(r0, 1)
        pop({r4, pc})
        label(entry)
        bl(f)
    @micropython.asm_thumb
    def swap(r0, r1):        # pushed together, popped one by one: r1 - r0 of the swapped pair
        push({r0, r1})
        pop({r1})
        pop({r0})
        sub(r0, r1, r0)
    print(fact(1), fact(5), fact(12), swap(10, 3))
    """)
    assert out == "1 120 479001600 7\n"


def test_conditional_execution_needs_thumb2(tmp_path):
    source = """
    @micropython.asm_thumb
    def umax(r0, r1) -> uint:
        cmp(r0, r1)
        it(cc)
        mov(r0, r1)
    print(umax(3, 7), umax(-1, 7))
    """
    assert run(tmp_path, source, "pyboard") == "7 4294967295\n"
    assert "SyntaxError: unsupported Thumb instruction 'it' with 1 arguments" in run(
        tmp_path, source, "rp2")


# ---- memory ----

def test_loads_and_stores_reach_the_guests_buffers(tmp_path):
    out = run(tmp_path, """
    import array
    @micropython.asm_thumb
    def fill(r0, r1):        # r0: buffer, r1: count; bytes i*3 at i
        mov(r2, 0)
        b(test)
        label(loop)
        add(r3, r2, r2)
        add(r3, r3, r2)
        strb(r3, [r0, 0])
        add(r0, 1)
        add(r2, 1)
        label(test)
        cmp(r2, r1)
        blt(loop)
    @micropython.asm_thumb
    def halves(r0):          # a[1] = a[0] + a[2] (16-bit elements), returns a[3] unsigned
        ldrh(r1, [r0, 0])
        ldrh(r2, [r0, 4])
        add(r1, r1, r2)
        strh(r1, [r0, 2])
        ldrh(r0, [r0, 6])
    @micropython.asm_thumb
    def word(r0):
        ldr(r0, [r0, 4])
    b = bytearray(6)
    fill(b, len(b))
    a = array.array('h', [1000, 0, 234, -1])
    print(b, halves(a), a, word(array.array('i', [1, -5])), word(b'abcdWXYZ') == 0x5a595857)
    mv = memoryview(b)[2:]
    fill(mv, 2)
    print(b)
    """)
    assert out == ("bytearray(b'\\x00\\x03\\x06\\t\\x0c\\x0f') 65535 array('h', [1000, 1234, "
                   "234, -1]) -5 True\nbytearray(b'\\x00\\x03\\x00\\x03\\x0c\\x0f')\n")


def test_arguments_as_the_firmware_converts_them(tmp_path):
    out = run(tmp_path, """
    @micropython.asm_thumb
    def first_byte(r0):
        ldrb(r0, [r0, 0])
    @micropython.asm_thumb
    def first_word(r0) -> uint:
        ldr(r0, [r0, 0])
    @micropython.asm_thumb
    def same(r0) -> object:
        pass
    @micropython.asm_thumb
    def value(r0) -> uint:
        pass
    class C:
        @micropython.asm_thumb
        def me(r0) -> object:
            pass
    c = C()
    print(first_byte('é'), first_byte(b'A'), hex(first_word([5])), hex(first_word((None,))))
    print(value(None), value(True), value(False), value(-1), value(2.9), value(-2.9),
          value(1 << 40 | 7))
    print(same(print) is print, same(c) is c, c.me() is c, same(13))
    """)
    # a small int n is the word 2n+1, None the word 6 (MICROPY_OBJ_REPR_A); same(13) returns
    # the word 13 as an object: the small int 6
    assert out == "195 65 0xb 0x6\n0 1 0 4294967295 2 4294967294 7\nTrue True True 6\n"


def test_the_code_reads_its_own_data(tmp_path):
    out = run(tmp_path, """
    @micropython.asm_thumb
    def table(r0) -> uint:
        lsl(r0, r0, 2)
        mov(r1, pc)
        add(r0, r0, r1)
        ldr(r0, [r0, 4])
        b(done)
        align(4)
        data(4, 0xdeadbeef, 7)
        label(done)
    print(hex(table(0)), table(1))
    """)
    # mov(r1, pc) is at offset 4 of the code (after the push of the entry): pc reads as 8,
    # already word-aligned, and the data starts at 12
    assert out == "0xdeadbeef 7\n"


def test_thumb2_division_and_bit_operations(tmp_path):
    out = run(tmp_path, """
    @micropython.asm_thumb
    def div(r0, r1):
        sdiv(r0, r0, r1)
    @micropython.asm_thumb
    def udiv(r0, r1) -> uint:
        udiv(r0, r0, r1)
    @micropython.asm_thumb
    def high(r0):            # the high registers through push/pop and movwt
        movwt(r8, 0x12345678)
        push({r8, r9})
        pop({r1, r2})
        mov(r0, r1)
    print(div(-7, 2), div(7, 0), div(-0x80000000, -1), udiv(-1, 16), hex(high(0)))
    """, "pyboard")
    assert out == "-3 0 -2147483648 268435455 0x12345678\n"


def test_single_precision_floats(tmp_path):
    out = run(tmp_path, """
    import array
    @micropython.asm_thumb
    def third(r0) -> uint:   # 1/3 in single precision: stored in the array, and its bits
        mov(r1, 1)
        vmov(s0, r1)
        vcvt_f32_s32(s0, s0)
        mov(r1, 3)
        vmov(s1, r1)
        vcvt_f32_s32(s1, s1)
        vdiv(s2, s0, s1)
        vstr(s2, [r0, 0])
        vmov(r0, s2)
    @micropython.asm_thumb
    def bits(r0) -> uint:    # the bit pattern of a float in an array
        vldr(s3, [r0, 0])
        vneg(s3, s3)
        vmov(r0, s3)
    @micropython.asm_thumb
    def trunc(r0):
        vldr(s0, [r0, 0])
        vcvt_s32_f32(s0, s0)
        vmov(r0, s0)
    a = array.array('f', [0])
    print(hex(third(a)), a[0] > 0.333333, hex(bits(array.array('f', [1.5]))),
          trunc(array.array('f', [-2.75])), trunc(array.array('f', [1e20])))
    """, "pyboard")
    assert out == "0x3eaaaaab True 0xbfc00000 -2 2147483647\n"


# ---- faults and refusals ----

def test_unaligned_word_access_faults_on_the_cortex_m0plus(tmp_path):
    source = """
    @micropython.asm_thumb
    def at(r0):
        add(r0, 1)
        ldr(r0, [r0, 0])
    try:
        print(at(bytearray(b'abcdefgh')) & 0xffffff)
    except BaseException:
        print("caught")       # (the firmware has stopped: no guest handler runs)
    """
    assert run(tmp_path, source, "pyboard") == f"{int.from_bytes(b'bcd', 'little')}\n"
    with pytest.raises(MptError, match=r"faulted \(HardFault\): unaligned 4-byte load"):
        run(tmp_path, source, "rp2")


def test_an_undefined_instruction_faults(tmp_path):
    with pytest.raises(MptError, match=r"undefined instruction \(udf 7\)"):
        run(tmp_path, """
        @micropython.asm_thumb
        def f():
            data(2, 0xde07)
        f()
        """)


def test_calls_check_their_arguments(tmp_path):
    out = run(tmp_path, """
    @micropython.asm_thumb
    def f(r0, r1):
        pass
    for call in (lambda: f(1), lambda: f(1, r1=2), lambda: f(1, 2, 3)):
        try:
            call()
        except TypeError as e:
            print(e)
    print(f)
    """)
    assert out == ("function takes 2 positional arguments but 1 were given\n"
                   "function doesn't take keyword arguments\n"
                   "function takes 2 positional arguments but 3 were given\n<function>\n")


@pytest.mark.parametrize("board, decorator", [("rp2", "asm_xtensa"), ("pyboard", "asm_rv32"),
                                              ("esp32", "asm_xtensa"), ("esp32", "asm_thumb")])
def test_a_firmware_has_only_its_own_cpus_assembler(tmp_path, board, decorator):
    # the esp32 port builds no inline assembler at all
    out = run(tmp_path, f"@micropython.{decorator}\ndef f():\n    nop()\n", board)
    assert out.endswith("SyntaxError: invalid micropython decorator\n")


@pytest.mark.parametrize("board", ["rp2", "pyboard"])
def test_inline_assembler_in_a_mpy_file_runs(tmp_path, board):
    """A .mpy holding Thumb inline assembler (mpy-cross -march=armv6m) is machine code both
    boards' cores run; an esp32 refuses the file as its firmware does."""
    from mpt.crosscompile.api import compile_source
    flash = tmp_path / "f"
    flash.mkdir()
    (flash / "m.mpy").write_bytes(compile_source(
        "@micropython.asm_thumb\ndef add3(r0, r1, r2) -> uint:\n"
        "    add(r0, r0, r1)\n    add(r0, r0, r2)\n", "m.py", march="armv6m"))
    source = "import m\nprint(m.add3(1, 2, -4))\n"
    assert run(tmp_path, source, board) == "4294967295\n"
    assert run(tmp_path, source, "esp32").endswith("ValueError: incompatible .mpy arch\n")
