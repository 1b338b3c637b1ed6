"""An emu:// board opened through the Python API (SerialTransport) runs in a child process
that confines itself, as `-p emu` does for the command line; in this process only when the
caller asks for it."""

import os

import pytest

from mpt.transport import serial_transport
from mpt.transport.serial_transport import SerialTransport

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the child emulator needs POSIX")


def board_pid_and_answer(transport: SerialTransport) -> tuple[int | None, str]:
    port = transport.link.port
    process = getattr(port, "process", None)
    return (process.pid if process is not None else None,
            transport.exec("print(6 * 7)").decode().strip())


def test_the_api_runs_the_board_in_a_confined_child_by_default(tmp_path, monkeypatch):
    monkeypatch.setattr(serial_transport, "EMULATOR_PROCESS_BY_DEFAULT", True)  # the library's
    transport = SerialTransport(f"emu://rp2?flash={tmp_path}")
    try:
        pid, answer = board_pid_and_answer(transport)
        assert answer == "42" and pid is not None and pid != os.getpid()
        with open(f"/proc/{pid}/status") as status:  # Linux: the child is confined
            fields = dict(line.split(":\t", 1) for line in status.read().splitlines()
                          if ":\t" in line)
        if os.path.exists("/proc/self/status"):
            assert fields["NoNewPrivs"].strip() == "1"
            assert fields["Seccomp"].strip() == "2"  # a filter is installed
    finally:
        transport.close()


def test_in_process_only_when_asked(tmp_path):
    transport = SerialTransport(f"emu://rp2?flash={tmp_path}", emulator_process=False)
    try:
        assert board_pid_and_answer(transport) == (None, "42")
    finally:
        transport.close()
