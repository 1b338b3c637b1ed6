"""A Ctrl-C ends the guest within about a second whatever the host is doing
(mpt.runtime.board.supervisor and the escalation in mpt.runtime.board.sigint): a guest stuck
in a host C call that never lets a signal handler run is killed from outside (exit 130, one
line); one in a helper that does (the regular-expression engine) gets its KeyboardInterrupt
there, so its own except/finally run."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

pytestmark = pytest.mark.skipif(not hasattr(os, "pidfd_open") or sys.platform != "linux",
                                reason="the watcher process needs Linux (pidfd_open)")

# generous: the machine running the suite may be loaded; unsupervised, these run for minutes
DEADLINE = 15


def supervised(body: str) -> subprocess.Popen:
    """A Python process that forks its watcher as `mpt run` does, then runs BODY."""
    code = "from mpt.runtime.board import supervisor\nsupervisor.supervise()\n" + \
        textwrap.dedent(body)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def interrupt_after_start(process: subprocess.Popen, signum=signal.SIGINT):
    assert process.stdout.readline() == "start\n"
    started = time.monotonic()
    process.send_signal(signum)
    out, err = process.communicate(timeout=DEADLINE)
    return out, err, time.monotonic() - started


def test_a_c_call_that_never_sees_the_signal_is_ended_from_outside():
    process = supervised("""
        import hashlib
        print("start", flush=True)
        try:
            hashlib.pbkdf2_hmac("sha256", b"x", b"y", 2**31 - 1)  # minutes, in C
        finally:
            print("never: the process is killed")
    """)
    out, err, seconds = interrupt_after_start(process)
    assert (process.returncode, out, err) == (130, "", "mpt: error: interrupted\n")
    assert seconds < DEADLINE


def test_the_watcher_leaves_with_the_status_of_the_process_it_watches():
    process = supervised("import sys; print('start', flush=True); sys.exit(3)")
    out, err = process.communicate(timeout=DEADLINE)
    assert (process.returncode, out, err) == (3, "start\n", "")


def test_sigterm_is_passed_on():
    process = supervised("""
        import time
        print("start", flush=True)
        while True:
            time.sleep(1)
    """)
    out, err, _ = interrupt_after_start(process, signal.SIGTERM)
    assert process.returncode == -signal.SIGTERM and err == ""


def test_the_watched_process_dies_with_the_watcher():
    process = supervised("""
        import os, time
        print("start", os.getpid(), flush=True)
        while True:
            time.sleep(1)
    """)
    word, pid = process.stdout.readline().split()
    assert word == "start" and int(pid) != process.pid
    process.kill()
    process.wait(timeout=DEADLINE)
    deadline = time.monotonic() + DEADLINE
    while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] == "Z":
                    break  # dead, waiting for init to reap it
        except FileNotFoundError:
            break
        time.sleep(0.01)  # polling /proc: there is no event to wait for in another tree
    else:
        assert not os.path.exists(f"/proc/{pid}")


def mpt_run(tmp_path, program: str) -> subprocess.Popen:
    script = tmp_path / "main.py"
    script.write_text(textwrap.dedent(program))
    return subprocess.Popen([sys.executable, "-m", "mpt", "run", "--flash", tmp_path / "flash",
                             script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_mpt_run_a_backtracking_regex_gets_its_keyboard_interrupt(tmp_path):
    process = mpt_run(tmp_path, """
        import re
        print("start")
        try:
            re.match("(a+)+$", "a" * 40 + "b")
        except KeyboardInterrupt:
            print("interrupted")
        finally:
            print("finally")
    """)
    out, err, seconds = interrupt_after_start(process)
    assert (process.returncode, out, err) == (0, "interrupted\nfinally\n", "")
    assert seconds < DEADLINE


def test_mpt_run_a_loop_still_gets_it_at_its_check_point(tmp_path):
    process = mpt_run(tmp_path, """
        print("start")
        n = 0
        try:
            while True:
                n += 1
        except KeyboardInterrupt:
            print("interrupted")
    """)
    out, err, _ = interrupt_after_start(process)
    assert (process.returncode, out, err) == (0, "interrupted\n", "")
