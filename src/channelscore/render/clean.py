"""Text from the data made safe for its sink: no control, invisible or bidirectional-override characters.

``clean`` is for text shown to people (terminal, CSV, Markdown, charts): the characters are
removed. ``json_escape`` is for JSON, where text must survive intact: they are written as
``\\uXXXX`` escapes, which any JSON reader turns back into the same string.
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab and newline are handled apart), zero-width and direction marks (U+061C,
# U+200B-U+200F), line and paragraph separators, direction embeddings, overrides and isolates,
# invisible operators (U+2060-U+2064) and the byte-order mark.
_MARKS = "\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_MARKS}]")
# Lone surrogates stand for undecodable bytes of a file name; they cannot be written as UTF-8.
_SURROGATES = "\ud800-\udfff"
_SURROGATE = re.compile(f"[{_SURROGATES}]")
# JSON escapes C0 controls itself; the rest is escaped here.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_MARKS}{_SURROGATES}]")


def clean(text: str) -> str:
    """``text`` without control or invisible characters, on one line, so data cannot drive the terminal."""
    text = _SURROGATE.sub("\ufffd", text)
    return _UNSAFE.sub("", text).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def json_escape(document: str) -> str:
    """A JSON text with the characters ``clean`` removes written as escapes (C0 controls are already escaped)."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", document)
