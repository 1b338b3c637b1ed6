"""Guest exceptions: MicroPython's messages for host-raised errors, and traceback text.

Guest exceptions are host exception instances. Where CPython's wording differs from
MicroPython's, :func:`fix_exception` rewrites the message (or replaces the exception by the
MicroPython one, e.g. ``UnboundLocalError`` -> ``NameError``). It runs once per exception, when
the exception first crosses a guest frame.

The guest traceback is a list of ``(filename, line, block name)`` entries kept on the exception
(innermost first, like MicroPython's), printed outermost first.
"""

from __future__ import annotations

import ast
import builtins
import re

from mpt.runtime.vm.objects import GUEST_TYPES, mp_repr

TB_ATTR = "_mpt_tb"
FIXED_ATTR = "_mpt_fixed"

_OP_DUNDERS = {
    "+": "__add__", "-": "__sub__", "*": "__mul__", "/": "__truediv__", "//": "__floordiv__",
    "%": "__mod__", "**": "__pow__", "<<": "__lshift__", ">>": "__rshift__", "&": "__and__",
    "|": "__or__", "^": "__xor__", "@": "__matmul__", "divmod()": "__divmod__",
    "+=": "__iadd__", "-=": "__isub__", "*=": "__imul__", "/=": "__itruediv__",
    "//=": "__ifloordiv__", "%=": "__imod__", "**=": "__ipow__", "<<=": "__ilshift__",
    ">>=": "__irshift__", "&=": "__iand__", "|=": "__ior__", "^=": "__ixor__",
    "** or pow()": "__pow__",
}
_CMP_DUNDERS = {"<": "__lt__", ">": "__gt__", "<=": "__le__", ">=": "__ge__"}
_UNARY_DUNDERS = {"unary -": "__neg__", "unary +": "__pos__", "unary ~": "__invert__",
                  "abs()": "__abs__"}

def _implicit_str(type_name: str) -> str:
    return f"can't convert '{type_name}' object to str implicitly"


# what CPython calls a container in "X indices must be integers", where MicroPython differs
_INDEXED_NAMES = {"byte": "bytes"}


