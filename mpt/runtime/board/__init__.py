"""The emulated board: profiles, clock, flash folder, pins and peripherals, trace output.

Everything here is plain host-side Python; the guest modules (machine, time, os, network)
in ``mpt/runtime/modules`` expose it to code running in the VM.
"""
