# The old name of asyncio, kept by MicroPython for existing programs.

from asyncio import *
from asyncio import __version__
