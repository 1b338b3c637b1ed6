"""The guest's `re` module: MicroPython's small regular-expression engine (re1.5), its syntax
and its results.

MicroPython does not use CPython's engine, and the two disagree on much: '.' matches a
newline, '^' matches only at the very start of the subject and '$' only at its end, an escape
that is not one of \\d \\D \\w \\W \\s \\S stands for the escaped character itself (r'\\n' is
'n', r'\\b' is 'b'), braces are literal characters, and most malformed patterns raise
ValueError('regex too complex'). sub() and split() stop at the first empty match. Matching
works on the UTF-8 bytes of the subject. Match objects have group() only, as in 1.29's
default configuration.

The pattern is compiled into a small instruction list run by a backtracking matcher that
tries alternatives in the same order as MicroPython's, so captures come out the same.
"""

from __future__ import annotations

from mpt.runtime.library.arity import check_arity

# instructions: (opcode, operand)
CHAR, ANY, CLASS, CLASS_NOT, NAMED, SPLIT, RSPLIT, JMP, SAVE, BOL, EOL, MATCH = range(12)
# size in bytes of each instruction in MicroPython's encoding, for its int8 limits
_SIZE = {CHAR: 2, ANY: 1, NAMED: 2, SPLIT: 2, RSPLIT: 2, JMP: 2, SAVE: 2, BOL: 1, EOL: 1,
         MATCH: 1}
_NAMED_CLASS_LETTERS = frozenset(b"dDsSwW")


class _TooComplex(Exception):
    pass


class _Compiler:
    """Pattern bytes -> instruction list; jumps are absolute instruction indices."""

    def __init__(self, pattern: bytes):
        self.p = pattern
        self.n_groups = 0

    def compile(self) -> list:
        body, pos = self._sequence(0)
        if pos < len(self.p):  # a ')' without its '('
            raise ValueError("error in regex")
        program = [(SAVE, 0)] + body + [(SAVE, 1), (MATCH, None)]
        program = _link(program)
        _check_limits(program)
        return program

    def _sequence(self, pos: int):
        """Parse up to ')' or the end: (fragment, position of the stop)."""
        p = self.p
        alternatives = []
        items: list[list] = []  # one fragment per term; quantifiers wrap the last one
        repeatable = False
        while pos < len(p) and p[pos] != 0x29:  # ')'
            c = p[pos]
            if c == 0x5C:  # backslash
                pos += 1
                if pos >= len(p):
                    raise _TooComplex
                e = p[pos]
                items.append([(NAMED, e)] if e in _NAMED_CLASS_LETTERS else [(CHAR, e)])
                repeatable = True
            elif c == 0x2E:  # '.'
                items.append([(ANY, None)])
                repeatable = True
            elif c == 0x5B:  # '['
                fragment, pos = self._class(pos + 1)
                items.append(fragment)
                repeatable = True
            elif c == 0x28:  # '('
                capture = not (p[pos + 1:pos + 3] == b"?:")
                if capture:
                    self.n_groups += 1
                    group = self.n_groups
                    if 2 * group + 1 > 127:
                        raise _TooComplex
                else:
                    pos += 2
                inner, pos = self._sequence(pos + 1)
                if pos >= len(p):
                    raise _TooComplex
                if capture:
                    inner = [(SAVE, 2 * group)] + inner + [(SAVE, 2 * group + 1)]
                items.append(inner)
                repeatable = True
            elif c in (0x3F, 0x2A, 0x2B):  # ? * +
                if not repeatable:
                    raise _TooComplex
                lazy = pos + 1 < len(p) and p[pos + 1] == 0x3F
                if lazy:
                    pos += 1
                items[-1] = _quantify(chr(c), items[-1], lazy)
                repeatable = False
            elif c == 0x7C:  # '|'
                alternatives.append([ins for item in items for ins in item])
                items = []
                repeatable = False
            elif c == 0x5E:  # '^'
                items.append([(BOL, None)])
                repeatable = False
            elif c == 0x24:  # '$'
                items.append([(EOL, None)])
                repeatable = False
            else:
                items.append([(CHAR, c)])
                repeatable = True
            pos += 1
        last = [ins for item in items for ins in item]
        if not alternatives:
            return last, pos
        alternatives.append(last)
        return _alternate(alternatives), pos

    def _class(self, pos: int):
        p = self.p
        negate = pos < len(p) and p[pos] == 0x5E
        if negate:
            pos += 1
        ranges: list[tuple[str | int, int]] = []  # (lo, hi) or ("named", letter)
        while True:
            if pos >= len(p):
                raise _TooComplex
            c = p[pos]
            if c == 0x5D:  # ']'
                break
            if c == 0x5C:
                pos += 1
                c = p[pos] if pos < len(p) else 0
                if c in _NAMED_CLASS_LETTERS:
                    ranges.append(("named", c))
                    pos += 1
                    continue
            if not c:
                raise _TooComplex
            end = c
            if pos + 2 < len(p) and p[pos + 1] == 0x2D and p[pos + 2] != 0x5D:
                pos += 2
                end = p[pos]
            elif pos + 1 < len(p) and p[pos + 1] == 0x2D and pos + 2 >= len(p):
                pos += 2
                raise _TooComplex
            ranges.append((_signed(c), _signed(end)))
            pos += 1
        if len(ranges) > 127:
            raise _TooComplex
        return [(CLASS_NOT if negate else CLASS, tuple(ranges))], pos


