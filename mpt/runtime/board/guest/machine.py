"""The guest's `machine` module, on the emulated board."""

from __future__ import annotations

from mpt.runtime.board.board import DEEPSLEEP_RESET, HARD_RESET
from mpt.runtime.library.clock import NS_PER_MS
from mpt.runtime.board.dht import READ_DURATION_NS as DHT_READ_DURATION_NS
from mpt.runtime.vm.builtins_table import OSError as GuestOSError
from mpt.runtime.board.guest.analog import bind_adc_class, bind_pwm_class
from mpt.runtime.board.guest.buses import bind_i2c_classes, bind_spi_classes
from mpt.runtime.board.guest.hardware import guest_classes, hardware_for
from mpt.runtime.board.guest.pins import bind_pin_classes
from mpt.runtime.board.guest.uart import bind_uart_class
from mpt.runtime.board.guest.timing import bind_rtc_class, bind_timer_class, bind_wdt_class

_UNSET = object()
ETIMEDOUT = 110
ESP_SLEEP_WAKEUP_EXT0 = 2  # ESP-IDF's esp_sleep_source_t
ESP_SLEEP_WAKEUP_TIMER = 4
_CPU_FREQS = {"esp32": (20_000_000, 40_000_000, 80_000_000, 160_000_000, 240_000_000),
              "rp2": None, "pyboard": None}


def make_module(ctx):
    """The machine module's attributes; built once per interpreter, so that `pyb` and
    `machine` share their classes (pyb.Pin is machine.Pin, as in the firmware)."""
    built = ctx.extra.get("machine_attrs")
    if built is None:
        built = ctx.extra["machine_attrs"] = _build(ctx)
    return dict(built)


