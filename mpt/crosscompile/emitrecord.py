"""A recording stand-in for the bytecode emitter, so that a scope's tree is walked once after
its SCOPE pass instead of once per pass.

After the SCOPE pass the compiler makes the same emit calls, with the same arguments, in the
STACK_SIZE, CODE_SIZE and every EMIT pass of a bytecode scope (only the SCOPE pass behaves
differently, and the emitter itself keeps everything that depends on the pass). So the
STACK_SIZE pass runs through an ``EmitRecorder``, which forwards each call to the emitter and
keeps it, and the later passes replay the kept calls on the emitter.
"""

from __future__ import annotations

from mpt.crosscompile.emitbc import Emitter, id_op_call


class EmitRecorder:
    """Forwards every public emit call to ``target`` and records it in ``calls``."""

    __slots__ = ("target", "calls")

    def __init__(self, target: Emitter):
        self.target = target
        self.calls: list[tuple] = []  # (unbound Emitter method, positional arguments)

    # the pass control is the pass driver's: forwarded, not recorded
    def start_pass(self, pass_: int, scope) -> None:
        self.target.start_pass(pass_, scope)

    def end_pass(self) -> bool:
        return self.target.end_pass()

    def id_op(self, scope, qst: str, which: str) -> None:
        # the name is looked up once: the call it resolves to is what is recorded
        method, args = id_op_call(scope, qst, which)
        self.calls.append((method, args))
        method(self.target, *args)


def replay(emit: Emitter, calls: list[tuple]) -> None:
    """Make the recorded calls again on ``emit``."""
    for method, args in calls:
        method(emit, *args)


def _recording(method):
    def record(self, *args):
        self.calls.append((method, args))
        method(self.target, *args)

    record.__name__ = method.__name__
    record.__doc__ = method.__doc__
    return record


_NOT_RECORDED = {"start_pass", "end_pass", "id_op"}
for _name, _method in vars(Emitter).items():
    if callable(_method) and not _name.startswith("_") and _name not in _NOT_RECORDED:
        setattr(EmitRecorder, _name, _recording(_method))
