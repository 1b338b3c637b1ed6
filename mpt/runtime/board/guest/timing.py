"""machine.Timer, machine.RTC and machine.WDT for the guest."""

from __future__ import annotations

import datetime

from mpt.runtime.board.board import WDT_RESET
from mpt.runtime.board.clock import NS_PER_MS, NS_PER_S
from mpt.runtime.board.guest.hardware import GuestHardware

_UNSET = object()


def build_timer_class(hw: GuestHardware):
    clock = hw.clock
    port = hw.port
    hardware_ids = (0, 1, 2, 3) if port == "esp32" else ()

    class Timer:
        ONE_SHOT = 0
        PERIODIC = 1

        def __init__(self, id=-1, *args, **kwargs):
            if port == "esp32" and id not in hardware_ids:
                raise ValueError("invalid Timer number")
            if port != "esp32" and id != -1:  # rp2 and stm32: soft timers only
                raise ValueError("Timer doesn't exist")
            self._id = id
            self._event = None
            self._mode = Timer.PERIODIC
            self._period_ns = 0
            self._callback = None
            if args or kwargs:
                self.init(*args, **kwargs)

        def init(self, *, mode=PERIODIC, freq=-1, period=-1, tick_hz=1000, callback=None,
                 hard=None):
            self.deinit()
            if freq is not None and freq != -1:
                if freq <= 0:
                    raise ValueError("freq must be positive")
                period_ns = int(NS_PER_S / freq)
            elif period != -1:
                period_ns = int(period * NS_PER_S / tick_hz)
            else:
                period_ns = NS_PER_S  # MicroPython's default: 1 s
            if period_ns <= 0:
                raise ValueError("period too small")
            self._mode = mode
            self._period_ns = period_ns
            self._callback = callback
            self._arm(clock.peek_ns() + period_ns)

        def _arm(self, due_ns):
            self._event = clock.call_at(due_ns, lambda: self._fire(due_ns))
            hw.timed_events.append(self._event)
            if len(hw.timed_events) > 64:
                hw.timed_events[:] = [e for e in hw.timed_events if not e.cancelled
                                      and e.due_ns >= clock.peek_ns()]

        def _fire(self, due_ns):
            if self._mode == Timer.PERIODIC:
                self._arm(due_ns + self._period_ns)
            else:
                self._event = None
            if self._callback is not None:
                hw.schedule(self._callback, self)

        def deinit(self):
            if self._event is not None:
                self._event.cancel()
                self._event = None

        def __repr__(self):
            mode = "ONE_SHOT" if self._mode == Timer.ONE_SHOT else "PERIODIC"
            if port == "esp32":
                return "Timer(%d; alarm_en=%d, auto_reload=%d, counter_en=1)" % (
                    self._id, self._event is not None, self._mode)
            return "Timer(mode=%s, period=%d, tick_hz=1000)" % (
                mode, self._period_ns // NS_PER_MS)

    return Timer


def build_rtc_class(hw: GuestHardware):
    clock = hw.clock

    class RTC:
        def __init__(self, id=0):
            pass

        def datetime(self, value=_UNSET):
            if value is _UNSET:
                now = datetime.datetime(1970, 1, 1) + datetime.timedelta(
                    microseconds=clock.wall_ns() // 1000)
                sub = now.microsecond if hw.port == "esp32" else 0
                return (now.year, now.month, now.day, now.weekday(), now.hour, now.minute,
                        now.second, sub)
            fields = tuple(value) + (0,) * (8 - len(value))
            year, month, day, _weekday, hour, minute, second, sub = fields[:8]
            when = datetime.datetime(year, month, day, hour, minute, second)
            epoch_ns = int((when - datetime.datetime(1970, 1, 1)).total_seconds()) * NS_PER_S
            clock.set_wall_ns(epoch_ns + int(sub) * 1000)
            return None

        def init(self, value):
            self.datetime(value)

    return RTC


def build_wdt_class(hw: GuestHardware):
    clock = hw.clock
    board = hw.board

    class WDT:
        def __init__(self, id=0, timeout=5000):
            if timeout <= 0:
                raise ValueError("WDT timeout too short")
            self._timeout_ns = int(timeout) * NS_PER_MS
            self._event = None
            self.feed()

        def feed(self):
            if self._event is not None:
                self._event.cancel()
            self._event = clock.call_later(self._timeout_ns, self._expire)

        def _expire(self):
            board.tracer.emit("wdt", "WDT", "expired", "board reset")
            hw.request_reset(WDT_RESET, "watchdog timeout: the board was reset")

    return WDT
