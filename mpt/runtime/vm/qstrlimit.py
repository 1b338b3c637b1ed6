"""The length limit of MicroPython's interned names (qstrs).

MicroPython interns attribute names (getattr/setattr/hasattr/delattr), keyword names of a
``**`` call, ``str.format`` field names, class names given to ``type()`` and module names
given to ``__import__`` as qstrs, whose length is stored in one byte
(MICROPY_QSTR_BYTES_IN_LEN = 1): interning a name of more than 255 bytes raises
``RuntimeError('name too long')`` (py/qstr.c). Names in source code are interned by the
compiler (mpt.crosscompile.qstrpool), with the same limit.
"""

from __future__ import annotations

QSTR_MAX_BYTES = 255
_ALWAYS_FITS = QSTR_MAX_BYTES // 4  # no character takes more than 4 bytes in UTF-8


def interned(name: str) -> str:
    """``name`` itself, or RuntimeError('name too long') where MicroPython's qstr_from_strn
    raises it."""
    if len(name) > _ALWAYS_FITS and len(name.encode("utf-8", "surrogatepass")) > QSTR_MAX_BYTES:
        raise RuntimeError("name too long")
    return name


def keyword_names(kwargs):
    """The mapping of a ``**kwargs`` call, its str keys interned as MicroPython interns them."""
    if type(kwargs) is dict:
        for key in kwargs:
            if type(key) is str and len(key) > _ALWAYS_FITS:
                interned(key)
    return kwargs
