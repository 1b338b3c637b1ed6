"""The guest's `machine` module, on the emulated board."""

from __future__ import annotations

from mpt.runtime.board.board import DEEPSLEEP_RESET, HARD_RESET
from mpt.runtime.library.clock import NS_PER_MS
from mpt.runtime.board.dht import READ_DURATION_NS as DHT_READ_DURATION_NS
from mpt.runtime.vm.builtins_table import OSError as GuestOSError
from mpt.runtime.vm.objects import guest_type_name
from mpt.runtime.vm.viper import ADDRESS_SPACE
from mpt.runtime.board.guest.analog import bind_adc_class, bind_pwm_class
from mpt.runtime.board.guest.buses import bind_i2c_classes, bind_spi_classes
from mpt.runtime.board.guest.hardware import guest_classes, hardware_for
from mpt.runtime.board.guest.pins import bind_pin_classes
from mpt.runtime.board.guest.uart import bind_uart_class
from mpt.runtime.board.guest.timing import bind_rtc_class, bind_timer_class, bind_wdt_class

_UNSET = object()
ETIMEDOUT = 110


def make_module(ctx):
    """The machine module's attributes; built once per interpreter, so that `pyb` and
    `machine` share their classes (pyb.Pin is machine.Pin, as in the firmware)."""
    built = ctx.extra.get("machine_attrs")
    if built is None:
        built = ctx.extra["machine_attrs"] = _build(ctx)
    return dict(built)


def _build(ctx):
    hw = hardware_for(ctx)
    port = hw.port
    Pin, Signal = bind_pin_classes(hw)
    I2C, SoftI2C = bind_i2c_classes(hw, Pin)
    SPI, SoftSPI = bind_spi_classes(hw, Pin)
    attrs = {
        "Pin": Pin, "Signal": Signal,
        "PWM": bind_pwm_class(hw, Pin), "ADC": bind_adc_class(hw, Pin),
        "I2C": I2C, "SoftI2C": SoftI2C, "SPI": SPI, "SoftSPI": SoftSPI,
        "UART": bind_uart_class(hw, Pin),
        "Timer": bind_timer_class(hw), "RTC": bind_rtc_class(hw),
        "WDT": bind_wdt_class(hw),
    }
    attrs.update(port.reset_causes)
    functions = {name: _bind_function(fn, hw, Pin) for name, fn in FUNCTIONS.items()}
    attrs.update((name, functions[impl]) for name, impl in port.machine_functions.items())
    attrs.update(port.machine_constants)
    attrs.update({name: functions[name] for name in COMMON_FUNCTIONS})
    # the board's sparse memory, which viper's pointers reach too
    memory: dict[int, int] = ctx.extra.setdefault(ADDRESS_SPACE, {})
    attrs.update({"mem8": _Memory(8, memory), "mem16": _Memory(16, memory),
                  "mem32": _Memory(32, memory)})
    return guest_classes(attrs)


def _bind_function(fn, hw, Pin):
    """A machine function for one interpreter: ``fn(hw, Pin, *args)`` as ``f(*args)``."""
    def guest_function(*args, **kwargs):
        return fn(hw, Pin, *args, **kwargs)
    guest_function.__name__ = guest_function.__qualname__ = fn.__name__
    return guest_function


def freq(hw, Pin, hz=_UNSET, *rest):
    if hz is _UNSET:
        return hw.port.machine_freq(hw.board)
    hw.port.machine_set_freq(hw.board, hz, rest)
    return None


def reset(hw, Pin):
    hw.request_reset(HARD_RESET, "machine.reset() was called")


def soft_reset(hw, Pin):
    raise SystemExit()


def reset_cause(hw, Pin):
    causes = hw.port.reset_causes
    return causes.get(hw.port.reset_cause(hw.board), causes["PWRON_RESET"])


def unique_id(hw, Pin):
    return hw.board.profile.unique_id


