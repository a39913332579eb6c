"""The live board: one self-contained HTML page with the profiles' data, the sentences of one language and the
script that scores, ranks, explains and searches the mix in the browser as the weights move.

The page asks for nothing over the network (its content security policy forbids it): the data is
embedded as JSON, the style and the script inline. Every text of the data reaches the page as JSON
and is put in place as text, never as markup.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any

from channelscore.core.decision import Decision
from channelscore.core.engine import TIE_TOLERANCE
from channelscore.core.explain import EPSILON, MAX_LISTED
from channelscore.core.portfolio import DEFAULT_MARGIN, DEFAULT_MAX_SIZE
from channelscore.core.stability import FLAT
from channelscore.render.clean import clean, json_escape
from channelscore.words import LANGUAGES, NARROW, Words

# The sentences and labels the page uses, by key (from channelscore.words.sentences).
PAGE_WORDS = (
    "strong_on", "weak_on", "average", "tied_with", "ahead_of", "and", "channels_one", "channels_many",
    "lever_step", "lever_first_take", "lever_first_share", "lever_first_lose", "lever_rank", "lever_mix",
    "lever_reason", "lever_none", "board_title", "board_profile", "board_weights", "board_client_share",
    "board_split_off", "board_lock", "board_channels", "board_ranking", "board_mix", "board_mix_none",
    "board_stability", "board_stability_none", "board_stability_low", "board_stability_high", "board_levers",
    "board_levers_more", "board_reset", "board_download", "board_scenario_name", "board_scenario_reason",
    "board_left_out", "board_intro", "board_footer", "board_none_in", "group_client", "group_enterprise", "rank",
    "channel", "score", "board_timing",
)

SCENARIO_WORDS = ("board_scenario_name", "board_scenario_reason", "board_left_out")

_CONTENT_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"


def _profile_payload(decision: Decision, words: Words, base: str | list[str]) -> dict[str, Any]:
    profile = decision.profile
    split = profile.group_split
    return {
        "id": profile.id,
        "name": clean(words.name(profile.names)),
        "names": {lang: clean(Words(lang).name(profile.names)) for lang in LANGUAGES},
        "base": base,
        "raw": [float(value) for value in decision.raw_weights],
        "split": [float(split.client), float(split.enterprise)] if split else None,
        "criteria": [{"id": c.id, "name": clean(words.name(c.names)),
                      "inSentence": clean(words.in_sentence(words.name(c.names))),
                      "good": clean(words.in_sentence(words.pole(c.names, c.poles, True))),
                      "poor": clean(words.in_sentence(words.pole(c.names, c.poles, False))),
                      "client": c.group == "client"} for c in decision.criteria],
        "channels": [{"id": c.id, "name": clean(words.name(c.names))} for c in decision.channels],
        "ratings": [[int(value) for value in row] for row in decision.ratings],
        "reasons": [[clean(words.text(reason)) for reason in row] for row in decision.reasons],
    }


def board_html(decisions: Sequence[Decision], bases: Sequence[str | list[str]], words: Words,
               version: str) -> str:
    """The board page for ``decisions`` (the first is shown first); ``bases`` names, for each, the profile a
    downloaded scenario starts from."""
    payload = {
        "lang": words.lang,
        "version": version,
        # The core's constants, so that the page cannot drift from them.
        "constants": {"tieTolerance": TIE_TOLERANCE, "flat": FLAT, "epsilon": EPSILON, "maxListed": MAX_LISTED,
                      "maxSize": DEFAULT_MAX_SIZE, "margin": DEFAULT_MARGIN, "narrow": NARROW},
        "colon": words.colon,
        "semicolon": words.semicolon,
        "words": {key: words.template(key) for key in PAGE_WORDS},
        # A downloaded scenario is written in both languages, so that it validates without a translation warning.
        "scenarioWords": {lang: {key: Words(lang).template(key) for key in SCENARIO_WORDS} for lang in LANGUAGES},
        "profiles": [_profile_payload(decision, words, base) for decision, base in zip(decisions, bases, strict=True)],
    }
    data = json_escape(json.dumps(payload, ensure_ascii=False, separators=(",", ":")))
    # Inside a script element, "<" could close it: written as an escape, which JSON reads back the same.
    data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    folder = resources.files("channelscore.render")
    script = folder.joinpath("board.js").read_text(encoding="utf-8")
    style = folder.joinpath("board.css").read_text(encoding="utf-8")
    title = clean(words.say("board_title", profile=words.name(decisions[0].profile.names)))
    return (f'<!DOCTYPE html>\n<html lang="{words.lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_CONTENT_POLICY}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n"
            f"<style>\n{style}</style>\n</head>\n<body>\n<main id=\"board\"></main>\n"
            f'<script type="application/json" id="board-data">{data}</script>\n'
            f"<script>\n{script}</script>\n</body>\n</html>\n")