class _Pattern:
    """A regular expression compiled when first matched: the rewriting tables below are
    consulted only when a host error reaches the guest, and compiling them all costs
    start-up time."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str) -> None:
        self.source = source
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled.match(text)


_TYPE_ERRORS = [
    (_Pattern(r"unhashable type: '(\w+)'$"),
     lambda m: f"unsupported type for __hash__: '{m[1]}'"),
    # (CPython 3.13 names the method and argument: "find() argument 1 must be str, not None")
    (_Pattern(r"(?:\w+\(\) argument \d+ )?(?:must be str(?: or None)?|(?:startswith|endswith) "
              r"first arg must be str or a tuple of str|'in <string>' requires string as left "
              r"operand|ord\(\) expected string of length 1, but) ?,? (?:not |found)?(\w+)"
              r"(?: found)?$"),
     lambda m: _implicit_str("NoneType" if m[1] == "None" else m[1])),
    (_Pattern(r"sequence item \d+: expected (?:str instance|a bytes-like object), \w+ found$"),
     lambda m: "join expects a list of str/bytes objects consistent with self object"),
    (_Pattern(r"a bytes-like object is required, not '(\w+)'$"),
     lambda m: f"can't convert '{m[1]}' object to bytes implicitly"),
    (_Pattern(r"can't concat (\w+) to (\w+)$"),
     lambda m: f"unsupported types for __add__: '{m[2]}', '{m[1]}'"),
    (_Pattern(r"%\w format: an? (?:real number|integer) is required, not (\w+)$"),
     lambda m: f"can't convert {m[1]} to int"),
    (_Pattern(r"not enough arguments for format string$"),
     lambda m: "format string needs more arguments"),
    (_Pattern(r"not all arguments converted during string formatting$"),
     lambda m: "format string didn't convert all arguments"),
    (_Pattern(r"format requires a mapping$"), lambda m: "format needs a dict"),
    (_Pattern(r"%c requires int or char$"), lambda m: "%c needs int or char"),
    (_Pattern(r"(?:float\(\) argument must be a string or a real number|must be real number), "
              r"not '?(\w+)'?$"),
     lambda m: f"can't convert {m[1]} to float"),
    (_Pattern(r"type (\w+) doesn't define __round__ method$"),
     lambda m: f"can't convert {m[1]} to float"),
    (_Pattern(r"pow\(\) 3rd argument not allowed unless all arguments are integers$"),
     lambda m: "pow() with 3 arguments requires integers"),
    (_Pattern(r"(?:isinstance|issubclass)\(\) arg 2 must be a .*$"),
     lambda m: "issubclass() arg 2 must be a class or a tuple of classes"),
    (_Pattern(r"memoryview: a bytes-like object is required, not '\w+'$"),
     lambda m: "object with buffer protocol required"),
    (_Pattern(r"cannot modify read-only memory$"),
     lambda m: "'memoryview' object doesn't support item assignment"),
    (_Pattern(r"unsupported operand type\(s\) for //: 'complex' and '\w+'$|"
              r"unsupported operand type\(s\) for //: '\w+' and 'complex'$"),
     lambda m: "can't truncate-divide a complex number"),
    (_Pattern(r"(\w+) indices must be integers(?: or slices)?, not '?(\w+)'?$"),
     lambda m: f"{_INDEXED_NAMES.get(m[1], m[1])} indices must be integers, not {m[2]}"),
    (_Pattern(r"unsupported operand type\(s\) for (.+): '(\w+)' and '(\w+)'$"),
     lambda m: f"unsupported types for {_OP_DUNDERS.get(m[1], m[1])}: '{m[2]}', '{m[3]}'"),
    (_Pattern(r"'(.+)' not supported between instances of '(\w+)' and '(\w+)'$"),
     lambda m: f"unsupported types for {_CMP_DUNDERS.get(m[1], m[1])}: '{m[2]}', '{m[3]}'"),
    (_Pattern(r"bad operand type for (.+): '(\w+)'$"),
     lambda m: f"unsupported type for {_UNARY_DUNDERS.get(m[1], m[1])}: '{m[2]}'"),
    (_Pattern(r'can only concatenate (\w+) \(not "(\w+)"\) to \w+$'),
     lambda m: f"unsupported types for __add__: '{m[1]}', '{m[2]}'"),
    (_Pattern(r"can't multiply sequence by non-int of type '(\w+)'$"),
     lambda m: f"can't multiply sequence by non-int of type '{m[1]}'"),
    (_Pattern(r"'(\w+)' object is not (iterable|callable|subscriptable|an iterator)$"),
     lambda m: f"'{m[1]}' object isn't {m[2]}"),
    (_Pattern(r"cannot unpack non-iterable (\w+) object$"),
     lambda m: f"'{m[1]}' object isn't iterable"),
    (_Pattern(r"\w+ expected at least (\d+) arguments?, got (\d+)$|"
              r"\S+\(\) takes at least (\d+) (?:positional )?arguments? \((\d+) given\)$"),
     lambda m: f"function missing {_missing(m)} required positional arguments"),
    (_Pattern(r"\w+ expected at most (\d+) arguments?, got (\d+)$"),
     lambda m: f"function expected at most {m[1]} arguments, got {m[2]}"),
    (_Pattern(r"\w+\(\) takes at most (\d+) arguments? \((\d+) given\)$"),
     lambda m: f"function expected at most {m[1]} arguments, got {m[2]}"),
    (_Pattern(r"'(\w+)' object does not support item (assignment|deletion)$"),
     lambda m: f"'{m[1]}' object doesn't support item {m[2]}"),
    (_Pattern(r"(\S+)\(\) takes exactly one argument \((\d+) given\)$"),
     lambda m: _takes(1, int(m[2]), "." in m[1])),
    (_Pattern(r"(\S+) expected (\d+) arguments?, got (\d+)$"),
     lambda m: _takes(int(m[2]), int(m[3]), m[1] in _METHODS_SAYING_EXPECTED)),
    (_Pattern(r"(\S+)\(\) takes (?:from \d+ to )?(\d+) positional arguments? but (\d+) "
              r"(?:was|were) given$"),
     lambda m: f"{_fname(m[1])} takes {m[2]} positional arguments but {m[3]} were given"),
    (_Pattern(r"(\S+)\(\) takes (?:from \d+ to )?(\d+) positional arguments? but (\d+) "
              r"positional arguments? \(and \d+ keyword-only arguments?\) (?:was|were) given$"),
     lambda m: f"{_fname(m[1])} takes {m[2]} positional arguments but {m[3]} were given"),
    (_Pattern(r"(\S+)\(\) missing (\d+) required positional arguments?: .*$"),
     None),
    (_Pattern(r"calling .* should have returned an instance of BaseException, not \w+$"),
     lambda m: "exceptions must derive from BaseException"),
    (_Pattern(r"(?:\S+ argument|Value) after \* must be an iterable, not (\w+)$"),
     lambda m: f"'{m[1]}' object isn't iterable"),
    (_Pattern(r"(\S+)\(\) got an unexpected keyword argument '(\w+)'$"),
     lambda m: f"unexpected keyword argument '{m[2]}'"),
    (_Pattern(r"(\S+)\(\) got multiple values for (?:keyword )?argument '(\w+)'$"),
     lambda m: f"function got multiple values for argument '{m[2]}'"),
    (_Pattern(r"object of type '(\w+)' has no len\(\)$"),
     lambda m: f"object of type '{m[1]}' has no len()"),
    (_Pattern(r"int\(\) argument must be a string, a bytes-like object or a (?:real )?number, "
              r"not '(\w+)'$"),
     lambda m: f"can't convert {m[1]} to int"),
    (_Pattern(r"'(\w+)' object cannot be interpreted as an integer$"),
     lambda m: f"can't convert {m[1]} to int"),
    (_Pattern(r"(?:list|tuple|string) indices must be integers(?: or slices)?, not (\w+)$"),
     lambda m: f"indices must be integers, not {m[1]}" if False else None),
]

_VALUE_ERRORS = [
    (_Pattern(r"int\(\) base must be >= 2 and <= 36, or 0$"),
     lambda m: "int() arg 2 must be >= 2 and <= 36"),
    (_Pattern(r"cannot convert float NaN to integer$"), lambda m: "can't convert NaN to int"),
    (_Pattern(r"pow\(\) 3rd argument cannot be 0$"), lambda m: "divide by zero"),
    (_Pattern(r"complex\(\) arg is a malformed string$"),
     lambda m: "invalid syntax for number"),
    (_Pattern(r"range\(\) arg 3 must not be zero$"), lambda m: "zero step"),
    (_Pattern(r"slice step cannot be zero$"), lambda m: "slice step can't be zero"),
    (_Pattern(r"bytes must be in range\(0, 256\)$|byte must be in range\(0, 256\)$"),
     lambda m: "bytes value out of range"),
    (_Pattern(r"non-hexadecimal number found in fromhex\(\) arg at position \d+$"),
     lambda m: "non-hex digit"),
    (_Pattern(r"subsection not found$"), lambda m: "substring not found"),
    (_Pattern(r"cannot switch from (?:manual|automatic) field specification to "
              r"(?:automatic|manual) field numbering$"),
     lambda m: m[0].replace("cannot", "can't")),
    (_Pattern(r"Unknown (format code|conversion specifier) (.*)$"),
     lambda m: f"unknown {m[1]} {m[2]}"),
    (_Pattern(r"Single '\{' encountered in format string$"),
     lambda m: "unmatched '{' in format"),
    (_Pattern(r"Single '\}' encountered in format string$"),
     lambda m: "single '}' encountered in format string"),
    (_Pattern(r"not enough values to unpack \(expected (\d+), got (\d+)\)$"),
     lambda m: f"need more than {m[2]} values to unpack"),
    (_Pattern(r"not enough values to unpack \(expected at least \d+, got (\d+)\)$"),
     lambda m: f"need more than {m[1]} values to unpack"),
    (_Pattern(r"too many values to unpack \(expected (\d+)\)$"),
     lambda m: f"too many values to unpack (expected {m[1]})"),
    (_Pattern(r"(?:list|tuple)\.(?:remove|index)\(x\): x not in (?:list|tuple)$|"
              r".* is not in list$|.*not in list$"),
     lambda m: "object not in sequence"),
    (_Pattern(r"invalid literal for int\(\) with base (\d+): (.*)$"),
     lambda m: f"invalid syntax for integer with base {m[1]}: {_int_text(m[2], int(m[1]))}"),
    (_Pattern(r"could not convert string to float: .*$"),
     lambda m: "invalid syntax for number"),
    (_Pattern(r"chr\(\) arg not in range\(0x110000\)$"),
     lambda m: "char not in range(0x110000)"),
    (_Pattern(r"(?:max|min)\(\) (?:arg is an empty sequence|iterable argument is empty)$"),
     lambda m: "arg is an empty sequence"),
]


def _guest_name(host_qualname: str) -> str:
    """A function's guest name from its host qualname (translated functions are qualified
    ``name#serial``, the key of their signature, see mpt.runtime.vm.loader)."""
    return host_qualname.rsplit(".", 1)[-1].split("#", 1)[0]


