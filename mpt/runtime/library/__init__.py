"""The guest library: MicroPython's board-independent modules (sys, json, re, asyncio, select, ...).

It exists to keep MicroPython's standard modules apart from both the VM that runs them and
the board whose hardware they never touch. Importing this package registers them with the VM
(mpt.runtime.vm.native): the native modules, the ``open`` and ``help`` builtins, the frozen
packages (asyncio) and the guest's file system (the mount table of os.mount()).
"""

import mpt.runtime.library.frozen  # noqa: F401 - registers the frozen packages
from mpt.runtime.library.mounts import MountTable as _MountTable
from mpt.runtime.library.iobase_stream import print_writer as _print_writer
from mpt.runtime.vm.native import (register_builtin, register_file_system, register_lazy,
                                    register_stream_writer)


def register_library_modules() -> None:
    # the factories are named, not imported: a module's code loads when a guest imports it
    for name in ("sys", "micropython", "gc", "io", "struct", "json", "binascii", "hashlib",
                 "random", "math", "cmath", "collections", "errno", "re", "heapq", "array",
                 "builtins", "weakref", "string", "deflate", "vfs", "framebuf", "uctypes",
                 "cryptolib", "btree"):
        register_lazy(name, f"mpt.runtime.library.{name}_mod:make_module")
    register_lazy("_thread", "mpt.runtime.library.thread_mod:make_module")
    register_lazy("ustring", "mpt.runtime.library.string_mod:make_module")  # extensible: u-alias
    register_lazy("os", "mpt.runtime.library.os:make_module")
    register_lazy("uos", "mpt.runtime.library.os:make_module")
    # asyncio and uasyncio are not native: they are frozen Python packages, as in
    # MicroPython's firmware (frozen/; their _asyncio and select modules are registered there)
    register_builtin("open", "mpt.runtime.library.files:make_open")
    register_builtin("help", "mpt.runtime.library.help_mod:make_help")
    register_file_system(_MountTable.with_root)
    register_stream_writer(_print_writer)


register_library_modules()
