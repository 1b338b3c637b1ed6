"""The grammar tables (mpt.crosscompile.grammar) against MicroPython's own py/grammar.h,
read from the reference source checkout (with mpy-cross's feature choices)."""

from __future__ import annotations

import re


from reference_tools import needs_micropython_source, source_path

from mpt.crosscompile.grammar import RULE_TABLE, RULES

GRAMMAR_H = source_path("py", "grammar.h")
ACT_KINDS = {"or", "and", "and_ident", "and_blank", "one_or_more", "list", "list_with_end"}


def reference_rules():
    """(name, compile kind, act, n, args) for each rule grammar.h defines in mpy-cross's build
    (every optional feature the grammar tests for is enabled there)."""
    enabled = []
    rules = []
    for raw in GRAMMAR_H.read_text().splitlines():
        line = raw.strip()
        if line.startswith("#if"):
            enabled.append(True)
        elif line.startswith("#else"):
            enabled[-1] = False
        elif line.startswith("#endif"):
            enabled.pop()
        elif line.startswith("DEF_RULE") and all(enabled):
            m = re.match(r"DEF_RULE(_NC)?\((\w+), (?:c\((\w+)\), )?(\w+)(?:\((\d+)\))?, (.*)\)$",
                         line)
            nc, name, compile_kind, act, n, args = m.groups()
            parts = tuple(re.findall(r"(tok|rule|opt_rule)\((\w+)\)", args))
            rules.append((name, compile_kind, act, int(n) if n else None, parts))
    return rules


@needs_micropython_source
def test_rules_match_grammar_h_in_order():
    ref = reference_rules()
    assert [r[0] for r in ref] == [entry[0] for entry in RULE_TABLE]
    for name, compile_kind, act, n, parts in ref:
        ours = next(entry for entry in RULE_TABLE if entry[0] == name)
        assert ours[1] == compile_kind, name
        assert ours[2] == act, name
        assert tuple(ours[3]) == parts, name
        if n is not None:
            assert RULES[name].n == n, name


def test_every_referenced_rule_exists_and_acts_are_known():
    for name, _, act, args in RULE_TABLE:
        assert act in ACT_KINDS, name
        for kind, what in args:
            assert kind in ("tok", "rule", "opt_rule")
            if kind != "tok":
                assert what in RULES, (name, what)
