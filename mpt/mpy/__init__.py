"""The .mpy format shared by compiler, disassembler and VM: opcodes, decoder, prelude, files."""
