"""`machine.bootloader()` over the raw REPL, using mpt's transport against a pty playing the board."""

import os
import select

from mpt.firmware.bootloader_entry import repl_bootloader
from tests.firmware.peers import PtyPeer


class RawReplBoard(PtyPeer):
    """Answers the raw REPL handshake like MicroPython and records the code it is sent."""

    def __init__(self):
        super().__init__()
        self.received = bytearray()
        self.code = None

    def _serve(self):
        pending = bytearray()
        raw = False
        while not self._stop.is_set() and self.code is None:
            if not select.select([self.master], [], [], 0.05)[0]:
                continue
            data = os.read(self.master, 4096)
            self.received += data
            for byte in data:
                if not raw:
                    if byte == 0x01:
                        raw = True
                        os.write(self.master, b"raw REPL; CTRL-B to exit\r\n>")
                    continue
                if byte == 0x03:                          # Ctrl-C clears the line
                    pending.clear()
                    continue
                pending.append(byte)
                if pending == b"\x05A\x01":
                    os.write(self.master, b"R\x00>")      # no raw-paste: plain raw mode, new prompt
                    pending.clear()
                elif byte == 0x04:
                    self.code = bytes(pending[:-1])
                    os.write(self.master, b"OK")          # then it resets into the bootloader
                    break


def test_repl_bootloader_runs_machine_bootloader():
    with RawReplBoard() as board:
        repl_bootloader(board.port)
        board._thread.join(2)
    assert board.code == b"import machine\nmachine.bootloader()\n"
