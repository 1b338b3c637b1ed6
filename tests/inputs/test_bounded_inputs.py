"""Endless and oversized input files (issue 15): every command that reads a file whole refuses
/dev/zero, a FIFO whose writer never stops, an endless stdin and an oversized regular file with
one line naming the file and the limit (exit 2), instead of reading until memory runs out."""

from __future__ import annotations

import os
import threading

import pytest

from mpt.hostfiles import FIRMWARE, MPY, SOURCE, InputKind, read_input
from mpt.errors import InputFileError
from tests.inputs.inproc import run_mpt

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
