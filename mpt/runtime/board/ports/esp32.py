"""The esp32 port (ESP32 generic). Reference: ports/esp32/machine_*.c."""

from __future__ import annotations

from mpt.runtime.board.guest.bus_ports import ESP32_UART_PINS, esp32_uart_actual_baudrate
from mpt.runtime.board.ports.base import Port, as_int

_UNSET = object()
ESP32_HARDWARE_TIMERS = 4
ESP32_HW_TIMER_HZ = 80_000_000 // 8  # APB clock through the port's divider of 8
ESP32_RTC_MEMORY_MAX = 2048


class Esp32RTC:
    """The esp32's extra RTC methods (ports/esp32/machine_rtc.c)."""

    def init(self, value):
        self._set(value, 3)  # the esp32 port reads hours from index 3 here

    def memory(self, data=_UNSET):
        board = self._hw.board
        if data is _UNSET:
            return bytes(board.rtc_memory)
        if isinstance(data, str):
            raise TypeError("object with buffer protocol required")
        data = bytes(data)
        if len(data) > ESP32_RTC_MEMORY_MAX:
            raise ValueError("buffer too long")
        board.rtc_memory = data
        return None


class Esp32Port(Port):
    name = "esp32"
    modules = frozenset({"esp32", "dht", "neopixel", "onewire"})

    pin_constants = {"IN": 1, "OUT": 3, "OPEN_DRAIN": 7, "PULL_UP": 2, "PULL_DOWN": 1,
                     "IRQ_RISING": 1, "IRQ_FALLING": 2, "WAKE_LOW": 4, "WAKE_HIGH": 5,
                     "DRIVE_0": 0, "DRIVE_1": 1, "DRIVE_2": 2, "DRIVE_3": 3}
    pin_missing_methods = ("low", "high", "mode", "pull")
    pin_irq_has_flags = False  # the esp32's pin IRQ object has trigger() only
    reset_causes = {"PWRON_RESET": 1, "HARD_RESET": 2, "WDT_RESET": 3, "DEEPSLEEP_RESET": 4,
                    "SOFT_RESET": 5}

    # --- machine.UART --------------------------------------------------------------------
    uart_irq_flags = (1, 0x1000, None, 2)
    uart_invert = {"INV_TX": 0x20, "INV_RX": 0x4, "INV_RTS": 0x40, "INV_CTS": 0x8}
    uart_missing_wording = "does not exist"

    def uart_default_pins(self, id: int) -> tuple[int, int]:
        return ESP32_UART_PINS[id]

    def uart_check_bits(self, bits: int) -> None:
        if bits not in (5, 6, 7, 8):
            raise ValueError("invalid data bits")

    def uart_check_stop(self, stop) -> None:
        if stop not in (1, 1.5, 2):
            raise ValueError("invalid stop bits")

    def uart_check_irq(self, hard: bool) -> None:
        if hard:
            raise ValueError("hard IRQ is not supported")

    def uart_repr(self, id: int, st: dict) -> str:
        parity = "None" if st["parity"] is None else str(st["parity"])
        text = ("UART(%d, baudrate=%d, bits=%d, parity=%s, stop=%d, tx=%d, rx=%d, "
                "rts=-1, cts=-1, txbuf=%d, rxbuf=%d, timeout=%d, timeout_char=%d, "
                "irq=%d" % (id, esp32_uart_actual_baudrate(st["baudrate"]),
                            st["bits"], parity, st["stop"], st["tx"], st["rx"],
                            st["txbuf"], st["rxbuf"], st["timeout"],
                            st["timeout_char"], st["irq_trigger"]))
        if st["invert"]:
            names = [n for n, bit in self.uart_invert.items() if st["invert"] & bit]
            text += ", invert=" + "|".join(names)
        return text + ")"

    # --- machine.Timer -------------------------------------------------------------------
    timer_constants = {"ONE_SHOT": False, "PERIODIC": True}

    def timer_check_id(self, id: int) -> None:
        if id >= ESP32_HARDWARE_TIMERS:
            raise ValueError("Timer(%d) doesn't exist, there are only %d hardware timers"
                             % (id, ESP32_HARDWARE_TIMERS))

    def timer_tick_hz(self, id: int) -> int:
        return ESP32_HW_TIMER_HZ if id >= 0 else 1_000_000

    def timer_check_hard(self, hard: bool) -> None:
        if hard:
            raise ValueError("hard Timers are not implemented")

    def timer_period(self, current: int, freq, period, tick_hz, unit_hz: int) -> int:
        return self.timer_ticks(freq, period, tick_hz, unit_hz)

    def timer_repr(self, id: int, one_shot: bool, period: int, tick_hz: int) -> str:
        # 1.29 prints the mode names the wrong way round (machine_timer.c)
        mode = "PERIODIC" if one_shot else "ONE_SHOT"
        return "Timer(%d, mode=%s, period=%d)" % (id, mode, period // (tick_hz // 1000))

    # --- machine.RTC, WDT ----------------------------------------------------------------
    rtc_mixins = (Esp32RTC,)

    def rtc_fields(self, now, wall_ns: int, shared: dict) -> tuple:
        return (now.year, now.month, now.day, now.weekday(), now.hour, now.minute,
                now.second, now.microsecond)

    def rtc_set_microseconds(self, fields: tuple) -> int:
        return int(fields[7])

    def wdt_timeout_ms(self, id, timeout) -> int:
        timeout = as_int(timeout)
        if not (isinstance(id, int) and id == 0):
            raise ValueError()
        if timeout <= 0:
            raise ValueError("WDT timeout too short")
        return timeout
