"""The guest library: MicroPython's board-independent modules (sys, json, re, asyncio, select, ...).

It exists to keep MicroPython's standard modules apart from both the VM that runs them and
the board whose hardware they never touch; each module is a factory registered with the VM.
"""
