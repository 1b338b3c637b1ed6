"""Builds the guest modules the way the VM does, with host calls standing in for guest ones."""

from mpt.runtime.board.board import Board
from mpt.runtime.vm.native import RuntimeContext, build_module_attrs
import mpt.runtime.board  # noqa: F401  (registers the guest modules)


class DirectInterpreter:
    def __init__(self):
        self.stdout = []

    def write_stdout(self, text):
        self.stdout.append(text)

    def call_guest(self, fn, *args, **kwargs):
        return fn(*args, **kwargs)

    def format_exception(self, exc):
        return "Traceback (most recent call last):\n%s: %s\n" % (type(exc).__name__, exc)


class Guest:
    """Namespace-like access to guest modules: guest.machine.Pin(...)."""

    def __init__(self, board_name="rp2", tmp_path=None, virtual_time=True, **board_options):
        self.board = Board(board_name, flash_dir=tmp_path / "flash", virtual_time=virtual_time,
                           **board_options)
        self.interpreter = DirectInterpreter()
        self.ctx = RuntimeContext(self.interpreter, vfs=self.board.flash, board=self.board,
                                  clock=self.board.clock)
        self._modules = {}

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._modules:
            attrs, _ = build_module_attrs(name, self.ctx)
            self._modules[name] = type(name, (), {k: staticmethod(v) if callable(v)
                                                  and not isinstance(v, type) else v
                                                  for k, v in attrs.items()})
        return self._modules[name]
