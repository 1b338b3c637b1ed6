"""The VM core: runs MicroPython bytecode (loader, translator, objects, exceptions, imports).

It exists so that executing a .mpy has one home that knows nothing of boards or guest modules:
modules, frozen code and the file system reach it through registration (native.py).
"""
