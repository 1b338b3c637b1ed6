"""The emulated board: .mpy loader, bytecode VM, builtin modules and virtual hardware.

Three packages, dependencies pointing one way (board -> library -> vm -> mpt.mpy):
``vm`` runs bytecode, ``library`` holds MicroPython's guest modules, ``board`` the emulated
hardware, its port modules, the device REPL and the run/emulate session.
"""
