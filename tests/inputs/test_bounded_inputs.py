"""Endless and oversized input files (issue 15): every command that reads a file whole refuses
/dev/zero, a FIFO whose writer never stops, an endless stdin and an oversized regular file with
one line naming the file and the limit (exit 2), instead of reading until memory runs out; and
a FIFO that no program opens for writing, after a bounded wait, instead of blocking forever."""

from __future__ import annotations

import errno
import os
import threading
import time

import pytest

import mpt.hostfiles
from mpt.hostfiles import FIRMWARE, MPY, SOURCE, InputKind, read_input
from mpt.errors import InputFileError
from tests.inputs.inproc import run_mpt
from waiting import wait_until, wait_until_blocked

ZERO = "/dev/zero"

# (argv with {f} for the input, what the error calls it)
COMMANDS = [
    (["compile", "{f}", "-o", "out.mpy"], "a Python source file (over 16 MiB)"),
    (["disasm", "{f}"], "a .mpy file (over 16 MiB)"),
    (["firmware", "info", "{f}"], "a firmware image (over 128 MiB)"),
    (["firmware", "verify", "{f}"], "a firmware image (over 128 MiB)"),
    (["run", "{f}"], "a Python source file (over 16 MiB)"),
    (["-p", "emu", "exec", "--file", "{f}"], "a Python source file (over 16 MiB)"),
    (["-p", "emu", "cp", "{f}", ":x"], "a file to copy to a board (over 16 MiB)"),
    (["-p", "emu", "run", "{f}"], "a Python source file (over 16 MiB)"),
]


def refused(outcome, name, what):
    assert not outcome.traceback and not outcome.hang, outcome.traceback
    assert outcome.code == 2, outcome
    assert outcome.stderr.splitlines()[-1] == f"mpt: error: {name}: too large for {what}"


