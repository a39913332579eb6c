"""The domain as plain, immutable records: criteria, channels, profiles and the catalog that holds them.

Nothing here knows about files: the records are built by :mod:`channelscore.data` (from YAML
or from the compiled data) and read by :mod:`channelscore.core`. A profile is always resolved:
what it inherits through ``extends`` is already merged in.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal, NamedTuple

from channelscore.errors import DataError, Problem, RequestError, suggestion

Group = Literal["client", "enterprise"]
# A segment (a sector or a kind of customer) says who complains; a situation, what the complaint is about;
# the base is the neutral starting point the others extend.
ProfileKind = Literal["base", "segment", "situation"]
Scope = Literal["study", "all"]
Family = Literal["human", "unassisted", "mixed"]
ExpectationKind = Literal["within_top", "outside_top", "only_in_top", "within_bottom", "above", "at_least",
                          "not_applicable", "rating_is", "rating_at_least", "rating_at_most", "rating_above",
                          "rating_not_below", "rating_highest", "rating_lowest"]
# Statements about a ranking (they depend on a profile's weights) and about ratings (they do not).
RANKING_KINDS = ("within_top", "outside_top", "only_in_top", "within_bottom", "above", "at_least", "not_applicable")
RATING_KINDS = ("rating_is", "rating_at_least", "rating_at_most", "rating_above", "rating_not_below",
                "rating_highest", "rating_lowest")


class Text(NamedTuple):
    """A text for people (a name, a reason, a description) in English and in French; a text written in one
    language only has None for the other. :meth:`channelscore.words.Words.text` marks a fallback."""

    en: str | None
    fr: str | None

    def get(self, lang: str) -> str:
        """The text in ``lang``, else in the other language."""
        own = self.fr if lang == "fr" else self.en
        if own is not None:
            return own
        return self.en if self.en is not None else self.fr or ""

    def has(self, lang: str) -> bool:
        """Whether the text is written in ``lang``."""
        return (self.fr if lang == "fr" else self.en) is not None


# A name is a short text: the same record.
Names = Text


def folded(text: str) -> str:
    """``text`` without case or accents, to match what a person types against a name ("telephone", "Téléphone")."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character)).strip()


class Poles(NamedTuple):
    """How a criterion reads as a strength and as a weakness, where its name alone would mislead
    ("customer effort": a strength is little effort, a weakness much)."""

    good: Names
    poor: Names


class Criterion(NamedTuple):
    """One evaluation criterion; 3 is always its desirable end."""

    id: str
    group: Group
    names: Names
    description: Text
    source: Text
    poles: Poles | None = None


class Rated(NamedTuple):
    """A rating (1, 2 or 3) with the reason for it and where the seeds support it."""

    rating: int
    reason: Text
    source: Text | None = None


class Channel(NamedTuple):
    """One complaint channel and its ratings on every criterion of the study; ``extra_ratings`` rates it on
    profiles' extra criteria (a profile's own rating of it comes first)."""

    id: str
    names: Names
    family: Family
    traits: tuple[str, ...]
    ratings: Mapping[str, Rated]
    best_practices: tuple[Text, ...] = ()
    extra_ratings: Mapping[str, Rated] = {}


class Factor(NamedTuple):
    """One part's share in a composed weight: a segment's weight, or a situation's multiplier (its weight
    over its base's), with the part's reason."""

    profile: str
    value: float
    multiplier: bool
    reason: Text
    source: Text | None = None


class Weight(NamedTuple):
    """A criterion's weight in a profile, with the reason for it and where the seeds support it; a composed
    profile's weight also lists the ``factors`` it is the product of."""

    value: float
    reason: Text
    source: Text | None = None
    factors: tuple[Factor, ...] = ()


class GroupSplit(NamedTuple):
    """Shares of the client and enterprise criteria; weights are normalised inside each group."""

    client: float
    enterprise: float
    reason: Text
    source: Text | None = None


class Adjustment(NamedTuple):
    """A rating the profile changes, for one channel or for every channel with a trait.

    ``overrides`` lets it win over another part's adjustment of the same rating in a composition;
    ``stated_by`` is the profile whose file states it.
    """

    criterion: str
    rating: int
    reason: Text
    channel: str | None = None
    trait: str | None = None
    source: Text | None = None
    overrides: bool = False
    stated_by: str | None = None

    def applies_to(self, channel: Channel) -> bool:
        return self.channel == channel.id or (self.trait is not None and self.trait in channel.traits)


class ExtraCriterion(NamedTuple):
    """A criterion a profile adds for its sector, rated for every channel."""

    id: str
    group: Group
    names: Names
    description: Text
    source: Text
    ratings: Mapping[str, Rated]


class NotApplicable(NamedTuple):
    """A channel that does not exist for a profile."""

    channel: str
    reason: Text
    source: Text | None = None