def _build(ctx):
    hw = hardware_for(ctx)
    board = hw.board
    port = hw.port.name
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
    causes = hw.port.reset_causes
    attrs.update(causes)

    def freq(hz=_UNSET, *rest):
        if hz is _UNSET:
            if port == "pyboard":  # stm32: (sysclk, hclk, pclk1, pclk2)
                return (board.cpu_freq, board.cpu_freq, board.cpu_freq // 4,
                        board.cpu_freq // 2)
            return board.cpu_freq
        allowed = _CPU_FREQS[port]
        if allowed is not None and hz not in allowed:
            raise ValueError("frequency must be 20MHz, 40MHz, 80Mhz, 160MHz or 240MHz")
        if port == "rp2":
            _set_rp2_freq(board, int(hz), rest)
            return None
        board.cpu_freq = int(hz)
        return None

    def reset():
        hw.request_reset(HARD_RESET, "machine.reset() was called")

    def soft_reset():
        raise SystemExit()

    def reset_cause():
        cause = board.reset_cause
        if port == "rp2" and cause != "PWRON_RESET":
            # the rp2 port resets (machine.reset, deepsleep) through its watchdog
            cause = "WDT_RESET"
        if port == "esp32" and board.soft_reset_since_boot:
            cause = "SOFT_RESET"
        return causes.get(cause, causes["PWRON_RESET"])

    def unique_id():
        return board.profile.unique_id

    def idle():
        hw.clock.sleep_ns(NS_PER_MS // 10 if hw.clock.virtual else 0)

    def lightsleep(time_ms=None):
        if port == "esp32":
            board.wake_reason = ESP_SLEEP_WAKEUP_TIMER if time_ms is not None else 0
        if time_ms is None:
            next_event = hw.clock.next_event_ns()
            if next_event is None:
                return None
            hw.clock.sleep_ns(max(0, next_event - hw.clock.peek_ns()))
        else:
            hw.clock.sleep_ns(int(time_ms) * NS_PER_MS)

    def deepsleep(time_ms=None):
        wake = 0
        if time_ms is not None:
            hw.clock.sleep_ns(int(time_ms) * NS_PER_MS)
            wake = ESP_SLEEP_WAKEUP_TIMER
        elif port == "esp32" and board.wake_sources.get("ext0"):
            # sleep until the EXT0 pin reaches its level (a board file schedules it)
            gpio, level = board.wake_sources["ext0"]
            line = board.gpio.line(gpio)
            while line.level() != level and hw.clock.next_event_ns() is not None:
                _step(hw, hw.clock.next_event_ns())
            wake = ESP_SLEEP_WAKEUP_EXT0
        if port == "esp32":
            board.wake_reason = wake
        hw.request_reset(DEEPSLEEP_RESET, "machine.deepsleep() woke the board")

    def wake_reason():
        return board.wake_reason

    def bootloader(value=None):
        hw.request_reset(HARD_RESET, "machine.bootloader() was called")

    def disable_irq():
        hw.irq_depth += 1
        return hw.irq_depth

    def enable_irq(state=None):
        hw.irq_depth = max(0, hw.irq_depth - 1)
        if hw.irq_depth == 0:
            hw.run_pending()

    def time_pulse_us(pin, pulse_level, timeout_us=1_000_000):
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

    def bitstream(pin, encoding, timing, buf):
        """Send ``buf`` as high/low pulses (NeoPixel-style). The trace shows the bytes in one
        event, not each edge; in virtual time the clock moves by the pulses' total length."""
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

    def dht_readinto(pin, buf):
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

    memory: dict[int, int] = {}
    if port == "esp32":
        attrs.update({"wake_reason": wake_reason, "sleep": lightsleep, "SLEEP": 2,
                      "DEEPSLEEP": 4, "PIN_WAKE": ESP_SLEEP_WAKEUP_EXT0,
                      "EXT0_WAKE": ESP_SLEEP_WAKEUP_EXT0, "EXT1_WAKE": 3,
                      "TIMER_WAKE": ESP_SLEEP_WAKEUP_TIMER, "TOUCHPAD_WAKE": 5,
                      "ULP_WAKE": 6})
    attrs.update({
        "bitstream": bitstream, "dht_readinto": dht_readinto,
        "freq": freq, "reset": reset, "soft_reset": soft_reset, "reset_cause": reset_cause,
        "unique_id": unique_id, "idle": idle, "lightsleep": lightsleep,
        "deepsleep": deepsleep, "bootloader": bootloader, "disable_irq": disable_irq,
        "enable_irq": enable_irq, "time_pulse_us": time_pulse_us,
        "mem8": _Memory(8, memory), "mem16": _Memory(16, memory),
        "mem32": _Memory(32, memory),
    })
    return guest_classes(attrs)


RP2_XOSC_KHZ = 12_000
RP2_USB_CLOCK_HZ = 48_000_000


def rp2_pll_can_make(freq_khz: int) -> bool:
    """Whether the RP2040's system PLL reaches freq_khz exactly from its 12 MHz crystal
    (VCO 750-1600 MHz, feedback divider 16-320, two post dividers 1-7), as
    pico-sdk's check_sys_clock_khz searches."""
    for fbdiv in range(320, 15, -1):
        vco = fbdiv * RP2_XOSC_KHZ
        if not 750_000 <= vco <= 1_600_000:
            continue
        for postdiv1 in range(7, 0, -1):
            for postdiv2 in range(postdiv1, 0, -1):
                if vco == freq_khz * postdiv1 * postdiv2:
                    return True
    return False


def _set_rp2_freq(board, hz: int, rest) -> None:
    """machine.freq(hz[, peri_hz]) on rp2: the peripheral clock (SPI, UART) moves to the
    48 MHz USB PLL unless it is asked to follow the CPU."""
    if not rp2_pll_can_make(hz // 1000):
        raise ValueError("cannot change frequency")
    board.cpu_freq = hz // 1000 * 1000
    if rest:
        peri = int(rest[0])
        if peri not in (RP2_USB_CLOCK_HZ, hz):
            raise ValueError("peripheral freq must be 48_000_000 or the same as the MCU freq")
        board.peri_freq = board.cpu_freq if peri == hz else RP2_USB_CLOCK_HZ
    else:
        board.peri_freq = RP2_USB_CLOCK_HZ


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

    def _check(self, address):
        if not isinstance(address, int):
            raise TypeError("can't convert to int")
        if address % self._bytes:
            raise ValueError("address %08x is not aligned to %d bytes" % (address,
                                                                          self._bytes))

    def __getitem__(self, address):
        self._check(address)
        cells = self._cells
        return int.from_bytes(bytes(cells.get(address + i, 0) for i in range(self._bytes)),
                              "little")

    def __setitem__(self, address, value):
        self._check(address)
        raw = (int(value) & ((1 << (8 * self._bytes)) - 1)).to_bytes(self._bytes, "little")
        for i, byte in enumerate(raw):
            self._cells[address + i] = byte
