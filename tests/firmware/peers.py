"""Stand-in devices that answer from a background thread, optionally on a raw pseudo-terminal."""

import os
import threading
import tty


class BackgroundPeer:
    """Runs ``self._serve()`` in a daemon thread between ``__enter__`` and ``__exit__``;
    ``_serve`` loops until ``self._stop`` is set."""

    def __init__(self):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self):
        raise NotImplementedError

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(2)


class PtyPeer(BackgroundPeer):
    """A BackgroundPeer on a raw pty: the device side is ``self.master``; ``self.port`` is the
    path a host opens."""

    def __init__(self):
        super().__init__()
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        self.port = os.ttyname(self.slave)

    def __exit__(self, *exc):
        super().__exit__(*exc)
        os.close(self.master)
        os.close(self.slave)
