"""Seeded mutation of TOML documents for the input fuzz tests: structural changes (a value
replaced by one of another type or out of range, a key dropped, renamed or added, a table
turned into a list) written back as TOML, and textual slips on the written text."""

from __future__ import annotations

import copy
import json
import math
import random

ODD_VALUES = [0, -1, 1, 2, 255, 256, 65536, 2**63 - 1, -2**63, 0.5, -0.5, 1e308, math.inf,
              -math.inf, math.nan, "", "0x48", "zz", "GP14", "GP999", "1e9", "../../etc/passwd",
              "/proc/nope", "\u00e9\u2603", "a" * 300, "x:Y", "rp2", "t / 0", "exp(1e6)",
              "sin(", "__import__('os')", True, False, [], [[]], [1], [[1.5]], [["a", 1]],
              [1, "a"], [[0, 1], [0.5, 0]], {}, {"value": 1}, {"expr": "t"}, {"x": 1},
              {"0x01": 5}, {"zz": 1}]


def _odd(rng: random.Random):
    return copy.deepcopy(rng.choice(ODD_VALUES))  # the pool itself must never change


def toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {toml_value(v)}"
                                for k, v in value.items()) + " }"
    raise TypeError(type(value))


def dump(document: dict) -> str:
    """TOML for a document whose top-level values are plain values, tables or lists of tables."""
    lines, later = [], []
    for key, value in document.items():
        name = json.dumps(key)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for entry in value:
                later.append(f"[[{name}]]")
                later += [f"{json.dumps(k)} = {toml_value(v)}" for k, v in entry.items()]
        elif isinstance(value, dict):
            later.append(f"[{name}]")
            later += [f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()]
        else:
            lines.append(f"{name} = {toml_value(value)}")
    return "\n".join(lines + later) + "\n"


def _containers(node, found):
    if isinstance(node, dict):
        found.append(node)
        for value in node.values():
            _containers(value, found)
    elif isinstance(node, list):
        found.append(node)
        for value in node:
            _containers(value, found)
    return found


def mutate_structure(document: dict, rng: random.Random, keys: list[str]) -> dict:
    """A deep copy of `document` with one to three random changes."""
    document = json.loads(json.dumps(document))
    for _ in range(rng.randint(1, 3)):
        container = rng.choice(_containers(document, []))
        if isinstance(container, dict):
            names = list(container)
            action = rng.random()
            if names and action < 0.55:
                container[rng.choice(names)] = _odd(rng)
            elif names and action < 0.7:
                del container[rng.choice(names)]
            elif names and action < 0.8:
                name = rng.choice(names)
                container[name + rng.choice(["s", "_", "x"])] = container.pop(name)
            else:
                container[rng.choice(keys)] = _odd(rng)
        elif container:
            index = rng.randrange(len(container))
            if rng.random() < 0.7:
                container[index] = _odd(rng)
            else:
                del container[index]
        else:
            container.append(_odd(rng))
    return document


def mutate_text(text: str, rng: random.Random) -> str:
    """One textual slip: single brackets, a dropped or doubled character, a cut-off file."""
    action = rng.randrange(5)
    if action == 0 and "[[" in text:
        return text.replace("[[", "[", 1).replace("]]", "]", 1)
    if action == 1 and text:
        at = rng.randrange(len(text))
        return text[:at] + text[at + 1:]
    if action == 2 and text:
        at = rng.randrange(len(text))
        return text[:at] + text[at] + text[at:]
    if action == 3:
        return text[:rng.randrange(len(text) + 1)]
    lines = text.splitlines(keepends=True)
    rng.shuffle(lines)
    return "".join(lines)


SAME_KIND = {
    bool: [True, False],
    int: [0, 1, -1, 2, 7, 15, 16, 127, 128, 255, 65535, 2**31, 2**63 - 1, -2**63],
    float: [0.0, 1e-9, 0.001, 0.5, 1e9, 1e300, -0.5, math.inf, math.nan],
    str: ["", "t", "1 / t", "exp(1e6)", "t ** t", "10 ** 400", "sin(t) / 0", "GP14", "GP99",
          "BOOTSEL", "0x00", "0xFFFFFFFF", "DHT11", "big", "little", "stderr", "linear",
          "28ff641e8216c3a5", "\u2603" * 5, "sensors.py:Sensor", "sensors.py:Missing",
          "nofile.py:X", "data/light.csv", "gps.nmea", "/proc/nope", "."],
}


def vary_values(document: dict, rng: random.Random, pools: dict | None = None) -> dict:
    """A deep copy with one to three plain values replaced by others of the same type, so the
    file keeps its shape and mostly passes the schema (what happens after checking). `pools`
    offers values for keys by name (most of the time when a key has one)."""
    document = json.loads(json.dumps(document))
    for _ in range(rng.randint(1, 3)):
        slots = []
        for container in _containers(document, []):
            positions = container.keys() if isinstance(container, dict) else range(len(container))
            for position in positions:
                if type(container[position]) in SAME_KIND:
                    slots.append((container, position))
        if not slots:
            break
        container, position = rng.choice(slots)
        pool = (pools or {}).get(position)
        if pool and rng.random() < 0.8:
            container[position] = rng.choice(pool)
        else:
            container[position] = rng.choice(SAME_KIND[type(container[position])])
    return document