class Expectation(NamedTuple):
    """A checkable judgement of the seeds: about a profile's ranking, or about ratings.

    The channels it speaks about are named (``channels``), or all those of a ``trait`` or ``family``;
    ``than`` names the channels they are compared with, ``criterion`` and ``value`` the rating a
    rating statement is about. ``quote`` is the seeds' own words. ``unmet`` records a judgement the
    data deliberately does not meet, with the argument: its failure is a note, not an error.
    """

    statement: Text
    source: Text
    kind: ExpectationKind
    channels: tuple[str, ...] | None = None
    trait: str | None = None
    family: Family | None = None
    n: int | None = None
    quote: str | None = None
    than: tuple[str, ...] | None = None
    criterion: str | None = None
    value: int | None = None
    unmet: Text | None = None
    scope: Scope = "study"
    stated_by: str | None = None
    position: int = 0

    def key(self) -> tuple[str | None, int]:
        """Which statement this is: the profile that states it and its place in that profile's list."""
        return self.stated_by, self.position


class Part(NamedTuple):
    """One profile of a composition, by id, names and kind."""

    id: str
    names: Names
    kind: ProfileKind


class SetAside(NamedTuple):
    """A statement of one part of a composition left unchecked, because no ranking can satisfy it
    together with ``against``, a statement of another part (or of the rest, when None)."""

    expectation: Expectation
    against: Expectation | None


class StatementTally(NamedTuple):
    """How many of the profiles' statements ``validate`` checked, the study's (citing its texts) and the data's
    own, and how many of each fail (in the profile that states them or in one that inherits them)."""

    study: int = 0
    study_failing: int = 0
    own: int = 0
    own_failing: int = 0


class Reference(NamedTuple):
    """A text of the consultant's own that a profile rests on (interviews, a survey, a client's figures)."""

    title: Text
    author: str | None = None
    date: str | None = None
    link: str | None = None


class Profile(NamedTuple):
    """The weights and segment knowledge of a sector or situation, with everything inherited merged in.

    ``chain`` lists the profile and those it extends, nearest first; ``expectations`` are its own and
    those it inherits (each knows the profile that states it); ``references`` are the consultant's own
    sources, the inherited ones first. A composition (``local-retail+urgent-breakdown``) names its
    ``parts``, segment first, and the statements of the parts it ``set_aside``. A situation keeps the
    weights of its ``base`` (the nearest profile it extends that is not a situation): its multipliers
    are its weights over those (``base_weights``), its group shares over the base's (``base_split``).
    """

    id: str
    names: Names
    description: Text
    weights: Mapping[str, Weight]
    source: Text | None = None
    aliases: tuple[str, ...] = ()
    extends: tuple[str, ...] = ()
    chain: tuple[str, ...] = ()
    group_split: GroupSplit | None = None
    adjustments: tuple[Adjustment, ...] = ()
    extra_criteria: tuple[ExtraCriterion, ...] = ()
    not_applicable: tuple[NotApplicable, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    references: tuple[Reference, ...] = ()
    kind: ProfileKind = "segment"
    parts: tuple[Part, ...] = ()
    set_aside: tuple[SetAside, ...] = ()
    base_weights: Mapping[str, Weight] | None = None
    base_split: GroupSplit | None = None


class Source(NamedTuple):
    """A text the data cites: ``file`` is the name citations start with; ``short`` what a citation calls it;
    ``described`` when the title is ours (the text has none); ``site`` and ``date`` when the text gives them."""

    id: str
    file: str
    titles: Names
    short: Names
    described: bool = False
    site: str | None = None
    date: str | None = None


class Catalog(NamedTuple):
    """The criteria, channels and profiles of one data folder; ``expectations`` are the rating statements of
    the channels file, true of the ratings whatever the profile.

    ``unusable`` holds, for each profile that cannot be resolved (an unknown or circular
    ``extends``, a criterion left without weight), the located problems that say why; asking
    for such a profile raises them, while every other profile stays usable.
    """

    root: Path
    criteria: tuple[Criterion, ...]
    channels: tuple[Channel, ...]
    profiles: Mapping[str, Profile]
    aliases: Mapping[str, str]
    unusable: Mapping[str, tuple[Problem, ...]]
    sources: tuple[Source, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    study_channels: frozenset[str] | None = None

    def in_study(self, channel: str) -> bool:
        """Whether ``channel`` is one the study rates (every channel, when the catalog does not say)."""
        return self.study_channels is None or channel in self.study_channels

    def profile_names(self) -> list[str]:
        """Every id and alias a profile can be asked for by."""
        return sorted({*self.profiles, *self.unusable}) + sorted(self.aliases)

    def profile(self, name: str) -> Profile:
        """The profile whose id, alias or name (in either language, case and accents aside) is ``name``."""
        profile_id = self.aliases.get(name, name)
        if profile_id not in self.profiles and profile_id not in self.unusable:
            named = [p.id for p in self.profiles.values() if folded(name) in {folded(t) for t in p.names if t}]
            profile_id = named[0] if len(named) == 1 else profile_id
        if profile_id in self.unusable:
            raise DataError(list(self.unusable[profile_id]))
        if profile_id not in self.profiles:
            raise RequestError(f"unknown profile `{name}`",
                               hint=suggestion(name, self.profile_names())
                               or "profiles: " + ", ".join(sorted({*self.profiles, *self.unusable})))
        return self.profiles[profile_id]

    @property
    def traits(self) -> list[str]:
        return sorted({trait for channel in self.channels for trait in channel.traits})
