"""The emulated board: .mpy loader, bytecode VM, guest modules and virtual hardware.

Three packages, dependencies pointing one way (board -> library -> vm -> mpt.mpy):
``vm`` runs bytecode, ``library`` holds MicroPython's guest modules, ``board`` the emulated
hardware, its port modules, the device REPL and the run/emulate session. The VM learns of
the layers above by registration: importing ``library`` or ``board`` registers their modules.

``mpt.runtime.Interpreter`` is the Python API (mpt.runtime.board.api): the run path of
`mpt run`, with both registered.
"""


def __getattr__(name: str):
    # lazy: importing mpt.runtime.vm (whose parent this is) must not load the board
    if name == "Interpreter":
        from mpt.runtime.board.api import Interpreter  # the board registers its modules
        return Interpreter
    raise AttributeError(f"module 'mpt.runtime' has no attribute {name!r}")
