"""Translate MicroPython bytecode functions into Python source that CPython compiles once."""

from mpt.runtime.vm.translate.analysis import CorruptBytecode
from mpt.runtime.vm.translate.codeobj import rename_args, rename_code
from mpt.runtime.vm.translate.core import CodeInfo, FunctionTranslator, Translation

__all__ = ["CodeInfo", "CorruptBytecode", "FunctionTranslator", "Translation", "rename_args",
           "rename_code"]
