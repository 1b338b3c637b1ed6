"""machine's functions (sleep, reset, pulses, bitstream, ids, memory) and the neopixel module.

References: extmod/machine_pulse.c (time_pulse_us phases and -2/-1), extmod/
machine_bitstream.c (encoding 0, four timings), ports/*/modmachine.c (reset causes, freq),
ports/esp32/machine_rtc.c (RTC memory kept through deep sleep).
"""

import io

from board_runner import guest_output, run_guest
from test_board_vm_session import VmWire


def world(tmp_path, text):
    path = tmp_path / "world.toml"
    path.write_text(text)
    return path


def test_time_pulse_us_measures_scheduled_pulses(tmp_path):
    echo = world(tmp_path, '[[pin]]\npin = "GP15"\n'
                           'events = [[0.010, 1], [0.01058, 0], [0.050, 1], [0.080, 0]]\n')
    out = guest_output(tmp_path, """
        import time
        from machine import Pin, time_pulse_us
        echo = Pin(15, Pin.IN)
        print(time_pulse_us(echo, 1, 30_000))   # the 580 us echo
        print(time_pulse_us(echo, 1, 1000))     # nothing within 1 ms: -2
        time.sleep_ms(49)                       # at 60 ms the pin is high already
        print(time_pulse_us(echo, 1, 10_000))   # and stays so past the timeout: -1
        print(time_pulse_us(echo, 0))           # low from 80 ms, then for ever: -1
    """, board_file=echo)
    assert out.splitlines() == ["580", "-2", "-1", "-1"]


def test_bitstream_and_neopixel(tmp_path):
    trace = io.StringIO()
    from mpt.runtime.board.run import run_on_board
    from mpt.runtime.board.setup import BoardOptions
    script = tmp_path / "np.py"
    script.write_text(
        "import neopixel, time\n"
        "from machine import Pin, bitstream\n"
        "np = neopixel.NeoPixel(Pin(16), 3)\n"
        "np[0] = (255, 0, 0)\n"
        "np[2] = (1, 2, 3)\n"
        "print(np[0], np[1], np[2], len(np), bytes(np.buf))\n"
        "start = time.ticks_us()\n"
        "np.write()\n"
        "print(time.ticks_diff(time.ticks_us(), start))\n"
        "np.fill((0, 0, 9))\n"
        "print(bytes(np.buf), Pin(16))\n"
        "for bad in ((1, (1, 2, 3, 4)), (0, (1, 2, 3))):\n"
        "    try:\n"
        "        bitstream(Pin(16), bad[0], bad[1], b'x')\n"
        "    except ValueError as e:\n"
        "        print(e)\n")
    out = []
    status = run_on_board(str(script), ["np.py"], BoardOptions(
        flash=tmp_path / "f", virtual_time=True, trace=True), stdout=out.append,
        stderr=out.append, trace_stream=trace)
    assert status == 0, out
    assert "".join(out).splitlines() == [
        "(255, 0, 0) (0, 0, 0) (1, 2, 3) 3 b'\\x00\\xff\\x00\\x00\\x00\\x00\\x02\\x01\\x03'",
        "91",   # 72 bits of 1.25 us (+1 us for reading the clock)
        "b'\\x00\\x00\\t\\x00\\x00\\t\\x00\\x00\\t' Pin(GPIO16, mode=OUT)",
        "encoding", "requested length 4 but object has length 3"]
    assert trace.getvalue().split("] ", 1)[1].splitlines()[0] == \
        "bits GP16 00 ff 00 00 00 00 02 01 03 (high/low ns 400/850 800/450)"


def test_neopixel_is_part_of_the_rp2_and_esp32_firmware_only(tmp_path):
    status, out = run_guest(tmp_path, "import neopixel\n", "pyboard")
    assert status == 1 and out.splitlines()[-1] == "ImportError: no module named 'neopixel'"
    assert guest_output(tmp_path, "import neopixel\nprint(neopixel.NeoPixel)\n", "esp32") \
        == "<class 'NeoPixel'>\n"


def test_sleep_functions_and_interrupt_masking(tmp_path):
    out = guest_output(tmp_path, """
        import time, machine
        from machine import Timer
        t0 = time.ticks_ms()
        machine.lightsleep(100)
        machine.idle()
        print(time.ticks_diff(time.ticks_ms(), t0))
        fired = []
        Timer(mode=Timer.ONE_SHOT, period=300, callback=lambda t: fired.append(time.ticks_ms()))
        machine.lightsleep()             # no time given: until the next event
        print(fired)
        state = machine.disable_irq()
        Timer(mode=Timer.ONE_SHOT, period=50, callback=lambda t: fired.append("masked"))
        time.sleep_ms(100)
        print(fired[-1])
        machine.enable_irq(state)
        print(fired[-1])
    """)
    assert out.splitlines() == ["100", "[400]", "400", "masked"]


