"""mp_fun_table on the emulated board: what native code calls the runtime for (py/nativeglue.c).

Native and viper machine code reach the runtime only through ``mp_fun_table``: ``ldr rX,
[REG_FUN_TABLE, #4*n]; blx rX``. Each entry here is an address the native CPU traps on
(mpt.runtime.vm.native_cpu); the trap runs the entry's Python implementation below on the
argument registers r0-r3, over guest objects (words through mpt.runtime.vm.native_objects),
and returns to the caller with the result in r0. Entries 0-2 are the words of None, False and
True, as in the firmware's table.

Operations that are a bytecode's in the VM (binary and unary operators, attributes,
subscripts, unpacking, iteration) run as a small guest function compiled from source for this
board (:class:`Snippets`), so they have exactly the translated bytecode's semantics: errors,
MicroPython's dict order, single-precision rounding. An entry not emulated raises a guest
``NotImplementedError`` naming it.
"""

from __future__ import annotations

import keyword
import threading
import weakref
from types import CellType
from typing import Callable

from mpt.errors import InternalError
from mpt.mpy import opcodes as oc
from mpt.runtime.vm.exceptions import fix_exception
from mpt.runtime.vm.hashorder import call_ordered
from mpt.runtime.vm.helpers import exc_match, make_raise
from mpt.runtime.vm.native_objects import FALSE_WORD, NONE_WORD, NULL, SENTINEL, TRUE_WORD
from mpt.runtime.vm.thumb_base import MASK, SIGN, CpuFault
from mpt.runtime.vm.viper import (VTYPE_BOOL, VTYPE_INT, VTYPE_PYOBJ, VTYPE_UINT,
                                  from_object)

# the entries of mp_fun_table, in py/nativeglue.h's order (MP_F_*), by their C names
NAMES = (
    "mp_const_none", "mp_const_false", "mp_const_true", "mp_native_from_obj",
    "mp_native_to_obj", "mp_native_swap_globals", "mp_load_name", "mp_load_global",
    "mp_load_build_class", "mp_load_attr", "mp_load_method", "mp_load_super_method",
    "mp_store_name", "mp_store_global", "mp_store_attr", "mp_obj_subscr", "mp_obj_is_true",
    "mp_unary_op", "mp_binary_op", "mp_obj_new_tuple", "mp_obj_new_list", "mp_obj_new_dict",
    "mp_obj_new_set", "mp_obj_set_store", "mp_obj_list_append", "mp_obj_dict_store",
    "mp_make_function_from_proto_fun", "mp_native_call_function_n_kw", "mp_call_method_n_kw",
    "mp_call_method_n_kw_var", "mp_native_getiter", "mp_native_iternext", "nlr_push",
    "nlr_pop", "mp_native_raise", "mp_import_name", "mp_import_from", "mp_import_all",
    "mp_obj_new_slice", "mp_unpack_sequence", "mp_unpack_ex", "mp_delete_name",
    "mp_delete_global", "mp_obj_new_closure", "mp_arg_check_num_sig",
    "mp_setup_code_state_native", "mp_small_int_floor_divide", "mp_small_int_modulo",
    "mp_native_yield_from", "setjmp",
    # the dynamic runtime's (native modules built with dynruntime.h), from index 50
    "memset", "memmove", "gc_realloc", "mp_printf", "mp_vprintf", "mp_raise_msg",
    "mp_obj_get_type", "mp_obj_new_str", "mp_obj_new_bytes", "mp_obj_new_bytearray_by_ref",
    "mp_obj_new_float_from_f", "mp_obj_new_float_from_d", "mp_obj_get_float_to_f",
    "mp_obj_get_float_to_d", "mp_load_method_maybe", "mp_get_buffer", "mp_get_stream_raise",
    "mp_arg_parse_all", "mp_arg_parse_all_kw_array", "mp_binary_get_size",
    "mp_binary_get_val_array", "mp_binary_set_val_array", "mp_plat_print", "mp_type_type",
    "mp_type_str", "mp_type_list", "mp_type_dict", "mp_type_fun_builtin_0",
    "mp_type_fun_builtin_1", "mp_type_fun_builtin_2", "mp_type_fun_builtin_3",
    "mp_type_fun_builtin_var", "mp_type_Exception", "mp_stream_read_obj",
    "mp_stream_readinto_obj", "mp_stream_unbuffered_readline_obj", "mp_stream_write_obj",
)
CONSTANT_WORDS = (NONE_WORD, FALSE_WORD, TRUE_WORD)
SETJMP = NAMES.index("setjmp")
_UNBOUND = object()  # a local no argument set  # NULL in a table of firmware built with a native nlr

