"""machine.Timer, RTC, WDT and the sleep/reset functions, as guest programs see them.

References: ports/rp2/machine_timer.c (microsecond alarms, repr), ports/esp32/
machine_timer.c (hardware ids 0-3 and virtual -1; 1.29 prints the mode names swapped),
extmod/machine_timer.c (the pyboard's soft timer, 1 s default period).
"""

from board_runner import guest_output, run_guest

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


RTC_PROGRAM = """
    import time
    from machine import RTC
    rtc = RTC()
    print(rtc.datetime())
    rtc.datetime((2024, 2, 29, 3, 23, 59, 58, 250000))
    print(rtc.datetime())
    time.sleep(3)
    print(rtc.datetime()[:7], time.localtime()[:6])
    try:
        rtc.datetime((2024, 1, 1))
    except ValueError as e:
        print(e)
"""


def test_rtc_on_rp2_counts_weekdays_from_monday_without_subseconds(tmp_path):
    assert guest_output(tmp_path, RTC_PROGRAM).splitlines() == [
        "(2021, 1, 1, 4, 0, 0, 0, 0)",
        "(2024, 2, 29, 3, 23, 59, 58, 0)",
        "(2024, 3, 1, 4, 0, 0, 1) (2024, 3, 1, 0, 0, 1)",
        "requested length 8 but object has length 3"]


def test_rtc_on_esp32_keeps_microseconds_and_memory(tmp_path):
    out = guest_output(tmp_path, RTC_PROGRAM + """
    rtc.init((2025, 1, 2, 3, 4, 5, 0, 0))   # init() takes hours from index 3 (machine_rtc.c)
    print(rtc.datetime()[:7])
    rtc.memory(b"boots=3")
    print(rtc.memory())
    try:
        rtc.memory(bytes(2049))
    except ValueError as e:
        print(e)
    """, "esp32")
    lines = out.splitlines()
    assert lines[0].startswith("(2000, 1, 1, 5, 0, 0, 0, ")
    assert lines[1].startswith("(2024, 2, 29, 3, 23, 59, 58, 2500")  # + virtual microseconds
    assert lines[2:] == ["(2024, 3, 1, 4, 0, 0, 1) (2024, 3, 1, 0, 0, 1)",
                         "requested length 8 but object has length 3",
                         "(2025, 1, 2, 3, 3, 4, 5)", "b'boots=3'", "buffer too long"]


def test_rtc_on_pyboard_keeps_the_weekday_it_is_given(tmp_path):
    out = guest_output(tmp_path, RTC_PROGRAM, "pyboard")
    assert out.splitlines() == [
        "(2015, 1, 1, 4, 0, 0, 0, 255)",      # Thursday is 4: Monday is 1 on stm32
        "(2024, 2, 29, 3, 23, 59, 58, 255)",  # subseconds count down from 255
        "(2024, 3, 1, 4, 0, 0, 1) (2024, 3, 1, 0, 0, 1)",
        "requested length 8 but object has length 3"]


def test_wdt_limits_per_port(tmp_path):
    program = """
        from machine import WDT
        for args in ((0, 8388), (0, 8389), (1, 1000), (0, 0), (0, 40000), ("IWDG", 100)):
            try:
                WDT(*args)
                print("ok")
            except (ValueError, TypeError) as e:
                print(repr(e))
    """
    assert guest_output(tmp_path, program
                        ).splitlines() == [
        "ok", "ValueError('timeout exceeds 8388',)", "ValueError(\"WDT(1) doesn't exist\",)",
        "ok", "ValueError('timeout exceeds 8388',)", "TypeError(\"can't convert str to int\",)"]
    assert guest_output(tmp_path, program,
                        "esp32").splitlines() == [
        "ok", "ok", "ValueError()", "ValueError('WDT timeout too short',)", "ok",
        "ValueError()"]
    assert guest_output(tmp_path, program,
                        "pyboard").splitlines() == [
        "ok", "ok", "ValueError(\"WDT(1) doesn't exist\",)",
        "ValueError('WDT timeout too short',)", "ValueError('WDT timeout too long',)", "ok"]


def test_an_unfed_watchdog_resets_the_board(tmp_path):
    status, out = run_guest(tmp_path, """
        import time
        from machine import WDT
        wdt = WDT(timeout=500)
        for _ in range(3):
            time.sleep_ms(400)
            wdt.feed()
        print("fed three times")
        wdt = WDT(timeout=100)      # the one watchdog, restarted with a shorter timeout
        time.sleep_ms(150)
        print("not reached")
    """)
    assert status == 1
    assert out.splitlines() == ["fed three times",
                                "MPY: board reset (WDT_RESET): watchdog timeout: the board "
                                "was reset"]
