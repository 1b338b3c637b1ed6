"""Boards as data plus classes: every port difference lives in mpt/runtime/board/ports."""

import ast
import re
from pathlib import Path

import pytest

import mpt.runtime.board
from mpt.runtime.board.ports import Port
from mpt.runtime.board.profiles import PROFILES
from tests.runtime.board.guest_harness import Guest

BOARD_DIR = Path(mpt.runtime.board.__file__).parent
PORTS_DIR = BOARD_DIR / "ports"
# `port == "rp2"`, `hw.port.name != "esp32"`, `profile.platform in ("rp2", ...)`
INLINE_CHECK = re.compile(r"\b(port|platform)(\.name)?\s*(==|!=|(not\s+)?in\s*[(\[{])")
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 600


def _board_sources():
    return [p for p in sorted(BOARD_DIR.rglob("*.py"))]


def test_no_inline_port_checks_outside_the_port_classes():
    found = []
    for path in _board_sources():
        if PORTS_DIR in path.parents:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            if INLINE_CHECK.search(code) and "sys.platform" not in code:
                found.append(f"{path.relative_to(BOARD_DIR)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_check_finds_what_it_looks_for():
    for line in ('if port == "rp2":', 'x = 1 if hw.port.name != "esp32" else 2',
                 'if profile.platform in ("rp2", "esp32"):', "if port not in ('a',):"):
        assert INLINE_CHECK.search(line), line
    assert not INLINE_CHECK.search('if "pyb" not in hw.port.modules:')


@pytest.mark.parametrize("path", [p for p in _board_sources()
                                  if "guest" in p.parts or "ports" in p.parts
                                  or p.name == "profiles.py"], ids=lambda p: p.name)
def test_guest_and_port_modules_are_small(path):
    text = path.read_text()
    assert len(text.splitlines()) <= MAX_MODULE_LINES
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            length = node.end_lineno - node.lineno + 1
            assert length <= MAX_FUNCTION_LINES, f"{node.name} is {length} lines"


@pytest.mark.parametrize("path", [p for p in _board_sources() if "guest" in p.parts],
                         ids=lambda p: p.name)
def test_machine_classes_are_defined_at_module_level(path):
    """The machine module's classes are module-level, bound per interpreter; no class
    statement sits inside a function."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner = [n.name for n in ast.walk(node) if isinstance(n, ast.ClassDef)]
            assert not inner, f"{node.name} defines {inner}"


def test_every_profile_names_its_port():
    for profile in PROFILES.values():
        assert isinstance(profile.port, Port)
        assert profile.platform == profile.port.name
    assert type(PROFILES["rp2w"].port) is type(PROFILES["rp2"].port)


@pytest.mark.parametrize("board", ["rp2", "esp32", "pyboard"])
def test_each_interpreter_gets_its_own_classes_and_state(tmp_path, board):
    first = Guest(board, tmp_path / "a")
    second = Guest(board, tmp_path / "b")
    uart_id = first.board.profile.uart_ids[-1]
    for name in ("Pin", "UART", "I2C", "SPI", "PWM", "ADC", "Timer", "RTC", "WDT"):
        assert getattr(first.machine, name) is not getattr(second.machine, name), name
    first.machine.UART(uart_id, 9600)
    second.machine.UART(uart_id, 19200)
    assert "9600" in repr(first.machine.UART(uart_id, 9600)) or board == "esp32"
    assert first.machine.UART._states[uart_id]["baudrate"] == 9600
    assert second.machine.UART._states[uart_id]["baudrate"] == 19200
    pin = first.machine.Pin(first.board.profile.led_pin or 2)
    assert first.machine.Pin(pin) is pin
    assert not isinstance(pin, second.machine.Pin)
