"""Turn a CompiledModule into live guest functions bound to one module's globals.

Each RawCode is translated (mpt.runtime.vm.translate) and compiled by CPython once per module
load; nested functions are instantiated through the factory of their parent, so a ``def``
executed at run time only creates a host function object.
"""

from __future__ import annotations

import types
import warnings
from collections import OrderedDict

from mpt.mpy.prelude import SCOPE_FLAG_DEFKWARGS
from mpt.mpy.rawcode import KIND_BYTECODE, KIND_NATIVE_ASM, CompiledModule
from mpt.errors import InternalError, MptError
from mpt.runtime.vm.viper import NAMELESS_CODE, board_memory, check_mpy_arch
from mpt.runtime.vm.translate import CorruptBytecode, FunctionTranslator, rename_args, rename_code

_NAME_OPS = frozenset({"LOAD_NAME", "STORE_NAME", "DELETE_NAME", "IMPORT_STAR"})


_EAGER_DEPTH = 32  # nested functions translated with their parent, below this depth

# translated source -> CPython's code for it (compile() of a text is a pure function): code
# loaded again, such as the helpers a host sends a served board on each connection, is
# translated but not compiled again
_PYTHON_CODE: OrderedDict[str, types.CodeType] = OrderedDict()
_PYTHON_CODE_ENTRIES = 256


def _python_code(source: str) -> types.CodeType:
    code = _PYTHON_CODE.get(source)
    if code is not None:
        _PYTHON_CODE.move_to_end(source)
        return code
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # e.g. "is" with a literal: the guest's choice
        code = compile(source, "<mpt>", "exec")
    _PYTHON_CODE[source] = code
    if len(_PYTHON_CODE) > _PYTHON_CODE_ENTRIES:
        _PYTHON_CODE.popitem(last=False)
    return code


class _LazyFactory:
    """A nested function's factory translated on first use."""

    __slots__ = ("make", "made")

    def __init__(self, make):
        self.make = make
        self.made = None

    def __call__(self, *cells):
        made = self.made
        if made is None:
            try:
                made = self.made = self.make()
            except CorruptBytecode as exc:
                raise ValueError(str(exc)) from None
        return made(*cells)


class ModuleLoader:
    def __init__(self, runtime, compiled: CompiledModule, namespace: dict):
        check_mpy_arch(compiled.arch, runtime.native_arch())
        self.runtime = runtime
        self.compiled = compiled
        self.namespace = namespace
        self.cache: dict[tuple[int, int, str], object] = {}

    def root_function(self, names_mode: str = "module"):
        """The module body as a zero-argument guest function.

        names_mode "dict": the body's names live in a separate locals dict (exec with
        locals), pushed on the runtime's class-locals stack by the caller.
        """
        try:
            made = self.factory(self.compiled.root, 0, root=True, root_mode=names_mode)
        except CorruptBytecode as exc:  # the guest's error, as MicroPython's for a bad .mpy
            raise ValueError(str(exc)) from None
        return made()

    def child(self, rc, n_free: int, depth: int):
        """The factory of a nested function: translated now, or (deep in a nest of
        functions) when first used, so that nesting never recurses the host deeply."""
        if depth < _EAGER_DEPTH:
            return self.factory(rc, n_free, depth=depth)
        return _LazyFactory(lambda: self.factory(rc, n_free))

    def factory(self, rc, n_free: int, root: bool = False, root_mode: str = "module",
                depth: int = 0):
        key = (id(rc), n_free, root_mode if root else "")
        made = self.cache.get(key)
        if made is not None:
            return made
        if rc.kind == KIND_NATIVE_ASM:  # machine code the board's core runs
            from mpt.runtime.vm.asm_call import make_asm_function  # (the emulated core)

            function = make_asm_function(rc, self.runtime, self.runtime.native_arch())
            self.cache[key] = made = lambda *cells: function
            return made
        if rc.kind != KIND_BYTECODE:  # native or viper machine code
            from mpt.runtime.vm.native_code import native_factory  # (the emulated core)

            self.cache[key] = made = native_factory(self, rc, n_free, root)
            return made
        helper_names: set[str] = set()
        translator = FunctionTranslator(
            rc, self.compiled, n_free, names_mode="module", helper_names=helper_names,
            child_factory=lambda index, nf: self.child(rc.children[index], nf, depth + 1))
        if rc.board_native is not None and rc.board_native.viper:
            translator.native_memory = board_memory(self.runtime.context.extra,
                                                    rc.board_native.word_bits)
        translator.float_round = self.runtime.features.float_bits == 32
        if not root and any(ins.name in _NAME_OPS for ins in translator.instrs):
            translator.names_mode = "dict"
        if root:
            translator.names_mode = root_mode
        try:
            translation = translator.translate()
        except (MptError, CorruptBytecode):
            raise
        except Exception as exc:  # a translator bug, not the guest's
            raise InternalError(f"could not translate bytecode: {type(exc).__name__}: {exc}") \
                from exc
        try:
            code = _python_code(translation.source)
        except (SyntaxError, RecursionError, ValueError) as exc:
            raise InternalError(f"could not translate function "
                                f"'{translation.info.name}': {exc}") from exc
        # a qualname unique to this function keys its signature for argument-error messages
        code = rename_args(code, "_mpt_fn", translation.arg_renames)
        key = self.runtime.new_signature_key(translation.info.name)
        code = rename_code(code, "_mpt_fn", translation.info.name, key)
        p = translator.prelude
        self.runtime.note_signature(key, (
            tuple(translator.arg_names[n_free:]), p.n_pos_args - n_free, p.n_def_pos_args,
            bool(p.scope_flags & SCOPE_FLAG_DEFKWARGS)))
        scratch: dict = {}
        exec(code, scratch)  # noqa: S102 - defines _mpt_wrap only
        wrap_code = scratch["_mpt_wrap"].__code__
        outer_code = next(c for c in wrap_code.co_consts
                          if isinstance(c, types.CodeType) and c.co_name == "_mpt_outer")
        closure = (self.runtime.interrupt_cell,) if outer_code.co_freevars else None
        values = {"_mhG": self.namespace}
        helpers = self.runtime.helpers
        for name in helper_names:
            values[name] = helpers[name]
        values.update(translation.bindings)
        made = self._with_guest_builtins(lambda: types.FunctionType(
            outer_code, self.namespace, "_mpt_outer", None, closure)(**values))
        made.translation = translation  # kept for debugging (mpt run --debug-source)
        if rc.board_native is not None and rc.board_native.viper:
            NAMELESS_CODE.update(c for c in made.__code__.co_consts
                                 if isinstance(c, types.CodeType))
        self.cache[key] = made
        return made

    def _with_guest_builtins(self, create):
        """Call ``create`` (which makes host functions) so they get the guest's builtins.

        A host function takes its builtins from its globals' ``__builtins__`` when created,
        else from the creating frame: here the host's. A globals dict given to exec() has no
        ``__builtins__`` (as on MicroPython), so it gets one for the moment.
        """
        namespace = self.namespace
        if "__builtins__" in namespace:
            return create()
        namespace["__builtins__"] = self.runtime.builtins
        try:
            return create()
        finally:
            namespace.pop("__builtins__", None)
