"""mpremote 1.29's `mount` works against `mpt emulate`: the board's sys.stdin.buffer can be
polled and both console buffers carry binary data unchanged, as on a real board."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

MPREMOTE = Path(sys.executable).parent / "mpremote"
pytestmark = pytest.mark.skipif(not MPREMOTE.exists(), reason="mpremote not installed")

# every byte value, so CR, LF, Ctrl-C, Ctrl-D and mpremote's 0x18 sync byte are all in the data
BLOB = bytes(range(256)) * 12


@pytest.fixture(scope="module")
def url(tmp_path_factory):
    process = subprocess.Popen(
        [sys.executable, "-m", "mpt", "emulate", "--tcp", "0",
         "--flash", str(tmp_path_factory.mktemp("flash"))],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    yield process.stdout.readline().strip()
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "helper.py").write_text("VALUE = 42\ndef double(x):\n    return 2 * x\n")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("NAME = 'pkg'\n")
    (tmp_path / "pkg" / "sub.py").write_text("from . import NAME\nFULL = NAME + '.sub'\n")
    (tmp_path / "blob.bin").write_bytes(BLOB)
    return tmp_path


def mount_exec(url, folder, code):
    result = subprocess.run([str(MPREMOTE), "connect", url, "mount", str(folder), "exec", code],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Local directory {folder} is mounted at /remote"
    return lines[1:]


def test_imports_and_listdir_from_the_mounted_folder(url, project):
    out = mount_exec(url, project, "import os, helper, pkg.sub\n"
                                   "print(os.getcwd(), helper.VALUE, helper.double(4), pkg.sub.FULL)\n"
                                   "print(sorted(os.listdir()), sorted(os.listdir('pkg')))\n"
                                   "print(os.stat('blob.bin')[6])")
    assert out == ["/remote 42 8 pkg.sub",
                   "['blob.bin', 'helper.py', 'pkg'] ['__init__.py', 'sub.py']",
                   str(len(BLOB))]


def test_binary_reads_and_readinto_arrive_unchanged(url, project):
    out = mount_exec(url, project, "import hashlib, binascii\n"
                                   "f = open('blob.bin', 'rb')\n"
                                   "head = bytearray(300)\n"
                                   "n = f.readinto(head)\n"
                                   "rest = f.read()\n"
                                   "f.close()\n"
                                   "print(n, len(rest))\n"
                                   "print(binascii.hexlify(hashlib.sha256(head + rest).digest()))")
    assert out == [f"300 {len(BLOB) - 300}", f"b'{hashlib.sha256(BLOB).hexdigest()}'"]


def test_binary_writes_reach_the_host_unchanged(url, project):
    out = mount_exec(url, project, "data = bytes(range(256)) * 12\n"
                                   "with open('written.bin', 'wb') as f:\n"
                                   "    print(f.write(data))\n"
                                   "with open('notes.txt', 'w') as f:\n"
                                   "    f.write('line one\\nline two\\n')\n"
                                   "print(open('notes.txt').read().split())")
    assert out == [str(len(BLOB)), "['line', 'one', 'line', 'two']"]
    assert (project / "written.bin").read_bytes() == BLOB
    assert (project / "notes.txt").read_bytes() == b"line one\nline two\n"
