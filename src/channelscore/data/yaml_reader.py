"""Read one YAML data file safely into plain Python values, keeping the line and column of every value.

This is the only module that parses YAML. It walks PyYAML's event stream itself instead
of using a constructor, so that it can refuse what a data file never needs (anchors,
aliases, merge keys, tags, duplicate keys, deep nesting, huge files) before anything is
built, and never recurses. Every failure becomes a located :class:`Problem`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from channelscore.data.files import MAX_FILE_BYTES, read_bounded
from channelscore.errors import DataError, Level, Problem

MAX_DEPTH = 32

PathKey = tuple[str | int, ...]

_CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(\s|$)", re.MULTILINE)


class Position(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    column: int


@dataclass
class Document:
    """A parsed data file: its values and where each one stands."""

    path: Path
    display: str
    data: Any
    positions: dict[PathKey, Position] = field(default_factory=dict)
    key_positions: dict[PathKey, Position] = field(default_factory=dict)

    def locate(self, loc: PathKey) -> Position:
        """The position of ``loc``, or of its nearest enclosing value that has one."""
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            if prefix in self.positions:
                return self.positions[prefix]
        return Position(1, 1)

    def locate_key(self, loc: PathKey) -> Position:
        """The position of the key that introduces ``loc`` (for unknown or misplaced fields)."""
        return self.key_positions.get(loc) or self.locate(loc)

    def problem(self, loc: PathKey, code: str, message: str, hint: str = "", *, at_key: bool = False,
                level: Level = "error") -> Problem:
        """A problem located at ``loc`` in this file."""
        pos = self.locate_key(loc) if at_key else self.locate(loc)
        return Problem(self.display, pos.line, pos.column, code, message, level=level, field=dotted(loc), hint=hint)


def dotted(loc: PathKey) -> str:
    """``("channels", 2, "ratings")`` as ``channels[2].ratings``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def load_file(path: Path, display: str, root: Path | None = None) -> Document:
    """Read and parse ``path`` (a regular file, inside the data folder ``root`` when given);
    raise :class:`DataError` with located problems if it cannot be used."""
    return parse_bytes(read_bounded(path, display, root), path, display)


def parse_bytes(raw: bytes, path: Path, display: str) -> Document:
    """Parse the bytes of a data file (see :func:`load_file`)."""
    if len(raw) > MAX_FILE_BYTES:
        raise DataError([Problem(display, 1, 1, "file-too-large",
                                 f"the file is larger than {MAX_FILE_BYTES // (1 << 20)} MiB",
                                 hint="a data file holds a few hundred lines; split it or check it is the right file")])
    text = _decode(raw, display)
    return parse_text(text, path, display)


