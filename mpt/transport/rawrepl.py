"""The host side of MicroPython's raw REPL and raw-paste protocol, over a `Link`.

Bytes as real firmware speaks them (shared/runtime/pyexec.c):
  enter raw REPL   host `\\r\\x01`          board `raw REPL; CTRL-B to exit\\r\\n>`
  run (plain)      host code + `\\x04`      board `OK` stdout `\\x04` stderr `\\x04` `>`
  run (raw-paste)  host `\\x05A\\x01`        board `R\\x01` + window (u16 LE) + `\\x01`
                   host code, at most the window, then one more window per `\\x01` received,
                   then `\\x04`; board `\\x04` (end of input seen), stdout `\\x04` stderr `\\x04` `>`
                   (`R\\x00`: understood but unsupported; anything else: old firmware)
  soft reset       host `\\x04` on an empty raw line   board `OK\\r\\nMPY: soft reboot\\r\\n`...
  leave            host `\\r\\x02`          board friendly banner / prompt
"""

from __future__ import annotations

import logging
import struct
import time
from typing import Callable, TypeVar

from mpt.errors import BoardTimeout, ConnectionFailed, DeviceError, RemoteException
from mpt.transport.link import Link, board_text

log = logging.getLogger("mpt.transport")

T = TypeVar("T")

CTRL_A, CTRL_B, CTRL_C, CTRL_D, CTRL_E = b"\x01", b"\x02", b"\x03", b"\x04", b"\x05"
RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n"
SOFT_REBOOT = b"soft reboot\r\n"

# Plain raw mode has no flow control: a board with a small UART buffer needs time to take
# the bytes in. Only used on firmware without raw-paste.
PLAIN_CHUNK = 256
PLAIN_CHUNK_PAUSE = 0.01

OnOutput = Callable[[bytes], None]
Talk = Callable[[Link], T]


class CodeEnded(Exception):
    """Raised by a `converse` talker that read a bare Ctrl-D: the board's code has ended (its
    stdout is over) before the conversation was."""


