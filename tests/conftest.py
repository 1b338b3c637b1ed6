import pytest


def pytest_addoption(parser):
    parser.addoption("--port", action="store", default=None,
                     help="serial port of a real MicroPython board for hardware tests")


def pytest_collection_modifyitems(config, items):
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
