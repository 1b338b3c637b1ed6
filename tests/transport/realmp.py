"""Real MicroPython 1.29 (webassembly build) served on TCP, as a reference board for tests."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).parent
PACKAGE = Path("/work/ref/node_modules/@micropython/micropython-webassembly-pyscript")


def available() -> bool:
    return shutil.which("node") is not None and (PACKAGE / "micropython.mjs").is_file()


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
