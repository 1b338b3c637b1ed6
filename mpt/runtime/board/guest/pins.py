"""machine.Pin and machine.Signal for the guest.

The classes are port-neutral; each port's constants, missing methods, pin names and repr
come from its :class:`~mpt.runtime.board.ports.Port` (pin_*).
"""

from __future__ import annotations

from mpt.runtime.board import pins as model
from mpt.runtime.board.guest.hardware import GuestHardware, bind

_UNSET = object()


def bind_pin_classes(hw: GuestHardware) -> tuple[type, type]:
    """machine.Pin and Signal for one interpreter: one Pin object per GPIO."""
    port = hw.port
    consts = port.pin_constants
    mode_to_model = {consts["IN"]: model.MODE_IN, consts["OUT"]: model.MODE_OUT,
                     consts["OPEN_DRAIN"]: model.MODE_OPEN_DRAIN}
    for alt in ("ALT", "ALT_OPEN_DRAIN", "ANALOG"):
        if alt in consts:
            mode_to_model[consts[alt]] = model.MODE_ALT
    pull_to_model: dict[int, int | None] = {consts["PULL_UP"]: model.PULL_UP,
                                            consts["PULL_DOWN"]: model.PULL_DOWN}
    if "PULL_NONE" in consts:
        pull_to_model[consts["PULL_NONE"]] = None
    model_to_mode = {v: k for k, v in mode_to_model.items() if k != consts.get("ANALOG")}
    irq = bind(IRQ, hw, omit=() if port.pin_irq_has_flags else ("flags",))
    pin: type[Pin] = bind(Pin, hw, omit=port.pin_missing_methods, _IRQ=irq, _instances={},
               _mode_to_model=mode_to_model, _pull_to_model=pull_to_model,
               _model_to_mode=model_to_mode, **port.pin_class_constants())
    pin._Pin = pin  # Pin(pin) takes a Pin of this interpreter (or of a guest subclass)
    for attr, (class_name, names) in port.pin_name_tables(hw.board.profile).items():
        setattr(pin, attr, type(class_name, (), {name: _LazyPin(pin, spec)
                                                 for name, spec in names.items()}))
    return pin, bind(Signal, hw, _Pin=pin)


class IRQ:
    _hw: GuestHardware  # bound per interpreter

    def __init__(self, pin):
        self._pin = pin

    def flags(self):
        consts = self._hw.port.pin_constants
        fired = self._pin._line.irq_flags
        return (consts["IRQ_RISING"] if fired == model.IRQ_RISING else 0) | \
            (consts["IRQ_FALLING"] if fired == model.IRQ_FALLING else 0)

    def trigger(self, new=None):
        pin = self._pin
        current = pin._trigger
        if new is not None:
            pin._configure_irq(pin._handler, new)
        return current

    def __call__(self):
        if self._pin._handler is not None:
            self._hw.ctx.call_guest(self._pin._handler, self._pin)


class Pin:
    _hw: GuestHardware  # these are bound per interpreter (bind_pin_classes)
    _Pin: type
    _IRQ: type
    _instances: dict[int, "Pin"]
    _mode_to_model: dict
    _pull_to_model: dict
    _model_to_mode: dict
    _gpio: int  # (set by __new__, once per GPIO)
    _line: model.GpioLine

    def __new__(cls, id, *args, **kwargs):
        board = cls._hw.board
        gpio = id._gpio if isinstance(id, cls._Pin) else board.resolve_pin(id)
        pin = cls._instances.get(gpio)
        if pin is None:
            pin = object.__new__(cls)
            pin._gpio = gpio
            pin._line = board.gpio.line(gpio)
            pin._name = id if isinstance(id, str) else None
            pin._handler = None
            pin._trigger = 0
            pin._irq = None
            cls._instances[gpio] = pin
        return pin

    def __init__(self, id, mode=_UNSET, pull=_UNSET, *, value=None, drive=None,
                 alt=None, hold=None):
        if mode is not _UNSET or pull is not _UNSET or value is not None:
            self.init(mode, pull, value=value, drive=drive, alt=alt)

    def init(self, mode=_UNSET, pull=_UNSET, *, value=None, drive=None, alt=None,
             hold=None):
        port = self._hw.port
        new_mode = None
        if mode is not _UNSET and mode is not None and mode != -1:
            if mode not in self._mode_to_model:
                raise ValueError(port.pin_mode_error(mode))
            new_mode = self._mode_to_model[mode]
            if (new_mode in (model.MODE_OUT, model.MODE_OPEN_DRAIN)
                    and self._gpio in self._hw.board.profile.input_only_gpios):
                raise ValueError("pin can only be input")
        new_pull = False
        if pull is not _UNSET and pull != -1:
            if pull is None:
                new_pull = None
            elif pull in self._pull_to_model:
                new_pull = self._pull_to_model[pull]
            else:
                raise ValueError("invalid pull value")
        self._line.configure(new_mode, new_pull, value)
        if new_mode == model.MODE_ALT:
            port.pin_select_alt(self._line, alt)
        return None

    def value(self, x=_UNSET):
        if x is _UNSET:
            self._hw.touch()
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
            return self._model_to_mode.get(self._line.mode, self._hw.port.pin_constants["IN"])
        self.init(mode)

    def pull(self, pull=_UNSET):
        if pull is _UNSET:
            current = self._line.pull
            for guest, value in self._pull_to_model.items():
                if value == current:
                    return guest
            return None
        self.init(pull=pull)

    def irq(self, *args, **kwargs):
        # no arguments: the IRQ object as it is; otherwise (re)configure it
        if args or kwargs:
            if self._hw.port.pin_irq_hard:
                self._configure_irq(*args, **kwargs)
            else:
                self._configure_irq_wake(*args, **kwargs)
        if self._irq is None:
            self._irq = self._IRQ(self)
        return self._irq

    def _configure_irq_wake(self, handler=None, trigger=_UNSET, wake=None):
        """Pin.irq() where the port takes wake= instead of hard= (esp32)."""
        self._configure_irq(handler, trigger)

    def _configure_irq(self, handler=None, trigger=_UNSET, hard=False):
        consts = self._hw.port.pin_constants
        rising, falling = consts["IRQ_RISING"], consts["IRQ_FALLING"]
        if trigger is _UNSET:
            trigger = rising | falling
        model_trigger = (model.IRQ_RISING if trigger & rising else 0) | \
            (model.IRQ_FALLING if trigger & falling else 0)
        self._handler = handler
        self._trigger = int(trigger)
        self._line.irq_flags = 0
        if handler is None:
            self._line.set_irq(0, None)
        else:
            self._line.set_irq(model_trigger, lambda edge: self._fire(bool(hard)))

    def _fire(self, hard: bool) -> None:
        if self._handler is None:
            return
        if not hard:
            self._hw.schedule(self._handler, self)
        elif not self._hw.call_hard_irq(self._handler, self):
            # a hard IRQ runs at once; an uncaught exception disables the handler
            self._handler = None
            self._line.set_irq(0, None)

    def __repr__(self):
        return self._hw.port.pin_repr(self._gpio, self._line)


class _LazyPin:
    """Pin.cpu.A13 / Pin.board.X1: resolved to the Pin on access."""

    def __init__(self, pin_class, name):
        self._pin_class = pin_class
        self._name = name

    def __get__(self, instance, owner):
        return self._pin_class(self._name)


class Signal:
    _hw: GuestHardware  # bound per interpreter
    _Pin: type

    def __init__(self, pin, *args, invert=False, **kwargs):
        if not isinstance(pin, self._Pin):
            pin = self._Pin(pin, *args, **kwargs)
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
