"""The guest's `cryptolib` module: the ``aes`` cipher object (extmod/modcryptolib.c's API).

``aes(key, mode[, IV])`` takes a 16- or 32-byte key and mode 1 (ECB), 2 (CBC) or, where the
firmware is built with MICROPY_PY_CRYPTOLIB_CTR, 6 (CTR). ``encrypt``/``decrypt(in[, out])``
process whole 16-byte blocks (any length in CTR), into ``out`` if given. An object is bound to
the direction of its first call (ValueError "can't encrypt & decrypt" after); CBC and CTR
carry their chaining state (the IV, CTR's keystream position) from one call to the next.
Errors are MicroPython's: ValueError "mode", "key", "IV", "blksize % 16", "output too small".
"""

from __future__ import annotations

from mpt.runtime.library.aes_cipher import AES
from mpt.runtime.library.arity import check_arity
from mpt.runtime.library.buffers import buffer_bytes, readable_view, writable_view
from mpt.runtime.library.guestclass import copy_class

MODE_ECB, MODE_CBC, MODE_CTR = 1, 2, 6  # PEP 272's numbers, as modcryptolib.c uses
_NONE, _ENC, _DEC = 0, 1, 2


def _int(value) -> int:
    if isinstance(value, int):
        return int(value)
    raise TypeError(f"can't convert {type(value).__name__} to int")


class aes:  # noqa: N801 - the guest's type name
    # one class for every interpreter (it holds no state, and the guest cannot change a
    # host class); _CtrAes, its copy with mode 6, is the class of firmware built with
    # MICROPY_PY_CRYPTOLIB_CTR
    _modes: tuple = (MODE_ECB, MODE_CBC)
    __slots__ = ("_mode", "_key", "_cipher", "_direction", "_iv", "_stream", "_offset")

    def __init__(self, *args):
        check_arity(args, 2, 3)
        mode = _int(args[1])
        if mode not in self._modes:
            raise ValueError("mode")
        key = buffer_bytes(args[0])
        if len(key) not in (16, 32):
            raise ValueError("key")
        iv = None
        if len(args) > 2 and args[2] is not None:
            iv = buffer_bytes(args[2])
            if len(iv) != 16:
                raise ValueError("IV")
        elif mode != MODE_ECB:
            raise ValueError("IV")
        self._mode = mode
        self._key = key
        self._cipher: AES | None = None  # the key schedule, made on the first call
        self._direction = _NONE
        self._iv = iv or bytes(16)
        self._stream = b""  # CTR: the encrypted counter block being used up
        self._offset = 0

    def encrypt(self, *args):
        return self._process(args, True)

    def decrypt(self, *args):
        return self._process(args, False)

    def _process(self, args, encrypt: bool):
        check_arity((self,) + args, 2, 3)
        data = readable_view(args[0]).tobytes()
        if self._mode != MODE_CTR and len(data) % 16:
            raise ValueError("blksize % 16")
        out = None
        if len(args) > 1:
            out = writable_view(args[1])
            if len(out) < len(data):
                raise ValueError("output too small")
        direction = _ENC if encrypt else _DEC
        if self._direction == _NONE:
            self._cipher = AES(self._key)
            self._direction = direction
        elif self._direction != direction:
            raise ValueError("can't encrypt & decrypt")
        result = self._run(data, encrypt)
        if out is None:
            return result
        out[:len(result)] = result
        return args[1]

    def _run(self, data: bytes, encrypt: bool) -> bytes:
        cipher = self._cipher
        assert cipher is not None
        blocks = range(0, len(data), 16)
        if self._mode == MODE_ECB:
            crypt = cipher.encrypt_block if encrypt else cipher.decrypt_block
            return b"".join(crypt(data[i:i + 16]) for i in blocks)
        if self._mode == MODE_CBC:
            out = bytearray()
            iv = self._iv
            for i in blocks:
                block = data[i:i + 16]
                if encrypt:
                    iv = cipher.encrypt_block(bytes(x ^ y for x, y in zip(block, iv)))
                    out += iv
                else:
                    out += bytes(x ^ y for x, y in zip(cipher.decrypt_block(block), iv))
                    iv = block
            self._iv = iv
            return bytes(out)
        return self._ctr(data)

    def _ctr(self, data: bytes) -> bytes:
        # both directions XOR with the encrypted counter (mbedtls_aes_crypt_ctr)
        cipher = self._cipher
        assert cipher is not None
        out = bytearray(len(data))
        n = self._offset
        for i, byte in enumerate(data):
            if n == 0:
                self._stream = cipher.encrypt_block(self._iv)
                counter = (int.from_bytes(self._iv, "big") + 1) & ((1 << 128) - 1)
                self._iv = counter.to_bytes(16, "big")
            out[i] = byte ^ self._stream[n]
            n = (n + 1) & 15
        self._offset = n
        return bytes(out)


aes.__module__ = "builtins"
_CtrAes = copy_class(aes, "aes", _modes=(MODE_ECB, MODE_CBC, MODE_CTR))


def make_module(ctx):
    features = ctx.features
    ctr = features.cryptolib_ctr
    module = {"aes": _CtrAes if ctr else aes}
    if features.cryptolib_consts:
        module.update(MODE_ECB=MODE_ECB, MODE_CBC=MODE_CBC)
        if ctr:
            module["MODE_CTR"] = MODE_CTR
    return module
