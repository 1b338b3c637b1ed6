"""What a port's `_thread` allows (data only: the ports name theirs without loading the
module itself, mpt.runtime.library.thread_mod)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ThreadPolicy:
    """A port's threads: how many may run besides the main one (None: no limit), the
    OSError text when no more can, idents (main's, then the n-th started thread's
    ``first_ident + n * ident_step``), thread stack sizes, whether threads share a GIL,
    and how many backward jumps a
    thread runs before the next one gets its turn."""

    max_extra: int | None = None
    busy_message: str = "can't create thread"
    main_ident: int = 1
    first_ident: int = 2
    ident_step: int = 1
    switch_every: int = 32
    # the new thread runs on a core of its own: it starts at once (gets the first turn)
    own_core: bool = False
    # MICROPY_PY_THREAD_GIL (on unless the port turns it off, as the rp2 does): without
    # it only the main thread runs micropython.schedule() callbacks
    gil: bool = True

    def ident(self, serial: int) -> int:
        return self.first_ident + serial * self.ident_step
