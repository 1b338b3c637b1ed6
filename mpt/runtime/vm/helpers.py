"""The run-time helpers that translated code calls (the ``_mh_*`` names in generated source).

Helpers that need no interpreter state are module-level functions; the rest are made per
interpreter by :func:`make_helpers`. The sandbox's attribute filter is in attrfilter.py, the
guest's formatting in guestformat.py.
"""

from __future__ import annotations

import types

from mpt.float32 import round_value
from mpt.runtime.vm.exceptions import add_traceback, fix_exception
from mpt.runtime.vm.thumb_base import CpuFault
from mpt.runtime.vm.mpsuper import MULTIPLE_BASES, super_attribute
from mpt.runtime.vm.hostbuffer import HOST_BUFFER_TYPES, call_memoryview
from mpt.runtime.vm.hashorder import (call_ordered, guest_iter, note_delete, note_literal,
                                   ORDER_CALLS, order_method, ordered_arg, set_add,
                                   set_literal)
from mpt.runtime.vm.floatformat import float_of_text
from mpt.runtime.vm.loopiter import loop_iter, range_loop
from mpt.runtime.vm.qstrlimit import keyword_names
from mpt.runtime.vm.objects import GUEST_TYPE_SET, mp_str
from mpt.runtime.vm.attrfilter import (GUEST_DEL, builtin_attr, check_attr, guarded_delattr,
                                       guarded_getattr, guarded_setattr, guest_view)
from mpt.runtime.vm.guestformat import bytes_percent, modulo, own_contents, percent_format


class ThreadExit(BaseException):
    """Stops a guest thread whose program has ended (as the firmware cancels its threads):
    no guest handler sees it, so no guest code runs in that thread any more. (No guest handler
    sees a CpuFault either: the firmware has stopped.)"""


class UnwindJump:
    """A break/continue leaving try/finally or with blocks, while the finally code runs."""

    __slots__ = ("dest", "count")

    def __init__(self, dest: int, count: int):
        self.dest = dest
        self.count = count


class UnwindReturn:
    """A return leaving try/finally or with blocks, while the finally code runs."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def unwind(handlers: list, ip: int, token) -> int:
    """Pop handlers for a jump/return; the first finally still to run gets control."""
    is_jump = type(token) is UnwindJump
    count = token.count if is_jump else len(handlers)
    while count > 0 and handlers:
        count -= 1
        entry = handlers[-1]
        if entry[1] and entry[0] > ip:
            if is_jump:
                token.count = count
            return entry[0]
        handlers.pop()
    if is_jump:
        token.count = 0
    return -1


def with_enter(mgr):
    exit_fn = getattr(mgr, "__exit__")
    enter_fn = getattr(mgr, "__enter__")
    return exit_fn, enter_fn()


def with_cleanup(exit_fn, x):
    if x is None or type(x) is UnwindJump or type(x) is UnwindReturn:
        exit_fn(None, None, None)
        return x
    if exit_fn(type(x), x, None):
        return None
    return x


def raise_last(handlers: list):
    for entry in reversed(handlers):
        if entry[2] is not None:
            return entry[2]
    return RuntimeError("no active exception to reraise")


def make_raise(exc, *cause):
    if isinstance(exc, type) and issubclass(exc, BaseException):
        return exc()
    if isinstance(exc, BaseException):
        return exc
    return TypeError("exceptions must derive from BaseException")


def exc_match(exc, cls) -> bool:
    classes = cls if type(cls) is tuple else (cls,)
    for c in classes:
        if not (isinstance(c, type) and issubclass(c, BaseException)):
            raise TypeError("catching classes that do not inherit from BaseException "
                            "is not allowed")
    return isinstance(exc, cls)


def set_defaults(fn, pos_defaults, kw_defaults):
    if pos_defaults is not None:
        fn.__defaults__ = tuple(pos_defaults)
    if kw_defaults is not None:
        fn.__kwdefaults__ = dict(kw_defaults)
    return fn


def super_attr(cls, obj, name: str):
    check_attr(obj, name)
    if name == "__del__":
        name = GUEST_DEL
    if type(obj) in MULTIPLE_BASES:
        return guest_view(name, super_attribute(cls, obj, name))  # depth-first order
    return guest_view(name, getattr(super(cls, obj), name))


def del_item(obj, key) -> None:
    if type(obj) is dict:
        note_delete(obj, key)
    del obj[key]


def del_name(namespace: dict, name: str) -> None:
    try:
        del namespace[name]
    except KeyError:
        raise NameError(f"name '{name}' isn't defined") from None


def del_deref(cell) -> None:
    try:
        cell.cell_contents  # CPython deletes an empty cell silently; MicroPython raises
    except ValueError:
        raise NameError("local variable referenced before assignment") from None
    del cell.cell_contents


def make_cell(*value):
    return types.CellType(*value)


def bytes_add(a, b):
    """``b"..." + b``: MicroPython's bytes concatenation takes any buffer on the right,
    a str too (its UTF-8 bytes), where the host's refuses a str."""
    if type(b) is str:
        b = b.encode("utf-8", "surrogatepass")
    return a + b


