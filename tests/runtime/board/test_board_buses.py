"""I2C, SPI, UART and PWM as each port creates and prints them (guest programs).

References: ports/rp2/machine_{i2c,spi,uart,pwm}.c with pico-sdk's dividers at the
Pico's 125 MHz clock; ports/esp32/machine_{i2c,uart,hw_spi}.c; ports/stm32/machine_uart.c,
spi.c; extmod/machine_{i2c,spi}.c for SoftI2C/SoftSPI.
"""

from board_runner import guest_output, run_guest


def test_rp2_bus_objects_print_the_rates_the_hardware_runs_at(tmp_path):
    out = guest_output(tmp_path, """
        from machine import I2C, SPI, UART, Pin, SoftI2C, SoftSPI
        print(I2C(0))
        print(I2C(1, scl=Pin(3), sda=Pin(2), freq=100_000))
        print(I2C(1))   # the bus keeps its settings
        print(Pin(5), Pin(4))
        print(SPI(0))
        print(SPI(1, 10_000_000, miso=None))
        print(UART(0))
        print(UART(1, 9600, tx=Pin(4), rx=Pin(5), timeout=20))
        print(Pin(0))
        print(SoftI2C(scl=Pin(10), sda=Pin(11), freq=100_000))
        print(SoftSPI(baudrate=300_000, sck=Pin(2), mosi=Pin(3), miso=Pin(4)))
    """)
    assert out.splitlines() == [
        "I2C(0, freq=399361, scl=5, sda=4, timeout=50000)",
        "I2C(1, freq=100000, scl=3, sda=2, timeout=50000)",
        "I2C(1, freq=100000, scl=3, sda=2, timeout=50000)",
        "Pin(GPIO5, mode=ALT, pull=PULL_UP, alt=I2C) Pin(GPIO4, mode=ALT, pull=PULL_UP, alt=I2C)",
        "SPI(0, baudrate=992063, polarity=0, phase=0, bits=8, sck=18, mosi=19, miso=16)",
        "SPI(1, baudrate=8928571, polarity=0, phase=0, bits=8, sck=10, mosi=11, miso=None)",
        "UART(0, baudrate=115200, bits=8, parity=None, stop=1, tx=0, rx=1, txbuf=256, "
        "rxbuf=256, timeout=0, timeout_char=1, invert=None, irq=0)",
        "UART(1, baudrate=9600, bits=8, parity=None, stop=1, tx=4, rx=5, txbuf=256, "
        "rxbuf=256, timeout=20, timeout_char=2, invert=None, irq=0)",
        "Pin(GPIO0, mode=ALT, alt=UART)",
        "SoftI2C(scl=10, sda=11, freq=100000)",
        "SoftSPI(baudrate=250000, polarity=0, phase=0, firstbit=1, sck=2, mosi=3, miso=4)",
    ]


def test_rp2_bus_pin_and_id_errors(tmp_path):
    out = guest_output(tmp_path, """
        from machine import I2C, SPI, UART, Pin
        attempts = [lambda: I2C(0, scl=Pin(4)), lambda: I2C(0, sda=Pin(7)),
                    lambda: I2C(2), lambda: SPI(0, sck=Pin(3)), lambda: SPI(1, mosi=Pin(3)),
                    lambda: SPI(0, miso=Pin(1)), lambda: SPI(0, firstbit=SPI.LSB),
                    lambda: UART(0, tx=Pin(1)), lambda: UART(1, rx=Pin(1)), lambda: UART(2),
                    lambda: UART(0, invert=4), lambda: UART(0, rxbuf=40000)]
        for attempt in attempts:
            try:
                attempt()
            except (ValueError, NotImplementedError) as e:
                print(type(e).__name__, e)
        print(SPI.MSB, SPI.LSB, UART.INV_TX, UART.INV_RX, UART.IRQ_RXIDLE, UART.IRQ_TXIDLE,
              UART.IRQ_BREAK)
    """)
    assert out.splitlines() == [
        "ValueError bad SCL pin", "ValueError bad SDA pin", "ValueError I2C(2) doesn't exist",
        "ValueError bad SCK pin", "ValueError bad MOSI pin", "ValueError bad MISO pin",
        "NotImplementedError LSB", "ValueError bad TX pin", "ValueError bad RX pin",
        "ValueError UART(2) doesn't exist", "ValueError bad inversion mask",
        "ValueError rxbuf too large", "1 0 1 2 64 32 512"]


