"""FAT file names as MicroPython's FatFs (lib/oofatfs, R0.13c) builds and reads them.

The firmware's FatFs is configured with long file names, code page 437 and ``FF_LFN_UNICODE``
0: the bytes of a guest path are code page 437 characters, so a name's long form is those
bytes seen through CP437 (stored as UTF-16 in the LFN entries) and reads back as the same
bytes. Each name also gets an 8.3 short name: upper-cased, with the NT case flags when the
long name is 8.3 in one case per part, or a numbered ``~N`` form when it does not fit.
"""

from __future__ import annotations

from dataclasses import dataclass

NS_LOSS, NS_LFN, NS_LAST, NS_BODY, NS_EXT, NS_DOT, NS_NOLFN, NS_NONAME = (
    0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80)
DDEM, RDDEM = 0xE5, 0x05  # the deleted-entry mark, and what a name starting with it stores
LLEF = 0x40  # the last LFN entry (stored first)
MAX_LFN = 255
LFN_OFFSETS = (1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30)  # UTF-16 units in an LFN entry
CODEPAGE = "cp437"
_LFN_ILLEGAL = set('"*:<>?|\x7f')
_SFN_ILLEGAL = set("+,;=[]")


class InvalidName(Exception):
    """FR_INVALID_NAME."""


@dataclass
class Name:
    """One path segment: its long name (str of CP437 characters), its 8.3 form (11 bytes) and
    the NS_* flags create_name sets."""
    lfn: str
    sfn: bytes
    flags: int


def split_segment(path: str, pos: int) -> tuple[str, int, bool]:
    """The segment at ``pos`` (separators '/' or '\\'), the position after it and its
    separators, and whether it is the last one (a control character ends the path)."""
    end = pos
    while end < len(path) and path[end] not in "/\\" and path[end] >= " ":
        end += 1
    segment = path[pos:end]
    last = end >= len(path) or path[end] < " "
    while end < len(path) and path[end] in "/\\":
        end += 1
    if end >= len(path):
        last = True
    return segment, end, last


def to_oem(text: str) -> str:
    """A guest name (str) as FatFs sees it: its UTF-8 bytes, each one a CP437 character."""
    return text.encode("utf-8", "surrogateescape").decode(CODEPAGE)


def from_oem(text: str) -> str:
    """The guest's name from FatFs's characters (the inverse of :func:`to_oem`)."""
    try:
        return text.encode(CODEPAGE).decode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a name written elsewhere, outside code page 437
        return text


def _is_upper(ch: str) -> bool:
    return "A" <= ch <= "Z"


def _is_lower(ch: str) -> bool:
    return "a" <= ch <= "z"


def create_name(segment: str, last: bool) -> Name:
    """create_name: the segment's long name and 8.3 name (InvalidName when FatFs refuses)."""
    lfn = to_oem(segment)
    for ch in lfn:
        if ch in _LFN_ILLEGAL:
            raise InvalidName()
    if len(lfn) > MAX_LFN:
        raise InvalidName()
    cf = NS_LAST if last else 0
    if lfn in (".", ".."):
        return Name(lfn, lfn.encode().ljust(11), cf | NS_DOT)
    lfn = lfn.rstrip(" .")
    if not lfn:
        raise InvalidName()
    si = 0
    while lfn[si] == " ":
        si += 1
    if si > 0 or lfn[si] == ".":
        cf |= NS_LOSS | NS_LFN
    di = lfn.rfind(".") + 1  # one past the last dot (0: no extension)
    fn = bytearray(b" " * 11)
    i, b, ni = 0, 0, 8
    text = lfn + "\0"
    while True:
        wc = text[si]
        si += 1
        if wc == "\0":
            break
        if wc == " " or (wc == "." and si != di):
            cf |= NS_LOSS | NS_LFN
            continue
        if i >= ni or si == di:  # end of a field
            if ni == 11:
                cf |= NS_LOSS | NS_LFN
                break
            if si != di:
                cf |= NS_LOSS | NS_LFN
            if si > di:
                break
            si, i, ni = di, 8, 11
            b <<= 2
            continue
        if ord(wc) >= 0x80:
            cf |= NS_LFN
            code = _oem_upper(wc)
        elif wc in _SFN_ILLEGAL:
            code = ord("_")
            cf |= NS_LOSS | NS_LFN
        else:
            if _is_upper(wc):
                b |= 2
            if _is_lower(wc):
                b |= 1
                wc = wc.upper()
            code = ord(wc)
        if code == 0:
            code = ord("_")
            cf |= NS_LOSS | NS_LFN
        fn[i] = code
        i += 1
    if fn[0] == DDEM:
        fn[0] = RDDEM
    if ni == 8:
        b <<= 2
    if (b & 0x0C) == 0x0C or (b & 0x03) == 0x03:
        cf |= NS_LFN
    if not cf & NS_LFN:
        if (b & 0x03) == 0x01:
            cf |= NS_EXT
        if (b & 0x0C) == 0x04:
            cf |= NS_BODY
    return Name(lfn, bytes(fn), cf)


