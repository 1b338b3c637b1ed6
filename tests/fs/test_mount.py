"""`mpt mount`: the board sees a host folder at /remote over its own serial line.

Against `mpt emulate` (the real protocol end to end: board helper on mpt's VM, served on TCP,
mpt's host server in the connection) and, for the library-level checks, emu://.
"""

import os
import subprocess
import sys

import pytest

from mpt.errors import RemoteException
from mpt.fs.mount import Mount
from mpt.fs.mount_server import MountServer
from mpt.transport.serial_transport import SerialTransport

BLOB = bytes(range(256)) * 40  # every byte value, past one read-ahead


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "project"
    (folder / "pkg").mkdir(parents=True)
    (folder / "helper.py").write_text("VALUE = 42\n\ndef double(x):\n    return 2 * x\n")
    (folder / "pkg" / "__init__.py").write_text("NAME = 'pkg'\n")
    (folder / "pkg" / "sub.py").write_text("from . import NAME\nFULL = NAME + '.sub'\n")
    (folder / "notes.txt").write_text("first line\nsecond line\nthird\n")
    (folder / "blob.bin").write_bytes(BLOB)
    (folder / "main.py").write_text(
        "import helper, pkg.sub\nprint('main', helper.double(helper.VALUE), pkg.sub.FULL)\n")
    return folder


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    process = subprocess.Popen(
        [sys.executable, "-m", "mpt", "emulate", "--tcp", "0",
         "--flash", str(tmp_path_factory.mktemp("flash"))],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    yield process.stdout.readline().strip()
    process.stdin.close()
    process.wait(timeout=30)


def mpt(*args, cwd=None):
    result = subprocess.run([sys.executable, "-m", "mpt", *args], capture_output=True,
                            text=True, timeout=120, cwd=cwd)
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def mounted(tmp_path, project):
    transport = SerialTransport(f"emu://rp2?flash={tmp_path / 'flash'}")
    mount = Mount(transport, str(project))
    mount.start()
    yield transport, mount
    mount.stop()
    transport.close()


def run(transport, code: str) -> str:
    return transport.exec(code, timeout=60).decode().replace("\r\n", "\n")


def test_mount_then_run_imports_from_the_host_folder(served, project):
    code, out, err = mpt("-p", served, "mount", str(project), "+", "run", "main.py",
                         cwd=project)
    assert code == 0, err
    assert out == "main 84 pkg.sub\n"
    assert f"mounted {project} at /remote" in err


def test_reads_on_the_mount(mounted):
    transport, _mount = mounted
    assert run(transport, "import os\nprint(os.getcwd(), sorted(os.listdir()))\n"
                          "print(sorted(os.listdir('/remote/pkg')))\n"
                          "print(os.stat('blob.bin')[6], os.stat('pkg')[0] & 0x4000)") == (
        "/remote ['blob.bin', 'helper.py', 'main.py', 'notes.txt', 'pkg']\n"
        "['__init__.py', 'sub.py']\n"
        f"{len(BLOB)} 16384\n")
    out = run(transport, "f = open('blob.bin', 'rb')\n"
                         "head = bytearray(1000)\n"
                         "print(f.readinto(head), f.tell())\n"
                         "f.seek(-10, 2)\n"
                         "tail = f.read()\n"
                         "f.seek(1000)\n"
                         "rest = f.read()\n"
                         "f.close()\n"
                         "data = bytes(head) + rest\n"
                         "print(len(data), data == bytes(range(256)) * 40, tail == data[-10:])")
    assert out == f"1000 1000\n{len(BLOB)} True True\n"
    out = run(transport, "with open('notes.txt') as f:\n"
                         "    print(repr(f.readline()))\n"
                         "    print([line.strip() for line in f])\n"
                         "print(repr(open('notes.txt').read(5)))")
    assert out == "'first line\\n'\n['second line', 'third']\n'first'\n"


def test_writes_and_changes_on_the_mount(mounted, project):
    transport, _mount = mounted
    out = run(transport, "import os\n"
                         "with open('out.bin', 'wb') as f:\n"
                         "    for i in range(40):\n"
                         "        f.write(bytes(range(256)))\n"
                         "with open('log.txt', 'w') as f:\n"
                         "    f.write('one\\n')\n"
                         "with open('log.txt', 'a') as f:\n"
                         "    print(f.write('two\\n'))\n"
                         "os.mkdir('made')\n"
                         "os.rename('log.txt', 'made/log.txt')\n"
                         "print(sorted(os.listdir('made')), 'log.txt' in os.listdir())\n"
                         "os.remove('notes.txt')\n"
                         "os.mkdir('gone')\n"
                         "os.rmdir('gone')\n"
                         "print(os.statvfs('/remote')[0] > 0)")
    assert out == "4\n['log.txt'] False\nTrue\n"
    assert (project / "out.bin").read_bytes() == BLOB
    assert (project / "made" / "log.txt").read_text() == "one\ntwo\n"
    assert not (project / "notes.txt").exists() and not (project / "gone").exists()


def test_errors_come_back_as_the_boards_oserrors(mounted):
    transport, _mount = mounted
    out = run(transport, "import os\n"
                         "for op in (lambda: open('missing.txt'), lambda: os.stat('nope'),\n"
                         "           lambda: os.listdir('missing'), lambda: os.mkdir('pkg'),\n"
                         "           lambda: os.rmdir('pkg'), lambda: os.remove('pkg')):\n"
                         "    try:\n"
                         "        op()\n"
                         "    except OSError as e:\n"
                         "        print(e.args[0])")
    assert out.split() == ["2", "2", "2", "17", "39", "21"]
    with pytest.raises(RemoteException, match="ImportError: no module named 'absent'"):
        transport.exec("import absent")


def test_the_board_cannot_leave_the_folder(tmp_path, project):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    (project / "link.txt").symlink_to(outside)
    (project / "inside.txt").symlink_to(project / "helper.py")
    transport = SerialTransport(f"emu://rp2?flash={tmp_path / 'flash'}")
    try:
        mount = Mount(transport, str(project))
        mount.start()
        out = run(transport, "import os\n"
                             "try:\n"
                             "    open('link.txt').read()\n"
                             "except OSError as e:\n"
                             "    print('refused', e.args[0])\n"
                             "print(open('inside.txt').read().split()[0])\n"
                             "print('link.txt' in os.listdir(), open('pkg/../helper.py').read(5))")
        assert out == "refused 13\nVALUE\nFalse VALUE\n"
        mount.stop()
        unsafe = Mount(transport, str(project), unsafe_links=True)
        unsafe.start()
        assert run(transport, "print(open('link.txt').read())") == "secret\n"
        unsafe.stop()
    finally:
        transport.close()
    server = MountServer(str(project), lambda data: None)
    for path in ("/../secret.txt", "/pkg/../../secret.txt", "../x"):
        with pytest.raises(OSError):
            server.host_path(path)
    assert server.host_path("/pkg/sub.py") == str(project / "pkg" / "sub.py")


def test_ctrl_c_stops_a_program_busy_on_the_mount_and_the_mount_still_works(mounted):
    transport, _mount = mounted
    transport.start("while True:\n    open('blob.bin', 'rb').read()\n")
    transport.enter_raw_repl()  # Ctrl-C, as `mpt` does before the next command
    assert run(transport, "import helper\nprint(open('notes.txt').readline().strip())") == (
        "first line\n")


def test_a_soft_reset_mounts_the_folder_again_before_the_next_command(mounted):
    transport, mount = mounted
    transport.soft_reset()
    assert mount.needs_remount
    assert run(transport, "import os\nprint(os.getcwd())\nimport helper\nprint(helper.VALUE)") == (
        "/remote\n42\n")


def test_program_output_between_requests_is_untouched(mounted):
    transport, _mount = mounted
    out = run(transport, "for i in range(3):\n"
                         "    print('line', i, open('notes.txt').read(5), end='\\x18!\\n')")
    assert out == "".join(f"line {i} first\x18!\n" for i in range(3))


def test_mount_then_repl_keeps_keys_typed_while_the_board_waits_for_the_mount(served, project):
    # the whole input arrives at once: the second line reaches the board while it is still
    # importing over the mount, and must come back to the REPL in order
    result = subprocess.run(
        [sys.executable, "-m", "mpt", "-p", served, "mount", str(project), "+", "repl"],
        input=b"import helper, pkg.sub\nprint(helper.double(21), pkg.sub.FULL)\n",
        capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (b">>> import helper, pkg.sub\r\n>>> print(helper.double(21), pkg.sub.FULL)\r\n"
            b"42 pkg.sub\r\n>>> ") in result.stdout


def test_repl_mounts_the_folder_again_after_a_soft_reset(served, project):
    import select
    import time
    process = subprocess.Popen(
        [sys.executable, "-m", "mpt", "-p", served, "mount", str(project), "+", "repl"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    seen = bytearray()

    def wait_for(text: bytes) -> None:
        deadline = time.monotonic() + 60
        while text not in seen:
            assert time.monotonic() < deadline, f"no {text!r} in {bytes(seen[-300:])!r}"
            ready, _, _ = select.select([process.stdout], [], [], 1)
            if ready:
                chunk = os.read(process.stdout.fileno(), 4096)
                assert chunk, f"mpt ended early: {bytes(seen[-300:])!r}"
                seen.extend(chunk)

    try:
        wait_for(b">>> ")
        process.stdin.write(b"\x04")  # Ctrl-D: soft reset at the prompt
        process.stdin.flush()
        wait_for(b"[mpt: the folder is mounted again at /remote]")
        process.stdin.write(b"import os, helper\nprint(os.getcwd(), helper.VALUE)\n")
        process.stdin.close()
        wait_for(b"/remote 42\r\n")
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def test_run_of_an_mpy_with_the_folder_mounted(served, project):
    (project / "prog.py").write_text("import helper\nprint('mpy', helper.VALUE)\n")
    assert mpt("compile", str(project / "prog.py"))[0] == 0
    code, out, err = mpt("-p", served, "mount", str(project), "+", "run",
                         str(project / "prog.mpy"))
    assert (code, out) == (0, "mpy 42\n"), err


def test_the_server_spots_a_soft_reset_once_even_across_reads(project):
    server = MountServer(str(project), lambda data: None)
    assert server.feed(b"a program saying soft reboot\r\n") == b"a program saying soft reboot\r\n"
    assert not server.soft_reboot_seen
    server.feed(b"\x04\x04MPY: soft re")
    server.feed(b"boot\r\nraw REPL; CTRL-B to exit\r\n>")
    assert server.soft_reboot_seen
    server.soft_reboot_seen = False  # mounted again
    server.feed(b"OK\x04\x04>")
    assert not server.soft_reboot_seen


def test_commands_chained_after_mount_talk_to_the_mounted_board(served, project):
    # -p given to mount only: run and exec that follow go to that board, not elsewhere
    code, out, err = mpt("mount", "-p", served, str(project), "+", "run", "main.py", "+",
                         "exec", "import os\nprint(os.getcwd())", cwd=project)
    assert (code, out) == (0, "main 84 pkg.sub\n/remote\n"), err


def test_mount_alone_opens_the_repl_with_the_folder_mounted(served, project):
    result = subprocess.run([sys.executable, "-m", "mpt", "-p", served, "mount", str(project)],
                            input=b"import helper\nprint(helper.double(5))\n",
                            capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert b">>> print(helper.double(5))\r\n10\r\n>>> " in result.stdout


def test_ctrl_c_on_the_host_stops_a_mounted_run_and_leaves_the_board_usable(served, project):
    import select
    import signal
    import time
    (project / "busy.py").write_text("print('started')\nwhile True:\n"
                                     "    open('blob.bin', 'rb').read()\n")
    process = subprocess.Popen([sys.executable, "-m", "mpt", "-p", served, "mount",
                                str(project), "+", "run", "busy.py"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=project)
    try:
        deadline = time.monotonic() + 60
        seen = b""
        while b"started" not in seen:
            assert time.monotonic() < deadline, seen
            if select.select([process.stdout], [], [], 1)[0]:
                seen += os.read(process.stdout.fileno(), 100)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 130
    finally:
        if process.poll() is None:
            process.kill()
    code, out, err = mpt("-p", served, "mount", str(project), "+", "exec",
                         "import helper\nprint(helper.VALUE)")
    assert (code, out) == (0, "42\n"), err


def test_reset_soft_in_a_chain_keeps_the_folder_mounted(served, project):
    code, out, err = mpt("-p", served, "mount", str(project), "+", "exec", "x = 1", "+",
                         "reset", "--soft", "+", "exec",
                         "import helper\nprint('x' in globals(), helper.VALUE)")
    assert (code, out) == (0, "False 42\n"), err