def test_esp32_bus_objects(tmp_path):
    out = guest_output(tmp_path, """
        from machine import I2C, SPI, UART, Pin
        print(I2C(0))
        print(I2C(1, scl=Pin(22), sda=Pin(21), freq=100_000))
        soft = I2C(-1, scl=Pin(22), sda=Pin(21))
        print(type(soft).__name__)
        print(SPI(1))
        print(SPI(2, 20_000_000))
        print(UART(1, 9600))
        print(UART(2, 115200, invert=UART.INV_TX | UART.INV_RX))
        for attempt in (lambda: UART(3), lambda: UART(1, bits=9),
                        lambda: UART(1).irq(handler=print, trigger=UART.IRQ_RX, hard=True),
                        lambda: UART(1).irq(handler=print, trigger=0x4000), lambda: SPI(3)):
            try:
                attempt()
            except ValueError as e:
                print(e)
    """, "esp32")
    assert out.splitlines() == [
        "I2C(0, scl=18, sda=19, freq=400000, timeout=50000)",
        "I2C(1, scl=22, sda=21, freq=100000, timeout=50000)",
        "Warning: I2C(-1, ...) is deprecated, use SoftI2C(...) instead",
        "SoftI2C",
        "SPI(id=1, baudrate=500000, polarity=0, phase=0, bits=8, firstbit=0, sck=14, mosi=13, "
        "miso=12)",
        "SPI(id=2, baudrate=20000000, polarity=0, phase=0, bits=8, firstbit=0, sck=18, "
        "mosi=23, miso=19)",
        "UART(1, baudrate=9600, bits=8, parity=None, stop=1, tx=10, rx=9, rts=-1, cts=-1, "
        "txbuf=256, rxbuf=256, timeout=0, timeout_char=0, irq=0)",
        "UART(2, baudrate=115201, bits=8, parity=None, stop=1, tx=17, rx=16, rts=-1, cts=-1, "
        "txbuf=256, rxbuf=256, timeout=0, timeout_char=0, irq=0, invert=INV_TX|INV_RX)",
        "UART(3) does not exist", "invalid data bits", "hard IRQ is not supported",
        "trigger 0x4000 unsupported", "SPI(3) doesn't exist"]


def test_pyboard_bus_objects(tmp_path):
    out = guest_output(tmp_path, """
        from machine import I2C, SPI, UART, Pin
        print(I2C(1), I2C("Y", freq=100_000))
        print(SPI(1), SPI(2, 1_000_000))
        u = UART(1)
        print(u)
        u.init(115200)
        print(u)
        print(UART(2, 9600))
        for attempt in (lambda: I2C(1, scl=Pin("X9")), lambda: UART(5), lambda: I2C(3)):
            try:
                attempt()
            except ValueError as e:
                print(e)
    """, "pyboard")
    assert out.splitlines() == [
        "I2C(1, scl=B6, sda=B7, freq=400000) I2C(2, scl=B10, sda=B11, freq=100000)",
        "SPI(1, baudrate=328125, polarity=0, phase=0, bits=8) "
        "SPI(2, baudrate=656250, polarity=0, phase=0, bits=8)",
        "UART(1)",
        "UART(1, baudrate=115226, bits=8, parity=None, stop=1, flow=0, timeout=0, "
        "timeout_char=2, rxbuf=64)",
        "UART(2, baudrate=9600, bits=8, parity=None, stop=1, flow=0, timeout=0, "
        "timeout_char=3, rxbuf=64)",
        "explicit choice of scl/sda is not implemented", "UART(5) doesn't exist",
        "I2C(3) doesn't exist"]


