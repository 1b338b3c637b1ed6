"""The guest's `time` module (also importable as `utime`), on the board clock."""

from __future__ import annotations

import calendar
import time as host_time

from mpt.runtime.library.clock import (NS_PER_MS, Clock, NS_PER_S, NS_PER_US, TicksOverflow,
                                     ticks_add as _ticks_add, ticks_diff as _ticks_diff)
from mpt.runtime.board.flash import SECONDS_1970_TO_2000
from mpt.runtime.board.guest.hardware import hardware_for


def make_module(ctx):
    if ctx.board is None:  # an interpreter without a board still has a (real) clock
        clock = ctx.clock or Clock()
        epoch_offset = 0
    else:
        clock = hardware_for(ctx).clock
        epoch_offset = SECONDS_1970_TO_2000 if ctx.board.profile.epoch_year == 2000 else 0

    def sleep(seconds):
        clock.sleep_ns(int(_number(seconds) * NS_PER_S))

    def sleep_ms(ms):
        clock.sleep_ns(_integer(ms) * NS_PER_MS)

    def sleep_us(us):
        clock.sleep_ns(_integer(us) * NS_PER_US)

    def ticks_add(ticks, delta):
        try:
            return _ticks_add(_small_int(ticks), _integer(delta))
        except TicksOverflow:
            raise OverflowError("ticks interval overflow") from None

    def ticks_diff(end, start):
        return _ticks_diff(_small_int(end), _small_int(start))

    def time():
        return clock.wall_ns() // NS_PER_S - epoch_offset

    def time_ns():
        return clock.wall_ns() - epoch_offset * NS_PER_S

    def gmtime(secs=None):
        if secs is None:
            secs = time()
        tm = host_time.gmtime(int(secs) + epoch_offset)
        return (tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                tm.tm_wday, tm.tm_yday)

    def mktime(fields):
        fields = tuple(fields)
        if len(fields) not in (8, 9):
            raise TypeError("mktime needs a tuple of length 8 or 9")
        year, month, mday, hour, minute, second = (int(v) for v in fields[:6])
        year += (month - 1) // 12
        month = (month - 1) % 12 + 1
        days = calendar.timegm((year, month, 1, 0, 0, 0)) // 86400 + mday - 1
        return days * 86400 + hour * 3600 + minute * 60 + second - epoch_offset

    return {
        "sleep": sleep, "sleep_ms": sleep_ms, "sleep_us": sleep_us,
        "ticks_ms": clock.ticks_ms, "ticks_us": clock.ticks_us, "ticks_cpu": clock.ticks_cpu,
        "ticks_add": ticks_add, "ticks_diff": ticks_diff,
        "time": time, "time_ns": time_ns, "gmtime": gmtime, "localtime": gmtime,
        "mktime": mktime,
    }


def _number(value):
    """mp_obj_get_float: ints, bools and floats."""
    if not isinstance(value, (int, float)):
        raise TypeError("can't convert %s to float" % type(value).__name__)
    return value


def _integer(value) -> int:
    """mp_obj_get_int: ints and bools, nothing else."""
    if not isinstance(value, int):
        raise TypeError("can't convert %s to int" % type(value).__name__)
    return int(value)


def _small_int(value) -> int:
    # the ports read ticks values without checking them (anything else gives garbage)
    return int(value) if isinstance(value, (int, float)) else 0
