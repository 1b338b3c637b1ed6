"""The lexer (mpt.crosscompile.lexer), as a port of MicroPython's py/lexer.c.

Token streams are checked for the lexer's own rules; everything a user can observe (decoded
literals, f-string rewriting, error messages and their line numbers) is compared with what the
real mpy-cross 1.29 produces for the same source.
"""

from __future__ import annotations

import pytest

from mpt.crosscompile.lexer import Lexer
from tests.crosscompile.frontend_ref import mpt_error, mpt_result, reference, reference_error


def tokenize(source: bytes, filename: str = "<stdin>", opt_level: int = 0):
    """All tokens of ``source`` as (kind, line, column, text) tuples, up to and including END."""
    lex = Lexer(source, filename, opt_level)
    if lex.error is not None:
        raise lex.error
    return list(zip(lex.kinds, lex.lines, lex.columns, lex.texts))


def kinds(source: bytes):
    return [t[0] for t in tokenize(source)]


def test_indentation_tokens_and_their_lines():
    toks = tokenize(b"if x:\n    y\n\n# c\nz\n")
    assert [(k, line) for k, line, _, _ in toks] == [
        ("KW_IF", 1), ("NAME", 1), ("DEL_COLON", 1), ("NEWLINE", 1), ("INDENT", 2),
        ("NAME", 2), ("NEWLINE", 2), ("DEDENT", 5), ("NAME", 5), ("NEWLINE", 5), ("END", 6)]


def test_dedent_to_an_unknown_level_is_a_mismatch_token():
    assert "DEDENT_MISMATCH" in kinds(b"if 1:\n    x\n  y\n")


def test_first_token_not_in_column_one_is_an_indent():
    assert kinds(b"  x\n")[0] == "INDENT"


def test_newline_inside_brackets_is_joined():
    assert kinds(b"(1,\n 2)\n") == ["DEL_PAREN_OPEN", "INTEGER", "DEL_COMMA", "INTEGER",
                                     "DEL_PAREN_CLOSE", "NEWLINE", "END"]


def test_missing_final_newline_is_added():
    assert kinds(b"x") == ["NAME", "NEWLINE", "END"]


def test_operators_take_the_longest_match():
    assert kinds(b"a<<=b->c**=d//e:=f!=g...\n")[:-2] == [
        "NAME", "DEL_DBL_LESS_EQUAL", "NAME", "DEL_MINUS_MORE", "NAME", "DEL_DBL_STAR_EQUAL",
        "NAME", "OP_DBL_SLASH", "NAME", "OP_ASSIGN", "NAME", "OP_NOT_EQUAL", "NAME", "ELLIPSIS"]


def test_number_tokens_swallow_letters_and_drop_underscores():
    toks = tokenize(b"1_000 0x1F 1e-3 1if 2j .5\n")
    assert [(k, text) for k, _, _, text in toks[:6]] == [
        ("INTEGER", b"1000"), ("INTEGER", b"0x1F"), ("FLOAT_OR_IMAG", b"1e-3"),
        ("INTEGER", b"1if"), ("FLOAT_OR_IMAG", b"2j"), ("FLOAT_OR_IMAG", b".5")]


def test_dunder_debug_is_a_constant_depending_on_optimisation():
    assert kinds(b"__debug__\n")[0] == "KW_TRUE"
    assert [t[0] for t in tokenize(b"__debug__\n", opt_level=1)][0] == "KW_FALSE"


def test_adjacent_literals_are_one_token():
    toks = tokenize(b"'a' \"b\" '''c'''\n")
    assert toks[0][:1] + toks[0][3:] == ("STRING", b"abc")
    assert toks[1][0] == "NEWLINE"


def test_fstring_is_rewritten_to_a_format_call():
    toks = tokenize(b"f'a{x!r:>{w}} {y=}'\n")
    assert toks[0][3] == b"a{!r:>{}} y={}"
    assert b"".join(t[3] or {"DEL_PERIOD": b".", "DEL_PAREN_OPEN": b"(",
                             "DEL_PAREN_CLOSE": b")", "DEL_COMMA": b","}.get(t[0], b"")
                    for t in toks[1:-2]) == b".format((x),(w),(y),)"


# -- literals as mpy-cross decodes them (whole-file byte identity) -------------------------

