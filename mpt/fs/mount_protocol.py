"""The wire format of `mpt mount`, shared by the board helper and the host server.

A request, from the board, inside its console output:

    REQUEST (b"\\x18M") | head REQUEST_HEAD: op u8, a i32, b i32, path length u16, data length u32
    | path (UTF-8, absolute inside the mount) | data

The answer, from the host, on the board's console input:

    SYNC (0x18) | status u8 (0, or an errno the board raises as OSError) | length u32 | payload

Payloads: STAT -> STAT_HEAD (flags: 1 found, 2 listing follows; mode, size, mtime) then the
folder's entries; LIST -> entries; an entry is ENTRY (is_dir u8, size u32, mtime u32, name
length u16) then the name. OPEN_READ (a: read-ahead) -> size u32 then the first bytes;
READ (a: offset, b: count) -> the bytes; OPEN_WRITE (data: mode) -> handle i32;
WRITE (a: handle, data) -> nothing; SEEK (a: handle, b: offset, data: whence) -> position i32;
CLOSE (a: handle); MKDIR, RMDIR, REMOVE, RENAME (data: new path); STATVFS -> 10 u32.
RESEND (data: console input the board took while waiting for an answer) gets no answer: the
host writes the data back to the board as ordinary input.
Times are seconds of the board's clock since the board's epoch.
"""

import struct

REQUEST = b"\x18M"
SYNC = 0x18
REQUEST_HEAD = "<BiiHI"
REQUEST_HEAD_SIZE = struct.calcsize(REQUEST_HEAD)
ANSWER_HEAD = "<BBI"  # sync, status, length
STAT_HEAD = "<BIII"
STAT_HEAD_SIZE = struct.calcsize(STAT_HEAD)
ENTRY = "<BIIH"
ENTRY_SIZE = struct.calcsize(ENTRY)

STAT, LIST, OPEN_READ, OPEN_WRITE, READ, WRITE, SEEK, CLOSE = 1, 2, 3, 4, 5, 6, 7, 8
MKDIR, RMDIR, REMOVE, RENAME, STATVFS = 9, 10, 11, 12, 13
RESEND = 14  # no answer: the host sends `data` back as ordinary console input
