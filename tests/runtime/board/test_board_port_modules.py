"""The port modules (rp2, esp32, pyb) as guest programs see them; bluetooth is absent.

References: ports/rp2/modrp2.c, ports/esp32/modesp32.c + esp32_nvs.c (errors are
OSError(-code, name) from check_esp_err), ports/stm32/modpyb.c, led.c, usrsw.c.
"""

import textwrap

import pytest

from board_runner import guest_output


def board_file(tmp_path, text):
    path = tmp_path / "world.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("board", ["rp2", "esp32", "pyboard", "rp2w"])
def test_bluetooth_is_absent_and_other_ports_modules_too(tmp_path, board):
    own = {"rp2": "rp2", "rp2w": "rp2", "esp32": "esp32", "pyboard": "pyb"}[board]
    out = guest_output(tmp_path, """
        for name in ("bluetooth", "ubluetooth", "rp2", "esp32", "pyb"):
            try:
                __import__(name)
                print(name, "ok")
            except ImportError as e:
                print(e)
    """, board)
    expected = [f"{n} ok" if n == own else f"no module named '{n}'"
                for n in ("bluetooth", "ubluetooth", "rp2", "esp32", "pyb")]
    assert out.splitlines() == expected


@pytest.mark.parametrize("board", ["rp2", "esp32", "pyboard", "rp2w"])
def test_help_modules_lists_exactly_what_the_board_imports(tmp_path, board):
    out = guest_output(tmp_path, """
        import sys
        help("modules")
        print("--")
        for name in ("rp2", "esp32", "pyb", "network", "neopixel", "dht", "onewire",
                     "ds18x20", "machine", "framebuf"):
            try:
                __import__(name)
                print(name)
            except ImportError:
                pass
        print("--")
        print(sys.implementation._build)
    """, board)
    listing, importable, build = out.split("--\n")
    listed = set(listing.split()) - {"Plus", "any", "modules", "on", "the", "filesystem"}
    for name in importable.split():
        assert name in listed
    absent = {"rp2", "esp32", "pyb", "network", "neopixel", "dht", "onewire", "ds18x20"} - \
        set(importable.split())
    assert not absent & listed
    assert build.strip() == {"rp2": "RPI_PICO", "rp2w": "RPI_PICO_W", "esp32": "ESP32_GENERIC",
                             "pyboard": "PYBV11"}[board]


def test_rp2_bootsel_button_follows_the_board_file(tmp_path):
    world = board_file(tmp_path, '[[pin]]\npin = "BOOTSEL"\nevents = [[0.1, 1], [0.2, 0]]\n')
    out = guest_output(tmp_path, """
        import rp2, time
        seen = [rp2.bootsel_button()]
        time.sleep_ms(150)
        seen.append(rp2.bootsel_button())
        time.sleep_ms(100)
        seen.append(rp2.bootsel_button())
        print(seen)
        from machine import Pin
        try:
            Pin("BOOTSEL")
        except ValueError as e:
            print(e)
    """, board_file=world)
    assert out.splitlines() == ["[0, 1, 0]", 'unknown named pin "BOOTSEL"']


def test_rp2_pio_programs_load_but_state_machines_say_they_are_not_emulated(tmp_path):
    out = guest_output(tmp_path, """
        import rp2
        from machine import Pin

        @rp2.asm_pio(set_init=rp2.PIO.OUT_LOW)
        def blink():
            wrap_target()
            set(pins, 1)
            set(pins, 0)
            wrap()

        print(rp2.PIO.SHIFT_LEFT, rp2.PIO.SHIFT_RIGHT, rp2.PIO.JOIN_RX, rp2.PIO.IRQ_SM0)
        for make in (lambda: rp2.StateMachine(0, blink, freq=2000, set_base=Pin(25)),
                     lambda: rp2.PIO(0), lambda: rp2.DMA(), lambda: rp2.Flash()):
            try:
                make()
            except OSError as e:
                print(e.errno, e.args[1])
        print(hasattr(rp2, "country"))
    """)
    assert out.splitlines() == [
        "0 1 2 256",
        "19 rp2.StateMachine is not emulated by mpt", "19 rp2.PIO is not emulated by mpt",
        "19 rp2.DMA is not emulated by mpt", "19 rp2.Flash is not emulated by mpt",
        "False"]


