"""machine.Timer, RTC, WDT and the sleep/reset functions, as guest programs see them.

References: ports/rp2/machine_timer.c (microsecond alarms, repr), ports/esp32/
machine_timer.c (hardware ids 0-3 and virtual -1; 1.29 prints the mode names swapped),
extmod/machine_timer.c (the pyboard's soft timer, 1 s default period).
"""

from board_runner import guest_output

TIMER_PROGRAM = """
    import time
    from machine import Timer
    t = Timer()
    print(t)
    hits = []
    t.init(period=100, callback=lambda timer: hits.append((time.ticks_ms(), timer is t)))
    print(t)
    time.sleep_ms(350)
    t.deinit()
    time.sleep_ms(200)
    print(hits)
    once = Timer(mode=Timer.ONE_SHOT, freq=4, callback=lambda timer: hits.append("once"))
    print(once)
    time.sleep_ms(600)
    print(hits[-1], len(hits))
    print(Timer(period=2, tick_hz=1000, callback=None))
"""


def test_rp2_timers(tmp_path):
    out = guest_output(tmp_path, TIMER_PROGRAM + """
    print(Timer(period=5_000_000))
    try:
        Timer(0)
    except ValueError as e:
        print(e)
    """)
    assert out.splitlines() == [
        "Timer(mode=ONE_SHOT, tick_hz=1000000, period=0)",
        "Timer(mode=PERIODIC, tick_hz=1000000, period=100000)",
        "[(100, True), (200, True), (300, True)]",
        "Timer(mode=ONE_SHOT, tick_hz=1000000, period=250000)",
        "once 4",
        "Timer(mode=PERIODIC, tick_hz=1000000, period=2000)",
        "Timer(mode=PERIODIC, tick_hz=1000000, period=5000000000)",
        "Timer doesn't exist"]


def test_esp32_timers(tmp_path):
    out = guest_output(tmp_path, TIMER_PROGRAM + """
    print(Timer(0, period=50, callback=print))
    print(Timer.ONE_SHOT, Timer.PERIODIC)
    for bad in (lambda: Timer(4), lambda: Timer(1, period=10, callback=print, hard=True)):
        try:
            bad()
        except ValueError as e:
            print(e)
    """, "esp32")
    assert out.splitlines() == [
        "Timer(-1, mode=PERIODIC, period=0)",
        "Timer(-1, mode=ONE_SHOT, period=100)",
        "[(100, True), (200, True), (300, True)]",
        "Timer(-1, mode=PERIODIC, period=250)",
        "once 4",
        "Timer(-1, mode=ONE_SHOT, period=2)",
        "Timer(0, mode=ONE_SHOT, period=50)",
        "False True",
        "Timer(4) doesn't exist, there are only 4 hardware timers",
        "hard Timers are not implemented"]


def test_pyboard_soft_timers(tmp_path):
    out = guest_output(tmp_path, TIMER_PROGRAM + """
    t = Timer(period=250)
    t.init(callback=lambda timer: print("kept the period", time.ticks_ms()), mode=Timer.ONE_SHOT)
    print(t)
    time.sleep_ms(300)
    try:
        Timer(period=0x40000000)
    except ValueError as e:
        print(e)
    """, "pyboard")
    assert out.splitlines() == [
        "Timer(mode=PERIODIC, period=1000)",
        "Timer(mode=PERIODIC, period=100)",
        "[(100, True), (200, True), (300, True)]",
        "Timer(mode=ONE_SHOT, period=250)",
        "once 4",
        "Timer(mode=PERIODIC, period=2)",
        "Timer(mode=ONE_SHOT, period=250)",
        "kept the period 1400",
        "period too large"]


def test_a_hard_timer_callback_that_raises_stops_the_timer(tmp_path):
    out = guest_output(tmp_path, """
        import time
        from machine import Timer
        calls = []
        def tick(t):
            calls.append(1)
            raise ValueError("boom")
        Timer(period=10, callback=tick, hard=True)
        time.sleep_ms(100)
        print(len(calls))
    """)
    lines = out.splitlines()
    assert lines[0] == "Uncaught exception in IRQ callback handler"
    assert lines[-2:] == ["ValueError: boom", "1"]
