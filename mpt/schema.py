"""Declarative descriptions of TOML configuration: one description per file kind drives
validation, the error messages and the README's reference tables.

A description is built from value kinds (Int, Float, Str, Bool, ListOf, Pair, Either, MapOf,
Table, Entries); `validate(kind, value, file)` raises ConfigError naming the file, the key and
what was expected; `reference_markdown(table)` renders the same description as Markdown.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from mpt.errors import InputFileError, UsageError
from mpt.hostfiles import CONFIG, read_input


class ConfigError(UsageError):
    """A configuration value is not what its schema allows (exit code 2)."""

    def __init__(self, file, key: str, problem: str):
        self.file, self.key, self.problem = str(file), key, problem
        super().__init__(f"{file}: {key}: {problem}" if key else f"{file}: {problem}")


def describe(value) -> str:
    """How a TOML value reads in a message: the string "0x48", the integer 5, a table."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {_quote(value)}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}" if value \
            else "an empty list"
    return f"a {type(value).__name__} value"  # dates and times


def _quote(text: str) -> str:
    shown = text if len(text) <= 40 else text[:37] + "..."
    return '"' + shown.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _join(path: str, part: str) -> str:
    return f"{path}.{part}" if path else part


class Kind:
    """A kind of value; `expected` reads after 'expected' in a message."""

    @property
    def expected(self) -> str:  # (a class attribute or a property in the subclasses)
        return "a value"
    hint = ""

    def check(self, value, path: str, file) -> Any:
        raise NotImplementedError

    def fail(self, value, path: str, file, expected: str | None = None):
        hint = f" ({self.hint})" if self.hint else ""
        raise ConfigError(file, path, f"expected {expected or self.expected}{hint}, "
                                      f"got {describe(value)}")


class Anything(Kind):
    expected = "any value"

    def check(self, value, path, file):
        return value


@dataclass
class Int(Kind):
    min: int | None = None
    max: int | None = None
    hint: str = ""
    step: int = 1      # values must be multiples of it

    @property
    def expected(self) -> str:
        if self.step != 1:
            return f"a multiple of {self.step} from {self.min} to {self.max}"
        if self.min is not None and self.max is not None:
            return f"an integer from {self.min} to {self.max}"
        if self.min is not None:
            return f"an integer >= {self.min}"
        return "an integer"

    def check(self, value, path, file):
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(value, path, file)
        if (self.min is not None and value < self.min) or (self.max is not None
                                                          and value > self.max):
            self.fail(value, path, file)
        if value % self.step:
            self.fail(value, path, file)
        return value


@dataclass
class Float(Kind):
    """A number (integer or float); `min_exclusive` for strictly positive values."""
    min: float | None = None
    max: float | None = None
    hint: str = ""

    @property
    def expected(self) -> str:
        if self.min is not None and self.max is not None:
            return f"a number from {self.min:g} to {self.max:g}"
        if self.min is not None:
            return f"a number >= {self.min:g}"
        return "a number"

    def check(self, value, path, file):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(value, path, file)
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            self.fail(value, path, file)
        if (self.min is not None and number < self.min) or (self.max is not None
                                                             and number > self.max):
            self.fail(value, path, file)
        return number


@dataclass
class Str(Kind):
    choices: Sequence[str] | Callable[[], Sequence[str]] | None = None
    valid: Callable[[str], bool] | None = None   # extra check, described by `what`
    what: str = "a string"
    hint: str = ""
    nonempty: bool = False

    def options(self) -> list[str] | None:
        if self.choices is None:
            return None
        return list(self.choices() if callable(self.choices) else self.choices)

    @property
    def expected(self) -> str:
        options = self.options()
        if options:
            return "one of " + ", ".join(_quote(o) for o in options)
        return self.what

    def check(self, value, path, file):
        if not isinstance(value, str):
            self.fail(value, path, file)
        options = self.options()
        if options is not None and value not in options:
            self.fail(value, path, file)
        if (self.nonempty and not value) or (self.valid is not None and not self.valid(value)):
            self.fail(value, path, file)
        return value


