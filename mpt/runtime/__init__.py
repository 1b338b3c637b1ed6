"""The emulated board: .mpy loader, bytecode VM, builtin modules and virtual hardware."""
