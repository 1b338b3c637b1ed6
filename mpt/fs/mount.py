"""`mpt mount`: a host folder seen by the board at /remote, over the board's own serial line.

`Mount.start` sends the board helper (mount_board) over the raw REPL, mounts it, and puts a
MountServer in the connection's incoming byte stream, where it answers the board's requests
while any command runs (run, exec, repl...). A soft reset wipes the board's side; the next
code sent through the connection mounts it again first (and `mpt repl` does so as soon as the
board is back at its prompt).
"""

from __future__ import annotations

import logging
import os

from mpt.errors import InputFileError
from mpt.fs import mount_board
from mpt.fs.mount_server import MountServer

log = logging.getLogger(__name__)


class Mount:
    def __init__(self, transport, folder: str, *, unsafe_links: bool = False):
        if not os.path.isdir(folder):
            raise InputFileError(f"{folder}: not a folder")
        self.transport = transport
        self.folder = folder
        self.unsafe_links = unsafe_links
        self.server: MountServer | None = None

    @property
    def mount_point(self) -> str:
        return mount_board.MOUNT_POINT

    def start(self) -> None:
        transport = self.transport
        epoch = transport.eval("__import__('time').gmtime(0)[0]")
        server = self.server = MountServer(self.folder, transport.link.write,
                                           unsafe_links=self.unsafe_links,
                                           epoch_year=int(epoch))
        transport.link.intercept = server.feed
        self._send_helper(server)
        if self.remount_if_needed not in transport.before_code:
            transport.before_code.append(self.remount_if_needed)

    def _send_helper(self, server: MountServer) -> None:
        self.transport.exec(mount_board.BOARD_CODE + mount_board.MOUNT_CALL)
        server.soft_reboot_seen = False

    @property
    def needs_remount(self) -> bool:
        return self.server is not None and self.server.soft_reboot_seen

    def remount_if_needed(self) -> bool:
        """After a soft reset: mount the folder again (the board must be able to take code)."""
        server = self.server
        if server is None or not server.soft_reboot_seen:  # (needs_remount)
            return False
        log.info("mount: the board was soft-reset; mounting %s again", self.folder)
        if self.transport.link.intercept is not server.feed:
            self.transport.link.intercept = server.feed
        self._send_helper(server)
        return True

    def stop(self) -> None:
        transport = self.transport
        if self.remount_if_needed in transport.before_code:
            transport.before_code.remove(self.remount_if_needed)
        if self.server is not None:
            try:
                if not self.server.soft_reboot_seen:
                    transport.exec(mount_board.UNMOUNT_CALL)
            finally:
                if transport.link.intercept is self.server.feed:
                    transport.link.intercept = None
                self.server.close()
