"""`mpt emulate` options and shutdown: --trace/--vcd as `mpt run` has them."""

import signal
import subprocess
import sys


BLINK = "from machine import Pin\np = Pin(25, Pin.OUT)\np.on()\np.off()\nprint('done')\n"


def start_emulate(tmp_path, *options, stdin=subprocess.DEVNULL):
    process = subprocess.Popen(
        [sys.executable, "-m", "mpt", "emulate", "--tcp", "0", "--flash",
         str(tmp_path / "flash"), *options],
        stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = process.stdout.readline().strip()
    assert url.startswith("socket://"), process.stderr.read()
    return process, url


def mpt(*args):
    return subprocess.run([sys.executable, "-m", "mpt", *args], capture_output=True, text=True,
                          timeout=60)


def stop(process, sig=signal.SIGTERM):
    process.send_signal(sig)
    out, err = process.communicate(timeout=15)
    return process.returncode, err


def test_trace_and_vcd_like_mpt_run(tmp_path):
    process, url = start_emulate(tmp_path, "--trace", "--vcd", str(tmp_path / "pins.vcd"))
    try:
        result = mpt("-p", url, "exec", BLINK)
        assert (result.returncode, result.stdout) == (0, "done\n")
    finally:
        status, err = stop(process)
    assert status == 0 and "Traceback" not in err
    trace = [line.split("] ", 1)[1] for line in err.splitlines() if line.startswith("[")]
    assert trace == ["pin  GP25 1", "pin  GP25 0"]
    vcd = (tmp_path / "pins.vcd").read_text()
    assert "$var wire 1 ! GP25 $end" in vcd
    changes = [line for line in vcd.split("$enddefinitions $end")[1].splitlines()
               if line and not line.startswith(("#", "$"))]
    assert changes == ["x!", "1!", "0!"]

    # the same program under `mpt run` traces the same events
    (tmp_path / "blink.py").write_text(BLINK)
    ran = subprocess.run([sys.executable, "-m", "mpt", "run", "--trace", "--flash",
                          str(tmp_path / "flash"), str(tmp_path / "blink.py")],
                         capture_output=True, text=True, timeout=60)
    assert [line.split("] ", 1)[1] for line in ran.stderr.splitlines()
            if line.startswith("[")] == trace
