"""Guest file objects returned by open(): text or binary views over a VFS raw file."""

from __future__ import annotations


class _FileBase:
    def __init__(self, raw, mode: str):
        self._raw = raw
        self._mode = mode
        self._closed = False

    def _line_bytes(self, limit) -> bytes:
        """Bytes up to and including the next newline, or ``limit`` bytes when that is >= 0."""
        self._check()
        out = bytearray()
        while True:
            ch = self._raw.read(1)
            if not ch:
                break
            out += ch
            if ch == b"\n" or (limit is not None and 0 <= limit <= len(out)):
                break
        return bytes(out)

    def close(self):
        if not self._closed:
            self._closed = True
            self._raw.close()

    def flush(self):
        self._raw.flush()

    def seek(self, offset, whence=0):
        return self._raw.seek(offset, whence)

    def tell(self):
        return self._raw.tell()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def _check(self):
        if self._closed:
            raise OSError(9)


class TextIOWrapper(_FileBase):
    def read(self, size=-1):
        self._check()
        data = self._raw.read(-1 if size is None or size < 0 else size * 4 if size else 0)
        text = data.decode("utf-8", "replace")
        if size is not None and 0 <= size < len(text):
            extra = text[size:].encode("utf-8")
            self._raw.seek(-len(extra), 1)
            text = text[:size]
        return text

    def readline(self, limit=-1):
        return self._line_bytes(limit).decode("utf-8", "replace")

    def readlines(self):
        return list(self)

    def write(self, text):
        self._check()
        if not isinstance(text, str):
            raise TypeError(f"can't convert '{type(text).__name__}' object to str implicitly")
        self._raw.write(text.encode("utf-8"))
        return len(text)


class FileIO(_FileBase):
    def read(self, size=-1):
        self._check()
        return self._raw.read(-1 if size is None else size)

    def readinto(self, buf):
        data = self._raw.read(len(buf))
        buf[: len(data)] = data
        return len(data)

    def readline(self, limit=-1):
        return self._line_bytes(limit)

    def write(self, data):
        self._check()
        return self._raw.write(bytes(data))


for _cls in (TextIOWrapper, FileIO):
    _cls.__module__ = "builtins"


def open_file(vfs, path, mode: str = "r"):
    if vfs is None:
        raise OSError(2)
    if not isinstance(path, str):
        raise TypeError("expected str for path")
    raw = vfs.open(path, mode.replace("t", ""))
    return FileIO(raw, mode) if "b" in mode else TextIOWrapper(raw, mode)