class Bool(Kind):
    expected = "true or false"

    def check(self, value, path, file):
        if not isinstance(value, bool):
            self.fail(value, path, file)
        return value


@dataclass
class ListOf(Kind):
    item: Kind
    hint: str = ""

    @property
    def expected(self) -> str:
        return f"a list of {_plural(self.item.expected)}"

    def check(self, value, path, file):
        if not isinstance(value, list):
            self.fail(value, path, file)
        return [self.item.check(v, f"{path} #{i + 1}", file) for i, v in enumerate(value)]


@dataclass
class Pair(Kind):
    """A two-item list such as [seconds, level]."""
    first: Kind
    second: Kind
    names: tuple[str, str] = ("first", "second")   # how the two items are named in messages

    @property
    def expected(self) -> str:
        return f"[{self.names[0]}, {self.names[1]}]"

    def check(self, value, path, file):
        if not isinstance(value, list) or len(value) != 2:
            self.fail(value, path, file)
        return (self.first.check(value[0], _join(path, self.names[0]), file),
                self.second.check(value[1], _join(path, self.names[1]), file))


@dataclass
class Either(Kind):
    options: Sequence[Kind]

    @property
    def expected(self) -> str:
        return " or ".join(o.expected for o in self.options)

    def check(self, value, path, file):
        for option in self.options:
            try:
                return option.check(value, path, file)
            except ConfigError:
                continue
        self.fail(value, path, file)


@dataclass
class MapOf(Kind):
    """A table with free-form keys (each checked by `key`) mapping to `value`s."""
    key: Str
    value: Kind

    @property
    def expected(self) -> str:
        return f"a table (keys: {self.key.what}; values: {self.value.expected})"

    def check(self, value, path, file):
        if not isinstance(value, dict):
            self.fail(value, path, file)
        for name in value:
            if self.key.valid is not None and not self.key.valid(name):
                raise ConfigError(file, _join(path, _key_text(name)),
                                  f"expected a key that is {self.key.what}")
        return {name: self.value.check(item, _join(path, _key_text(name)), file)
                for name, item in value.items()}


def _key_text(name: str) -> str:
    bare = name and all(c.isalnum() or c in "_-" for c in name)
    return name if bare else _quote(name)


@dataclass
class Key:
    """One key of a table: its kind, whether it is required, its default and its meaning."""
    name: str
    kind: Kind
    doc: str
    required: bool = False
    default: Any = None
    example: str = ""        # TOML text for the reference/template when there is no default


@dataclass
class Table(Kind):
    """A table with known keys. `one_of` groups: exactly one key of each group must be given
    (a group starting with '?' allows none of them)."""
    keys: Sequence[Key]
    one_of: Sequence[Sequence[str]] = ()
    what: str = "a table"
    doc: str = ""
    hint: str = ""
    entry: str = "key"     # what its keys are called in messages ("section" at a file's top)

    @property
    def expected(self) -> str:
        return self.what

    def key(self, name: str) -> Key:
        return next(k for k in self.keys if k.name == name)

    def check(self, value, path, file):
        if not isinstance(value, dict):
            self.fail(value, path, file)
        known = {k.name: k for k in self.keys}
        for name in value:
            if name not in known:
                close = difflib.get_close_matches(name, list(known), n=1)
                suggestion = f" (did you mean {close[0]}?)" if close else ""
                raise ConfigError(file, _join(path, _key_text(name)),
                                  f"unknown {self.entry}{suggestion}; known {self.entry}s: "
                                  f"{', '.join(known)}")
        for group in self.one_of:
            optional = group[0] == "?"
            names = [g for g in group if g != "?"]
            given = [n for n in names if n in value]
            if len(given) > 1 or (not given and not optional):
                choice = "at most one" if optional else "exactly one"
                found = f"; found {', '.join(given)}" if given else ""
                problem = f"needs {choice} of {', '.join(names)}{found}"
                raise ConfigError(file, path, problem if path else f"the file {problem}")
        result = {}
        for spec in self.keys:
            if spec.name in value:
                result[spec.name] = spec.kind.check(value[spec.name], _join(path, spec.name),
                                                    file)
            elif spec.required:
                raise ConfigError(file, path or spec.name,
                                  f"missing key {spec.name} ({spec.kind.expected})"
                                  if path else f"missing ({spec.kind.expected})")
        return result


