"""The binary transfer mode: file bytes cross the console raw, with a few bytes escaped.

Once the board-side helper (snippets.HELPERS "go", "rx", "tx") runs, it turns the console's
Ctrl-C off (``micropython.kbd_intr(-1)``, restored in a ``finally``), reads
``sys.stdin.buffer`` and writes ``sys.stdout.buffer``: both take and give bytes unchanged on MicroPython
(shared/runtime/sys_stdio_mphal.c: the text streams turn ``\\r`` into ``\\n`` and cook
``\\n``; the buffers do neither). What is left to protect:

* host -> board: Ctrl-C (0x03), the one byte every port's console receiver acts on by itself
  (the interrupt character: shared/tinyusb/mp_usbd_cdc.c, stm32 usbd_cdc_interface.c, esp32
  uart.c and usb_serial_jtag.c, rp2 uart.c), and the bytes the raw REPL acts on
  (shared/runtime/pyexec.c): Ctrl-A (banner, line reset), Ctrl-B (leave for the friendly
  REPL), Ctrl-C (clear the line), Ctrl-D (run the line, or soft-reset on an empty one).
  Ctrl-E starts raw-paste only as Ctrl-E 'A' Ctrl-A, so it needs no escape. Should the helper
  die with a frame on its way (the bytes then reach the raw REPL), they are only line
  characters, which the next command's Ctrl-C clears;
* board -> host: Ctrl-D (0x04), the end of the code's output for the host's raw-REPL reader
  (a bare 0x04 means the helper has ended, e.g. with an error), and CAN (0x18), the request
  marker of `mpt mount`, which reads the same stream;
* the escape byte itself, DLE (0x10), in both directions.

An escaped byte travels as DLE, byte + 0x40 (``\\x10C`` for 0x03, ``\\x10P`` for 0x10).

Conversation (after the raw REPL has started the helper):

    board  READY (SYN ACK, then a probe of bytes a text-mode link would change)
    host   GO (b"MPT" ACK), or NO when the probe came back changed
    board  ACK: it reads the stream (NAK: it cannot, e.g. its stdin never blocks)
    upload:   host  frame; board ACK once the frame is written; ... ; empty frame; ACK
    download: board SYN + size (8 hex digits), frames, empty frame; its SHA-256 as a line
    frame:  SYN + escaped length (4 hex digits) + escaped bytes; the board's frames carry a
            fixed number of file bytes, the host's at most a fixed number of escaped bytes
            (the board's buffer)

Flow control: an upload keeps one frame in flight. The board receives only while it sits in
``readinto`` (draining its receive buffer as fast as the bytes come), and the next frame waits
for the acknowledgement that the previous one is on flash, so no board, however small its
UART buffer or slow its flash, is sent bytes it is not reading. Downloads need none: the host
always reads faster than a board writes, and USB or TCP back-pressure holds the board.

Stopping early: an upload is abandoned by sending zero bytes, enough to finish any frame
the board was reading; the board then finds no SYN where a frame must start and raises. A
download is abandoned by sending CAN, which the board checks for after each frame. A host
that goes silent is given up on after a while longer than the host itself waits (the helper
raises ETIMEDOUT); in every case the helper turns Ctrl-C back on as it ends.
"""

from __future__ import annotations

from typing import Callable

from mpt.errors import DeviceError
from mpt.transport.rawrepl import CodeEnded

ESC = 0x10
TO_BOARD = bytes([0x01, 0x02, 0x03, 0x04])  # escaped on the way to the board (besides ESC)
FROM_BOARD = bytes([0x04, 0x18])  # escaped on the way to the host (besides ESC)

SYN, ACK, NAK, CAN = b"\x16", b"\x06", b"\x15", b"\x18"
CLEAN_PROBE = b"\r\n\x00\xff\n"
READY = SYN + ACK + CLEAN_PROBE
GO, NO = b"MPT" + ACK, b"MPT" + NAK
HEADER = 5  # SYN + 4 hex digits
END = SYN + b"0000"

OnProgress = Callable[[int, int], None]


class NotBinaryClean(Exception):
    """The board or the line cannot carry raw bytes: use the text encodings instead."""


def escape(data: bytes, special: bytes) -> bytes:
    out = data.replace(bytes([ESC]), bytes([ESC, ESC + 0x40]))
    for byte in special:
        out = out.replace(bytes([byte]), bytes([ESC, byte + 0x40]))
    return out


def unescape(data: bytes, special: bytes) -> bytes:
    if ESC not in data:
        return data
    for byte in special:
        data = data.replace(bytes([ESC, byte + 0x40]), bytes([byte]))
    # last: an escaped DLE must not pair with the byte after it
    return data.replace(bytes([ESC, ESC + 0x40]), bytes([ESC]))


def frame(data: bytes) -> bytes:
    """`data` as one frame to the board."""
    body = escape(data, TO_BOARD)
    return SYN + b"%04x" % len(body) + body


