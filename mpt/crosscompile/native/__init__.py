"""Native code emission (``mpy-cross -march=...``): one emitter over per-architecture back ends.

``emitter.NativeEmitter`` follows the compiler's emit calls like the bytecode emitter does,
tracking the Python stack (and viper types) and producing machine code through an assembler
object; its methods are mixins with one concern each (``layout``, ``vstack``, ``entry``,
``names``, ``subscr``, ``flow``, ``operators``, ``calls``; the viper types in ``vtypes``).
Each architecture module (``x64``, ``x86``, ``thumb``, ``arm``, ``xtensa``, ``rv32``) provides
that assembler: registers, calling convention, instruction encoders and the generic operations
the emitter asks for. ``archs`` lists what -march accepts; ``hooks`` is where the
compiler hands over; ``inline_asm`` with ``inline_thumb``/``inline_xtensa``/``inline_rv32``
assembles ``@micropython.asm_*`` functions.
"""
