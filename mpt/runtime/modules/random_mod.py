"""The guest's `random` module."""

from __future__ import annotations

import random


def make_module(ctx):
    rng = random.Random()

    def randrange(start, stop=None, step=1):
        return rng.randrange(start, stop, step)

    return {
        "seed": lambda n=None: rng.seed(n), "getrandbits": rng.getrandbits,
        "randrange": randrange, "randint": rng.randint, "choice": rng.choice,
        "random": rng.random, "uniform": rng.uniform,
    }
