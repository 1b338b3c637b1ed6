"""The guest's `weakref` module (ref and finalize) on the host's weak references.

MicroPython frees unreachable objects only when the collector runs; the host frees them as
soon as their last reference goes. To keep MicroPython's timing, every object given to
ref()/finalize() is also held by the interpreter until the next gc.collect() (see gc_mod),
so callbacks run inside gc.collect() as on a board. Exceptions raised by a callback run by
the collector are printed as MicroPython prints them and swallowed.
"""

from __future__ import annotations

import weakref

KEEPALIVE_KEY = "weakref_keepalive"
_MAX_KEPT = 100_000


def keepalive_list(ctx) -> list:
    return ctx.extra.setdefault(KEEPALIVE_KEY, [])


def make_module(ctx):
    interp = ctx.interpreter
    kept = keepalive_list(ctx)

    def hold(obj):
        if len(kept) >= _MAX_KEPT:
            del kept[: _MAX_KEPT // 2]
        kept.append(obj)

    def report(exc):
        from mpt.runtime.exceptions import fix_exception
        exc = fix_exception(exc, interp.runtime.guest_oserror)
        interp.write_stdout("Unhandled exception in weakref callback:\n"
                            + interp.format_exception(exc))

    def guarded(callback):
        def run(*args, **kwargs):
            try:
                return callback(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - reported like MicroPython does
                report(exc)
                return None
        return run

    def ref(obj, callback=None):
        r = weakref.ref(obj) if callback is None else weakref.ref(obj, guarded(callback))
        hold(obj)
        return r

    class finalize(weakref.finalize):
        def __init__(self, obj, func, *args, **kwargs):
            self._guest_func = func
            self._direct = False

            def run(*a, **k):
                if self._direct:
                    return func(*a, **k)
                try:
                    return func(*a, **k)
                except Exception as exc:  # noqa: BLE001
                    report(exc)
                    return None

            super().__init__(obj, run, *args, **kwargs)
            hold(obj)

        def __call__(self, _=None):
            self._direct = True
            try:
                return super().__call__()
            finally:
                self._direct = False

        def peek(self):
            info = super().peek()
            return None if info is None else (info[0], self._guest_func, info[2], info[3])

        def detach(self):
            info = super().detach()
            return None if info is None else (info[0], self._guest_func, info[2], info[3])

    finalize.__module__ = "builtins"
    return {"ref": ref, "finalize": finalize}