def _signature_key(host_qualname: str) -> str:
    return host_qualname.rsplit(".", 1)[-1]


_INDEX_ERRORS = {
    "list assignment index out of range": "list index out of range",
    "range object index out of range": "range index out of range",
    "index out of bounds on dimension 1": "memoryview index out of range",
    "index out of range": "bytes index out of range",
    "pop index out of range": "list index out of range",
}
# host type names that MicroPython calls differently in messages
_HOST_TYPE_NAMES = {"dict_keys": "dict_view", "dict_values": "dict_view",
                    "dict_items": "dict_view", "builtin_function_or_method": "function",
                    "method": "bound_method", "method_descriptor": "function",
                    "list_iterator": "iterator", "tuple_iterator": "iterator",
                    "str_ascii_iterator": "iterator", "str_iterator": "iterator"}
_QUOTED_NAME = re.compile(r"'(\w+)'")
# CPython's messages for a bad index that do not name the index's type (CPython 3.10's str
# says only "string indices must be integers"), and the container MicroPython names
_UNTYPED_INDEX_ERRORS = {"string indices must be integers": "string",
                         "memoryview: invalid slice key": "memoryview"}
_NOT_FOUND = object()


def _failed_subscript_index(tb):
    """The index of the subscript that raised, read back from the frame it failed in: found
    when the instruction before the subscript loaded it from a constant or a name (the usual
    case), else _NOT_FOUND."""
    if tb is None:
        return _NOT_FOUND
    import dis  # (start-up: needed only on this error path)

    while tb.tb_next is not None:
        tb = tb.tb_next
    frame = tb.tb_frame
    loaded = None
    for ins in dis.get_instructions(frame.f_code):
        if ins.offset == tb.tb_lasti:
            break
        loaded = ins
    else:
        return _NOT_FOUND
    if loaded is None or not (ins.opname == "BINARY_SUBSCR" or
                              (ins.opname == "BINARY_OP" and ins.argrepr == "[]")):
        return _NOT_FOUND
    op, name = loaded.opname, loaded.argval
    if op in ("LOAD_CONST", "LOAD_SMALL_INT"):
        return name
    if op == "LOAD_FAST_LOAD_FAST":
        name = name[1]
    if op.startswith("LOAD_FAST") or op == "LOAD_DEREF" or op == "LOAD_NAME":
        value = frame.f_locals.get(name, _NOT_FOUND)
        if value is not _NOT_FOUND or op != "LOAD_NAME":
            return value
    if op in ("LOAD_GLOBAL", "LOAD_NAME"):
        value = frame.f_globals.get(name, _NOT_FOUND)
        return value if value is not _NOT_FOUND else getattr(builtins, name, _NOT_FOUND)
    return _NOT_FOUND


