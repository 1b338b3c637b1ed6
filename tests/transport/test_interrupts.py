"""mpt.transport.interrupts.held: SIGINT deferred to the end of the outermost held section."""

import signal
import threading

import pytest

from mpt.transport.interrupts import held

pytestmark = pytest.mark.skipif(threading.current_thread() is not threading.main_thread(),
                                reason="SIGINT reaches the main thread only")


@pytest.fixture(autouse=True)
def default_handler():
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_a_sigint_inside_is_raised_as_the_outermost_section_ends():
    steps = []
    with pytest.raises(KeyboardInterrupt):
        with held():
            signal.raise_signal(signal.SIGINT)
            steps.append("after the signal")
            with held():
                steps.append("inner")
            steps.append("after the inner section")
    assert steps == ["after the signal", "inner", "after the inner section"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with held():  # the interrupt was used up
        pass


def test_without_a_sigint_nothing_is_raised_and_the_handler_is_restored():
    with held():
        with held():
            pass
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    with pytest.raises(KeyboardInterrupt):  # outside, Ctrl-C is immediate again
        signal.raise_signal(signal.SIGINT)
        for _ in range(1000):
            pass


def test_an_exception_inside_passes_and_the_handler_is_restored():
    with pytest.raises(ValueError):
        with held():
            raise ValueError
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_another_handler_is_left_alone():
    seen = []
    signal.signal(signal.SIGINT, lambda *_: seen.append("handled"))
    with held():
        signal.raise_signal(signal.SIGINT)
        assert seen == ["handled"]  # at once, by the program's own handler


def test_other_threads_are_not_affected():
    done = []

    def work():
        with held():
            done.append(signal.getsignal(signal.SIGINT) is signal.default_int_handler)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=30)
    assert done == [True]


def test_ctrl_c_at_each_line_of_entering_the_raw_repl_leaves_the_board_usable(tmp_path):
    """SIGINT at the N-th line run while the raw REPL is entered (writes, drains, waits for the
    banner), for every N: the command ends in KeyboardInterrupt, the next one works."""
    import sys

    from mpt.transport.serial_transport import SerialTransport

    transport = SerialTransport(f"emu://rp2?flash={tmp_path / 'flash'}")
    enter = type(transport.repl).enter.__code__

    def run(at_line):
        state = {"inside": 0, "count": 0}

        def local(frame, event, _arg):
            if event == "line" and state["inside"]:
                state["count"] += 1
                if state["count"] == at_line:
                    signal.raise_signal(signal.SIGINT)
            elif event == "return" and frame.f_code is enter:
                state["inside"] -= 1
            return local

        def calls(frame, _event, _arg):
            if frame.f_code is enter:
                state["inside"] += 1
            return local if "mpt" in frame.f_code.co_filename else None

        transport.repl.in_raw_repl = False  # each exec enters the raw REPL anew
        sys.settrace(calls)
        try:
            transport.exec("print(6 * 7)")
            return state["count"], False
        except KeyboardInterrupt:
            return state["count"], True
        finally:
            sys.settrace(None)

    try:
        total, interrupted = run(None)
        assert not interrupted and total > 10
        points = range(1, total + 1, max(1, total // 25))
        interruptions = 0
        for at_line in points:
            count, interrupted = run(at_line)
            # (the waits loop as often as the board takes: this entry may have been shorter)
            assert interrupted or count < at_line, at_line
            interruptions += interrupted
            assert transport.exec("print(6 * 7)") == b"42\r\n", at_line
        assert interruptions >= len(points) // 2
    finally:
        transport.close()
