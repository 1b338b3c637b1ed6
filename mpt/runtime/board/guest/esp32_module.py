"""The guest's `esp32` module on the ESP32 profile.

Emulated: NVS (persistent, see :mod:`mpt.runtime.board.nvs`), ``raw_temperature()`` (a
steady reading, about 53 C in the sensor's raw Fahrenheit scale), ``idf_heap_info()``
(one region per capability: the board's heap), and the wake-source setters, which check
their arguments and record the choice (``machine.deepsleep()`` ends the run either way).
Partition, RMT, PCNT and ULP are not emulated and absent.
"""

from __future__ import annotations

from mpt.runtime.board.guest.hardware import GuestHardware, bind, guest_classes, hardware_for
from mpt.runtime.board.nvs import NvsError, NvsStore, nvs_path_for
from mpt.runtime.vm.builtins_table import OSError as GuestOSError

HEAP_DATA = 4  # ESP-IDF's MALLOC_CAP_8BIT
HEAP_EXEC = 1  # MALLOC_CAP_EXEC
RAW_TEMPERATURE = 128
# GPIOs of the RTC domain: the ones EXT0/EXT1 can wake on
RTC_GPIOS = frozenset([0, 2, 4, 12, 13, 14, 15, 25, 26, 27, 32, 33, 34, 35, 36, 37, 38, 39])


def _esp_error(error: NvsError) -> OSError:
    # the firmware negates the ESP-IDF code: OSError(-4354, 'ESP_ERR_NVS_NOT_FOUND')
    return GuestOSError(-error.code, str(error))


def make_module(ctx):
    hw = hardware_for(ctx)
    board = hw.board
    if board.nvs is None:
        board.nvs = NvsStore(nvs_path_for(board.flash.root))
    wake = board.wake_sources

    def raw_temperature():
        hw.touch()
        return RAW_TEMPERATURE

    def idf_heap_info(capabilities):
        heap = board.profile.heap_bytes
        return [(heap, heap // 2, heap // 4, heap // 2)] if int(capabilities) & HEAP_DATA \
            else []

    def _pin_number(pin):
        number = pin._gpio if hasattr(pin, "_gpio") else board.resolve_pin(pin)
        if number not in RTC_GPIOS:
            raise ValueError("invalid pin")
        return number

    def wake_on_ext0(pin, level):
        wake["ext0"] = None if pin is None else (_pin_number(pin), bool(level))

    def wake_on_ext1(pins, level):
        wake["ext1"] = None if pins is None else ([_pin_number(p) for p in pins], bool(level))

    def wake_on_gpio(pins, level):
        wake["gpio"] = None if pins is None else ([_pin_number(p) for p in pins], bool(level))

    def wake_on_touch(wake_flag):
        wake["touch"] = bool(wake_flag)

    def wake_on_ulp(wake_flag):
        wake["ulp"] = bool(wake_flag)

    def gpio_deep_sleep_hold(enable):
        wake["hold"] = bool(enable)

    return guest_classes({
        "NVS": bind(NVS, hw), "raw_temperature": raw_temperature, "idf_heap_info": idf_heap_info,
        "wake_on_ext0": wake_on_ext0, "wake_on_ext1": wake_on_ext1,
        "wake_on_gpio": wake_on_gpio, "wake_on_touch": wake_on_touch,
        "wake_on_ulp": wake_on_ulp, "gpio_deep_sleep_hold": gpio_deep_sleep_hold,
        "WAKEUP_ALL_LOW": False, "WAKEUP_ANY_HIGH": True,
        "HEAP_DATA": HEAP_DATA, "HEAP_EXEC": HEAP_EXEC,
    })


class NVS:
    """esp32.NVS over the board's NVS store (bound per interpreter)."""
    _hw: GuestHardware
    def __init__(self, namespace):
        if not isinstance(namespace, str):
            raise TypeError("can't convert %s to str" % type(namespace).__name__)
        try:
            self._hw.board.nvs.namespace(namespace)
        except NvsError as exc:
            raise _esp_error(exc) from None
        self._namespace = namespace

    def _call(self, fn, *args):
        try:
            return fn(self._namespace, *args)
        except NvsError as exc:
            raise _esp_error(exc) from None

    def set_i32(self, key, value):
        value = int(value)
        if not -(1 << 31) <= value < (1 << 31):
            raise OverflowError("overflow converting long int to machine word")
        self._call(self._hw.board.nvs.set, key, "i32", value)

    def get_i32(self, key):
        return self._call(self._hw.board.nvs.get, key, "i32")

    def set_blob(self, key, value):
        if isinstance(value, str):
            value = value.encode()
        self._call(self._hw.board.nvs.set, key, "blob", bytes(value).hex())

    def get_blob(self, key, buffer):
        data = bytes.fromhex(self._call(self._hw.board.nvs.get, key, "blob"))
        if len(data) > len(buffer):
            raise _esp_error(NvsError(0x110C))
        buffer[:len(data)] = data
        return len(data)

    def erase_key(self, key):
        self._call(self._hw.board.nvs.erase, key)

    def commit(self):
        self._hw.board.nvs.commit()
