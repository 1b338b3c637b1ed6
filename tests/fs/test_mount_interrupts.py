"""Ctrl-C at every point of a mounted run's exchange with the board.

The board's program loops on a file of the mount, so the host is always in the middle of a
request/answer exchange. A real SIGINT is raised (signal.raise_signal) at the N-th line the
host's protocol code executes, for N across a whole exchange: each time the run must end in
KeyboardInterrupt and the board must be usable afterwards, with the folder still mounted.
"""

import os
import signal
import sys
import threading

import pytest

from mpt.fs.mount import Mount
from mpt.transport.serial_transport import SerialTransport

HOST_PROTOCOL = {"link.py", "mount_server.py", "rawrepl.py", "serial_transport.py"}
BUSY = "print('started')\nwhile True:\n    open('blob.bin', 'rb').read()\n"

pytestmark = pytest.mark.skipif(threading.current_thread() is not threading.main_thread(),
                                reason="SIGINT reaches the main thread only")


@pytest.fixture
def mounted(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "helper.py").write_text("VALUE = 42\n")
    (project / "blob.bin").write_bytes(bytes(range(256)) * 40)
    transport = SerialTransport(f"emu://rp2?flash={tmp_path / 'flash'}")
    mount = Mount(transport, str(project))
    mount.start()
    yield transport
    mount.stop()
    transport.close()


def interrupt_at(transport, line_number: int) -> str:
    """Run BUSY; once it has started, raise SIGINT at the `line_number`-th line executed in
    the host's protocol code. Returns where the signal was raised."""
    state = {"armed": False, "count": 0, "where": None}

    def local(frame, event, _arg):
        if event == "line" and state["armed"] and state["where"] is None:
            state["count"] += 1
            if state["count"] >= line_number:
                state["where"] = f"{os.path.basename(frame.f_code.co_filename)}:" \
                                 f"{frame.f_code.co_name}"
                signal.raise_signal(signal.SIGINT)
        return local

    def calls(frame, _event, _arg):
        return local if os.path.basename(frame.f_code.co_filename) in HOST_PROTOCOL else None

    def on_output(data: bytes) -> None:
        if b"started" in data:
            state["armed"] = True

    sys.settrace(calls)
    try:
        with pytest.raises(KeyboardInterrupt):
            transport.run_streaming(BUSY, on_output=on_output)
    finally:
        sys.settrace(None)
    assert state["where"] is not None, "the program ended without the interrupt"
    return state["where"]


def test_ctrl_c_at_each_point_of_the_mount_exchange_leaves_the_board_usable(mounted):
    transport = mounted
    places = set()
    for line_number in range(1, 160, 5):  # 160 lines: about two request/answer exchanges
        # each run starting again (and reading the mount) shows the board was left usable
        places.add(interrupt_at(transport, line_number))
    # the board is back at its prompt, the line in step, the folder still mounted
    assert transport.exec("print(open('helper.py').read())", timeout=20) == b"VALUE = 42\r\n\r\n"
    # the interrupts landed inside the exchange: between reading bytes and buffering them,
    # and while the mount server took a request out of the stream and answered it
    assert {"link.py:_receive", "link.py:_receive_raw"} & places, sorted(places)
    assert len({place for place in places if place.startswith("mount_server.py")}) >= 3, \
        sorted(places)
