"""Talking to boards: the raw REPL protocol over serial ports and the emulated board."""
