"""The AES block cipher (FIPS-197) in pure Python: 128- and 256-bit keys, one 16-byte block at
a time. The guest's cryptolib builds its ECB, CBC and CTR modes on it.

The tables are computed at import from the field arithmetic (no literal S-box): the S-box is
the multiplicative inverse in GF(2^8) followed by the affine map, and each round's
SubBytes+ShiftRows+MixColumns is four table look-ups per column (the usual "T-table" form).
"""

from __future__ import annotations


def _xtime(a: int) -> int:
    a <<= 1
    return a ^ 0x11B if a & 0x100 else a


def _mul(a: int, b: int) -> int:
    r = 0
    while b:
        if b & 1:
            r ^= a
        a = _xtime(a)
        b >>= 1
    return r


def _build_tables():
    # powers of the generator 3 give the inverses: inv(3^i) = 3^(255-i)
    exp = [0] * 255
    log = [0] * 256
    x = 1
    for i in range(255):
        exp[i] = x
        log[x] = i
        x ^= _xtime(x)  # x * 3
    sbox = [0] * 256
    for a in range(256):
        inv = 0 if a == 0 else exp[(255 - log[a]) % 255]
        s = inv
        for shift in (1, 2, 3, 4):
            s ^= ((inv << shift) | (inv >> (8 - shift))) & 0xFF
        sbox[a] = s ^ 0x63
    inv_sbox = [0] * 256
    for a, s in enumerate(sbox):
        inv_sbox[s] = a

    def rotations(col):
        t0 = [col(v) for v in range(256)]
        t1 = [(w >> 8) | ((w & 0xFF) << 24) for w in t0]
        t2 = [(w >> 8) | ((w & 0xFF) << 24) for w in t1]
        t3 = [(w >> 8) | ((w & 0xFF) << 24) for w in t2]
        return t0, t1, t2, t3

    def enc_col(a):
        s = sbox[a]
        return _mul(s, 2) << 24 | s << 16 | s << 8 | _mul(s, 3)

    def dec_col(a):
        s = inv_sbox[a]
        return _mul(s, 14) << 24 | _mul(s, 9) << 16 | _mul(s, 13) << 8 | _mul(s, 11)

    return sbox, inv_sbox, rotations(enc_col), rotations(dec_col)


SBOX, INV_SBOX, _TE, _TD = _build_tables()


def _sub_word(w: int) -> int:
    return (SBOX[w >> 24] << 24 | SBOX[(w >> 16) & 0xFF] << 16 | SBOX[(w >> 8) & 0xFF] << 8
            | SBOX[w & 0xFF])


def _inv_mix_word(w: int) -> int:
    """InvMixColumns of one column (for the equivalent inverse cipher's round keys)."""
    td0, td1, td2, td3 = _TD
    return (td0[SBOX[w >> 24]] ^ td1[SBOX[(w >> 16) & 0xFF]] ^ td2[SBOX[(w >> 8) & 0xFF]]
            ^ td3[SBOX[w & 0xFF]])


class AES:
    """One key's schedule; ``encrypt_block``/``decrypt_block`` map 16 bytes to 16 bytes."""

    __slots__ = ("rounds", "_ek", "_dk")

    def __init__(self, key: bytes):
        nk = len(key) // 4
        if len(key) not in (16, 24, 32):
            raise ValueError("AES key must be 16, 24 or 32 bytes")
        self.rounds = nk + 6
        words = [int.from_bytes(key[4 * i:4 * i + 4], "big") for i in range(nk)]
        rcon = 1
        for i in range(nk, 4 * (self.rounds + 1)):
            w = words[i - 1]
            if i % nk == 0:
                w = _sub_word(((w << 8) & 0xFFFFFFFF) | (w >> 24)) ^ (rcon << 24)
                rcon = _xtime(rcon)
            elif nk > 6 and i % nk == 4:
                w = _sub_word(w)
            words.append(words[i - nk] ^ w)
        self._ek = words
        # the equivalent inverse cipher: round keys in reverse, the middle ones InvMixColumn'd
        dk: list[int] = []
        for r in range(self.rounds, -1, -1):
            block = words[4 * r:4 * r + 4]
            if 0 < r < self.rounds:
                block = [_inv_mix_word(w) for w in block]
            dk.extend(block)
        self._dk = dk

    def encrypt_block(self, block: bytes) -> bytes:
        return self._crypt(block, self._ek, _TE, SBOX, (1, 2, 3))

    def decrypt_block(self, block: bytes) -> bytes:
        return self._crypt(block, self._dk, _TD, INV_SBOX, (3, 2, 1))

    def _crypt(self, block: bytes, k: list[int], tables, box, shifts) -> bytes:
        t0, t1, t2, t3 = tables
        a, b, c = shifts
        s = [int.from_bytes(block[4 * i:4 * i + 4], "big") ^ k[i] for i in range(4)]
        for r in range(1, self.rounds):
            s = [t0[s[i] >> 24] ^ t1[(s[(i + a) % 4] >> 16) & 0xFF]
                 ^ t2[(s[(i + b) % 4] >> 8) & 0xFF] ^ t3[s[(i + c) % 4] & 0xFF] ^ k[4 * r + i]
                 for i in range(4)]
        r = self.rounds
        out = bytearray(16)
        for i in range(4):
            w = (box[s[i] >> 24] << 24 | box[(s[(i + a) % 4] >> 16) & 0xFF] << 16
                 | box[(s[(i + b) % 4] >> 8) & 0xFF] << 8 | box[s[(i + c) % 4] & 0xFF])
            out[4 * i:4 * i + 4] = (w ^ k[4 * r + i]).to_bytes(4, "big")
        return bytes(out)