def _signed(byte: int) -> int:
    """The wasm and ESP32 builds compare pattern bytes as C's (signed) char."""
    return byte - 256 if byte > 127 else byte


def _quantify(kind: str, body: list, lazy: bool) -> list:
    # Relative jumps (offset in instructions from the jumping instruction) until _link.
    n = len(body)
    if kind == "?":
        return [(RSPLIT if lazy else SPLIT, ("rel", n + 1))] + body
    if kind == "*":
        return [(RSPLIT if lazy else SPLIT, ("rel", n + 2))] + body + [(JMP, ("rel", -(n + 1)))]
    return body + [(SPLIT if lazy else RSPLIT, ("rel", -n))]  # '+'


def _alternate(alternatives: list) -> list:
    """a|b|c: try a, then b, then c; each success continues after the whole alternation."""
    out: list = []
    rest = alternatives[-1]
    for alt in reversed(alternatives[:-1]):
        tail = rest
        out = [(SPLIT, ("rel", len(alt) + 2))] + alt + [(JMP, ("rel", len(tail) + 1))] + tail
        rest = out
    return out


def _link(program: list) -> list:
    linked = []
    for i, (op, arg) in enumerate(program):
        if type(arg) is tuple and arg and arg[0] == "rel":
            arg = i + arg[1]
        linked.append((op, arg))
    return linked


def _check_limits(program: list) -> None:
    """MicroPython stores jump offsets in a signed byte: longer jumps make it give up."""
    addr = [0]
    for op, arg in program:
        size = 2 + 2 * len(arg) if op in (CLASS, CLASS_NOT) else _SIZE[op]
        addr.append(addr[-1] + size)
    for i, (op, arg) in enumerate(program):
        if op in (SPLIT, RSPLIT, JMP):
            offset = addr[arg] - addr[i] - 2
            if not -128 <= offset <= 127:
                raise _TooComplex


def _named_match(letter: int, c: int) -> bool:
    lower = letter | 0x20
    if lower == 0x64:  # d
        hit = 0x30 <= c <= 0x39
    elif lower == 0x73:  # s
        hit = c == 0x20 or 0x09 <= c <= 0x0D
    else:
        hit = (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A) or (0x30 <= c <= 0x39) or c == 0x5F
    return hit if letter & 0x20 else not hit


def _class_match(ranges, c: int) -> bool:
    sc = _signed(c)
    for lo, hi in ranges:
        if lo == "named":
            if _named_match(hi, c):
                return True
        elif lo <= sc <= hi:
            return True
    return False