@dataclass
class Entries(Kind):
    """An array of tables, [[name]] in TOML."""
    name: str
    table: Table

    @property
    def expected(self) -> str:
        return f"[[{self.name}]] entries"

    def check(self, value, path, file):
        if isinstance(value, dict):
            raise ConfigError(file, path, f"expected [[{self.name}]] entries (an array of "
                                          f"tables: write [[{self.name}]], not [{self.name}])")
        if not isinstance(value, list):
            self.fail(value, path, file)
        return [self.table.check(entry, f"{path} #{i + 1}", file)
                for i, entry in enumerate(value)]


def _plural(expected: str) -> str:
    """'a port name' -> 'port names', 'an integer from 0 to 1' -> 'integers from 0 to 1'."""
    for article in ("an ", "a "):
        if expected.startswith(article):
            rest = expected[len(article):]
            cut = min((rest.find(d) for d in (" from ", " >= ", " > ", " {", " (", " such ")
                       if d in rest), default=len(rest))
            return f"{rest[:cut]}s{rest[cut:]}"
    return expected


def validate(kind: Kind, value, file, path: str = "") -> Any:
    """The checked value (numbers as float where a Float is asked for); ConfigError if not.
    `path` is where `value` sits in the file (a dotted key) when it is not the whole file."""
    return kind.check(value, path, file)


def read_toml(path: Path, what: str) -> dict:
    """A TOML file's contents; InputFileError (exit 2) if it cannot be read or parsed."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    data = read_input(path, CONFIG._replace(what=what))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputFileError(f"{path}: not a UTF-8 text file") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputFileError(f"{path}: {exc}") from None


# --- reference documentation ------------------------------------------------------------

def toml_literal(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_literal(v) for v in value) + "]"
    return repr(value)


def reference_rows(table: Table) -> list[str]:
    rows = ["| key | value | default | meaning |", "|---|---|---|---|"]
    for spec in table.keys:
        if spec.required:
            default = "required"
        elif spec.default is not None:
            default = f"`{toml_literal(spec.default)}`"
        else:
            default = "–"
        expected = spec.kind.expected.replace("|", "\\|")
        rows.append(f"| `{spec.name}` | {expected} | {default} | {spec.doc} |")
    for group in table.one_of:
        names = [g for g in group if g != "?"]
        rule = "at most one" if group[0] == "?" else "exactly one"
        rows.append(f"| | | | {rule} of {', '.join(f'`{n}`' for n in names)} |")
    return rows


def reference_markdown(sections: Sequence[tuple[str, Table]]) -> str:
    """Markdown: for each (heading, table) a paragraph and a key table."""
    parts = []
    for heading, table in sections:
        parts.append(f"#### {heading}\n")
        if table.doc:
            parts.append(table.doc + "\n")
        parts.append("\n".join(reference_rows(table)) + "\n")
    return "\n".join(parts)


def replace_generated(text: str, marker: str, generated: str) -> str:
    """`text` with the part between <!-- marker begin --> and <!-- marker end --> replaced."""
    begin, end = f"<!-- {marker} begin -->", f"<!-- {marker} end -->"
    head, found, rest = text.partition(begin)
    _, found_end, tail = rest.partition(end)
    if not found or not found_end:
        raise ValueError(f"no {begin} ... {end} in the text")
    return f"{head}{begin}\n{generated}{end}{tail}"