def _typed_index_error(exc: BaseException) -> BaseException:
    """MicroPython's "X indices must be integers, not T" where CPython's message lacks T."""
    msg = exc.args[0] if len(exc.args) == 1 else None
    container = _UNTYPED_INDEX_ERRORS.get(msg) if isinstance(msg, str) else None
    if container is None:
        return exc
    index = _failed_subscript_index(exc.__traceback__)
    if index is _NOT_FOUND:
        return exc
    name = type(index).__name__
    exc.args = (f"{container} indices must be integers, not {_HOST_TYPE_NAMES.get(name, name)}",)
    return exc


def _rename_host_types(exc: BaseException) -> None:
    if len(exc.args) != 1 or not isinstance(exc.args[0], str):
        return
    msg = exc.args[0]
    binary = msg.startswith("unsupported types for ")  # MicroPython turns bools into ints first

    def rename(m):
        name = m[1]
        if binary and name == "bool":
            return "'int'"
        return "'" + _HOST_TYPE_NAMES.get(name, name) + "'"

    fixed = _QUOTED_NAME.sub(rename, msg)
    if fixed != msg:
        exc.args = (fixed,)


# host methods whose argument-count error reads "NAME expected N arguments, got M"
_METHODS_SAYING_EXPECTED: frozenset[str] = frozenset(("insert",))


def _missing(m) -> int:
    expected, given = (m[1], m[2]) if m[1] is not None else (m[3], m[4])
    return int(expected) - int(given)