# MicroPython's matcher recurses once per alternative it keeps open; a board's stack runs
# out well before this many.
_MAX_BACKTRACK = 100000


def _run(program: list, n_caps: int, subject: bytes, start: int, end: int, search: bool):
    """Backtracking match; returns the capture offsets or None."""
    for first in range(start, end + 1) if search else (start,):
        caps: list[int | None] = [None] * n_caps
        stack: list = []
        pc, sp = 0, first
        while True:
            op, arg = program[pc]
            if op == CHAR:
                ok = sp < end and subject[sp] == arg
                if ok:
                    pc += 1
                    sp += 1
                    continue
            elif op == ANY:
                if sp < end:
                    pc += 1
                    sp += 1
                    continue
            elif op == CLASS or op == CLASS_NOT:
                if sp < end and _class_match(arg, subject[sp]) == (op == CLASS):
                    pc += 1
                    sp += 1
                    continue
            elif op == NAMED:
                if sp < end and _named_match(arg, subject[sp]):
                    pc += 1
                    sp += 1
                    continue
            elif op == MATCH:
                return caps
            elif op == JMP:
                pc = arg
                continue
            elif op == SPLIT:
                if len(stack) > _MAX_BACKTRACK:
                    raise RuntimeError("maximum recursion depth exceeded")
                stack.append((arg, sp, None))
                pc += 1
                continue
            elif op == RSPLIT:
                if len(stack) > _MAX_BACKTRACK:
                    raise RuntimeError("maximum recursion depth exceeded")
                stack.append((pc + 1, sp, None))
                pc = arg
                continue
            elif op == SAVE:
                if arg < n_caps:
                    stack.append((None, arg, caps[arg]))
                    caps[arg] = sp
                pc += 1
                continue
            elif op == BOL:
                if sp == 0:
                    pc += 1
                    continue
            elif op == EOL:
                if sp == end:
                    pc += 1
                    continue
            # failure: backtrack
            while stack:
                target, a, b = stack.pop()
                if target is None:
                    caps[a] = b
                else:
                    pc, sp = target, a
                    break
            else:
                break
    return None


def _text_of(obj, what: str = "str"):
    if isinstance(obj, str):
        return obj.encode("utf-8", "surrogatepass"), True
    if isinstance(obj, (bytes, bytearray)):
        return bytes(obj), False
    raise TypeError(f"can't convert '{type(obj).__name__}' object to str implicitly")


def _as_int(value) -> int:
    if isinstance(value, int):
        return int(value)
    raise TypeError(f"can't convert {type(value).__name__} to int")


def _decode(data: bytes, is_str: bool):
    if not is_str:
        return data
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:  # a match that splits a character
        raise UnicodeError() from None


class Match:
    """A successful match: group(n) only."""

    __slots__ = ("_caps", "_subject", "_is_str")

    def __init__(self, caps, subject: bytes, is_str: bool):
        self._caps = caps
        self._subject = subject
        self._is_str = is_str

    def group(self, *args):
        check_arity((self,) + args, 2, 2)
        n = _as_int(args[0])
        if n < 0 or 2 * n >= len(self._caps):
            raise IndexError(args[0])
        start = self._caps[2 * n]
        if start is None:
            return None
        return _decode(self._subject[start:self._caps[2 * n + 1]], self._is_str)

    def __repr__(self):
        return f"<match num={len(self._caps) // 2}>"


