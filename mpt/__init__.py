"""mpt: a pure-Python toolchain for MicroPython."""

__version__ = "0.1.0"
