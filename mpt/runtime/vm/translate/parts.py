"""The function translator's parts as each sees the others (declared for the type checker).

FunctionTranslator (core.py) is one class made of mixins: the analysis (analysis.py), the
symbolic stack (stack.py), the fusions (fusions.py) and the opcode handlers (ops_*.py). Each
mixin derives from :class:`TranslatorParts`, which declares the translator's state and the
methods one part calls in another, so that mypy checks each part against the others. At run
time the class adds nothing: the state is annotations only and the methods are declared under
TYPE_CHECKING (the real ones are the parts' own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from mpt.mpy.decode import Instruction
from mpt.mpy.prelude import Prelude
from mpt.mpy.rawcode import CompiledModule, RawCode
from mpt.runtime.vm.translate.item import Item


class TranslatorParts:
    # the function and its module (FunctionTranslator.__init__)
    rc: RawCode
    module: CompiledModule
    prelude: Prelude
    qstrs: list[str]
    instrs: list[Instruction]
    n_free: int
    viper_ops: dict | None  # a viper function's typed instructions, by offset (ops_viper.py)
    names_mode: str  # "module" (LOAD_NAME/STORE_NAME are globals) or "dict" (class bodies)
    child_factory: Callable[[int, int], Any]  # (child_index, n_free) -> factory callable
    # the build's floats are single precision: arithmetic results and float constants are
    # rounded to binary32 (mpt.float32), as the firmware computes and stores them
    float_round: bool
    # what the translation collects as it goes (FunctionTranslator.__init__)
    globals_decl: set[str]
    no_tb_ips: set[int]
    keyword_call_lines: set[int]
    # the bytecode's shape (Analysis.analyse)
    has_handlers: bool
    has_finally: bool
    loops: dict  # head offset -> loops.ForLoop: the loops nested as Python for statements

    if TYPE_CHECKING:
        # core.py: generated source and bindings
        def emit(self, indent: int, text: str) -> None: ...
        def helper(self, name: str) -> str: ...
        def bind(self, prefix: str, value: object) -> str: ...
        def bind_once(self, prefix: str, value: object) -> str: ...
        def local(self, i: int) -> str: ...
        def name_load(self, q: str) -> str: ...
        def jump(self, indent: int, target: int, from_off: int) -> None: ...
        def emit_unwind(self, ind: int, off: int, otherwise: str,
                        otherwise_continue: bool) -> None: ...
        def pend_check(self) -> str: ...

        # stack.py: the symbolic stack
        def slot(self, i: int) -> str: ...
        def materialize(self, stack: list[Item], indent: int, *, upto: int | None = None,
                        only_impure: bool = False, names: frozenset = frozenset()) -> None: ...
        def dict_code(self, it: Item) -> str: ...
        def value_code(self, it: Item) -> str: ...
        def pop(self, stack: list[Item], n: int) -> list[Item]: ...
        def before_stmt(self, stack: list[Item], indent: int,
                        names: frozenset | set = frozenset()) -> None: ...
        @staticmethod
        def expr(code: str, *parts: Item) -> Item: ...
        def const_item(self, value: object) -> Item: ...
        def rotate(self, stack: list[Item], ind: int, order: list[int]) -> None: ...
        def make_pure_top(self, stack: list[Item], n: int, ind: int) -> None: ...
        @staticmethod
        def paren(it: Item) -> str: ...

        # ops_load.py and ops_call.py: what the fusions and the other handlers share
        def attr_is_static(self, attr: str) -> bool: ...
        @staticmethod
        def attr_is_private(attr: str) -> bool: ...
        def round_float(self, ind: int, target: str, op: str) -> None: ...
        def inplace_operand(self, sym: str, rhs: Item, target: str, ind: int,
                            spare: str) -> str: ...