def _oem_upper(ch: str) -> int:
    """An extended character's upper-case OEM code (0 when code page 437 has none)."""
    upper = ch.upper()
    for candidate in (upper, ch):
        if len(candidate) == 1:
            try:
                return candidate.encode(CODEPAGE)[0]
            except UnicodeEncodeError:
                continue
    return 0


def numbered_name(sfn: bytes, lfn: str, seq: int) -> bytes:
    """gen_numname: the 8.3 name with a ``~N`` tail (a hash of the long name after 5 tries)."""
    if seq > 5:
        sreg = seq
        for unit in _utf16_units(lfn):
            for _ in range(16):
                sreg = ((sreg << 1) + (unit & 1)) & 0xFFFFFFFF
                unit >>= 1
                if sreg & 0x10000:
                    sreg ^= 0x11021
        seq = sreg
    tail = "~%X" % seq
    body = sfn[:8]
    keep = 0
    while keep < 8 - len(tail) and body[keep] != 0x20:
        keep += 1
    new_body = (body[:keep] + tail.encode()).ljust(8)
    return new_body + sfn[8:]


def _utf16_units(text: str) -> list[int]:
    data = text.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(data[i:i + 2], "little") for i in range(0, len(data), 2)]


def sfn_checksum(sfn: bytes) -> int:
    total = 0
    for byte in sfn[:11]:
        total = (((total >> 1) | (total << 7)) + byte) & 0xFF
    return total


def lfn_entries(lfn: str, sfn: bytes) -> list[bytes]:
    """The LFN directory entries of a long name, in the order they are stored."""
    units = _utf16_units(lfn)
    count = (len(units) + 12) // 13
    checksum = sfn_checksum(sfn)
    out = []
    for order in range(count, 0, -1):
        entry = bytearray(32)
        entry[11], entry[12], entry[13] = 0x0F, 0, checksum
        i = (order - 1) * 13
        wc = 0
        for offset in LFN_OFFSETS:
            if wc != 0xFFFF:
                wc = units[i] if i < len(units) else 0
                i += 1
            entry[offset:offset + 2] = wc.to_bytes(2, "little")
            if wc == 0:
                wc = 0xFFFF
        if wc == 0xFFFF or i >= len(units):
            order |= LLEF
        entry[0] = order
        out.append(bytes(entry))
    return out


def lfn_part(entry: bytes) -> list[int] | None:
    """pick_lfn: the UTF-16 units an LFN entry holds (None when it is malformed)."""
    if int.from_bytes(entry[26:28], "little") != 0:
        return None
    units = []
    ended = False
    for offset in LFN_OFFSETS:
        wc = int.from_bytes(entry[offset:offset + 2], "little")
        if ended:
            if wc != 0xFFFF:
                return None
        elif wc == 0:
            ended = True
        else:
            units.append(wc)
    return units


def units_text(units: list[int]) -> str:
    data = b"".join(u.to_bytes(2, "little") for u in units)
    return data.decode("utf-16-le", "surrogatepass")


def short_name_text(entry: bytes) -> str:
    """get_fileinfo without a long name: the 8.3 name with its NT case flags applied."""
    out = []
    lower = entry[12] & NS_BODY
    for i in range(11):
        code = entry[i]
        if code == 0x20:
            continue
        if code == RDDEM:
            code = DDEM
        if i == 8:
            out.append(".")
            lower = entry[12] & NS_EXT
        ch = bytes([code]).decode(CODEPAGE)
        if lower and _is_upper(ch):
            ch = ch.lower()
        out.append(ch)
    return "".join(out)
