"""Garbage from the board (other firmware, noise on the line) never becomes a traceback: every
file-system operation either makes sense of the answer or raises an MptError (DeviceError:
`unexpected answer from the board`), which the CLI reports as `mpt: error: ...`."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpt.errors import DeviceError, MptError
from mpt.fs import snippets
from mpt.fs.mip import install
from mpt.fs.remote import BoardFS
from mpt.transport.base import Transport

# what the probe prints on the emulated rp2 (`mpt -p emu exec` of snippets.PROBE)
PROBE_ANSWER = b"['rp2', '/', 1, 1, 1, 1, 1, 1, 1970]\r\n"


class Answering(Transport):
    """A board that answers the capability probe properly and everything else with `garbage`."""

    name = "garbage board"

    def __init__(self, garbage: bytes, probe: bytes = PROBE_ANSWER):
        self.garbage = garbage
        self.probe = probe

    def exec(self, code, *, timeout=10.0, on_output=None):
        code = code.decode() if isinstance(code, bytes) else code
        answer = self.probe if snippets.PROBE in code else self.garbage
        if on_output is not None:
            on_output(answer)
            return b""
        return answer

    def start(self, code):
        raise NotImplementedError

    def interrupt(self):
        pass

    def soft_reset(self):
        return b""

    def hard_reset(self):
        pass

    def enter_bootloader(self):
        pass

    def enter_raw_repl(self):
        pass

    def leave_raw_repl(self):
        pass

    def write(self, data):
        pass

    def read_some(self, timeout):
        return b""

    def close(self):
        pass


OPERATIONS = {
    "stat": lambda fs: fs.stat("/a"),
    "listdir": lambda fs: fs.listdir("/"),
    "list": lambda fs: fs.list("/"),
    "walk": lambda fs: fs.walk("/", hashes=True),
    "sha256": lambda fs: fs.sha256("/a"),
    "df": lambda fs: fs.df("/"),
    "read_file": lambda fs: fs.read_file("/a"),
    "write_file": lambda fs: fs.write_file("/a", bytes(20000)),
    "mip board_mpy": lambda fs: install.board_mpy(fs),
    "mip default_target": lambda fs: install.default_target(fs),
}

SHAPES = [b"", b"\r\n", b"None", b"garbage", b"(1, 2", b"[1, 2]", b"('dir', 5)", b"('x',)",
          b"[('a', 1, 2)]", b"[('a', 'b', 'c', 'd')]", b"('dir', [(1, 2, 3, 4)])", b"1e999",
          b"'x'", b"12\nnot base64!\n", b"-5\n", b"(" * 300 + b")" * 300, b"\xff\xfe",
          b"OSError: 5", b"{'a': 1}", b"(True, 'big', 0)", b"('file', [('a', 0, 1, 2)], 3)"]


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
@pytest.mark.parametrize("garbage", SHAPES)
def test_garbage_answers_are_device_errors(operation, garbage):
    fs = BoardFS(Answering(garbage))
    try:
        OPERATIONS[operation](fs)
    except MptError:  # DeviceError, or mip's MipError for a sys.path without a lib folder
        pass


@settings(max_examples=200, deadline=None)
@given(operation=st.sampled_from(sorted(OPERATIONS)),
       garbage=st.binary(max_size=80) | st.from_regex(rb"\A[\[\](),'0-9a-z \n]{0,60}\Z"))
def test_random_answers_are_device_errors(operation, garbage):
    fs = BoardFS(Answering(garbage))
    try:
        OPERATIONS[operation](fs)
    except MptError:  # DeviceError, or mip's MipError for a sys.path without a lib folder
        pass


@pytest.mark.parametrize("probe", [b"", b"None", b"['rp2']", b"[1, 2, 3, 4, 5, 6, 7, 8]",
                                   b"['rp2', '/', 1, 1, 1, 1, 1, 1, 'x']"])
def test_a_garbage_probe_answer_is_a_device_error(probe):
    with pytest.raises(DeviceError, match="unexpected answer from the board"):
        BoardFS(Answering(b"", probe)).capabilities
