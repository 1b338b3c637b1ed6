"""The parser of the cross-compiler: a re-implementation of MicroPython's py/parse.c.

``parse()`` turns source into the parse tree mpy-cross 1.29 builds (see ``parsenode``),
including everything parse.c does while building it: passing single children through, dropping
lonely constant statements (doc strings), folding constant expressions and logical operators,
``const()`` definitions, ``math.<constant>`` lookups, and constant tuples.
"""

from __future__ import annotations

from mpt.errors import CompileError
from mpt.crosscompile import constfold
from mpt.crosscompile.grammar import RULES
from mpt.crosscompile.lexer import Lexer, UnicodeNameEscape
from mpt.crosscompile.numparse import NumberSyntaxError, parse_decimal, parse_integer
from mpt.crosscompile.parsenode import Id, Node, Str, Token
from mpt.crosscompile.qstrpool import QstrPool

INTERN_STRING_MAX_LEN = 10  # MICROPY_ALLOC_PARSE_INTERN_STRING_LEN

TOP_LEVEL_RULES = {"file": "file_input", "single": "single_input", "eval": "eval_input"}

_FOLD_OPS = {
    "OP_DBL_LESS": "<<", "OP_DBL_MORE": ">>", "OP_PLUS": "+", "OP_MINUS": "-",
    "OP_STAR": "*", "OP_AT": "@", "OP_DBL_SLASH": "//", "OP_SLASH": "/", "OP_PERCENT": "%",
}
_LIST_FOLD_OPS = {"expr": "|", "xor_expr": "^", "and_expr": "&", "power": "**"}
_UNARY_OPS = {"OP_PLUS": "+", "OP_MINUS": "-", "OP_TILDE": "~"}


def _fits_host_small_int(value: int) -> bool:
    """Whether mpy-cross (a 64-bit build: 63-bit small ints) holds ``value`` as a small int."""
    return -(1 << 62) <= value < (1 << 62)

# Module attributes the parser replaces by their value (MICROPY_COMP_MODULE_CONST).
MODULE_CONSTANTS = {
    "math": {"e": 2.718281828459045, "pi": 3.141592653589793, "tau": 6.283185307179586,
             "inf": float("inf"), "nan": float("nan")},
}

_OR, _AND, _LIST = 0, 1, 2
_TOK, _RULE, _OPT = 0, 1, 2


class _CompiledRule:
    """A grammar rule prepared for the parse loop (child rules resolved to objects)."""

    __slots__ = ("name", "act", "n", "kinds", "whats", "allow_ident", "add_blank",
                 "num_pushed", "num_names", "rule_depths", "starts", "descents")


def _compile_rules() -> dict:
    table = {name: _CompiledRule() for name in RULES}
    for name, rule in RULES.items():
        c = table[name]
        c.name = name
        c.act = {"or": _OR, "and": _AND, "list": _LIST}[rule.act]
        c.n = rule.n
        c.kinds = tuple({"tok": _TOK, "rule": _RULE, "opt_rule": _OPT}[k] for k, _ in rule.args)
        c.whats = tuple(w if k == "tok" else table[w] for k, w in rule.args)
        c.allow_ident = rule.allow_ident
        c.add_blank = rule.add_blank
        # what an "and" rule leaves on the result stack: its rule children and NAME tokens
        pushed = [k != "tok" or w == "NAME" for k, w in rule.args]
        c.num_pushed = sum(pushed)
        c.num_names = sum(1 for k, w in rule.args if k == "tok" and w == "NAME")
        depths = []
        depth = 0
        for k, w in reversed(rule.args):
            if k != "tok":
                depths.append(-1 - depth)
            if k != "tok" or w == "NAME":
                depth += 1
        c.rule_depths = tuple(depths)
        c.descents = {}  # token kind -> _descent(c, kind), filled in as the parser meets them
    for c in table.values():
        c.starts = _start_tokens(c, {})
    return table


