"""`mpt -v` / `-vv`: mpt's loggers on stderr; without -v nothing extra appears."""

import os
import subprocess
import sys


def mpt(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "mpt", *args], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path,
                          env={k: v for k, v in os.environ.items() if k != "MPT_PORT"})


def test_vv_shows_the_raw_repl_bytes_sent_and_received(tmp_path):
    result = mpt(tmp_path, "-vv", "-p", "emu", "exec", "print(6 * 7)")
    assert (result.returncode, result.stdout) == (0, "42\n"), result.stderr
    lines = result.stderr.splitlines()
    # entering the raw REPL (Ctrl-A) and the board's banner in answer, as bytes
    assert "mpt.transport: emu://: sent 2 bytes b'\\r\\x01'" in lines
    assert any(line.startswith("mpt.transport: emu://: received ")
               and "raw REPL; CTRL-B to exit" in line for line in lines), lines
    # the code itself, and the commands at INFO
    assert any("sent" in line and "print(6 * 7)" in line for line in lines), lines
    assert "mpt.transport: emu://: entering the raw REPL" in lines
    assert all(line.startswith("mpt.") for line in lines), lines


def test_v_shows_commands_but_no_bytes(tmp_path):
    result = mpt(tmp_path, "-v", "-p", "emu", "exec", "print(6 * 7)")
    assert (result.returncode, result.stdout) == (0, "42\n"), result.stderr
    lines = result.stderr.splitlines()
    assert "mpt.transport: emu://: entering the raw REPL" in lines
    assert any(line.startswith("mpt.transport: emu://: running ") for line in lines), lines
    assert not any(": sent " in line or ": received " in line for line in lines), lines


def test_without_v_nothing_extra_appears(tmp_path):
    result = mpt(tmp_path, "-p", "emu", "exec", "print(6 * 7)")
    assert (result.returncode, result.stdout, result.stderr) == (0, "42\n", "")
    script = tmp_path / "hello.py"
    script.write_text("print('hello')\n")
    result = mpt(tmp_path, "run", "hello.py")
    assert (result.returncode, result.stdout, result.stderr) == (0, "hello\n", "")


def test_v_logs_the_run_of_mpt_run(tmp_path):
    (tmp_path / "hello.py").write_text("import sys\nsys.exit(3)\n")
    result = mpt(tmp_path, "-v", "run", "hello.py", "--flash", str(tmp_path / "flash"))
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        "mpt.runtime: running hello.py (23 bytes) with argv ['hello.py']",
        "mpt.runtime: the run ended: exit"]