def frames(data: bytes, limit: int):
    """`data` as frames to the board, (frame, bytes of `data` it carries): bodies of at most
    `limit` escaped bytes (the board's buffer), never cut inside an escape pair."""
    body = escape(data, TO_BOARD)
    offset = 0
    while offset < len(body):
        end = min(offset + limit, len(body))
        if end < len(body) and body[end - 1] == ESC:  # (DLE only ever starts a pair)
            end -= 1
        piece = body[offset:end]
        yield SYN + b"%04x" % len(piece) + piece, len(piece) - piece.count(ESC)
        offset = end


def _byte(link, timeout: float, what: str) -> bytes:
    byte = link.read_exactly(1, timeout, what=what)
    if byte == b"\x04":
        raise CodeEnded()
    return byte


def _handshake(link, timeout: float) -> None:
    """Agree on the binary mode with the helper; NotBinaryClean when it cannot be had.

    Stopped before GO is on its way (Ctrl-C, a timeout), it answers NO, so the helper ends
    as it does on a line that cannot carry raw bytes; after that the caller stops it."""
    try:
        first = _byte(link, timeout, "with the transfer helper's greeting")
        rest = link.read_exactly(len(READY) - 1, timeout,
                                 what="with the transfer helper's greeting")
    except CodeEnded:
        raise
    except BaseException:
        try:
            link.write(NO)
        except Exception:  # noqa: BLE001 - the connection may be gone: report the cause
            pass
        raise
    if first + rest != READY:
        link.write(NO)  # (the rest of the board's output is read as it ends)
        raise NotBinaryClean(f"the line changed the probe bytes: {first + rest!r}")
    link.write(GO)
    answer = _byte(link, timeout, "to the transfer greeting")
    if answer != ACK:
        raise NotBinaryClean(f"the board cannot read raw bytes (answered {answer!r})")


class Upload:
    """The host's side of an upload conversation (a `talk` for Transport.converse)."""

    def __init__(self, data: bytes, frame_size: int, timeout: float,
                 on_progress: OnProgress | None = None):
        self.data = data
        self.frame_size = frame_size
        self.timeout = timeout
        self.on_progress = on_progress

    def __call__(self, link) -> bool:
        """True when the data went over; False when the board cannot do binary transfers."""
        data = self.data
        total = len(data)
        writing = False
        try:
            try:
                _handshake(link, self.timeout)
            except NotBinaryClean:
                return False
            if self.on_progress is not None:
                self.on_progress(0, total)
            done = 0
            for piece, carried in frames(data, self.frame_size):
                writing = True
                link.write(piece)
                writing = False
                self._acknowledged(link)
                done += carried
                if self.on_progress is not None:
                    self.on_progress(done, total)
            link.write(END)
            self._acknowledged(link)
        except CodeEnded:
            raise
        except BaseException:
            # Zero bytes finish a frame the board may be reading (its length unknown if the
            # write itself was cut short), then stand where a SYN must be: the helper raises.
            try:
                link.write(bytes(HEADER + (self.frame_size if writing else 0)))
            except Exception:  # noqa: BLE001 - the connection may be gone: report the cause
                pass
            raise
        return True

    def _acknowledged(self, link) -> None:
        answer = _byte(link, self.timeout, "to a transfer frame")
        if answer != ACK:
            raise DeviceError(f"unexpected answer {answer!r} to a transfer frame")


class Download:
    """The host's side of a download conversation: the file's bytes, or None when the board
    cannot do binary transfers."""

    def __init__(self, timeout: float, on_progress: OnProgress | None = None):
        self.timeout = timeout
        self.on_progress = on_progress

    def __call__(self, link) -> bytes | None:
        try:
            _handshake(link, self.timeout)
        except NotBinaryClean:
            return None
        try:
            return self._receive(link)
        except CodeEnded:
            raise
        except BaseException:
            try:
                link.write(CAN)
            except Exception:  # noqa: BLE001 - the connection may be gone: report the cause
                pass
            raise

    def _receive(self, link) -> bytes:
        timeout = self.timeout
        size = int(self._header(link, 8), 16)
        received = bytearray()
        if self.on_progress is not None:
            self.on_progress(0, size)
        while True:
            length = int(self._header(link, 4), 16)
            if not length:
                break
            body = link.read_exactly(length, timeout, what="with a transfer frame")
            received += unescape(body, FROM_BOARD)
            if self.on_progress is not None:
                self.on_progress(min(len(received), size), size)
        if len(received) != size:
            raise DeviceError(f"received {len(received)} bytes, expected {size}")
        return bytes(received)

    def _header(self, link, digits: int) -> bytes:
        sync = _byte(link, self.timeout, "with a transfer frame")
        text = link.read_exactly(digits, self.timeout, what="with a transfer frame")
        if sync != SYN or not all(c in b"0123456789abcdef" for c in text):
            raise DeviceError(f"garbled transfer frame header {sync + text!r}")
        return text
