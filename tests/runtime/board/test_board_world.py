import io
import re
from pathlib import Path

import pytest

from mpt.errors import UsageError
from mpt.runtime.board.board import Board
from mpt.runtime.library.clock import NS_PER_MS
from mpt.runtime.board.config import apply_board_file, load_board_file
from mpt.runtime.board.i2c import NoAcknowledge
from mpt.runtime.board.pins import IRQ_FALLING, IRQ_RISING, MODE_IN, MODE_OPEN_DRAIN, MODE_OUT, PULL_UP
from mpt.runtime.board.signals import Recording, TimeExpression

DATA = Path(__file__).parent / "data"


@pytest.fixture
def board(tmp_path):
    return Board("rp2", flash_dir=tmp_path / "flash", virtual_time=True)


def test_pin_levels_modes_and_irqs(board):
    line = board.gpio.line(board.resolve_pin("GP15"))
    line.configure(MODE_IN, PULL_UP)
    assert line.level() == 1
    edges = []
    line.set_irq(IRQ_FALLING | IRQ_RISING, edges.append)
    line.drive(0)
    line.drive(0)
    line.drive(1)
    assert edges == [IRQ_FALLING, IRQ_RISING]
    line.configure(MODE_OUT, value=0)
    assert line.level() == 0
    line.configure(MODE_OPEN_DRAIN)
    line.write(1)
    line.drive(None)
    assert line.level() == 1  # released open drain floats high


def test_pin_names_per_port(tmp_path):
    pico = Board("rp2", flash_dir=tmp_path / "a")
    assert pico.resolve_pin("LED") == 25 and pico.resolve_pin("GP0") == 0
    with pytest.raises(ValueError, match='unknown named pin "GP99"'):
        pico.resolve_pin("GP99")
    esp = Board("esp32", flash_dir=tmp_path / "b")
    assert esp.resolve_pin(2) == 2
    with pytest.raises(ValueError, match="invalid pin"):
        esp.resolve_pin(20)
    pyb = Board("pyboard", flash_dir=tmp_path / "c")
    assert pyb.resolve_pin("X1") == pyb.resolve_pin("A0") == 0
    assert pyb.resolve_pin("LED_BLUE") == 16 + 4
    with pytest.raises(ValueError, match=r"Pin\(Z9\) doesn't exist"):
        pyb.resolve_pin("Z9")


def test_trace_lines_have_timestamps(tmp_path):
    out = io.StringIO()
    board = Board("rp2", flash_dir=tmp_path / "f", virtual_time=True, trace_stream=out)
    line = board.gpio.line(25)
    line.configure(MODE_OUT, value=1)
    board.clock.sleep_ns(250 * NS_PER_MS)
    line.write(0)
    board.pwm_channel(15).set(freq=1000, duty_u16=32768)
    lines = out.getvalue().splitlines()
    assert lines[0] == "[    0.000000] pin  GP25 1"
    assert lines[1] == "[    0.250000] pin  GP25 0"
    assert lines[2] == "[    0.250000] pwm  GP15 freq=1000 duty_u16=32768"


def parse_vcd(text):
    """A strict reader for the subset we write: returns ({id: (kind, name)}, [(time, id, value)])."""
    header, _, body = text.partition("$enddefinitions $end\n")
    declared = {}
    for match in re.finditer(r"\$var (wire|real) (\d+) (\S+) (\S+) \$end", header):
        kind, width, ident, name = match.groups()
        assert (kind, width) in (("wire", "1"), ("real", "64"))
        declared[ident] = (kind, name)
    assert re.search(r"\$timescale 1us \$end", header)
    assert header.count("$scope") == header.count("$upscope") == 1
    changes, time, last_time = [], None, -1
    in_dump = False
    for line in body.splitlines():
        if line.startswith("#"):
            time = int(line[1:])
            assert time > last_time
            last_time = time
        elif line == "$dumpvars":
            in_dump = True
        elif line == "$end":
            in_dump = False
        elif line.startswith("r"):
            value, ident = line[1:].split(" ")
            assert declared[ident][0] == "real"
            changes.append((time, ident, float(value)))
        else:
            assert line[0] in "01xz" and declared[line[1:]][0] == "wire", line
            changes.append((time, line[1:], line[0]))
    assert not in_dump
    return declared, changes


