"""The guest's `pyb` module on the pyboard profile: the part a pyboard program uses most.

Emulated: LED(1..4) on the board's LED pins (traced like any pin; intensity() keeps the
level 0-255, PWM-dimmed on LEDs 3 and 4 as on the PYBv1.1), Switch (the USR button on
pin "SW", pressed when low; a board file drives it), Pin (= machine.Pin), delay/udelay,
millis/micros, elapsed_millis/elapsed_micros, freq, unique_id, hard_reset, bootloader,
wfi, disable_irq/enable_irq, stop/standby, sync, UART (= machine.UART). The pyb-only
peripheral classes (pyb.I2C, SPI, CAN, ADC, DAC, Timer, ExtInt, Accel, LCD, USB_*) are not
emulated and absent: use machine's.
"""

from __future__ import annotations

from mpt.runtime.library.clock import NS_PER_MS, NS_PER_US
from mpt.runtime.board.guest.hardware import GuestHardware, bind, guest_classes, hardware_for
from mpt.runtime.board.pins import MODE_OUT
from mpt.runtime.board.guest.machine import make_module as machine_module
from mpt.runtime.board.guest.time import make_module as time_module

LED_PINS = ("LED_RED", "LED_GREEN", "LED_YELLOW", "LED_BLUE")
PWM_LEDS = (3, 4)  # the PYBv1.1 dims these two with a timer
TICKS_MASK = 0x3FFFFFFF


def make_module(ctx):
    hw = hardware_for(ctx)
    board = hw.board
    machine = machine_module(ctx)
    time = time_module(ctx)
    clock = hw.clock
    switch_line = board.gpio.line(board.resolve_pin("SW"))
    switch_line.configure(None, 1)  # the firmware pulls the button up at boot
    led = bind(LED, hw, _leds={})
    switch = bind(Switch, hw, _line=switch_line, _callback=[])

    def elapsed_millis(start):
        return (time["ticks_ms"]() - int(start)) & TICKS_MASK

    def elapsed_micros(start):
        return (time["ticks_us"]() - int(start)) & TICKS_MASK

    def delay(ms):
        clock.sleep_ns(int(ms) * NS_PER_MS)

    def udelay(us):
        clock.sleep_ns(int(us) * NS_PER_US)

    def sync():
        return None

    return guest_classes({
        "LED": led, "Switch": switch, "Pin": machine["Pin"], "UART": machine["UART"],
        "delay": delay, "udelay": udelay, "millis": time["ticks_ms"],
        "micros": time["ticks_us"], "elapsed_millis": elapsed_millis,
        "elapsed_micros": elapsed_micros, "freq": machine["freq"],
        "unique_id": machine["unique_id"], "hard_reset": machine["reset"],
        "bootloader": machine["bootloader"], "wfi": machine["idle"],
        "disable_irq": machine["disable_irq"], "enable_irq": machine["enable_irq"],
        "stop": machine["lightsleep"], "standby": machine["deepsleep"], "sync": sync,
    })


class LED:
    """pyb.LED(1-4): one object per LED (bound per interpreter)."""
    _hw: GuestHardware
    _leds: dict[int, "LED"]

    def __new__(cls, led_id):
        led_id = int(led_id)
        if not 1 <= led_id <= len(LED_PINS):
            raise ValueError("LED(%d) doesn't exist" % led_id)
        led = cls._leds.get(led_id)
        if led is None:
            board = cls._hw.board
            led = cls._leds[led_id] = object.__new__(cls)
            led._id = led_id
            led._line = board.gpio.line(board.resolve_pin(LED_PINS[led_id - 1]))
            led._line.configure(MODE_OUT)
            led._intensity = 255 if led._line.out_value else 0
        return led

    def on(self):
        self.intensity(255)

    def off(self):
        self.intensity(0)

    def toggle(self):
        self.intensity(0 if self._intensity else 255)

    def intensity(self, value=None):
        if value is None:
            return self._intensity
        value = int(value)
        if self._id in PWM_LEDS and 0 < value < 255:
            self._intensity = value
        else:
            self._intensity = 255 if value > 0 else 0
        self._line.write(self._intensity > 0)
        return None

    def __repr__(self):
        return "LED(%d)" % self._id


class Switch:
    """pyb.Switch: the USR button (bound per interpreter to its pin and callback)."""
    _hw: GuestHardware
    _line: object
    _callback: list

    def __call__(self):
        return self.value()

    def value(self):
        self._hw.touch()
        return self._line.level() == 0

    def callback(self, fun):
        self._callback[:] = [fun]
        if fun is None:
            self._line.set_irq(0, None)
            return None
        self._line.set_irq(1, self._pressed)  # falling edge: the button pulls the pin low
        return None

    def _pressed(self, edge):
        if self._callback and self._callback[0] is not None:
            self._hw.schedule(self._callback[0])

    def __repr__(self):
        return "Switch()"
