# asyncio for mpt's emulated board (guest code, MicroPython-compatible).
# MicroPython loads funcs/event/lock/stream lazily through a module __getattr__; here they
# are imported up front, which gives the same names.

from .core import *
from .funcs import wait_for, wait_for_ms, gather
from .event import Event, ThreadSafeFlag
from .lock import Lock
from .stream import StreamReader, StreamWriter, open_connection, start_server

__version__ = (3, 0, 0)
