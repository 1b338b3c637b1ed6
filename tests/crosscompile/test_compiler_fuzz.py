"""Randomly generated programs, compiled by mpt and by the real mpy-cross, must match exactly.

The generator mixes statements and expressions the way real code rarely does (closures inside
comprehensions inside classes, break out of nested try/with, walrus in odd scopes, ...), so it
reaches combinations of the scope rules and jump encodings that the corpus does not. Programs
mpy-cross rejects must be rejected by mpt with the same traceback text.
"""

from __future__ import annotations

import random

import pytest

from mpt.errors import CompileError
from mpt.mpy.mpyfile import write_mpy
from tests.crosscompile.test_compiler import mpt_compile, run_mpy_cross

NAMES = ("a", "b", "c", "x", "y", "self", "n")
# Seconds the real mpy-cross may take on one generated program (it takes well under one); a
# program that needs more is a generator bug (see ProgramGenerator.exponent), reported as such.
MPY_CROSS_TIMEOUT = 60


class ProgramGenerator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.depth = 0

    def name(self) -> str:
        return self.rng.choice(NAMES)

    def atom(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.name()
        if r < 0.55:
            return str(self.rng.choice([0, 1, -1, 5, 63, 64, -65, 300, 2 ** 31, 10 ** 20]))
        if r < 0.65:
            return self.rng.choice(['"s"', "'a longer string literal here'", "b'xy'", "1.5",
                                    "2j", "None", "True", "False", "..."])
        if r < 0.75:
            items = [self.expr() for _ in range(self.rng.randint(0, 3))]
            return "(" + "".join(item + ", " for item in items) + ")"
        if r < 0.85:
            return "[" + ", ".join(self.expr() for _ in range(self.rng.randint(0, 3))) + "]"
        return "{" + ", ".join(f"{self.expr()}: {self.expr()}"
                               for _ in range(self.rng.randint(0, 2))) + "}"

    def expr(self) -> str:
        if self.depth > 2:
            return self.atom()
        self.depth += 1
        try:
            r = self.rng.random()
            e = self.expr
            if r < 0.25:
                return self.atom()
            if r < 0.35:
                op = self.rng.choice(["+", "-", "*", "//", "%", "<<", "|", "&", "^", "**", "@"])
                if op == "**":
                    return f"({e()} ** {self.exponent()})"
                return f"({e()} {op} {e()})"
            if r < 0.42:
                op = self.rng.choice(["<", "<=", "==", "!=", "is", "is not", "in", "not in"])
                more = f" < {e()}" if self.rng.random() < 0.3 else ""
                return f"({e()} {op} {e()}{more})"
            if r < 0.48:
                return f"({e()} {self.rng.choice(['and', 'or'])} {e()})"
            if r < 0.52:
                return f"(not {e()})"
            if r < 0.56:
                return f"({e()} if {e()} else {e()})"
            if r < 0.64:
                args = [e() for _ in range(self.rng.randint(0, 2))]
                if self.rng.random() < 0.3:
                    args.append(f"*{self.name()}")
                if self.rng.random() < 0.3:
                    args.append(f"k={e()}")
                if self.rng.random() < 0.2:
                    args.append(f"**{self.name()}")
                return f"{self.name()}({', '.join(args)})"
            if r < 0.68:
                return f"{self.name()}.attr.m({e()})"
            if r < 0.72:
                return f"{self.name()}[{e()}]"
            if r < 0.75:
                return f"{self.name()}[{e()}:{e()}:2]"
            if r < 0.80:
                kind = self.rng.choice(["[{} for {} in {}]", "({} for {} in {})",
                                        "{{{} for {} in {}}}", "[{} for {} in {} if {}]"])
                return kind.format(e(), self.name(), e(), e())
            if r < 0.83:
                return f"{{{self.name()}: {e()} for {self.name()} in {e()}}}"
            if r < 0.87:
                return f"(lambda {self.name()}, *r, k=1: {e()})"
            if r < 0.90:
                return f"({self.name()} := {e()})"
            if r < 0.91:
                return f"super().m({e()})"
            return f"-{e()}"
        finally:
            self.depth -= 1

    def exponent(self) -> str:
        """A small exponent or a name. mpy-cross folds a constant power with schoolbook big-int
        multiplication until its 2 MiB heap runs out, so `63 ** 10 ** 20` costs it minutes
        (the fold limit itself is covered by the corpus); nested powers of these stay small."""
        return self.rng.choice(["0", "1", "2", "3", "-1", "-2", "0.5", self.name()])

    def simple_target(self) -> str:
        return self.rng.choice([self.name(), f"{self.name()}.attr", f"{self.name()}[0]"])

    def target(self) -> str:
        r = self.rng.random()
        if r < 0.6:
            return self.name()
        if r < 0.7:
            return f"{self.name()}.attr"
        if r < 0.8:
            return f"{self.name()}[{self.expr()}]"
        if r < 0.9:
            return f"{self.name()}, {self.name()}"
        return f"{self.name()}, *{self.name()}"

    def block(self, indent: int, in_loop: bool, in_func: bool, n: int | None = None) -> str:
        n = n if n is not None else self.rng.randint(1, 3)
        return "".join(self.stmt(indent, in_loop, in_func) for _ in range(n))

    def stmt(self, indent: int, in_loop: bool, in_func: bool) -> str:
        pad = "    " * indent
        if indent > 3:
            return f"{pad}{self.target()} = {self.expr()}\n"
        r = self.rng.random()
        sub = indent + 1
        if r < 0.18:
            return f"{pad}{self.target()} = {self.expr()}\n"
        if r < 0.23:
            op = self.rng.choice(["+=", "-=", "*=", "|=", "//=", "**=", ">>="])
            lhs = self.rng.choice([self.name(), self.name() + ".attr"])
            return f"{pad}{lhs} {op} {self.expr()}\n"
        if r < 0.30:
            return f"{pad}{self.expr()}\n"
        if r < 0.37:
            text = f"{pad}if {self.expr()}:\n{self.block(sub, in_loop, in_func)}"
            if self.rng.random() < 0.4:
                text += f"{pad}elif {self.expr()}:\n{self.block(sub, in_loop, in_func)}"
            if self.rng.random() < 0.4:
                text += f"{pad}else:\n{self.block(sub, in_loop, in_func)}"
            return text
        if r < 0.42:
            it = self.rng.choice([self.expr(), f"range({self.expr()})",
                                  f"range(1, {self.expr()}, -2)", "range(10)"])
            text = f"{pad}for {self.target()} in {it}:\n{self.block(sub, True, in_func)}"
            if self.rng.random() < 0.3:
                text += f"{pad}else:\n{self.block(sub, in_loop, in_func)}"
            return text
        if r < 0.46:
            return f"{pad}while {self.expr()}:\n{self.block(sub, True, in_func)}"
        if r < 0.50 and in_loop:
            return f"{pad}{self.rng.choice(['break', 'continue'])}\n"
        if r < 0.55 and in_func:
            return f"{pad}return {self.expr() if self.rng.random() < 0.8 else ''}\n"
        if r < 0.62:
            text = f"{pad}try:\n{self.block(sub, in_loop, in_func)}"
            kind = self.rng.random()
            if kind < 0.7:
                exc, var = self.name(), self.name()
                text += f"{pad}except {exc} as {var}:\n{self.block(sub, in_loop, in_func)}"
                if self.rng.random() < 0.5:
                    text += f"{pad}except:\n{self.block(sub, in_loop, in_func)}"
                if self.rng.random() < 0.3:
                    text += f"{pad}else:\n{self.block(sub, in_loop, in_func)}"
            if kind > 0.5:
                text += f"{pad}finally:\n{self.block(sub, in_loop, in_func)}"
            return text
        if r < 0.66:
            items = ", ".join(self.rng.choice([self.expr(),
                                               f"{self.expr()} as {self.simple_target()}"])
                              for _ in range(self.rng.randint(1, 2)))
            return f"{pad}with {items}:\n{self.block(sub, in_loop, in_func)}"
        if r < 0.74:
            deco = f"{pad}@{self.name()}\n" if self.rng.random() < 0.3 else ""
            params = self.rng.choice(["", "a", "a, b=1", "self, *args, k=2, **kw", "*, n",
                                      "x, y=[], *z"])
            prefix = "async def" if self.rng.random() < 0.15 else "def"
            decl = ""
            if self.rng.random() < 0.15:
                keyword = self.rng.choice(["global", "global", "nonlocal"])
                decl = f"{'    ' * sub}{keyword} {self.name()}\n"
            body = self.block(sub, False, True)
            if prefix == "async def" and self.rng.random() < 0.5:
                body += f"{'    ' * sub}await {self.name()}.m({self.expr()})\n"
            if self.rng.random() < 0.2:
                body += f"{'    ' * sub}yield {self.expr()}\n"
            return f"{deco}{pad}{prefix} {self.name()}({params}):\n{decl}{body}"
        if r < 0.78:
            bases = self.rng.choice(["", "(b)", "(a, metaclass=c)", "()"])
            return f"{pad}class {self.name()}{bases}:\n{self.block(sub, False, False)}"
        if r < 0.81:
            what = self.rng.choice([self.name(), self.name() + ".attr", self.name() + "[0]"])
            return f"{pad}del {what}\n"
        if r < 0.812 and in_func:
            return f"{pad}{self.rng.choice(['global', 'nonlocal'])} {self.name()}\n"
        if r < 0.87:
            what = self.rng.choice(["", self.expr(), self.expr() + " from " + self.expr()])
            return f"{pad}raise {what}\n"
        if r < 0.90:
            return f"{pad}assert {self.expr()}, {self.expr()}\n"
        if r < 0.93:
            return f"{pad}import {self.rng.choice(['os', 'a.b.c', 'a.b as c'])}\n"
        if r < 0.96:
            module = self.rng.choice([".", "..m", "a.b"])
            name, alias = self.name(), self.name()
            return f"{pad}from {module} import {name} as {alias}\n"
        return f"{pad}pass\n"

    def program(self) -> str:
        return self.block(0, False, False, self.rng.randint(3, 8))


@pytest.mark.parametrize("seed", [
    pytest.param(seed, marks=pytest.mark.slow) if seed >= 20 else seed for seed in range(120)])
def test_random_program_matches_mpy_cross(tmp_path, seed):
    source = ProgramGenerator(seed).program().encode()
    expected, err = run_mpy_cross(tmp_path, "fuzz.py", source, [], timeout=MPY_CROSS_TIMEOUT)
    if expected is not None:
        assert write_mpy(mpt_compile(source, "fuzz.py")) == expected, source.decode()
        return
    with pytest.raises(CompileError) as info:
        mpt_compile(source, "fuzz.py")
    assert info.value.traceback_text == err.replace(str(tmp_path / "fuzz.py"), "fuzz.py")
