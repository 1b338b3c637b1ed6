"""Native code emission (``mpy-cross -march=...``): one emitter over small per-architecture back ends.

``emitter.NativeEmitter`` follows the compiler's emit calls like the bytecode emitter does, tracking
the Python stack (and viper types) and producing machine code through an assembler object. Each
architecture module (``x64``, ...) provides that assembler: its registers, calling convention,
instruction encoders and the generic operations the emitter asks for.
"""
