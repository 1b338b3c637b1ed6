"""File-system operations on a board, each built on `Transport.exec` alone."""

from __future__ import annotations

import ast
import base64
import binascii
import hashlib
import logging
import zlib
from typing import Callable

from mpt.errors import DeviceError, RemoteException
from mpt.fs import snippets, wire
from mpt.fs.answers import (
    BoardFileError, Capabilities, Entry, Listing, as_int, board_error, lost_helpers,
    read_capabilities, read_digest, read_entries, read_entry, read_kind, read_listing,
    read_statvfs, reading, reads_answer,
)
from mpt.fs.paths import join, normalise, parent
from mpt.transport.base import Transport, board_literal

log = logging.getLogger("mpt.fs")

# (bytes done, bytes total)
OnProgress = Callable[[int, int], None]

TEMP_SUFFIX = ".mpt-tmp"
MAX_FRAME = 16384  # bytes per binary frame at most


def encode_chunk(data: bytes, encoding: str) -> bytes:
    """`data` as a MicroPython bytes literal the board's decoder turns back into `data`."""
    if encoding == "base64":
        return b"b'" + base64.b64encode(data) + b"'"
    if encoding == "hex":
        return b"'" + binascii.hexlify(data) + b"'"
    return repr(data).encode("ascii")


class BoardFS:
    """The board's files, as seen through a Transport."""

    def __init__(self, transport: Transport, *, chunk_size: int = 4096, timeout: float = 10.0,
                 compress: bool = True, frame_size: int | None = None,
                 binary_threshold: int | None = None):
        self.transport = transport
        self.chunk_size = chunk_size
        self.compress = compress
        self.timeout = timeout
        # binary transfer mode: bytes per frame (None: as the board's free memory allows),
        # and the size above which uploads use it (smaller files go in one round trip of
        # text; None: above 4 chunks)
        self._frame_size = frame_size
        self.binary_threshold = 4 * chunk_size if binary_threshold is None else binary_threshold
        self._capabilities: Capabilities | None = None
        self._helpers_sent: set[str] = set()  # the helper groups the board has now

    # -- plumbing ----------------------------------------------------------------------------

    def _with_helpers(self, code: str | bytes, needs: tuple[str, ...], send):
        """`send(helpers the board lacks + code)`; once more with every helper needed when
        the board had lost some (a soft reset wipes them: NameError)."""
        if isinstance(code, str):
            code = code.encode("utf-8")
        groups = snippets.helper_groups(needs)
        for attempt in (1, 2):
            missing = [name for name in groups if name not in self._helpers_sent]
            helpers = "".join(snippets.HELPERS[name] for name in missing).encode()
            try:
                result = send(helpers + code)
            except RemoteException as exc:
                if attempt == 1 and len(missing) < len(groups) and lost_helpers(exc):
                    self._helpers_sent.clear()  # a reset wiped them: send them again
                    continue
                raise
            self._helpers_sent.update(missing)
            return result
        raise AssertionError("unreachable")

    def _exec(self, code: str | bytes, path: str = "", on_output=None,
              needs: tuple[str, ...] = ()) -> bytes:
        def send(source: bytes) -> bytes:
            return self.transport.exec(source, timeout=self.timeout, on_output=on_output)
        try:
            return self._with_helpers(code, needs, send)
        except RemoteException as exc:
            raise board_error(exc, path) from exc

    def _literal(self, code: str, path: str = "", shape: Callable | None = None,
                 needs: tuple[str, ...] = ()):
        """The value the board printed for `code`, given to `shape` (which checks it and may
        convert it); anything else than what was asked for is unexpected_answer."""
        text = self._exec(code, path, needs=needs).decode("utf-8", "replace").strip()
        with reading(text):
            value = ast.literal_eval(text)
            return value if shape is None else shape(value)

    @property
    def capabilities(self) -> Capabilities:
        """What this board's firmware offers, probed once per connection."""
        if self._capabilities is None:
            self._capabilities = self._literal(snippets.PROBE, shape=read_capabilities)
        return self._capabilities

    def absolute(self, path: str) -> str:
        """`path` resolved against the board's current directory ('' is that directory)."""
        path = normalise(path)
        if not path.startswith("/"):
            path = join(self.capabilities.cwd or "/", path)
        path = normalise(path)
        return path.rstrip("/") or "/"

    # -- queries -----------------------------------------------------------------------------

    def stat(self, path: str) -> Entry | None:
        path = self.absolute(path)
        name = path.rstrip("/").rsplit("/", 1)[-1]
        return self._literal(snippets.stat(path), path,
                             lambda found: None if found is None else read_entry((name, *found)))

    def is_dir(self, path: str) -> bool:
        entry = self.stat(path)
        return entry is not None and entry.is_dir

    def listdir(self, path: str) -> list[Entry]:
        path = self.absolute(path)
        entries = self._literal(snippets.listdir(path), path, read_entries, needs=("ls",))
        return sorted(entries, key=lambda e: e.name)

    def list(self, path: str) -> Listing:
        """One round trip: ('dir', its entries) / ('file', [entry]) / (None, [])."""
        path = self.absolute(path)
        kind, entries = self._literal(snippets.list_path(path), path, read_listing, needs=("ls",))
        return kind, sorted(entries, key=lambda e: e.name)

    def walk(self, path: str, *, hashes: bool = False) -> Listing:
        """One round trip: ('dir', entries below path) / ('file', [entry]) / (None, []).

        As a connection's first question, the probe goes with it: `mpt sync`'s whole check
        of an unchanged folder is then one program for the board to compile and run."""
        if self._capabilities is None:
            where = normalise(path)
            if where.startswith("/") or ".." not in where.split("/"):
                # (a relative path the board resolves itself, as the host would: no '..')
                return self._walk(where.rstrip("/") or ("/" if where else ""), hashes,
                                  probe=True)
        path = self.absolute(path)
        return self._walk(path, hashes and self.capabilities.sha256)

    def _walk(self, path: str, with_hashes: bool, probe: bool = False) -> Listing:
        code = snippets.walk(path, with_hashes)
        if probe:
            code = snippets.PROBE + code
        lines = self._exec(code, path, needs=("ls", "hash") if with_hashes else ("ls",)
                           ).decode("utf-8", "replace")
        if probe:
            answer, _, lines = lines.partition("\n")
            with reading(answer):
                self._capabilities = read_capabilities(ast.literal_eval(answer.strip()))
        with reading(lines):
            rows = [ast.literal_eval(line) for line in lines.splitlines() if line.strip()]
            if not rows or rows[0] is None:
                return None, []
            return read_kind(rows[0]), [read_entry(row, with_hash=True) for row in rows[1:]]

    def sha256(self, path: str) -> str | None:
        """Hex SHA-256 of a board file, computed on the board; None without hashlib."""
        path = self.absolute(path)
        if not self.capabilities.sha256:
            return None
        return self._literal(snippets.sha256(path), path, read_digest, needs=("hash",))

    def df(self, path: str = "/") -> dict:
        path = self.absolute(path)
        if not self.capabilities.statvfs:
            raise DeviceError("this board's firmware has no os.statvfs")
        return self._usage(path, snippets.statvfs(path))

    def _free_space(self, folder: str, *, reclaim: str | None) -> int:
        """Free bytes in `folder` (once the file `reclaim` is removed)."""
        return self._usage(folder, snippets.statvfs(folder, reclaim),
                           needs=("check",) if reclaim else ())["free"]

    def _usage(self, path: str, code: str, needs: tuple[str, ...] = ()) -> dict:
        bsize, frsize, blocks, bfree, bavail = self._literal(code, path, read_statvfs, needs=needs)
        unit = frsize or bsize
        return {"path": path, "size": blocks * unit, "used": (blocks - bfree) * unit,
                "free": bavail * unit}

    # -- transfers ---------------------------------------------------------------------------

    @reads_answer
    def read_file(self, path: str, on_progress: OnProgress | None = None) -> bytes:
        """The content of a board file, streamed in one round trip, binary-safe."""
        log.info("reading :%s", path)
        path = self.absolute(path)
        if self.capabilities.binary:
            data = self._read_binary(path, on_progress)
            if data is not None:
                return data
        # hexlify would need binascii too, so without it the board sends repr() lines
        encoding = "base64" if self.capabilities.base64 else "repr"
        received = bytearray()
        pending = bytearray()
        header: list[int] = []  # the size, which the board prints first

        longest = 4 * self.chunk_size + 64  # one chunk's line, repr-encoded at worst

        def take(data: bytes) -> None:
            pending.extend(data)
            end = pending.rfind(b"\n")
            if end < 0:
                if len(pending) > longest:
                    raise ValueError(f"a line of over {longest} bytes")
                return
            complete = bytes(pending[:end]).split(b"\n")
            del pending[:end + 1]
            for line in complete:
                line = line.strip()
                with reading(line):
                    if not header:
                        header.append(as_int(int(line)))
                    elif line:
                        received.extend(_decode_line(line, encoding))
            if on_progress is not None and header:
                on_progress(min(len(received), header[0]), header[0])

        code = snippets.open_for_read(path) + snippets.read_chunks(self.chunk_size, encoding)
        self._exec(code, path, on_output=take)
        if pending.strip():
            with reading(pending):
                received.extend(_decode_line(bytes(pending).strip(), encoding))
        if not header:
            raise DeviceError(f":{path}: the board sent no size")
        size = header[0]
        if len(received) != size:
            raise DeviceError(f":{path}: read {len(received)} bytes, expected {size}")
        return bytes(received)

    def write_file(self, path: str, data: bytes, on_progress: OnProgress | None = None) -> None:
        """Write `data` to a board file safely.

        The bytes go to a temporary file first; its size (and SHA-256 when the board has
        hashlib) is checked on the board before it is renamed over `path`, so an interrupted
        or failed copy never leaves a truncated file behind.
        """
        log.info("writing %d bytes to :%s", len(data), path)
        path = self.absolute(path)
        capabilities = self.capabilities
        encoding = capabilities.encoding
        # compressed pieces need binary-safe base64 and the board's deflate module
        inflate = self.compress and capabilities.deflate and encoding == "base64"
        tmp_path = path + TEMP_SUFFIX
        expected = hashlib.sha256(data).hexdigest() if capabilities.sha256 else None
        pieces = list(self._pieces(data, inflate)) if len(data) <= 4 * self.chunk_size else None
        if pieces is not None and len(pieces) <= 1 and not self._binary_pays(data, inflate):
            # small file: one round trip does it all
            payload, compressed, _size = pieces[0] if pieces else (b"", False, 0)
            code = snippets.write_whole(tmp_path, path, encode_chunk(payload, encoding),
                                        encoding, compressed, expected, len(data),
                                        capabilities.statvfs)
            try:
                self._exec(code, path, needs=("put", "unz") if compressed else ("put",))
            except BaseException:
                self._abandon(tmp_path)
                raise
            if on_progress is not None:
                on_progress(len(data), len(data))
            return
        existing = self.stat(path)
        if existing is not None and existing.is_dir:
            raise BoardFileError(f":{path}: is a directory", "EISDIR")
        if not self._fits_beside(path, len(data), existing, tmp_path):
            # room only once the old file is gone: write over it in place
            tmp_path = path
        if self._binary_pays(data, inflate):
            try:
                if self._write_binary(tmp_path, path, data, expected, on_progress):
                    return
            except BaseException:
                self._abandon(tmp_path)
                raise
        self._exec(snippets.open_for_write(tmp_path, encoding, inflate), path)
        try:
            sent = 0
            if on_progress is not None:
                on_progress(0, len(data))
            for payload, compressed, size in self._pieces(data, inflate):
                self._exec(snippets.write_chunk(encode_chunk(payload, encoding), compressed),
                           path)
                sent += size
                if on_progress is not None:
                    on_progress(sent, len(data))
            self._exec(snippets.finish_write(tmp_path, path, expected, len(data)), path,
                       needs=("check",))
        except BaseException:
            self._abandon(tmp_path)
            raise

    # -- the binary transfer mode (mpt.fs.wire) ----------------------------------------------

    def _binary_pays(self, data: bytes, inflate: bool) -> bool:
        """Whether `data` should go in binary frames: the board can take them, the file is
        not small, and deflate + base64 would not carry it in fewer bytes."""
        if not self.capabilities.binary or len(data) <= self.binary_threshold:
            return False
        if inflate:
            packed = zlib.compressobj(6, zlib.DEFLATED, -snippets.DEFLATE_WINDOW_BITS)
            size = len(packed.compress(data)) + len(packed.flush())
            if 4 * size / 3 < 0.99 * len(data):
                return False
        return True

    def _converse(self, code: str, talk, path: str, needs: tuple[str, ...]):
        """Run `code` (with the helpers it needs) and `talk` to it; (talk's result, stdout).
        None when the transport cannot hand over its byte stream."""
        def send(source: bytes):
            return self.transport.converse(source, talk, timeout=self.timeout)
        try:
            return self._with_helpers(code, needs, send)
        except NotImplementedError:
            return None
        except RemoteException as exc:
            raise board_error(exc, path) from exc

    @property
    def frame_size(self) -> int:
        """Bytes per binary frame: the board holds about four frames' worth at once (its
        buffer, a copy, the escaped copy), so an eighth of its free memory, as a power of
        two from 1 KB to 16 KB (a frame's round trip is what bounds an upload's speed)."""
        if self._frame_size is None:
            free = self.capabilities.memory_free or self._literal(snippets.FREE_MEMORY,
                                                                  shape=as_int)
            budget = free // 8 or 4096
            size = 1024
            while size * 2 <= min(budget, MAX_FRAME):
                size *= 2
            self._frame_size = size
        return self._frame_size

    def _board_patience_ms(self) -> int:
        """How long the board's helper waits for the host before it gives up (and turns
        Ctrl-C back on): longer than the host waits for the board, so the host, which can
        tell the user, notices a silence first."""
        return int(2000 * self.timeout) + 1000

    def _binary_unavailable(self, why: str) -> None:
        log.info("binary transfers unavailable (%s): using %s", why, self.capabilities.encoding)
        self.capabilities.binary = False

    def _write_binary(self, tmp_path: str, path: str, data: bytes, expected: str | None,
                      on_progress: OnProgress | None) -> bool:
        """Send `data` in binary frames to `tmp_path`, checked and moved to `path` on the
        board; False (nothing written) when the board or line cannot carry raw bytes."""
        talk = wire.Upload(data, self.frame_size, self.timeout, on_progress)
        code = snippets.binary_write(tmp_path, path, self.frame_size, wire.TO_BOARD,
                                     self._board_patience_ms(), expected, len(data))
        answer = self._converse(code, talk, path, ("rx", "check"))
        if answer is None or not answer[0]:
            self._binary_unavailable("no byte stream" if answer is None else "board or line")
            return False
        return True

    def _read_binary(self, path: str, on_progress: OnProgress | None) -> bytes | None:
        talk = wire.Download(self.timeout, on_progress)
        code = snippets.binary_read(path, self.frame_size, wire.FROM_BOARD)
        answer = self._converse(code, talk, path, ("tx",))
        if answer is None or answer[0] is None:
            self._binary_unavailable("no byte stream" if answer is None else "board or line")
            return None
        data, stdout = answer
        digest = stdout.decode("ascii", "replace").strip()
        if digest and digest != hashlib.sha256(data).hexdigest():
            raise DeviceError(f":{path}: the data read does not match the board's SHA-256")
        return data

    def _pieces(self, data: bytes, inflate: bool):
        """(payload, compressed?, bytes of data it stands for), each small enough for one exec.

        With `inflate`, a piece of 2 or 4 chunks is sent raw-deflated when that fits in one
        chunk's payload and saves at least 20%; otherwise chunks go as they are.
        """
        step = self.chunk_size
        offset = 0
        while offset < len(data):
            if inflate:
                for span in (4 * step, 2 * step):
                    piece = data[offset:offset + span]
                    packer = zlib.compressobj(9, zlib.DEFLATED,
                                              -snippets.DEFLATE_WINDOW_BITS)
                    packed = packer.compress(piece) + packer.flush()
                    if len(packed) <= step and len(packed) <= 0.8 * len(piece):
                        yield packed, True, len(piece)
                        offset += len(piece)
                        break
                else:
                    piece = data[offset:offset + step]
                    yield piece, False, len(piece)
                    offset += len(piece)
            else:
                piece = data[offset:offset + step]
                yield piece, False, len(piece)
                offset += len(piece)

    def _abandon(self, tmp_path: str) -> None:
        """Best effort: remove the temporary file of a failed copy."""
        try:
            self.transport.exec(snippets.abandon_write(tmp_path), timeout=self.timeout)
        except Exception:
            pass

    def _fits_beside(self, path: str, size: int, existing: Entry | None,
                     tmp_path: str | None = None) -> bool:
        """Whether `size` bytes fit on the board next to the file they replace (True when
        the firmware cannot tell). When they fit only once that file's own space is counted
        they are written over it in place (False); when they do not fit even then, the copy
        is refused before anything is sent. The temporary file of an earlier, interrupted
        copy to `path` is removed first: its space is free for this one."""
        if not self.capabilities.statvfs:
            return True
        try:
            free = self._free_space(parent(path), reclaim=tmp_path)
        except DeviceError:
            return True
        if size <= free:
            return True
        replaced = existing.size if existing is not None and not existing.is_dir else 0
        if size > free + replaced:
            raise BoardFileError(
                f":{path}: not enough space on the board ({size} bytes needed, {free} free"
                + (f" + {replaced} of the file it replaces)" if replaced else ")"), "ENOSPC")
        return False

    # -- changes -----------------------------------------------------------------------------

    def remove(self, path: str, *, recursive: bool = False) -> None:
        log.info("removing :%s%s", path, " (recursive)" if recursive else "")
        path = self.absolute(path)
        if recursive:
            self._exec(snippets.remove_tree(path), path, needs=("ls",))
        else:
            self._exec(snippets.remove(path), path)

    def mkdir(self, path: str, *, parents: bool = False) -> None:
        log.info("making folder :%s", path)
        path = self.absolute(path)
        self._exec(snippets.mkdir(path, parents), path)

    def rmdir(self, path: str) -> None:
        log.info("removing folder :%s", path)
        path = self.absolute(path)
        self._exec(snippets.rmdir(path), path)

    def rename(self, source: str, target: str) -> None:
        log.info("renaming :%s to :%s", source, target)
        source, target = self.absolute(source), self.absolute(target)
        self._exec(snippets.rename(source, target), source)

    def touch(self, path: str) -> None:
        log.info("touching :%s", path)
        path = self.absolute(path)
        self._exec(snippets.touch(path), path)

    def join(self, *parts: str) -> str:
        return join(*parts)


def _decode_line(line: bytes, encoding: str) -> bytes:
    if encoding == "base64":
        return base64.b64decode(line)
    if encoding == "hex":
        return binascii.unhexlify(line)
    value = board_literal(line)
    if not isinstance(value, bytes):
        raise TypeError("not a bytes literal")
    return value
