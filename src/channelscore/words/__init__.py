"""Words(lang): every sentence, label and number format of one language, bound once per run.

The sentences themselves are in :mod:`channelscore.words.sentences`; the builders that turn the
core's results into sentences are in :mod:`channelscore.words.tell`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from channelscore.model import Names, Poles, Text
from channelscore.words.sentences import MONTHS, SENTENCES, TRAITS

LANGUAGES = tuple(SENTENCES)

# French groups thousands with a narrow no-break space, and puts one before : ; ? ! and %.
NARROW = "\u202f"
_THOUSANDS = {"en": ",", "fr": NARROW}
_FRENCH_SPACED = re.compile(r"[ \u00a0]+([:;?!])")


def french_typography(template: str) -> str:
    """A French sentence with the narrow no-break space French typography puts before ``:``, ``;``, ``?``
    and ``!`` (in place of an ordinary space there); format fields such as ``{share:.0%}`` are left alone."""
    return _FRENCH_SPACED.sub(NARROW + r"\1", template)


_QUOTED = re.compile(r'"([^"\n]*)"')
_PERCENT = re.compile(r"(\d)[ \u00a0]?%")


def french_text(text: str) -> str:
    """A French text of the data in French typography: « guillemets » for its quotes, and the narrow no-break
    space before ``%``, ``:``, ``;``, ``?`` and ``!``."""
    text = _QUOTED.sub("\u00ab" + NARROW + r"\1" + NARROW + "\u00bb", text)
    return french_typography(_PERCENT.sub(r"\1" + NARROW + "%", text))


# Numbers are shown from the grid of the engine's tie tolerance (channelscore.core.engine.TIE_TOLERANCE, not
# imported: it would bring numpy to every command): 0.12500000000000067, a sum's rounding away from 0.125,
# reads as 0.125 does, on the command line and on the board alike.
_GRID = 1e-9


def on_grid(value: float) -> float:
    """``value`` rounded (half to even) to a multiple of the tie tolerance; very large or non-finite values as
    they are."""
    if not abs(value) < 1e6:
        return value
    return round(value / _GRID) * _GRID


# The sentences that count something, singular and plural.
_COUNTED = {"channels": ("channels_one", "channels_many"), "places": ("places_one", "places_many"),
            "moves": ("moves_one", "moves_many"), "changes": ("changes_one", "changes_many"),
            "pairs": ("pairs_one", "pairs_many")}


class Words:
    """The sentences, labels and number formats of one language (``en`` or ``fr``)."""

    __slots__ = ("_table", "lang")

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang if lang in SENTENCES else "en"
        table = SENTENCES[self.lang]
        self._table = {key: french_typography(text) for key, text in table.items()} if self.lang == "fr" else table

    def __repr__(self) -> str:
        return f"Words({self.lang!r})"

    def say(self, key: str, **values: object) -> str:
        """The sentence ``key`` with ``values`` filled in."""
        return self._table[key].format(**values)

    def template(self, key: str) -> str:
        """The sentence ``key`` with its ``{fields}`` unfilled, for a page that fills them itself."""
        return self._table[key]

    def counted(self, count: int, noun: str) -> str:
        """``count`` and ``noun`` ("channels", "places", "moves", "changes", "pairs") agreeing: "1 channel",
        "2 channels"; in French 0 and 1 take the singular ("1 canal", "0 place")."""
        one = count in (0, 1) if self.lang == "fr" else count == 1
        singular, plural = _COUNTED[noun]
        return self.say(singular if one else plural, n=count)

    @property
    def colon(self) -> str:
        """What separates a label from what follows: ``": "``, in French with a narrow no-break space before."""
        return NARROW + ": " if self.lang == "fr" else ": "

    @property
    def semicolon(self) -> str:
        """What joins two clauses: ``"; "``, in French with a narrow no-break space before."""
        return NARROW + "; " if self.lang == "fr" else "; "

    def pole(self, names: Names, poles: Poles | None, good: bool) -> str:
        """A criterion as a strength (``good``) or a weakness: its pole where the data gives one
        ("little customer effort"), else its name."""
        if poles is None:
            return self.name(names)
        return self.name(poles.good if good else poles.poor)

    def trait(self, trait: str) -> str:
        """A channel trait by name in this language; a trait the shipped data does not know, as written."""
        return TRAITS[self.lang].get(trait, trait)

    def group(self, group: str) -> str:
        """``client`` or ``enterprise`` in this language."""
        keys = {"client": "group_client", "enterprise": "group_enterprise"}
        return self.say(keys[group]) if group in keys else group

    def family(self, family: str) -> str:
        """A channel family (human, unassisted, mixed) in this language."""
        keys = {"human": "family_human", "unassisted": "family_unassisted", "mixed": "family_mixed"}
        return self.say(keys[family]) if family in keys else family

    def kind(self, kind: str) -> str:
        """A profile's kind (base, segment, situation) in this language."""
        keys = {"base": "kind_base", "segment": "kind_segment", "situation": "kind_situation"}
        return self.say(keys[kind]) if kind in keys else kind

    def method(self, method: str) -> str:
        """A weighting method of a workshop by name (``roc``: rank-order centroid)."""
        keys = {"roc": "method_roc", "rank_sum": "method_rank_sum", "rank_reciprocal": "method_rank_reciprocal",
                "eigenvector": "method_eigenvector", "geometric_mean": "method_geometric_mean",
                "swing": "method_swing"}
        return self.say(keys[method]) if method in keys else method

    def name(self, names: Names) -> str:
        """A criterion's, channel's or profile's name in this language (marked when only in the other one)."""
        return self.text(names)

    def quote(self, text: str) -> str:
        """The seeds' own words quoted: « … » in French, “…” in English."""
        return f"«{NARROW}{text}{NARROW}»" if self.lang == "fr" else f"“{text}”"

    def typeset(self, text: str) -> str:
        """Text given on the command line (a report's title, the client) in this language's typography."""
        return french_text(text) if self.lang == "fr" else text

    def text(self, text: Text | None) -> str:
        """A text of the data in this language; a text written only in the other language is shown in it,
        marked (``[en] ...``), never passed off as a translation. French texts get French typography."""
        if text is None:
            return ""
        if text.has(self.lang):
            own = text.get(self.lang)
            return french_text(own) if self.lang == "fr" else own
        other = "fr" if self.lang == "en" else "en"
        return f"[{other}] {text.get(other)}"

    def join(self, names: Sequence[str]) -> str:
        """``a, b and c``."""
        if len(names) <= 1:
            return "".join(names)
        return ", ".join(names[:-1]) + f" {self.say('and')} " + names[-1]

    def in_sentence(self, name: str) -> str:
        """A name as it reads inside a sentence (lower-case initial)."""
        return name[0].lower() + name[1:] if name else name

    def _decimal(self, text: str) -> str:
        return text.replace(".", ",") if self.lang == "fr" else text

    def number(self, value: float, digits: int = 2, *, sign: bool = False) -> str:
        """``value`` with ``digits`` decimals (and a ``+`` for positive values under ``sign``)."""
        value = on_grid(value)
        return self._decimal(f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}")

    def short(self, value: float, digits: int = 6) -> str:
        """``value`` in its shortest form with at most ``digits`` significant digits (``0.1``, ``50``)."""
        return self._decimal(f"{value:.{digits}g}")

    def integer(self, value: int) -> str:
        """``value`` with its thousands grouped."""
        return f"{value:,}".replace(",", _THOUSANDS[self.lang])

    def date(self, iso: str) -> str:
        """A date written ``YYYY-MM-DD`` as a reader writes it: "7 October 2014", "1er octobre 2014"; anything
        else as given."""
        parts = iso.split("-")
        if len(parts) != 3 or not all(part.isdigit() for part in parts) or not 1 <= int(parts[1]) <= 12:
            return iso
        day = int(parts[2])
        shown = "1er" if self.lang == "fr" and day == 1 else str(day)
        return f"{shown} {MONTHS[self.lang][int(parts[1]) - 1]} {parts[0]}"

    def percent(self, share: float, digits: int | None = None) -> str:
        """A share as a percentage, with ``digits`` decimals; by default whole percents, one decimal under 10 %,
        and "<0.1%" rather than a misleading 0."""
        share = on_grid(share)
        if digits is not None:
            return self._spaced(self._decimal(f"{share:.{digits}%}"))
        if 0 < share < 0.001:
            return self._spaced(self._decimal("<0.1%"))
        return self._spaced(self._decimal(f"{share:.1%}" if 0 < share < 0.1 else f"{share:.0%}"))

    def _spaced(self, text: str) -> str:
        """In French, a narrow no-break space before the percent sign (``39 %``)."""
        return text.replace("%", NARROW + "%") if self.lang == "fr" else text
