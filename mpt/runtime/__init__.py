"""The emulated board: .mpy loader, bytecode VM, guest modules and virtual hardware.

Three packages, dependencies pointing one way (board -> library -> vm -> mpt.mpy):
``vm`` runs bytecode, ``library`` holds MicroPython's guest modules, ``board`` the emulated
hardware, its port modules, the device REPL and the run/emulate session. The VM learns of
the layers above by registration: importing ``library`` or ``board`` registers their modules.

``mpt.runtime.Interpreter`` is the VM's interpreter with both registered.
"""


def __getattr__(name: str):
    # lazy: importing mpt.runtime.vm (whose parent this is) must not load the board
    if name == "Interpreter":
        import mpt.runtime.board  # noqa: F401 - registers the library's and board's modules
        from mpt.runtime.vm.interpreter import Interpreter
        return Interpreter
    raise AttributeError(f"module 'mpt.runtime' has no attribute {name!r}")
