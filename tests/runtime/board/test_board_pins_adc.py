"""machine.Pin IRQs and names, and machine.ADC, as guest programs on each port see them.

References: ports/rp2/machine_pin.c (irq args, Pin.board/Pin.cpu, ALT_*), shared/runtime/
mpirq.c (irq.flags/trigger/call), ports/esp32/machine_pin.c (irq without `hard`, IRQ object
with trigger() only), ports/{rp2,esp32,stm32}/machine_adc.c (12-bit samples, reprs, atten).
"""

from board_runner import guest_output


def world(tmp_path, text):
    path = tmp_path / "world.toml"
    path.write_text(text)
    return path


def test_rp2_pin_irq_triggers_handler_argument_and_irq_object(tmp_path):
    button = world(tmp_path, '[[pin]]\npin = "GP14"\ninitial = 1\n'
                             'events = [[0.1, 0], [0.2, 1], [0.3, 0], [0.4, 1]]\n')
    out = guest_output(tmp_path, """
        import time
        from machine import Pin
        p = Pin(14, Pin.IN, Pin.PULL_UP)
        irq = p.irq()                   # no arguments: nothing changes
        print(irq.trigger(), irq.flags())
        seen = []
        p.irq(lambda pin: seen.append((time.ticks_ms(), pin is p, pin.irq().flags())),
              Pin.IRQ_FALLING)
        print(p.irq() is irq, irq.trigger() == Pin.IRQ_FALLING)
        time.sleep_ms(250)
        print(seen)
        seen.clear()
        p.irq(lambda pin: seen.append(time.ticks_ms()), Pin.IRQ_RISING | Pin.IRQ_FALLING)
        time.sleep_ms(250)
        print(seen)
        irq()                           # calling the IRQ object runs the handler
        print(len(seen))
        try:
            p.irq(print, wake=True)     # no `wake` on rp2 (the esp32 has it)
        except TypeError:
            print("TypeError")
        p.irq(None)                     # disabled, with the default trigger recorded
        print(irq.trigger() == Pin.IRQ_RISING | Pin.IRQ_FALLING)
    """, board_file=button)
    assert out.splitlines() == ["0 0", "True True", "[(100, True, 4)]", "[300, 400]", "3",
                                "TypeError", "True"]


def test_rp2_pin_names_and_alternate_functions(tmp_path):
    out = guest_output(tmp_path, """
        from machine import Pin
        print(Pin.board.GP25 is Pin(25), Pin.board.LED is Pin("LED"), Pin.cpu.GPIO3)
        print(Pin("GPIO7"), Pin("GP7") is Pin(7))
        print(Pin.ALT_SPI, Pin.ALT_UART, Pin.ALT_I2C, Pin.ALT_PWM, Pin.ALT_SIO, Pin.ALT_PIO0,
              Pin.ALT_PIO1, Pin.ALT_GPCK, Pin.ALT_USB)
        p = Pin(3, Pin.ALT, alt=Pin.ALT_SPI)
        print(p)
        p.init(Pin.OUT)
        print(p)
        print(Pin(2, Pin.IN, Pin.PULL_DOWN), Pin(9, Pin.OPEN_DRAIN))
        for bad in (lambda: Pin(30), lambda: Pin("GP29"), lambda: Pin(2, 7)):
            try:
                bad()
            except ValueError as e:
                print(e)
    """)
    assert out.splitlines() == [
        "True True Pin(GPIO3, mode=IN)", "Pin(GPIO7, mode=IN) True", "1 2 3 4 5 6 7 8 9",
        "Pin(GPIO3, mode=ALT, alt=SPI)", "Pin(GPIO3, mode=OUT)",
        "Pin(GPIO2, mode=IN, pull=PULL_DOWN) Pin(GPIO9, mode=OPEN_DRAIN)",
        "invalid pin", 'unknown named pin "GP29"', "invalid pin mode: 7"]


def test_esp32_pin_irq_has_no_hard_argument_and_no_flags(tmp_path):
    button = world(tmp_path, '[[pin]]\npin = 4\nevents = [[0.05, 1]]\n')
    out = guest_output(tmp_path, """
        import time
        from machine import Pin
        p = Pin(4, Pin.IN)
        irq = p.irq(lambda pin: print("edge", pin), Pin.IRQ_RISING)
        print(irq.trigger() == Pin.IRQ_RISING, hasattr(irq, "flags"))
        time.sleep_ms(100)
        try:
            p.irq(print, Pin.IRQ_RISING, hard=True)
        except TypeError as e:
            print("TypeError")
        print(Pin.WAKE_LOW, Pin.WAKE_HIGH, Pin.DRIVE_3)
    """, "esp32", board_file=button)
    assert out.splitlines() == ["True False", "edge Pin(4, mode=Pin.IN)", "TypeError",
                                "4 5 3"]