LITERALS = [
    rb"'plain'", rb'"a\tb\nc\\d\'e\"f"', rb"'\x41\101\0\7\1234'", rb"'\u00e9\U0001F600'",
    rb"'\q\%'", rb"b'\q\u1234\xff\377'", rb"r'\n\'\\'", rb"br'\x41'", rb"rb'\x41'",
    "'h\u00e9llo \u20ac'".encode(), "'\\\u00e9'".encode(), "r'\\\u00e9'".encode(),
    rb"'''multi" + b"\n" + rb"line'''", rb"'a' 'b' '''c'''", rb"'abc\
def'", rb"u'x'", rb"''", rb"b''", rb"'a' \
 'b'",
    rb"f'{x}'", rb"f'{x!r}'", rb"f'{x!s:>10}'", rb"f'{x=}'", rb"f'{x = }'", rb"f'{x=!r}'",
    rb"f'{x=:>5}'", rb"f'{x:{w}.{p}}'", rb"f'{{literal}} {x}'", rb"f'{a[1]}{b[\"k\"]}'",
    rb"f'{a!=b}'", rb"f'{x}' 'plain' f'{y}'", rb"'plain {x}' f'{y}'", rb"rf'\n{x}'",
    rb"fr'\d{x}'", rb"f'''{x}" + b"\n" + rb"{y}'''", rb"f'{(lambda: 1)()}'",
    rb"f'{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}{x}'",
    rb"t'{x}'", rb"t'a{x!r:>{w}}b'", rb"t'{x=}'", rb"t''", rb"rt'\n{x}'", rb"t'{{}}'",
    rb"t'a' t'{b}'",
    # plain literals the lexer takes in one slice, and the ones next to them it must not
    b"'a\tb' + 'c'", rb"", rb'"""a"b""""', rb"('a'" + b"\n" + rb" 'b')",
    rb"('a' # c" + b"\n" + rb" b'b')", rb"rb'x' br'y' b'z'", rb"'x' f'{y}'", rb"'x' t'{y}'",
    rb"'x' u'y' r'z'", rb"'x'.join('y')",
]


def assert_same_as_mpy_cross(tmp_path, source: bytes) -> None:
    """mpt produces the same .mpy bytes as mpy-cross, or fails with the same traceback."""
    assert mpt_result(source) == reference(tmp_path, source)


@pytest.mark.parametrize("literal", LITERALS, ids=[repr(x)[2:40] for x in LITERALS])
def test_literal_compiles_like_mpy_cross(tmp_path, literal):
    assert_same_as_mpy_cross(tmp_path, b"x = y = w = p = a = b = 1\nz = " + literal + b"\n")


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_line_endings_compile_byte_identically(tmp_path, newline):
    source = newline.join([b"x = 1", b"if x:", b"    y = '''a", b"b'''", b"z = 2", b""])
    expected, err = reference(tmp_path, source)
    assert err is None, err
    assert mpt_result(source) == (expected, None)


# -- errors raised while lexing (reported through the parser) ------------------------------

LEXER_ERRORS = [
    b"  x = 1\n",
    b"if 1:\n    x = 1\n  y = 2\n",
    b"x = 'abc\n",
    b"x = '''abc\n\n",
    b"x = $\n",
    b"x = 1 ! 2\n",
    b"x = '\\x4'\n",
    b"x = '\\u12g4'\n",
    b"x = '\\U00110000'\n",
    b"x = b'\\777'\n",
    b"x = '\\N{DASH}'\n",
    b"x = )\ny = '\\N{DASH}'\n",  # the syntax error comes first: the source is lexed ahead
    b"x = 1 y '\\N{DASH}'\n",
    b"x = const(y) '\\N{DASH}'\n",
    b"x = f'{}'\n",
    b"x = f'{x'\n",
    b"x = t'}'\n",
    b"x = t'{}'\n",
    b"x = 'a' b'b'\n",
    b"x = b'a' 'b'\n",
    b"x = 1\n\x00\n",
    b"x = `1`\n",
    b"\n\n\nx = 1 +\n",
    b"x = (1,\n\n 2\n",
]


@pytest.mark.parametrize("source", LEXER_ERRORS, ids=[repr(x)[2:40] for x in LEXER_ERRORS])
def test_lexer_error_matches_mpy_cross(tmp_path, source):
    expected = reference_error(tmp_path, source)
    assert expected is not None
    assert mpt_error(source) == expected


EDGE_CASES = [
    b"if 1:\n\tx = 1\n        y = 2\n",   # a tab counts as 8 columns
    b"x = f'}'\n",                       # a lone '}' passes through to str.format
    b"x = f'{x = }'\n",                  # spaces make it no self-documenting expression
    b"x = 1 \\\n + 2\n",
    b"\\\n",
    b"x = 1\n    ",
    b"if 1:\n  x\n\n\n  y\n",
    b"x = 1; y = 2;\n",
    b"x = 1;;\n",
]


@pytest.mark.parametrize("source", EDGE_CASES, ids=[repr(x)[2:40] for x in EDGE_CASES])
def test_edge_case_behaves_like_mpy_cross(tmp_path, source):
    assert_same_as_mpy_cross(tmp_path, source)
