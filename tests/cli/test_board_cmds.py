"""The board commands end to end: `mpt -p emu://...` against the emulated board (mpt's VM)."""

import hashlib
import json
import os
import subprocess
import sys

import pytest
from waiting import wait_until


@pytest.fixture
def board(tmp_path):
    flash = tmp_path / "flash"
    flash.mkdir()
    return {"url": f"emu://rp2?flash={flash}", "flash": flash, "tmp": tmp_path}


def mpt(board, *args, input=None):
    return subprocess.run([sys.executable, "-m", "mpt", "-p", board["url"], *args],
                          capture_output=True, timeout=120, input=input, cwd=board["tmp"])


def text(result):
    return result.stdout.decode()


def test_exec_streams_output_and_reports_exceptions(board):
    result = mpt(board, "exec", "for i in range(3):\n    print(i)")
    assert (result.returncode, text(result)) == (0, "0\n1\n2\n")
    result = mpt(board, "exec", "print('before')\nraise ValueError('bad value')")
    assert result.returncode == 1
    assert text(result) == "before\n"
    assert result.stderr.decode().endswith("ValueError: bad value\n")


def test_exec_file_and_eval(board):
    script = board["tmp"] / "script.py"
    script.write_text("import sys\nprint(sys.platform)\n")
    result = mpt(board, "exec", "-f", str(script), "+", "eval", "[1, 'two', None]", "+",
                 "eval", "--json", "{'a': (1, 2)}")
    assert result.returncode == 0, result.stderr
    assert text(result) == "rp2\n[1, 'two', None]\n{\"a\": [1, 2]}\n"


def test_copy_list_cat_remove(board):
    tmp = board["tmp"]
    (tmp / "main.py").write_text("print('hi')\n")
    (tmp / "lib" / "pkg").mkdir(parents=True)
    blob = os.urandom(10000)
    (tmp / "lib" / "pkg" / "blob.bin").write_bytes(blob)
    result = mpt(board, "cp", "-q", "main.py", ":", "+", "cp", "-q", "-r", "lib", ":", "+",
                 "ls", "+", "ls", "-r", "--json", ":lib")
    assert result.returncode == 0, result.stderr
    lines = text(result).splitlines()
    assert lines[:2] == ["lib/", "main.py"]
    listing = json.loads("\n".join(lines[2:]))
    assert [(e["name"], e["type"], e["size"]) for e in listing] == [
        ("pkg", "dir", 0), ("pkg/blob.bin", "file", 10000)]
    assert (board["flash"] / "lib" / "pkg" / "blob.bin").read_bytes() == blob
    result = mpt(board, "cat", ":main.py", "+", "sha256sum", ":lib/pkg/blob.bin")
    assert text(result) == ("print('hi')\n" + hashlib.sha256(blob).hexdigest() +
                            "  :lib/pkg/blob.bin\n")
    result = mpt(board, "cp", "-q", "-r", ":lib", str(tmp / "back"))
    assert result.returncode == 0, result.stderr
    assert (tmp / "back" / "pkg" / "blob.bin").read_bytes() == blob
    result = mpt(board, "rm", "-r", ":lib", "+", "rm", ":main.py", "+", "ls")
    assert (result.returncode, text(result)) == (0, "")


def test_mkdir_mv_touch_rmdir_tree_df(board):
    result = mpt(board, "mkdir", "-p", ":a/b/c", "+", "touch", ":a/b/f.txt", "+",
                 "mv", ":a/b/f.txt", ":a/g.txt", "+", "rmdir", ":a/b/c", "+", "tree", ":a",
                 "+", "df", "--json")
    assert result.returncode == 0, result.stderr
    out = text(result).splitlines()
    assert out[:3] == [":a", "├── b/", "└── g.txt (0)"]
    usage = json.loads(out[3])
    assert usage["size"] > usage["free"] > 0


def test_exit_codes(board):
    assert mpt(board, "cat", ":missing.txt").returncode == 4
    assert "no such file or directory" in mpt(board, "cat", ":missing.txt").stderr.decode()
    assert mpt(board, "cp", "a", "b").returncode == 2
    bad = subprocess.run([sys.executable, "-m", "mpt", "-p", "socket://127.0.0.1:9", "ls"],
                         capture_output=True, timeout=60)
    assert bad.returncode == 3
    assert bad.stderr.decode().startswith("mpt: error: cannot open socket://127.0.0.1:9")


def test_sync_transfers_only_differences(board):
    project = board["tmp"] / "project"
    (project / "lib").mkdir(parents=True)
    for i in range(5):
        (project / "lib" / f"m{i}.py").write_text(f"X = {i}\n")
    (project / "main.py").write_text("import lib\n")
    (project / "__pycache__").mkdir()
    (project / "__pycache__" / "junk.pyc").write_bytes(b"junk")
    first = mpt(board, "sync", str(project), ":app")
    assert first.returncode == 0, first.stderr
    assert "6 file(s) copied" in first.stderr.decode()
    assert not (board["flash"] / "app" / "__pycache__").exists()
    (project / "lib" / "m1.py").write_text("X = 'changed'\n")
    (project / "lib" / "m4.py").unlink()
    dry = mpt(board, "sync", "--delete", "--dry-run", str(project), ":app")
    assert text(dry).splitlines() == ["changed :/app/lib/m1.py", "delete  :/app/lib/m4.py"]
    assert (board["flash"] / "app" / "lib" / "m4.py").exists()
    second = mpt(board, "sync", "--delete", str(project), ":app")
    assert "1 file(s) copied" in second.stderr.decode()
    assert "1 deleted, 4 unchanged" in second.stderr.decode()
    assert (board["flash"] / "app" / "lib" / "m1.py").read_text() == "X = 'changed'\n"
    assert not (board["flash"] / "app" / "lib" / "m4.py").exists()