class RawRepl:
    """Runs code on a board through its raw REPL; owns the protocol state of one connection."""

    def __init__(self, link: Link, *, answer_timeout: float = 5.0, enter_timeout: float = 10.0,
                 raw_paste: bool | None = None, boot_timeout: float = 60.0):
        self.link = link
        # Waits for a protocol answer end after `answer_timeout` of silence, and after that
        # long at most even if the board keeps talking (a program that catches Ctrl-C and
        # prints on, noise on the line); boot.py's output after a soft reset may take up to
        # `boot_timeout`. Only a program's own output is waited for as long as it runs.
        self.answer_timeout = answer_timeout
        self.enter_timeout = enter_timeout
        self.boot_timeout = boot_timeout
        # None: not probed yet; True/False: what this board answered.
        self.raw_paste = raw_paste
        self._paste_answered = False  # this board has answered a raw-paste request
        self.in_raw_repl = False
        self._at_prompt = False
        self.paste_window = 0

    # -- entering and leaving ----------------------------------------------------------------

    def enter(self, *, soft_reset: bool = False) -> bytes:
        """Put the board in the raw REPL, interrupting whatever it runs.

        Returns what the board printed on the way (e.g. boot.py output after a soft reset).
        A board that is busy (slow boot.py, a program printing forever) gets Ctrl-C again and
        the request is repeated until `enter_timeout` passes.
        """
        link = self.link
        log.info("%s: entering the raw REPL", link.name)
        start = time.monotonic()
        # Two Ctrl-C: a program may catch the first KeyboardInterrupt.
        link.write(b"\r" + CTRL_C + CTRL_C)
        # Let the answers to the interrupts (and anything an earlier connection left unread,
        # such as a raw REPL banner) arrive and go, so the banner matched below is the answer
        # to this request.
        link.drain(quiet=0.03, limit=0.5)
        link.write(b"\r" + CTRL_A)
        requests = 1
        seen = bytearray()
        retry_every = 1.0
        while True:
            remaining = self.enter_timeout - (time.monotonic() - start)
            if remaining <= 0:
                raise ConnectionFailed(
                    f"could not enter the raw REPL of {link.name} within {self.enter_timeout:g} s "
                    f"(received {board_text(seen, 120)}); is a MicroPython board on this port?")
            try:
                link.read_until(RAW_BANNER + b">", min(retry_every, remaining),
                                overall=min(retry_every, remaining))
                break
            except BoardTimeout as exc:
                seen = (seen + exc.received)[-200:]
                link.drain(quiet=0.0, limit=0.0)
                # Still busy, or the request was lost in output: interrupt and ask again.
                link.write(CTRL_C + b"\r" + CTRL_A)
                requests += 1
        if requests > 1:
            # Later requests may each answer with a banner: let them arrive and discard them.
            link.drain(quiet=0.2, limit=2.0)
        self.in_raw_repl = True
        self._at_prompt = True
        output = b""
        if soft_reset:
            output = self.soft_reset()
        return output

    def leave(self) -> None:
        """Back to the friendly REPL."""
        log.info("%s: leaving the raw REPL", self.link.name)
        self.link.write(b"\r" + CTRL_B)
        self.in_raw_repl = False
        self._at_prompt = False

    def soft_reset(self) -> bytes:
        """Soft-reset from the raw REPL; the board stays in the raw REPL. Returns boot output."""
        if not self.in_raw_repl:
            self.enter()
        self._wait_prompt()
        log.info("%s: soft reset", self.link.name)
        self.link.write(CTRL_D)
        self._at_prompt = False
        self._answer(b"OK", what="to the soft-reset request")
        self._answer(SOFT_REBOOT, what="with 'soft reboot'")
        # boot.py runs now and may print; the raw REPL banner follows it.
        boot_output = self.link.read_until(RAW_BANNER + b">", self.enter_timeout,
                                           what="after the soft reset",
                                           overall=self.boot_timeout)
        self._at_prompt = True
        return boot_output

    def interrupt(self) -> None:
        """Send Ctrl-C (stop a running program)."""
        log.info("%s: interrupt (Ctrl-C)", self.link.name)
        self.link.write(CTRL_C)

    # -- running code ------------------------------------------------------------------------

    def _answer(self, marker: bytes, what: str) -> bytes:
        """Wait for a protocol answer ending in `marker` (bounded even if the board chatters)."""
        return self.link.read_until(marker, self.answer_timeout, what=what,
                                    overall=self.answer_timeout)

    def _wait_prompt(self) -> None:
        if not self.in_raw_repl:
            self.enter()
        if not self._at_prompt:
            self._answer(b">", what="with the raw REPL prompt")
            self._at_prompt = True

    def send(self, code: bytes) -> None:
        """Send `code` for execution; the board starts running it."""
        self._wait_prompt()
        self._at_prompt = False
        if log.isEnabledFor(logging.INFO):
            first = code.lstrip().split(b"\n", 1)[0][:60].decode("utf-8", "replace")
            log.info("%s: running %d bytes of code: %s%s", self.link.name, len(code), first,
                     "..." if len(first) < len(code.strip()) else "")
        if self.raw_paste is not False:
            if self._send_raw_paste(code):
                return
        self._send_plain(code)

    def _send_raw_paste(self, code: bytes) -> bool:
        link = self.link
        for attempt in (1, 2):
            link.drain(quiet=0.0, limit=0.0)  # the answer must not be read from older output
            # Ctrl-C first: it clears whatever noise reached the board's line buffer.
            link.write(CTRL_C + CTRL_E + b"A" + CTRL_A)
            answer = link.read_exactly(2, self.answer_timeout, what="to the raw-paste request")
            if answer in (b"R\x01", b"R\x00") or not self._paste_answered:
                break
            # A board known to speak raw-paste answered something else: older output was
            # still on its way (e.g. after a Ctrl-C), so the line is out of step. Not a reason
            # to give up raw-paste for good: resynchronise and ask again.
            log.info("%s: %r instead of the raw-paste answer: resynchronising", link.name, answer)
            if attempt == 2:
                raise DeviceError(f"{link.name} did not answer the raw-paste request "
                                  f"(answered {answer!r})")
            self.resynchronise(settle=True)
        if answer == b"R\x01":
            log.debug("%s: raw-paste accepted", link.name)
            self.raw_paste = True
            self._paste_answered = True
            self._paste(code)
            return True
        if answer == b"R\x00":
            # Understood but not supported; the board shows a fresh prompt.
            self._answer(b">", what="with the raw REPL prompt")
        else:
            # Old firmware took the bytes as a line and reset it: a new banner and prompt follow.
            self._answer(RAW_BANNER[2:] + b">", what="after the raw-paste probe")
        log.info("%s: no raw-paste mode: plain raw REPL", link.name)
        self.raw_paste = False
        return False

    def _paste(self, code: bytes) -> None:
        link = self.link
        header = link.read_exactly(3, self.answer_timeout, what="with the raw-paste window")
        window = struct.unpack("<H", header[:2])[0]
        if window == 0 or header[2:3] != b"\x01":
            raise DeviceError(f"{link.name} sent an invalid raw-paste header {board_text(header)}")
        self.paste_window = window
        # The header itself grants one window and its trailing \x01 grants another.
        credit = 2 * window
        sent = 0
        while sent < len(code):
            while credit == 0 or link.has_pending():
                flag = link.read_exactly(1, self.answer_timeout, what="with raw-paste flow control")
                if flag == b"\x01":
                    credit += window
                elif flag == b"\x04":
                    # The board stopped reading (e.g. a syntax error): acknowledge; the error
                    # report follows as usual.
                    link.write(CTRL_D)
                    return
                else:
                    raise DeviceError(
                        f"{link.name} sent unexpected {board_text(flag)} during raw-paste")
            piece = code[sent:sent + credit]
            sent += len(piece)
            credit -= len(piece)
            # the end of input goes with the last piece: one write, one packet on the line
            link.write(piece + CTRL_D if sent == len(code) else piece)
        if not code:
            link.write(CTRL_D)
        # The board confirms the end of input with \x04; flow-control bytes may come first.
        while True:
            flag = link.read_exactly(1, self.answer_timeout, what="to the end of raw-paste")
            if flag == b"\x04":
                return
            if flag != b"\x01":
                raise DeviceError(f"{link.name} sent unexpected {board_text(flag)} ending raw-paste")

    def _send_plain(self, code: bytes) -> None:
        link = self.link
        link.write(CTRL_C)  # clears noise in the board's line buffer
        for offset in range(0, len(code), PLAIN_CHUNK):
            link.write(code[offset:offset + PLAIN_CHUNK])
            if offset + PLAIN_CHUNK < len(code):
                time.sleep(PLAIN_CHUNK_PAUSE)
        link.write(CTRL_D)
        answer = link.read_exactly(2, self.answer_timeout, what="to the code sent")
        if answer != b"OK":
            raise DeviceError(f"{link.name} refused the code (answered {board_text(answer)})")

    def follow(self, timeout: float | None, on_output: OnOutput | None = None) -> tuple[bytes, bytes]:
        """Wait for the running code to finish; return (stdout, stderr).

        `timeout` is the longest silence tolerated; None waits until the code ends.
        """
        link = self.link
        stdout = link.read_until(CTRL_D, timeout, on_data=on_output, what="while the code ran")
        stderr = self._answer(CTRL_D, what="with the error report")
        self._answer(b">", what="with the raw REPL prompt")
        self._at_prompt = True
        return stdout, stderr

    def exec(self, code: str | bytes, *, timeout: float | None = None,
             on_output: OnOutput | None = None) -> bytes:
        """Run `code`; return its stdout. Raises RemoteException if it raised on the board."""
        if isinstance(code, str):
            code = code.encode("utf-8")
        self.send(code)
        stdout, stderr = self.follow(timeout, on_output)
        if stderr:
            raise RemoteException(stderr.decode("utf-8", "replace"), stdout)
        return stdout

    def converse(self, code: bytes, talk: Talk, *, timeout: float | None) -> tuple[T, bytes]:
        """Run `code` and hand the link to `talk` while it runs; return (what `talk` returned,
        the code's stdout after the conversation).

        `talk` owns the byte stream until it returns: it raises CodeEnded when it reads the
        bare Ctrl-D that ends the code's stdout (the code stopped early: its error report is
        raised here as RemoteException). When `talk` fails otherwise, it has told the code to
        stop (in its own protocol); the code's end is awaited before the failure goes on.
        """
        self.send(code)
        link = self.link
        try:
            result = talk(link)
        except CodeEnded:
            stderr = link.read_until(CTRL_D, self.answer_timeout, what="with the error report")
            link.read_until(b">", self.answer_timeout, what="with the raw REPL prompt")
            self._at_prompt = True
            if stderr:
                raise RemoteException(stderr.decode("utf-8", "replace"), b"") from None
            raise DeviceError(f"{link.name}: the board's code ended in the middle of a "
                              f"transfer") from None
        except BaseException:
            try:
                self.follow(self.answer_timeout)
            except Exception:  # noqa: BLE001 - the first failure is the one reported
                pass  # (the next command waits for the prompt, as after any timeout)
            raise
        stdout, stderr = self.follow(timeout)
        if stderr:
            raise RemoteException(stderr.decode("utf-8", "replace"), stdout)
        return result, stdout

    def resynchronise(self, *, settle: bool = False) -> None:
        """Stop whatever the board does and bring it back to a fresh raw REPL prompt.

        For after the host was interrupted at an unknown point of an exchange (the board may be
        running code, reading pasted code, answering the raw-paste probe or entering the raw
        REPL): Ctrl-C, then the raw REPL request, repeated until the banner comes back
        (`enter`, bounded by `enter_timeout`). What the board printed meanwhile is dropped;
        with `settle`, so is what arrives until the line has been quiet a moment.
        """
        self.in_raw_repl = False
        self._at_prompt = False
        self.enter()
        if settle:
            # let late output (answers to earlier requests) arrive and go
            self.link.drain(quiet=0.3, limit=3.0)
