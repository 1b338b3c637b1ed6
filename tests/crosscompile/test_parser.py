"""The parser (mpt.crosscompile.parser), as a port of MicroPython's py/parse.c.

mpy-cross cannot print its parse tree, so the tree shapes below follow parse.c's rules; what
a user can observe is compared with the real mpy-cross 1.29: error messages and lines, and the
.mpy bytes of programs that exercise the parser's folding (through mpt's back end).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as st

from mpt.crosscompile.parser import parse
from mpt.crosscompile.parsenode import Id, Node, Str, Token
from tests.crosscompile.frontend_ref import mpt_error, mpt_result, reference, reference_error


def tree(source: str, **options):
    return parse(source, "t.py", **options)


def rhs(source: str, **options):
    """The value node of the single assignment ``source``."""
    node = tree(source, **options)
    assert node.rule == "expr_stmt"
    return node.args[1]


def const_value(pn):
    if type(pn) is int:
        return pn
    assert isinstance(pn, Node) and pn.rule == "const_object", pn
    return pn.args[0]


# -- tree shapes -----------------------------------------------------------------------------

def test_single_statement_file_is_the_statement_itself():
    assert tree("x = 1\n") == Node("expr_stmt", 1, [Id("x"), 1])


def test_several_statements_make_file_input_2():
    node = tree("x = 1\ny = 2\n")
    assert node.rule == "file_input_2" and len(node.args) == 2


def test_lonely_constants_and_doc_strings_become_pass():
    node = tree('"""doc"""\n1\nNone\nx\n')
    assert node.args[:3] == [Node("pass_stmt", 1, []), Node("pass_stmt", 2, []),
                             Node("pass_stmt", 3, [])]
    assert node.args[3] == Node("expr_stmt", 4, [Id("x"), None])


def test_doc_string_is_kept_in_single_input():
    assert tree('"doc"\n', input_kind="single") == Node("expr_stmt", 1, [Str("doc"), None])


def test_parentheses_around_one_expression_vanish():
    assert rhs("x = ((y))\n") == Id("y")


def test_funcdef_gets_a_blank_node():
    node = tree("def f(a): return a\n")
    assert node.rule == "funcdef" and node.args[-1] is None and len(node.args) == 5


def test_tuple_display_shapes():
    assert rhs("x = (a, b, c)\n") == Node("atom_paren", 1, [
        Node("testlist_comp", 1, [Id("a"), Id("b"), Id("c")])])
    assert rhs("x = (a,)\n") == Node("atom_paren", 1, [Node("testlist_comp", 1, [Id("a")])])
    assert rhs("x = [a, b]\n") == Node("atom_bracket", 1, [
        Node("testlist_comp", 1, [Id("a"), Id("b")])])
    assert rhs("x = ()\n") == Node("atom_paren", 1, [None])


def test_constant_tuples_are_built_by_the_parser():
    assert const_value(rhs("x = (1, 'a', None, ..., True, (), b'z')\n")) == (
        1, "a", None, Ellipsis, True, (), b"z")
    assert const_value(rhs("x = 1, 2\n")) == (1, 2)
    assert const_value(rhs("x = (1,)\n")) == (1,)
    assert rhs("x = [1, 2]\n").rule == "atom_bracket"


def test_short_strings_are_qstr_leaves_long_ones_objects():
    assert rhs("x = 'abcdefghij'\n") == Str("abcdefghij")
    assert const_value(rhs("x = 'abcdefghijk'\n")) == "abcdefghijk"
    assert rhs("x = 'staticmethod'\n") == Str("staticmethod")  # built into mpy-cross
    assert tree("long_identifier = 1\nx = 'long_identifier'\n").args[1].args[1] == \
        Str("long_identifier")
    assert const_value(tree("x = 'long_identifier'\nlong_identifier = 1\n").args[0].args[1]) \
        == "long_identifier"


def test_file_and_source_names_are_interned():
    node = parse("x = 'dir/some_file.py'\ny = 'other_name.py'\n", "dir/some_file.py",
                 source_name="other_name.py")
    assert node.args[0].args[1] == Str("dir/some_file.py")
    assert node.args[1].args[1] == Str("other_name.py")


def test_small_int_range_follows_small_int_bits():
    assert rhs("x = 1073741823\n") == 1073741823
    assert const_value(rhs("x = 1073741824\n")) == 1073741824
    assert rhs("x = 32767\n", small_int_bits=16) == 32767
    assert rhs("x = 32768\n", small_int_bits=16) == Node("const_object", 1, [32768])


def test_arithmetic_is_folded_with_line_zero():
    assert rhs("x = 1 + 2 * 3 - -4 ** 2\n") == 23
    assert rhs("x = 2 ** 40\n") == Node("const_object", 0, [2 ** 40])
    assert rhs("x = 7 / 2\n") == Node("const_object", 0, [3.5])
    assert rhs("x = 1.5 * 2\n") == Node("const_object", 0, [3.0])


def test_unfoldable_arithmetic_is_kept():
    for source in ("x = 1 / 0\n", "x = 1 << -1\n", "x = ~1.5\n", "x = 1 @ 2\n",
                   "x = (-8) ** 0.5\n", "x = 1j * 2\n", "x = 'a' * 2\n", "x = y + 1\n"):
        assert isinstance(rhs(source), Node) and rhs(source).rule != "const_object", source


def test_logical_operators_are_folded():
    assert rhs("x = 1 and 2 or 3\n") == 2
    assert rhs("x = not 0\n") == Token("KW_TRUE")
    assert rhs("x = not ()\n") == Token("KW_TRUE")
    assert rhs("x = a or 0 or b\n") == Node("or_test", 1, [Id("a"), Id("b")])
    assert rhs("x = 0 or a\n") == Id("a")
    assert rhs("x = a and 1 and b\n") == Node("and_test", 1, [Id("a"), Id("b")])


def test_const_definitions_are_substituted():
    node = tree("from micropython import const\nX = const(3)\n_Y = const(X * 2)\n"
                "z = X + _Y\nw = _Y.real\n")
    assert node.args[1] == Node("expr_stmt", 2, [Id("X"), 3])
    assert node.args[2] == Node("pass_stmt", 0, [])
    assert node.args[3] == Node("expr_stmt", 4, [Id("z"), 9])
    assert node.args[4].args[1].args[0] == 6


def test_const_with_annotation_and_big_values():
    node = tree("X: int = const(1 << 40)\ny = X\nT = const((1, 2))\nz = T\n")
    assert node.args[1].args[1] == Node("const_object", 2, [1 << 40])
    assert node.args[3].args[1] == Node("const_object", 4, [(1, 2)])


def test_math_constants_are_folded():
    assert const_value(rhs("x = math.pi\n")) == math.pi
    assert const_value(rhs("x = math.tau * 2\n")) == 2 * math.tau
    assert math.isnan(const_value(rhs("x = math.nan\n")))
    assert rhs("x = math.sqrt\n").rule == "atom_expr_normal"
    assert rhs("x = cmath.pi\n").rule == "atom_expr_normal"


def test_testlist_comp_line_is_the_line_after_the_first_comma():
    node = rhs("x = [a,\n  b,\n  c]\n")
    assert node.args[0] == Node("testlist_comp", 2, [Id("a"), Id("b"), Id("c")])


# -- errors, compared with mpy-cross ----------------------------------------------------------

PARSE_ERRORS = [
    "x = 1 +\n", "def f(:\n", "class\n", "if x:\npass\n", "print 'x'\n", "x = 1 = \n",
    "match x:\n    case 1:\n        pass\n", "try:\n    pass\nexcept* E:\n    pass\n",
    "def f[T](x): pass\n", "type X = int\n", "x := 1\n", "x = {**a}\n", "f(**d, *c)\n",
    "def f(a, /, b): pass\n", "x = 1if 1 else 2\n", "x = 1.2.3\n", "x = 0o8\n", "x = 0x\n",
    "x = 0b102\n", "x = 09\n", "x = 1e\n", "x = 1e+\n", "x = 1j2\n", "x = 0x_1f\n",
    "y = const(x)\n", "X = const()\n", "X = const(1, 2)\n", "X = const([1])\n",
    "for x in y:\n\tpass\n        pass\n", "\tx = 1\n", "", "\n\n", "# only a comment\n",
    "x = 1\n  y = 2\n", "if 1:\n    x\n   y\n", "lambda x: (yield)\ndef\n",
    "@dec\nx = 1\n", "@dec\n", "x = (1, 2\n", "x = [1, 2)\n", "x = {1: }\n",
    "import a.b as\n", "from . import\n", "from a import (b, c\n", "del\n", "raise from x\n",
    "x = yield = 1\n", "async x\n", "with:\n  pass\n", "x = lambda *: 1\n", "f(a=1 for x in y)\n",
    "x = a if b\n", "x = not\n", "x = 1 < \n", "x = .\n", "x = a.1\n", "x = 1 x\n",
    "global\n", "x = [i for i in]\n", "for x in:\n pass\n", "while\n", "assert\n",
]


@pytest.mark.parametrize("source", PARSE_ERRORS, ids=[repr(x)[:40] for x in PARSE_ERRORS])
def test_parse_error_matches_mpy_cross(tmp_path, source):
    expected = reference_error(tmp_path, source.encode())
    if expected is None or ", in " in expected:
        # mpy-cross's parser accepts it (the compiler may still reject it), so must we
        assert mpt_error(source.encode()) is None
    else:
        assert mpt_error(source.encode()) == expected


def test_error_names_the_file_as_given(tmp_path):
    (tmp_path / "sub").mkdir()
    expected = reference_error(tmp_path, b"x = (\n", name="sub/prog.py")
    assert mpt_error(b"x = (\n", name="sub/prog.py") == expected


# -- folding results, compared with mpy-cross through the whole pipeline -----------------------

FOLDING_PROGRAMS = [
    "x = 1 + 2 * 3 - -4 ** 2\n", "x = 0.1 + 0.2\n", "x = 1 / 0\n", "x = 1 // 0\n",
    "x = 1 << -1\n", "x = 2 ** -1\n", "x = (-8) ** 0.5\n", "x = 10.0 ** 400\n",
    "x = (-10.0) ** 401\n", "x = 1e308 * 10\n", "x = -2**63\n", "x = 2**62\n", "x = 2**30\n",
    "x = -2**30\n", "x = -2**30 - 1\n", "x = ~5 & 3 | 8 ^ 1\n",
    "x = 7 % -3, -7 // 2, 7.5 % -2, -7.5 // 2\n", "x = 1 @ 2\n", "x = ~1.5\n",
    "x = True + 1\n", "x = not 1\n", "x = 1 and 2 or 3\n", "x = a or 0 or b\n",
    "x = (1, 'abc', b'x', None, ..., 1.5, (), -3)\n", "x = (1,)\n", "x = 1,\n",
    "x = 123456789 * 987654321 * 1000000007\n", "x = (1 << 100) >> 99\n",
    "x = 2 ** 100 - 2 ** 100\n", "x = -(-(1 << 62))\n", "x = 10 / 4, 2 ** 0.5, 1.0 // 0.3\n",
    "x = 0xffffffffffffffffffff + 1\n", "x = 100000000000000000000000\n",
    "x = ~2147483647 >> 99999999999999999999\n", "x = -5 >> (1 << 62)\n", "x = 1 >> (1 << 63)\n",
    "x = 0 << (1 << 64)\n", "x = 0 << 2147483648, 0 << ((1 << 63) - 1)\n", "x = 3 ** 200000 * 0\n", "x = 2 ** -(1 << 70), (1 << 70) ** -1, 10 ** 400 + 1.0\n",
    "x = 14583902292171111900284749453417637962322222595882411719216583159 * 1.0\n",
    "x = 14583902292171111900284749453417637962322222595882411719216583159 / 7\n", "x = 1 ** (1 << 80), (-1) ** (1 << 80 | 1), 0 ** (1 << 80)\n",
    "from micropython import const\nX = const(1 << 40)\ny = X\n",
    "from micropython import const\n_X = const((1, 2))\ny = _X\n",
    "from micropython import const\nX: int = const(5)\ny = X + 1\n",
    "from micropython import const\nX = const(1)\nX = const(2)\ny = X\n",  # an error
    "from micropython import const\nA = const('abc')\nB = const(None)\nC = const(1.5)\n"
    "print(A, B, C, not B, A and C)\n",
    "import math\nx = math.pi + math.e + math.tau + math.inf\ny = math.nan\nz = math.sqrt\n",
    "if 0:\n    x = 1\nelif 1 or y:\n    x = 2\nwhile not 1:\n    pass\n",
    "def f():\n    '''doc'''\n    return 1, 2, 3\n", "x = __debug__\nassert x\n",
    "for x in 1, 2, 3:\n    print(x[1, 2])\n", "x = 'a_long_string_here'\ny = '__build_class__'\n",
]


@pytest.mark.parametrize("source", FOLDING_PROGRAMS, ids=[repr(x)[:40] for x in FOLDING_PROGRAMS])
@pytest.mark.parametrize("args,options", [
    ([], {}), (["-O1"], {"opt_level": 1}), (["-msmall-int-bits=16"], {"small_int_bits": 16})],
    ids=["default", "O1", "small16"])
def test_folding_program_is_byte_identical(tmp_path, source, args, options):
    assert mpt_result(source.encode(), **options) == reference(tmp_path, source.encode(),
                                                                args=args)


# -- properties against Python semantics (where MicroPython agrees) ---------------------------

INT_OPS = ["+", "-", "*", "//", "%", "&", "|", "^", "<<", ">>", "**"]


@settings(max_examples=300, deadline=None)
@given(a=st.integers(-2**70, 2**70), b=st.integers(-2**70, 2**70), op=st.sampled_from(INT_OPS))
def test_int_folding_agrees_with_python(a, b, op):
    if op in ("<<", "**"):
        b = abs(b) % 200
    if op == ">>":
        b = abs(b) % (1 << 63)  # larger counts overflow mp_int_t: MicroPython does not fold
    source = f"x = ({a}) {op} ({b})\n"
    try:
        expected = eval(f"({a}) {op} ({b})")
    except ZeroDivisionError:
        node = rhs(source)
        assert isinstance(node, Node) and node.rule != "const_object"
        return
    assert const_value(rhs(source)) == expected


@settings(max_examples=200, deadline=None)
@given(a=st.floats(allow_nan=False, allow_infinity=False, width=64),
       b=st.floats(allow_nan=False, allow_infinity=False, width=64),
       op=st.sampled_from(["+", "-", "*", "/", "//", "%"]))
def test_float_folding_agrees_with_python(a, b, op):
    source = f"x = ({a!r}) {op} ({b!r})\n"
    try:
        expected = eval(f"({a!r}) {op} ({b!r})")
    except ZeroDivisionError:
        assert rhs(source).rule != "const_object"
        return
    got = const_value(rhs(source))
    assert got == expected or (math.isnan(got) and math.isnan(expected))


@pytest.mark.parametrize("source", [
    "x = -4611686018427387904\n", "x = -(2 ** 62), ~4611686018427387904\n",
    "x = --4611686018427387904, -4611686018427387903, +4611686018427387904\n",
])
def test_negated_big_int_stays_an_object_at_63_bits(tmp_path, source):
    assert mpt_result(source.encode(), small_int_bits=63) == reference(
        tmp_path, source.encode(), args=["-msmall-int-bits=63"])
