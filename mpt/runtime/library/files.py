"""Guest file objects returned by open(): text or binary streams over a VFS raw file.

Both types have the methods of a board's file (extmod/vfs_lfsx_file.c, vfs_fat_file.c):
read, readinto, readline, readlines, write, flush, close, seek, tell, iteration and `with`.
write() takes anything with the buffer protocol (str included, in either mode) and returns
the number of bytes written; text reads count characters. Using a closed file raises a
ValueError without message, as on the board.
"""

from __future__ import annotations

from mpt.runtime.library.buffers import buffer_bytes

EINVAL = 22


class LineStream:
    """What guest files and memory streams share: `with` closes them, iterating reads lines."""

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


class _File(LineStream):
    _text = False

    def __init__(self, raw, mode: str, fat: bool = False):
        self._raw = raw
        self._mode = mode
        self._closed = False
        self._fat = fat
        self._closed_at = 0  # a FAT file's position when it was closed

    def __repr__(self):
        # littlefs files print "<io.TextIOWrapper>", FAT ones add their address
        name = type(self).__name__
        return f"<io.{name} {id(self) & 0x3FFFFFFF:x}>" if self._fat else f"<io.{name}>"

    def _check(self):
        if self._closed:
            # FatFs refuses a closed file's object (FR_INVALID_OBJECT: EINVAL)
            raise OSError(EINVAL) if self._fat else ValueError()

    def _line_bytes(self, limit) -> bytes:
        """Bytes up to and including the next newline, or ``limit`` bytes when that is >= 0."""
        self._check()
        out = bytearray()
        while limit is None or limit < 0 or len(out) < limit:
            ch = self._raw.read(1)
            if not ch:
                break
            out += ch
            if ch == b"\n":
                break
        return bytes(out)

    def _decode(self, data: bytes):
        return text_of(data) if self._text else data

    def read(self, size=-1):
        self._check()
        if size is None or size < 0:
            return self._decode(self._raw.read())
        if not self._text:
            return self._raw.read(size)
        return text_of(self._char_bytes(size))

    def _char_bytes(self, size: int) -> bytes:
        """The bytes of the next ``size`` characters, read as py/stream.c reads a text
        stream: never past them (no buffer to give bytes back to), a character's length
        told by its lead byte."""
        out = bytearray()
        more = size
        counted = 0  # bytes of whole characters counted so far
        while more > 0:
            chunk = self._raw.read(more)
            out += chunk
            if len(chunk) == 0:
                break
            while True:
                n = utf8_length(out[counted])
                if counted + n <= len(out):
                    counted += n
                    size -= 1
                    if counted >= len(out):
                        more = size
                        break
                else:  # the rest of this character, then the characters still wanted
                    more = (counted + n - len(out)) + (size - 1)
                    break
        return bytes(out)

    def readinto(self, buf, size=None):
        self._check()
        n = len(buf) if size is None else min(size, len(buf))
        data = self._raw.read(n)
        buf[: len(data)] = data
        return len(data)

    def readline(self, limit=-1):
        return self._decode(self._line_bytes(limit))

    def readlines(self):
        return list(self)

    def write(self, data):
        self._check()
        return self._raw.write(buffer_bytes(data))

    def flush(self):
        self._check()
        self._raw.flush()

    def close(self):
        if not self._closed:
            if self._fat:
                self._closed_at = self._raw.tell()
            self._closed = True
            self._raw.close()

    def seek(self, offset, whence=0):
        if self._closed and self._fat:
            # vfs_fat_file.c ignores f_lseek's refusal and answers the closed file's position
            return self._closed_at
        self._check()
        return self._raw.seek(offset, whence)

    def tell(self):
        if self._closed and self._fat:
            return self._closed_at
        self._check()
        return self._raw.tell()


def utf8_length(lead: int) -> int:
    """The bytes of a UTF-8 character from its lead byte, as py/stream.c counts them."""
    if lead < 0x80:
        return 1
    if lead & 0xE0 == 0xC0:
        return 2
    if lead & 0xF0 == 0xE0:
        return 3
    if lead & 0xF8 == 0xF0:
        return 4
    return 5  # not a lead byte: py/stream.c's "TODO" length


def text_of(data: bytes) -> str:
    """A text stream's bytes as a str: UnicodeError where they are not UTF-8, as
    mp_obj_new_str_from_vstr checks them."""
    try:
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        raise UnicodeError() from None


class TextIOWrapper(_File):
    _text = True


class FileIO(_File):
    pass


for _cls in (TextIOWrapper, FileIO):
    _cls.__module__ = "builtins"


def open_mode(mode: str) -> tuple[str, bool]:
    """(raw mode, binary) from open()'s mode as the board parses it: one of r/w/x/a, maybe
    '+', 'b' or 't'; other characters are ignored."""
    if not isinstance(mode, str):
        raise TypeError("can't convert %s to str" % type(mode).__name__)
    base = ""
    plus = binary = False
    for ch in mode:
        if ch in "rwxa":
            if base:
                raise ValueError()
            base = ch
        elif ch == "+":
            plus = True
        elif ch == "b":
            binary = True
        elif ch == "t":
            binary = False
    return (base or "r") + ("+" if plus else ""), binary


def make_open(runtime):
    """The guest's builtin open(), on the interpreter's file system."""
    def open_(path, mode="r", *args, **kwargs):
        return open_file(runtime.vfs, path, mode)
    return open_


def open_file(vfs, path, mode: str = "r"):
    """The guest's open(): through the mount table when there is one."""
    if vfs is None:
        raise OSError(2)
    open_guest = getattr(vfs, "open_guest", None)
    if open_guest is not None:
        if not isinstance(path, (str, bytes)):
            raise TypeError("can't convert '%s' object to str implicitly" % type(path).__name__)
        return open_guest(path, mode)
    return open_host_file(vfs, path, mode)


def open_host_file(vfs, path, mode: str = "r"):
    """A guest file over a host-side VFS (the board's flash or a host folder)."""
    if not isinstance(path, str):
        raise TypeError("expected str for path")
    raw_mode, binary = open_mode(mode)
    raw = vfs.open(path, raw_mode + "b")
    fat = bool(getattr(vfs, "fat", False))
    return FileIO(raw, mode, fat) if binary else TextIOWrapper(raw, mode, fat)
