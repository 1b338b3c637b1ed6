"""File-system operations end to end, against two boards speaking the same bytes:

- "real": real MicroPython 1.29 firmware (webassembly build) served over TCP (plain raw mode),
- "emu": mpt's emulated board opened in-process through emu:// (raw-paste, mpt's VM).
"""

import os

import pytest

from mpt.errors import DeviceError
from mpt.fs.remote import BoardFS, encode_chunk
from mpt.transport.serial_transport import SerialTransport


@pytest.fixture(params=["real", "emu"])
def fs(request, tmp_path):
    if request.param == "real":
        transport = SerialTransport(request.getfixturevalue("real_micropython").url,
                                    raw_paste=False)
        root = "/flash/t"
    else:
        transport = SerialTransport(f"emu://rp2?flash={tmp_path / 'flash'}")
        root = "/t"
    fs = BoardFS(transport, chunk_size=1024)
    fs.kind = request.param
    fs.root = root
    if fs.stat(root):
        fs.remove(root, recursive=True)
    fs.mkdir(root, parents=True)
    transport.exec(f"import os\nos.chdir({root.rsplit('/', 1)[0] or '/'!r})")
    fs._capabilities = None  # the current folder changed
    yield fs
    transport.close()


def test_probe_reports_the_firmware(fs):
    caps = fs.capabilities
    assert caps.platform == ("webassembly" if fs.kind == "real" else "rp2")
    assert caps.base64 and caps.sha256 and caps.statvfs and caps.ilistdir


@pytest.mark.parametrize("encoding", ["base64", "hex", "repr"])
def test_binary_roundtrip_every_encoding(fs, encoding):
    data = os.urandom(3000) + bytes(range(256))
    fs.capabilities.base64 = encoding == "base64"
    fs.capabilities.fromhex = encoding == "hex"
    fs.write_file("t/blob.bin", data)
    assert fs.stat("t/blob.bin").size == len(data)
    fs.capabilities.base64 = True
    assert fs.read_file("t/blob.bin") == data
    fs.capabilities.base64 = False
    assert fs.read_file("t/blob.bin") == data


def test_base64_chunk_is_dense():
    data = os.urandom(4096)
    assert len(data) / len(encode_chunk(data, "base64")) > 0.74


def test_listing_and_walk(fs):
    fs.mkdir("t/a/b", parents=True)
    fs.write_file("t/a/b/x.py", b"print(1)\n")
    fs.write_file("t/top.txt", b"hello")
    names = [(e.name, e.is_dir, e.size) for e in fs.listdir("t")]
    assert names == [("a", True, 0), ("top.txt", False, 5)]
    kind, entries = fs.walk(fs.root, hashes=True)
    assert kind == "dir"
    by_name = {e.name: e for e in entries}
    assert set(by_name) == {"a", "a/b", "a/b/x.py", "top.txt"}
    import hashlib
    assert by_name["top.txt"].sha256 == hashlib.sha256(b"hello").hexdigest()
    assert fs.sha256("t/top.txt") == hashlib.sha256(b"hello").hexdigest()


def test_overwrite_rename_touch_remove(fs):
    fs.write_file("t/f.txt", b"old")
    fs.write_file("t/f.txt", b"new content")
    assert fs.read_file("t/f.txt") == b"new content"
    fs.rename("t/f.txt", "t/g.txt")
    assert fs.stat("t/f.txt") is None
    fs.touch("t/empty")
    assert fs.stat("t/empty").size == 0
    fs.remove("t/g.txt")
    assert [e.name for e in fs.listdir("t")] == ["empty"]


def test_errors_are_typed(fs):
    with pytest.raises(DeviceError):
        fs.read_file("t/missing")
    with pytest.raises(DeviceError):
        fs.rmdir("t/missing")


def test_not_enough_space_is_refused_before_writing(fs):
    free = fs.df(fs.root)["free"]
    if fs.kind == "real":  # gigabytes free there: check the refusal without the bytes
        with pytest.raises(DeviceError, match="not enough space"):
            fs._fits_beside(fs.root + "/huge", free + 1, None)
        return
    with pytest.raises(DeviceError, match="not enough space"):
        fs.write_file("t/huge", b"x" * (free + 1))
    assert fs.stat("t/huge") is None


def test_compressible_files_travel_deflated_when_the_board_can_inflate(fs):
    text = "".join(f"line {i}: the quick brown fox jumps over the lazy dog\n"
                   for i in range(800)).encode()
    fs.capabilities  # probe before counting
    before = fs.transport.link.bytes_written
    fs.write_file("t/text.txt", text)
    wire = fs.transport.link.bytes_written - before
    assert fs.read_file("t/text.txt") == text
    if fs.capabilities.deflate:  # real MicroPython 1.29 has the deflate module
        assert wire < len(text) / 3
    else:
        assert wire > len(text)  # base64 without compression


def test_sync_on_firmware_without_hashlib_compares_contents(fs, tmp_path):
    from mpt.fs.sync import apply_sync, plan_sync
    local = tmp_path / "src"
    local.mkdir()
    (local / "a.py").write_text("A = 1\n")
    (local / "b.py").write_text("B = 2\n")
    fs.capabilities.sha256 = False
    apply_sync(fs, plan_sync(fs, local, "t/app"))
    (local / "b.py").write_text("B = 3\n")  # same size, different bytes
    plan = plan_sync(fs, local, "t/app")
    assert [u.relative for u in plan.uploads] == ["b.py"] and plan.unchanged == 1


