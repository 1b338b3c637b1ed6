"""The rp2 port (RP2040: Raspberry Pi Pico, Pico W). Reference: ports/rp2/machine_*.c."""

from __future__ import annotations

from typing import Any

from mpt.runtime.library.thread_policy import ThreadPolicy
from mpt.runtime.board.ports.bus_rates import (
    RP2_I2C_PINS, RP2_SPI_PINS, RP2_UART_PINS, rp2_i2c_actual_freq, rp2_i2c_scl_ok,
    rp2_i2c_sda_ok, rp2_spi_actual_baudrate, rp2_spi_pin_ok, rp2_uart_pin_ok)
from mpt.runtime.board.pins import MODE_ALT, MODE_OUT, PULL_UP
from mpt.runtime.board.ports.base import EIO, Port, as_int
from mpt.runtime.vm.features import EXTRA_FEATURES, Features

_UNSET = object()

RP2_TEMPERATURE_CHANNEL = 4
RP2_XOSC_KHZ = 12_000
RP2_USB_CLOCK_HZ = 48_000_000
RP2_GPIO_COUNT = 30
RP2_FIRST_EXT_PIN = 64  # the Pico W's WL_GPIOn lines are modelled from here
# the RP2040's GPIO function numbers (Pin.ALT_*)
RP2_ALT_FUNCTIONS = {"SPI": 1, "UART": 2, "I2C": 3, "PWM": 4, "SIO": 5, "PIO0": 6, "PIO1": 7,
                     "GPCK": 8, "USB": 9}
RP2_FIRST_ADC_GPIO = 26  # ADC channels 0-3 are GPIO26-29
# the RP2040 sensor reads about 0.706 V at 27 C
RP2_TEMPERATURE_U16 = round(0.706 / 3.3 * 65535)
RP2040_WDT_MAX_MS = 8388  # the 24-bit counter at 2 ticks per microsecond

RP2_UART_MAX_BUFFER = 32766
RP2_UART_MIN_BUFFER = 32



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