def test_i2c_vector_writes_reads_into_buffers_and_memory_addresses(tmp_path):
    world = tmp_path / "world.toml"
    world.write_text('[[i2c]]\naddress = 0x50\nregisters = { "0x00" = [1, 2, 3, 4] }\n'
                     '[[i2c]]\naddress = 0x51\naddr_size = 16\n'
                     'registers = { "0x0102" = [9, 8] }\n')
    out = guest_output(tmp_path, """
        from machine import I2C
        i2c = I2C(0)
        print(i2c.scan())
        print(i2c.writevto(0x50, (b"\\x02", b"\\xaa", b"\\xbb")))
        buf = bytearray(4)
        i2c.writeto(0x50, b"\\x00", False)
        print(i2c.readfrom_into(0x50, buf), buf)
        i2c.readfrom_mem_into(0x50, 1, buf)
        print(buf)
        print(i2c.readfrom_mem(0x51, 0x0102, 2, addrsize=16))
        i2c.writeto_mem(0x51, 0x0200, b"\\x07", addrsize=16)
        print(i2c.readfrom_mem(0x51, 0x0200, 1, addrsize=16))
        try:
            i2c.readfrom(0x60, 1)
        except OSError as e:
            print("OSError", e.errno)
        try:
            i2c.writeto(0x50, "text")
        except TypeError as e:
            print(e)
    """, board_file=world)
    assert out.splitlines() == [
        "[80, 81]", "3", "None bytearray(b'\\x01\\x02\\xaa\\xbb')",
        "bytearray(b'\\x02\\xaa\\xbb\\x00')", "b'\\t\\x08'", "b'\\x07'", "OSError 5",
        "object with buffer protocol required"]


def test_spi_write_readinto_with_a_loopback_bus(tmp_path):
    world = tmp_path / "world.toml"
    world.write_text("[[spi]]\nid = 0\nloopback = true\n")
    out = guest_output(tmp_path, """
        from machine import SPI
        spi = SPI(0)
        buf = bytearray(3)
        print(spi.write_readinto(b"abc", buf), buf)
        print(spi.read(2, 0x42), spi.write(b"xy"))
        spi.readinto(buf, 0x07)
        print(buf)
        try:
            spi.write_readinto(b"ab", buf)
        except ValueError as e:
            print(e)
    """, board_file=world)
    assert out.splitlines() == ["None bytearray(b'abc')", "b'BB' None",
                                "bytearray(b'\\x07\\x07\\x07')",
                                "buffers must be the same length"]


def test_uart_irqs_and_transmit_functions(tmp_path):
    world = tmp_path / "world.toml"
    world.write_text('[[uart]]\nid = 1\nrx_events = [[0.2, "PING\\n"], [0.5, "again\\n"]]\n')
    out = guest_output(tmp_path, """
        import time
        from machine import UART
        u = UART(1, 9600)
        got = []
        def on_rx(uart):
            got.append((time.ticks_ms(), uart.irq().flags() == UART.IRQ_RXIDLE, uart.read()))
        irq = u.irq(on_rx, UART.IRQ_RXIDLE)
        print(irq.trigger() == UART.IRQ_RXIDLE, u)
        time.sleep_ms(600)
        print(got)
        sent = []
        u.irq(lambda uart: sent.append(uart.irq().flags()), UART.IRQ_TXIDLE)
        print(u.write("hello"), u.flush(), u.txdone(), u.sendbreak())
        time.sleep_ms(1)
        print(sent == [UART.IRQ_TXIDLE])
        try:
            u.irq(on_rx, 0x4000)
        except ValueError as e:
            print(e)
    """, board_file=world)
    assert out.splitlines() == [
        "True UART(1, baudrate=9600, bits=8, parity=None, stop=1, tx=4, rx=5, txbuf=256, "
        "rxbuf=256, timeout=0, timeout_char=2, invert=None, irq=64)",
        "[(200, True, b'PING\\n'), (500, True, b'again\\n')]",
        "5 None True None", "True", "trigger 0x4000 unsupported"]


def test_rp2_pwm_follows_the_slice_arithmetic(tmp_path):
    status, out = run_guest(tmp_path, """
        from machine import Pin, PWM
        a = PWM(Pin(14), freq=1000, duty_u16=16384)
        print(a, a.freq(), a.duty_u16(), a.duty_ns())
        print(Pin(14))
        b = PWM(Pin(15))            # the other channel of slice 7: its counter runs, no duty
        print(b.freq(), b.duty_u16(), b.duty_ns())
        b.duty_ns(250_000)
        b.freq(50)                  # one counter per slice: both channels change
        print(a.freq(), a.duty_u16(), b.duty_ns(), b.duty_u16())
        print(PWM(Pin(0)) is PWM(Pin(16)))   # GP0 and GP16 are both slice 0 channel A
        for f in (8, 7, 62_500_000, 125_000_000):
            try:
                a.freq(f)
                print(f, a.freq())
            except ValueError as e:
                print(f, e)
        c = PWM(Pin(2), freq=2000, duty_u16=65535, invert=True)
        print(c, c.duty_u16())
        c.deinit()
        print(c.freq())
    """)
    assert status == 0, out
    assert out.splitlines() == [
        "<PWM slice=7 channel=0 invert=0> 1000 16384 250000",
        "Pin(GPIO14, mode=ALT, alt=PWM)",
        "1000 0 0",
        "50 16384 249899 819",
        "True",
        "8 8", "7 freq too small", "62500000 62500000", "125000000 125000000",
        "<PWM slice=1 channel=0 invert=1> 65535",
        "2000"]


