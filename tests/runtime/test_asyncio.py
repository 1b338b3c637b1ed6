"""asyncio on the VM. The webassembly MicroPython delegates asyncio to JavaScript, so there is
no reference recording; the expected order is MicroPython's scheduling (FIFO ready queue,
tasks started in creation order, timers by deadline)."""

from __future__ import annotations

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def test_asyncio_tasks_gather_timeouts_events_locks_cancel():
    p = subprocess.run([sys.executable, "-m", "mpt", "run", "asyncio_demo.py"],
                       capture_output=True, cwd=os.path.join(HERE, "data"), timeout=60)
    assert p.returncode == 0, p.stderr
    assert p.stdout.decode().splitlines() == [
        "a 0", "b 0", "a 1", "b 1", "a 2", "gathered ['bb', 'aa']", "slow 0", "slow 1",
        "timeout", "event set True", "locked True", "unlocked False", "caught bad", "c 0",
        "c 1", "cancelled", "7"]
