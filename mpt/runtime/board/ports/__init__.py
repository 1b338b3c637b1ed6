"""One class per MicroPython port: its constants and the ways its firmware differs.

Guest modules never test which port they run on; they ask the board's :class:`Port`
(``profile.port``) for a value or call its method, the way MicroPython keeps each port's
differences in ports/<port>/machine_*.c.
"""

from __future__ import annotations

from mpt.runtime.board.ports.base import Port
from mpt.runtime.board.ports.esp32 import Esp32Port
from mpt.runtime.board.ports.rp2 import Rp2Port
from mpt.runtime.board.ports.stm32 import Stm32Port
from mpt.runtime.board.ports.unix import UnixPort

__all__ = ["Port", "Esp32Port", "Rp2Port", "Stm32Port", "UnixPort"]