def _decode(raw: bytes, display: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataError([Problem(display, line, column, "file-encoding",
                                 f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                                 hint="save the file as UTF-8")]) from None
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise DataError([Problem(display, line, column, "file-encoding", "the file contains a NUL character",
                                 hint="this looks like a binary file, not YAML")])
    return text.replace("\r\n", "\n")


def parse_text(text: str, path: Path, display: str) -> Document:
    """Parse YAML text into a :class:`Document`; raise :class:`DataError` on any problem."""
    markers = [m for m in _CONFLICT_MARKER.finditer(text)]
    if markers:
        problems = []
        for marker in markers:
            line = text.count("\n", 0, marker.start()) + 1
            problems.append(Problem(display, line, 1, "merge-conflict", "leftover merge-conflict marker",
                                    hint="resolve the conflict and remove the <<<<<<<, ======= and >>>>>>> lines"))
        raise DataError(problems)
    builder = _Builder(path, display)
    try:
        try:
            builder.run(text)
        except Exception as error:
            if "nesting depth" not in str(error):
                raise
            # libyaml (PyYAML >= 6.0.4) stops at its own depth limit, far past ours and before our walker
            # sees the events; the pure parser is lazy and iterative, so it reaches our limit first.
            builder = _Builder(path, display)
            builder.run(text, pure=True)
    except DataError:
        raise
    except Exception as error:
        raise DataError([builder.failure(error, text)]) from None
    return builder.document()


class _Frame:
    """A mapping or sequence being built, with the key waiting for its value."""

    __slots__ = ("key", "key_lines", "key_pos", "loc", "value")

    def __init__(self, value: dict[Any, Any] | list[Any], loc: PathKey) -> None:
        self.value = value
        self.loc = loc
        self.key: Any = None
        self.key_pos: Position | None = None
        self.key_lines: dict[Any, int] = {}


class _Builder:
    """Turns an event stream into values, refusing anything a data file does not need."""

    def __init__(self, path: Path, display: str) -> None:
        self.path = path
        self.display = display
        self.positions: dict[PathKey, Position] = {}
        self.key_positions: dict[PathKey, Position] = {}
        self.documents: list[Any] = []
        self.last = Position(1, 1)

    def problem(self, pos: Position, code: str, message: str, hint: str = "") -> DataError:
        return DataError([Problem(self.display, pos.line, pos.column, code, message, hint=hint)])

    def failure(self, error: Exception, text: str) -> Problem:
        import yaml

        if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
            mark = error.problem_mark
            message = " ".join(part for part in (error.context, error.problem) if part)
            lines = text.split("\n")
            line_text = lines[mark.line] if mark.line < len(lines) else ""
            hint = "indent with spaces, not tabs" if "\t" in line_text[: mark.column + 1] else ""
            return Problem(self.display, mark.line + 1, mark.column + 1, "yaml-syntax",
                           message or "invalid YAML", hint=hint or "check the indentation and quoting on this line")
        if isinstance(error, RecursionError):
            return Problem(self.display, self.last.line, self.last.column, "yaml-too-deep",
                           "the file is nested too deeply to read")
        return Problem(self.display, self.last.line, self.last.column, "yaml-invalid",
                       f"cannot read the YAML here: {type(error).__name__}: {error}".rstrip(": "),
                       hint="a value that looks like a number or date but is not one must be quoted")

    def run(self, text: str, pure: bool = False) -> None:
        import yaml

        loader_class = yaml.SafeLoader if pure else getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        resolver = yaml.SafeLoader("")
        stack: list[_Frame] = []
        for event in yaml.parse(text, Loader=loader_class):
            mark = getattr(event, "start_mark", None)
            pos = Position(mark.line + 1, mark.column + 1) if mark is not None else self.last
            self.last = pos
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                if self.documents:
                    raise self.problem(pos, "multi-document", "the file holds more than one YAML document",
                                       hint="keep one document per file and remove the `---` separator")
                self.documents.append(None)
                continue
            if isinstance(event, yaml.AliasEvent):
                raise self.problem(pos, "yaml-alias", f"alias `*{event.anchor}` is not allowed",
                                   hint="write the value out in full; data files do not use anchors or aliases")
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                self._place(stack, done.value)
                continue
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise self.problem(pos, "yaml-anchor", f"anchor `&{anchor}` is not allowed",
                                   hint="write the value out in full; data files do not use anchors or aliases")
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                shown = tag.replace("tag:yaml.org,2002:", "!!")
                raise self.problem(pos, "yaml-tag", f"tag `{shown}` is not allowed",
                                   hint="remove the tag; plain YAML values are enough")
            if isinstance(event, yaml.ScalarEvent):
                value = self._scalar(resolver, event)
                if stack and isinstance(stack[-1].value, dict) and stack[-1].key_pos is None:
                    self._take_key(stack[-1], value, pos)
                else:
                    loc = self._child_loc(stack)
                    self.positions[loc] = pos
                    self._place(stack, value)
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if stack and isinstance(stack[-1].value, dict) and stack[-1].key_pos is None:
                    raise self.problem(pos, "yaml-complex-key", "a key must be a plain value, not a list or mapping")
                if len(stack) >= MAX_DEPTH:
                    raise self.problem(pos, "yaml-too-deep", f"nesting deeper than {MAX_DEPTH} levels",
                                       hint="data files need only a few levels; check the brackets and indentation")
                loc = self._child_loc(stack)
                self.positions[loc] = pos
                container: dict[Any, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
                stack.append(_Frame(container, loc))

    def _scalar(self, resolver: Any, event: Any) -> Any:
        import yaml

        if not event.implicit[0]:
            return event.value
        tag = resolver.resolve(yaml.ScalarNode, event.value, (True, False))
        if tag == "tag:yaml.org,2002:str" and _PLAIN_FLOAT.fullmatch(event.value):
            return float(event.value)  # 1e3: YAML 1.1 wants a dot, but nobody reads it as text
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:merge") or not _plain_number(tag, event.value):
            # YAML 1.1 reads 02, 0x3, 0b11, +3, 3_ and 1:30 as numbers; they stay text, refused where a number is due.
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        return resolver.yaml_constructors[tag](resolver, node)

    def _take_key(self, frame: _Frame, key: Any, pos: Position) -> None:
        if key == "<<":
            raise self.problem(pos, "yaml-merge-key", "merge keys (`<<`) are not allowed",
                               hint="write the fields out in full")
        try:
            hash(key)
        except TypeError:
            raise self.problem(pos, "yaml-complex-key", "a key must be a plain value") from None
        if key in frame.key_lines:
            raise self.problem(pos, "duplicate-key",
                               f"key `{key}` appears twice, on line {frame.key_lines[key]} and line {pos.line}",
                               hint="keep one of them; YAML would silently use the last")
        frame.key = key
        frame.key_pos = pos
        frame.key_lines[key] = pos.line
        self.key_positions[(*frame.loc, key)] = pos

    @staticmethod
    def _child_loc(stack: list[_Frame]) -> PathKey:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.value, dict):
            return (*frame.loc, frame.key)
        return (*frame.loc, len(frame.value))

    def _place(self, stack: list[_Frame], value: Any) -> None:
        if not stack:
            if self.documents:
                self.documents[-1] = value
            return
        frame = stack[-1]
        if isinstance(frame.value, dict):
            frame.value[frame.key] = value
            frame.key = None
            frame.key_pos = None
        else:
            frame.value.append(value)

    def document(self) -> Document:
        data = self.documents[0] if self.documents else None
        if data is None:
            raise self.problem(Position(1, 1), "file-empty", "the file is empty or holds only comments",
                               hint="the README's section on the data lists the expected fields")
        if not isinstance(data, dict):
            kind = "a list" if isinstance(data, list) else "a single value"
            raise self.problem(self.positions.get((), Position(1, 1)), "not-a-mapping",
                               f"the file holds {kind}, not a mapping of fields",
                               hint="a data file starts with `format:` and its fields, one per line")
        return Document(self.path, self.display, data, self.positions, self.key_positions)


_PLAIN_INT = re.compile(r"-?(0|[1-9][0-9]*)")
_PLAIN_FLOAT = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {".inf", "+.inf", "-.inf", ".nan"}


def _plain_number(tag: str, value: str) -> bool:
    """Whether a scalar YAML resolves to a number is written as people write numbers (3, -2, 0.5, 1e3);
    infinities and NaN stay numbers so that the model can refuse them by name."""
    if tag == "tag:yaml.org,2002:int":
        return bool(_PLAIN_INT.fullmatch(value))
    if tag == "tag:yaml.org,2002:float":
        return bool(_PLAIN_FLOAT.fullmatch(value)) or value.lower() in _SPECIAL_FLOATS
    return True