class Rp2Port(Port):
    name = "rp2"
    lfs_prog_size = 256  # ports/rp2/modules/_boot.py: VfsLfs2(bdev, progsize=256)
    modules = frozenset({"rp2", "dht", "neopixel", "onewire"})
    # ports/rp2/mpconfigport.h (MICROPY_PY_CRYPTOLIB set there; no btree in its CMake)
    features = Features.at_level("rp2", EXTRA_FEATURES, os_dupterm=1, os_dupterm_notify=True,
                                 thread=True, cryptolib=True,
                                 native_emitter=True, float_bits=32,
                                 inline_asm=True,
                                 scheduler_static_nodes=True, scheduler_depth=8)
    # one thread besides the main one, on core1; idents are the core number + 1
    # (mpthreadport.c); no GIL (MICROPY_PY_THREAD_GIL 0)
    thread_policy = ThreadPolicy(max_extra=1, busy_message="core1 in use", main_ident=1,
                                 first_ident=2, ident_step=0, own_core=True, gil=False)

    pin_constants = {"IN": 0, "OUT": 1, "OPEN_DRAIN": 2, "ALT": 3, "PULL_UP": 1,
                     "PULL_DOWN": 2, "IRQ_RISING": 8, "IRQ_FALLING": 4}
    pin_missing_methods = ("mode", "pull")

    def pin_by_name(self, profile: Any, name: str) -> int:
        if name.startswith("GPIO") and name[4:].isdigit() and int(name[4:]) in profile.valid_gpios:
            return int(name[4:])
        raise ValueError('unknown named pin "%s"' % name)

    def pin_class_constants(self) -> dict[str, int]:
        consts = dict(self.pin_constants)
        consts.update(("ALT_" + name, value) for name, value in RP2_ALT_FUNCTIONS.items())
        return consts

    def pin_name_tables(self, profile: Any) -> dict[str, tuple[str, dict[str, Any]]]:
        gpios = sorted(g for g in profile.valid_gpios if g < RP2_GPIO_COUNT)
        return {"cpu": ("cpu", {"GPIO%d" % g: g for g in gpios}),
                "board": ("board", {name: name for name in profile.pin_names})}

    def pin_select_alt(self, line: Any, alt: Any) -> None:
        names = {v: k for k, v in RP2_ALT_FUNCTIONS.items()}
        line.function = names.get(alt, "%d" % (alt or 0)) if alt is not None else None

    def pin_repr(self, gpio: int, line: Any) -> str:
        if gpio >= RP2_FIRST_EXT_PIN:
            # a pin of the Pico W's wireless chip: named after it, input or output only
            return "Pin(EXT_GPIO%d, mode=%s)" % (gpio - RP2_FIRST_EXT_PIN,
                                                 "OUT" if line.mode == MODE_OUT else "IN")
        mode_name, pull_name = self.pin_mode_pull_names(line)
        text = "Pin(GPIO%d, mode=%s" % (gpio, mode_name)
        if pull_name:
            text += ", pull=%s" % pull_name
        if line.mode == MODE_ALT:
            text += ", alt=%s" % (line.function or "SIO")
        return text + ")"
    reset_causes = {"PWRON_RESET": 1, "WDT_RESET": 3}

    def reset_cause(self, board: Any) -> str:
        # the rp2 port resets (machine.reset, deepsleep) through its watchdog
        return "WDT_RESET" if board.reset_cause != "PWRON_RESET" else board.reset_cause

    def machine_set_freq(self, board: Any, hz: Any, rest: tuple) -> None:
        """machine.freq(hz[, peri_hz]): the peripheral clock (SPI, UART) moves to the
        48 MHz USB PLL unless it is asked to follow the CPU."""
        hz = int(hz)
        if not rp2_pll_can_make(hz // 1000):
            raise ValueError("cannot change frequency")
        board.cpu_freq = hz // 1000 * 1000
        if rest:
            peri = int(rest[0])
            if peri not in (RP2_USB_CLOCK_HZ, hz):
                raise ValueError(
                    "peripheral freq must be 48_000_000 or the same as the MCU freq")
            board.peri_freq = board.cpu_freq if peri == hz else RP2_USB_CLOCK_HZ
        else:
            board.peri_freq = RP2_USB_CLOCK_HZ

    # --- machine.UART --------------------------------------------------------------------
    uart_irq_flags = (None, 0x40, 0x20, 0x200)
    uart_invert = {"INV_TX": 1, "INV_RX": 2}
    uart_extra_constants = {"CTS": 1, "RTS": 2}

    def uart_default_pins(self, id: int) -> tuple[int, int]:
        return RP2_UART_PINS[id]

    def uart_created(self, state: dict) -> None:
        state.update(txbuf=256, rxbuf=256)  # creating the object resets its buffers

    def uart_check_pin(self, bus: int, gpio: int, role: str) -> None:
        if not rp2_uart_pin_ok(bus, gpio, role):
            raise ValueError("bad %s pin" % role.upper())

    def uart_check_invert(self, invert: int) -> None:
        if invert & ~3:
            raise ValueError("bad inversion mask")

    def uart_buffer_size(self, name: str, value: int) -> int:
        if value > RP2_UART_MAX_BUFFER:
            raise ValueError("%s too large" % name)
        return max(RP2_UART_MIN_BUFFER, value)

    def uart_min_timeout_char(self, baudrate: int) -> int:
        return 13000 // baudrate + 1  # 13 bits

    def uart_after_init(self, board: Any, state: dict, buffer_given: bool) -> None:
        for role in ("tx", "rx"):
            board.gpio.line(state[role]).select_function("UART")

    def uart_deinit(self, state: dict) -> None:
        state["baudrate"] = 0
        state["irq_trigger"] = 0

    def uart_repr(self, id: int, st: dict) -> str:
        parity = "None" if st["parity"] is None else str(st["parity"])
        invert = {0: "None", 1: "INV_TX", 2: "INV_RX", 3: "INV_TX|INV_RX"}[st["invert"]]
        return ("UART(%d, baudrate=%d, bits=%d, parity=%s, stop=%d, tx=%d, rx=%d, "
                "txbuf=%d, rxbuf=%d, timeout=%d, timeout_char=%d, invert=%s, irq=%d)"
                % (id, st["baudrate"], st["bits"], parity, st["stop"], st["tx"],
                   st["rx"], st["txbuf"], st["rxbuf"], st["timeout"],
                   st["timeout_char"], invert, st["irq_trigger"]))

    # --- machine.Timer, WDT --------------------------------------------------------------
    def timer_repr(self, id: int, one_shot: bool, period: int, tick_hz: int) -> str:
        mode = "ONE_SHOT" if one_shot else "PERIODIC"
        text = ("%d" % period if period <= 0xFFFFFFFF
                else "%d000" % (period // 1000 & 0xFFFFFFFF))
        return "Timer(mode=%s, tick_hz=1000000, period=%s)" % (mode, text)

    def wdt_timeout_ms(self, id, timeout) -> int:
        timeout = as_int(timeout)
        if as_int(id) != 0:
            raise ValueError("WDT(%d) doesn't exist" % as_int(id))
        if not 0 <= timeout <= RP2040_WDT_MAX_MS:
            raise ValueError("timeout exceeds %d" % RP2040_WDT_MAX_MS)
        return timeout

    # --- machine.PWM, ADC ----------------------------------------------------------------
    pwm_model = "slices"
    adc_constants = {"CORE_TEMP": RP2_TEMPERATURE_CHANNEL}

    def adc_setup(self, board: Any) -> None:
        board.adc.sources.setdefault(("channel", RP2_TEMPERATURE_CHANNEL),
                                     lambda t: RP2_TEMPERATURE_U16)

    def adc_check_args(self, args: tuple, atten: int) -> None:
        if args or atten != -1:
            raise TypeError("function takes 1 positional arguments but %d were given"
                            % (1 + len(args)))

    def adc_channel(self, number: int) -> Any:
        if not 0 <= number <= RP2_TEMPERATURE_CHANNEL:
            return None
        return number + RP2_FIRST_ADC_GPIO if number < 4 else ("channel", number)

    def adc_pin_error(self, gpio: int) -> str:
        return "Pin doesn't have ADC capabilities"

    def adc_pin_channel(self, gpio: int) -> int | None:
        return gpio - RP2_FIRST_ADC_GPIO

    def adc_attach(self, adc: Any, gpio: int, atten: int) -> None:
        # the port disconnects the pad: function 31 (NULL), no pulls
        adc._hw.board.gpio.line(gpio).select_function("31", pull=None)

    # --- machine.I2C / SPI: settings are kept unless new ones are given ------------------
    i2c_nack_errno = EIO
    spi_bit_order = (1, 0)

    def i2c_configure(self, i2c: Any, reinit: bool, id=0, freq=400_000, *, scl=None,
                      sda=None, timeout=50_000) -> None:
        scl_default, sda_default = RP2_I2C_PINS.get(int(id), (0, 0))
        state = i2c._state(int(id), {"scl": scl_default, "sda": sda_default, "freq": 0,
                                     "timeout": 0})
        for role, pin, pin_ok in (("scl", scl, rp2_i2c_scl_ok), ("sda", sda, rp2_i2c_sda_ok)):
            if pin is not None:
                gpio = i2c._gpio_of(pin)
                if not pin_ok(i2c._id, gpio):
                    raise ValueError("bad %s pin" % role.upper())
                state[role] = gpio
        if reinit or state["freq"] == 0:
            board = i2c._hw.board
            state["freq"] = rp2_i2c_actual_freq(board.cpu_freq, int(freq))
            state["timeout"] = int(timeout)
            for gpio in (state["scl"], state["sda"]):
                board.gpio.line(gpio).select_function("I2C", pull=PULL_UP)

    def i2c_repr(self, id: int, state: dict) -> str:
        return "I2C(%d, freq=%d, scl=%d, sda=%d, timeout=%d)" % (
            id, state["freq"], state["scl"], state["sda"], state["timeout"])

    def spi_configure(self, spi: Any, reinit: bool, id=0, baudrate=1_000_000, *,
                      polarity=0, phase=0, bits=8, firstbit=_UNSET, sck=None, mosi=None,
                      miso=-1) -> None:
        msb, lsb = self.spi_bit_order
        firstbit = msb if firstbit is _UNSET else firstbit
        sck0, mosi0, miso0 = RP2_SPI_PINS.get(int(id), (0, 0, 0))
        state = spi._state(int(id), {"sck": sck0, "mosi": mosi0, "miso": miso0,
                                     "baudrate": 0})
        for role, pin in (("sck", sck), ("mosi", mosi)):
            if pin is not None:
                state[role] = self._spi_pin(spi, pin, role)
        if miso is None:
            state["miso"] = None
        elif not (isinstance(miso, int) and miso == -1):
            state["miso"] = self._spi_pin(spi, miso, "miso")
        if reinit or state["baudrate"] == 0:
            state.update(polarity=int(polarity), phase=int(phase), bits=int(bits),
                         firstbit=int(firstbit))
            if firstbit == lsb:
                raise NotImplementedError("LSB")
            board = spi._hw.board
            state["baudrate"] = rp2_spi_actual_baudrate(board.peri_freq, int(baudrate))
            for role in ("sck", "miso", "mosi"):
                if state[role] is not None:
                    board.gpio.line(state[role]).select_function("SPI")

    @staticmethod
    def _spi_pin(spi: Any, pin: Any, role: str) -> int:
        gpio = spi._gpio_of(pin)
        if not rp2_spi_pin_ok(spi._id, gpio, role):
            raise ValueError("bad %s pin" % role.upper())
        return gpio

    def spi_repr(self, id: int, st: dict) -> str:
        return ("SPI(%d, baudrate=%d, polarity=%d, phase=%d, bits=%d, sck=%d, mosi=%d, "
                "miso=%s)" % (id, st["baudrate"], st["polarity"], st["phase"], st["bits"],
                              st["sck"], st["mosi"], st["miso"]))

    # --- socket (Pico W: extmod/modlwip.c, lwIP's raw API) ---------------------------------
    socket_constants = {"SOL_SOCKET": 1, "SO_REUSEADDR": 0x04, "SO_BROADCAST": 0x20,
                        "IPPROTO_IP": 0, "IP_ADD_MEMBERSHIP": 0x400,
                        "IP_DROP_MEMBERSHIP": 0x401, "IPPROTO_TCP": 6, "TCP_NODELAY": 0x40,
                        "MSG_PEEK": 0x01, "MSG_DONTWAIT": 0x02}

    # --- network.WLAN (Pico W) -----------------------------------------------------------
    wlan_status_codes = {"STAT_IDLE": 0, "STAT_CONNECTING": 1, "STAT_GOT_IP": 3,
                         "STAT_NO_AP_FOUND": -2, "STAT_WRONG_PASSWORD": -3,
                         "STAT_CONNECT_FAIL": -1}