def make_helpers(runtime) -> dict:
    """The helper bindings of one interpreter (see mpt.runtime.vm.translate)."""
    oserror = runtime.guest_oserror

    keyerror = getattr(runtime, "guest_keyerror", None)

    def fix(exc, call_site=None):
        return fix_exception(exc, oserror, runtime.signature_of, keyerror, call_site)

    def line_of(exc, info) -> int:
        tb = exc.__traceback__
        return info.ip_of_line(tb.tb_lineno) if tb is not None else -1

    def catch(exc, handlers, info):
        if exc.__class__ is ThreadExit or exc.__class__ is CpuFault:
            raise exc
        ip = line_of(exc, info)
        exc = fix(exc, (info, ip))
        if (info.traceback and ip not in info.no_traceback_ips
                and type(exc) is not GeneratorExit):
            add_traceback(exc, info.filename, info.source_line(ip), info.name)
        runtime.cur_exception = exc  # sys.exc_info() (py/vm.c: at its exception_handler)
        while handlers and handlers[-1][0] <= ip:
            handlers.pop()
            runtime.cur_exception = None  # (POP_EXC_BLOCK clears it)
        if not handlers:
            raise exc.with_traceback(None)
        entry = handlers[-1]
        entry[2] = exc
        return exc, -entry[0] - 1

    def propagate(exc, info):
        if exc.__class__ is ThreadExit or exc.__class__ is CpuFault:
            raise exc
        ip = line_of(exc, info)
        exc = fix(exc, (info, ip))
        runtime.cur_exception = exc
        if (info.traceback and ip not in info.no_traceback_ips
                and type(exc) is not GeneratorExit):
            add_traceback(exc, info.filename, info.source_line(ip), info.name)
        raise exc.with_traceback(None)

    def load_global(namespace, name):
        if name == "__builtins__":
            raise NameError(f"name '{name}' isn't defined")
        try:
            return namespace[name]
        except KeyError:
            pass
        try:
            return runtime.builtins[name]
        except KeyError:
            raise NameError(f"name '{name}' isn't defined") from None

    def make_raise_from(exc, *cause):
        if cause and cause[0] is not None:
            runtime.interpreter.write_stderr("Warning: exception chaining not supported\n")
        return make_raise(exc)

    def new_class(fn, *args, **kwargs):
        """A call of the builtin ``type`` with three arguments makes a guest class, as a
        class statement does; any other call is the call itself."""
        if fn is type and len(args) == 3 and not kwargs:
            return runtime.new_class(*args)
        return fn(*args, **kwargs)

    def class_locals():
        return runtime.class_locals[-1]

    def make_text(fn, *args, **kwargs):
        """A call of the name ``str`` or ``bytes``. The builtins take no keywords
        (NotImplementedError, py/objstr.c), and ``str`` of one object is that object printed
        as MicroPython prints it (float digits, dict order, reprs of the items); a guest
        function of that name is just called."""
        if fn is str and len(args) == 1 and not kwargs:
            arg = args[0]
            t = type(arg)
            # (the common case first: an int's or a str's text is the host's)
            return fn(arg) if t is int or t is str else mp_str(arg)
        if fn is str or fn is bytes:
            if kwargs:
                raise NotImplementedError(
                    "keyword argument(s) not implemented - use normal args instead")
            if fn is bytes:
                return call_ordered(fn, *args)
            if len(args) == 1 and type(args[0]) is not str:
                return mp_str(args[0])
        return fn(*args, **kwargs)

    def str_of(fn, arg):
        """``make_text(fn, arg)``: a call of the name ``str`` with one argument."""
        if fn is str:
            t = type(arg)
            return fn(arg) if t is int or t is str else mp_str(arg)
        return fn(arg)

    def pop_block(handlers: list) -> None:
        """An except or finally block ends (POP_EXCEPT_JUMP, END_FINALLY): py/vm.c's
        POP_EXC_BLOCK, which also clears sys.exc_info()."""
        handlers.pop()
        runtime.cur_exception = None

    single = runtime.features.float_bits == 32

    def make_float(fn, *args, **kwargs):
        """A call of the name ``float``: the builtin reads a string as MicroPython does (and
        a single-precision build rounds what it makes to its floats)."""
        if fn is float and len(args) == 1 and not kwargs and \
                type(args[0]) in (str, bytes, bytearray):
            return float_of_text(args[0])
        if single:
            return round_value(fn(*args, **kwargs))
        return fn(*args, **kwargs)

    return {
        "_mh_getattr": guarded_getattr,
        "_mh_battr": builtin_attr,
        "_mh_type": type,
        "_mh_tuple": tuple,
        "_mh_BaseException": BaseException,
        "_mh_GeneratorExit": GeneratorExit,
        "_mh_StopIteration": StopIteration,
        "_mh_guest_types": GUEST_TYPE_SET,
        "_mh_setattr": guarded_setattr,
        "_mh_delattr": guarded_delattr,
        "_mh_super_attr": super_attr,
        "_mh_build_class": lambda: runtime.builtins["__build_class__"],
        "_mh_class_locals": class_locals,
        "_mh_load_global": load_global,
        "_mh_del_name": del_name,
        "_mh_delitem": del_item,
        "_mh_percent": percent_format,
        "_mh_bpercent": bytes_percent,
        "_mh_mod": modulo,
        "_mh_own_contents": own_contents,
        "_mh_bytes_add": bytes_add,
        "_mh_kwargs": keyword_names,
        "_mh_new_class": new_class,
        "_mh_text": make_text,
        "_mh_str_of": str_of,
        "_mh_float": make_float,
        "_mh_f32": round_value,
        "_mh_int": int,
        "_mh_pop_block": pop_block,
        "_mh_set_add": set_add,
        "_mh_setmethod": order_method,
        **{f"_mh_om_{name}": call for name, call in ORDER_CALLS.items()},
        "_mh_order_types": (set, dict),
        "_mh_cell": make_cell,
        "_mh_literal": note_literal,
        "_mh_set_literal": set_literal,
        "_mh_del_deref": del_deref,
        "_mh_with_enter": with_enter,
        "_mh_with_cleanup": with_cleanup,
        "_mh_UnwindJump": UnwindJump,
        "_mh_UnwindReturn": UnwindReturn,
        "_mh_unwind": unwind,
        "_mh_iter": guest_iter,
        "_mh_loop_iter": loop_iter,
        "_mh_range_loop": range_loop,
        "_mh_ordered": ordered_arg,
        "_mh_call_ordered": call_ordered,
        "_mh_memoryview": call_memoryview,
        "_mh_host_buffers": HOST_BUFFER_TYPES,
        "_mh_slice": slice,
        "_mh_defaults": set_defaults,
        "_mh_raise_last": raise_last,
        "_mh_make_raise": make_raise_from,
        "_mh_exc_match": exc_match,
        "_mh_import": runtime.import_name,
        "_mh_import_from": runtime.import_from,
        "_mh_import_star": runtime.import_star,
        "_mh_catch": catch,
        "_mh_propagate": propagate,
    }
