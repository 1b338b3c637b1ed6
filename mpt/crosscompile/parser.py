"""The parser of the cross-compiler: a re-implementation of MicroPython's py/parse.c.

``parse()`` turns source into the parse tree mpy-cross 1.29 builds (see ``parsenode``),
including everything parse.c does while building it: passing single children through, dropping
lonely constant statements (doc strings), folding constant expressions and logical operators,
``const()`` definitions, ``math.<constant>`` lookups, and constant tuples.
"""

from __future__ import annotations

from mpt.errors import CompileError
from mpt.crosscompile.lexer import Lexer
from mpt import float32
from mpt.crosscompile.numparse import NumberSyntaxError, parse_decimal, parse_integer
from mpt.crosscompile.parsefold import LIST_FOLD_OPS, ConstantFolder
from mpt.crosscompile.parsenode import Id, Node, Str, Token
from mpt.crosscompile.parsetable import (
    AND, COMPILED_RULES, OPT, OR, TOK, UNKNOWN, descent, resumes_as_noop, unwind,
)
from mpt.crosscompile.qstrpool import QstrPool

INTERN_STRING_MAX_LEN = 10  # MICROPY_ALLOC_PARSE_INTERN_STRING_LEN

TOP_LEVEL_RULES = {"file": "file_input", "single": "single_input", "eval": "eval_input"}

# The rules whose result push_rule_result may simplify, fold or build differently; any other
# rule's result is a plain node.
_SPECIAL_RESULT_RULES = frozenset((
    "atom_paren", "testlist_comp", "testlist_comp_3c", "or_test", "and_test", "not_test_2",
    *LIST_FOLD_OPS, "shift_expr", "arith_expr", "term", "factor_2", "expr_stmt",
    "atom_expr_normal", "testlist_star_expr", "testlist", "subscriptlist",
))
for _rule in COMPILED_RULES.values():
    # the parse loop builds these rules' nodes itself
    _rule.plain_result = _rule.name not in _SPECIAL_RESULT_RULES


