import pytest

import realmp


@pytest.fixture(scope="module")
def real_micropython():
    if not realmp.available():
        pytest.skip("node and the MicroPython webassembly package are needed")
    board = realmp.RealMicroPython()
    yield board
    board.close()
