"""The guest's `micropython` module, with what a board's firmware has (py/modmicropython.c at
the ports' EXTRA_FEATURES level: no heap_locked(), which only the unix port builds)."""

from __future__ import annotations

from mpt.runtime.library.heap_model import heap_for
from mpt.runtime.library.ringio import RingIO
from mpt.runtime.vm.exceptions import fix_exception


def make_module(ctx):
    interp = ctx.interpreter
    heap = heap_for(ctx)

    def const(value):
        return value

    def opt_level(*level):
        if len(level) > 1:
            raise TypeError("function expected at most 1 arguments, got %d" % len(level))
        if not level:
            return interp.runtime.opt_level
        interp.runtime.opt_level = _integer(level[0])
        return None

    mem_stats = ctx.features.mem_stats

    def mem_info(*verbose):
        interp.write_stdout(heap.info_text(mem_stats))
        if verbose:
            interp.write_stdout(heap.layout_text())

    def qstr_info(*verbose):
        interp.write_stdout("qstr pool: n_pool=1, n_qstr=%d, n_str_data_bytes=%d, "
                            "n_total_bytes=%d\n" % heap.qstr_counts())

    def stack_use():
        return heap.stack_in_use()

    def heap_lock():
        heap.lock()

    def heap_unlock():
        return heap.unlock()

    def kbd_intr(char):
        interp.runtime.interrupt_char = _integer(char)

    def schedule(fn, arg):
        if fn is kbd_intr:  # py/modmicropython.c: a KeyboardInterrupt, through a static node
            if not ctx.features.scheduler_static_nodes:
                raise ValueError()
            interp.runtime.schedule_node(interp.runtime.request_interrupt)
            return
        interp.runtime.schedule(run_protected, (fn, arg))

    def run_protected(item):
        # py/scheduler.c runs each callback through mp_call_function_1_protected: an
        # exception is printed and the interrupted code carries on
        fn, arg = item
        try:
            if not callable(fn):
                raise TypeError("'%s' object isn't callable" % type(fn).__name__)
            fn(arg)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - printed as the firmware does
            exc = fix_exception(exc, interp.runtime.guest_oserror)
            interp.write_stdout(interp.format_exception(exc))

    def alloc_emergency_exception_buf(size):
        _integer(size)

    def mem_total():
        return heap.mem_stats()[0]

    def mem_current():
        return heap.mem_stats()[1]

    def mem_peak():
        return heap.mem_stats()[2]

    stats = {"mem_total": mem_total, "mem_current": mem_current, "mem_peak": mem_peak}
    # in the order of the firmware's table (help(micropython) lists it so)
    return {
        "const": const, "opt_level": opt_level, **(stats if mem_stats else {}),
        "mem_info": mem_info, "qstr_info": qstr_info,
        "stack_use": stack_use,
        "alloc_emergency_exception_buf": alloc_emergency_exception_buf,
        "heap_lock": heap_lock, "heap_unlock": heap_unlock, "kbd_intr": kbd_intr,
        "RingIO": RingIO, "schedule": schedule,
    }


def _integer(value) -> int:
    if not isinstance(value, int):
        raise TypeError("can't convert %s to int" % type(value).__name__)
    return int(value)
