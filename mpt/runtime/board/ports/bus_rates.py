"""What each port does when a hardware I2C/SPI/UART is created: default pins, pin checks,
the rate the peripheral really runs at, and how the object prints.

Sources: ports/rp2/machine_{i2c,spi,uart}.c (+ pico-sdk's baud-rate dividers, which
work from clk_sys/clk_peri = the CPU clock), ports/esp32/machine_{i2c,uart}.c.
"""

from __future__ import annotations

# rp2: (scl, sda) / (sck, mosi, miso) / (tx, rx) per bus, for the Raspberry Pi Pico
RP2_I2C_PINS = {0: (5, 4), 1: (7, 6)}
RP2_SPI_PINS = {0: (18, 19, 16), 1: (10, 11, 8)}
RP2_UART_PINS = {0: (0, 1), 1: (4, 5)}
ESP32_I2C_PINS = {0: (18, 19), 1: (25, 26)}
ESP32_SPI_PINS = {1: (14, 13, 12), 2: (18, 23, 19)}  # HSPI and VSPI on their IOMUX pins
ESP32_SPI_CLOCK_HZ = 80_000_000
ESP32_UART_PINS = {0: (-1, -1), 1: (10, 9), 2: (17, 16)}
ESP32_UART_CLOCK_HZ = 80_000_000  # APB


def rp2_i2c_scl_ok(bus: int, pin: int) -> bool:
    return pin & 1 == 1 and (pin & 2) >> 1 == bus


def rp2_i2c_sda_ok(bus: int, pin: int) -> bool:
    return pin & 1 == 0 and (pin & 2) >> 1 == bus


def rp2_spi_pin_ok(bus: int, pin: int, role: str) -> bool:
    low_bits = {"sck": 2, "mosi": 3, "miso": 0}[role]
    return pin & 3 == low_bits and (pin & 8) >> 3 == bus


def rp2_uart_pin_ok(bus: int, pin: int, role: str) -> bool:
    low_bits = {"tx": 0, "rx": 1, "cts": 2, "rts": 3}[role]
    return pin & 3 == low_bits and ((pin + 4) & 8) >> 3 == bus


def rp2_i2c_actual_freq(clock_hz: int, freq: int) -> int:
    period = (clock_hz + freq // 2) // freq
    return clock_hz // period


def rp2_spi_actual_baudrate(clock_hz: int, baudrate: int) -> int:
    prescale = 2
    while prescale <= 254:
        if clock_hz < (prescale + 2) * 256 * baudrate:
            break
        prescale += 2
    postdiv = 256
    while postdiv > 1:
        if clock_hz // (prescale * (postdiv - 1)) > baudrate:
            break
        postdiv -= 1
    return clock_hz // (prescale * postdiv)


def esp32_uart_actual_baudrate(baudrate: int) -> int:
    divider = (ESP32_UART_CLOCK_HZ << 4) // baudrate
    return (ESP32_UART_CLOCK_HZ << 4) // divider


def esp32_spi_actual_baudrate(baudrate: int) -> int:
    """The nearest rate at or below the request that divides the 80 MHz APB clock (ESP-IDF
    searches pre-dividers too, so odd requests may differ slightly from a real board)."""
    divider = -(-ESP32_SPI_CLOCK_HZ // max(1, baudrate))
    return ESP32_SPI_CLOCK_HZ // divider


def stm32_spi_actual_baudrate(bus: int, baudrate: int) -> int:
    """The STM32F405 divides its bus clock (SPI1: APB2 84 MHz, SPI2: APB1 42 MHz) by the
    smallest power of two from 2 to 256 that does not exceed the request."""
    source = 84_000_000 if bus == 1 else 42_000_000
    shift = 1
    while shift < 8 and source >> shift > baudrate:
        shift += 1
    return source >> shift