def _takes(expected: int, given: int, is_method: bool) -> str:
    if is_method:  # MicroPython counts self
        expected, given = expected + 1, given + 1
    return f"function takes {expected} positional arguments but {given} were given"


_BASE_PREFIXES = {16: "0x", 8: "0o", 2: "0b"}


def _int_text(host_repr: str, base: int) -> str:
    """The part of a bad int() string MicroPython quotes: after leading spaces, the sign and
    the base prefix."""
    try:
        text = ast.literal_eval(host_repr)
    except (ValueError, SyntaxError):
        return host_repr
    if not isinstance(text, str):
        return host_repr
    text = text.lstrip()
    if text[:1] in ("+", "-"):
        text = text[1:]
    prefix = _BASE_PREFIXES.get(base)
    if prefix and text[:2].lower() == prefix:
        text = text[2:]
    return mp_repr(text)


def _fname(host_name: str) -> str:
    return _guest_name(host_name) + "()"


def _rewrite(exc: BaseException, rules) -> BaseException:
    if len(exc.args) != 1 or not isinstance(exc.args[0], str):
        return exc
    msg = exc.args[0]
    for pattern, make in rules:
        m = pattern.match(msg)
        if m is not None:
            if make is None:
                return exc
            new = make(m)
            if new is None:
                return exc
            exc.args = (new,)
            return exc
    return exc


def _missing_args_message(qualname: str, names_text: str, signatures) -> str:
    """MicroPython's message for missing positional arguments, from CPython's.

    ``signatures`` maps a function name to the (arg names, n_pos, n_def, has_kw_defaults)
    of the guest functions so named; with several candidates the generic text is used.
    """
    name = _guest_name(qualname)
    missing = re.findall(r"'([^']*)'", names_text)
    sig = signatures(_signature_key(qualname)) if signatures is not None else None
    if sig is None or not missing:
        return "function missing required positional argument"
    arg_names, n_pos, n_def, has_kw_defaults = sig
    try:
        indices = sorted(arg_names.index(m) for m in missing)
    except ValueError:
        return "function missing required positional argument"
    required = n_pos - n_def
    given = indices[0]
    positional_call = indices == list(range(given, required))
    if positional_call and not has_kw_defaults:
        return f"{name}() takes {required} positional arguments but {given} were given"
    return f"function missing required positional argument #{indices[-1]}"


def _missing_keyword_message(qualname: str, first_missing: str, signatures,
                             call_site) -> str:
    """MicroPython names the missing keyword-only argument only when the call passed some
    keyword argument or the function has keyword defaults (``call_site``: (code info, ip))."""
    sig = signatures(_signature_key(qualname)) if signatures is not None else None
    has_kw_defaults = sig is not None and sig[3]
    if has_kw_defaults or (call_site is not None and
                           call_site[0].passes_keywords(call_site[1])):
        return f"function missing required keyword argument '{first_missing}'"
    return "function missing keyword-only argument"