def test_rp2_pwm_trace_shows_the_inverted_waveform(tmp_path):
    import io
    from mpt.runtime.board.run import run_on_board
    from mpt.runtime.board.setup import BoardOptions
    script = tmp_path / "pwm.py"
    script.write_text("from machine import Pin, PWM\n"
                      "p = PWM(Pin(2), freq=1000, duty_u16=16384, invert=1)\n"
                      "p.deinit()\n")
    trace = io.StringIO()
    out = []
    status = run_on_board(str(script), ["pwm.py"], BoardOptions(flash=tmp_path / "f",
                          virtual_time=True, trace=True), stdout=out.append,
                          stderr=out.append, trace_stream=trace)
    assert status == 0, out
    lines = [line.split("] ", 1)[1] for line in trace.getvalue().splitlines()]
    assert lines == ["pwm  GP2 freq=1000 duty_u16=49151", "pwm  GP2 None (deinit)"]


def test_esp32_pwm_prints_the_duty_form_last_used(tmp_path):
    out = guest_output(tmp_path, """
        from machine import Pin, PWM
        p = PWM(Pin(4))              # the port starts at 5 kHz, 50 %
        print(p, p.freq(), p.duty_u16(), p.duty())
        p.duty(512)
        print(p)
        p.init(freq=2000, duty_ns=100_000)
        print(p.freq(), p.duty_u16())
        q = PWM(Pin(5), freq=1000, duty_u16=1000, invert=True)
        print(q)
        q.deinit()
        print(q)
        for bad in (lambda: PWM(Pin(34)), lambda: p.duty_u16(70000), lambda: p.duty(1024),
                    lambda: p.freq(50_000_000)):
            try:
                bad()
            except ValueError as e:
                print(e)
    """, "esp32")
    assert out.splitlines() == [
        "PWM(Pin(4), freq=5000, duty_u16=32768) 5000 32768 512",
        "PWM(Pin(4), freq=5000, duty=512)",
        "2000 13107",
        "PWM(Pin(5), freq=1000, duty_u16=1000, invert=True)",
        "PWM(Pin(5))",
        "pin can only be input", "duty_u16 must be from 0 to 65536", "duty must be from 0 to 1023",
        "frequency must be from 1Hz to 40MHz"]


def test_signal_inverts_a_pin(tmp_path):
    out = guest_output(tmp_path, """
        from machine import Pin, Signal
        led = Signal(Pin(25, Pin.OUT), invert=True)   # an active-low LED
        led.on()
        print(Pin(25).value(), led.value(), led())
        led.off()
        print(Pin(25).value(), led.value())
        led(1)
        print(Pin(25).value())
        plain = Signal(2, Pin.OUT)                    # Pin arguments make the pin
        plain.value(1)
        print(Pin(2), plain.value())
    """)
    assert out.splitlines() == ["0 1 1", "1 0", "0", "Pin(GPIO2, mode=OUT) 1"]


def test_pyboard_pwm_uses_the_pins_timer_channel(tmp_path):
    out = guest_output(tmp_path, """
        from machine import Pin, PWM
        p = PWM(Pin("X1"), freq=1000, duty_u16=30000)
        print(p, p.freq(), p.duty_u16())
        print(Pin("X1"), PWM(Pin("Y3")), PWM(Pin("B3")))
        try:
            PWM(Pin("X5"))
        except ValueError as e:
            print(e)
    """, "pyboard")
    assert out.splitlines() == [
        "<PWM TIM5_CH1> 1000 30000",
        "Pin(Pin.cpu.A0, mode=Pin.ALT, alt=Pin.AF2_TIM5) <PWM TIM10_CH1> <PWM TIM2_CH2>",
        "Pin(A4) doesn't have PWM capabilities"]
