"""The translator's structure: one handler per opcode family, fusions found in their own pass."""

import ast
from pathlib import Path

import pytest

from mpt.crosscompile.api import compile_to_module
from mpt.mpy import opcodes as oc
from mpt.mpy.prelude import decode_prelude
from mpt.runtime.vm.translate import FunctionTranslator
from mpt.runtime.vm.translate import core as translator_core
from mpt.runtime.vm.translate.fusions import find_fusions
from mpt.runtime.vm.translate.loops import find_for_loops

PACKAGE = Path(translator_core.__file__).parent


def test_every_opcode_has_one_handler_and_families_share_it():
    table = translator_core.HANDLERS
    for code, op in enumerate(oc.TABLE):
        if op is not None:
            assert op.name in table[code].opcode_names
    assert table[oc.LOAD_FAST_N] is table[oc.LOAD_FAST_MULTI]
    assert table[oc.CALL_FUNCTION] is table[oc.CALL_METHOD_VAR_KW]
    assert table[oc.JUMP] is not table[oc.POP_JUMP_IF_TRUE]


def _translator(source: str, function: str) -> FunctionTranslator:
    module = compile_to_module(source.encode(), "t.py")
    todo = [module.root]
    while todo:
        rc = todo.pop()
        todo.extend(rc.children)
        if module.qstrs[decode_prelude(rc.fun_data).simple_name] != function:
            continue
        t = FunctionTranslator(rc, module, 0, names_mode="module",
                               child_factory=lambda i, n: None, helper_names=set())
        t.analyse()
        return t
    raise AssertionError(f"no function {function}")


def _fusions(source: str, function: str) -> list[str]:
    t = _translator(source, function)
    found = find_fusions(t.instrs, set(t.blocks))
    return sorted(f.name for f in found.values())


@pytest.mark.parametrize("source, function, expected", [
    ("def f(x, y):\n    x += y\n    return x\n", "f", ["inplace_store"]),
    ("def f(x, y):\n    x *= y\n    return x\n", "f", []),  # always a new value: no fusion
    ("def f(n):\n    for i in range(n):\n        g(i)\n", "f", ["swap_operands"]),
    ("def f(s):\n    return sum(c for c in s)\n", "<genexpr>", ["comprehension_iter"]),
    ("def f(s):\n    return [c for c in s]\n", "<listcomp>", []),
    # found twice; translated as a swap only where two entries are on the stack
    ("async def f(m):\n    async with m:\n        return 1\n", "f", ["rot_three_pair"] * 2),
])
def test_fusions_are_found_in_compiled_code(source, function, expected):
    assert _fusions(source, function) == expected


@pytest.mark.parametrize("body, nested", [
    ("for x in xs:\n        for y in x:\n            if y:\n                break\n"
     "            g(y)\n    else:\n        g(0)\n", 2),
    # a while loop inside (its backward jump would continue the Python for)
    ("for x in xs:\n        while x:\n            x -= 1\n", 0),
    # range(): MicroPython's counting loop
    ("for x in xs:\n        for i in range(x):\n            g(i)\n", 2),
    ("for i in range(9, 0, -3):\n        if i:\n            continue\n        g(i)\n", 1),
    ("for i in range(len(xs)):\n        while i:\n            i -= 1\n", 0),
    # exception handlers inside stay in the block loop; a handler around the loop does not
    ("for x in xs:\n        try:\n            g(x)\n        except E:\n            pass\n", 0),
    ("try:\n        for x in xs:\n            g(x)\n    except E:\n        pass\n", 1),
    ("for x in xs:\n        with x:\n            g(x)\n", 0),
    # more than 8 loops deep: the outer ones stay in the block loop
    ("".join(f"{'    ' * (i + 1)}for x{i} in xs:\n" for i in range(10))[4:] + " " * 44
     + "g(x9)\n",
     8),
])
def test_for_loops_nested_as_python_for_statements(body, nested):
    t = _translator(f"def f(xs):\n    {body}", "f")
    loops = find_for_loops(t.instrs, t.index, t.handlers, t.has_finally)
    assert len(loops) == nested
    source = t.translate().source if nested else ""
    assert source.count("for _mS") == nested
    assert source.count(" = _mh_loop_iter(") + source.count("in _mh_range_loop(") == nested


def test_modules_and_functions_stay_small():
    for path in PACKAGE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= 600, path.name
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef):
                assert node.end_lineno - node.lineno < 80, f"{path.name}: {node.name}"


def test_order_methods_called_without_a_bound_method():
    t = _translator("def f(s, x):\n    s.add(x)\n    s.add(x + 1)\n    g().add(x + 1)\n", "f")
    source = t.translate().source
    assert "_mh_om_add(s, x)" in source  # pure arguments
    # an argument with effects: evaluated after the lookup unless s is a set or dict
    assert "if _mh_type(s) in _mh_order_types else _mh_setmethod(s, 'add')(" in source
    assert source.count("_mh_om_add(") == 2  # (g() may not be evaluated twice)


def test_single_precision_rounding_skips_what_makes_no_float():
    """On a single-precision build each arithmetic result is checked for a float to round,
    except where one operand is a str, bytes or tuple literal (the host makes no float
    there); str(x) of one argument calls its own helper (no *args)."""
    t = _translator("def f(x):\n    return ['w' + str(x * 2), (1, 2) * x, x - 1]\n", "f")
    t.float_round = True
    source = t.translate().source
    assert "('w' + _mh_str_of(str, " in source
    assert source.count("_mh_f32(") == 2  # x * 2, x - 1
    assert "_mh_text" not in source
