"""A pyserial-like port whose "board" misbehaves, for the transport and file-system fuzz tests.

Modes:
    random   answers every write with random bytes
    silent   never answers
    chatty   sends bytes without pause, forever (text with no protocol marker in it)
    framed   speaks MicroPython's raw REPL correctly (banner, raw-paste, the \\x04 framing,
             soft reset) but what the code "printed" is the fuzzer's: garbage, mangled answers,
             tracebacks
"""

from __future__ import annotations

import random
import threading

RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n>"
CHATTER = b"hello from a board that never stops talking\r\n"


class MisbehavingBoard:
    def __init__(self, mode: str, *, seed: int = 0, answers=()):
        self.mode = mode
        self.rng = random.Random(seed)
        self.answers = list(answers) or [(b"", b"")]
        self.answered = 0
        self.timeout = 0.05
        self.outbox = bytearray()
        self.inbox = bytearray()
        self.pasting = False
        self.is_open = True
        self.portstr = f"fuzz-{mode}"
        self._idle = threading.Event()  # never set: a blocking read's wait for data

    # -- what the host sees ------------------------------------------------------------------

    @property
    def in_waiting(self) -> int:
        if self.mode == "chatty":
            return 1 << 16
        return len(self.outbox)

    def read(self, size: int = 1) -> bytes:
        if self.mode == "chatty":
            return (CHATTER * (size // len(CHATTER) + 1))[:size]
        if not self.outbox:
            self._idle.wait(self.timeout)  # a real port blocks up to its timeout
            return b""
        data = bytes(self.outbox[:size])
        del self.outbox[:size]
        return data

    def write(self, data: bytes) -> int:
        if self.mode == "random":
            self.outbox += self.rng.randbytes(self.rng.randrange(0, 300))
        elif self.mode == "framed":
            self._take(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.is_open = False

    # -- the framed board's raw REPL ---------------------------------------------------------

    def _take(self, data: bytes) -> None:
        for byte in data:
            if self.pasting:
                if byte == 4:
                    self.pasting = False
                    self._answer()
                continue
            self.inbox.append(byte)
            if self.inbox.endswith(b"\x05A\x01"):
                self.inbox.clear()
                self.pasting = True
                self.outbox += b"R\x01" + (0xFFFF).to_bytes(2, "little") + b"\x01"
            elif byte == 1:
                self.inbox.clear()
                self.outbox += RAW_BANNER
            elif byte == 4:  # Ctrl-D on an empty line: soft reset
                self.inbox.clear()
                self.outbox += b"OK\r\nMPY: soft reboot\r\n" + RAW_BANNER
            elif byte == 2:
                self.inbox.clear()
                self.outbox += b"\r\nMicroPython v1.29.0 on fuzz\r\n>>> "
            elif byte == 3:
                self.inbox.clear()

    def _answer(self) -> None:
        stdout, stderr = self.answers[self.answered % len(self.answers)]
        self.answered += 1
        self.outbox += b"\x04" + stdout + b"\x04" + stderr + b"\x04>"