def test_identity_clock_and_memory_per_port(tmp_path):
    program = """
        import machine
        print(machine.unique_id(), machine.freq())
        machine.mem32[0x40000000] = 0x12345678
        print(hex(machine.mem32[0x40000000]), machine.mem8[0x40000001], machine.mem16[0x40000004])
        try:
            machine.mem32[0x40000002]
        except ValueError as e:
            print(e)
    """
    assert guest_output(tmp_path, program).splitlines() == [
        "b'\\xe6aA\\x04\\x03/K*' 125000000", "0x12345678 86 0",
        "address 40000002 is not aligned to 4 bytes"]
    assert guest_output(tmp_path, program, "pyboard").splitlines()[0].endswith(
        " (168000000, 168000000, 42000000, 84000000)")
    out = guest_output(tmp_path, "import machine\nprint(machine.freq())\n"
                                 "machine.freq(240_000_000)\nprint(machine.freq())\n"
                                 "try:\n    machine.freq(100_000_000)\nexcept ValueError as e:\n"
                                 "    print(e)\n", "esp32")
    assert out.splitlines() == ["160000000", "240000000",
                                "frequency must be 20MHz, 40MHz, 80Mhz, 160MHz or 240MHz"]


def test_esp32_deepsleep_restarts_the_board_keeping_rtc_memory(tmp_path):
    w = VmWire(tmp_path, board="esp32", files={
        "main.py": "import machine\n"
                   "print('cause', machine.reset_cause(), machine.wake_reason(), "
                   "machine.RTC().memory())\n"})
    try:
        assert w.take().startswith(b"cause 1 0 b''\r\n")
        out = w.send(b"import machine; machine.RTC().memory(b'count=1'); "
                     b"machine.deepsleep(500)\r")
        # DEEPSLEEP_RESET, woken by the timer (TIMER_WAKE), RTC memory kept
        assert b"cause 4 4 b'count=1'\r\n" in out
        assert b"soft reboot" not in out
        out = w.send(b"\x04")
        assert b"MPY: soft reboot\r\ncause 5 " in out   # SOFT_RESET after Ctrl-D
    finally:
        w.session.close()


def test_esp32_deepsleep_without_a_time_waits_for_the_ext0_pin(tmp_path):
    (tmp_path / "world.toml").write_text("[[pin]]\npin = 4\ninitial = 1\n"
                                         "events = [[7.5, 0]]\n")
    status, out = run_guest(tmp_path, """
        import esp32, time
        from machine import Pin, deepsleep
        esp32.wake_on_ext0(Pin(4, Pin.IN), esp32.WAKEUP_ALL_LOW)
        print("sleeping at", time.ticks_ms())
        deepsleep()
    """, "esp32", board_file=tmp_path / "world.toml")
    assert status == 0
    assert out.splitlines()[0] == "sleeping at 0"
    assert "DEEPSLEEP_RESET" in out


def test_rp2_deepsleep_is_a_watchdog_reset(tmp_path):
    w = VmWire(tmp_path, files={"main.py": "import machine\nprint('cause', "
                                           "machine.reset_cause())\n"})
    try:
        assert w.take().startswith(b"cause 1\r\n")
        out = w.send(b"import machine; machine.deepsleep(10)\r")
        assert b"cause 3\r\n" in out   # WDT_RESET: rp2 resets through its watchdog
        out = w.send(b"\x04")
        assert b"cause 3\r\n" in out   # a soft reset does not change it on rp2
    finally:
        w.session.close()


def test_reset_and_deepsleep_end_mpt_run_with_a_note(tmp_path):
    status, out = run_guest(tmp_path, """
        import machine
        print("before")
        try:
            machine.deepsleep(1000)
        except BaseException:
            print("a reset cannot be caught")
        print("not reached")
    """, "esp32")
    assert status == 0
    assert out.splitlines() == [
        "before", "MPY: board reset (DEEPSLEEP_RESET): machine.deepsleep() woke the board"]


def test_dht_sensors_from_the_board_file(tmp_path):
    sensors = world(tmp_path, '[[dht]]\npin = "GP15"\nmodel = "DHT22"\n'
                              'temperature = { expr = "-2.5 + t" }\nhumidity = { value = 45 }\n'
                              '[[dht]]\npin = "GP16"\nmodel = "DHT11"\n'
                              'temperature = { value = 21.4 }\nhumidity = { value = 40 }\n')
    out = guest_output(tmp_path, """
        import dht, time
        from machine import Pin, dht_readinto
        d = dht.DHT22(Pin(15))
        d.measure()                      # the start signal takes 268 ms
        print(time.ticks_ms(), d.temperature(), d.humidity())
        time.sleep(5)
        d.measure()
        print(time.ticks_ms(), d.temperature())
        small = dht.DHT11(Pin(16))
        small.measure()
        print(small.temperature(), small.humidity())
        buf = bytearray(5)
        dht_readinto(Pin(16), buf)
        print(buf)
        try:
            dht.DHT22(Pin(17)).measure()  # no sensor on GP17
        except OSError as e:
            print(e)
        try:
            dht_readinto(Pin(16), bytearray(4))
        except ValueError as e:
            print(e)
    """, board_file=sensors)
    assert out.splitlines() == [
        "272 -2.2 45.0", "5544 3.0", "21 40", "bytearray(b'(\\x00\\x15\\x00=')",
        "[Errno 110] ETIMEDOUT", "buffer too small"]


