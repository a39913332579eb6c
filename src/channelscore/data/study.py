"""Which channels are the study's: those of the shipped data, read from its compiled form."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

COMPILED_FILE = Path(__file__).with_name("compiled_data.json")


@cache
def study_channel_ids(compiled_file: Path = COMPILED_FILE) -> frozenset[str] | None:
    """The ids of the channels the study rates: those of the shipped data (None when it cannot be read); read
    once per process, since every data folder other than the shipped one asks for them."""
    try:
        compiled = json.loads(compiled_file.read_text(encoding="utf-8"))
        return frozenset(channel["id"] for channel in compiled["channels"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
