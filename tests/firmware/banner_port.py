"""A pty playing a MicroPython board's friendly REPL: answers Ctrl-B with the banner."""

import os
import select

from tests.firmware.peers import PtyPeer


class BannerPort(PtyPeer):
    def __init__(self, banner: bytes):
        super().__init__()
        self.banner = banner
        self.received = bytearray()

    def _serve(self):
        while not self._stop.is_set():
            if not select.select([self.master], [], [], 0.05)[0]:
                continue
            data = os.read(self.master, 256)
            self.received += data
            if b"\x02" in data:
                os.write(self.master, b"\r\n" + self.banner + b"\r\nType \"help()\" for more information.\r\n>>> ")
