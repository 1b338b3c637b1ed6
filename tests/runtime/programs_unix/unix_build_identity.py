# The unix port's standard build as the guest sees it: its platform and build name, the
# machine part of its banner, threads without a core limit, MICROPY_MEM_STATS' counters and
# the warnings a PC build prints (exception chaining).
import sys
import time

import _thread
import micropython

print(sys.platform, sys.implementation._build)
machine = sys.implementation._machine
print(machine.startswith("linux [") and machine.endswith("] version"))

lock = _thread.allocate_lock()
done = []


def worker(n):
    with lock:
        done.append(n)


for i in range(10):
    _thread.start_new_thread(worker, (i,))
while len(done) < 10:
    time.sleep_ms(5)
print(sorted(done))

print([name for name in ("mem_total", "mem_current", "mem_peak") if hasattr(micropython, name)])
total, current, peak = micropython.mem_total(), micropython.mem_current(), micropython.mem_peak()
print(total >= peak >= current > 0)
data = [bytearray(1000) for _ in range(20)]
print(micropython.mem_total() > total, micropython.mem_peak() >= micropython.mem_current())

try:
    try:
        raise ValueError("inner")
    except ValueError as exc:
        raise RuntimeError("outer") from exc
except RuntimeError as exc:
    print("caught", exc)
