"""An emulated board keeps host threads only while it needs them: its timer watcher runs while
timers are armed, and nothing of a board outlives its closing, or the last reference to it
(a test or a script that never closes a board must not leave threads behind)."""

import gc
import threading

import pytest

from mpt.runtime import Interpreter
from mpt.runtime.board.setup import BoardOptions, create_board
from mpt.transport.serial_transport import SerialTransport
from waiting import wait_until

ARM = ("from machine import Timer\n"
       "t = Timer(period=60000, mode=Timer.PERIODIC, callback=lambda t: None)\n")


def board_threads(before: set) -> list[threading.Thread]:
    """The threads of the boards made since ``before`` was taken."""
    return [t for t in threading.enumerate() if t not in before
            and t.name.startswith("mpt-board")]


def timer_threads(before: set) -> list[threading.Thread]:
    return [t for t in board_threads(before) if t.name == "mpt-board-timers"]


def collected_and_gone(threads) -> bool:
    """Collect garbage (objects with finalisers take a collection or two), then True if
    ``threads()`` is empty."""
    gc.collect()
    return not threads()


@pytest.fixture
def before():
    return set(threading.enumerate())


def api_interpreter() -> Interpreter:
    out = []
    return Interpreter(stdout=out.append, stderr=out.append,
                       board=create_board(BoardOptions(board="rp2", virtual_time=False)))


def test_the_timer_watcher_runs_only_while_a_timer_is_armed(before):
    interp = api_interpreter()
    assert interp.exec_source("import machine\n") == 0
    assert timer_threads(before) == []  # a board without timers has no watcher
    assert interp.exec_source(ARM) == 0
    wait_until(lambda: timer_threads(before), what="the timer watcher")
    assert interp.exec_source("t.deinit()\n") == 0
    wait_until(lambda: not timer_threads(before), what="the watcher to end")
    assert interp.exec_source(ARM) == 0  # armed again: a new watcher
    wait_until(lambda: timer_threads(before), what="a new timer watcher")
    interp.session.close()
    wait_until(lambda: not timer_threads(before), what="the watcher to end at close")


def test_an_interpreter_dropped_with_a_timer_armed_leaves_no_thread(before):
    interp = api_interpreter()
    assert interp.exec_source(ARM) == 0
    wait_until(lambda: timer_threads(before), what="the timer watcher")
    del interp
    wait_until(lambda: collected_and_gone(lambda: timer_threads(before)),
               what="the watcher of a board gone")


def test_a_closed_emulated_port_leaves_no_thread(before):
    transport = SerialTransport("emu://rp2")
    transport.exec(ARM)
    wait_until(lambda: timer_threads(before), what="the timer watcher")
    transport.close()
    wait_until(lambda: not board_threads(before), what="the board's threads to end")


def test_an_emulated_port_nobody_closes_leaves_no_thread_once_dropped(before):
    transport = SerialTransport("emu://rp2")
    transport.exec(ARM)
    wait_until(lambda: len(board_threads(before)) == 2, what="the board and its watcher")
    del transport
    wait_until(lambda: collected_and_gone(lambda: board_threads(before)),
               what="the board's threads to end")
