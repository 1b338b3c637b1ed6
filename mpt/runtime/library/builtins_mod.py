"""The guest's `builtins` module: a view of the interpreter's builtins."""

from __future__ import annotations


def make_module(ctx):
    return dict(ctx.interpreter.runtime.builtins)