def idle(hw, Pin):
    hw.clock.sleep_ns(NS_PER_MS // 10 if hw.clock.virtual else 0)


def lightsleep(hw, Pin, time_ms=None):
    hw.port.record_wake(hw.board, "timer" if time_ms is not None else None)
    if time_ms is None:
        next_event = hw.clock.next_event_ns()
        if next_event is None:
            return None
        hw.clock.sleep_ns(max(0, next_event - hw.clock.peek_ns()))
    else:
        hw.clock.sleep_ns(int(time_ms) * NS_PER_MS)


def deepsleep(hw, Pin, time_ms=None):
    board = hw.board
    wake = None
    ext0 = hw.port.deepsleep_ext0(board)
    if time_ms is not None:
        hw.clock.sleep_ns(int(time_ms) * NS_PER_MS)
        wake = "timer"
    elif ext0:
        # sleep until the EXT0 pin reaches its level (a board file schedules it)
        gpio, level = ext0
        line = board.gpio.line(gpio)
        while line.level() != level and hw.clock.next_event_ns() is not None:
            _step(hw, hw.clock.next_event_ns())
        wake = "ext0"
    hw.port.record_wake(board, wake)
    hw.request_reset(DEEPSLEEP_RESET, "machine.deepsleep() woke the board")


def wake_reason(hw, Pin):
    return hw.board.wake_reason


def bootloader(hw, Pin, value=None):
    hw.request_reset(HARD_RESET, "machine.bootloader() was called")


def disable_irq(hw, Pin):
    hw.irq_depth += 1
    return hw.irq_depth


def enable_irq(hw, Pin, state=None):
    hw.irq_depth = max(0, hw.irq_depth - 1)
    if hw.irq_depth == 0:
        hw.run_pending()


def time_pulse_us(hw, Pin, pin, pulse_level, timeout_us=1_000_000):
    # as extmod/machine_pulse.c: wait for the level (a pin already there counts at
    # once), then time it; each phase has its own timeout: -2 / -1 when it runs out
    pin = pin if isinstance(pin, Pin) else Pin(pin)
    level = 1 if pulse_level else 0
    timeout_ns = int(timeout_us) * 1000
    clock = hw.clock
    changes = 2
    start = clock.peek_ns()
    while True:
        now = clock.peek_ns()
        if pin._line.level() == level:
            level = 1 - level
            changes -= 1
            if changes == 0:
                return (now - start) // 1000
            start = now
        elif now - start >= timeout_ns:
            return -changes
        else:
            _step(hw, start + timeout_ns)


def bitstream(hw, Pin, pin, encoding, timing, buf):
    """Send ``buf`` as high/low pulses (NeoPixel-style). The trace shows the bytes in one
    event, not each edge; in virtual time the clock moves by the pulses' total length."""
    board = hw.board
    pin = pin if isinstance(pin, Pin) else Pin(pin)
    if int(encoding) != 0:
        raise ValueError("encoding")
    timing = tuple(timing)
    if len(timing) != 4:
        raise ValueError("requested length 4 but object has length %d" % len(timing))
    high0, low0, high1, low1 = (int(t) for t in timing)
    if isinstance(buf, str):
        raise TypeError("object with buffer protocol required")
    data = bytes(buf)
    ones = sum(bin(byte).count("1") for byte in data)
    zeros = 8 * len(data) - ones
    board.tracer.emit("bits", board.profile.gpio_label(pin._gpio), data,
                      "high/low ns %d/%d %d/%d" % (high0, low0, high1, low1))
    pin._line.write(0)  # each bit ends low
    if hw.clock.virtual:
        hw.irq_depth += 1  # the firmware sends with interrupts off
        try:
            hw.clock.sleep_ns(ones * (high1 + low1) + zeros * (high0 + low0))
        finally:
            hw.irq_depth -= 1


def dht_readinto(hw, Pin, pin, buf):
    board = hw.board
    pin = pin if isinstance(pin, Pin) else Pin(pin)
    if isinstance(buf, (str, bytes)):
        raise TypeError("object with buffer protocol required")
    if len(buf) < 5:
        raise ValueError("buffer too small")
    sensor = board.dht.get(pin._gpio)
    hw.clock.sleep_ns(DHT_READ_DURATION_NS)
    if sensor is None:
        raise GuestOSError(ETIMEDOUT)  # nothing answered the start signal
    data = sensor.reading(board.seconds())
    board.tracer.emit("dht", board.profile.gpio_label(pin._gpio), data, sensor.model)
    buf[:5] = data
    return None


FUNCTIONS = {fn.__name__: fn for fn in (
    freq, reset, soft_reset, reset_cause, unique_id, idle, lightsleep, deepsleep, wake_reason,
    bootloader, disable_irq, enable_irq, time_pulse_us, bitstream, dht_readinto)}
# every port's machine has these; a port adds its own (Port.machine_functions)
COMMON_FUNCTIONS = ("bitstream", "dht_readinto", "freq", "reset", "soft_reset", "reset_cause",
                    "unique_id", "idle", "lightsleep", "deepsleep", "bootloader",
                    "disable_irq", "enable_irq", "time_pulse_us")


def _step(hw, deadline_ns: int) -> None:
    """Let time pass until the next scheduled event (an input may change), the deadline,
    or, in real time, for a microsecond."""
    clock = hw.clock
    now = clock.peek_ns()
    if not clock.virtual:
        clock.sleep_ns(1000)
        return
    next_event = clock.next_event_ns()
    target = deadline_ns if next_event is None else min(next_event, deadline_ns)
    clock.sleep_ns(max(1, target - now))


class _Memory:
    """machine.mem8/16/32: views of one sparse, little-endian emulated address space
    (bytes never written read as 0)."""

    def __init__(self, bits, cells):
        self._bytes = bits // 8
        self._cells = cells

    def __repr__(self):
        return "<%d-bit memory>" % (8 * self._bytes)  # extmod/machine_mem.c's print

    def _check(self, address):
        if not isinstance(address, int):  # mp_obj_get_int's error (a slice is no address)
            raise TypeError("can't convert %s to int" % guest_type_name(type(address)))
        if address % self._bytes:
            raise ValueError("address %08x is not aligned to %d bytes" % (address,
                                                                          self._bytes))

    def __getitem__(self, address):
        self._check(address)
        cells = self._cells
        return int.from_bytes(bytes(cells.get(address + i, 0) for i in range(self._bytes)),
                              "little")

    def __delitem__(self, address):  # extmod/machine_mem.c: deletion is not supported
        raise TypeError("'mem' object doesn't support item deletion")

    def __setitem__(self, address, value):
        self._check(address)
        raw = (int(value) & ((1 << (8 * self._bytes)) - 1)).to_bytes(self._bytes, "little")
        for i, byte in enumerate(raw):
            self._cells[address + i] = byte


_Memory.__name__ = _Memory.__qualname__ = "mem"  # the guest's type name (machine_mem.c)
_Memory.__module__ = "builtins"