def _project(root, files: dict[str, str]) -> None:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)


def _changes(plan) -> list[tuple[str, str]]:
    return sorted([(u.reason, u.relative) for u in plan.uploads] +
                  [("mkdir", m) for m in plan.mkdirs] + [("delete", d) for d in plan.deletes])


def test_sync_sees_every_kind_of_change_from_a_connections_first_question(fs, tmp_path):
    from mpt.fs.sync import apply_sync, plan_sync
    local = tmp_path / "src"
    _project(local, {"main.py": "import lib.a\n", "lib/a.py": "A = 1\n", "lib/b.py": "B = 2\n",
                     "data/c.txt": "ccc\n"})
    apply_sync(fs, plan_sync(fs, local, "t/app"))

    def fresh_plan(path="t/app", **options):
        """The plan a new connection makes: its probe goes with the board's listing."""
        fresh = BoardFS(fs.transport, chunk_size=1024)
        execs = []
        run = fs.transport.exec

        def counted(*args, **kwargs):
            execs.append(args[0])
            return run(*args, **kwargs)

        fs.transport.exec = counted
        try:
            plan = plan_sync(fresh, local, path, **options)
        finally:
            del fs.transport.exec
        return plan, len(execs)

    plan, execs = fresh_plan()
    assert (_changes(plan), plan.unchanged, execs) == ([], 4, 1)
    assert plan.remote_root == fs.root + "/app"
    (local / "lib" / "a.py").write_text("A = 7\n")  # same size, other bytes
    _project(local, {"lib/new.py": "N = 0\n", "docs/readme.txt": "hello\n"})
    (local / "data" / "c.txt").unlink()
    (local / "data").rmdir()
    fs.write_file("t/app/lib/b.py", b"B = 3\n")  # changed on the board, same size
    fs.remove("t/app/main.py")  # gone from the board
    plan, execs = fresh_plan(delete=True)
    assert _changes(plan) == [("changed", "lib/a.py"), ("changed", "lib/b.py"),
                              ("delete", "data/"), ("delete", "data/c.txt"),
                              ("mkdir", "docs"), ("new", "docs/readme.txt"),
                              ("new", "lib/new.py"), ("new", "main.py")]
    assert (plan.unchanged, execs) == (0, 1)
    # without --delete nothing is removed; the same answer through other spellings of the path
    for path in ("t/app", "t/x/../app/", fs.root + "/app", f"{fs.root}/./app"):
        plan, _ = fresh_plan(path)
        assert [c for c in _changes(plan) if c[0] == "delete"] == []
        assert len(plan.uploads) == 5 and plan.remote_root == fs.root + "/app", path
    apply_sync(fs, plan_sync(fs, local, "t/app", delete=True))
    plan, _ = fresh_plan(delete=True)
    assert (_changes(plan), plan.unchanged) == ([], 5)
    assert fs.read_file("t/app/lib/a.py") == b"A = 7\n"
    assert fs.stat("t/app/data") is None


def test_sync_of_a_missing_folder_and_onto_a_file(fs, tmp_path):
    from mpt.errors import InputFileError
    from mpt.fs.sync import plan_sync
    local = tmp_path / "src"
    _project(local, {"a.py": "A = 1\n"})
    fresh = BoardFS(fs.transport)
    plan = plan_sync(fresh, local, "t/none/here")
    assert _changes(plan) == [("mkdir", ""), ("new", "a.py")]
    fs.write_file("t/file", b"x")
    with pytest.raises(InputFileError, match="is a file on the board"):
        plan_sync(BoardFS(fs.transport), local, "t/file")


def test_sync_on_a_board_without_hashlib_from_the_first_question(fs, tmp_path):
    from mpt.fs.sync import apply_sync, plan_sync
    local = tmp_path / "src"
    _project(local, {"a.py": "A = 1\n", "b.py": "B = 2\n"})
    apply_sync(fs, plan_sync(fs, local, "t/app"))
    # a module of the file system shadows the firmware's extensible hashlib
    fs.write_file("hashlib.py", b"raise ImportError('no hashlib on this board')\n")
    try:
        (local / "b.py").write_text("B = 3\n")  # same size, different bytes
        fresh = BoardFS(fs.transport)
        plan = plan_sync(fresh, local, "t/app")
        assert not fresh.capabilities.sha256
        assert [u.relative for u in plan.uploads] == ["b.py"] and plan.unchanged == 1
    finally:
        fs.remove("hashlib.py")


def test_binary_frames_are_sized_by_the_free_memory_asked_for_when_first_needed(fs):
    from mpt.fs import snippets
    assert fs.capabilities.memory_free == 0  # the probe no longer collects the heap
    free = int(fs.transport.exec(snippets.FREE_MEMORY))
    assert free > 0
    size = fs.frame_size
    assert size & (size - 1) == 0 and 1024 <= size <= 16384
    assert size == 1024 or size <= free // 8
    data = os.urandom(3 * size + 5)
    fs.write_file("t/framed.bin", data)
    assert fs.read_file("t/framed.bin") == data