def test_rp2w_country_is_shared_with_network(tmp_path):
    out = guest_output(tmp_path, """
        import rp2, network
        print(rp2.country(), network.country())
        rp2.country("GB")
        print(network.country())
        try:
            network.country("GBR")
        except ValueError as e:
            print("ValueError", repr(str(e)))
    """, "rp2w")
    assert out.splitlines() == ["XX XX", "GB", "ValueError ''"]


def test_esp32_nvs_values_errors_and_persistence(tmp_path):
    program = """
        import esp32
        nvs = esp32.NVS("app")
        try:
            print("boots", nvs.get_i32("boots"))
        except OSError as e:
            print(e.args)
            nvs.set_i32("boots", 0)
        nvs.set_i32("boots", nvs.get_i32("boots") + 1)
        nvs.set_blob("name", b"sensor-7")
        buf = bytearray(16)
        n = nvs.get_blob("name", buf)
        print(n, bytes(buf[:n]))
        for bad in (lambda: nvs.get_blob("name", bytearray(3)),
                    lambda: nvs.set_i32("a_key_longer_than_15", 1),
                    lambda: nvs.get_blob("boots", buf)):
            try:
                bad()
            except OSError as e:
                print(e.args)
        nvs.commit()
    """
    first = guest_output(tmp_path, program, "esp32")
    assert first.splitlines() == [
        "(-4354, 'ESP_ERR_NVS_NOT_FOUND')", "8 b'sensor-7'",
        "(-4364, 'ESP_ERR_NVS_INVALID_LENGTH')", "(-4361, 'ESP_ERR_NVS_KEY_TOO_LONG')",
        "(-4354, 'ESP_ERR_NVS_NOT_FOUND')"]
    # NVS is non-volatile and not part of the file system
    second = guest_output(tmp_path, textwrap.dedent(program) + "import os\nprint(os.listdir('/'))\n",
                          "esp32")
    assert second.splitlines()[0] == "boots 1"
    assert second.splitlines()[-1] == "[]"


def test_esp32_erase_key_and_other_functions(tmp_path):
    out = guest_output(tmp_path, """
        import esp32
        from machine import Pin
        nvs = esp32.NVS("cfg")
        nvs.set_i32("x", -5)
        nvs.erase_key("x")
        try:
            nvs.erase_key("x")
        except OSError as e:
            print(e.args[0])
        print(type(esp32.raw_temperature()), esp32.HEAP_DATA, esp32.HEAP_EXEC)
        print(esp32.WAKEUP_ALL_LOW, esp32.WAKEUP_ANY_HIGH)
        info = esp32.idf_heap_info(esp32.HEAP_DATA)
        print(type(info), len(info[0]))
        esp32.wake_on_ext0(Pin(4), esp32.WAKEUP_ALL_LOW)
        esp32.wake_on_ext1((Pin(32), Pin(33)), esp32.WAKEUP_ANY_HIGH)
        try:
            esp32.wake_on_ext0(Pin(5), esp32.WAKEUP_ALL_LOW)
        except ValueError as e:
            print(e)
    """, "esp32")
    assert out.splitlines() == ["-4354", "<class 'int'> 4 1", "False True",
                                "<class 'list'> 4", "invalid pin"]


def test_pyb_leds_switch_and_timing(tmp_path):
    world = board_file(tmp_path, '[[pin]]\npin = "SW"\nevents = [[0.2, 0], [0.3, 1]]\n')
    out = guest_output(tmp_path, """
        import pyb, machine
        leds = [pyb.LED(i) for i in range(1, 5)]
        print(leds)
        leds[0].on()
        print(machine.Pin("LED_RED").value(), leds[0].intensity())
        leds[0].toggle()
        print(machine.Pin("LED_RED").value())
        leds[0].intensity(100)   # no PWM on the red LED: just on
        leds[3].intensity(100)   # the blue one dims
        print(leds[0].intensity(), leds[3].intensity())
        try:
            pyb.LED(5)
        except ValueError as e:
            print(e)
        sw = pyb.Switch()
        presses = []
        sw.callback(lambda: presses.append(pyb.millis()))
        print(sw, sw(), sw.value())
        start = pyb.millis()
        pyb.delay(250)
        print(sw(), pyb.elapsed_millis(start))
        pyb.delay(100)
        print(sw(), presses)
        print(pyb.Pin is machine.Pin, pyb.freq())
    """, "pyboard", board_file=world)
    assert out.splitlines() == [
        "[LED(1), LED(2), LED(3), LED(4)]", "1 255", "0", "255 100", "LED(5) doesn't exist",
        "Switch() False False", "True 250", "False [200]",
        "True (168000000, 168000000, 42000000, 84000000)"]