def test_dht_module_is_frozen_into_rp2_and_esp32_only(tmp_path):
    status, out = run_guest(tmp_path, "import dht\n", "pyboard")
    assert out.splitlines()[-1] == "ImportError: no module named 'dht'"
    assert guest_output(tmp_path, "import dht, machine\nprint(dht.DHT11, "
                                  "hasattr(machine, 'dht_readinto'))\n", "esp32") \
        == "<class 'DHT11'> True\n"


def test_dht_board_file_errors(tmp_path):
    import pytest
    from mpt.errors import UsageError
    from mpt.runtime.board.board import Board
    from mpt.runtime.board.config import apply_board_file
    board = Board("rp2", flash_dir=tmp_path / "f", virtual_time=True)
    with pytest.raises(UsageError, match='dht #1.model: expected one of "DHT11", "DHT22"'):
        apply_board_file(board, {"dht": [{"pin": "GP2", "model": "AM2302",
                                          "temperature": {"value": 1},
                                          "humidity": {"value": 1}}]})
    with pytest.raises(UsageError, match="dht #1: missing key humidity"):
        apply_board_file(board, {"dht": [{"pin": "GP2", "temperature": {"value": 1}}]})


def test_ds18x20_sensors_on_a_onewire_bus(tmp_path):
    sensors = world(tmp_path, '[[onewire]]\npin = "GP22"\n'
                              'devices = [{ temperature = { value = 21.5 } },\n'
                              '           { rom = "28ff641e8216c3a5", '
                              'temperature = { expr = "-10.0625 + t / 1000" } },\n'
                              '           { rom = "10a1b2c3d4e5f6b0", '
                              'temperature = { value = 25.5 } }]\n')
    status, out = run_guest(tmp_path, """
        import onewire, ds18x20, time
        from machine import Pin
        ow = onewire.OneWire(Pin(22))
        print(Pin(22))
        ds = ds18x20.DS18X20(ow)
        roms = ds.scan()
        print([bytes(r).hex() for r in roms])
        print([ds.read_temp(r) for r in roms[:2]])   # before any conversion: 85 C
        ds.convert_temp()
        time.sleep_ms(750)
        print([ds.read_temp(r) for r in roms])
        print(ow.crc8(roms[1][:7]) == roms[1][7], ow.crc8(ds.read_scratch(roms[0])))
        empty = onewire.OneWire(Pin(5))
        print(empty.reset(), empty.scan())
        try:
            ds18x20.DS18X20(empty).convert_temp()
        except onewire.OneWireError:
            print("OneWireError")
    """, board_file=sensors)
    # the DS18S20 ROM above has a wrong CRC byte: a board-file error would be too strict,
    # so it is accepted and the guest's own check reports it
    assert status == 0, out
    lines = out.splitlines()
    assert lines[0] == "Pin(GPIO22, mode=OPEN_DRAIN, pull=PULL_UP)"
    # the ROM search takes the 1 branch first, bits LSB first
    assert lines[1] == "['28ff641e8216c3a5', '2801000000000029', '10a1b2c3d4e5f6b0']"
    assert lines[2:] == ["[85.0, 85.0]", "[-10.0625, 21.5, 25.5]", "True 0", "False []",
                         "OneWireError"]


def test_onewire_modules_are_frozen_into_rp2_and_esp32_only(tmp_path):
    status, out = run_guest(tmp_path, "import ds18x20\n", "pyboard")
    assert out.splitlines()[-1] == "ImportError: no module named 'ds18x20'"
    assert guest_output(tmp_path, "import onewire\nprint(onewire.OneWire.SKIP_ROM)\n",
                        "esp32") == "204\n"


def test_rp2_cpu_frequency_follows_the_pll_and_moves_the_peripheral_clock(tmp_path):
    out = guest_output(tmp_path, """
        import machine
        from machine import SPI, I2C
        print(machine.freq(), SPI(0, 1_000_000))
        for f in (133_000_000, 250_000_000, 123_456_789):
            try:
                machine.freq(f)
                print(f, machine.freq())
            except ValueError as e:
                print(f, e)
        machine.freq(125_000_000)          # clk_peri now runs from the 48 MHz USB PLL
        print(SPI(0, 1_000_000), I2C(0, freq=400_000))
        machine.freq(125_000_000, 125_000_000)
        print(SPI(0, 1_000_000))
        try:
            machine.freq(125_000_000, 100_000_000)
        except ValueError as e:
            print(e)
    """)
    assert out.splitlines() == [
        "125000000 SPI(0, baudrate=992063, polarity=0, phase=0, bits=8, sck=18, mosi=19, "
        "miso=16)",
        "133000000 133000000", "250000000 250000000", "123456789 cannot change frequency",
        "SPI(0, baudrate=1000000, polarity=0, phase=0, bits=8, sck=18, mosi=19, miso=16) "
        "I2C(0, freq=399361, scl=5, sda=4, timeout=50000)",
        "SPI(0, baudrate=992063, polarity=0, phase=0, bits=8, sck=18, mosi=19, miso=16)",
        "peripheral freq must be 48_000_000 or the same as the MCU freq"]