def test_rp2_adc_channels_pins_and_twelve_bit_samples(tmp_path):
    light = world(tmp_path, '[[adc]]\npin = "GP26"\nvalue = 30000\n')
    out = guest_output(tmp_path, """
        from machine import ADC, Pin
        a = ADC(26)
        print(a, ADC(Pin(27)), ADC(0), ADC(ADC.CORE_TEMP), ADC(4))
        print(a.read_u16(), ADC(1).read_u16(), Pin(26))
        t = ADC(4).read_u16() * 3.3 / 65535
        print(round(27 - (t - 0.706) / 0.001721))
        print(hasattr(a, "read_uv"), hasattr(a, "read"), hasattr(a, "atten"))
        try:
            ADC(Pin(5))
        except ValueError as e:
            print(e)
    """, board_file=light)
    assert out.splitlines() == [
        "<ADC channel=0> <ADC channel=1> <ADC channel=0> <ADC channel=4> <ADC channel=4>",
        "30007 0 Pin(GPIO26, mode=ALT, alt=31)", "27", "False False False",
        "Pin doesn't have ADC capabilities"]


def test_esp32_adc_attenuation_width_and_microvolts(tmp_path):
    light = world(tmp_path, "[[adc]]\npin = 32\nvalue = 30000\n")
    out = guest_output(tmp_path, """
        from machine import ADC, Pin
        a = ADC(Pin(32))
        print(a, a.read_u16(), a.read(), a.read_uv())
        print(ADC(Pin(33), atten=ADC.ATTN_0DB))
        a.atten(ADC.ATTN_6DB)
        a.width(ADC.WIDTH_9BIT)
        print(a, a.read(), a.read_u16(), a.read_uv())
        for bad in (lambda: a.atten(4), lambda: a.width(13), lambda: ADC(Pin(5)),
                    lambda: ADC(Pin(32), atten=7)):
            try:
                bad()
            except ValueError as e:
                print(e)
    """, "esp32", board_file=light)
    assert out.splitlines() == [
        "ADC(Pin(32), atten=3) 30007 1875 1419000", "ADC(Pin(33), atten=0)",
        "ADC(Pin(32), atten=2) 234 30010 801000", "invalid attenuation", "invalid bit-width",
        "invalid pin", "invalid attenuation"]


def test_pyboard_adc(tmp_path):
    light = world(tmp_path, '[[adc]]\npin = "X1"\nvalue = 30000\n')
    out = guest_output(tmp_path, """
        from machine import ADC, Pin
        a = ADC(Pin("X1"))
        print(a, a.read_u16(), Pin("X1"))
        print(ADC(Pin("Y11")), ADC(ADC.CORE_TEMP), ADC(ADC.VREF).read_u16())
        try:
            ADC(Pin("X9"))
        except ValueError as e:
            print(e)
    """, "pyboard", board_file=light)
    assert out.splitlines() == [
        "<ADC1 channel=0> 30007 Pin(Pin.cpu.A0, mode=Pin.ANALOG)",
        "<ADC1 channel=8> <ADC1 channel=16> 65535", "Pin(B6) does not have ADC capabilities"]


def test_pico_w_led_is_on_the_wireless_chip(tmp_path):
    out = guest_output(tmp_path, """
        from machine import Pin
        led = Pin("LED", Pin.OUT)
        led.on()
        print(led, led.value(), Pin.board.WL_GPIO0 is led, Pin("WL_GPIO1"))
        print(Pin(25))                  # the RP2040's GPIO25 exists, unnamed on the board
        try:
            Pin("GP25")
        except ValueError as e:
            print(e)
    """, "rp2w")
    # ports/rp2/boards/RPI_PICO_W/pins.csv: LED and WL_GPIOn are the chip's EXT_GPIOn
    assert out.splitlines() == ["Pin(EXT_GPIO0, mode=OUT) 1 True Pin(EXT_GPIO1, mode=IN)",
                                "Pin(GPIO25, mode=IN)", 'unknown named pin "GP25"']
