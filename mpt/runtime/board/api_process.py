"""The Python API's guest in a process of its own, confined by the OS (issue 9).

``mpt.runtime.Interpreter`` (mpt.runtime.board.api) runs its guest here by default: a child
Python process (``python -m mpt.runtime.board.api_process``) makes an in-process interpreter,
confines itself (mpt.runtime.board.confine: no files but what Python reads and the script's
folder, read-only; no processes, no sockets, the address space capped) and runs what the
caller sends it. The caller's process reads the program files and passes on the guest's
output and input, so its callables run in the caller's process as they do in process.

The two talk over a socket pair in length-prefixed frames (multiprocessing.connection) of
JSON, never pickle: nothing the child says can make the caller run code. A program's bytes
go as a frame of their own.

``interrupt()`` sends the child SIGINT; the child answers on a pipe when its handler ran and
again once its guest has taken the KeyboardInterrupt (at a check point, or where the host is
by mpt.runtime.board.sigint's escalation), as for `mpt run`'s watcher
(mpt.runtime.board.supervisor.answer_deadline). A child that has not answered in time
(its guest is stuck in host C code) is killed: the run returns 130 and the
next one starts a fresh child (the guest's globals are gone, as after a reset).
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Callable

from mpt.errors import EXIT_INTERRUPTED, ConnectionFailed, InternalError
from mpt.runtime.board import supervisor

ANSWER_SECONDS = supervisor.ANSWER_SECONDS
START_WAIT_S = 60.0
FRAME_LIMIT = 64 << 20  # the longest frame either side accepts
# how the child is started (a test may start it another way: the filter switched off)
CHILD_COMMAND = [sys.executable, "-m", "mpt.runtime.board.api_process"]

Write = Callable[[str], object]


class ChildInterpreter:
    """The caller's side: the API's calls as requests to a confined child."""

    def __init__(self, *, stdout: Write | None, stderr: Write | None,
                 stdin: Callable[[], str | None] | None, script_dir: str | None):
        self._stdout = stdout
        self._stderr = stderr
        self._stdin = stdin
        self.script_dir = script_dir  # read-only for the guest (its imports)
        self._argv: list[str] = []
        self._lock = threading.Lock()  # one call at a time
        self._process: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._answers = -1
        self._answer_by: float | None = None  # when an interrupt not answered ends the child
        self._running = False
        self._wake_read, self._wake = os.pipe()  # interrupt() wakes the waiting call
        os.set_blocking(self._wake, False)

    # --- the child --------------------------------------------------------------------------
    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        answers, answer_end = os.pipe()
        command = [*CHILD_COMMAND, str(theirs.fileno()), str(answer_end),
                   json.dumps({"script_dir": self.script_dir})]
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, pass_fds=(theirs.fileno(), answer_end),
                start_new_session=True)  # the caller's terminal Ctrl-C is the caller's
        except OSError as exc:
            ours.close()
            os.close(answers)
            raise ConnectionFailed(f"cannot start the guest's process: {exc}") from exc
        finally:
            theirs.close()
            os.close(answer_end)
        self._conn = Connection(ours.detach())
        self._answers = answers
        if not self._conn.poll(START_WAIT_S):
            self._stop(kill=True)
            raise ConnectionFailed(f"the guest's process did not start within {START_WAIT_S:g} s")
        try:
            ready = self._receive()
        except (EOFError, OSError, ValueError):
            ready = {}
        if ready.get("ready") is not True:
            self._stop(kill=True)
            raise ConnectionFailed(f"the guest's process did not start: {ready.get('error', '')}")
        if self._argv:
            self._send({"op": "argv", "argv": self._argv})

    def _stop(self, *, kill: bool = False) -> None:
        process, self._process = self._process, None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._answers >= 0:
            os.close(self._answers)
            self._answers = -1
        if process is not None:
            if kill:
                process.kill()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def close(self) -> None:
        """End the child; a run still going (in another thread) ends with InternalError."""
        process = self._process
        if self._running and process is not None:
            process.kill()  # the running call sees the end of its connection
        with self._lock:
            self._stop()

    def __del__(self):
        try:
            self._stop(kill=True)
            os.close(self._wake_read)
            os.close(self._wake)
        except Exception:
            pass

    def _send(self, message: dict, data: bytes | None = None) -> None:
        assert self._conn is not None
        self._conn.send_bytes(json.dumps(message).encode())
        if data is not None:
            self._conn.send_bytes(data)

    def _receive(self) -> dict:
        assert self._conn is not None
        message = json.loads(self._conn.recv_bytes(FRAME_LIMIT))
        if not isinstance(message, dict):
            raise ValueError("not a message")
        return message

    # --- the API ------------------------------------------------------------------------------
    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def argv(self) -> list[str]:
        return list(self._argv)

    def set_argv(self, argv: list[str]) -> None:
        with self._lock:
            self._argv = [str(arg) for arg in argv]
            if self._conn is not None:
                self._send({"op": "argv", "argv": self._argv})

    def interrupt(self) -> None:
        """Ctrl-C for the running guest (from another thread, or a signal handler)."""
        process = self._process
        if self._running and process is not None and process.poll() is None:
            if self._answer_by is None:
                self._answer_by = time.monotonic() + ANSWER_SECONDS
            os.kill(process.pid, signal.SIGINT)
            try:
                os.write(self._wake, b"!")
            except OSError:  # (full: it is awake already)
                pass

    def run(self, op: str, data: bytes, name: str, argv: list[str] | None = None) -> int:
        with self._lock:
            if self._process is None:
                self._start()
            if argv is not None:
                self._argv = [str(arg) for arg in argv]
            self._send({"op": op, "name": name,
                        "argv": self._argv if argv is not None else None}, data)
            self._answer_by = None
            self._running = True
            try:
                return self._until_done()
            finally:
                self._running = False

    def _until_done(self) -> int:
        conn = self._conn
        assert conn is not None
        while True:
            wait = None
            if self._answer_by is not None:
                wait = max(0.0, self._answer_by - time.monotonic())
            ready, _, _ = select.select([conn.fileno(), self._answers, self._wake_read], [],
                                        [], wait)
            if self._wake_read in ready:
                os.read(self._wake_read, 512)
            if self._answers in ready:
                self._answer_by = supervisor.answer_deadline(
                    os.read(self._answers, 512), time.monotonic(), self._answer_by)
            if conn.fileno() in ready:
                try:
                    message = self._receive()
                except (EOFError, OSError, ValueError) as exc:
                    self._stop(kill=True)
                    raise InternalError(f"the guest's process ended: {exc}") from exc
                if "out" in message:
                    if self._stdout is not None:
                        self._stdout(str(message["out"]))
                elif "err" in message:
                    if self._stderr is not None:
                        self._stderr(str(message["err"]))
                elif "stdin" in message:
                    line = self._stdin() if self._stdin is not None else None
                    self._send({"line": line})
                elif "internal" in message:
                    raise InternalError(str(message["internal"]))
                elif "error" in message:
                    self._stop(kill=True)
                    raise InternalError(f"the guest's process failed: {message['error']}")
                elif "status" in message:
                    status = message["status"]
                    return status if isinstance(status, int) else 1
            if self._answer_by is not None and time.monotonic() >= self._answer_by:
                self._answer_by = None
                self._stop(kill=True)  # stuck in host code: the next run starts afresh
                if self._stderr is not None:
                    self._stderr("KeyboardInterrupt: the guest was stuck and was ended\n")
                return EXIT_INTERRUPTED


# --- the child ------------------------------------------------------------------------------

def status_of(session, outcome) -> int:
    """The exit status of a run as the API returns it; a failure of the VM itself raises."""
    if outcome.internal:
        raise InternalError(outcome.error_text.removeprefix("mpt: ").rstrip("\n"))
    return session.exit_status(outcome)


def _serve(conn: Connection, answer_fd: int, settings: dict) -> None:
    from mpt.runtime.board.confine import CONFINED_HEADROOM_BYTES, confine
    from mpt.runtime.board.session import GuestSession
    from mpt.runtime.board.sigint import sigint_to_guest

    def send(message: dict) -> None:
        conn.send_bytes(json.dumps(message).encode())

    def read_line() -> str | None:
        send({"stdin": True})
        line = json.loads(conn.recv_bytes(FRAME_LIMIT)).get("line")
        return line if isinstance(line, str) else None

    script_dir = settings.get("script_dir")
    session = GuestSession(None, stdout=lambda text: send({"out": text}),
                           stderr=lambda text: send({"err": text}), stdin=read_line,
                           script_dir=script_dir)
    supervisor.answer_to(answer_fd)  # (answered once the guest took it: sigint_to_guest)
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            current: int | None = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        current = None
    confine(os.devnull, read_only=[script_dir] if script_dir else [],
            memory_limit=None if current is None else current + CONFINED_HEADROOM_BYTES)
    send({"ready": True})
    while True:
        try:
            request = json.loads(conn.recv_bytes(FRAME_LIMIT))
        except KeyboardInterrupt:  # a Ctrl-C just after the guest ended: nobody to tell
            continue
        except (EOFError, OSError):
            return
        op = request.get("op")
        if op == "argv":
            session.set_argv([str(arg) for arg in request["argv"]])
            continue
        data = conn.recv_bytes(FRAME_LIMIT)
        if request.get("argv") is not None:
            session.set_argv([str(arg) for arg in request["argv"]])
        try:
            with sigint_to_guest(lambda: session.interpreter.runtime):
                if op == "mpy":
                    outcome = session.run_mpy(data)
                elif op == "program":
                    outcome = session.run_program(data, str(request["name"]))
                else:
                    outcome = session.run_source(data.decode("utf-8", "replace"),
                                                 str(request["name"]))
                status = status_of(session, outcome)
        except InternalError as exc:
            send({"internal": str(exc)})
        except KeyboardInterrupt:  # between the guest's check points, after it ended
            send({"err": "KeyboardInterrupt: \n"})
            send({"status": EXIT_INTERRUPTED})
        else:
            send({"status": status})


def main(argv: list[str]) -> None:
    conn = Connection(int(argv[0]))
    try:
        _serve(conn, int(argv[1]), json.loads(argv[2]))
    except BaseException as exc:  # the caller sees why its guest's process ended
        try:
            conn.send_bytes(json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode())
        except OSError:
            pass
        raise SystemExit(1) from None


if __name__ == "__main__":
    main(sys.argv[1:])