def _decode(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


class Parser(ConstantFolder):
    def __init__(self, source: bytes, filename: str, input_kind: str, small_int_bits: int,
                 opt_level: int, qstrs: QstrPool | None, tstrings: bool = True,
                 float_bits: int = 64):
        self.filename = filename
        self.input_kind = input_kind
        self.small_int_bits = small_int_bits
        # single-precision floats (32): literals parsed, constants folded in binary32
        self.float_round = float32.to_f32 if float_bits == 32 else None
        self.qstrs = qstrs if qstrs is not None else QstrPool()
        self.qstrs.intern(filename.encode("utf-8", "surrogateescape"))
        self.consts: dict[str, object] = {}
        self.ids: dict[bytes, Id] = {}  # one Id leaf per name (leaves are never changed)
        self.rule_stack: list[tuple] = []  # (compiled rule, next arg index, source line)
        self.results: list = []
        lex = Lexer(source, filename, opt_level, tstrings)
        # the whole source is lexed first; the parser walks these lists
        self.kinds, self.lines, self.texts = lex.kinds, lex.lines, lex.texts
        self.lex_error = lex.error
        if not self.kinds:  # the first token could not be lexed
            raise self._unicode_name_error()

    # -- errors ----------------------------------------------------------------------------

    def _error(self, exc_name: str, message: str, line: int) -> CompileError:
        return CompileError(exc_name, message, self.filename, line)

    def _unicode_name_error(self) -> CompileError:
        # the lexer raises this one without adding a traceback entry, so it has no line
        return CompileError("NotImplementedError", "unicode name escapes", self.filename, None)

    def _syntax_error(self, ti: int) -> CompileError:
        """The error for a parse that cannot go on at token ``ti``."""
        kind = self.kinds[ti]
        line = self.lines[ti]
        if kind == "INDENT":
            return self._error("IndentationError", "unexpected indent", line)
        if kind == "DEDENT_MISMATCH":
            return self._error("IndentationError",
                               "unindent doesn't match any outer indent level", line)
        if kind == "MALFORMED_FSTRING":
            return self._error("SyntaxError", "malformed f-string", line)
        return self._error("SyntaxError", "invalid syntax", line)

    # -- node helpers ----------------------------------------------------------------------

    # -- result stack ----------------------------------------------------------------------

    def peek(self, pos: int):
        return self.results[-1 - pos]

    def pop(self):
        return self.results.pop()

    def push_token(self, rule_name: str, ti: int) -> None:
        """Push the result of token ``ti``, taken by rule ``rule_name``."""
        kind = self.kinds[ti]
        if kind == "NAME":
            raw = self.texts[ti]
            pn = self.ids.get(raw)
            if pn is None:  # (interned when first met: interning again changes nothing)
                self.qstrs.intern(raw)
                pn = self.ids[raw] = Id(_decode(raw))
            if rule_name == "atom" and pn.name in self.consts:
                pn = self.const_object_optimised(self.lines[ti], self.consts[pn.name])
        elif kind == "INTEGER":
            try:
                value = parse_integer(self.texts[ti])
            except NumberSyntaxError as exc:
                raise self._error("SyntaxError", exc.args[0], self.lines[ti]) from None
            pn = self.const_object_optimised(self.lines[ti], value)
        elif kind == "FLOAT_OR_IMAG":
            try:
                value = parse_decimal(self.texts[ti]) if self.float_round is None \
                    else parse_decimal(self.texts[ti], float32.parse_float_prefix)
            except NumberSyntaxError as exc:
                raise self._error("SyntaxError", exc.args[0], self.lines[ti]) from None
            pn = Node("const_object", self.lines[ti], [value])
        elif kind == "STRING":
            raw = self.texts[ti]
            if len(raw) <= INTERN_STRING_MAX_LEN:
                self.qstrs.intern(raw)
                interned = True
            else:
                interned = self.qstrs.find(raw)
            if interned:
                pn = Str(_decode(raw))
            else:
                pn = Node("const_object", self.lines[ti], [_decode(raw)])
        elif kind == "BYTES":
            pn = Node("const_object", self.lines[ti], [self.texts[ti]])
        else:
            pn = Token(kind)
        self.results.append(pn)

    def push_rule_result(self, line: int, rule_name: str, num_args: int) -> None:
        """push_result_rule: build a node (or simplify/fold it away)."""
        if rule_name not in _SPECIAL_RESULT_RULES:
            results = self.results
            if num_args:
                args = results[-num_args:]
                del results[-num_args:]
            else:
                args = []
            results.append(Node(rule_name, line, args))
            return
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
        except IndexError:
            # moving on to the token the lexer could not lex: py/lexer.c raises there
            if self.lex_error is not None:
                raise self._unicode_name_error() from None
            raise

    def _run(self):
        tok_kinds, tok_lines = self.kinds, self.lines
        ti = 0
        tok = tok_kinds[0]
        rule_stack = self.rule_stack
        results = self.results
        push = rule_stack.append
        single_input = self.input_kind == "single"
        pop = rule_stack.pop
        push_token = self.push_token
        tok_texts, ids, consts = self.texts, self.ids, self.consts
        backtrack = False
        # A rule being entered is taken from `descend` rather than pushed and popped again.
        descend = COMPILED_RULES[TOP_LEVEL_RULES[self.input_kind]]

        while True:
            if descend is not None:
                # Entering a rule runs down to the rule that takes the current token, the same
                # way every time for that token kind: replay it (see descent).
                path = descend.descents.get(tok, UNKNOWN)
                if path is UNKNOWN:
                    path = descend.descents[tok] = descent(descend, tok)
                if path is not None:
                    taker, push_it, unwinds = path[1], path[3], path[4]
                    line = tok_lines[ti]
                    if push_it:
                        # (a name met before and no const() defined yet: push_token inline)
                        if tok == "NAME" and not consts:
                            pn = ids.get(tok_texts[ti])
                            if pn is None:
                                push_token(taker.name, ti)
                            else:
                                results.append(pn)
                        else:
                            push_token(taker.name, ti)
                    ti += 1
                    tok = tok_kinds[ti]
                    descend = None
                    # The rules entered on the way down that would just hand the token's result
                    # back up at the next token are not pushed at all (see unwind).
                    unwound = unwinds.get(tok)
                    if unwound is None:
                        unwound = unwinds[tok] = unwind(path, tok)
                    kept, nulls = unwound
                    if nulls:
                        token_result = results.pop() if push_it else None
                        results.extend((None,) * nulls)
                        if push_it:
                            results.append(token_result)
                    for frame_rule, frame_i in kept:
                        push((frame_rule, frame_i, line))
                    continue
                rule, i, rule_line = descend, 0, tok_lines[ti]
                descend = None
            elif rule_stack:
                rule, i, rule_line = pop()
                if i == 1 and not backtrack:
                    noop = rule.noop1.get(tok)
                    if noop is None:
                        noop = rule.noop1[tok] = resumes_as_noop(rule, tok)
                    if noop:
                        continue
            else:
                break
            act, n, kinds, whats = rule.act, rule.n, rule.kinds, rule.whats

            if act == OR:
                if i > 0 and not backtrack:
                    continue
                backtrack = True
                while i < n:
                    if kinds[i] == TOK:
                        if tok == whats[i]:
                            push_token(rule.name, ti)
                            ti += 1
                            tok = tok_kinds[ti]
                            backtrack = False
                            break
                    else:
                        child = whats[i]
                        starts = child.starts
                        if starts is None or tok in starts:
                            if i + 1 < n:
                                push((rule, i + 1, rule_line))
                            descend = child
                            backtrack = False
                            break
                    i += 1

            elif act == AND:
                if backtrack:
                    if kinds[i - 1] == OPT:
                        results.append(None)
                        backtrack = False
                    elif i > 1:
                        raise self._syntax_error(ti)
                    else:
                        continue
                descended = False
                while i < n:
                    if kinds[i] == TOK:
                        what = whats[i]
                        if tok == what:
                            if what == "NAME":
                                push_token(rule.name, ti)
                            ti += 1
                            tok = tok_kinds[ti]
                        elif i > 0:
                            raise self._syntax_error(ti)
                        else:
                            backtrack = True
                            descended = True
                            break
                    else:
                        child = whats[i]
                        starts = child.starts
                        if starts is None or tok in starts:
                            push((rule, i + 1, rule_line))
                            descend = child
                            descended = True
                            break
                        # the child would fail cleanly: handle it as parse.c does on return
                        if kinds[i] == OPT:
                            results.append(None)
                        elif i == 0:
                            backtrack = True
                            descended = True
                            break
                        else:
                            raise self._syntax_error(ti)
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
                    # its one result that is not null is handed on in place of a node
                    if count > 1:
                        parts = results[-count:]
                        del results[-count:]
                        for pn in parts:
                            if pn is not None:
                                break
                        results.append(pn)
                else:
                    if rule.add_blank:
                        results.append(None)
                        count += 1
                    if not rule.plain_result:
                        self.push_rule_result(rule_line, rule.name, count)
                    elif count:
                        args = results[-count:]
                        del results[-count:]
                        results.append(Node(rule.name, rule_line, args))
                    else:
                        results.append(Node(rule.name, rule_line, []))

            else:  # list
                had_trailing_sep = False
                if backtrack:
                    # (the list's failure handling: see where the list ends, below)
                    if i == 1:
                        continue  # nothing matched: propagate the backtrack
                    if n != 2 and i & 1:
                        if n != 3:
                            raise self._syntax_error(ti)
                        had_trailing_sep = True
                    backtrack = False
                else:
                    descended = False
                    while True:
                        j = i & 1 & n
                        if kinds[j] == TOK:
                            if tok == whats[j]:
                                if not j:
                                    push_token(rule.name, ti)
                                ti += 1
                                tok = tok_kinds[ti]
                                i += 1
                            else:
                                i += 1
                                if i == 1:
                                    backtrack = True
                                    descended = True
                                elif n != 2 and i & 1:
                                    if n != 3:
                                        raise self._syntax_error(ti)
                                    had_trailing_sep = True
                                break
                        else:
                            child = whats[j]
                            starts = child.starts
                            if starts is None or tok in starts:
                                push((rule, i + 1, rule_line))
                                descend = child
                                descended = True
                                break
                            # the child would fail cleanly: as a mismatched token
                            i += 1
                            if i == 1:
                                backtrack = True
                                descended = True
                            elif n != 2 and i & 1:
                                if n != 3:
                                    raise self._syntax_error(ti)
                                had_trailing_sep = True
                            break
                    if descended:
                        continue
                # A list ends when the next item or separator is missing: nothing matched
                # is a backtrack; a missing item after a separator ends it with a trailing
                # separator (an error unless that separator may trail).
                i -= 1
                if (n & 1) and kinds[1] == TOK:
                    i = (i + 1) // 2
                if i != 1 or had_trailing_sep:
                    if rule.plain_result:
                        args = results[-i:]
                        del results[-i:]
                        results.append(Node(rule.name, rule_line, args))
                    else:
                        self.push_rule_result(rule_line, rule.name, i)

        if tok != "END" or not results:
            raise self._syntax_error(ti)
        return results[0]


def parse(source: bytes | str, filename: str, input_kind: str = "file", *,
          small_int_bits: int = 31, opt_level: int = 0, source_name: str | None = None,
          qstrs: QstrPool | None = None, tstrings: bool = True, float_bits: int = 64):
    """Parse ``source`` into a parse tree exactly as mpy-cross 1.29 would.

    ``filename`` is the input path as given to mpy-cross: errors name it, and it is interned
    before parsing, like ``source_name`` (mpy-cross's ``-s``), which matters for whether a long
    string literal equal to either becomes a str leaf. ``input_kind`` is "file", "single" or
    "eval". ``small_int_bits`` is mpy-cross's ``-msmall-int-bits`` (ints outside that range
    become const objects), ``opt_level`` its ``-O`` level (``__debug__``). ``qstrs`` is the
    pool to use and extend (a fresh mpy-cross pool by default). ``tstrings`` False parses as a
    firmware built without t-strings does; ``float_bits`` 32 as a firmware with single-precision
    floats does (float literals and folded constants in binary32). Raises CompileError exactly as mpy-cross reports
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
                  tstrings, float_bits).run()
