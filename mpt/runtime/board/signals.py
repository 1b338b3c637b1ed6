"""Host-side value sources for virtual inputs: constants, expressions of time, recorded samples.

An expression is arithmetic over `t` (seconds since boot) and the math functions listed in
``_FUNCTIONS``; it is parsed and checked node by node, never handed to eval() unchecked.
A CSV recording has rows `timestamp,value` (seconds, number; a header row is allowed).
Between samples the value either holds until the next one ("step", the default) or is
interpolated linearly ("linear"); before the first sample it is the first value, after the
last it is the last value, unless `loop` replays the recording from its start.
"""

from __future__ import annotations

import ast
import bisect
import io
import math
import operator
from pathlib import Path
from typing import Any, Callable, cast

from mpt.errors import InputFileError, UsageError
from mpt.hostfiles import CONFIG, read_input

_FUNCTIONS: dict[str, Callable] = {
    name: getattr(math, name)
    for name in ("sin", "cos", "tan", "asin", "acos", "atan", "atan2", "exp", "log", "log10",
                 "sqrt", "floor", "ceil", "fabs", "hypot", "pow")
}
_FUNCTIONS.update({"abs": abs, "min": min, "max": max, "round": round, "int": int,
                   "float": float})
_CONSTANTS = {"pi": math.pi, "e": math.e, "tau": math.tau}
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
           ast.Pow: operator.pow}
_UNARY: dict[type, Callable[[Any], Any]] = {ast.UAdd: operator.pos, ast.USub: operator.neg}
_COMPARE = {ast.Lt: operator.lt, ast.LtE: operator.le, ast.Gt: operator.gt,
            ast.GtE: operator.ge, ast.Eq: operator.eq, ast.NotEq: operator.ne}


class TimeExpression:
    """A checked arithmetic expression of `t`."""

    def __init__(self, text: str):
        self.text = text
        try:
            tree = ast.parse(text, mode="eval")
        except SyntaxError as exc:
            raise UsageError(f"invalid expression {text!r}: {exc.msg}") from None
        self._check(tree.body)
        self._tree = tree.body

    def _check(self, node: ast.AST) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return
        if isinstance(node, ast.Name) and (node.id == "t" or node.id in _CONSTANTS):
            return
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            self._check(node.left)
            self._check(node.right)
            return
        if isinstance(node, ast.UnaryOp) and type(node.op) in _UNARY:
            self._check(node.operand)
            return
        if isinstance(node, ast.IfExp):
            for part in (node.test, node.body, node.orelse):
                self._check(part)
            return
        if (isinstance(node, ast.Compare) and len(node.ops) == 1
                and type(node.ops[0]) in _COMPARE):
            self._check(node.left)
            self._check(node.comparators[0])
            return
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id in _FUNCTIONS and not node.keywords):
            for arg in node.args:
                self._check(arg)
            return
        raise UsageError(f"invalid expression {self.text!r}: only arithmetic on t, numbers "
                         f"and math functions is allowed")

    def __call__(self, t: float) -> float:
        return self._eval(self._tree, t)

    def _eval(self, node: ast.AST, t: float):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return t if node.id == "t" else _CONSTANTS[node.id]
        if isinstance(node, ast.BinOp):
            return _BINARY[type(node.op)](self._eval(node.left, t), self._eval(node.right, t))
        if isinstance(node, ast.UnaryOp):
            return _UNARY[type(node.op)](self._eval(node.operand, t))
        if isinstance(node, ast.IfExp):
            return self._eval(node.body if self._eval(node.test, t) else node.orelse, t)
        if isinstance(node, ast.Compare):
            return _COMPARE[type(node.ops[0])](self._eval(node.left, t),
                                               self._eval(node.comparators[0], t))
        assert isinstance(node, ast.Call)
        return _FUNCTIONS[cast(ast.Name, node.func).id](*(self._eval(arg, t) for arg in node.args))


class Recording:
    """Samples (time, value) replayed as a function of time."""

    def __init__(self, samples: list[tuple[float, float]], *, interpolation: str = "step",
                 loop: bool = False):
        if not samples:
            raise UsageError("a recording needs at least one sample")
        if interpolation not in ("step", "linear"):
            raise UsageError(f"interpolation must be 'step' or 'linear', not {interpolation!r}")
        samples = sorted(samples)
        self.times = [s[0] for s in samples]
        self.values = [s[1] for s in samples]
        self.interpolation = interpolation
        self.loop = loop

    @classmethod
    def from_csv(cls, path: str | Path, **options) -> "Recording":
        import csv

        text = read_input(path, CONFIG._replace(what="samples file")).decode("utf-8", "replace")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        samples = []
        for number, row in enumerate(rows, 1):
            if not row or row[0].strip().startswith("#"):
                continue
            try:
                samples.append((float(row[0]), float(row[1])))
            except (ValueError, IndexError):
                if number == 1:
                    continue  # header
                raise InputFileError(f"{path}:{number}: expected 'timestamp,value'") from None
        return cls(samples, **options)

    def __call__(self, t: float) -> float:
        if self.loop and len(self.times) > 1:
            span = self.times[-1] - self.times[0]
            if span > 0 and t > self.times[-1]:
                t = self.times[0] + (t - self.times[0]) % span
        index = bisect.bisect_right(self.times, t) - 1
        if index < 0:
            return self.values[0]
        if index >= len(self.times) - 1 or self.interpolation == "step":
            return self.values[index]
        t0, t1 = self.times[index], self.times[index + 1]
        v0, v1 = self.values[index], self.values[index + 1]
        return v0 + (v1 - v0) * (t - t0) / (t1 - t0)


def constant(value: float) -> Callable[[float], float]:
    return lambda t: value
