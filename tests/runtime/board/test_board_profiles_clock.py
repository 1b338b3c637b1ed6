import pytest

from mpt.errors import UsageError
from mpt.runtime.library.clock import (NS_PER_MS, TICKS_PERIOD, Clock, TicksOverflow, ticks_add,
                                     ticks_diff)
from mpt.runtime.board.profiles import PROFILES, get_profile


def test_banners_match_the_real_ports_wording():
    assert get_profile("esp32").version_line == (
        "MicroPython v1.29.0 on 2026-08-29; Generic ESP32 module with ESP32")
    assert get_profile("pico").version_line.endswith("; Raspberry Pi Pico with RP2040")
    assert get_profile("pyboard").version_line.endswith("; PYBv1.1 with STM32F405RG")
    assert get_profile("rp2").banner.endswith('\r\nType "help()" for more information.\r\n')


def test_uname_and_platform():
    sysname, nodename, release, version, machine = get_profile("esp32").uname()
    assert (sysname, nodename, release) == ("esp32", "esp32", "1.29.0")
    assert version == "v1.29.0 on 2026-08-29"
    assert machine == "Generic ESP32 module with ESP32"
    assert {p.platform for p in PROFILES.values()} == {"esp32", "rp2", "pyboard"}


def test_epochs_follow_the_ports():
    assert get_profile("rp2").epoch_year == 1970
    assert get_profile("esp32").epoch_year == 2000
    assert get_profile("pyboard").epoch_year == 2000


def test_unknown_board_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown board 'nrf'"):
        get_profile("nrf")


def test_ticks_diff_and_add_wrap_like_micropython():
    assert TICKS_PERIOD == 1 << 30
    near_end = TICKS_PERIOD - 5
    later = ticks_add(near_end, 10)
    assert later == 5
    assert ticks_diff(later, near_end) == 10
    assert ticks_diff(near_end, later) == -10
    assert ticks_add(0, -1) == TICKS_PERIOD - 1
    with pytest.raises(TicksOverflow):
        ticks_add(0, TICKS_PERIOD // 2)
    with pytest.raises(TicksOverflow):
        ticks_add(0, -TICKS_PERIOD // 2)
    assert ticks_add(0, TICKS_PERIOD // 2 - 1) == TICKS_PERIOD // 2 - 1


def test_virtual_sleep_is_instant_and_runs_events_in_order():
    clock = Clock(virtual=True)
    fired = []
    clock.call_at(300 * NS_PER_MS, lambda: fired.append(("b", clock.peek_ns())))
    clock.call_at(100 * NS_PER_MS, lambda: fired.append(("a", clock.peek_ns())))
    clock.call_at(900 * NS_PER_MS, lambda: fired.append(("c", clock.peek_ns())))
    clock.sleep_ns(500 * NS_PER_MS)
    assert fired == [("a", 100 * NS_PER_MS), ("b", 300 * NS_PER_MS)]
    assert clock.peek_ns() == 500 * NS_PER_MS


def test_ten_minutes_of_virtual_sleeps_take_milliseconds():
    import time
    clock = Clock(virtual=True)
    started = time.perf_counter()
    for _ in range(600 * 2):
        clock.sleep_ns(500 * NS_PER_MS)
    assert clock.peek_ns() == 600 * 10**9
    assert time.perf_counter() - started < 0.5


def test_virtual_reads_advance_so_busy_waits_end():
    clock = Clock(virtual=True)
    start = clock.ticks_ms()
    reads = 0
    while ticks_diff(clock.ticks_ms(), start) < 5:
        reads += 1
    assert 4000 <= reads <= 5100


def test_cancelled_events_do_not_fire_and_pending_hook_runs():
    clock = Clock(virtual=True)
    hook_calls = []
    clock.pending_hook = lambda: hook_calls.append(clock.peek_ns())
    fired = []
    event = clock.call_later(10, lambda: fired.append(1))
    event.cancel()
    clock.sleep_ns(100)
    assert fired == []
    assert hook_calls


def test_real_clock_sleeps_for_real():
    import time
    clock = Clock(virtual=False)
    fired = []
    clock.call_later(5 * NS_PER_MS, lambda: fired.append(clock.peek_ns()))
    started = time.perf_counter()
    clock.sleep_ns(20 * NS_PER_MS)
    assert time.perf_counter() - started >= 0.019
    assert len(fired) == 1 and fired[0] >= 5 * NS_PER_MS
