"""`mpt emulate` options and shutdown: --trace/--vcd as `mpt run` has them; SIGTERM and
Ctrl-C end it cleanly, and so does closing a pipe on its stdin."""

import signal
import socket
import subprocess
import sys

import pytest
from waiting import wait_until


BLINK = "from machine import Pin\np = Pin(25, Pin.OUT)\np.on()\np.off()\nprint('done')\n"


def start_emulate(tmp_path, *options, stdin=subprocess.DEVNULL, close_stdin=False):
    command = [sys.executable, "-m", "mpt", "emulate", "--tcp", "0", "--flash",
               str(tmp_path / "flash"), *options]
    if close_stdin:
        command = ["sh", "-c", 'exec "$@" <&-', "sh", *command]
    process = subprocess.Popen(
        command, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = process.stdout.readline().strip()
    assert url.startswith("socket://"), process.stderr.read()
    return process, url


def mpt(*args):
    return subprocess.run([sys.executable, "-m", "mpt", *args], capture_output=True, text=True,
                          timeout=60)


def stop(process, sig=signal.SIGTERM):
    process.send_signal(sig)
    out, err = process.communicate(timeout=15)
    return process.returncode, err


def test_trace_and_vcd_like_mpt_run(tmp_path):
    process, url = start_emulate(tmp_path, "--trace", "--vcd", str(tmp_path / "pins.vcd"))
    try:
        result = mpt("-p", url, "exec", BLINK)
        assert (result.returncode, result.stdout) == (0, "done\n")
    finally:
        status, err = stop(process)
    assert status == 0 and "Traceback" not in err
    trace = [line.split("] ", 1)[1] for line in err.splitlines() if line.startswith("[")]
    assert trace == ["pin  GP25 1", "pin  GP25 0"]
    vcd = (tmp_path / "pins.vcd").read_text()
    assert "$var wire 1 ! GP25 $end" in vcd
    changes = [line for line in vcd.split("$enddefinitions $end")[1].splitlines()
               if line and not line.startswith(("#", "$"))]
    assert changes == ["x!", "1!", "0!"]

    # the same program under `mpt run` traces the same events
    (tmp_path / "blink.py").write_text(BLINK)
    ran = subprocess.run([sys.executable, "-m", "mpt", "run", "--trace", "--flash",
                          str(tmp_path / "flash"), str(tmp_path / "blink.py")],
                         capture_output=True, text=True, timeout=60)
    assert [line.split("] ", 1)[1] for line in ran.stderr.splitlines()
            if line.startswith("[")] == trace


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("busy", [False, True])
def test_signal_shuts_down_cleanly(tmp_path, sig, busy):
    process, url = start_emulate(tmp_path)
    host, port = url[len("socket://"):].rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        if busy:  # guest code is running when the signal comes
            connection.sendall(b"while True:\r\n    pass\r\n\r\n")
            echoed = bytearray()
            # the REPL has taken the whole statement once the blank line is echoed
            wait_until(lambda: echoed.extend(connection.recv(65536)) or (
                b"pass" in echoed and echoed.split(b"pass", 1)[1].count(b"\r\n") >= 2),
                what="the REPL to echo the loop")
            assert b"while True:" in echoed and not echoed.endswith(b">>> ")
        status, err = stop(process, sig)
    assert status == 0
    assert "Traceback" not in err and "Error" not in err, err


def test_closing_a_stdin_pipe_shuts_down_cleanly(tmp_path):
    process, url = start_emulate(tmp_path, "--vcd", str(tmp_path / "pins.vcd"),
                                 stdin=subprocess.PIPE)
    process.stdin.write("ignored\n")
    process.stdin.flush()
    result = mpt("-p", url, "exec", "print(1 + 1)")
    assert (result.returncode, result.stdout) == (0, "2\n")
    process.stdin.close()
    process.stdin = None  # communicate() must not flush it
    out, err = process.communicate(timeout=15)
    assert process.returncode == 0 and "Traceback" not in err, err
    assert (tmp_path / "pins.vcd").read_text().startswith("$date")  # shutdown ran


@pytest.mark.parametrize("stdin", ["devnull", "none"])
def test_without_a_stdin_pipe_it_keeps_serving_until_sigterm(tmp_path, stdin):
    if stdin == "devnull":
        process, url = start_emulate(tmp_path)
    else:  # fd 0 not open at all
        process, url = start_emulate(tmp_path, stdin=None, close_stdin=True)
    result = mpt("-p", url, "exec", "print(1 + 1)")
    assert (result.returncode, result.stdout) == (0, "2\n")
    assert process.poll() is None  # still serving after a whole session
    status, err = stop(process)
    assert status == 0 and "Traceback" not in err, err
