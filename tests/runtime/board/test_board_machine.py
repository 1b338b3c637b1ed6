import io

import pytest

from mpt.runtime.board.board import BoardResetRequest
from mpt.runtime.board.config import apply_board_file

from guest_harness import Guest


@pytest.fixture
def pico(tmp_path):
    return Guest("rp2", tmp_path)


@pytest.fixture
def esp(tmp_path):
    return Guest("esp32", tmp_path)


def test_pin_output_input_and_repr(pico):
    Pin = pico.machine.Pin
    led = Pin("LED", Pin.OUT)
    assert repr(led) == "Pin(GPIO25, mode=OUT)"
    led.on()
    assert led.value() == 1 and led() == 1
    led.toggle()
    assert led.value() == 0
    assert Pin(25) is led
    button = Pin(14, Pin.IN, Pin.PULL_UP)
    assert button.value() == 1
    assert repr(button) == "Pin(GPIO14, mode=IN, pull=PULL_UP)"
    with pytest.raises(ValueError, match='unknown named pin "D5"'):
        Pin("D5")
    assert (Pin.IN, Pin.OUT, Pin.OPEN_DRAIN, Pin.IRQ_RISING, Pin.IRQ_FALLING) == (0, 1, 2, 8, 4)


def test_esp32_pins(esp):
    Pin = esp.machine.Pin
    assert (Pin.IN, Pin.OUT, Pin.OPEN_DRAIN, Pin.PULL_UP, Pin.IRQ_RISING) == (1, 3, 7, 2, 1)
    with pytest.raises(ValueError, match="pin can only be input"):
        Pin(34, Pin.OUT)
    with pytest.raises(ValueError, match="invalid pin"):
        Pin(24)
    assert repr(Pin(2, Pin.OUT)) == "Pin(2, mode=Pin.OUT)"
    assert repr(Pin(4, Pin.IN, Pin.PULL_UP)) == "Pin(4, mode=Pin.IN, pull=Pin.PULL_UP)"
    assert repr(Pin(5, Pin.OPEN_DRAIN)) == "Pin(5, mode=Pin.OUT)"


def test_pyboard_pins(tmp_path):
    pyb = Guest("pyboard", tmp_path)
    Pin = pyb.machine.Pin
    red = Pin("LED_RED", Pin.OUT)
    assert repr(red) == "Pin(Pin.cpu.A13, mode=Pin.OUT)"
    assert Pin.cpu.A13 is red
    assert Pin.board.X1 is Pin("A0")


