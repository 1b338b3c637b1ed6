"""machine.Timer, machine.RTC and machine.WDT for the guest."""

from __future__ import annotations

import datetime

from mpt.runtime.board.board import WDT_RESET
from mpt.runtime.board.clock import NS_PER_MS, NS_PER_S
from mpt.runtime.board.guest.hardware import GuestHardware

_UNSET = object()


ESP32_HARDWARE_TIMERS = 4
ESP32_HW_TIMER_HZ = 80_000_000 // 8  # APB clock through the port's divider of 8
NO_PERIOD = 0xFFFFFFFF  # the ports' "period not given" default


def build_timer_class(hw: GuestHardware):
    """machine.Timer as each port has it: rp2 counts in microseconds (alarm pool), the
    esp32 in ticks of its hardware or virtual timer, the pyboard's soft timer in ms."""
    clock = hw.clock
    port = hw.port

    class Timer:
        ONE_SHOT = 0
        PERIODIC = 1

        def __init__(self, id=-1, *args, **kwargs):
            id = int(id)
            if port == "esp32":
                if id >= ESP32_HARDWARE_TIMERS:
                    raise ValueError("Timer(%d) doesn't exist, there are only %d hardware "
                                     "timers" % (id, ESP32_HARDWARE_TIMERS))
            elif id != -1:
                raise ValueError("Timer doesn't exist")
            self._id = id
            self._event = None
            self._mode = Timer.PERIODIC if port == "pyboard" else Timer.ONE_SHOT
            # the period in the port's own unit: us (rp2), ticks (esp32), ms (pyboard)
            self._period = 1000 if port == "pyboard" else 0
            self._callback = None
            self._hard = False
            if args or kwargs:
                self.init(*args, **kwargs)

        def _tick_hz(self):
            if port == "rp2":
                return 1_000_000
            if port == "esp32":
                return ESP32_HW_TIMER_HZ if self._id >= 0 else 1_000_000
            return 1000

        def init(self, *, mode=PERIODIC, callback=None, period=NO_PERIOD, tick_hz=1000,
                 freq=None, hard=False):
            self.deinit()
            if port == "esp32" and hard:
                raise ValueError("hard Timers are not implemented")
            unit_hz = self._tick_hz()
            if freq is not None:
                if port == "pyboard":
                    delta = int(1000.0 / freq)
                else:
                    delta = int(unit_hz / freq)
            elif port == "pyboard" and period == NO_PERIOD:
                delta = self._period  # the soft timer keeps its period
            else:
                delta = int(period) * unit_hz // int(tick_hz)
            if port == "pyboard" and delta >= 0x40000000:
                raise ValueError("period too large")
            if port != "esp32":
                delta = max(1, delta)
            self._mode = int(mode)
            self._period = delta
            self._callback = callback
            self._hard = bool(hard)
            if port == "pyboard" and callback is None:
                return None  # a soft timer without a callback is not started
            self._arm(clock.peek_ns() + self._period_ns())
            return None

        def _period_ns(self):
            return max(1, self._period * NS_PER_S // self._tick_hz())

        def _arm(self, due_ns):
            self._event = clock.call_at(due_ns, lambda: self._fire(due_ns))
            hw.timed_events.append(self._event)
            if len(hw.timed_events) > 64:
                hw.timed_events[:] = [e for e in hw.timed_events if not e.cancelled
                                      and e.due_ns >= clock.peek_ns()]

        def _fire(self, due_ns):
            if self._mode != Timer.ONE_SHOT:
                self._arm(due_ns + self._period_ns())
            else:
                self._event = None
            callback = self._callback
            if callback is None:
                return
            if self._hard:
                if not hw.call_hard_irq(callback, self):
                    self.deinit()  # an uncaught exception stops the timer
            else:
                hw.schedule(callback, self)

        def deinit(self):
            if self._event is not None:
                self._event.cancel()
                self._event = None

        def __repr__(self):
            one_shot = self._mode == Timer.ONE_SHOT
            if port == "esp32":
                # 1.29 prints the mode names the wrong way round (machine_timer.c)
                mode = "PERIODIC" if one_shot else "ONE_SHOT"
                return "Timer(%d, mode=%s, period=%d)" % (
                    self._id, mode, self._period // (self._tick_hz() // 1000))
            mode = "ONE_SHOT" if one_shot else "PERIODIC"
            if port == "rp2":
                period = ("%d" % self._period if self._period <= 0xFFFFFFFF
                          else "%d000" % (self._period // 1000 & 0xFFFFFFFF))
                return "Timer(mode=%s, tick_hz=1000000, period=%s)" % (mode, period)
            return "Timer(mode=%s, period=%d)" % (mode, self._period)

    if port == "esp32":
        Timer.ONE_SHOT, Timer.PERIODIC = False, True

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
