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
