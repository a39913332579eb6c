"""Sentences: the same keys and placeholders in English and French, and every one of them used."""

from __future__ import annotations

import re
import string
from pathlib import Path

from channelscore.words.sentences import SENTENCES as _WORDS


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_the_same_sentences_and_placeholders() -> None:
    assert set(_WORDS["en"]) == set(_WORDS["fr"])
    for key, text in _WORDS["en"].items():
        assert placeholders(text) == placeholders(_WORDS["fr"][key]), key


def test_every_sentence_is_used() -> None:
    package = Path(__file__).resolve().parents[2] / "src" / "channelscore"
    source = "\n".join(p.read_text() for p in package.rglob("*.py") if p.name != "sentences.py")
    used = set(re.findall(r"""["']([a-z_]+)["']""", source)) | {"and"}  # "and" is used by join_names itself
    assert set(_WORDS["en"]) <= used
