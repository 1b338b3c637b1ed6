"""What every connection to a board offers; file-system operations are built on these alone."""

from __future__ import annotations

import ast
from abc import ABC, abstractmethod
from typing import Callable

from mpt.errors import DeviceError
from mpt.transport.link import board_text

OnOutput = Callable[[bytes], None]

# what ast.literal_eval raises for text that is no literal (deep nesting: the last two)
_NOT_A_LITERAL = (ValueError, TypeError, SyntaxError, MemoryError, RecursionError)


def board_literal(answer: bytes | str):
    """The Python literal a board printed (a repr()); DeviceError when the answer is none."""
    text = answer if isinstance(answer, str) else answer.decode("utf-8", "replace")
    try:
        return ast.literal_eval(text.strip())
    except _NOT_A_LITERAL:
        raise DeviceError(f"the board answered {board_text(text.strip(), 200)}, "
                          "not a literal value") from None


class Transport(ABC):
    """A connection to one MicroPython board."""

    name: str = "board"

    @abstractmethod
    def exec(self, code: str | bytes, *, timeout: float | None = 10.0,
             on_output: OnOutput | None = None) -> bytes:
        """Run `code` in the board's raw REPL; return its stdout (also streamed to `on_output`).

        `timeout` is the longest silence tolerated while it runs (None: no limit).
        Raises RemoteException when the code raised on the board, ConnectionFailed when the
        board stopped answering.
        """

    def run_streaming(self, code: str | bytes, *, on_output: OnOutput,
                      timeout: float | None = None) -> None:
        """Run a user program to its end (no time limit by default), streaming its output."""
        self.exec(code, timeout=timeout, on_output=on_output)

    def converse(self, code: str | bytes, talk: Callable, *,
                 timeout: float | None = 10.0) -> tuple:
        """Run `code` and let `talk(link)` exchange raw bytes with it while it runs.

        Returns (what `talk` returned, the code's stdout after the conversation). Transports
        that cannot hand their byte stream over raise NotImplementedError; callers then fall
        back to `exec`. See RawRepl.converse for the rules `talk` follows.
        """
        raise NotImplementedError(f"{type(self).__name__} cannot hand over its byte stream")

    @abstractmethod
    def start(self, code: str | bytes) -> None:
        """Start `code` and return without waiting; it keeps running on the board."""

    def eval(self, expression: str, *, timeout: float | None = 10.0):
        """Evaluate `expression` on the board and return it as a Python value.

        The value must have a literal repr (numbers, strings, bytes, tuples, lists, dicts, ...).
        """
        return board_literal(self.exec(f"print(repr({expression}))", timeout=timeout))

    @abstractmethod
    def interrupt(self) -> None:
        """Interrupt the running program (Ctrl-C)."""

    @abstractmethod
    def soft_reset(self) -> bytes:
        """Soft-reset the board (boot.py runs again); return what it printed meanwhile."""

    @abstractmethod
    def hard_reset(self) -> None:
        """Reset the board's hardware; the connection is re-established if it can be."""

    @abstractmethod
    def enter_bootloader(self) -> None:
        """Restart the board into its bootloader; the connection ends."""

    @abstractmethod
    def enter_raw_repl(self) -> None:
        """Stop whatever runs and take the board into the raw REPL."""

    @abstractmethod
    def leave_raw_repl(self) -> None:
        """Return the board to its friendly REPL."""

    @abstractmethod
    def write(self, data: bytes) -> None:
        """Send raw bytes (used by the interactive console)."""

    @abstractmethod
    def read_some(self, timeout: float | None) -> bytes:
        """Raw bytes from the board: at least one, or b"" when `timeout` passes."""

    @abstractmethod
    def close(self) -> None:
        """Leave the board in its friendly REPL and release the port."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
