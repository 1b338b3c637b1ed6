"""A pty playing a MicroPython board's friendly REPL: answers Ctrl-B with the banner."""

import os
import select
import threading
import tty


class BannerPort:
    def __init__(self, banner: bytes):
        self.banner = banner
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.port = os.ttyname(self.slave)
        self.received = bytearray()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        while not self._stop.is_set():
            if not select.select([self.master], [], [], 0.05)[0]:
                continue
            data = os.read(self.master, 256)
            self.received += data
            if b"\x02" in data:
                os.write(self.master, b"\r\n" + self.banner + b"\r\nType \"help()\" for more information.\r\n>>> ")

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(2)
        os.close(self.master)
        os.close(self.slave)
