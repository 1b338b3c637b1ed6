"""The language and library switches of one MicroPython firmware build.

A firmware's features follow from its ROM level (``MICROPY_CONFIG_ROM_LEVEL`` in
``py/mpconfig.h``: each switch is on from some level up) and the switches its port or board
sets on top (``ports/<port>/mpconfigport.h``, a variant's ``mpconfigvariant.h``). The rp2,
esp32 and stm32 ports and the unix port's standard variant are built at the "extra features"
level; the webassembly port's pyscript variant, the build mpt's recorded expected outputs come
from, at "full features" with weakref added. Only the switches mpt models are here; each names
its MicroPython macro.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

# MICROPY_CONFIG_ROM_LEVEL_* (py/mpconfig.h)
CORE_FEATURES, BASIC_FEATURES, EXTRA_FEATURES, FULL_FEATURES, EVERYTHING = 10, 20, 30, 40, 50


@dataclass(frozen=True)
class Features:
    build: str  # the firmware build these describe
    rom_level: int
    tstrings: bool  # MICROPY_PY_TSTRINGS: t'...' literals, __template__, string.templatelib
    weakref: bool  # MICROPY_PY_WEAKREF: the weakref module
    deflate_compress: bool  # MICROPY_PY_DEFLATE_COMPRESS: DeflateIO.write
    os_dupterm: int  # MICROPY_PY_OS_DUPTERM: os.dupterm's slots (0: no os.dupterm)
    os_dupterm_notify: bool  # MICROPY_PY_OS_DUPTERM_NOTIFY: os.dupterm_notify
    thread: bool  # MICROPY_PY_THREAD: the _thread module (the port's own setting, no level)
    # MICROPY_PY_CRYPTOLIB: the cryptolib module (default: MICROPY_PY_SSL, a port's setting)
    cryptolib: bool
    cryptolib_ctr: bool  # MICROPY_PY_CRYPTOLIB_CTR: aes mode 6 (off unless a build sets it)
    cryptolib_consts: bool  # MICROPY_PY_CRYPTOLIB_CONSTS: cryptolib.MODE_* (likewise)
    btree: bool  # MICROPY_PY_BTREE: the btree module (a port's make/cmake setting)
    # sys.stdin/stdout/stderr (and their .buffer) are POSIX files with fileno() (the unix
    # port's extmod/vfs_posix_file.c objects; a board's sys_stdio_mphal.c streams have none)
    stdio_fileno: bool
    sys_atexit: bool  # MICROPY_PY_SYS_ATEXIT: sys.atexit (unix: run when the program ends)
    sys_exc_info: bool  # MICROPY_PY_SYS_EXC_INFO: sys.exc_info
    # MICROPY_SCHEDULER_STATIC_NODES: micropython.schedule(micropython.kbd_intr, None) schedules
    # a KeyboardInterrupt (a port's setting; without it that call raises ValueError)
    scheduler_static_nodes: bool
    # the significand bits of the C long double py/formatfloat.c scales floats in (the
    # toolchain's, not a switch): 64 for x86-64's x87 extended, 113 for webassembly's quad
    long_double_bits: int
    # MICROPY_EMIT_<arch>: the firmware has the native emitter of its CPU (the board profile's
    # native_arch, as sys.implementation._mpy names it), which @micropython.native/viper need
    native_emitter: bool = False
    # MICROPY_FLOAT_IMPL: 64 for MICROPY_FLOAT_IMPL_DOUBLE (the unix and webassembly ports), 32
    # for MICROPY_FLOAT_IMPL_FLOAT (rp2, esp32, stm32: floats are IEEE binary32, computed, parsed
    # and printed in single precision; mpt.float32)
    float_bits: int = 64
    # MICROPY_EMIT_INLINE_<arch>: the firmware has the inline assembler of its CPU
    # (@micropython.asm_thumb on the ARM ports; the esp32 port builds none)
    inline_asm: bool = False
    # MICROPY_SCHEDULER_DEPTH: how many micropython.schedule() callbacks may wait (4 by
    # default; 8 on the rp2, esp32 and stm32 ports)
    scheduler_depth: int = 4
    # MICROPY_MEM_STATS: micropython.mem_total/mem_current/mem_peak, and mem_info() starts
    # with their line (a port's setting; the unix variants have it)
    mem_stats: bool = False
    # MICROPY_REPL_EMACS_WORDS_MOVE: the REPL's line editor moves by words (Alt-B, Alt-F) and
    # deletes them (Alt-D, Alt-Backspace); MICROPY_REPL_EMACS_EXTRA_WORDS_MOVE adds Ctrl-W,
    # Ctrl-Left and Ctrl-Right (shared/readline/readline.c)
    repl_words_move: bool = False
    repl_extra_words_move: bool = False

    @classmethod
    def at_level(cls, build: str, rom_level: int, **switches: bool | int) -> Features:
        """The defaults of ``rom_level`` as py/mpconfig.h gives them, then ``switches``."""
        values = {
            "tstrings": rom_level >= FULL_FEATURES,
            "weakref": rom_level >= EVERYTHING,
            "deflate_compress": rom_level >= FULL_FEATURES,
            "os_dupterm": 0,
            "os_dupterm_notify": False,
            "thread": False,
            "cryptolib": False,
            "cryptolib_ctr": False,
            "cryptolib_consts": False,
            "btree": False,
            "long_double_bits": 64,
            "stdio_fileno": False,
            "sys_atexit": False,
            "sys_exc_info": False,
            "scheduler_static_nodes": False,
            "native_emitter": False,
            "float_bits": 64,
            "inline_asm": False,
            "scheduler_depth": 4,
            "mem_stats": False,
            "repl_words_move": rom_level >= EVERYTHING,
            "repl_extra_words_move": rom_level >= EVERYTHING,
        }
        unknown = set(switches) - set(values)
        if unknown:
            raise ValueError(f"unknown feature switches: {sorted(unknown)}")
        values.update(switches)
        return cls(build=build, rom_level=rom_level, **values)  # type: ignore[arg-type]

    def has_module(self, name: str) -> bool:
        """False for the built-in modules this build leaves out."""
        switch = MODULE_SWITCHES.get(name)
        return switch is None or bool(getattr(self, switch))


# built-in modules that exist only with a switch on
MODULE_SWITCHES = {"weakref": "weakref", "string": "tstrings", "ustring": "tstrings",
                   "_thread": "thread", "cryptolib": "cryptolib",
                   "btree": "btree"}

# ports/webassembly/variants/pyscript/mpconfigvariant.h: the recorded expected outputs' build
WEBASSEMBLY_PYSCRIPT = Features.at_level("webassembly pyscript", FULL_FEATURES, weakref=True,
                                         long_double_bits=113)
# ports/unix/variants/standard/mpconfigvariant.h; ports/unix/mpconfigport.mk sets
# MICROPY_PY_SSL (so cryptolib, without CTR) and MICROPY_PY_BTREE
UNIX_STANDARD = Features.at_level("unix standard", EXTRA_FEATURES, thread=True, cryptolib=True,
                                  btree=True, native_emitter=True, stdio_fileno=True,
                                  sys_atexit=True, sys_exc_info=True, mem_stats=True,
                                  repl_words_move=True, repl_extra_words_move=True)
# the same built with single-precision floats, as MicroPython's CI builds its unix "float"
# variant (CFLAGS_EXTRA=-DMICROPY_FLOAT_IMPL=MICROPY_FLOAT_IMPL_FLOAT): the reference for the
# boards' floats
UNIX_FLOAT = dataclasses.replace(UNIX_STANDARD, build="unix float", float_bits=32)
# an interpreter made without a board (mpt.runtime.Interpreter): the recorded build's features
DEFAULT = WEBASSEMBLY_PYSCRIPT
