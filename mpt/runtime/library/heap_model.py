"""The emulated board's MicroPython heap, as gc and micropython report it.

Guest values are host values, so there is no guest heap to measure. The model: the heap's size
is the board profile's; what the guest uses is what MicroPython has in use after boot plus the
host's allocations since the board started, counted the way MicroPython would count them
(every small host object one 16-byte GC block; big buffers by their size, from the C
allocator's statistics where glibc provides them). The numbers move when the program
allocates and fall back after it frees and collects, which is what programs watching
gc.mem_free() look for; they are plausible, not a replay of a real board's heap.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys

from mpt.runtime.library.heap_lock import HeapLock

BYTES_PER_BLOCK = 16  # MICROPY_BYTES_PER_GC_BLOCK on 32-bit ports
DEFAULT_HEAP_BYTES = 2_072_832  # an interpreter without a board
BOOT_USED_BYTES = 4_736  # in use right after a soft reset (rp2 prints about this much)
# the usable C stack (stack_limit) per platform: the port's stack minus its check margin
STACK_LIMITS = {"rp2": 8192 - 256, "esp32": 16384 - 1024, "pyboard": 16384 - 1024}
STACK_IN_USE = 532
# Host allocations smaller than this between two readings are the reading's own noise (the
# int a gc.mem_free() call returns is a host object): they do not move the guest's heap, so
# gc.mem_free() + gc.mem_alloc() is the heap's size, as on a board.
HOST_NOISE_BYTES = 256


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]


def _c_allocator_probe():
    try:
        probe = ctypes.CDLL(None).mallinfo2
    except (OSError, AttributeError, TypeError):  # not glibc (or no C library by name)
        return None
    probe.restype = _MallInfo2
    probe.argtypes = []
    return probe


_MALLINFO = _c_allocator_probe()


def _host_bytes() -> int:
    """The host's allocations, in the guest's units."""
    total = sys.getallocatedblocks() * BYTES_PER_BLOCK
    if _MALLINFO is not None:
        info = _MALLINFO()
        total += info.uordblks + info.hblkhd
    return total


class GuestHeap:
    def __init__(self, total: int, platform: str | None = None):
        self.total = total - total % BYTES_PER_BLOCK
        self.stack_limit = STACK_LIMITS.get(platform or "", 40_000)
        self._host_at_boot = _host_bytes()
        self._host_seen = self._host_at_boot
        self.heap_lock = HeapLock()
        # MICROPY_MEM_STATS' counters: bytes ever allocated (each reading's growth), the
        # largest reading
        self._stats_last = self._stats_peak = self._stats_total = BOOT_USED_BYTES

    def _host_reading(self) -> int:
        now = _host_bytes()
        if abs(now - self._host_seen) >= HOST_NOISE_BYTES:
            self._host_seen = now
        return self._host_seen

    def used(self) -> int:
        now = self._host_reading()
        if now < self._host_at_boot:
            self._host_at_boot = now  # the host freed more than it had at boot: a new floor
        used = BOOT_USED_BYTES + now - self._host_at_boot
        used -= used % BYTES_PER_BLOCK
        return min(used, self.total - BYTES_PER_BLOCK)

    def free(self) -> int:
        return self.total - self.used()

    def mem_stats(self, current: int | None = None) -> tuple[int, int, int]:
        """(total, current, peak) bytes allocated, as MICROPY_MEM_STATS counts them
        (py/malloc.c): the total only grows, the peak is the largest current seen;
        ``current``: a reading of used() just taken."""
        if current is None:
            current = self.used()
        self._stats_total += max(0, current - self._stats_last)
        self._stats_last = current
        self._stats_peak = max(self._stats_peak, current)
        return self._stats_total, current, self._stats_peak

    def stack_in_use(self) -> int:
        return STACK_IN_USE

    def lock(self) -> None:
        """micropython.heap_lock(): nests; see mpt.runtime.library.heap_lock."""
        self.heap_lock.lock()

    def unlock(self) -> int:
        """micropython.heap_unlock(): the depth still locked (gc_unlock never goes below 0)."""
        return self.heap_lock.unlock()

    def qstr_counts(self) -> tuple[int, int, int]:
        """(n_qstr, n_str_data_bytes, n_total_bytes) for qstr_info(): a freshly booted
        firmware's dynamic qstr pool is small; it grows a little with the program."""
        n_qstr = 2
        return n_qstr, 30, 206

    def layout_text(self) -> str:
        """mem_info(1)'s block map (gc_dump_alloc_table): one character per 16-byte block,
        64 per line, '.' for free blocks; long free runs are summarised."""
        blocks = self.total // BYTES_PER_BLOCK
        used = self.used() // BYTES_PER_BLOCK
        lines = ["GC memory layout; from 20000000:"]
        row = 0
        while row * 64 < blocks:
            start = row * 64
            if start >= used and blocks - start >= 128:
                free_lines = (blocks - start) // 64
                lines.append(f"       ({free_lines} lines all free)")
                row += free_lines
                continue
            cells = "".join("h" if b < used else "." for b in range(start, min(start + 64,
                                                                                blocks)))
            lines.append(f"{start * BYTES_PER_BLOCK:08x}: {cells}")
            row += 1
        return "\n".join(lines) + "\n"

    def info_text(self, mem_stats: bool = False) -> str:
        """micropython.mem_info()'s lines (py/modmicropython.c, gc_dump_info in py/gc.c);
        ``mem_stats``: a build with MICROPY_MEM_STATS, whose first line counts allocations."""
        used = self.used()
        stats = "mem: total=%d, current=%d, peak=%d\n" % self.mem_stats(used) if mem_stats \
            else ""
        free = self.total - used
        blocks = used // BYTES_PER_BLOCK
        return stats + (f"stack: {STACK_IN_USE} out of {self.stack_limit}\n"
                f"GC: total: {self.total}, used: {used}, free: {free}\n"
                f" No. of 1-blocks: {blocks * 6 // 10}, 2-blocks: {blocks // 10}, "
                f"max blk sz: {max(8, blocks // 50)}, max free sz: {free // BYTES_PER_BLOCK}\n")