def fix_exception(exc: BaseException, oserror_type=None, signatures=None,
                  keyerror_type=None, call_site=None) -> BaseException:
    """Return the guest view of ``exc`` (the same object, reworded, or a replacement)."""
    d = getattr(exc, "__dict__", None)
    if d is not None and d.get(FIXED_ATTR):
        return exc
    t = type(exc)
    new = exc
    if t is UnboundLocalError or (t is ValueError and exc.args == ("Cell is empty",)):
        new = NameError("local variable referenced before assignment")
    elif t is NameError:
        msg = str(exc)
        m = re.match(r"name '(.*)' is not defined", msg)
        if m:
            new = NameError(f"name '{m[1]}' isn't defined")
    elif t is ZeroDivisionError:
        complex_division = exc.args and "complex" in str(exc.args[0])
        new = ZeroDivisionError("complex divide by zero" if complex_division else "divide by zero")
    elif t is RecursionError:
        new = RuntimeError("maximum recursion depth exceeded")
    elif t is TypeError:
        missing = None
        if exc.args and isinstance(exc.args[0], str):
            missing = re.match(r"(\S+)\(\) missing (\d+) required positional arguments?: (.*)$",
                               exc.args[0])
        kw_missing = missing is None and exc.args and isinstance(exc.args[0], str) and \
            re.match(r"(\S+)\(\) missing \d+ required keyword-only arguments?: '(\w+)'",
                     exc.args[0])
        not_mapping = exc.args and isinstance(exc.args[0], str) and \
            re.match(r"(?:\S+ argument|Value) after \*\* must be a mapping, not (\w+)$",
                     exc.args[0])
        if missing:
            new = TypeError(_missing_args_message(missing[1], missing[3], signatures))
        elif not_mapping:  # MicroPython looks the keys up on whatever it is given
            new = AttributeError(f"'{not_mapping[1]}' object has no attribute 'keys'")
        elif kw_missing:
            new = TypeError(_missing_keyword_message(kw_missing[1], kw_missing[2], signatures,
                                                     call_site))
        else:
            new = _rewrite(_typed_index_error(exc), _TYPE_ERRORS)
            _rename_host_types(new)
    elif t is ValueError:
        new = _rewrite(exc, _VALUE_ERRORS)
    elif t is AttributeError:
        if exc.args and isinstance(exc.args[0], str):
            m = re.match(r"'(\w+)' object attribute '(\w+)' is read-only$", exc.args[0])
            if m:
                exc.args = (f"'{m[1]}' object has no attribute '{m[2]}'",)
            _rename_host_types(exc)
    elif t is OverflowError:
        msg = str(exc)
        if "int too large to convert to float" in msg:
            new = OverflowError("int too big to convert to float")
        elif msg == "cannot convert float infinity to integer":
            new = OverflowError("can't convert inf to int")
        elif msg == "%c arg not in range(0x110000)":
            new = OverflowError("char not in range(0x110000)")
    elif t is IndexError:
        msg = str(exc)
        fixed = _INDEX_ERRORS.get(msg)
        if fixed is not None:
            new = IndexError(fixed)
        elif msg.startswith("Replacement index "):  # str.format with too few arguments
            new = IndexError("tuple index out of range")
    elif t is KeyError and keyerror_type is not None:
        new = keyerror_type(*exc.args)
    elif t is KeyError or t is StopIteration:
        pass
    elif isinstance(exc, OSError) and oserror_type is not None and t is not oserror_type \
            and not _is_guest_subclass(t):
        code = exc.errno if exc.errno is not None else (exc.args[0] if exc.args else 0)
        new = oserror_type(code)
    elif t is UnicodeDecodeError or t is UnicodeEncodeError:
        new = UnicodeError()
    if new is not exc:
        tb = getattr(exc, TB_ATTR, None)
        if tb:
            setattr(new, TB_ATTR, tb)
    try:
        setattr(new, FIXED_ATTR, True)
    except (AttributeError, TypeError):
        pass
    return new


def _is_guest_subclass(t) -> bool:
    return getattr(t, "__module__", "") != "builtins"


def add_traceback(exc: BaseException, filename: str, line: int, block: str | None) -> None:
    try:
        tb = exc.__dict__.get(TB_ATTR)
        if tb is None:
            tb = []
            setattr(exc, TB_ATTR, tb)
        tb.append((filename, line, block))
    except AttributeError:
        pass


def clear_traceback(exc: BaseException) -> None:
    """``exc.__traceback__ = None``: the traceback entries gathered so far are dropped."""
    exc.__traceback__ = None
    exc.__dict__.pop(TB_ATTR, None)


def guest_traceback(exc: BaseException) -> list:
    return list(getattr(exc, TB_ATTR, None) or [])


def format_traceback(exc: BaseException, repr_fn, str_fn) -> str:
    """The text MicroPython prints for an uncaught exception."""
    lines = []
    tb = guest_traceback(exc)
    if tb:
        lines.append("Traceback (most recent call last):")
        for filename, line, block in reversed(tb):
            lines.append(f'  File "{filename}", line {line}'
                         + (f", in {block}" if block is not None else ""))
    lines.append(exception_line(exc, repr_fn, str_fn))
    return "\n".join(lines) + "\n"


def _guest_defined_repr(t: type) -> bool:
    for k in t.__mro__:
        if "__repr__" in k.__dict__:
            return k in GUEST_TYPES
    return False


def exception_line(exc: BaseException, repr_fn, str_fn) -> str:
    if _guest_defined_repr(type(exc)):
        return repr_fn(exc)  # MicroPython prints an exception with its own __repr__ as that
    name = type(exc).__name__
    args = exc.args
    if not args:
        return name + ": "  # MicroPython always prints the separator
    if isinstance(exc, OSError) and len(args) <= 2 and hasattr(exc, "mp_str"):
        return f"{name}: {exc}"
    if len(args) == 1:
        text = str_fn(args[0])
        return f"{name}: {text}"
    return f"{name}: {str_fn(tuple(args))}"