_BINARY_SYMBOLS = {
    "LESS": "<", "MORE": ">", "EQUAL": "==", "LESS_EQUAL": "<=", "MORE_EQUAL": ">=",
    "NOT_EQUAL": "!=", "IN": "in", "IS": "is", "OR": "|", "XOR": "^", "AND": "&",
    "LSHIFT": "<<", "RSHIFT": ">>", "ADD": "+", "SUBTRACT": "-", "MULTIPLY": "*",
    "MAT_MULTIPLY": "@", "FLOOR_DIVIDE": "//", "TRUE_DIVIDE": "/", "MODULO": "%",
    "POWER": "**", "NOT_IN": "not in", "IS_NOT": "is not",
}
_UNARY_SOURCE = {"POSITIVE": "+a", "NEGATIVE": "-a", "INVERT": "~a", "NOT": "not a",
                 "BOOL": "bool(a)", "LEN": "len(a)", "HASH": "hash(a)", "ABS": "abs(a)"}


def binary_source(op: str) -> str | None:
    """The guest source of a function applying binary operator ``op`` (mp_binary_op_t)."""
    if op.startswith("INPLACE_"):
        symbol = _BINARY_SYMBOLS.get(op[len("INPLACE_"):])
        return None if symbol is None else f"def f(a, b):\n    a {symbol}= b\n    return a\n"
    symbol = _BINARY_SYMBOLS.get(op)
    return None if symbol is None else f"def f(a, b):\n    return a {symbol} b\n"


class Snippets:
    """Guest functions compiled for the board from a line of source, once each."""

    def __init__(self, runtime) -> None:
        self.runtime = runtime
        self.made: dict[str, object] = {}

    def get(self, source: str):
        fn = self.made.get(source)
        if fn is None:
            # made on a thread of its own: the emulator's work, which the hooks watching the
            # guest's thread (micropython.heap_lock) must not take for the guest's
            made: list = []
            worker = threading.Thread(target=self._make, args=(source, made))
            worker.start()
            worker.join()
            if len(made) != 1 or isinstance(made[0], BaseException):
                raise InternalError(f"could not make the runtime operation {source!r}: "
                                    f"{made[0] if made else 'no result'}")
            fn = self.made[source] = made[0]
        return fn

    def _make(self, source: str, made: list) -> None:
        runtime = self.runtime
        try:
            compiled = runtime.compile_source(source, "<native>")
            namespace = runtime.new_module_namespace("<native>")
            runtime.exec_compiled(compiled, namespace)
            made.append(namespace["f"])
        except BaseException as exc:  # (reported by get, on the guest's thread)
            made.append(exc)

    def attr(self, kind: str, name: str):
        """``kind`` "load", "store" or "delete" of attribute ``name`` as the bytecode does."""
        if not name.isidentifier() or keyword.iskeyword(name):
            getter = {"load": "getattr(o, n)", "store": "setattr(o, n, v)",
                      "delete": "delattr(o, n)"}[kind]
            fn = self.get(f"def f(o, n, v):\n    return {getter}\n")
            return lambda o, v=None: fn(o, name, v)
        body = {"load": f"return o.{name}", "store": f"o.{name} = v",
                "delete": f"del o.{name}"}[kind]
        return self.get(f"def f(o, v=None):\n    {body}\n")


class NotEmulated(NotImplementedError):
    pass


NotEmulated.__name__ = NotEmulated.__qualname__ = "NotImplementedError"
NotEmulated.__module__ = "builtins"


