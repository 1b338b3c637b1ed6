"""The unix port's identity for the `mpt-micropython` drop-in (ports/unix, standard variant).

The drop-in stands in for the unix binary, so the guest sees that build: ``sys.platform`` is
``linux``, its language switches are the standard variant's, and ``_thread`` starts threads
without a core limit (pthreads). The VM under it is the emulated boards' 32-bit machine, so
the hardware model (machine's pins and buses, the native architecture) is the rp2 board's,
which the drop-in ran on before it had an identity of its own.
"""

from __future__ import annotations

from mpt.runtime.board.ports.rp2 import Rp2Port
from mpt.runtime.library.thread_policy import ThreadPolicy
from mpt.runtime.vm.features import UNIX_STANDARD


class UnixPort(Rp2Port):
    name = "linux"  # MICROPY_PY_SYS_PLATFORM on a Linux host
    modules: frozenset[str] = frozenset()  # none of the boards' port modules
    features = UNIX_STANDARD
    # pthreads: no limit but memory; idents are the threads' serial numbers
    thread_policy = ThreadPolicy()
