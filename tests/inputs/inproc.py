"""Run the mpt command line inside the test process: exit code, stdout, stderr, with a deadline.

Anything but SystemExit leaving mpt.cli.main.main() is a host traceback; running past the
deadline is a hang. Both are recorded, not raised, so fuzz tests can count them.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import traceback
from dataclasses import dataclass


class Hang(BaseException):
    """The deadline passed (a BaseException, so no `except Exception` in mpt swallows it)."""


@dataclass
class Outcome:
    code: int | None          # None: a traceback or a hang
    stdout: str
    stderr: str
    traceback: str = ""
    hang: bool = False

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("mpt: error:")]


def _stream(data: bytes = b"") -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="replace",
                            write_through=True)


def run_mpt(argv: list[str], *, timeout: float = 10.0, stdin: bytes = b"") -> Outcome:
    from mpt.cli.main import main

    saved = sys.stdin, sys.stdout, sys.stderr
    out, err = _stream(), _stream()
    sys.stdin, sys.stdout, sys.stderr = _stream(stdin), out, err

    fired = []

    def expire(signum, frame):
        fired.append(True)  # noted here too: code that catches the exception still hung
        raise Hang()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    code, tb, hang = None, "", False
    try:
        main(list(argv))
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Hang:
        hang = True
    except Exception:  # noqa: BLE001 - a host traceback: what the fuzz tests look for
        tb = traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.stdin, sys.stdout, sys.stderr = saved

    def text(stream):
        return stream.buffer.getvalue().decode("utf-8", "replace")
    return Outcome(code, text(out), text(err), tb, hang or bool(fired))


def fuzz_budget(seed: int, cases: int) -> tuple[int, int]:
    """(seed, cases) of a fuzz test: the suite's fixed ones, or $MPT_FUZZ_SEED and
    $MPT_FUZZ_SCALE (a factor on the number of cases) for a longer exploration."""
    scale = float(os.environ.get("MPT_FUZZ_SCALE", "1"))
    return int(os.environ.get("MPT_FUZZ_SEED", seed)), max(1, int(cases * scale))
