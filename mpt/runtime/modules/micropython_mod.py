"""The guest's `micropython` module."""

from __future__ import annotations


def make_module(ctx):
    interp = ctx.interpreter
    state = {"opt": 0, "heap_locked": 0}

    def const(value):
        return value

    def opt_level(level=None):
        if level is None:
            return interp.runtime.opt_level
        interp.runtime.opt_level = level
        return None

    def mem_info(verbose=None):
        interp.write_stdout("stack: 0 out of 80000\nGC: total: 2072832, used: 4000, "
                            "free: 2068832\n No. of 1-blocks: 50, 2-blocks: 10, max blk sz: 40, "
                            "max free sz: 129000\n")

    def qstr_info(verbose=None):
        interp.write_stdout("qstr pool: n_pool=1, n_qstr=0, n_str_data_bytes=0, "
                            "n_total_bytes=0\n")

    def heap_lock():
        state["heap_locked"] += 1

    def heap_unlock():
        state["heap_locked"] = max(0, state["heap_locked"] - 1)
        return state["heap_locked"]

    def schedule(fn, arg):
        interp.runtime.schedule(fn, arg)

    def identity(fn):
        return fn

    return {
        "const": const, "opt_level": opt_level, "mem_info": mem_info, "qstr_info": qstr_info,
        "stack_use": lambda: 2000, "heap_lock": heap_lock, "heap_unlock": heap_unlock,
        "heap_locked": lambda: state["heap_locked"], "kbd_intr": lambda ch: None,
        "schedule": schedule, "alloc_emergency_exception_buf": lambda size: None,
        "native": identity, "viper": identity, "bytecode": identity,
    }