@pytest.mark.skipif(not os.path.exists(ZERO), reason="needs /dev/zero")
@pytest.mark.parametrize("argv, what", COMMANDS, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_dev_zero_is_refused(tmp_path, monkeypatch, argv, what):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPT_PORT", "")
    refused(run_mpt([a.format(f=ZERO) for a in argv], timeout=60), ZERO, what)
    assert list(tmp_path.iterdir()) in ([], [tmp_path / ".mpt"])  # no half-written output


def _endless_writer(path):
    """Write to FIFO ``path`` until its reader goes away."""
    def write():
        try:
            with open(path, "wb") as fifo:
                piece = b"x = 1\n" * 10000
                while True:
                    fifo.write(piece)
        except (BrokenPipeError, OSError):
            pass
    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("argv, what", [COMMANDS[0], COMMANDS[1], COMMANDS[2], COMMANDS[6]],
                         ids=["compile", "disasm", "firmware-info", "cp"])
def test_a_fifo_that_never_ends_is_refused(tmp_path, monkeypatch, argv, what):
    monkeypatch.chdir(tmp_path)
    os.mkfifo("endless")
    writer = _endless_writer("endless")
    refused(run_mpt([a.format(f="endless") for a in argv], timeout=60), "endless", what)
    writer.join(30)
    assert not writer.is_alive()
    assert not (tmp_path / "out.mpy").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("argv", [COMMANDS[0][0], COMMANDS[1][0], COMMANDS[2][0], COMMANDS[4][0],
                                  COMMANDS[6][0]],
                         ids=["compile", "disasm", "firmware-info", "run", "cp"])
def test_a_fifo_nobody_writes_to_is_refused_after_a_bounded_wait(tmp_path, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPT_PORT", "")
    monkeypatch.setattr(mpt.hostfiles, "FIFO_WRITER_WAIT_S", 0.3)
    os.mkfifo("lonely")
    started = time.monotonic()
    outcome = run_mpt([a.format(f="lonely") for a in argv], timeout=60)
    assert time.monotonic() - started >= 0.3
    assert not outcome.traceback and not outcome.hang, outcome.traceback
    assert outcome.code == 2, outcome
    assert outcome.stderr.splitlines() == [
        "mpt: error: cannot read lonely: it is a FIFO (named pipe) that no program opened "
        "for writing within 0.3 s"]
    assert not (tmp_path / "out.mpy").exists()


def _reader_present(path) -> bool:
    """Whether a program has FIFO ``path`` open for reading (a non-blocking open for writing
    fails with ENXIO while none has)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            return False
        raise
    return True


def _read_in_thread(path, kind):
    result = {}

    def read():
        try:
            result["data"] = read_input(path, kind)
        except BaseException as exc:  # handed to the test
            result["error"] = exc
    thread = threading.Thread(target=read)
    thread.start()
    return thread, result


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_whose_writer_comes_while_mpt_waits_is_read(tmp_path):
    fifo = tmp_path / "late"
    os.mkfifo(fifo)
    thread, result = _read_in_thread(fifo, SOURCE)
    wait_until(lambda: _reader_present(fifo), what="mpt to wait on the FIFO")
    with open(fifo, "wb") as writer:  # the writer comes only now
        writer.write(b"x = 1\n")
    thread.join(30)
    assert result == {"data": b"x = 1\n"}
    # a writer that opens it and goes away without writing: an empty file
    thread, result = _read_in_thread(fifo, SOURCE)
    wait_until(lambda: _reader_present(fifo), what="mpt to wait on the FIFO")
    open(fifo, "wb").close()
    thread.join(30)
    assert result == {"data": b""}


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.isdir("/proc/self/task"),
                    reason="needs FIFOs and Linux's /proc")
def test_a_writer_that_is_there_is_waited_for_however_long_it_is_silent(tmp_path, monkeypatch):
    monkeypatch.setattr(mpt.hostfiles, "FIFO_WRITER_WAIT_S", 0.0)
    fifo = tmp_path / "slow"
    os.mkfifo(fifo)
    writer = os.open(fifo, os.O_RDWR)  # (a FIFO opened read-write does not wait for a partner)
    try:
        thread, result = _read_in_thread(fifo, SOURCE)
        wait_until_blocked(thread.native_id)  # waiting for the data, not refusing the FIFO
        assert result == {}
        os.write(writer, b"y = 2\n")
    finally:
        os.close(writer)
    thread.join(30)
    assert result == {"data": b"y = 2\n"}


def test_endless_stdin_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    refused(run_mpt(["compile", "-"], stdin=b"#" * (SOURCE.limit + 1)), "<stdin>",
            "a Python source file (over 16 MiB)")


def test_an_oversized_regular_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with open("huge.mpy", "wb") as f:
        f.truncate(MPY.limit + 1)  # sparse: nothing to read would fit the bound anyway
    refused(run_mpt(["disasm", "huge.mpy"]), "huge.mpy", "a .mpy file (over 16 MiB)")
    with open("huge.bin", "wb") as f:
        f.truncate(FIRMWARE.limit + 1)
    refused(run_mpt(["firmware", "info", "huge.bin"]), "huge.bin",
            "a firmware image (over 128 MiB)")


def test_the_bound_is_exact(tmp_path):
    kind = InputKind("test input", 10)
    (tmp_path / "ten").write_bytes(b"0123456789")
    (tmp_path / "eleven").write_bytes(b"0123456789A")
    assert read_input(tmp_path / "ten", kind) == b"0123456789"
    with pytest.raises(InputFileError, match=r"eleven: too large for a test input \(over 10 bytes\)"):
        read_input(tmp_path / "eleven", kind)
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe")
        thread = threading.Thread(target=lambda: (tmp_path / "pipe").write_bytes(b"0123456789"))
        thread.start()
        assert read_input(tmp_path / "pipe", kind) == b"0123456789"
        thread.join(30)


def test_a_folder_and_a_missing_file(tmp_path):
    with pytest.raises(InputFileError, match="it is a directory \\(try this\\)$"):
        read_input(tmp_path, SOURCE, folder_hint="try this")
    with pytest.raises(InputFileError, match="cannot read .*nope: No such file or directory"):
        read_input(tmp_path / "nope", SOURCE)
