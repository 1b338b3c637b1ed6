"""Ctrl-C and the guest's other pending events reach loops that make no calls.

MicroPython checks for a pending KeyboardInterrupt, micropython.schedule() callbacks and soft
IRQs at every backward jump (py/vm.c pending_exception_check), so a loop such as
``while True: n += 1`` can handle a Ctrl-C in its own ``except``/``finally``, and a callback
can end ``while not flag: pass``. The unix port records a SIGINT and raises it at that check
(ports/unix/unix_mphal.c); an uncaught one prints the traceback and exits 1 (main.c
handle_uncaught_exception), where `mpt run` documents 130.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading

import pytest

from waiting import DEADLINE_S, wait_until

CAUGHT_FOR = (
    "n = 0\n"
    "print('started')\n"
    "try:\n"
    "    for i in range(10**9): n += i\n"
    "except KeyboardInterrupt:\n"
    "    print('caught')\n"
    "finally:\n"
    "    print('finally')\n"
)
CAUGHT_WHILE = CAUGHT_FOR.replace("for i in range(10**9): n += i", "while True: n += 1")
UNCAUGHT = "n = 0\nprint('started')\ntry:\n    while True:\n        n += 1\nfinally:\n    print('finally')\n"


class Running:
    """A subprocess whose output lines are collected by threads, so a test can wait for a
    line with a deadline."""

    def __init__(self, args, cwd, stdin=subprocess.DEVNULL):
        # a process group of its own, so that a test can interrupt it as a terminal does
        self.process = subprocess.Popen(args, cwd=cwd, stdin=stdin, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True,
                                        start_new_session=True)
        self.out: list[str] = []
        self.err: list[str] = []
        self._readers = [threading.Thread(target=self._collect, args=(stream, into), daemon=True)
                         for stream, into in ((self.process.stdout, self.out),
                                              (self.process.stderr, self.err))]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _collect(stream, into):
        for line in stream:
            into.append(line)

    def wait_for_line(self, line: str) -> None:
        wait_until(lambda: line in self.out, what=f"the line {line!r}")

    def finish(self) -> tuple[str, str, int]:
        try:
            status = self.process.wait(timeout=DEADLINE_S)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
        for reader in self._readers:
            reader.join(DEADLINE_S)
        return "".join(self.out), "".join(self.err), status


def interrupted(args, cwd, source: str) -> tuple[str, str, int]:
    """Run ``args`` on a program file holding ``source``; once it printed 'started', SIGINT to
    its process group, as a terminal's Ctrl-C goes (mpt run's watcher and guest process both
    get it; tests/runtime/board/test_supervisor.py sends to the watcher alone)."""
    script = cwd / "prog.py"
    script.write_text(source)
    run = Running([*args, str(script)], cwd)
    run.wait_for_line("started\n")
    os.killpg(run.process.pid, signal.SIGINT)
    return run.finish()


MPT_RUN = [sys.executable, "-m", "mpt", "run"]
MICROPYTHON = [sys.executable, "-m", "mpt.unix_cmdline"]


@pytest.mark.parametrize("source", [CAUGHT_FOR, CAUGHT_WHILE], ids=["for", "while"])
def test_sigint_runs_the_guests_handler_and_finally(tmp_path, source):
    out, err, status = interrupted(MPT_RUN, tmp_path, source)
    assert (out, err, status) == ("started\ncaught\nfinally\n", "", 0)


def test_uncaught_sigint_runs_finally_then_the_traceback_and_130(tmp_path):
    out, err, status = interrupted(MPT_RUN, tmp_path, UNCAUGHT)
    assert out == "started\nfinally\n"
    assert err == ('Traceback (most recent call last):\n  File "prog.py", line 5, in <module>\n'
                   "KeyboardInterrupt: \n")
    assert status == 130


def test_the_micropython_dropin_exits_1_as_the_unix_port(tmp_path):
    out, err, status = interrupted(MICROPYTHON, tmp_path, UNCAUGHT)
    assert out == "started\nfinally\n"
    assert err.endswith("line 5, in <module>\nKeyboardInterrupt: \n")
    assert status == 1
    out, err, status = interrupted(MICROPYTHON, tmp_path, CAUGHT_WHILE)
    assert (out, err, status) == ("started\ncaught\nfinally\n", "", 0)
    # -i runs the program before the REPL (which ends at the end of stdin)
    out, err, status = interrupted([*MICROPYTHON, "-i"], tmp_path, CAUGHT_WHILE)
    assert out.startswith("started\ncaught\nfinally\nMicroPython v1.29.0")
    assert (err, status) == ("", 0)


def test_sigint_during_a_long_host_call_arrives_at_the_next_loop(tmp_path):
    # the sort runs in the host: the interrupt waits for it, then the loop's back-edge
    # raises it (no later statement runs)
    out, err, status = interrupted(MPT_RUN, tmp_path, (
        "print('started')\n"
        "try:\n"
        "    s = sorted(range(4 * 10**6), reverse=True)\n"
        "    print('sorted')\n"
        "    for i in range(3):\n"
        "        pass\n"
        "    print('not reached')\n"
        "except KeyboardInterrupt:\n"
        "    print('caught')\n"))
    assert (out, err, status) == ("started\nsorted\ncaught\n", "", 0)


def test_sigint_at_the_end_of_a_call_free_program_is_raised_there(tmp_path):
    # no loop follows the long call: the run's final pending check raises it. A host call
    # that outlasts the Ctrl-C by more than 1 s (a loaded machine) gets it raised as soon as
    # the call returns instead (sigint.py's escalation): before print('sorted'). Either way
    # the interrupt is the guest's KeyboardInterrupt, never lost and never a host error.
    out, err, status = interrupted(MPT_RUN, tmp_path, (
        "print('started')\n"
        "s = sorted(range(4 * 10**6), reverse=True)\n"
        "print('sorted')\n"))
    assert (err, status) == ("KeyboardInterrupt: \n", 130)
    assert out in ("started\nsorted\n", "started\n")


def test_sigint_ends_a_blocking_input(tmp_path):
    script = tmp_path / "prog.py"
    script.write_text("print('started')\ntry:\n    input()\nexcept KeyboardInterrupt:\n"
                      "    print('caught')\n")
    run = Running([*MPT_RUN, str(script)], tmp_path, stdin=subprocess.PIPE)
    try:
        run.wait_for_line("started\n")
        run.process.send_signal(signal.SIGINT)
        assert run.finish() == ("started\ncaught\n", "", 0)
    finally:
        run.process.stdin.close()


@pytest.mark.parametrize("virtual", [False, True], ids=["real-time", "virtual-time"])
@pytest.mark.parametrize("trigger", [
    "import micropython\nmicropython.schedule(cb, 0)\n",
    "from machine import Pin\np = Pin(2, Pin.OUT)\np.irq(cb, Pin.IRQ_RISING)\np.value(1)\n",
], ids=["schedule", "pin-irq"])
def test_callbacks_run_inside_a_call_free_loop(tmp_path, trigger, virtual):
    script = tmp_path / "prog.py"
    script.write_text("flag = False\n"
                      "def cb(_):\n"
                      "    global flag\n"
                      "    flag = True\n"
                      + trigger +
                      "while not flag:\n"
                      "    pass\n"
                      "print('ran')\n")
    args = [*MPT_RUN, *(["--virtual-time"] if virtual else []), str(script)]
    result = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True,
                            timeout=DEADLINE_S)
    assert (result.stdout, result.stderr, result.returncode) == ("ran\n", "", 0)


def test_ctrl_c_over_mpt_emulate(tmp_path):
    emulate = Running([sys.executable, "-m", "mpt", "emulate", "--tcp", "127.0.0.1:0",
                       "--flash", str(tmp_path / "flash")], tmp_path, stdin=subprocess.PIPE)
    try:
        url = wait_until(lambda: next((line for line in emulate.out
                                       if line.startswith("socket://")), None),
                         what="the board's address")
        host, port = url.strip().removeprefix("socket://").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=DEADLINE_S) as conn:
            received = bytearray()
            lock = threading.Lock()

            def pump():
                while True:
                    try:
                        data = conn.recv(4096)
                    except OSError:
                        return
                    if not data:
                        return
                    with lock:
                        received.extend(data)

            threading.Thread(target=pump, daemon=True).start()

            def seen(marker: bytes) -> bool:
                with lock:
                    return marker in received

            conn.sendall(b"\r\x01")  # raw REPL
            wait_until(lambda: seen(b"raw REPL; CTRL-B to exit\r\n>"), what="the raw REPL")
            conn.sendall(CAUGHT_WHILE.encode() + b"\x04")
            wait_until(lambda: seen(b"started\r\n"), what="the program to start")
            conn.sendall(b"\x03")
            wait_until(lambda: seen(b"\x04\x04>"), what="the program to end")
            with lock:
                tail = bytes(received[received.index(b"started"):])
            assert tail == b"started\r\ncaught\r\nfinally\r\n\x04\x04>"
    finally:
        emulate.process.stdin.close()  # a closed stdin ends mpt emulate
        emulate.finish()