def test_info_json(board):
    result = mpt(board, "info", "--json")
    info = json.loads(text(result))
    assert info["platform"] == "rp2"
    assert info["version"] == "1.29.0"
    assert info["machine"] == "Raspberry Pi Pico with RP2040"


def test_devs_json_runs():
    result = subprocess.run([sys.executable, "-m", "mpt", "devs", "--json"], capture_output=True,
                            timeout=60)
    assert result.returncode == 0
    assert isinstance(json.loads(result.stdout), list)


def test_repl_from_a_pipe_with_capture(board):
    capture = board["tmp"] / "session.txt"
    result = mpt(board, "repl", "--capture", str(capture), input=b"x = 6 * 7\nprint(x)\n")
    assert result.returncode == 0, result.stderr
    assert b">>> print(x)\r\n42\r\n>>> " in result.stdout
    assert capture.read_bytes() == result.stdout


def test_repl_on_a_terminal_exits_with_ctrl_bracket(board):
    import pty
    import select
    import time
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "mpt", "-p", board["url"], "repl"],
                               stdin=slave, stdout=slave, stderr=slave, cwd=board["tmp"])
    os.close(slave)
    seen = b""

    def read_until(marker, limit=30):
        nonlocal seen
        end = time.monotonic() + limit
        while marker not in seen and time.monotonic() < end:
            if select.select([master], [], [], 0.2)[0]:
                seen += os.read(master, 4096)
        return marker in seen

    assert read_until(b">>> ")
    os.write(master, b"print('typed')\r")
    assert read_until(b"typed\r\n>>> ")
    os.write(master, b"\x1d")
    assert process.wait(timeout=20) == 0
    os.close(master)


def test_run_with_port_runs_on_the_board(board):
    script = board["tmp"] / "prog.py"
    script.write_text("import sys\nprint(sys.argv[1:], sys.platform)\n")
    result = mpt(board, "run", str(script), "one", "two")
    assert (result.returncode, text(result)) == (0, "['one', 'two'] rp2\n")
    failing = board["tmp"] / "fail.py"
    failing.write_text("print('start')\nraise OSError(5)\n")
    result = subprocess.run([sys.executable, "-m", "mpt", "run", "-p", board["url"], str(failing)],
                            capture_output=True, timeout=60)
    assert result.returncode == 1
    assert result.stdout == b"start\n"
    assert result.stderr.decode().endswith("OSError: [Errno 5] EIO\n")


def test_ctrl_c_during_cp_leaves_the_old_file(board):
    import signal
    (board["flash"] / "big.bin").write_bytes(b"old")
    (board["tmp"] / "big.bin").write_bytes(os.urandom(600_000))
    process = subprocess.Popen([sys.executable, "-m", "mpt", "-p", board["url"], "cp", "-q",
                                "big.bin", ":big.bin"], cwd=board["tmp"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    partial = board["flash"] / "big.bin.mpt-tmp"
    wait_until(lambda: partial.exists() and partial.stat().st_size > 0, what="the copy to start")
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 130, err
    assert (board["flash"] / "big.bin").read_bytes() == b"old"
    assert sorted(p.name for p in board["flash"].iterdir()) == ["big.bin"]


def test_exec_no_follow_leaves_the_program_running(board):
    result = mpt(board, "exec", "--no-follow", "import time\nn = 0\nwhile True:\n"
                 "    n += 1\n    time.sleep(0.01)", "+", "exec", "print(n > 0)")
    assert (result.returncode, text(result)) == (0, "True\n")


def test_sync_watch_copies_each_change(board):
    import signal
    project = board["tmp"] / "watched"
    project.mkdir()
    (project / "a.py").write_text("A = 1\n")
    process = subprocess.Popen([sys.executable, "-m", "mpt", "-p", board["url"], "sync",
                                "--watch", str(project), ":w"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def appears(path, content):
        return wait_until(lambda: path.exists() and path.read_text() == content,
                          what=f"{path} to hold {content!r}")

    try:
        assert appears(board["flash"] / "w" / "a.py", "A = 1\n")
        (project / "b.py").write_text("B = 2\n")
        assert appears(board["flash"] / "w" / "b.py", "B = 2\n")
        (project / "a.py").write_text("A = 'changed'\n")
        assert appears(board["flash"] / "w" / "a.py", "A = 'changed'\n")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)


def test_copy_within_the_board(board):
    result = mpt(board, "exec", "open('a.txt', 'w').write('abc')", "+", "cp", "-q", ":a.txt",
                 ":b.txt", "+", "mkdir", ":d", "+", "cp", "-q", ":a.txt", ":b.txt", ":d", "+",
                 "ls", "-r")
    assert (result.returncode, text(result)) == (0, "a.txt\nb.txt\nd/\nd/a.txt\nd/b.txt\n")
    assert (board["flash"] / "d" / "b.txt").read_text() == "abc"
