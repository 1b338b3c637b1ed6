"""The guest's `string` module: in MicroPython 1.29 it only holds `string.templatelib`."""

from __future__ import annotations

from mpt.runtime.vm.objects import NativeModule
from mpt.runtime.vm.templatelib import Interpolation, Template


def make_templatelib():
    return NativeModule("string.templatelib", {"__name__": "string.templatelib",
                                               "Template": Template,
                                               "Interpolation": Interpolation})


def make_module(ctx):
    return {"__name__": "string", "templatelib": make_templatelib()}
