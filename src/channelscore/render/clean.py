"""Text from the data made safe for its sink: no control or bidirectional-override characters."""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """``text`` without control or bidirectional-override characters, so data cannot drive the terminal."""
    return _UNSAFE.sub("", text).replace("\t", " ").replace("\n", " ")