def _start_tokens(rule: _CompiledRule, memo: dict):
    """The token kinds with which ``rule`` can do anything but fail cleanly (backtrack having
    consumed no token and left no result), or None if that is not known for every token.

    The parse loop skips a child rule whose start tokens do not include the current token:
    parse.c would push it, see it fail cleanly and carry on exactly as if it had been skipped.
    """
    if rule.name in memo:
        return memo[rule.name]
    memo[rule.name] = None  # guards against cycles (there are none through first positions)
    if rule.act == _OR:
        starts = set()
        for kind, what in zip(rule.kinds, rule.whats):
            sub = {what} if kind == _TOK else _start_tokens(what, memo)
            if sub is None:
                starts = None
                break
            starts |= sub
    else:
        kind, what = rule.kinds[0], rule.whats[0]
        if kind == _TOK:
            starts = {what}
        elif kind == _RULE:
            starts = _start_tokens(what, memo)
        else:
            starts = None  # a missing optional first part pushes a null and goes on
    result = None if starts is None else frozenset(starts)
    memo[rule.name] = result
    return result


_UNKNOWN = object()


def _descent(rule: _CompiledRule, tok: str):
    """What the parse loop does on entering ``rule`` with a ``tok`` token, up to taking that
    token, when it gets there without a failure: (the frames it pushes, in order, as (rule,
    index, nulls) where nulls counts the nulls that rule pushed for skipped optional parts,
    the rule that takes the token, the token's index in it, whether the token is pushed as a
    result, a dict for _unwind). The taker comes last in the frames, resuming after the token
    (or as None if it is an "or" rule, which is then done). None when the way down fails or
    backtracks: the loop then takes it step by step. Only the token kind decides any of this,
    so it is worked out once per (rule, kind).
    """
    frames = []
    while True:
        kinds, whats, n = rule.kinds, rule.whats, rule.n
        child = None
        if rule.act == _OR:
            for i in range(n):
                if kinds[i] == _TOK:
                    if whats[i] == tok:
                        frames.append(None)
                        return tuple(frames), rule, i, True, {}
                elif whats[i].starts is None or tok in whats[i].starts:
                    if i + 1 < n:
                        frames.append((rule, i + 1, 0))
                    child = whats[i]
                    break
        elif rule.act == _AND:
            nulls = 0
            for i in range(n):
                if kinds[i] == _TOK:
                    if whats[i] != tok:
                        return None  # a backtrack or a syntax error
                    frames.append((rule, i + 1, nulls))
                    return tuple(frames), rule, i, whats[i] == "NAME", {}
                what = whats[i]
                if what.starts is None or tok in what.starts:
                    frames.append((rule, i + 1, nulls))
                    child = what
                    break
                if kinds[i] != _OPT:
                    return None
                nulls += 1
            else:
                return None  # every part optional and absent: the rule completes here
        else:  # list: its first item
            if kinds[0] == _TOK:
                if whats[0] != tok:
                    return None
                frames.append((rule, 1, 0))
                return tuple(frames), rule, 0, True, {}
            if whats[0].starts is None or tok in whats[0].starts:
                frames.append((rule, 1, 0))
                child = whats[0]
        if child is None:
            return None
        rule = child


def _fails_cleanly(what, tok: str) -> bool:
    """Whether a child rule is skipped for a ``tok`` token (see _start_tokens)."""
    return what.starts is not None and tok not in what.starts


def _rest_hands_on(rule: _CompiledRule, i: int, tok: str) -> bool:
    """Whether ``rule``, resumed at part i with one non-null result of its own so far, ends
    by handing that result on unchanged when the token is ``tok``."""
    if rule.act == _OR:
        return True  # it is done: the next alternative is only a fallback
    if rule.act == _AND:
        # all remaining parts optional and skipped, then the lone result passes through
        return (rule.allow_ident and rule.name != "expr_stmt"
                and all(rule.kinds[k] == _OPT and _fails_cleanly(rule.whats[k], tok)
                        for k in range(i, rule.n)))
    # a list with one item: it ends there, without a node, unless the next part matches
    if i != 1:
        return False
    j = 0 if rule.n == 2 else 1  # the next part: another item, or a separator
    part_kind, part = rule.kinds[j], rule.whats[j]
    if part_kind == _TOK:
        return part != tok
    return _fails_cleanly(part, tok)


