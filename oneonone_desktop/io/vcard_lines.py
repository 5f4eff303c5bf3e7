"""vCard 2.1/3.0/4.0 at the line level: unfolding, properties, parameters, decoding, escapes."""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_UNESCAPES_3 = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}
_UNESCAPES_21 = {";": ";", "\\": "\\"}


class LineError(ValueError):
    """A line that is not `NAME[;PARAM…]:value`."""


@dataclass
class Property:
    """One content line of a card: `item1.EMAIL;TYPE=work:ana@example.org`."""

    line: int
    name: str
    value: str  # still encoded and escaped: see `texts()`
    params: dict[str, list[str]] = field(default_factory=dict)
    group: str = ""

    @property
    def encoding(self) -> str:
        values = self.params.get("ENCODING", [])
        return values[0].upper() if values else ""

    def texts(self, version: str, separator: str | None = None) -> list[str]:
        """The value decoded (quoted-printable, base64, charset) and unescaped.

        With `separator` (";" for N and ADR, "," for CATEGORIES), the list of its parts.
        Raises ValueError when the encoded value is damaged.
        """
        parts = split_escaped(self.value, separator) if separator else [self.value]
        return [unescape(self._decode(part), version) for part in parts]

    def _decode(self, raw: str) -> str:
        charset = (self.params.get("CHARSET") or ["utf-8"])[0]
        if self.encoding == "QUOTED-PRINTABLE":
            data = quopri.decodestring(raw.encode("utf-8"))
        elif self.encoding in ("BASE64", "B"):
            try:
                data = base64.b64decode("".join(raw.split()), validate=True)
            except (binascii.Error, ValueError) as exc:
                raise ValueError("The base64-encoded value is damaged.") from exc
        else:
            return raw
        for encoding in (charset, "utf-8", "cp1252"):
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
        return data.decode("latin-1")


def logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """(first physical line number, unfolded line), joining folded and soft-broken lines."""
    current: str | None = None
    start = 0
    for number, raw in enumerate(_LINE_BREAK.split(text), 1):
        if current is not None and current.rstrip().endswith("=") and _is_quoted_printable(current):
            current = current.rstrip()[:-1] + (raw[1:] if raw[:1] in (" ", "\t") else raw)
        elif current is not None and raw[:1] in (" ", "\t"):
            current += raw[1:]
        else:
            if current is not None:
                yield start, current
            current, start = raw, number
    if current is not None:
        yield start, current


def _is_quoted_printable(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def parse_property(number: int, line: str) -> Property:
    """Split one unfolded line into group, name, parameters and raw value."""
    colon = _find_outside_quotes(line, ":")
    if colon < 0:
        raise LineError("This line has no ':' between the property name and its value.")
    head, value = line[:colon], line[colon + 1 :]
    parts = _split_outside_quotes(head, ";")
    group, _, name = parts[0].strip().rpartition(".")
    name = name.upper()
    if not name or not re.fullmatch(r"[A-Z0-9-]+", name):
        raise LineError(f"'{parts[0][:30]}' is not a vCard property name.")
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, equals, values = part.partition("=")
        if not equals:
            key, values = ("ENCODING" if key.upper() in _BARE_ENCODINGS else "TYPE"), key
        items = [v.strip().strip('"') for v in _split_outside_quotes(values, ",")]
        params.setdefault(key.strip().upper(), []).extend(i for i in items if i)
    return Property(number, name, value, params, group)


def _find_outside_quotes(text: str, char: str) -> int:
    quoted = False
    for index, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == char and not quoted:
            return index
    return -1


def _split_outside_quotes(text: str, char: str) -> list[str]:
    parts: list[str] = []
    quoted, start = False, 0
    for index, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted
        elif ch == char and not quoted:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def split_escaped(value: str, separator: str) -> list[str]:
    """Split on `separator` where it is not escaped with a backslash."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for ch in chars:
        if ch == "\\":
            current.append(ch)
            current.append(next(chars, ""))
        elif ch == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def unescape(value: str, version: str) -> str:
    """Undo vCard escapes: `\\,` `\\;` `\\n` `\\\\` (2.1 only escapes `;` and backslash)."""
    if "\\" not in value:
        return value
    table = _UNESCAPES_21 if version.startswith("2") else _UNESCAPES_3
    out: list[str] = []
    chars = iter(value)
    for ch in chars:
        if ch == "\\":
            following = next(chars, "")
            out.append(table.get(following, "\\" + following))
        else:
            out.append(ch)
    return "".join(out)


def escape(value: str) -> str:
    """vCard 3.0 text escaping."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line into CRLF-separated pieces of at most `limit` UTF-8 bytes."""
    if len(line.encode("utf-8")) <= limit:
        return line + "\r\n"
    pieces: list[str] = []
    current: list[str] = []
    size, budget = 0, limit
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > budget:
            pieces.append("".join(current))
            current, size, budget = [], 0, limit - 1
        current.append(ch)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces) + "\r\n"
