"""machine.Timer, machine.RTC and machine.WDT for the guest.

The classes are port-neutral; how each port counts, checks and prints is a method of its
:class:`~mpt.runtime.board.ports.Port` (timer_*, rtc_*, wdt_*).
"""

from __future__ import annotations

import datetime

from mpt.runtime.board.board import WDT_RESET
from mpt.runtime.board.guest.hardware import GuestHardware, bind
from mpt.runtime.board.ports.base import EPOCH, TIMER_NO_PERIOD
from mpt.runtime.library.clock import NS_PER_MS, NS_PER_S

_UNSET = object()
TIMER_EVENTS_KEPT = 64  # prune the cancelled/past events when there are more


def bind_timer_class(hw: GuestHardware) -> type:
    return bind(Timer, hw, **hw.port.timer_constants)


def bind_rtc_class(hw: GuestHardware) -> type:
    # _shared: what the RTC chip keeps between RTC objects (the pyboard's weekday offset)
    return bind(RTC, hw, mixins=hw.port.rtc_mixins, _shared={"weekday_shift": 0})


def bind_wdt_class(hw: GuestHardware) -> type:
    return bind(WDT, hw, _watchdog={"event": None, "timeout_ns": 0})


class Timer:
    """machine.Timer as each port has it: rp2 counts in microseconds (alarm pool), the
    esp32 in ticks of its hardware or virtual timer, the pyboard's soft timer in ms."""
    _hw: GuestHardware  # bound per interpreter
    ONE_SHOT = 0
    PERIODIC = 1

    def __init__(self, id=-1, *args, **kwargs):
        port = self._hw.port
        id = int(id)
        port.timer_check_id(id)
        self._id = id
        self._event = None
        self._mode = self.PERIODIC if port.timer_periodic_by_default else self.ONE_SHOT
        # the period in the port's own unit: us (rp2), ticks (esp32), ms (pyboard)
        self._period = port.timer_default_period
        self._callback = None
        self._hard = False
        if args or kwargs:
            self.init(*args, **kwargs)

    def _tick_hz(self):
        return self._hw.port.timer_tick_hz(self._id)

    def init(self, *, mode=PERIODIC, callback=None, period=TIMER_NO_PERIOD, tick_hz=1000,
             freq=None, hard=False):
        port = self._hw.port
        self.deinit()
        port.timer_check_hard(hard)
        self._period = port.timer_period(self._period, freq, period, tick_hz, self._tick_hz())
        self._mode = int(mode)
        self._callback = callback
        self._hard = bool(hard)
        if callback is None and not port.timer_starts_without_callback:
            return None
        self._arm(self._hw.clock.peek_ns() + self._period_ns())
        return None

    def _period_ns(self):
        return max(1, self._period * NS_PER_S // self._tick_hz())

    def _arm(self, due_ns):
        hw = self._hw
        clock = hw.clock
        self._event = clock.call_at(due_ns, lambda: self._fire(due_ns))
        hw.timed_events.append(self._event)
        if len(hw.timed_events) > TIMER_EVENTS_KEPT:
            hw.timed_events[:] = [e for e in hw.timed_events if not e.cancelled
                                  and e.due_ns >= clock.peek_ns()]

    def _fire(self, due_ns):
        if self._mode != self.ONE_SHOT:
            self._arm(due_ns + self._period_ns())
        else:
            self._event = None
        callback = self._callback
        if callback is None:
            return
        if self._hard:
            if not self._hw.call_hard_irq(callback, self):
                self.deinit()  # an uncaught exception stops the timer
        else:
            self._hw.schedule(callback, self)

    def deinit(self):
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def __repr__(self):
        return self._hw.port.timer_repr(self._id, self._mode == self.ONE_SHOT, self._period,
                                        self._tick_hz())


class RTC:
    """machine.RTC: the date tuple (year, month, day, weekday, hours, minutes, seconds,
    subseconds), its fields filled as each port fills them (Port.rtc_fields)."""
    _hw: GuestHardware  # bound per interpreter
    _shared: dict

    def __init__(self, id=0):
        pass

    def datetime(self, value=_UNSET):
        if value is _UNSET:
            wall_ns = self._hw.clock.wall_ns()
            now = EPOCH + datetime.timedelta(microseconds=wall_ns // 1000)
            return self._hw.port.rtc_fields(now, wall_ns, self._shared)
        self._set(value, 4)
        return None

    def _set(self, value, hour_index):
        fields = tuple(value)
        if len(fields) != 8:
            raise ValueError("requested length 8 but object has length %d" % len(fields))
        year, month, day = (int(f) for f in fields[:3])
        hour, minute, second = (int(f) for f in fields[hour_index:hour_index + 3])
        when = _calendar_seconds(year, month, day, hour, minute, second)
        port = self._hw.port
        micros = port.rtc_set_microseconds(fields)
        self._hw.clock.set_wall_ns(when * NS_PER_S + micros * 1000)
        port.rtc_after_set(fields, when, self._shared)


def _calendar_seconds(year, month, day, hour, minute, second) -> int:
    """Seconds since 1970 as MicroPython's timeutils counts them: out-of-range fields
    roll over (month 13 is January of the next year, second 60 the next minute)."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    base = datetime.datetime(year, month, 1)
    delta = datetime.timedelta(days=day - 1, hours=hour, minutes=minute, seconds=second)
    return int((base + delta - EPOCH).total_seconds())


class WDT:
    """machine.WDT: one watchdog per board, which cannot be stopped once started; creating
    it again restarts it with the new timeout. Limits and messages per port."""
    _hw: GuestHardware  # bound per interpreter
    _watchdog: dict

    def __init__(self, id=0, timeout=5000):
        self._watchdog["timeout_ns"] = self._hw.port.wdt_timeout_ms(id, timeout) * NS_PER_MS
        self.feed()

    def feed(self):
        watchdog = self._watchdog
        if watchdog["event"] is not None:
            watchdog["event"].cancel()
        watchdog["event"] = self._hw.clock.call_later(watchdog["timeout_ns"], self._expire)

    def _expire(self):
        self._hw.board.tracer.emit("wdt", "WDT", "expired", "board reset")
        self._hw.request_reset(WDT_RESET, "watchdog timeout: the board was reset")