class Regex:
    """A compiled pattern: match, search, sub, split."""

    __slots__ = ("_program", "_n_caps")

    def __init__(self, pattern):
        source, _ = _text_of(pattern)
        try:
            compiler = _Compiler(source)
            self._program = compiler.compile()
        except (_TooComplex, IndexError):
            raise ValueError("regex too complex") from None
        self._n_caps = 2 * (compiler.n_groups + 1)

    def _exec(self, args, search: bool, compiled: bool):
        subject, is_str = _text_of(args[1])
        start, end = 0, len(subject)
        if compiled and len(args) > 2:
            start = min(max(_as_int(args[2]), 0), end)
            if len(args) > 3:
                end = min(max(_as_int(args[3]), start), len(subject))
        caps = _run(self._program, self._n_caps, subject, start, end, search)
        return None if caps is None else Match(caps, subject, is_str)

    def match(self, *args):
        check_arity((self,) + args, 2, 4)
        return self._exec((self,) + args, False, True)

    def search(self, *args):
        check_arity((self,) + args, 2, 4)
        return self._exec((self,) + args, True, True)

    def sub(self, *args):
        check_arity((self,) + args, 3, 5)
        return self._sub(*args)

    def _sub(self, replace, where, count=0, flags=None):
        subject, is_str = _text_of(where)
        count = _as_int(count)
        out = None
        begin = 0
        while True:
            caps = _run(self._program, self._n_caps, subject, begin, len(subject), True)
            if caps is None or caps[0] == caps[1]:
                break
            if out is None:
                out = bytearray()
            out += subject[begin:caps[0]]
            repl = replace(Match(caps, subject, is_str)) if callable(replace) else replace
            out += self._expand(_text_of(repl)[0], caps, subject)
            begin = caps[1]
            if count > 0:
                count -= 1
                if count == 0:
                    break
        if out is None:
            return where
        out += subject[begin:]
        return _decode(bytes(out), is_str)

    def _expand(self, repl: bytes, caps, subject: bytes) -> bytes:
        out = bytearray()
        i, n = 0, len(repl)
        while i < n:
            c = repl[i]
            if c != 0x5C:
                out.append(c)
                i += 1
                continue
            i += 1
            g_format = repl[i:i + 2] == b"g<"
            if g_format:
                i += 2
            if i < n and 0x30 <= repl[i] <= 0x39:
                number = 0
                while i < n and 0x30 <= repl[i] <= 0x39:
                    number = number * 10 + repl[i] - 0x30
                    i += 1
                if g_format and i < n and repl[i] == 0x3E:
                    i += 1
                if 2 * number >= len(caps):
                    raise IndexError(number)
                start = caps[2 * number]
                if start is not None:
                    out += subject[start:caps[2 * number + 1]]
            elif i < n and repl[i] == 0x5C:
                out.append(0x5C)
                i += 1
        return bytes(out)

    def split(self, *args):
        check_arity((self,) + args, 2, 3)
        subject, is_str = _text_of(args[0])
        maxsplit = _as_int(args[1]) if len(args) > 1 else 0
        parts = []
        begin = 0
        while True:
            caps = _run(self._program, self._n_caps, subject, begin, len(subject), True)
            if caps is None or caps[0] == caps[1]:
                break
            parts.append(_decode(subject[begin:caps[0]], is_str))
            if self._n_caps > 2:
                raise NotImplementedError("splitting with sub-captures")
            begin = caps[1]
            if maxsplit > 0:
                maxsplit -= 1
                if maxsplit == 0:
                    break
        parts.append(_decode(subject[begin:], is_str))
        return parts

    def __repr__(self):
        return f"<re {id(self) & 0xFFFFF:x}>"


for _cls in (Match, Regex):
    _cls.__module__ = "builtins"
Match.__name__ = Match.__qualname__ = "match"
Regex.__name__ = Regex.__qualname__ = "re"


def compile(*args):
    check_arity(args, 1, 2)
    return Regex(args[0])


def _module_exec(args, search: bool):
    check_arity(args, 2, 4)
    if isinstance(args[0], Regex):
        return args[0]._exec(args, search, True)
    return Regex(args[0])._exec(args, search, False)


def make_module(ctx):
    def match(*args):
        return _module_exec(args, False)

    def search(*args):
        return _module_exec(args, True)

    def sub(*args):
        check_arity(args, 3, 5)
        regex = args[0] if isinstance(args[0], Regex) else Regex(args[0])
        return regex._sub(*args[1:])

    return {"compile": compile, "match": match, "search": search, "sub": sub}