def test_pin_irq_runs_handler_with_the_pin(tmp_path):
    guest = Guest("rp2", tmp_path)
    apply_board_file(guest.board, {"pin": [{"pin": "GP14", "initial": 1,
                                            "events": [[0.1, 0], [0.2, 1], [0.3, 0]]}]})
    Pin = guest.machine.Pin
    seen = []
    button = Pin(14, Pin.IN, Pin.PULL_UP)
    irq = button.irq(lambda p: seen.append((p, guest.board.clock.peek_ns() // 10**6)),
                     Pin.IRQ_FALLING)
    guest.time.sleep_ms(400)
    assert seen == [(button, 100), (button, 300)]
    assert irq.flags() == Pin.IRQ_FALLING


def test_exception_in_irq_handler_is_printed_and_program_continues(tmp_path):
    guest = Guest("rp2", tmp_path)
    apply_board_file(guest.board, {"pin": [{"pin": "GP2", "events": [[0.01, 1]]}]})
    Pin = guest.machine.Pin
    Pin(2, Pin.IN).irq(lambda p: 1 / 0, Pin.IRQ_RISING)
    guest.time.sleep_ms(20)
    assert "ZeroDivisionError" in "".join(guest.interpreter.stdout)


def test_signal_inverts(pico):
    m = pico.machine
    led = m.Signal(m.Pin(25, m.Pin.OUT), invert=True)
    led.on()
    assert m.Pin(25).value() == 0
    led.value(0)
    assert m.Pin(25).value() == 1 and led.value() == 0


def test_pwm_duty_and_trace(tmp_path):
    out = io.StringIO()
    guest = Guest("rp2", tmp_path, trace_stream=out)
    m = guest.machine
    pwm = m.PWM(m.Pin(15), freq=1000, duty_u16=16384)
    assert pwm.freq() == 1000 and pwm.duty_u16() == 16384
    pwm.duty_ns(500_000)
    assert pwm.duty_u16() == 32768
    # read back from the slice's registers (div 31/16, top 64515): a real Pico's rounding
    assert pwm.duty_ns() == 499_999
    with pytest.raises(ValueError, match="freq too small"):
        pwm.freq(1)
    pwm.deinit()
    assert "pwm  GP15 freq=1000 duty_u16=16384" in out.getvalue()
    assert "GP15 None (deinit)" in out.getvalue()


def test_adc_channels(tmp_path):
    guest = Guest("rp2", tmp_path)
    apply_board_file(guest.board, {"adc": [{"pin": "GP26", "value": 40000}]})
    m = guest.machine
    # a 12-bit sample (2500) scaled to 16 bits as ports/rp2/machine_adc.c does
    assert m.ADC(m.Pin(26)).read_u16() == 40009
    assert m.ADC(0).read_u16() == 40009
    assert not hasattr(m.ADC(26), "read_uv")  # only the esp32 port has read_uv
    assert 14000 < m.ADC(4).read_u16() < 14100  # the RP2040 temperature sensor at ~27 C
    with pytest.raises(ValueError, match="Pin doesn't have ADC capabilities"):
        m.ADC(m.Pin(2))


def test_i2c_register_device_and_errors(tmp_path):
    guest = Guest("rp2", tmp_path)
    apply_board_file(guest.board, {"i2c": [{"address": 0x48, "bus": 0,
                                            "registers": {"0x00": [0x19, 0x80]}}]})
    m = guest.machine
    i2c = m.I2C(0, scl=m.Pin(5), sda=m.Pin(4))
    assert i2c.scan() == [0x48]
    assert i2c.readfrom_mem(0x48, 0, 2) == b"\x19\x80"
    buf = bytearray(1)
    i2c.readfrom_mem_into(0x48, 1, buf)
    assert buf == b"\x80"
    i2c.writeto_mem(0x48, 5, b"\xaa\xbb")
    assert i2c.readfrom_mem(0x48, 5, 2) == b"\xaa\xbb"
    assert i2c.writeto(0x48, b"\x00") == 1
    assert i2c.writevto(0x48, [b"\x06", b"\x01"]) == 2
    with pytest.raises(OSError) as info:
        i2c.readfrom(0x20, 1)
    assert info.value.args[0] == 5  # rp2: EIO
    soft = m.SoftI2C(scl=m.Pin(5), sda=m.Pin(4))
    assert soft.scan() == []
    with pytest.raises(OSError) as info:
        soft.writeto(0x48, b"")
    assert info.value.args[0] == 19  # ENODEV
    with pytest.raises(ValueError, match=r"I2C\(7\) doesn't exist"):
        m.I2C(7)


def test_spi_and_uart(tmp_path):
    guest = Guest("rp2", tmp_path)
    apply_board_file(guest.board, {"spi": [{"id": 1, "loopback": True}],
                                   "uart": [{"id": 0, "rx": "line one\nrest"}]})
    m = guest.machine
    spi = m.SPI(1, baudrate=1_000_000)
    rx = bytearray(3)
    spi.write_readinto(b"abc", rx)
    assert rx == b"abc"
    assert m.SPI(0).read(2) == b"\xff\xff"  # nothing on the bus: MISO idles high
    uart = m.UART(0, 9600)
    assert uart.any() == 13
    assert uart.readline() == b"line one\n"
    assert uart.read() == b"rest"
    assert uart.read() is None
    sent = []
    guest.board.uart("UART0").tx_listeners.append(sent.append)
    assert uart.write(b"AT\r\n") == 4 and sent == [b"AT\r\n"]


def test_timers_fire_on_virtual_time(pico):
    m = pico.machine
    ticks = []
    periodic = m.Timer(period=100, mode=m.Timer.PERIODIC,
                       callback=lambda t: ticks.append(pico.time.ticks_ms()))
    once = []
    m.Timer(mode=m.Timer.ONE_SHOT, period=250, callback=lambda t: once.append(t))
    pico.time.sleep(1)
    periodic.deinit()
    pico.time.sleep(1)
    assert len(ticks) == 10 and ticks[0] == 100 and ticks[-1] == 1000
    assert len(once) == 1


def test_rtc_and_time(tmp_path):
    guest = Guest("esp32", tmp_path)
    rtc = guest.machine.RTC()
    rtc.datetime((2030, 1, 2, 0, 3, 4, 5, 0))
    assert rtc.datetime()[:3] == (2030, 1, 2) and rtc.datetime()[3] == 2  # a Wednesday
    t = guest.time.time()
    # esp32 counts from 2000-01-01
    assert t == guest.time.mktime((2030, 1, 2, 3, 4, 5, 0, 0)) or t - 1 == \
        guest.time.mktime((2030, 1, 2, 3, 4, 5, 0, 0))
    assert guest.time.gmtime(0)[:6] == (2000, 1, 1, 0, 0, 0)
    assert guest.time.mktime((2000, 13, 1, 0, 0, 0, 0, 0)) == 366 * 86400  # month wraps


def test_rp2_epoch_is_1970(pico):
    assert pico.time.gmtime(0)[:3] == (1970, 1, 1)
    assert pico.time.localtime(86400)[:3] == (1970, 1, 2)


def test_ticks_overflow_error(pico):
    with pytest.raises(OverflowError, match="ticks interval overflow"):
        pico.time.ticks_add(0, 1 << 29)


def test_ten_minute_blink_in_virtual_time_is_fast(pico):
    import time
    started = time.perf_counter()
    m, t = pico.machine, pico.time
    led = m.Pin("LED", m.Pin.OUT)
    for _ in range(600):
        led.toggle()
        t.sleep_ms(500)
        led.toggle()
        t.sleep_ms(500)
    assert pico.board.clock.peek_ns() >= 600 * 10**9
    assert time.perf_counter() - started < 1.0


def test_wdt_resets_board_when_not_fed(pico):
    m = pico.machine
    wdt = m.WDT(timeout=1000)
    pico.time.sleep_ms(900)
    wdt.feed()
    pico.time.sleep_ms(900)
    with pytest.raises(BoardResetRequest) as info:
        pico.time.sleep_ms(200)
    assert info.value.cause == "WDT_RESET"


def test_machine_functions(esp):
    m = esp.machine
    assert m.freq() == 160_000_000
    m.freq(240_000_000)
    assert m.freq() == 240_000_000
    with pytest.raises(ValueError):
        m.freq(123)
    assert m.reset_cause() == m.PWRON_RESET == 1
    assert m.unique_id() == bytes.fromhex("a4cf12345678")
    with pytest.raises(BoardResetRequest):
        m.reset()
    with pytest.raises(BoardResetRequest):  # it stays raised until the run ends
        esp.time.ticks_ms()
    esp.board.pending_reset = None  # what the end of a run does
    with pytest.raises(SystemExit):
        m.soft_reset()
    m.mem32[0x3FF44004] = 0x1234
    assert m.mem32[0x3FF44004] == 0x1234
    before = esp.board.clock.peek_ns()
    m.lightsleep(50)
    assert esp.board.clock.peek_ns() - before == 50 * 10**6


def test_os_module_on_flash(pico):
    os = pico.os
    assert os.uname().sysname == "rp2"
    assert os.uname().machine == "Raspberry Pi Pico with RP2040"
    os.mkdir("/lib")
    assert os.listdir() == ["lib"]
    assert list(os.ilistdir("/")) == [("lib", 0x4000, 0, 0)]
    with pytest.raises(OSError) as info:
        os.mkdir("/lib")
    assert info.value.errno == 17
    assert os.statvfs("/")[0] == 4096 and os.statvfs("/")[2] == 352
    os.chdir("lib")
    assert os.getcwd() == "/lib"
    assert pico.uos.uname() == os.uname()


def test_network_on_esp32(esp):
    network = esp.network
    wlan = network.WLAN(network.STA_IF)
    assert not wlan.isconnected()
    wlan.active(True)
    assert [entry[0] for entry in wlan.scan()][:1] == [b"HomeNetwork"]
    wlan.connect("HomeNetwork", "pw")
    assert wlan.isconnected() and wlan.status() == network.STAT_GOT_IP == 1010
    assert wlan.ifconfig()[0] == "192.168.1.42"
    assert network.WLAN(network.AP_IF).ifconfig()[0] == "192.168.4.1"


def test_network_declared_access_points(tmp_path):
    guest = Guest("rp2w", tmp_path)
    apply_board_file(guest.board, {"wifi": [{"ssid": "Lab", "password": "pw"}]})
    wlan = guest.network.WLAN(0)
    wlan.active(True)
    wlan.connect("Lab", "wrong")
    assert wlan.status() == guest.network.STAT_WRONG_PASSWORD == -3
    wlan.connect("Nope", "pw")
    assert wlan.status() == guest.network.STAT_NO_AP_FOUND
    wlan.connect("Lab", "pw")
    assert wlan.isconnected()


def test_no_network_on_a_plain_pico_and_no_bluetooth(pico):
    with pytest.raises(ImportError):
        pico.network
    with pytest.raises(KeyError):
        pico.bluetooth


def test_soft_i2c_bit_level_primitives(tmp_path):
    guest = Guest("esp32", tmp_path)
    apply_board_file(guest.board, {"i2c": [{"address": 0x50, "registers": {"0x10": [7, 8]}}]})
    m = guest.machine
    i2c = m.SoftI2C(scl=m.Pin(22), sda=m.Pin(21))
    i2c.start()
    assert i2c.write(bytes([0x50 << 1, 0x10])) == 2  # address + register pointer acked
    i2c.start()  # repeated start, then read
    assert i2c.write(bytes([(0x50 << 1) | 1])) == 1
    buf = bytearray(2)
    i2c.readinto(buf)
    i2c.stop()
    assert buf == b"\x07\x08"
    i2c.start()
    assert i2c.write(bytes([0x33 << 1, 0])) == 0  # nobody answers at 0x33
    i2c.stop()


@pytest.mark.parametrize("name,date", [("rp2", (2021, 1, 1)), ("esp32", (2000, 1, 1)),
                                       ("pyboard", (2015, 1, 1))])
def test_virtual_time_rtc_starts_at_the_power_on_date(tmp_path, name, date):
    guest = Guest(name, tmp_path)
    assert guest.time.localtime()[:6] == date + (0, 0, 0)
    guest.time.sleep(3661)
    assert guest.time.localtime()[3:6] == (1, 1, 1)
    assert guest.machine.RTC().datetime()[:3] == date


def test_soft_spi_and_uart_readinto_and_mem_alignment(tmp_path):
    guest = Guest("esp32", tmp_path)
    apply_board_file(guest.board, {"uart": [{"id": 2, "rx": "abcdef"}]})
    m = guest.machine
    with pytest.raises(ValueError, match="must specify all of sck/mosi/miso"):
        m.SoftSPI(baudrate=100_000, sck=m.Pin(18))
    spi = m.SoftSPI(baudrate=100_000, sck=m.Pin(18), mosi=m.Pin(23), miso=m.Pin(19))
    assert spi.read(3, 0x42) == b"\xff\xff\xff"
    with pytest.raises(ValueError, match="buffers must be the same length"):
        spi.write_readinto(b"ab", bytearray(3))
    uart = m.UART(2, 115200)
    buf = bytearray(4)
    assert uart.readinto(buf) == 4 and buf == b"abcd"
    assert uart.readinto(buf, 1) == 1 and buf[:1] == b"e"
    with pytest.raises(ValueError, match=r"UART\(5\) does not exist"):
        m.UART(5)
    with pytest.raises(ValueError, match="not aligned"):
        m.mem32[0x3FF44002]
    m.mem8[0x3FF44003] = 0x1FF
    assert m.mem8[0x3FF44003] == 0xFF


def test_network_ipconfig(esp):
    network = esp.network
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    wlan.connect("HomeNetwork", "pw")
    assert wlan.ipconfig("addr4") == ("192.168.1.42", "255.255.255.0")
    assert wlan.ipconfig("gw4") == "192.168.1.1"
    assert network.ipconfig("dns") == "192.168.1.1"
    wlan.ipconfig(addr4="10.0.0.7/24")
    assert wlan.ifconfig()[0] == "10.0.0.7"


def test_uart_receives_from_a_host_file_and_at_scheduled_times(tmp_path):
    (tmp_path / "gps.nmea").write_text("$GPGGA,1\n")
    guest = Guest("rp2", tmp_path)
    apply_board_file(guest.board, {"_base": tmp_path, "uart": [
        {"id": 1, "rx_file": "gps.nmea", "rx_events": [[1.0, "late\n"]]}]})
    uart = guest.machine.UART(1, 9600)
    assert uart.readline() == b"$GPGGA,1\n"
    assert uart.read() is None
    guest.time.sleep(1.5)
    assert uart.readline() == b"late\n"


def test_esp32_pwm_and_uart_messages(esp):
    m = esp.machine
    pwm = m.PWM(m.Pin(4), freq=1000, duty=512)
    assert pwm.duty() == 512 and pwm.freq() == 1000
    with pytest.raises(ValueError, match="duty_u16 must be from 0 to 65536"):
        pwm.duty_u16(70000)
    with pytest.raises(ValueError, match="duty must be from 0 to 1023"):
        pwm.duty(1024)
    with pytest.raises(ValueError, match="frequency must be from 1Hz to 40MHz"):
        pwm.freq(50_000_000)
    with pytest.raises(ValueError, match=r"UART\(3\) does not exist"):
        m.UART(3)


def test_pin_methods_differ_per_port(tmp_path):
    pyb, esp = Guest("pyboard", tmp_path / "a"), Guest("esp32", tmp_path / "b")
    assert not hasattr(pyb.machine.Pin, "toggle") and hasattr(pyb.machine.Pin, "high")
    assert hasattr(esp.machine.Pin, "toggle") and not hasattr(esp.machine.Pin, "high")
    assert pyb.machine.Pin("X1", pyb.machine.Pin.OUT).mode() == pyb.machine.Pin.OUT


def test_a_failing_hard_irq_handler_is_disabled(tmp_path):
    guest = Guest("rp2", tmp_path)
    apply_board_file(guest.board, {"pin": [{"pin": "GP2", "events": [[0.01, 1], [0.02, 0],
                                                                      [0.03, 1]]}]})
    Pin = guest.machine.Pin
    calls = []

    def handler(pin):
        calls.append(pin)
        raise ValueError("boom")

    Pin(2, Pin.IN).irq(handler, Pin.IRQ_RISING, hard=True)
    guest.time.sleep_ms(50)
    assert len(calls) == 1  # the second rising edge finds the handler disabled
    printed = "".join(guest.interpreter.stdout)
    assert printed.startswith("Uncaught exception in IRQ callback handler\n")
    assert "ValueError: boom" in printed