class Glue:
    """The implementations of mp_fun_table's entries for one board."""

    def __init__(self, board) -> None:
        self.board = board
        runtime = board.runtime
        self.runtime = runtime
        self.handles = board.handles
        self.qstrs = board.qstrs
        self.memory = board.memory
        self.snippets = Snippets(runtime)
        self.binary: dict[int, Callable] = {}
        self.unary: dict[int, Callable] = {}
        self.attrs: dict[tuple[str, int], Callable] = {}
        oserror = runtime.guest_oserror
        keyerror = getattr(runtime, "guest_keyerror", None)
        self.fix = lambda exc: fix_exception(exc, oserror, runtime.signature_of, keyerror)
        # the functions mp_make_function_from_proto_fun made, for mp_obj_new_closure
        self.protos: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        builtins = runtime.builtins
        self.context_builtins = [builtins[n] for n in ("exec", "eval") if n in builtins]
        self.scope_builtins = [builtins.get(n, _UNBOUND) for n in ("globals", "locals")]
        self.entries = [getattr(self, "f_" + name, None) for name in NAMES]

    # ---- words ----

    def obj(self, word: int):
        return self.handles.object(word, self.qstrs)

    def word(self, obj) -> int:
        return self.handles.word(obj)

    def words(self, cpu, address: int, count: int) -> list:
        return [self.obj(w) for w in cpu.load_words(address, count)] if count else []

    def object_field(self, address: int, size: int) -> int:
        """What native code reads of an object: its first word is its type (mp_obj_base_t);
        the rest of its fields read as 0 here."""
        offset = address & 7
        obj = self.obj(address - offset)
        if size != 4:
            return 0
        if offset == 0:
            return self.word(type(obj))
        if type(obj) is CellType:  # mp_obj_cell_t's obj
            try:
                return self.word(obj.cell_contents)
            except ValueError:  # (empty)
                return NULL
        return 0

    def store_field(self, address: int, size: int, value: int) -> None:
        """What native code writes into an object: a cell's contents (STORE_DEREF)."""
        obj = self.obj(address & ~7)
        if type(obj) is not CellType or address & 7 != 4 or size != 4:
            raise CpuFault("native code wrote into an object's fields", address)
        if value == NULL:
            del obj.cell_contents
        else:
            obj.cell_contents = self.obj(value)

    def name(self, number: int) -> str:
        return self.qstrs.text(number)

    # ---- conversions ----

    def f_mp_native_from_obj(self, cpu, obj, vtype, _r2, _r3):
        vtype &= 0xF
        if vtype == VTYPE_PYOBJ:
            return obj
        return int(from_object(self.obj(obj), vtype, self.memory)) & MASK

    def f_mp_native_to_obj(self, cpu, value, vtype, _r2, _r3):
        vtype &= 0xF
        if vtype == VTYPE_PYOBJ:
            return value
        if vtype == VTYPE_BOOL:
            return TRUE_WORD if value else FALSE_WORD
        if vtype == VTYPE_INT:
            return self.word(value - (1 << 32) if value & SIGN else value)
        if vtype == 8:  # MP_NATIVE_TYPE_QSTR
            return (value << 3 | 2) & MASK
        return self.word(value)  # uint, or a pointer as its address

    def f_mp_native_swap_globals(self, cpu, _new, _r1, _r2, _r3):
        # the globals are each native frame's module's (cpu.frames), so they never change
        return NULL

    # ---- names ----

    def f_mp_load_global(self, cpu, qst, _r1, _r2, _r3):
        return self.word(self.runtime.helpers["_mh_load_global"](cpu.frames[-1].namespace,
                                                                 self.name(qst)))

    def f_mp_load_name(self, cpu, qst, _r1, _r2, _r3):
        frame = cpu.frames[-1]
        name = self.name(qst)
        if name in frame.names:
            return self.word(frame.names[name])
        return self.word(self.runtime.helpers["_mh_load_global"](frame.namespace, name))

    def f_mp_store_global(self, cpu, qst, value, _r2, _r3):
        cpu.frames[-1].namespace[self.name(qst)] = self.obj(value)

    def f_mp_store_name(self, cpu, qst, value, _r2, _r3):
        cpu.frames[-1].names[self.name(qst)] = self.obj(value)

    def f_mp_delete_global(self, cpu, qst, _r1, _r2, _r3):
        self.runtime.helpers["_mh_del_name"](cpu.frames[-1].namespace, self.name(qst))

    def f_mp_delete_name(self, cpu, qst, _r1, _r2, _r3):
        self.runtime.helpers["_mh_del_name"](cpu.frames[-1].names, self.name(qst))

    def f_mp_load_build_class(self, cpu, _r0, _r1, _r2, _r3):
        return self.word(self.runtime.builtins["__build_class__"])

    # ---- attributes and subscripts ----

    def _attr(self, kind: str, qst: int):
        key = (kind, qst)
        fn = self.attrs.get(key)
        if fn is None:
            fn = self.attrs[key] = self.snippets.attr(kind, self.name(qst))
        return fn

    def f_mp_load_attr(self, cpu, base, qst, _r2, _r3):
        return self.word(self._attr("load", qst)(self.obj(base)))

    def f_mp_load_method(self, cpu, base, qst, dest, _r3):
        method = self._attr("load", qst)(self.obj(base))
        cpu.store_words(dest, [self.word(method), NULL])

    def f_mp_load_super_method(self, cpu, qst, dest, _r2, _r3):
        """super().name: dest holds super, the class and self (py/objtype.c)."""
        _, cls, obj = cpu.load_words(dest, 3)
        method = self.runtime.helpers["_mh_super_attr"](self.obj(cls), self.obj(obj),
                                                        self.name(qst))
        cpu.store_words(dest, [self.word(method), NULL])

    def f_mp_store_attr(self, cpu, base, qst, value, _r3):
        if value == NULL:
            self._attr("delete", qst)(self.obj(base))
        else:
            self._attr("store", qst)(self.obj(base), self.obj(value))

    def f_mp_obj_subscr(self, cpu, base, index, value, _r3):
        get = self.snippets.get
        if value == SENTINEL:
            return self.word(get("def f(o, i):\n    return o[i]\n")(self.obj(base),
                                                                     self.obj(index)))
        if value == NULL:
            get("def f(o, i):\n    del o[i]\n")(self.obj(base), self.obj(index))
        else:
            get("def f(o, i, v):\n    o[i] = v\n")(self.obj(base), self.obj(index),
                                                     self.obj(value))
        return NONE_WORD

    # ---- operators ----

    def f_mp_obj_is_true(self, cpu, obj, _r1, _r2, _r3):
        return 1 if self.obj(obj) else 0

    def f_mp_unary_op(self, cpu, op, obj, _r2, _r3):
        fn = self.unary.get(op)
        if fn is None:
            name = oc.UNARY_OPS[op] if op < len(oc.UNARY_OPS) else ""
            if name not in _UNARY_SOURCE:
                raise NotEmulated(f"native code: unary operator {name or op} is not emulated")
            fn = self.unary[op] = self.snippets.get(
                f"def f(a):\n    return {_UNARY_SOURCE[name]}\n")
        return self.word(fn(self.obj(obj)))

    def f_mp_binary_op(self, cpu, op, lhs, rhs, _r3):
        fn = self.binary.get(op)
        if fn is None:
            name = oc.BINARY_OPS[op] if op < len(oc.BINARY_OPS) else ""
            if name == "EXCEPTION_MATCH":
                fn = exc_match
            else:
                source = binary_source(name)
                if source is None:
                    raise NotEmulated(f"native code: binary operator {name or op} is not "
                                      f"emulated")
                fn = self.snippets.get(source)
            self.binary[op] = fn
        return self.word(fn(self.obj(lhs), self.obj(rhs)))

    def f_mp_small_int_floor_divide(self, cpu, num, denom, _r2, _r3):
        num = num - (1 << 32) if num & SIGN else num
        denom = denom - (1 << 32) if denom & SIGN else denom
        return (num // denom) & MASK

    def f_mp_small_int_modulo(self, cpu, num, denom, _r2, _r3):
        num = num - (1 << 32) if num & SIGN else num
        denom = denom - (1 << 32) if denom & SIGN else denom
        return (num % denom) & MASK

    # ---- building ----

    def f_mp_obj_new_tuple(self, cpu, n, items, _r2, _r3):
        return self.word(tuple(self.words(cpu, items, n)))

    def f_mp_obj_new_list(self, cpu, n, items, _r2, _r3):
        return self.word(self.words(cpu, items, n))

    def f_mp_obj_new_dict(self, cpu, _n, _r1, _r2, _r3):
        return self.word({})

    def f_mp_obj_new_set(self, cpu, n, items, _r2, _r3):
        fn = self.snippets.get("def f(items):\n    s = set()\n    for x in items:\n"
                               "        s.add(x)\n    return s\n")
        return self.word(fn(self.words(cpu, items, n)))

    def f_mp_obj_set_store(self, cpu, s, item, _r2, _r3):
        self.snippets.get("def f(s, x):\n    s.add(x)\n")(self.obj(s), self.obj(item))

    def f_mp_obj_list_append(self, cpu, lst, item, _r2, _r3):
        self.obj(lst).append(self.obj(item))
        return lst

    def f_mp_obj_dict_store(self, cpu, d, key, value, _r3):
        self.snippets.get("def f(d, k, v):\n    d[k] = v\n")(self.obj(d), self.obj(key),
                                                             self.obj(value))
        return d

    def f_mp_obj_new_slice(self, cpu, start, stop, step, _r3):
        return self.word(slice(self.obj(start), self.obj(stop), self.obj(step)))

    def f_mp_unpack_sequence(self, cpu, seq, n, items, _r3):
        names = ", ".join(f"v{i}" for i in range(n)) + ("," if n == 1 else "")
        fn = self.snippets.get(f"def f(s):\n    {names} = s\n    return ({names})\n")
        values = fn(self.obj(seq)) if n else ()
        cpu.store_words(items, [self.word(v) for v in reversed(values)])

    def f_mp_unpack_ex(self, cpu, seq, num_in, items, _r3):
        left, right = num_in & 0xFF, (num_in >> 8) & 0xFF
        names = [f"v{i}" for i in range(left)] + ["*r"] + [f"w{i}" for i in range(right)]
        values = ", ".join(n.lstrip("*") for n in names)
        fn = self.snippets.get(f"def f(s):\n    {', '.join(names)} = s\n"
                               f"    return ({values},)\n")
        cpu.store_words(items, [self.word(v) for v in reversed(fn(self.obj(seq)))])

    # ---- calls ----

    def _call(self, cpu, fn, n_args_kw: int, args: int, extra: tuple = ()):
        n_pos, n_kw = n_args_kw & 0xFF, (n_args_kw >> 8) & 0xFF
        values = self.words(cpu, args, n_pos + 2 * n_kw)
        kwargs = {}
        for i in range(n_kw):
            key = values[n_pos + 2 * i]
            kwargs[key] = values[n_pos + 2 * i + 1]
        return self.word(self._call_with(cpu, fn, [*extra, *values[:n_pos]], kwargs))

    def _call_with(self, cpu, fn, args: list, kwargs: dict):
        if not args and not kwargs:
            if fn is self.scope_builtins[0]:  # globals(): the native code's module's
                return cpu.frames[-1].namespace
            if fn is self.scope_builtins[1]:  # locals() (a function's are not reachable)
                return cpu.frames[-1].names
        if 1 <= len(args) <= 3 and not kwargs \
                and any(fn is b for b in self.context_builtins):
            # exec()/eval() without globals run in the caller's context: the native code's
            # module (or class body), which the builtins cannot find from the host's frames
            frame = cpu.frames[-1]
            given_globals = args[1] if len(args) > 1 else None
            given_locals = args[2] if len(args) > 2 else None
            if given_globals is None:
                args = [args[0], frame.namespace,
                        frame.names if given_locals is None else given_locals]
        return call_ordered(fn, *args, **kwargs)

    def f_mp_native_call_function_n_kw(self, cpu, fn, n_args_kw, args, _r3):
        return self._call(cpu, self.obj(fn), n_args_kw, args)

    def f_mp_call_method_n_kw(self, cpu, n_args, n_kw, args, _r3):
        fn, self_word = cpu.load_words(args, 2)
        extra = () if self_word == NULL else (self.obj(self_word),)
        return self._call(cpu, self.obj(fn), n_args | n_kw << 8, args + 8, extra)

    def f_mp_call_method_n_kw_var(self, cpu, have_self, n_args_kw, args, _r3):
        fn = self.obj(cpu.load(4, args))
        args += 4
        extra: tuple = ()
        if have_self:
            self_word = cpu.load(4, args)
            args += 4
            if self_word != NULL:
                extra = (self.obj(self_word),)
        n_pos, n_kw = n_args_kw & 0xFF, (n_args_kw >> 8) & 0xFF
        words = cpu.load_words(args, n_pos + 2 * n_kw + 1)
        star = self.obj(words[-1])
        positional: list = list(extra)
        for i in range(n_pos):
            if (star >> i) & 1:
                positional.extend(self.obj(words[i]))
            else:
                positional.append(self.obj(words[i]))
        kwargs: dict = {}
        for i in range(n_kw):
            key, value = words[n_pos + 2 * i], self.obj(words[n_pos + 2 * i + 1])
            pairs = (self._mapping_items(value) if key == NULL  # **mapping
                     else ((self.obj(key), value),))
            for name, item in pairs:
                if name in kwargs:
                    raise TypeError(f"function got multiple values for argument '{name}'")
                kwargs[name] = item
        return self.word(self._call_with(cpu, fn, positional, kwargs))

    def _mapping_items(self, mapping) -> list:
        """The keywords of ``**mapping`` (py/runtime.c: a dict's items, else keys() and
        subscripts)."""
        mapping = self.runtime.helpers["_mh_kwargs"](mapping)
        if type(mapping) is dict:
            return list(mapping.items())
        return [(k, mapping[k]) for k in mapping.keys()]

    def f_mp_make_function_from_proto_fun(self, cpu, proto, _context, def_args, _r3):
        maker = self.obj(proto)
        fn = maker.make(())
        if def_args:
            pos, kw = cpu.load_words(def_args, 2)
            self.runtime.helpers["_mh_defaults"](
                fn, None if pos == NULL else self.obj(pos), None if kw == NULL else self.obj(kw))
        self.protos[fn] = maker
        return self.word(fn)

    def f_mp_obj_new_closure(self, cpu, fn, n_closed, closed, _r3):
        """The function again, made with the cells it closes over (they come first among
        its arguments, as py/objclosure.c passes them)."""
        fn = self.obj(fn)
        closure = self.protos[fn].make(tuple(self.words(cpu, closed, n_closed)))
        closure.__defaults__ = fn.__defaults__
        closure.__kwdefaults__ = fn.__kwdefaults__
        return self.word(closure)

    def f_mp_arg_check_num_sig(self, cpu, n_args, n_kw, sig, _r3):
        takes_kw = sig & 1
        n_min, n_max = (sig >> 17) & 0x7FFF, (sig >> 1) & 0xFFFF
        if n_kw and not takes_kw:
            raise TypeError("function doesn't take keyword arguments")
        if n_min == n_max and n_args != n_min:
            raise TypeError(f"function takes {n_min} positional arguments but {n_args} were "
                            f"given")
        if n_args < n_min:
            raise TypeError(f"function missing {n_min - n_args} required positional "
                            f"arguments")
        if n_args > n_max:
            raise TypeError(f"function expected at most {n_max} arguments, got {n_args}")

    def f_mp_setup_code_state_native(self, cpu, code_state, _n_args, _n_kw, _args):
        self.setup_code_state(cpu, code_state, cpu.frames[-1])

    def setup_code_state(self, cpu, code_state: int, frame) -> None:
        """The arguments the host function bound, as locals in the code state's ``state``
        (local i in state[n_state - 1 - i]); cells for the locals closures close over."""
        n_state = cpu.load(2, code_state + 12)
        state = [NULL] * n_state
        values = list(frame.values)
        for i in frame.cells:  # the locals closures close over
            values += [_UNBOUND] * (i + 1 - len(values))
            values[i] = CellType() if values[i] is _UNBOUND else CellType(values[i])
        for i, value in enumerate(values):
            state[n_state - 1 - i] = NULL if value is _UNBOUND else self.word(value)
        cpu.store_words(code_state + 20, state)
        cpu.store_words(code_state + 4, [frame.prelude_address, code_state + 16])

    def f_mp_native_yield_from(self, cpu, gen, send, ret_value, _r3):
        """One step of ``yield from gen`` (py/nativeglue.c): 1 and the value yielded, or 0
        and the value it returned, in *ret_value (which holds the exception to throw in)."""
        it = self.obj(gen)
        throw = cpu.load(4, ret_value)
        try:
            if throw != NULL:
                value = make_raise(self.obj(throw))
                thrower = getattr(it, "throw", None)
                if thrower is None:
                    raise value
                value = thrower(value)
            elif send == NONE_WORD or send == NULL:
                value = next(it)
            else:
                value = it.send(self.obj(send))
        except StopIteration as stop:
            cpu.store(4, ret_value, self.word(stop.value))
            return 0
        cpu.store(4, ret_value, self.word(value))
        return 1

    # ---- iteration ----

    def f_mp_native_getiter(self, cpu, obj, iter_buf, _r2, _r3):
        it = self.snippets.get("def f(x):\n    return iter(x)\n")(self.obj(obj))
        if iter_buf == NULL:
            return self.word(it)
        cpu.store_words(iter_buf, [NULL, self.word(it)])
        return NULL

    def f_mp_native_iternext(self, cpu, iter_buf, _r1, _r2, _r3):
        first, second = cpu.load_words(iter_buf, 2)
        it = self.obj(second if first == NULL else iter_buf)
        try:
            return self.word(next(it))
        except StopIteration:
            return NULL

    # ---- exceptions ----

    def f_nlr_push(self, cpu, buf, _r1, _r2, _r3):
        cpu.nlr_push(buf)
        return 0

    def f_nlr_pop(self, cpu, _r0, _r1, _r2, _r3):
        cpu.nlr_pop()

    def f_mp_native_raise(self, cpu, obj, _r1, _r2, _r3):
        if obj == NULL or obj == NONE_WORD:
            return
        raise make_raise(self.obj(obj))

    # ---- imports ----

    def f_mp_import_name(self, cpu, qst, fromlist, level, _r3):
        return self.word(self.runtime.import_name(self.name(qst), self.obj(fromlist),
                                                  self.obj(level), cpu.frames[-1].namespace))

    def f_mp_import_from(self, cpu, module, qst, _r2, _r3):
        return self.word(self.runtime.import_from(self.obj(module), self.name(qst)))

    def f_mp_import_all(self, cpu, module, _r1, _r2, _r3):
        self.runtime.import_star(self.obj(module), cpu.frames[-1].namespace)

    def entry(self, index: int):
        """The implementation of entry ``index``: fn(cpu, r0, r1, r2, r3) -> r0 or None."""
        fn = self.entries[index] if index < len(self.entries) else None
        return fn if fn is not None else not_emulated(index)


def not_emulated(index: int):
    """What an entry the emulation lacks does: a guest error naming it."""
    name = NAMES[index] if index < len(NAMES) else f"entry {index}"

    def refuse(cpu, _r0, _r1, _r2, _r3):
        raise NotEmulated(f"native code called {name} (mp_fun_table entry {index}), which the "
                          f"emulated board does not provide")
    return refuse


__all__ = ["CONSTANT_WORDS", "Glue", "NAMES", "SETJMP", "VTYPE_UINT"]
