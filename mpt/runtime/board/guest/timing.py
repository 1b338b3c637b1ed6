"""machine.Timer, machine.RTC and machine.WDT for the guest."""

from __future__ import annotations

import datetime

from mpt.runtime.board.board import WDT_RESET
from mpt.runtime.library.clock import NS_PER_MS, NS_PER_S
from mpt.runtime.board.guest.hardware import GuestHardware

_UNSET = object()


ESP32_HARDWARE_TIMERS = 4
ESP32_HW_TIMER_HZ = 80_000_000 // 8  # APB clock through the port's divider of 8
NO_PERIOD = 0xFFFFFFFF  # the ports' "period not given" default


def build_timer_class(hw: GuestHardware):
    """machine.Timer as each port has it: rp2 counts in microseconds (alarm pool), the
    esp32 in ticks of its hardware or virtual timer, the pyboard's soft timer in ms."""
    clock = hw.clock
    port = hw.port.name

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


ESP32_RTC_MEMORY_MAX = 2048
EPOCH = datetime.datetime(1970, 1, 1)


def build_rtc_class(hw: GuestHardware):
    """machine.RTC: the date tuple (year, month, day, weekday, hours, minutes, seconds,
    subseconds) as each port fills it: weekday 0-6 from Monday and subseconds 0 on rp2,
    microseconds on the esp32; on the pyboard weekday 1-7 as last set (the chip counts it
    on from whatever it was given) and subseconds counting down from 255."""
    clock = hw.clock
    port = hw.port.name
    board = hw.board
    # pyboard: how far the weekday register is from the real weekday (set by the user)
    weekday_shift = [0]

    def _now():
        wall_ns = clock.wall_ns()
        return EPOCH + datetime.timedelta(microseconds=wall_ns // 1000), wall_ns

    class RTC:
        def __init__(self, id=0):
            pass

        def datetime(self, value=_UNSET):
            if value is _UNSET:
                now, wall_ns = _now()
                if port == "pyboard":
                    weekday = (now.weekday() + weekday_shift[0]) % 7 + 1
                    sub = 255 - (wall_ns % NS_PER_S) * 256 // NS_PER_S
                else:
                    weekday = now.weekday()
                    sub = now.microsecond if port == "esp32" else 0
                return (now.year, now.month, now.day, weekday, now.hour, now.minute,
                        now.second, sub)
            self._set(value, 4)
            return None

        def _set(self, value, hour_index):
            fields = tuple(value)
            if len(fields) != 8:
                raise ValueError("requested length 8 but object has length %d" % len(fields))
            year, month, day = (int(f) for f in fields[:3])
            hour, minute, second = (int(f) for f in fields[hour_index:hour_index + 3])
            when = _calendar_seconds(year, month, day, hour, minute, second)
            micros = int(fields[7]) if port == "esp32" else 0
            clock.set_wall_ns(when * NS_PER_S + micros * 1000)
            if port == "pyboard":
                real = (EPOCH + datetime.timedelta(seconds=when)).weekday()
                weekday_shift[0] = (int(fields[3]) - 1 - real) % 7

        if port == "esp32":
            def init(self, value):
                # the esp32 port reads hours from index 3 here (machine_rtc.c)
                self._set(value, 3)

            def memory(self, data=_UNSET):
                if data is _UNSET:
                    return bytes(board.rtc_memory)
                if isinstance(data, str):
                    raise TypeError("object with buffer protocol required")
                data = bytes(data)
                if len(data) > ESP32_RTC_MEMORY_MAX:
                    raise ValueError("buffer too long")
                board.rtc_memory = data
                return None

        elif port == "pyboard":
            def init(self):
                return None

            def calibration(self, value=_UNSET):
                return 0 if value is _UNSET else None

    return RTC


def _calendar_seconds(year, month, day, hour, minute, second) -> int:
    """Seconds since 1970 as MicroPython's timeutils counts them: out-of-range fields
    roll over (month 13 is January of the next year, second 60 the next minute)."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    base = datetime.datetime(year, month, 1)
    delta = datetime.timedelta(days=day - 1, hours=hour, minutes=minute, seconds=second)
    return int((base + delta - EPOCH).total_seconds())


RP2040_WDT_MAX_MS = 8388  # the 24-bit counter at 2 ticks per microsecond


def build_wdt_class(hw: GuestHardware):
    """machine.WDT: one watchdog per board, which cannot be stopped once started; creating
    it again restarts it with the new timeout. Limits and messages per port."""
    clock = hw.clock
    board = hw.board
    port = hw.port.name
    watchdog = {"event": None, "timeout_ns": 0}

    def _expire():
        board.tracer.emit("wdt", "WDT", "expired", "board reset")
        hw.request_reset(WDT_RESET, "watchdog timeout: the board was reset")

    def _timeout_ms(id, timeout):
        timeout = _as_int(timeout)
        if port == "rp2":
            if _as_int(id) != 0:
                raise ValueError("WDT(%d) doesn't exist" % _as_int(id))
            if not 0 <= timeout <= RP2040_WDT_MAX_MS:
                raise ValueError("timeout exceeds %d" % RP2040_WDT_MAX_MS)
            return timeout
        if port == "esp32":
            if not (isinstance(id, int) and id == 0):
                raise ValueError()
            if timeout <= 0:
                raise ValueError("WDT timeout too short")
            return timeout
        if isinstance(id, str):  # the pyboard's independent watchdog: 0 or "IWDG"
            if id != "IWDG":
                raise ValueError("WDT(%s) doesn't exist" % id)
        elif _as_int(id) != 0:
            raise ValueError("WDT(%d) doesn't exist" % _as_int(id))
        prescale = 0
        ticks = timeout
        while prescale < 6 and ticks >= 512:
            prescale += 1
            ticks //= 2
        if ticks * 8 <= 0:
            raise ValueError("WDT timeout too short")
        if ticks * 8 > 0xFFF:
            raise ValueError("WDT timeout too long")
        return ticks << prescale

    class WDT:
        def __init__(self, id=0, timeout=5000):
            watchdog["timeout_ns"] = _timeout_ms(id, timeout) * NS_PER_MS
            self.feed()

        def feed(self):
            if watchdog["event"] is not None:
                watchdog["event"].cancel()
            watchdog["event"] = clock.call_later(watchdog["timeout_ns"], _expire)

    return WDT


def _as_int(value) -> int:
    """An integer argument as the firmware takes it (no conversion from str or float)."""
    if isinstance(value, int):
        return int(value)
    raise TypeError("can't convert %s to int" % type(value).__name__)
