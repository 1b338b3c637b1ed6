"""Any bytes survive a round trip to the emulated board, whichever encoding the board allows."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpt.fs.remote import BoardFS
from mpt.transport.serial_transport import SerialTransport


@pytest.fixture(scope="module")
def fs(tmp_path_factory):
    transport = SerialTransport(f"emu://rp2?flash={tmp_path_factory.mktemp('flash')}")
    yield BoardFS(transport, chunk_size=512)
    transport.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=1500) | st.sampled_from([b"", b"\x03", b"\x04", b"\r\n>", b"'\\"]),
       encoding=st.sampled_from(["base64", "hex", "repr"]))
def test_round_trip(fs, data, encoding):
    fs.capabilities.base64 = encoding == "base64"
    fs.capabilities.fromhex = encoding == "hex"
    fs.write_file("/p.bin", data)
    assert fs.read_file("/p.bin") == data