def _unwind(path, tok: str):
    """For a _descent path that took its token, the next token being ``tok``: (the frames to
    push, as (rule, index), the nulls to push under the token's result). A rule on the way
    down that would hand the taken token's result up unchanged (dropping its own nulls) is
    left out, with every rule inside it: popping them would change nothing."""
    frames, _, _, push_it, _ = path
    keep = len(frames)
    if push_it:  # a null result is never handed on like this
        while keep and (frames[keep - 1] is None
                        or _rest_hands_on(frames[keep - 1][0], frames[keep - 1][1], tok)):
            keep -= 1
    kept = tuple((rule, i) for rule, i, _ in (f for f in frames[:keep] if f is not None))
    nulls = sum(f[2] for f in frames[:keep] if f is not None)
    return kept, nulls


_COMPILED = _compile_rules()

_CONST_TOKENS = {"KW_NONE": None, "KW_FALSE": False, "KW_TRUE": True, "ELLIPSIS": Ellipsis}


def _decode(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


class Parser:
    def __init__(self, source: bytes, filename: str, input_kind: str, small_int_bits: int,
                 opt_level: int, qstrs: QstrPool | None, tstrings: bool = True):
        self.filename = filename
        self.input_kind = input_kind
        self.small_int_bits = small_int_bits
        self.qstrs = qstrs if qstrs is not None else QstrPool()
        self.qstrs.intern(filename.encode("utf-8", "surrogateescape"))
        self.consts: dict[str, object] = {}
        self.rule_stack: list[tuple] = []  # (compiled rule, next arg index, source line)
        self.results: list = []
        try:
            self.lex = Lexer(source, filename, opt_level, tstrings)
        except UnicodeNameEscape:
            raise self._unicode_name_error() from None

    # -- errors ----------------------------------------------------------------------------

    def _error(self, exc_name: str, message: str, line: int) -> CompileError:
        return CompileError(exc_name, message, self.filename, line)

    def _unicode_name_error(self) -> CompileError:
        # the lexer raises this one without adding a traceback entry, so it has no line
        return CompileError("NotImplementedError", "unicode name escapes", self.filename, None)

    def _syntax_error(self) -> CompileError:
        kind = self.lex.tok_kind
        if kind == "INDENT":
            return self._error("IndentationError", "unexpected indent", self.lex.tok_line)
        if kind == "DEDENT_MISMATCH":
            return self._error("IndentationError",
                               "unindent doesn't match any outer indent level", self.lex.tok_line)
        if kind == "MALFORMED_FSTRING":
            return self._error("SyntaxError", "malformed f-string", self.lex.tok_line)
        return self._error("SyntaxError", "invalid syntax", self.lex.tok_line)

    # -- node helpers ----------------------------------------------------------------------

    def _fits_small_int(self, value: int) -> bool:
        bound = 1 << (self.small_int_bits - 1)
        return -bound <= value < bound

    def const_object_optimised(self, line: int, value):
        if type(value) is int and self._fits_small_int(value):
            return value
        return Node("const_object", line, [value])

    @staticmethod
    def is_const(pn) -> bool:
        """mp_parse_node_is_const."""
        if pn is None:
            return False
        if type(pn) is int or isinstance(pn, Str):
            return True
        if isinstance(pn, Token):
            return pn.kind in _CONST_TOKENS
        if isinstance(pn, Node):
            if pn.rule == "const_object":
                return True
            if pn.rule == "atom_paren":
                return pn.args[0] is None
        return False

    @staticmethod
    def to_object(pn):
        """mp_parse_node_convert_to_obj (the node must satisfy is_const)."""
        if type(pn) is int:
            return pn
        if isinstance(pn, Str):
            return pn.value
        if isinstance(pn, Token):
            return _CONST_TOKENS[pn.kind]
        if pn.rule == "const_object":
            return pn.args[0]
        return ()

    def is_const_bool(self, pn, value: bool) -> bool:
        return self.is_const(pn) and bool(self.to_object(pn)) == value

    @staticmethod
    def number_of(pn):
        """mp_parse_node_get_number_maybe: the int/float value of pn, or None."""
        if type(pn) is int:
            return pn
        if isinstance(pn, Node) and pn.rule == "const_object":
            value = pn.args[0]
            if constfold.is_number(value):
                return value
        return None

    # -- result stack ----------------------------------------------------------------------

    def peek(self, pos: int):
        return self.results[-1 - pos]

    def pop(self):
        return self.results.pop()

    def push_token(self, rule_name: str) -> None:
        lex = self.lex
        kind = lex.tok_kind
        if kind == "NAME":
            raw = lex.text
            self.qstrs.intern(raw)
            name = _decode(raw)
            if rule_name == "atom" and name in self.consts:
                pn = self.const_object_optimised(lex.tok_line, self.consts[name])
            else:
                pn = Id(name)
        elif kind == "INTEGER":
            try:
                value = parse_integer(lex.text)
            except NumberSyntaxError as exc:
                raise self._error("SyntaxError", exc.args[0], lex.tok_line) from None
            pn = self.const_object_optimised(lex.tok_line, value)
        elif kind == "FLOAT_OR_IMAG":
            try:
                value = parse_decimal(lex.text)
            except NumberSyntaxError as exc:
                raise self._error("SyntaxError", exc.args[0], lex.tok_line) from None
            pn = Node("const_object", lex.tok_line, [value])
        elif kind == "STRING":
            raw = lex.text
            if len(raw) <= INTERN_STRING_MAX_LEN:
                self.qstrs.intern(raw)
                interned = True
            else:
                interned = self.qstrs.find(raw)
            if interned:
                pn = Str(_decode(raw))
            else:
                pn = Node("const_object", lex.tok_line, [_decode(raw)])
        elif kind == "BYTES":
            pn = Node("const_object", lex.tok_line, [lex.text])
        else:
            pn = Token(kind)
        self.results.append(pn)

    # -- folding ---------------------------------------------------------------------------

    def fold_logical(self, rule_name: str, num_args: int):
        """Returns (folded, num_args)."""
        if rule_name in ("or_test", "and_test"):
            res = self.results
            copy_to = num_args
            i = num_args
            while i > 0:
                i -= 1
                pn = self.peek(i)
                res[len(res) - copy_to] = pn
                if i == 0:
                    break
                if rule_name == "or_test":
                    if self.is_const_bool(pn, True):
                        break
                    if not self.is_const_bool(pn, False):
                        copy_to -= 1
                else:
                    if self.is_const_bool(pn, False):
                        break
                    if not self.is_const_bool(pn, True):
                        copy_to -= 1
            copy_to -= 1
            for _ in range(copy_to):
                self.pop()
            num_args -= copy_to
            return num_args == 1, num_args
        if rule_name == "not_test_2":
            pn = self.peek(0)
            if self.is_const_bool(pn, False):
                pn = Token("KW_TRUE")
            elif self.is_const_bool(pn, True):
                pn = Token("KW_FALSE")
            else:
                return False, num_args
            self.pop()
            self.results.append(pn)
            return True, num_args
        return False, num_args

    def fold_constants(self, rule_name: str, num_args: int) -> bool:
        keep_object = False
        if rule_name in _LIST_FOLD_OPS:
            op = _LIST_FOLD_OPS[rule_name]
            value = self.number_of(self.peek(num_args - 1))
            if value is None:
                return False
            for i in range(num_args - 2, -1, -1):
                rhs = self.number_of(self.peek(i))
                if rhs is None:
                    return False
                value = self._binary(op, value, rhs)
                if value is constfold.NO_FOLD:
                    return False
        elif rule_name in ("shift_expr", "arith_expr", "term"):
            value = self.number_of(self.peek(num_args - 1))
            if value is None:
                return False
            for i in range(num_args - 2, 0, -2):
                rhs = self.number_of(self.peek(i - 1))
                if rhs is None:
                    return False
                op = _FOLD_OPS[self.peek(i).kind]
                value = self._binary(op, value, rhs)
                if value is constfold.NO_FOLD:
                    return False
        elif rule_name == "factor_2":
            value = self.number_of(self.peek(0))
            if value is None:
                return False
            op = _UNARY_OPS[self.peek(1).kind]
            # mpz's unary - and ~ return an mpz even when the result would fit a small int
            # (binary ops normalise, these do not), so the result stays an object.
            keep_object = type(value) is int and not _fits_host_small_int(value)
            value = constfold.unary_op(op, value)
            if value is constfold.NO_FOLD:
                return False
        elif rule_name == "expr_stmt":
            return self.fold_const_definition()
        elif rule_name == "atom_expr_normal":
            pn0, pn1 = self.peek(1), self.peek(0)
            if not (isinstance(pn0, Id) and isinstance(pn1, Node)
                    and pn1.rule == "trailer_period"):
                return False
            module = MODULE_CONSTANTS.get(pn0.name)
            if module is None or pn1.args[0].name not in module:
                return False
            value = module[pn1.args[0].name]
        else:
            return False
        for _ in range(num_args):
            self.pop()
        if keep_object:
            self.results.append(Node("const_object", 0, [value]))
        else:
            self.results.append(self.const_object_optimised(0, value))
        return True

    @staticmethod
    def _binary(op: str, lhs, rhs):
        value = constfold.binary_op(op, lhs, rhs)
        if isinstance(value, complex):
            return constfold.NO_FOLD
        return value

    def fold_const_definition(self) -> bool:
        """``name = const(value)``: record the constant (parse.c's MICROPY_COMP_CONST)."""
        pn1 = self.peek(0)
        if pn1 is None or (isinstance(pn1, Node) and pn1.rule in ("expr_stmt_augassign",
                                                                  "expr_stmt_assign_list")):
            return False
        pn0 = self.peek(1)
        if not isinstance(pn0, Id):
            return False
        if isinstance(pn1, Node) and pn1.rule == "annassign":
            pn1 = pn1.args[1]
        if not (isinstance(pn1, Node) and pn1.rule == "atom_expr_normal"
                and isinstance(pn1.args[0], Id) and pn1.args[0].name == "const"
                and isinstance(pn1.args[1], Node) and pn1.args[1].rule == "trailer_paren"):
            return False
        pn_value = pn1.args[1].args[0]
        if not self.is_const(pn_value):
            raise self._error("SyntaxError", "not a constant", pn1.line)
        self.consts[pn0.name] = self.to_object(pn_value)
        if pn0.name.startswith("_"):
            self.pop()
            self.pop()
            self.push_rule_result(0, "pass_stmt", 0)
            return True
        self.pop()
        self.results.append(pn_value)
        return False

    def build_tuple_from_stack(self, line: int, num_args: int) -> bool:
        for i in range(num_args):
            if not self.is_const(self.peek(i)):
                return False
        items = [self.to_object(pn) for pn in self.results[len(self.results) - num_args:]]
        del self.results[len(self.results) - num_args:]
        self.results.append(Node("const_object", line, [tuple(items)]))
        return True

    def build_tuple(self, line: int, rule_name: str, num_args: int) -> bool:
        if rule_name == "testlist_comp" and self.rule_stack[-1][0].name == "atom_paren":
            return self.build_tuple_from_stack(line, num_args)
        if rule_name == "testlist_comp_3c" and self.rule_stack[-3][0].name == "atom_paren":
            if self.build_tuple_from_stack(line, num_args):
                del self.rule_stack[-2:]
                return True
        if rule_name in ("testlist_star_expr", "testlist", "subscriptlist"):
            return self.build_tuple_from_stack(line, num_args)
        return False

    def push_rule_result(self, line: int, rule_name: str, num_args: int) -> None:
        """push_result_rule: build a node (or simplify/fold it away)."""
        if rule_name == "atom_paren":
            pn = self.peek(0)
            if pn is not None and not (isinstance(pn, Node) and pn.rule == "testlist_comp"):
                return  # parentheses around a single expression
        elif rule_name == "testlist_comp":
            pn = self.peek(0)
            if isinstance(pn, Node):
                if pn.rule == "testlist_comp_3b":
                    self.pop()
                    num_args -= 1
                elif pn.rule == "testlist_comp_3c":
                    self.pop()
                    pn.rule = "testlist_comp"
                    return
        elif rule_name == "testlist_comp_3c":
            num_args += 1  # takes over the first item held by the enclosing testlist_comp

        folded, num_args = self.fold_logical(rule_name, num_args)
        if folded:
            return
        if self.fold_constants(rule_name, num_args):
            return
        if self.build_tuple(line, rule_name, num_args):
            return

        args = self.results[len(self.results) - num_args:] if num_args else []
        del self.results[len(self.results) - num_args:]
        node = Node(rule_name, line, args)
        if rule_name == "testlist_comp_3c":
            self.results.append(node)
        self.results.append(node)

    # -- the main loop ---------------------------------------------------------------------

    def run(self):
        try:
            return self._run()
        except UnicodeNameEscape:
            raise self._unicode_name_error() from None

    def _run(self):
        lex = self.lex
        rule_stack = self.rule_stack
        results = self.results
        push = rule_stack.append
        single_input = self.input_kind == "single"
        pop = rule_stack.pop
        push_token = self.push_token
        next_token = lex.to_next
        backtrack = False
        # A rule being entered is taken from `descend` rather than pushed and popped again.
        descend = _COMPILED[TOP_LEVEL_RULES[self.input_kind]]

        while True:
            if descend is not None:
                # Entering a rule runs down to the rule that takes the current token, the same
                # way every time for that token kind: replay it (see _descent).
                path = descend.descents.get(lex.tok_kind, _UNKNOWN)
                if path is _UNKNOWN:
                    path = descend.descents[lex.tok_kind] = _descent(descend, lex.tok_kind)
                if path is not None:
                    taker, push_it, unwinds = path[1], path[3], path[4]
                    line = lex.tok_line
                    if push_it:
                        push_token(taker.name)
                    next_token()
                    descend = None
                    # The rules entered on the way down that would just hand the token's result
                    # back up at the next token are not pushed at all (see _unwind).
                    unwind = unwinds.get(lex.tok_kind)
                    if unwind is None:
                        unwind = unwinds[lex.tok_kind] = _unwind(path, lex.tok_kind)
                    kept, nulls = unwind
                    if nulls:
                        token_result = results.pop() if push_it else None
                        results.extend((None,) * nulls)
                        if push_it:
                            results.append(token_result)
                    for frame_rule, frame_i in kept:
                        push((frame_rule, frame_i, line))
                    continue
                rule, i, rule_line = descend, 0, lex.tok_line
                descend = None
            elif rule_stack:
                rule, i, rule_line = pop()
            else:
                break
            act, n, kinds, whats = rule.act, rule.n, rule.kinds, rule.whats

            if act == _OR:
                if i > 0 and not backtrack:
                    continue
                backtrack = True
                while i < n:
                    if kinds[i] == _TOK:
                        if lex.tok_kind == whats[i]:
                            push_token(rule.name)
                            next_token()
                            backtrack = False
                            break
                    else:
                        child = whats[i]
                        starts = child.starts
                        if starts is None or lex.tok_kind in starts:
                            if i + 1 < n:
                                push((rule, i + 1, rule_line))
                            descend = child
                            backtrack = False
                            break
                    i += 1

            elif act == _AND:
                if backtrack:
                    if kinds[i - 1] == _OPT:
                        results.append(None)
                        backtrack = False
                    elif i > 1:
                        raise self._syntax_error()
                    else:
                        continue
                descended = False
                while i < n:
                    if kinds[i] == _TOK:
                        what = whats[i]
                        if lex.tok_kind == what:
                            if what == "NAME":
                                push_token(rule.name)
                            next_token()
                        elif i > 0:
                            raise self._syntax_error()
                        else:
                            backtrack = True
                            descended = True
                            break
                    else:
                        child = whats[i]
                        starts = child.starts
                        if starts is None or lex.tok_kind in starts:
                            push((rule, i + 1, rule_line))
                            descend = child
                            descended = True
                            break
                        # the child would fail cleanly: handle it as parse.c does on return
                        if kinds[i] == _OPT:
                            results.append(None)
                        elif i == 0:
                            backtrack = True
                            descended = True
                            break
                        else:
                            raise self._syntax_error()
                    i += 1
                if descended:
                    continue

                # lonely constant statements (e.g. doc strings) are dropped
                if rule.name == "expr_stmt" and not single_input and results[-1] is None:
                    p = results[-2]
                    if ((p is not None and not isinstance(p, (Node, Id)))
                            or (isinstance(p, Node) and p.rule == "const_object")):
                        results.pop()
                        results.pop()
                        self.push_rule_result(rule_line, "pass_stmt", 0)
                        continue

                count = rule.num_pushed
                num_not_nil = rule.num_names
                for depth in rule.rule_depths:
                    if results[depth] is not None:
                        num_not_nil += 1
                if num_not_nil == 1 and rule.allow_ident:
                    pn = None
                    for _ in range(count):
                        pn2 = results.pop()
                        if pn2 is not None:
                            pn = pn2
                    results.append(pn)
                else:
                    if rule.add_blank:
                        results.append(None)
                        count += 1
                    self.push_rule_result(rule_line, rule.name, count)

            else:  # list
                had_trailing_sep = False
                if backtrack:
                    list_done = self._list_backtrack(n, i)
                    if list_done is None:
                        continue  # propagate the backtrack
                    had_trailing_sep = list_done
                    backtrack = False
                else:
                    descended = False
                    while True:
                        j = i & 1 & n
                        if kinds[j] == _TOK:
                            if lex.tok_kind == whats[j]:
                                if not j:
                                    push_token(rule.name)
                                next_token()
                                i += 1
                            else:
                                i += 1
                                list_done = self._list_backtrack(n, i)
                                if list_done is None:
                                    backtrack = True
                                    descended = True
                                else:
                                    had_trailing_sep = list_done
                                break
                        else:
                            child = whats[j]
                            starts = child.starts
                            if starts is None or lex.tok_kind in starts:
                                push((rule, i + 1, rule_line))
                                descend = child
                                descended = True
                                break
                            # the child would fail cleanly: as a mismatched token
                            i += 1
                            list_done = self._list_backtrack(n, i)
                            if list_done is None:
                                backtrack = True
                                descended = True
                            else:
                                had_trailing_sep = list_done
                            break
                    if descended:
                        continue
                i -= 1
                if (n & 1) and kinds[1] == _TOK:
                    i = (i + 1) // 2
                if i == 1:
                    if had_trailing_sep:
                        self.push_rule_result(rule_line, rule.name, i)
                else:
                    self.push_rule_result(rule_line, rule.name, i)

        if lex.tok_kind != "END" or not results:
            raise self._syntax_error()
        return results[0]

    def _list_backtrack(self, n: int, i: int):
        """The list rule's failure handling: None to propagate the backtrack (nothing
        matched), else whether the list ended with a trailing separator."""
        if n == 2:
            if i == 1:
                return None
            return False
        if i == 1:
            return None
        if i & 1:
            if n == 3:
                return True
            raise self._syntax_error()
        return False


def parse(source: bytes | str, filename: str, input_kind: str = "file", *,
          small_int_bits: int = 31, opt_level: int = 0, source_name: str | None = None,
          qstrs: QstrPool | None = None, tstrings: bool = True):
    """Parse ``source`` into a parse tree exactly as mpy-cross 1.29 would.

    ``filename`` is the input path as given to mpy-cross: errors name it, and it is interned
    before parsing, like ``source_name`` (mpy-cross's ``-s``), which matters for whether a long
    string literal equal to either becomes a str leaf. ``input_kind`` is "file", "single" or
    "eval". ``small_int_bits`` is mpy-cross's ``-msmall-int-bits`` (ints outside that range
    become const objects), ``opt_level`` its ``-O`` level (``__debug__``). ``qstrs`` is the
    pool to use and extend (a fresh mpy-cross pool by default). ``tstrings`` False parses as a
    firmware built without t-strings does. Raises CompileError exactly as mpy-cross reports
    lexer/parser errors.
    """
    if isinstance(source, str):
        source = source.encode("utf-8", "surrogateescape")
    if input_kind not in TOP_LEVEL_RULES:
        raise ValueError(f"unknown input kind {input_kind!r}")
    if qstrs is None:
        qstrs = QstrPool()
    if source_name is not None:
        qstrs.intern(source_name.encode("utf-8", "surrogateescape"))
    return Parser(source, filename, input_kind, small_int_bits, opt_level, qstrs,
                  tstrings).run()
