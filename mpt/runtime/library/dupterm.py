"""os.dupterm(): the console duplicated onto guest stream objects (extmod/os_dupterm.c).

Everything the board's console sends (REPL prompts and echo, print output, tracebacks) is
also written to each attached stream; when the board waits for console input it also reads
one byte at a time from them. A stream is a guest io.IOBase subclass (its readinto, write and
ioctl methods are called with a bytearray, as the firmware does) or a built-in stream such as
machine.UART or io.BytesIO (read/write). A stream whose read or write raises is detached with
the firmware's message; a read returning 0 bytes (end of file) detaches it too.
"""

from __future__ import annotations

import sys

from mpt.runtime.library.io_mod import IOBase

STREAM_CLOSE = 4
NO_CHAR, INTERRUPT = -1, -2

# MICROPY_PY_OS_DUPTERM: how many streams a port can attach at once


class Dupterm:
    def __init__(self, slots: int, console_write, format_exception):
        self.objs: list = [None] * slots
        self._console_write = console_write  # text to the console (the firmware's messages)
        self._format_exception = format_exception
        self._writing = False
        self.interrupt_char = 3
        self.pending = bytearray()  # bytes os.dupterm_notify() took while no REPL runs

    @property
    def active(self) -> bool:
        return any(obj is not None for obj in self.objs)

    def attach(self, stream, index=0):
        if not isinstance(index, int):
            raise TypeError("can't convert %s to int" % type(index).__name__)
        if index < 0 or index >= len(self.objs):
            raise ValueError("invalid dupterm index")
        previous = self.objs[index]
        if stream is None:
            self.objs[index] = None
        else:
            if not _is_iobase(stream) and not (hasattr(stream, "read")
                                               and hasattr(stream, "write")):
                raise OSError("stream operation not supported")
            self.objs[index] = stream
        return previous

    # --- what the console does -------------------------------------------------------------

    def tx(self, data: bytes) -> None:
        if self._writing:  # a stream's write() that prints must not write into itself
            return
        self._writing = True
        try:
            for index, stream in enumerate(self.objs):
                if stream is None:
                    continue
                try:
                    if _is_iobase(stream):
                        stream.write(bytearray(data))
                    else:
                        stream.write(bytes(data))
                except Exception as exc:  # noqa: BLE001 - the firmware detaches the stream
                    self._deactivate(index, "dupterm: Exception in write() method, "
                                            "deactivating: ", exc)
        finally:
            self._writing = False

    def rx(self) -> int:
        """One byte from the first stream that has one; NO_CHAR, or INTERRUPT for Ctrl-C."""
        for index, stream in enumerate(self.objs):
            if stream is None:
                continue
            try:
                if _is_iobase(stream):
                    buf = bytearray(1)
                    got = stream.readinto(buf)
                    if got is None:
                        continue  # no data yet (EAGAIN)
                    if got == 0:
                        self._deactivate(index, "dupterm: EOF received, deactivating\n", None)
                        continue
                    byte = buf[0]
                else:
                    data = stream.read(1)
                    if data is None:
                        continue
                    if not data:
                        self._deactivate(index, "dupterm: EOF received, deactivating\n", None)
                        continue
                    byte = data[0] if not isinstance(data, str) else ord(data[0])
            except Exception as exc:  # noqa: BLE001 - the firmware detaches the stream
                self._deactivate(index, "dupterm: Exception in read() method, deactivating: ",
                                 exc)
                continue
            return INTERRUPT if byte == self.interrupt_char else byte
        return NO_CHAR

    def _deactivate(self, index: int, message: str, exc) -> None:
        stream = self.objs[index]
        self.objs[index] = None
        text = message + (self._format_exception(exc) if exc is not None else "")
        self._console_write(text)
        try:
            if _is_iobase(stream):
                stream.ioctl(STREAM_CLOSE, 0)
            elif hasattr(stream, "close"):
                stream.close()
        except Exception:  # noqa: BLE001 - errors while closing are ignored, as on a board
            pass


def _is_iobase(obj) -> bool:
    return isinstance(obj, IOBase)


def cooked(text: str | bytes) -> bytes:
    """What the board's stdout sends for text: newlines become CR LF."""
    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else bytes(text)
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def dupterm_of(ctx) -> Dupterm:
    """The interpreter's dupterm slots (a soft reset starts a new interpreter: none attached)."""
    dupterm = ctx.extra.get("dupterm")
    if dupterm is None:
        dupterm = Dupterm(ctx.features.os_dupterm, ctx.write_stdout, ctx.format_exception)
        ctx.extra["dupterm"] = dupterm
    return dupterm


def tee_interpreter(interpreter, dupterm: Dupterm) -> None:
    """Without a REPL session (`mpt run`), the console is the interpreter's own output and
    input: output is copied to the streams (cooked, as the firmware's stdout), and input()
    takes a line from them when one has bytes waiting, else from the terminal."""
    if getattr(interpreter, "_dupterm_tee", None) is dupterm:
        return
    out, err, read_line = interpreter._stdout, interpreter._stderr, interpreter._stdin

    def terminal_line():
        if read_line is not None:
            return read_line()
        line = sys.stdin.readline()
        return line if line else None

    def tee_out(text):
        out(text)
        dupterm.tx(cooked(text))

    def tee_err(text):
        err(text)
        dupterm.tx(cooked(text))

    def line_from_streams():
        chars = bytearray()
        while dupterm.active or dupterm.pending:
            c = dupterm.pending.pop(0) if dupterm.pending else dupterm.rx()
            if c == INTERRUPT:
                raise KeyboardInterrupt()
            if c == NO_CHAR:
                break
            if c in (10, 13):
                return chars.decode("utf-8", "replace") + "\n"
            chars.append(c)
        if chars:  # the stream ran dry mid-line: that much is the line
            return chars.decode("utf-8", "replace") + "\n"
        return terminal_line()

    interpreter._stdout, interpreter._stderr = tee_out, tee_err
    interpreter._stdin = line_from_streams
    interpreter._dupterm_tee = dupterm
