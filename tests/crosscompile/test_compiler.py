"""The compiler back end, checked against the real mpy-cross 1.29 binary.

Whole programs (tests/crosscompile/corpus/*.py) are parsed with mpt's parser, compiled with
mpt's compiler, written with mpt's .mpy writer and compared byte for byte with what mpy-cross
writes for the same source and options. Compile errors are compared with the traceback text
mpy-cross prints.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from reference_tools import mpy_cross_binary

from mpt.crosscompile.compiler import compile_module
from mpt.crosscompile.parsenode import Id, Node
from mpt.errors import CompileError
from mpt.mpy.mpyfile import write_mpy

MPY_CROSS = str(mpy_cross_binary())
CORPUS = Path(__file__).parent / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.py"))

# (mpy-cross arguments, compile_module keyword arguments)
OPTION_SETS = {
    "default": ([], {}),
    "O1": (["-O1"], {"opt_level": 1}),
    "O3": (["-O3"], {"opt_level": 3}),
    "no-lines": (["-X", "no-source-lines"], {"emit_source_lines": False}),
    "small-int-16": (["-msmall-int-bits=16"], {"small_int_bits": 16}),
}


def run_mpy_cross(tmp_path: Path, name: str, source: bytes, args: list[str],
                  timeout: float | None = None):
    """Returns (mpy bytes, None) or (None, traceback text) from the real mpy-cross."""
    src = tmp_path / name
    src.write_bytes(source)
    out = tmp_path / (name + ".mpy")
    try:
        proc = subprocess.run([MPY_CROSS, *args, "-s", name, "-o", str(out), str(src)],
                              capture_output=True, cwd=tmp_path, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"mpy-cross took more than {timeout} s on this program:\n"
                    + source.decode(errors="replace"))
    if proc.returncode != 0:
        return None, proc.stderr.decode()
    return out.read_bytes(), None


def mpt_compile(source: bytes, name: str, **options):
    parser = pytest.importorskip("mpt.crosscompile.parser")
    tree = parser.parse(source, name, small_int_bits=options.get("small_int_bits", 31),
                        opt_level=options.get("opt_level", 0))
    return compile_module(tree, name, **options)


@pytest.mark.parametrize("option_set", sorted(OPTION_SETS))
@pytest.mark.parametrize("path", CORPUS_FILES, ids=[p.name for p in CORPUS_FILES])
def test_corpus_program_is_byte_identical_to_mpy_cross(tmp_path, path, option_set):
    args, options = OPTION_SETS[option_set]
    source = path.read_bytes()
    expected, err = run_mpy_cross(tmp_path, path.name, source, args)
    assert err is None, err
    module = mpt_compile(source, path.name, **options)
    assert write_mpy(module) == expected


def test_hand_built_tree_matches_mpy_cross(tmp_path):
    # x = 1 / print(x), shaped as MicroPython's parser shapes it
    tree = Node("file_input_2", 1, [
        Node("expr_stmt", 1, [Id("x"), 1]),
        Node("expr_stmt", 2, [
            Node("atom_expr_normal", 2, [Id("print"), Node("trailer_paren", 2, [Id("x")])]),
            None]),
    ])
    expected, err = run_mpy_cross(tmp_path, "a.py", b"x = 1\nprint(x)\n", [])
    module = compile_module(tree, "a.py")
    assert module.qstrs == ["a.py", "<module>", "x", "print"]
    assert write_mpy(module) == expected


ERROR_PROGRAMS = {
    "return_outside": "return 1\n",
    "break_outside": "def f():\n    x = 1\n    break\n",
    "continue_outside": "continue\n",
    "nonlocal_module": "nonlocal x\n",
    "nonlocal_no_binding": "def f():\n    nonlocal q\n",
    "argument_reused": "def f(a, a):\n    pass\n",
    "native_without_arch": "@micropython.native\ndef f():\n    pass\n",
    "viper_without_arch": "x = 1\n@micropython.viper\ndef f():\n    pass\n",
    "asm_without_arch": "@micropython.asm_thumb\ndef f():\n    pass\n",
    "bad_micropython_decorator": "@micropython.foo\ndef f():\n    pass\n",
    "return_in_class": "class A:\n    def f(self):\n        yield\n    return 5\n",
    "assign_to_literal": "x = 1\n1 = x\n",
    "assign_to_call": "f() = 1\n",
    "aug_assign_tuple": "a, b += 1\n",
    "star_after_double_star": "f(**a, *b)\n",
    "star_after_kwarg": "f(a=1, *b)\n",
    "positional_after_kwarg": "f(a=1, b)\n",
    "delete_literal": "del 1\n",
    "delete_call": "del f()\n",
    "await_outside": "await x\n",
    "yield_outside": "yield 1\n",
    "yield_in_class": "class C:\n    yield 1\n",
    "redefined_as_global": "def f():\n    x = 1\n    global x\n",
    "redefined_as_nonlocal":
        "def f():\n    x = 1\n    def g():\n        y = 2\n        nonlocal y\n",
    "multiple_stars": "a, *b, *c = d\n",
    "star_expr_alone": "x = *a\n",
    "default_except_not_last": "try:\n    pass\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
    "non_default_after_default": "def f(a=1, b):\n    pass\n",
    "import_star_in_function": "def f():\n    from os import *\n",
    "async_for_outside": "def f():\n    async for x in y:\n        pass\n",
    "super_without_self": "class A:\n    def f():\n        super()\n",
    "keyword_not_id": "f(1=2)\n",
    "nested_scope_error":
        "def outer():\n    def inner():\n        return\n    class K:\n        break\n",
    "walrus_target": "(a.b := 1)\n",
}


@pytest.mark.parametrize("name", sorted(ERROR_PROGRAMS))
def test_compile_error_matches_mpy_cross(tmp_path, name):
    source = ERROR_PROGRAMS[name].encode()
    expected, err = run_mpy_cross(tmp_path, "bad.py", source, [])
    assert expected is None, "mpy-cross compiled it"
    with pytest.raises(CompileError) as info:
        mpt_compile(source, "bad.py")
    assert info.value.traceback_text == err


def _long_branches(n: int) -> str:
    body = "".join(f"        y = g({i}, {i + 1})\n" for i in range(n))
    loop = "".join(f"        z.append({i})\n" for i in range(n))
    return (f"def f(x, z):\n    if x:\n{body}    else:\n        y = 0\n"
            f"    while x:\n{loop}        x -= 1\n    return y\n")


def _line_gaps() -> str:
    gap = "\n" * 3000
    long_line = "x = [" + ", ".join(f"a{i}.b{i}" for i in range(40)) + "]\n"
    return "a = 1\n" + gap + "b = 2\n" + "# c\n" * 9 + "c = 3\n" + long_line * 3 + gap + "d = 4\n"


def _many_locals(n: int) -> str:
    assigns = "".join(f"    v{i} = {i}\n" for i in range(n))
    cells = "".join(f"    c{i} = {i}\n" for i in range(20))
    reads = " + ".join(f"c{i}" for i in range(20))
    return (f"def f(p):\n{assigns}{cells}    def g():\n        return {reads}\n"
            f"    return v0 + v{n - 1} + v{n // 2}, g\n")


def _many_constants(n: int) -> str:
    floats = ", ".join(f"{i}.5" for i in range(n))
    strings = ", ".join(f"'a long string constant number {i} that is not a qstr'" for i in range(n))
    names = " + ".join(f"name{i}" for i in range(n))
    bigs = ", ".join(str(2 ** 40 + i) for i in range(n))
    return f"a = ({floats})\nb = ({strings})\nc = {names}\nd = [{bigs}]\n"


def _many_args(n: int) -> str:
    pos = ", ".join(f"p{i}={i}" for i in range(n))
    kw = ", ".join(f"k{i}={i}" for i in range(n // 3))
    return (f"def f({pos}, *args, {kw}, **kwargs):\n    return p0\n"
            f"def g(a, b, c, d, e, f, g, h, *, x):\n    pass\n"
            f"f({', '.join(str(i) for i in range(n))})\n")


def _deep_try(depth: int) -> str:
    lines = []
    for d in range(depth):
        pad = "    " * d
        lines.append(f"{pad}try:\n")
    pad = "    " * depth
    lines.append(f"{pad}x = 1\n")
    for d in reversed(range(depth)):
        pad = "    " * d
        lines.append(f"{pad}finally:\n{pad}    y = {d}\n" if d % 2 else
                     f"{pad}except E{d} as e:\n{pad}    y = e\n")
    return "".join(lines)


def _int_encodings() -> str:
    values = [0, 1, -1, 47, 48, -16, -17, 63, 64, -64, -65, 127, 128, 8191, 8192, -8192, -8193,
              2 ** 20, -(2 ** 20), 2 ** 29 - 1, -(2 ** 29), 2 ** 30 - 1, -(2 ** 30), 2 ** 30,
              -(2 ** 30) - 1, 2 ** 62, 2 ** 64]
    return "".join(f"x{i} = {v}\n" for i, v in enumerate(values))


GENERATED_PROGRAMS = {
    "long_branches_short": _long_branches(5),
    "long_branches_medium": _long_branches(40),
    "long_branches_8k": _long_branches(900),
    "line_gaps": _line_gaps(),
    "many_locals": _many_locals(230),
    "many_constants": _many_constants(300),
    "many_args": _many_args(70),
    "deep_try": _deep_try(6),
    "int_encodings": _int_encodings(),
    "star_args_bitmap": "f(" + ", ".join(f"a{i}" for i in range(14)) + ", *x, y)\n",
    "empty": "",
    "blank_lines_first": "\n\n\nx = 1\n",
    "only_constant": "'doc'\n1\n",
}


@pytest.mark.parametrize("option_set", ["default", "no-lines", "small-int-16"])
@pytest.mark.parametrize("name", sorted(GENERATED_PROGRAMS))
def test_generated_program_is_byte_identical_to_mpy_cross(tmp_path, name, option_set):
    args, options = OPTION_SETS[option_set]
    source = GENERATED_PROGRAMS[name].encode()
    expected, err = run_mpy_cross(tmp_path, "gen.py", source, args)
    assert err is None, err
    assert write_mpy(mpt_compile(source, "gen.py", **options)) == expected


# The most lines _long_branches can have before a jump no longer fits and mpy-cross 1.29 says
# "bytecode overflow" (found with mpy-cross; test_longest_branches_that_fit_are_identical
# checks the side that fits, the error below the side that does not).
LONGEST_BRANCHES = 1509

GENERATED_ERRORS = {
    "bytecode_overflow": ([], _long_branches(LONGEST_BRANCHES + 1)),
    "too_many_args_31": ([], "f(" + ", ".join(f"a{i}" for i in range(30)) + ", *x)\n"),
    "too_many_args_16": (["-msmall-int-bits=16"],
                         "f(" + ", ".join(f"a{i}" for i in range(15)) + ", *x)\n"),
}


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.slow) if name == "bytecode_overflow" else name
    for name in sorted(GENERATED_ERRORS)])
def test_generated_error_matches_mpy_cross(tmp_path, name):
    args, source = GENERATED_ERRORS[name]
    expected, err = run_mpy_cross(tmp_path, "gen.py", source.encode(), args)
    assert expected is None
    options = {"small_int_bits": 16} if args else {}
    with pytest.raises(CompileError) as info:
        mpt_compile(source.encode(), "gen.py", **options)
    assert info.value.traceback_text == err


def test_longest_branches_that_fit_are_identical(tmp_path):
    source = _long_branches(LONGEST_BRANCHES).encode()
    expected, err = run_mpy_cross(tmp_path, "gen.py", source, [])
    assert err is None, err
    assert write_mpy(mpt_compile(source, "gen.py")) == expected


# Small programs at the edges of the scope and statement rules: each either compiles to the same
# bytes as mpy-cross or fails with the same traceback text.
EDGE_SNIPPETS = [
    'x = [(yield) for x in y]\n',
    'f = lambda: [(await z) for z in q]\n',
    'def f():\n    return [(yield x) for x in y]\n',
    'class A:\n    x = lambda: (yield)\n    return 1\n',
    'def f():\n    g = lambda: nonlocal_x\n    nonlocal y\n',
    'def f(*, **k):\n    pass\n',
    'def f(*a, *b):\n    pass\n',
    'def f(**k, a):\n    pass\n',
    'lambda *a, *b: 0\n',
    'lambda **k, a: 0\n',
    'def f(a, b=1, c):\n    pass\n',
    'lambda a=1, b: 0\n',
    'def f():\n    global x\n    x = 1\n    def g():\n        nonlocal x\n',
    'def f():\n    x = 1\n    def g():\n        global x\n        nonlocal x\n',
    'def f(a):\n    global a\n',
    'def f():\n    nonlocal f\n',
    'for x in y:\n    def g():\n        break\n',
    'while 1:\n    class A:\n        continue\n',
    'try:\n    pass\nfinally:\n    def f():\n        break\n',
    'a.b, c[1], *d = 1\n*e = 1\n',
    '[a, *b, *c] = d\n',
    '(a, b) += 1\n',
    '[a] += 1\n',
    'f(x for x in y) = 1\n',
    'f() += 1\n',
    '(x for x in y) = 1\n',
    'del (x for x in y)\n',
    'del (a, b), [c]\n',
    'del ()\n',
    'x := 1\n',
    'def f():\n    (a.b := 1)\n',
    '[a.b := 1 for x in y]\n',
    'def f():\n    [z := 1 for z in y]\n',
    '@micropython.asm_xtensa\ndef f():\n    pass\n',
    '@micropython.asm_rv32\ndef f():\n    pass\n',
    '@micropython.bytecode\ndef f():\n    return 1\n',
    '@micropython.native.foo\ndef f():\n    pass\n',
    '@micropython\ndef f():\n    pass\n',
    'class A:\n    @micropython.viper\n    def f(self):\n        pass\n',
    'import micropython\n@micropython.const\ndef f(): pass\n',
    'async def f():\n    yield from x\n',
    'async def f():\n    x = [await y for y in z]\n',
    'async def f():\n    x = [y async for y in z]\n',
    'def f():\n    await x\n',
    'async def f():\n    async with a as b, c:\n        await d\n',
    'def g():\n    async with a:\n        pass\n',
    'f(*a, **b, *c)\n',
    'f(**a, b)\n',
    'f(a, *b, c=1, d)\n',
    'x = {1: 2, 3}\n',
    'x = {1, 2: 3}\n',
    'x = {**a}\n',
    'print(super())\n',
    'def f():\n    super().x()\n',
    'class A:\n    def f(*args):\n        super().f()\n',
    'class A:\n    def f(*, k):\n        return super().g()\n',
    'class A:\n    def f(**kw):\n        return super()\n',
    'from . import *\n',
    'def f():\n    from . import *\n',
    'a, b = *c\n',
    'f(x=1, x=2)\n',
    'def f():\n    x: int = 1\n    global x\n',
    'def f():\n    global x\n    x: int\n',
    'class A:\n    nonlocal x\n',
    'def f():\n    class A:\n        nonlocal x\n',
    'def f():\n    x = 1\n    class A:\n        nonlocal x\n        x = 2\n',
]


@pytest.mark.parametrize("index", range(len(EDGE_SNIPPETS)))
def test_edge_snippet_matches_mpy_cross(tmp_path, index):
    source = EDGE_SNIPPETS[index].encode()
    expected, err = run_mpy_cross(tmp_path, "edge.py", source, [])
    if expected is not None:
        assert write_mpy(mpt_compile(source, "edge.py")) == expected
        return
    with pytest.raises(CompileError) as info:
        mpt_compile(source, "edge.py")
    assert info.value.traceback_text == err.replace(str(tmp_path / "edge.py"), "edge.py")
