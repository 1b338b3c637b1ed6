"""Translate MicroPython bytecode functions into Python source that CPython compiles once."""

from mpt.runtime.translate.analysis import CorruptBytecode
from mpt.runtime.translate.codeobj import rename_args, rename_code
from mpt.runtime.translate.core import CodeInfo, FunctionTranslator, Translation

__all__ = ["CodeInfo", "CorruptBytecode", "FunctionTranslator", "Translation", "rename_args",
           "rename_code"]
