"""The grammar prepared for the parser's loop (parser.py): each rule of grammar.py as a
``CompiledRule`` with its children resolved to objects, the tokens each rule can start with,
and the memoised ways down from a rule to the rule that takes a given token (``descent``) and
back up at the next token (``unwind``).

Built once, when the parser is first imported.
"""

from __future__ import annotations

from mpt.crosscompile.grammar import RULES

OR, AND, LIST = 0, 1, 2
TOK, RULE, OPT = 0, 1, 2


class CompiledRule:
    """A grammar rule prepared for the parse loop (child rules resolved to objects)."""

    __slots__ = ("name", "act", "n", "kinds", "whats", "allow_ident", "add_blank",
                 "num_pushed", "num_names", "rule_depths", "starts", "descents", "noop1",
                 "plain_result")  # (set by the parser: whether push_rule_result only makes a node)


def compile_rules() -> dict:
    table = {name: CompiledRule() for name in RULES}
    for name, rule in RULES.items():
        c = table[name]
        c.name = name
        c.act = {"or": OR, "and": AND, "list": LIST}[rule.act]
        c.n = rule.n
        c.kinds = tuple({"tok": TOK, "rule": RULE, "opt_rule": OPT}[k] for k, _ in rule.args)
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
        c.descents = {}  # token kind -> descent(c, kind), filled in as the parser meets them
        c.noop1 = {}  # token kind -> resumes_as_noop(c, kind), filled in likewise
    for c in table.values():
        c.starts = start_tokens(c, {})
    return table


def start_tokens(rule: CompiledRule, memo: dict):
    """The token kinds with which ``rule`` can do anything but fail cleanly (backtrack having
    consumed no token and left no result), or None if that is not known for every token.

    The parse loop skips a child rule whose start tokens do not include the current token:
    parse.c would push it, see it fail cleanly and carry on exactly as if it had been skipped.
    """
    if rule.name in memo:
        return memo[rule.name]
    memo[rule.name] = None  # guards against cycles (there are none through first positions)
    if rule.act == OR:
        starts = set()
        for kind, what in zip(rule.kinds, rule.whats):
            sub = {what} if kind == TOK else start_tokens(what, memo)
            if sub is None:
                starts = None
                break
            starts |= sub
    else:
        kind, what = rule.kinds[0], rule.whats[0]
        if kind == TOK:
            starts = {what}
        elif kind == RULE:
            starts = start_tokens(what, memo)
        else:
            starts = None  # a missing optional first part pushes a null and goes on
    result = None if starts is None else frozenset(starts)
    memo[rule.name] = result
    return result


UNKNOWN = object()


def descent(rule: CompiledRule, tok: str):
    """What the parse loop does on entering ``rule`` with a ``tok`` token, up to taking that
    token, when it gets there without a failure: (the frames it pushes, in order, as (rule,
    index, nulls) where nulls counts the nulls that rule pushed for skipped optional parts,
    the rule that takes the token, the token's index in it, whether the token is pushed as a
    result, a dict for unwind). The taker comes last in the frames, resuming after the token
    (or as None if it is an "or" rule, which is then done). None when the way down fails or
    backtracks: the loop then takes it step by step. Only the token kind decides any of this,
    so it is worked out once per (rule, kind).
    """
    frames = []
    while True:
        kinds, whats, n = rule.kinds, rule.whats, rule.n
        child = None
        if rule.act == OR:
            for i in range(n):
                if kinds[i] == TOK:
                    if whats[i] == tok:
                        frames.append(None)
                        return tuple(frames), rule, i, True, {}
                elif whats[i].starts is None or tok in whats[i].starts:
                    if i + 1 < n:
                        frames.append((rule, i + 1, 0))
                    child = whats[i]
                    break
        elif rule.act == AND:
            nulls = 0
            for i in range(n):
                if kinds[i] == TOK:
                    if whats[i] != tok:
                        return None  # a backtrack or a syntax error
                    frames.append((rule, i + 1, nulls))
                    return tuple(frames), rule, i, whats[i] == "NAME", {}
                what = whats[i]
                if what.starts is None or tok in what.starts:
                    frames.append((rule, i + 1, nulls))
                    child = what
                    break
                if kinds[i] != OPT:
                    return None
                nulls += 1
            else:
                return None  # every part optional and absent: the rule completes here
        else:  # list: its first item
            if kinds[0] == TOK:
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


def fails_cleanly(what, tok: str) -> bool:
    """Whether a child rule is skipped for a ``tok`` token (see start_tokens)."""
    return what.starts is not None and tok not in what.starts


def rest_hands_on(rule: CompiledRule, i: int, tok: str) -> bool:
    """Whether ``rule``, resumed at part i with one non-null result of its own so far, ends
    by handing that result on unchanged when the token is ``tok``."""
    if rule.act == OR:
        return True  # it is done: the next alternative is only a fallback
    if rule.act == AND:
        # all remaining parts optional and skipped, then the lone result passes through
        return (rule.allow_ident and rule.name != "expr_stmt"
                and all(rule.kinds[k] == OPT and fails_cleanly(rule.whats[k], tok)
                        for k in range(i, rule.n)))
    # a list with one item: it ends there, without a node, unless the next part matches
    if i != 1:
        return False
    j = 0 if rule.n == 2 else 1  # the next part: another item, or a separator
    part_kind, part = rule.kinds[j], rule.whats[j]
    if part_kind == TOK:
        return part != tok
    return fails_cleanly(part, tok)


def resumes_as_noop(rule: CompiledRule, tok: str) -> bool:
    """Whether the parse loop, popping a frame of ``rule`` resumed at part 1 with a ``tok``
    token next and no backtrack, changes nothing: it hands the one result of its first part
    on as its own (as the chains of one-operand expression rules do at the end of an
    expression), or it is an "or" rule, done. The loop then goes straight to the next frame."""
    if rule.act == AND:
        kind = rule.kinds[0]
        # its first part left exactly one result that is not null: a rule's, or a name's
        if kind == OPT or (kind == TOK and rule.whats[0] != "NAME"):
            return False
    return rest_hands_on(rule, 1, tok)


def unwind(path, tok: str):
    """For a descent path that took its token, the next token being ``tok``: (the frames to
    push, as (rule, index), the nulls to push under the token's result). A rule on the way
    down that would hand the taken token's result up unchanged (dropping its own nulls) is
    left out, with every rule inside it: popping them would change nothing."""
    frames, _, _, push_it, _ = path
    keep = len(frames)
    if push_it:  # a null result is never handed on like this
        while keep and (frames[keep - 1] is None
                        or rest_hands_on(frames[keep - 1][0], frames[keep - 1][1], tok)):
            keep -= 1
    # An "or" frame only matters if the alternative it was pushed for backtracks, which
    # cannot happen once a token has been taken under it (a rule that took a token and then
    # fails is a syntax error): popping it would only go on to the next frame.
    kept = tuple((rule, i) for rule, i, _ in (f for f in frames[:keep] if f is not None)
                 if rule.act != OR)
    nulls = sum(f[2] for f in frames[:keep] if f is not None)
    return kept, nulls


COMPILED_RULES = compile_rules()