def heap_for(ctx) -> GuestHeap:
    """The board's heap model, shared by the gc and micropython modules."""
    heap = ctx.extra.get("guest_heap")
    if heap is None:
        profile = getattr(ctx.board, "profile", None)
        if profile is not None:
            heap = GuestHeap(profile.heap_bytes, profile.platform)
        else:
            heap = GuestHeap(DEFAULT_HEAP_BYTES)
        ctx.extra["guest_heap"] = heap
    return heap


# How much more address space a guest program may make the host process use. A board runs
# out of heap long before this; the limit only keeps a runaway allocation (a list of a
# billion items) from exhausting the host: the host's MemoryError reaches the guest as
# MicroPython's MemoryError instead.
HOST_HEADROOM_BYTES = 2 << 30


@contextlib.contextmanager
def host_memory_limit(headroom: int = HOST_HEADROOM_BYTES):
    """Cap the process's address space at its current size plus ``headroom`` while the
    guest runs (POSIX only; a no-op where resource limits are unavailable)."""
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm", encoding="ascii") as statm:
            current = int(statm.read().split()[0]) * resource.getpagesize()
    except (ImportError, OSError, ValueError):
        yield
        return
    limit = current + headroom
    if soft != resource.RLIM_INFINITY and soft <= limit or \
            hard != resource.RLIM_INFINITY and hard < limit:
        yield  # already limited at least as tightly
        return
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def release_heap_lock(ctx) -> None:
    """The program ended or the board reset: a heap it left locked is unlocked (a soft
    reset re-initialises MicroPython's heap)."""
    heap = ctx.extra.get("guest_heap")
    if heap is not None:
        heap.heap_lock.release_all()
