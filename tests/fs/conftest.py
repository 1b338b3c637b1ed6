import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "transport"))
import realmp  # noqa: E402


@pytest.fixture(scope="module")
def real_micropython():
    if not realmp.available():
        pytest.skip("node and the MicroPython webassembly package are needed")
    board = realmp.RealMicroPython()
    yield board
    board.close()
