import collections
import os
import signal
import sys

import pytest

import reference_tools


def references_required() -> bool:
    """In CI (CI=true) or when MPT_REQUIRE_REFERENCES=1, a reference tool that the README's test
    command installs must be there: its absence fails the run instead of skipping tests."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get(
        "MPT_REQUIRE_REFERENCES") == "1"


def pytest_configure(config):
    # A runner started in the background by a shell (`cmd &`) ignores SIGINT, and the programs
    # the tests start would inherit that; the tests that interrupt them need it delivered.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        reference_tools.check_environment(required=references_required())
    except reference_tools.ReferenceSetupError as exc:
        raise pytest.UsageError(str(exc)) from None


def pytest_terminal_summary(terminalreporter):
    """One line per distinct skip reason, so no skip goes unexplained even under -q."""
    reasons = collections.Counter()
    for report in terminalreporter.stats.get("skipped", []):
        if isinstance(report.longrepr, tuple):
            reasons[report.longrepr[2].removeprefix("Skipped: ")] += 1
    if reasons:
        terminalreporter.write_sep("-", "skipped tests, by reason")
        for reason, count in reasons.most_common():
            terminalreporter.write_line(f"{count:4d}  {reason}")


KNOWN_DIFFERENCES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                 "known_version_differences.txt")


def known_version_differences() -> dict[str, str]:
    """test id -> reason, for the CPython running the tests (known_version_differences.txt)."""
    this = "%d.%d" % sys.version_info[:2]
    root = os.path.dirname(os.path.dirname(KNOWN_DIFFERENCES))
    found = {}
    with open(KNOWN_DIFFERENCES, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                version, test_id, reason = line.split(None, 2)
                if not os.path.isfile(os.path.join(root, test_id.split("::")[0])):
                    raise pytest.UsageError(f"{KNOWN_DIFFERENCES}: no such test file: {test_id}")
                if version == this:
                    found[test_id] = f"Python {this}: {reason.strip()}"
    return found


def mark_known_version_differences(items):
    known = known_version_differences()
    for item in items:
        if item.nodeid in known:
            item.add_marker(pytest.mark.xfail(strict=True, reason=known[item.nodeid]))


def pytest_addoption(parser):
    parser.addoption("--port", action="store", default=None,
                     help="serial port of a real MicroPython board for hardware tests")


def pytest_collection_modifyitems(config, items):
    mark_known_version_differences(items)
    if config.getoption("--port"):
        return
    skip = pytest.mark.skip(reason="needs a real board: pass --port PORT")
    for item in items:
        if "hardware" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def board_port(request):
    return request.config.getoption("--port")


@pytest.fixture(scope="module")
def real_micropython():
    """Real MicroPython 1.29 (the webassembly build) served on TCP, one per test module."""
    import realmp

    if not realmp.available():
        pytest.skip("node and the MicroPython webassembly package are needed")
    board = realmp.RealMicroPython()
    yield board
    board.close()


@pytest.fixture(autouse=True, scope="session")
def test_process_stays_unconfined():
    """`mpt run` and `mpt emulate` confine their own process (mpt.runtime.board.confine).
    Tests that run the command line inside the test process (tests/inputs/inproc.py) must not
    confine the test runner itself; the boundary is tested in processes of its own
    (tests/runtime/test_confine.py, test_sandbox_escapes.py)."""
    from mpt.runtime.board import api, confine
    from mpt.transport import serial_transport

    real = confine.confine_board_process
    confine.confine_board_process = lambda *args, **kwargs: None
    # emu:// boards opened through the API stay in this process too (tests reach into them);
    # tests/transport/test_emulator_process.py checks the library's own default
    serial_transport.EMULATOR_PROCESS_BY_DEFAULT = False
    # the same for mpt.runtime.Interpreter (tests/runtime/test_interpreter_process.py checks
    # its own default)
    interpreter_default = api.INTERPRETER_PROCESS_BY_DEFAULT
    api.INTERPRETER_PROCESS_BY_DEFAULT = False
    try:
        yield
    finally:
        confine.confine_board_process = real
        serial_transport.EMULATOR_PROCESS_BY_DEFAULT = True
        api.INTERPRETER_PROCESS_BY_DEFAULT = interpreter_default