def test_vcd_of_blink_and_pwm(tmp_path):
    board = Board("rp2", flash_dir=tmp_path / "f", virtual_time=True, record_vcd=True)
    led = board.gpio.line(25)
    led.configure(MODE_OUT)
    for _ in range(3):
        led.write(1)
        board.clock.sleep_ns(500 * NS_PER_MS)
        led.write(0)
        board.clock.sleep_ns(500 * NS_PER_MS)
    board.pwm_channel(15).set(freq=50, duty_u16=65535 // 4)
    board.pwm_channel(15).stop()
    path = tmp_path / "out.vcd"
    board.write_vcd(path)
    declared, changes = parse_vcd(path.read_text())
    names = {name: ident for ident, (kind, name) in declared.items()}
    assert set(names) == {"GP25", "GP15_duty", "GP15_freq"}
    led_changes = [(t, v) for t, i, v in changes if i == names["GP25"]]
    assert led_changes[:3] == [(0, "1"), (500_000, "0"), (1_000_000, "1")]
    assert len(led_changes) == 6
    duty = [v for t, i, v in changes if i == names["GP15_duty"]]
    assert duty[-2:] == [pytest.approx(0.25, abs=1e-4), 0.0]


def test_expression_sources_are_checked():
    assert TimeExpression("2 * t + sin(0) + pi * 0")(3) == 6
    assert TimeExpression("1 if t > 2 else 0")(3) == 1
    for bad in ("__import__('os')", "t.__class__", "open('x')", "[1, 2]", "lambda: 1"):
        with pytest.raises(UsageError):
            TimeExpression(bad)


def test_recording_step_linear_loop():
    samples = [(0.0, 0.0), (1.0, 10.0), (2.0, 30.0)]
    assert Recording(samples)(0.5) == 0.0
    assert Recording(samples, interpolation="linear")(1.5) == 20.0
    assert Recording(samples)(99) == 30.0
    assert Recording(samples)(-1) == 0.0
    assert Recording(samples, interpolation="linear", loop=True)(2.5) == 5.0


def test_board_file_peripherals(board):
    apply_board_file(board, load_board_file(DATA / "world.toml"))
    button = board.gpio.line(14)
    assert button.level() == 1
    edges = []
    button.set_irq(IRQ_FALLING, edges.append)
    board.clock.sleep_ns(550 * NS_PER_MS)
    assert button.level() == 0 and edges == [IRQ_FALLING]
    board.clock.sleep_ns(1000 * NS_PER_MS)  # t = 1.55: the repeat pressed again at 1.5
    assert edges == [IRQ_FALLING, IRQ_FALLING]
    # ADC: CSV interpolated at t=1.55 -> 200 + 0.55*200
    assert board.adc.read_u16(26, "GP26") == 310
    assert board.adc.read_u16(("channel", 4), "ADC4") == 1016  # 1000 + 10*1.55 rounded
    assert board.adc.read_u16(27, "GP27") == 29789
    bus0 = board.i2c_bus("I2C0")
    assert bus0.scan() == [0x48, 0x50]
    assert board.i2c_bus("I2C1").scan() == [0x50]
    bus0.write(0x48, b"\x00")
    # (20 + 1.55) * 256 = 5516.8 -> 5517 = 0x158D, then the stored registers
    assert bus0.read(0x48, 4) == bytes([0x15, 0x8D, 0x60, 0xA0])
    bus0.write(0x48, b"\x02\x11")
    bus0.write(0x48, b"\x01")
    assert bus0.read(0x48, 2) == b"\x8d\x11"
    assert bus0.read(0x50, 2) == (2500 + 15).to_bytes(2, "big")
    with pytest.raises(NoAcknowledge):
        bus0.read(0x10, 1)
    uart = board.uart("UART1")
    assert uart.readline() == b"hello\n" and uart.any() == 0


def test_board_file_errors(board, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[[adc]]\npin = 'GP26'\n")
    with pytest.raises(UsageError, match="exactly one of value, expr, csv"):
        apply_board_file(board, load_board_file(bad))
    bad.write_text("[[gizmo]]\n")
    with pytest.raises(UsageError, match="gizmo: unknown section"):
        apply_board_file(board, load_board_file(bad))
    bad.write_text("[[pin]]\npin = 'GP99'\n")
    with pytest.raises(UsageError, match="GP99"):
        apply_board_file(board, load_board_file(bad))
