"""machine.Pin and machine.Signal for the guest."""

from __future__ import annotations

from mpt.runtime.board import pins as model
from mpt.runtime.board.guest.hardware import GuestHardware

_UNSET = object()
RP2_FIRST_EXT_PIN = 64  # the Pico W's WL_GPIOn lines are modelled from here
# the RP2040's GPIO function numbers (Pin.ALT_*)
RP2_ALT_FUNCTIONS = {"SPI": 1, "UART": 2, "I2C": 3, "PWM": 4, "SIO": 5, "PIO0": 6, "PIO1": 7,
                     "GPCK": 8, "USB": 9}


def build_pin_classes(hw: GuestHardware):
    consts = hw.port.pin_constants
    board = hw.board
    profile = board.profile
    mode_to_model = {consts["IN"]: model.MODE_IN, consts["OUT"]: model.MODE_OUT,
                     consts["OPEN_DRAIN"]: model.MODE_OPEN_DRAIN}
    for alt in ("ALT", "ALT_OPEN_DRAIN", "ANALOG"):
        if alt in consts:
            mode_to_model[consts[alt]] = model.MODE_ALT
    pull_to_model = {consts["PULL_UP"]: model.PULL_UP, consts["PULL_DOWN"]: model.PULL_DOWN}
    if "PULL_NONE" in consts:
        pull_to_model[consts["PULL_NONE"]] = None
    model_to_mode = {v: k for k, v in mode_to_model.items() if k != consts.get("ANALOG")}
    rising, falling = consts["IRQ_RISING"], consts["IRQ_FALLING"]
    instances: dict[int, "Pin"] = {}

    class IRQ:
        def __init__(self, pin):
            self._pin = pin

        def flags(self):
            fired = self._pin._line.irq_flags
            return (rising if fired == model.IRQ_RISING else 0) | \
                (falling if fired == model.IRQ_FALLING else 0)

        def trigger(self, new=None):
            pin = self._pin
            current = pin._trigger
            if new is not None:
                pin._configure_irq(pin._handler, new)
            return current

        def __call__(self):
            if self._pin._handler is not None:
                hw.ctx.call_guest(self._pin._handler, self._pin)

    class Pin:
        def __new__(cls, id, *args, **kwargs):
            if isinstance(id, Pin):
                gpio = id._gpio
            else:
                gpio = board.resolve_pin(id)
            pin = instances.get(gpio)
            if pin is None:
                pin = object.__new__(cls)
                pin._gpio = gpio
                pin._line = board.gpio.line(gpio)
                pin._name = id if isinstance(id, str) else None
                pin._handler = None
                pin._trigger = 0
                pin._irq = None
                instances[gpio] = pin
            return pin

        def __init__(self, id, mode=_UNSET, pull=_UNSET, *, value=None, drive=None,
                     alt=None, hold=None):
            if mode is not _UNSET or pull is not _UNSET or value is not None:
                self.init(mode, pull, value=value, drive=drive, alt=alt)

        def init(self, mode=_UNSET, pull=_UNSET, *, value=None, drive=None, alt=None,
                 hold=None):
            new_mode = None
            if mode is not _UNSET and mode is not None and mode != -1:
                if mode not in mode_to_model:
                    raise ValueError("invalid pin mode: %d" % mode if hw.port.name != "esp32"
                                     else "invalid pin mode")
                new_mode = mode_to_model[mode]
                if (new_mode in (model.MODE_OUT, model.MODE_OPEN_DRAIN)
                        and self._gpio in profile.input_only_gpios):
                    raise ValueError("pin can only be input")
            new_pull = False
            if pull is not _UNSET and pull != -1:
                if pull is None:
                    new_pull = None
                elif pull in pull_to_model:
                    new_pull = pull_to_model[pull]
                else:
                    raise ValueError("invalid pull value")
            self._line.configure(new_mode, new_pull, value)
            if new_mode == model.MODE_ALT and hw.port.name == "rp2":
                names = {v: k for k, v in RP2_ALT_FUNCTIONS.items()}
                self._line.function = names.get(alt, "%d" % (alt or 0)) if alt is not None \
                    else None
            return None

        def value(self, x=_UNSET):
            if x is _UNSET:
                hw.touch()
                return self._line.level()
            self._line.write(bool(x))
            return None

        def __call__(self, x=_UNSET):
            return self.value(x)

        def on(self):
            self._line.write(1)

        def off(self):
            self._line.write(0)

        def high(self):
            self._line.write(1)

        def low(self):
            self._line.write(0)

        def toggle(self):
            self._line.write(0 if self._line.out_value else 1)

        def mode(self, mode=_UNSET):
            if mode is _UNSET:
                return model_to_mode.get(self._line.mode, consts["IN"])
            self.init(mode)

        def pull(self, pull=_UNSET):
            if pull is _UNSET:
                current = self._line.pull
                for guest, value in pull_to_model.items():
                    if value == current:
                        return guest
                return None
            self.init(pull=pull)

        def irq(self, *args, **kwargs):
            # no arguments: the IRQ object as it is; otherwise (re)configure it
            if args or kwargs:
                if hw.port.name == "esp32":
                    self._configure_irq_esp32(*args, **kwargs)
                else:
                    self._configure_irq(*args, **kwargs)
            if self._irq is None:
                self._irq = IRQ(self)
            return self._irq

        def _configure_irq_esp32(self, handler=None, trigger=rising | falling, wake=None):
            self._configure_irq(handler, trigger)

        def _configure_irq(self, handler=None, trigger=rising | falling, hard=False):
            model_trigger = (model.IRQ_RISING if trigger & rising else 0) | \
                (model.IRQ_FALLING if trigger & falling else 0)
            self._handler = handler
            self._trigger = int(trigger)
            self._line.irq_flags = 0
            if handler is None:
                self._line.set_irq(0, None)
            else:
                pin = self

                def fire(edge, pin=pin, hard=bool(hard)):
                    if pin._handler is None:
                        return
                    if hard:  # a hard IRQ runs at once, not through the scheduler
                        if not hw.call_hard_irq(pin._handler, pin):
                            # an uncaught exception disables the handler
                            pin._handler = None
                            pin._line.set_irq(0, None)
                    else:
                        hw.schedule(pin._handler, pin)

                self._line.set_irq(model_trigger, fire)

        def __repr__(self):
            return _pin_repr(hw.port.name, self, consts)

    for name, value in consts.items():
        setattr(Pin, name, value)
    # each port has its own set of methods
    for name in hw.port.pin_missing_methods:
        delattr(Pin, name)
    if not hw.port.pin_irq_has_flags:
        del IRQ.flags
    if hw.port.name == "rp2":
        for name, value in RP2_ALT_FUNCTIONS.items():
            setattr(Pin, "ALT_" + name, value)

        class cpu:
            pass

        class board_names:
            pass
        for gpio in sorted(g for g in profile.valid_gpios if g < 30):
            setattr(cpu, "GPIO%d" % gpio, _LazyPin(Pin, gpio))
        for name in profile.pin_names:
            setattr(board_names, name, _LazyPin(Pin, name))
        cpu.__name__, board_names.__name__ = "cpu", "board"
        Pin.cpu = cpu
        Pin.board = board_names
    if hw.port.name == "pyboard":
        class cpu:
            pass

        class board_names:
            pass
        for cpu_name_gpio in sorted(profile.valid_gpios):
            name = "ABCD"[cpu_name_gpio // 16] + str(cpu_name_gpio % 16)
            setattr(cpu, name, _LazyPin(Pin, name))
        for name in profile.pin_names:
            setattr(board_names, name, _LazyPin(Pin, name))
        Pin.cpu = cpu
        Pin.board = board_names

    class Signal:
        def __init__(self, pin, *args, invert=False, **kwargs):
            if not isinstance(pin, Pin):
                pin = Pin(pin, *args, **kwargs)
            elif args or kwargs:
                pin.init(*args, **kwargs)
            self._pin = pin
            self._invert = bool(invert)

        def value(self, x=_UNSET):
            if x is _UNSET:
                return self._pin.value() ^ self._invert
            self._pin.value(bool(x) ^ self._invert)

        def __call__(self, x=_UNSET):
            return self.value(x)

        def on(self):
            self.value(1)

        def off(self):
            self.value(0)

    return Pin, Signal


class _LazyPin:
    """Pin.cpu.A13 / Pin.board.X1 on the pyboard: resolved to the Pin on access."""

    def __init__(self, pin_class, name):
        self._pin_class = pin_class
        self._name = name

    def __get__(self, instance, owner):
        return self._pin_class(self._name)


def _pin_repr(port: str, pin, consts) -> str:
    line = pin._line
    mode_name = {model.MODE_IN: "IN", model.MODE_OUT: "OUT",
                 model.MODE_OPEN_DRAIN: "OPEN_DRAIN", model.MODE_ALT: "ALT"}[line.mode]
    pull_name = {model.PULL_UP: "PULL_UP", model.PULL_DOWN: "PULL_DOWN"}.get(line.pull)
    if port == "rp2" and pin._gpio >= RP2_FIRST_EXT_PIN:
        # a pin of the Pico W's wireless chip: named after it, input or output only
        return "Pin(EXT_GPIO%d, mode=%s)" % (pin._gpio - RP2_FIRST_EXT_PIN,
                                             "OUT" if line.mode == model.MODE_OUT else "IN")
    if port == "esp32":
        # ESP-IDF 5.5 builds (1.29) print the pad state; an open-drain output has its
        # output enabled, so it shows as OUT
        mode_name = "OUT" if line.mode in (model.MODE_OUT, model.MODE_OPEN_DRAIN) else "IN"
        text = "Pin(%d, mode=Pin.%s" % (pin._gpio, mode_name)
        if pull_name:
            text += ", pull=Pin.%s" % pull_name
        return text + ")"
    if port == "rp2":
        text = "Pin(GPIO%d, mode=%s" % (pin._gpio, mode_name)
        if pull_name:
            text += ", pull=%s" % pull_name
        if line.mode == model.MODE_ALT:
            text += ", alt=%s" % (line.function or "SIO")
        return text + ")"
    cpu = "ABCD"[pin._gpio // 16] + str(pin._gpio % 16)
    if line.function == "ANALOG":
        mode_name = "ANALOG"
    if mode_name == "ANALOG":
        return "Pin(Pin.cpu.%s, mode=Pin.ANALOG)" % cpu
    text = "Pin(Pin.cpu.%s, mode=Pin.%s" % (cpu, mode_name)
    if pull_name:
        text += ", pull=Pin.%s" % pull_name
    if line.mode == model.MODE_ALT and line.function:
        text += ", alt=Pin.%s" % line.function
    return text + ")"
